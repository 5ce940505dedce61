// One ffmpeg process writing one segment: RTP in (described by an SDP file), codec data
// copied, no re-encode, into WebM/Matroska clusters of at most a second, flushed as they
// close, so a process that dies mid-write leaves a file that plays up to its last second.
import { spawn, type ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { setPriority } from 'node:os';
import { udpPortBound } from './ports';

export interface RecorderProcessOptions {
  ffmpegPath: string;
  sdpFile: string;
  outFile: string;
  format: 'webm' | 'mkv';
  /** the RTP ports it must be listening on before the worker starts sending */
  ports: number[];
  /** their RTCP ports, where a BYE ends the session */
  rtcpPorts: number[];
  /**
   * nice level of the recorder (10 by default): on a node short of CPU the worker relaying
   * the live lesson wins, the recorder reads what its socket buffered once it runs again.
   */
  niceness?: number;
  log?: { warn(obj: object, msg: string): void };
}

export type RecorderExit = {
  code: number | null;
  signal: string | null;
  asked: boolean;
  /** when it ended, if known better than when its end was seen (a recorder agent lost) */
  at?: number;
};

export class RecorderProcess {
  readonly #child: ChildProcess;
  readonly #exited: Promise<RecorderExit>;
  #asked = false;
  #stderr = '';

  constructor(readonly options: RecorderProcessOptions) {
    const args = [
      '-hide_banner',
      '-nostdin',
      '-loglevel',
      'warning',
      '-protocol_whitelist',
      'file,udp,rtp',
      // Enough to see the first keyframe (asked for at start), not so long that a
      // missing stream holds the file back.
      '-analyzeduration',
      '3000000',
      '-probesize',
      '5000000',
      '-reorder_queue_size',
      '256',
      // A socket buffer for the seconds a niced recorder may wait for the CPU (the kernel
      // caps it at net.core.rmem_max: 4 MB on a tuned media host, 208 KB stock).
      '-buffer_size',
      String(4 * 1024 * 1024),
      '-i',
      options.sdpFile,
      '-map',
      '0',
      '-c',
      'copy',
      '-f',
      options.format === 'webm' ? 'webm' : 'matroska',
      '-cluster_time_limit',
      '1000',
      '-flush_packets',
      '1',
      '-y',
      options.outFile,
    ];
    this.#child = spawn(options.ffmpegPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    if (this.#child.pid !== undefined) {
      try {
        setPriority(this.#child.pid, options.niceness ?? 10);
      } catch {
        // Exited already (its exit says why) or not permitted: it records at normal priority.
      }
    }
    this.#child.stderr?.setEncoding('utf8');
    this.#child.stderr?.on('data', (chunk: string) => {
      // Keep the tail only: a long lesson's warnings must not grow without bound.
      this.#stderr = (this.#stderr + chunk).slice(-4000);
    });
    this.#exited = new Promise((resolve) => {
      this.#child.once('exit', (code, signal) => resolve({ code, signal, asked: this.#asked }));
      this.#child.once('error', (error) => {
        this.#stderr += error.message;
        resolve({ code: -1, signal: null, asked: this.#asked });
      });
    });
  }

  get pid(): number | undefined {
    return this.#child.pid;
  }

  get stderr(): string {
    return this.#stderr;
  }

  get exited(): Promise<RecorderExit> {
    return this.#exited;
  }

  /** Resolves once every RTP port is bound (the kernel then buffers what the worker sends). */
  async listening(timeoutMs = 5000): Promise<void> {
    const until = Date.now() + timeoutMs;
    let done = false;
    void this.#exited.then(() => (done = true));
    for (;;) {
      const bound = await Promise.all(this.options.ports.map((p) => udpPortBound(p)));
      if (bound.every(Boolean)) return;
      if (done) throw new Error(`recorder exited before listening: ${this.#stderr.trim()}`);
      if (Date.now() > until) throw new Error('recorder did not listen in time');
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /**
   * Ends the RTP session the way RTP does, with an RTCP BYE on every stream: ffmpeg then
   * reaches the end of its input and writes the file's index and duration. A signal would
   * not do: ffmpeg sees SIGINT only between packets, and when none arrive any more (the
   * producer is gone) only a second signal interrupts its read, and that one also aborts
   * writing the index. SIGINT follows if the BYE went unheard; SIGKILL if all else fails.
   */
  async stop(timeoutMs = 5000): Promise<RecorderExit> {
    if (this.#asked) return this.#exited;
    this.#asked = true;
    if (this.#child.exitCode !== null || this.#child.signalCode !== null) return this.#exited;
    await sendBye(this.options.rtcpPorts);
    const interrupt = setTimeout(() => this.#child.kill('SIGINT'), 1500);
    const kill = setTimeout(() => this.#child.kill('SIGKILL'), timeoutMs);
    const exit = await this.#exited;
    clearTimeout(interrupt);
    clearTimeout(kill);
    return exit;
  }
}

/**
 * An RTCP BYE for two SSRCs (12 bytes: ffmpeg ignores RTCP packets shorter than an RTP
 * header), sent twice to each port in case one is lost (loopback: it is not).
 */
const BYE = Buffer.from([0x82, 0xcb, 0x00, 0x02, 0, 0, 0, 1, 0, 0, 0, 2]);

async function sendBye(ports: number[]): Promise<void> {
  const socket = createSocket('udp4');
  try {
    for (let i = 0; i < 2; i++) {
      for (const port of ports) {
        await new Promise<void>((resolve) => socket.send(BYE, port, '127.0.0.1', () => resolve()));
      }
    }
  } finally {
    socket.close();
  }
}
