// Export jobs: one MP4 per recording, composed by ffmpeg at low priority (nice 19, below
// the live media), one job at a time on this server, progress read from ffmpeg's
// `-progress` output. The result stays beside the segments and is served with them.
import { spawn } from 'node:child_process';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ExportStatus, Manifest } from '../../shared/recording';
import { exportPlan } from './exportPlan';

export const EXPORT_FILE = 'export.mp4';
const STATUS_FILE = 'export.json';

export interface ExportJobsOptions {
  ffmpegPath: string;
  dirOf: (recordingId: string) => string;
  /** nice level of the export process (19: only what live media leaves) */
  niceness?: number;
  log: { warn(obj: object, msg: string): void };
}

export class ExportJobs {
  readonly #o: ExportJobsOptions;
  readonly #status = new Map<string, ExportStatus>();
  #queue: Promise<unknown> = Promise.resolve();

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

  async #run(recordingId: string, manifest: Manifest, status: ExportStatus): Promise<void> {
    const dir = this.#o.dirOf(recordingId);
    const out = join(dir, EXPORT_FILE);
    const plan = exportPlan(manifest, (f) => join(dir, f), `${out}.part.mp4`);
    status.state = 'running';
    const child = spawn(
      'nice',
      ['-n', String(this.#o.niceness ?? 19), this.#o.ffmpegPath, ...plan.args],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr
      .setEncoding('utf8')
      .on('data', (c: string) => (stderr = (stderr + c).slice(-4000)));
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      for (const m of chunk.matchAll(/out_time_us=(\d+)/g)) {
        const done = Number(m[1]) / 1e6 / Math.max(plan.durationS, 0.001);
        status.progress = Math.min(0.99, Math.max(status.progress, done));
      }
    });
    const code = await new Promise<number | null>((resolve) => {
      child.once('exit', resolve);
      child.once('error', () => resolve(-1));
    });
    if (code === 0) {
      await rename(`${out}.part.mp4`, out);
      Object.assign(status, { state: 'done', progress: 1, file: EXPORT_FILE });
    } else {
      await rm(`${out}.part.mp4`, { force: true });
      this.#o.log.warn({ recordingId, code, stderr }, 'recording export failed');
      Object.assign(status, {
        state: 'failed',
        error: stderr.trim().slice(-300) || `exit ${code}`,
      });
    }
    await writeFile(join(dir, STATUS_FILE), JSON.stringify(status)).catch(() => undefined);
  }
}
