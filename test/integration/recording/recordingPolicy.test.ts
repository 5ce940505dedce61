// A community's recording policy: its coordinator turns lesson recording off (a lesson that
// goes live is then not recorded) and sets how long recordings are kept; the community's
// people read it, nobody else; a recording is deleted by a coordinator, never while it records.
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Manifest } from '../../../shared/recording';
import {
  MemoryOccurrenceSource,
  MIN,
  T0,
  occurrence,
} from '../../unit/lessons/support/occurrences';
import { ManualClock } from '../../../server/lessons/clock';
import { startLessonServer, type LessonServer } from '../lessons/support/lessonServer';

const first = occurrence();
const second = occurrence({
  occurrenceId: 'series-math:2025-09-02',
  start: new Date(T0 + 3 * 60 * MIN).toISOString(),
});
const policyUrl = '/api/communities/ruian-p-18/recording-policy';
const readinessUrl = '/api/communities/ruian-p-18/recording-readiness';

describe('a community’s recording policy', () => {
  let s: LessonServer;

  beforeAll(async () => {
    s = await startLessonServer(
      {},
      new ManualClock(T0),
      new MemoryOccurrenceSource([first, second]),
    );
  });

  afterAll(async () => {
    await s?.close();
  });

  const put = (body: unknown, token = s.tokens.coordinator) =>
    s.api(policyUrl, {
      method: 'PUT',
      token,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('reads the defaults until set; only its coordinators set it; a bad body names the field', async () => {
    const res = await s.api(policyUrl, { token: s.tokens.wang });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      communityId: 'ruian-p-18',
      enabled: true,
      recordsLessons: true,
      serverRecords: true,
    });
    expect((await s.api(policyUrl, { token: s.tokens.outsider })).status).toBe(403);
    expect((await put({ enabled: false }, s.tokens.wang)).status).toBe(403);
    for (const retentionDays of [0, null, 'forever', 99999]) {
      const bad = await put({ enabled: true, retentionDays });
      expect(bad.status, String(retentionDays)).toBe(400);
      expect(await bad.text()).toContain('retentionDays');
    }
    const noEnabled = await put({ retentionDays: 30 });
    expect(noEnabled.status).toBe(400);
    expect(await noEnabled.text()).toContain('enabled');
    expect((await (await s.api(policyUrl, { token: s.tokens.wang })).json()).enabled).toBe(true);
  });

  it('says before a lesson starts whether it will be recorded, to the community’s people only', async () => {
    const ready = await s.api(readinessUrl, { token: s.tokens.wang });
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ ready: true, minFreeMb: 2048 });
    expect((await s.api(readinessUrl, { token: s.tokens.outsider })).status).toBe(403);
    expect((await put({ enabled: false })).status).toBe(200);
    expect(await (await s.api(readinessUrl, { token: s.tokens.wang })).json()).toMatchObject({
      ready: false,
      reason: 'community_off',
    });
    expect((await put({ enabled: true })).status).toBe(200);
  });

  it('a lesson of a community that turned recording off is not recorded; back on, it is', async () => {
    const off = await put({ enabled: false, retentionDays: 90 });
    expect(off.status).toBe(200);
    expect(await off.json()).toMatchObject({
      enabled: false,
      retentionDays: 90,
      recordsLessons: false,
    });
    const recordings = s.tongke.recording.recordings;
    await s.clock.advanceTo(Date.parse(first.start));
    await new Promise((r) => setTimeout(r, 500));
    expect(recordings.isRecording(first.occurrenceId)).toBe(false);
    await s.clock.advanceTo(Date.parse(first.end) + 1);

    expect((await put({ enabled: true, retentionDays: 90 })).status).toBe(200);
    await s.clock.advanceTo(Date.parse(second.start));
    await expect.poll(() => recordings.isRecording(second.occurrenceId)).toBe(true);
    const manifest = (await recordings.view(second.occurrenceId))!.manifest;
    expect(manifest.communityId).toBe('ruian-p-18');

    // Not deleted while it records; deleted once the lesson ended.
    const url = `/api/recordings/${encodeURIComponent(second.occurrenceId)}`;
    const busy = await s.api(url, { method: 'DELETE', token: s.tokens.coordinator });
    expect(busy.status).toBe(409);
    expect(await busy.text()).toContain('录制');
    await s.clock.advanceTo(Date.parse(second.end) + 1);
    await expect.poll(() => recordings.isRecording(second.occurrenceId)).toBe(false);
    expect((await s.api(url, { method: 'DELETE', token: s.tokens.wang })).status).toBe(403);
    expect((await s.api(url, { method: 'DELETE', token: s.tokens.outsider })).status).toBe(403);
    const gone = await s.api(url, { method: 'DELETE', token: s.tokens.coordinator });
    expect(gone.status).toBe(204);
    await expect(stat(recordings.dirOf(second.occurrenceId))).rejects.toThrow();
    expect((await s.api(url, { token: s.tokens.coordinator })).status).toBe(404);
    expect((await s.api(url, { method: 'DELETE', token: s.tokens.coordinator })).status).toBe(404);
  });

  it('keeps each community’s recordings for its own period', async () => {
    const { sweep } = await import('../../../server/recording/retention');
    const { keepMsOf } = await import('../../../server/recording/policy');
    const recordings = s.tongke.recording.recordings;
    const now = Date.now();
    const made = async (id: string, communityId: string, daysAgo: number) => {
      const dir = recordings.dirOf(id);
      await mkdir(dir, { recursive: true });
      const m: Manifest = {
        recordingId: id,
        roomId: id,
        kind: 'lesson',
        communityId,
        state: 'stopped',
        startedAt: now - daysAgo * 86_400_000 - 40 * MIN,
        endedAt: now - daysAgo * 86_400_000,
        segments: [],
        gaps: [],
      };
      await writeFile(join(dir, 'manifest.json'), JSON.stringify(m));
    };
    await made('a:old', 'ruian-p-18', 100);
    await made('a:young', 'ruian-p-18', 80);
    await made('b:old', 'other', 100);
    const policies = new Map(
      (await s.tongke.store.recording.policies()).map((p) => [p.communityId, p]),
    );
    const deleted = await sweep(recordings, now, (m) =>
      keepMsOf(m, policies, { recordLessons: true, retentionDays: 0 }),
    );
    expect(deleted).toEqual(['a:old']);
  });

  it('RECORD_LESSONS=off: the community is told its lessons are not recorded, and none is', async () => {
    const quiet = await startLessonServer(
      { recordLessons: 'off' },
      new ManualClock(T0),
      new MemoryOccurrenceSource([first]),
    );
    try {
      const view = await (await quiet.api(policyUrl, { token: quiet.tokens.wang })).json();
      expect(view).toMatchObject({ enabled: true, recordsLessons: false, serverRecords: false });
      const ready = await quiet.api(readinessUrl, { token: quiet.tokens.wang });
      expect(await ready.json()).toMatchObject({ ready: false, reason: 'server_off' });
      await quiet.clock.advanceTo(Date.parse(first.start));
      await new Promise((r) => setTimeout(r, 500));
      expect(quiet.tongke.recording.recordings.isRecording(first.occurrenceId)).toBe(false);
    } finally {
      await quiet.close();
    }
  });

  it('a disk below the floor: the teacher is told so before she starts', async () => {
    const full = await startLessonServer(
      // a floor (10 TB, the most allowed) no disk here reaches
      { recordingMinFreeMb: 10_000_000 },
      new ManualClock(T0),
      new MemoryOccurrenceSource([first]),
    );
    try {
      const ready = await (await full.api(readinessUrl, { token: full.tokens.wang })).json();
      expect(ready).toMatchObject({ ready: false, reason: 'disk_low' });
      expect(ready.freeMb).toBeLessThan(ready.minFreeMb);
    } finally {
      await full.close();
    }
  });
});
