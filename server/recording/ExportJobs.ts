// Export jobs: one MP4 per recording, composed by ffmpeg at low priority (nice 19, below
// the live media), one job at a time on this server, progress read from ffmpeg's
// `-progress` output. The result stays beside the segments and is served with them.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { ExportStatus, Manifest } from '../../shared/recording';
import { prepareOverlay, type Overlay } from './exportOverlay';
import { exportPlan } from './exportPlan';

export const EXPORT_FILE = 'export.mp4';
const STATUS_FILE = 'export.json';

export interface ExportJobsOptions {
  ffmpegPath: string;
  /** reads the courseware's picture size, to lay the 批注 on it (default: `ffprobe`) */
  ffprobePath?: string;
  dirOf: (recordingId: string) => string;
  /** nice level of the export process (19: only what live media leaves) */
  niceness?: number;
  /**
   * An export whose ffmpeg has not moved its output time forward for this long is killed
   * and failed (a filter graph that stalls must not spin a core for ever). Starved at nice
   * 19 by a busy node, ffmpeg still advances, slowly: this is about no progress at all.
   */
  stallMs?: number;
  log: { warn(obj: object, msg: string): void };
}

export class ExportJobs {
  readonly #o: ExportJobsOptions;
  readonly #status = new Map<string, ExportStatus>();
  #queue: Promise<unknown> = Promise.resolve();
  #running: ChildProcess | undefined;
  #closed = false;

  constructor(options: ExportJobsOptions) {
    this.#o = options;
  }

  status(recordingId: string): ExportStatus | undefined {
    return this.#status.get(recordingId);
  }

  /** What a previous run left on disk (a finished export survives a restart). */
  async load(recordingId: string): Promise<ExportStatus | undefined> {
    const known = this.#status.get(recordingId);
    if (known) return known;
    const text = await readFile(join(this.#o.dirOf(recordingId), STATUS_FILE), 'utf8').catch(
      () => undefined,
    );
    if (!text) return undefined;
    const status = JSON.parse(text) as ExportStatus;
    if (status.state === 'done') this.#status.set(recordingId, status);
    return status.state === 'done' ? status : undefined;
  }

  /** Queues an export (idempotent while one is queued or running). */
  start(recordingId: string, manifest: Manifest): ExportStatus {
    const current = this.#status.get(recordingId);
    if (current && (current.state === 'queued' || current.state === 'running')) return current;
    const status: ExportStatus = { state: 'queued', progress: 0 };
    this.#status.set(recordingId, status);
    const job = () => this.#run(recordingId, manifest, status);
    this.#queue = this.#queue.then(job, job);
    return status;
  }

  /** Whether an export of the recording is queued or running. */
  busy(recordingId: string): boolean {
    const state = this.#status.get(recordingId)?.state;
    return state === 'queued' || state === 'running';
  }

  /** Forgets a finished export (its recording was deleted). */
  forget(recordingId: string): void {
    if (!this.busy(recordingId)) this.#status.delete(recordingId);
  }

  /** Resolves when every queued export has finished. */
  idle(): Promise<unknown> {
    return this.#queue;
  }

  /** Server shutdown: the running export is killed (never left running without its server). */
  async close(): Promise<void> {
    this.#closed = true;
    this.#running?.kill('SIGKILL');
    // A job that failed said so in its status: shutdown goes on.
    await this.#queue.catch(() => undefined);
  }

  async #run(recordingId: string, manifest: Manifest, status: ExportStatus): Promise<void> {
    // absolute: ffmpeg runs in the folder, so the ASS file needs no escaping in its graph
    const dir = resolve(this.#o.dirOf(recordingId));
    const out = join(dir, EXPORT_FILE);
    const overlay: Overlay = await prepareOverlay(
      dir,
      manifest,
      this.#o.ffprobePath ?? 'ffprobe',
    ).catch((error: Error) => {
      this.#o.log.warn({ recordingId, err: error.message }, 'export: 批注、计时器、题目 left out');
      return { sheets: [] };
    });
    const plan = exportPlan(manifest, (f) => join(dir, f), `${out}.part.mp4`, {
      ...(overlay.file ? { ink: overlay.file } : {}),
      sheets: overlay.sheets,
    });
    if (this.#closed) {
      Object.assign(status, {
        state: 'failed',
        error: '服务器停止，导出未开始 / the server stopped before the export ran',
      });
      return;
    }
    status.state = 'running';
    // `nice` execs ffmpeg: the child's pid is ffmpeg's, and a kill reaches it.
    const child = spawn(
      'nice',
      ['-n', String(this.#o.niceness ?? 19), this.#o.ffmpegPath, ...plan.args],
      { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    this.#running = child;
    const stallMs = this.#o.stallMs ?? 120_000;
    let stalled = false;
    let lastOutUs = -1;
    const watchdog = () =>
      setTimeout(() => {
        stalled = true;
        child.kill('SIGKILL');
      }, stallMs);
    let stall = watchdog();
    let stderr = '';
    child.stderr
      .setEncoding('utf8')
      .on('data', (c: string) => (stderr = (stderr + c).slice(-4000)));
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      for (const m of chunk.matchAll(/out_time_us=(\d+)/g)) {
        const outUs = Number(m[1]);
        if (outUs > lastOutUs) {
          lastOutUs = outUs;
          clearTimeout(stall);
          stall = watchdog();
        }
        const done = outUs / 1e6 / Math.max(plan.durationS, 0.001);
        status.progress = Math.min(0.99, Math.max(status.progress, done));
      }
    });
    const code = await new Promise<number | null>((resolve) => {
      child.once('exit', resolve);
      child.once('error', () => resolve(-1));
    });
    clearTimeout(stall);
    this.#running = undefined;
    if (code === 0) {
      await rename(`${out}.part.mp4`, out);
      Object.assign(status, { state: 'done', progress: 1, file: EXPORT_FILE });
    } else {
      await rm(`${out}.part.mp4`, { force: true });
      this.#o.log.warn({ recordingId, code, stderr }, 'recording export failed');
      const why = stalled
        ? `导出停滞 ${stallMs / 1000} 秒无进展，已停止 / no progress for ${stallMs / 1000} s: stopped`
        : this.#closed
          ? '服务器停止，导出中断 / the server stopped during the export'
          : stderr.trim().slice(-300) || `exit ${code}`;
      Object.assign(status, { state: 'failed', error: why });
    }
    await writeFile(join(dir, STATUS_FILE), JSON.stringify(status)).catch(() => undefined);
  }
}
