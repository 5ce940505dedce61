// The recording routes: readable by whoever may read the lesson record and no one else;
// segment files served with byte ranges, and only those the manifest names.
import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Manifest } from '../../../shared/recording';
import { occurrence } from '../../unit/lessons/support/occurrences';
import { startLessonServer, type LessonServer } from '../lessons/support/lessonServer';

const o = occurrence();
const id = encodeURIComponent(o.occurrenceId);

describe('recording routes', () => {
  let s: LessonServer;
  let manifest: Manifest;

  beforeAll(async () => {
    s = await startLessonServer();
    const dir = s.tongke.recording.recordings.dirOf(o.occurrenceId);
    await mkdir(dir, { recursive: true });
    execFileSync('ffmpeg', [
      '-v',
      'error',
      '-f',
      'lavfi',
      '-i',
      'testsrc=size=320x180:rate=30:duration=2',
      '-c:v',
      'libvpx',
      '-b:v',
      '200k',
      join(dir, '001-teacher.webm'),
    ]);
    const t0 = Date.now() - 10_000;
    manifest = {
      recordingId: o.occurrenceId,
      roomId: o.occurrenceId,
      kind: 'lesson',
      state: 'stopped',
      startedAt: t0,
      endedAt: t0 + 2000,
      segments: [
        {
          id: '001-teacher',
          track: 'teacher',
          peerId: 'p',
          displayName: '王老师',
          file: '001-teacher.webm',
          streams: ['video'],
          startedAt: t0,
          endedAt: t0 + 2000,
          end: 'stopped',
          playable: true,
        },
      ],
      gaps: [],
    };
    await writeFile(join(dir, 'manifest.json'), JSON.stringify(manifest));
  });

  afterAll(async () => {
    await s?.close();
  });

  it('gives the lesson’s teacher and observer the manifest with its size per hour', async () => {
    for (const who of ['wang', 'observer', 'coordinator'] as const) {
      const res = await s.api(`/api/recordings/${id}`, { token: s.tokens[who] });
      expect(res.status, who).toBe(200);
      const view = (await res.json()) as { manifest: Manifest; bytes: number; mbPerHour: number };
      expect(view.manifest.segments).toHaveLength(1);
      expect(view.bytes).toBeGreaterThan(0);
      expect(view.mbPerHour).toBeGreaterThan(0);
    }
  });

  it('lists a community’s recorded lessons for its people only', async () => {
    const q = `/api/recordings?communityId=ruian-p-18`;
    const res = await s.api(q, { token: s.tokens.observer });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual([
      {
        recordingId: o.occurrenceId,
        subject: o.subject,
        start: o.start,
        state: 'stopped',
        durationS: 2,
        segments: 1,
      },
    ]);
    expect((await s.api(q, { token: s.tokens.outsider })).status).toBe(403);
    const bad = await s.api('/api/recordings', { token: s.tokens.observer });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('communityId');
  });

  it('refuses another community, a missing token and an unknown lesson', async () => {
    expect((await s.api(`/api/recordings/${id}`, { token: s.tokens.outsider })).status).toBe(403);
    expect((await s.api(`/api/recordings/${id}`)).status).toBe(401);
    const none = await s.api(`/api/recordings/nope:2025-01-01`, { token: s.tokens.wang });
    expect(none.status).toBe(404);
  });

  it('serves a segment with byte ranges, for seeking', async () => {
    const url = `/api/recordings/${id}/files/001-teacher.webm`;
    const whole = await s.api(url, { token: s.tokens.wang });
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-type')).toBe('video/webm');
    const size = (await whole.arrayBuffer()).byteLength;
    const part = await s.api(url, { token: s.tokens.wang, headers: { range: 'bytes=100-199' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 100-199/${size}`);
    expect((await part.arrayBuffer()).byteLength).toBe(100);
    // A <video> cannot send the header: it loads with the manifest's file-access token,
    // which opens this recording's files only; a login token never goes in the URL.
    const { fileAccess } = (await (
      await s.api(`/api/recordings/${id}`, { token: s.tokens.observer })
    ).json()) as { fileAccess: string };
    expect((await fetch(`${s.url}${url}?access=${encodeURIComponent(fileAccess)}`)).status).toBe(
      200,
    );
    const byLogin = await fetch(`${s.url}${url}?token=${encodeURIComponent(s.tokens.observer)}`);
    expect(byLogin.status).toBe(401);
    const asLogin = await s.api('/api/auth/me', { token: fileAccess });
    expect(asLogin.status).toBe(401);
    const forged = await fetch(`${s.url}${url}?access=${encodeURIComponent(`${fileAccess}x`)}`);
    expect(forged.status).toBe(401);
    expect((await s.api(url, { token: s.tokens.outsider })).status).toBe(403);
  });

  it('serves only the files the manifest names, and names a bad file parameter', async () => {
    const missing = await s.api(`/api/recordings/${id}/files/002-screen.webm`, {
      token: s.tokens.wang,
    });
    expect(missing.status).toBe(404);
    const bad = await s.api(`/api/recordings/${id}/files/manifest.json`, { token: s.tokens.wang });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('params/file');
  });

  it('refuses to export a lesson still being recorded, and has no MP4 before an export', async () => {
    const dir = s.tongke.recording.recordings.dirOf(o.occurrenceId);
    await writeFile(
      join(dir, 'manifest.json'),
      JSON.stringify({ ...manifest, state: 'recording' }),
    );
    const res = await s.api(`/api/recordings/${id}/export`, {
      method: 'POST',
      token: s.tokens.wang,
    });
    expect(res.status).toBe(409);
    const mp4 = await s.api(`/api/recordings/${id}/export.mp4`, { token: s.tokens.wang });
    expect(mp4.status).toBe(404);
    await writeFile(join(dir, 'manifest.json'), JSON.stringify(manifest));
  });
});
