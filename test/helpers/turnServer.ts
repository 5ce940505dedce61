// A throw-away coturn (Debian's turnserver) on loopback, with coturn's use-auth-secret
// scheme, for testing the relay path for real.
import { spawn, type ChildProcess } from 'node:child_process';
import { freePort } from './freePort';

export interface TurnServer {
  url: string;
  secret: string;
  /** the ports coturn relays from: a transport seen from there went through TURN */
  relayPorts: { min: number; max: number };
  stop(): Promise<void>;
}

export async function startTurn(): Promise<TurnServer> {
  const port = await freePort();
  const secret = 'tongke-test-turn-secret';
  const relayPorts = { min: 49500, max: 49600 };
  const child: ChildProcess = spawn(
    process.env.TURNSERVER_BIN ?? 'turnserver',
    [
      '-n',
      '--listening-ip=127.0.0.1',
      '--relay-ip=127.0.0.1',
      `--listening-port=${port}`,
      `--min-port=${relayPorts.min}`,
      `--max-port=${relayPorts.max}`,
      '--use-auth-secret',
      `--static-auth-secret=${secret}`,
      '--realm=tongke',
      // The SFU is on loopback in tests; in production the config denies private ranges.
      '--allow-loopback-peers',
      '--no-cli',
      '--no-tls',
      '--no-dtls',
      '--log-file=stdout',
      '--simple-log',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('turnserver did not start')), 10_000);
    child.once('error', (e) =>
      reject(new Error(`cannot start turnserver (apt-get install coturn): ${e.message}`)),
    );
    child.stdout?.on('data', (chunk: Buffer) => {
      if (/listener opened on|Total General servers/i.test(chunk.toString())) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  return {
    url: `turn:127.0.0.1:${port}?transport=udp`,
    secret,
    relayPorts,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
