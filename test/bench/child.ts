// Benchmark helper processes: a typed request/reply over Node's IPC channel, so load
// generators and receivers run beside (not inside) the process that measures the worker.
import { fork, type ChildProcess } from 'node:child_process';

type Handlers = Record<string, (args: never) => unknown>;

interface Request {
  id: number;
  method: string;
  args: unknown;
}
interface Reply {
  id: number;
  result?: unknown;
  error?: string;
}

export interface Child<H extends Handlers> {
  call<M extends keyof H & string>(
    method: M,
    ...args: Parameters<H[M]>
  ): Promise<Awaited<ReturnType<H[M]>>>;
  readonly pid: number;
  /** Asks the child to exit, and kills it if it has not within a second. */
  stop(): Promise<void>;
}

/** Starts `file` (a .ts module that calls `serve`) with tsx, in its own process. */
export function startChild<H extends Handlers>(
  file: string,
  env: NodeJS.ProcessEnv = {},
  /** a network namespace to run it in (`ip netns exec`), as a classroom behind its link */
  netns?: string,
): Child<H> {
  const tsx = ['--import', 'tsx'];
  const child: ChildProcess = fork(file, [], {
    ...(netns
      ? { execPath: 'ip', execArgv: ['netns', 'exec', netns, process.execPath, ...tsx] }
      : { execArgv: tsx }),
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let next = 1;
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  child.on('message', (message: Reply) => {
    const p = pending.get(message.id);
    if (!p) return;
    pending.delete(message.id);
    if (message.error !== undefined) p.reject(new Error(message.error));
    else p.resolve(message.result);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.once('exit', (code, signal) => {
    for (const p of pending.values()) p.reject(new Error(`${file} exited (${signal ?? code})`));
    pending.clear();
  });
  return {
    pid: child.pid ?? 0,
    call(method, ...rest) {
      const args = rest[0] ?? null;
      return new Promise((resolve, reject) => {
        if (!child.connected) {
          reject(new Error(`${file} is not running`));
          return;
        }
        const id = next++;
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        child.send({ id, method, args } satisfies Request);
      });
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      if (child.connected) child.send({ id: 0, method: '__exit', args: null });
      const timer = setTimeout(() => child.kill('SIGKILL'), 1000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** The child side: answers requests with the handlers; exits when asked or orphaned. */
export function serve(
  handlers: Handlers,
  onExit: () => void | Promise<void> = () => undefined,
): void {
  const exit = async () => {
    await onExit();
    process.exit(0);
  };
  process.on('disconnect', () => void exit());
  process.on('message', async (message: Request) => {
    if (message.method === '__exit') {
      await exit();
      return;
    }
    const handler = handlers[message.method] as ((args: unknown) => unknown) | undefined;
    try {
      if (!handler) throw new Error(`no method ${message.method}`);
      const result = await handler(message.args);
      process.send?.({ id: message.id, result } satisfies Reply);
    } catch (error) {
      process.send?.({ id: message.id, error: (error as Error).message } satisfies Reply);
    }
  });
}
