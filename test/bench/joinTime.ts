// Benchmark 4: join time, from a classroom's join request to its first decoded frame of
// the teacher's camera, against the real server (startTongke: fastify, socket.io, the
// worker pool) with a wrtc teacher publishing simulcast through the real client.
//   Node: a wrtc classroom (LiveRoomClient), timed in its own process.
//   Chromium: the built /classroom page in headless Debian Chromium; the page records
//   window.__tongke.joinRequestedAt and firstTeacherFrameAt (performance.now()).
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { repoRoot } from '../../infra/mediasoup-worker/locate.mjs';
import { launchChromium, chromiumPath } from '../helpers/chromium';
import { startTongke } from '../helpers/tongkeServer';
import { startChild } from './child';
import type { JoinHandlers } from './joinProcess';
import { percentile, round, sleep } from './measure';

export interface JoinFigures {
  repeats: number;
  failures: number;
  p50Ms: number;
  p95Ms: number;
  /** join request → join acknowledged and transports ready (Node only) */
  joinAckP50Ms?: number;
  samplesMs: number[];
}

export interface JoinResult {
  /** what served the joins: the real server, or its signaling + media parts only */
  server: string;
  node: JoinFigures;
  chromium: JoinFigures | { notMeasured: string };
}

function figures(samples: number[], failures: number, repeats: number): JoinFigures {
  return {
    repeats,
    failures,
    p50Ms: round(percentile(samples, 50)),
    p95Ms: round(percentile(samples, 95)),
    samplesMs: samples.map((s) => round(s)),
  };
}

async function chromiumJoins(url: string, roomId: string, roomCode: string, repeats: number) {
  const page = join(repoRoot, 'dist/client/classroom/index.html');
  if (!existsSync(page))
    return { notMeasured: 'dist/client has no classroom page (npm run build:client)' };
  if (!existsSync(chromiumPath)) return { notMeasured: `no Chromium at ${chromiumPath}` };
  const browser = await launchChromium();
  const samples: number[] = [];
  let failures = 0;
  try {
    for (let i = 0; i < repeats; i++) {
      const q = new URLSearchParams({
        room: roomId,
        name: `chromium classroom ${i}`,
        code: roomCode,
      });
      const tab = await browser.newPage(`${url}/classroom/?${q}`);
      try {
        const t = await tab.waitForFunction(
          () => {
            const d = (
              window as unknown as {
                __tongke?: { joinRequestedAt?: number; firstTeacherFrameAt?: number };
              }
            ).__tongke;
            return d?.firstTeacherFrameAt !== undefined && d.joinRequestedAt !== undefined
              ? d.firstTeacherFrameAt - d.joinRequestedAt
              : false;
          },
          undefined,
          { timeout: 15_000, polling: 50 },
        );
        samples.push(Number(await t.jsonValue()));
      } catch {
        failures += 1;
      } finally {
        await tab.close();
      }
      await sleep(500);
    }
  } finally {
    await browser.close();
  }
  if (samples.length === 0)
    return { notMeasured: `the page never reported a first teacher frame (${failures} tries)` };
  return figures(samples, failures, repeats);
}

/** The real server (test/helpers/tongkeServer: server/app.ts), serving the built client. */
async function startServer(): Promise<{ url: string; kind: string; close(): Promise<void> }> {
  const server = await startTongke({ numWorkers: 1 });
  return { url: server.url, kind: 'server/app.ts (startTongke)', close: () => server.close() };
}

export async function benchJoinTime(options: {
  repeats: number;
  chromiumRepeats: number;
}): Promise<JoinResult> {
  const server = await startServer();
  const child = startChild<JoinHandlers>(join(repoRoot, 'test/bench/joinProcess.ts'));
  const room = { url: server.url, roomId: 'bench-join', roomCode: 'bench' };
  try {
    const teacherId = await child.call('teacher', room);
    // Let the teacher's encoder and bandwidth estimate settle, as in a lesson under way.
    await sleep(3000);
    const node = await child.call('joins', {
      ...room,
      teacherId,
      repeats: options.repeats,
      gapMs: 400,
    });
    const nodeFigures = {
      ...figures(
        node.samples.map((s) => s.firstFrameMs),
        node.failures.length,
        options.repeats,
      ),
      joinAckP50Ms: round(
        percentile(
          node.samples.map((s) => s.joinAckMs),
          50,
        ),
      ),
    };
    const chromium =
      options.chromiumRepeats > 0
        ? await chromiumJoins(server.url, room.roomId, room.roomCode, options.chromiumRepeats)
        : { notMeasured: 'skipped in the smoke run' };
    return { server: server.kind, node: nodeFigures, chromium };
  } finally {
    await child.stop();
    await server.close();
  }
}
