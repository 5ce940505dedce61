// The recorder agent's API as a relaying node — or someone who is not one — meets it: only
// the token opens it, every body is checked and a wrong one is named, and a reservation
// becomes a real ffmpeg that is stopped cleanly and says how it ended.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExitReply, ReserveReply, StartBody } from '../../../shared/recorderAgent';
import { agentApp } from '../../../server/recorderAgent/agentApp';

const token = 'agent-secret-0123456789';
const auth = { authorization: `Bearer ${token}` };
const vp8 = {
  kind: 'video' as const,
  producerId: 'p-camera',
  rtpParameters: {
    codecs: [{ mimeType: 'video/VP8', payloadType: 96, clockRate: 90000 }],
    encodings: [{ ssrc: 1111 }],
  },
};

describe('the recorder agent API', () => {
  let dir: string;
  let built: ReturnType<typeof agentApp>;
  const app = () => built.app;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tongke-agent-api-'));
    built = agentApp({
      token,
      logLevel: 'silent',
      root: dir,
      rtpIp: '127.0.0.2',
      portRange: [41000, 41999],
      ffmpegPath: 'ffmpeg',
      log: { warn: () => undefined },
    });
  });

  afterAll(async () => {
    await built.app.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('answers nobody without its token (401, Chinese first), its health to anyone', async () => {
    for (const headers of [{}, { authorization: 'Bearer wrong-token-0123456789' }]) {
      const res = await app().inject({
        method: 'POST',
        url: '/recorders',
        headers,
        payload: { streams: 1 },
      });
      expect(res.statusCode).toBe(401);
      expect(res.json()).toMatchObject({
        error: 'unauthorized',
        message: expect.stringMatching(/^录制代理/),
      });
    }
    const health = await app().inject({ method: 'GET', url: '/health' });
    expect(health.json()).toEqual({ ok: true, running: 0 });
  });

  it('names the field of a wrong body and starts nothing', async () => {
    const bad = await app().inject({
      method: 'POST',
      url: '/recorders',
      headers: auth,
      payload: { streams: 0 },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details).toEqual([expect.objectContaining({ field: 'body/streams' })]);

    const { id } = (
      await app().inject({
        method: 'POST',
        url: '/recorders',
        headers: auth,
        payload: { streams: 1 },
      })
    ).json<ReserveReply>();
    const cases: [Partial<StartBody> & Record<string, unknown>, string][] = [
      [{ folder: '../etc', segment: '001-teacher', streams: [vp8] }, 'body/folder'],
      [{ folder: 'lesson-1', segment: 'a/b', streams: [vp8] }, 'body/segment'],
      [{ folder: 'lesson-1', segment: '001-teacher', streams: [] }, 'body/streams'],
      [{ folder: 'lesson-1', segment: '001-teacher' }, 'body/streams'],
      [
        {
          folder: 'lesson-1',
          segment: '001-teacher',
          streams: [vp8, { ...vp8, producerId: 'p2' }],
        },
        'body/streams',
      ],
    ];
    for (const [payload, field] of cases) {
      const res = await app().inject({
        method: 'PUT',
        url: `/recorders/${id}`,
        headers: auth,
        payload,
      });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().details?.[0]?.field ?? res.json().message).toContain(field);
    }
    const unknown = await app().inject({
      method: 'PUT',
      url: '/recorders/nope',
      headers: auth,
      payload: { folder: 'x', segment: 'y', streams: [vp8] },
    });
    expect(unknown.statusCode).toBe(404);
    const exit = await app().inject({ method: 'GET', url: '/recorders/nope/exit', headers: auth });
    expect(exit.statusCode).toBe(404);
    // Nothing was written outside the folder, and nothing inside it either.
    expect(await readdir(dir)).toEqual([]);
  });

  it('runs a reserved recorder on its own address and stops it cleanly', async () => {
    const reserved = (
      await app().inject({
        method: 'POST',
        url: '/recorders',
        headers: auth,
        payload: { streams: 1 },
      })
    ).json<ReserveReply>();
    expect(reserved.destinations).toEqual([
      {
        ip: '127.0.0.2',
        rtpPort: expect.any(Number),
        rtcpPort: reserved.destinations[0]!.rtpPort + 1,
      },
    ]);
    const started = await app().inject({
      method: 'PUT',
      url: `/recorders/${reserved.id}`,
      headers: auth,
      payload: { folder: 'series-math:2025-09-01', segment: '001-teacher', streams: [vp8] },
    });
    expect(started.statusCode).toBe(200);
    expect(started.json()).toEqual({
      file: 'series-math:2025-09-01/001-teacher.webm',
      pid: expect.any(Number),
    });
    const again = await app().inject({
      method: 'PUT',
      url: `/recorders/${reserved.id}`,
      headers: auth,
      payload: { folder: 'x', segment: 'y', streams: [vp8] },
    });
    expect(again.statusCode).toBe(409);
    expect((await app().inject({ method: 'GET', url: '/health' })).json()).toEqual({
      ok: true,
      running: 1,
    });
    const waiting = await app().inject({
      method: 'GET',
      url: `/recorders/${reserved.id}/exit?waitMs=200`,
      headers: auth,
    });
    expect(waiting.json<ExitReply>()).toEqual({ running: true });
    const stopped = await app().inject({
      method: 'POST',
      url: `/recorders/${reserved.id}/stop`,
      headers: auth,
    });
    expect(stopped.json<ExitReply>()).toMatchObject({ running: false, asked: true });
    const read = await app().inject({
      method: 'GET',
      url: `/recorders/${reserved.id}/exit`,
      headers: auth,
    });
    expect(read.json<ExitReply>()).toMatchObject({ running: false, asked: true });
    expect((await app().inject({ method: 'GET', url: '/health' })).json()).toEqual({
      ok: true,
      running: 0,
    });
  });
});
