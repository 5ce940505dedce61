/** What the server's parts log through: fastify's pino logger in the app, console alone. */
export interface Log {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export const consoleLog: Log = {
  warn: (obj, msg) => console.warn(msg, obj),
  error: (obj, msg) => console.error(msg, obj),
};
