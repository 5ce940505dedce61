// An export's ffmpeg never outlives its purpose: one that stops making progress is killed
// and failed with a reason a person reads, and the server's shutdown kills a running one.
// The "ffmpeg" here is a real process that behaves like a stuck or a slow one.
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Manifest } from '../../../shared/recording';
import { ExportJobs } from '../../../server/recording/ExportJobs';

const manifest: Manifest = {
  recordingId: 'r',
  roomId: 'r',
  kind: 'lesson',
  state: 'stopped',
  startedAt: 1000,
  endedAt: 11_000,
  segments: [
    {
      id: 't',
      track: 'teacher',
      peerId: 'p',
      displayName: '王老师',
      file: 't.webm',
      streams: ['video', 'audio'],
      startedAt: 1000,
      endedAt: 11_000,
      end: 'stopped',
      playable: true,
    },
  ],
  gaps: [],
};

let dir: string;
const fake = async (name: string, body: string) => {
  const path = join(dir, name);
  await writeFile(path, `#!/bin/sh\n${body}\n`);
  await chmod(path, 0o755);
  return path;
};
const running = (marker: string) => {
  try {
    return execFileSync('pgrep', ['-f', marker]).toString().trim().length > 0;
  } catch {
    return false;
  }
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tongke-export-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('an export job', () => {
  it('that makes no progress is stopped and failed, saying why', async () => {
    // Reports one moment of output, then hangs as a stalled filter graph would.
    const stuck = await fake(
      'stuck-ffmpeg',
      'echo out_time_us=500000\nwhile :; do sleep 0.2; done',
    );
    const jobs = new ExportJobs({
      ffmpegPath: stuck,
      dirOf: () => dir,
      stallMs: 1500,
      log: { warn() {} },
    });
    const began = Date.now();
    jobs.start('r', manifest);
    await jobs.idle();
    expect(Date.now() - began).toBeLessThan(10_000);
    const status = jobs.status('r')!;
    expect(status.state).toBe('failed');
    expect(status.error).toContain('导出停滞');
    expect(running(`${dir}/stuck-ffmpeg`)).toBe(false);
  });

  it('that still advances is not stopped, however slowly', async () => {
    const slow = await fake(
      'slow-ffmpeg',
      'for i in 1 2 3 4 5 6; do echo out_time_us=${i}00000; sleep 0.5; done\n' +
        // the last argument is the output file, written as ffmpeg would
        'for last; do :; done; : > "$last"',
    );
    const jobs = new ExportJobs({
      ffmpegPath: slow,
      dirOf: () => dir,
      stallMs: 1200,
      log: { warn() {} },
    });
    jobs.start('r', manifest);
    await jobs.idle();
    expect(jobs.status('r')).toMatchObject({ state: 'done', progress: 1 });
  });

  it('is killed when the server stops, not left running', async () => {
    const busy = await fake(
      'busy-ffmpeg',
      'i=0; while :; do i=$((i+1)); echo out_time_us=${i}00000; sleep 0.2; done',
    );
    const jobs = new ExportJobs({ ffmpegPath: busy, dirOf: () => dir, log: { warn() {} } });
    jobs.start('r', manifest);
    await expect.poll(() => jobs.status('r')?.state).toBe('running');
    await expect.poll(() => running(`${dir}/busy-ffmpeg`)).toBe(true);
    await jobs.close();
    expect(running(`${dir}/busy-ffmpeg`)).toBe(false);
    expect(jobs.status('r')).toMatchObject({ state: 'failed' });
    expect(jobs.status('r')!.error).toContain('服务器停止');
  });
});
