import { describe, expect, it } from 'vitest';
import type { Manifest, RecordingPolicy } from '../../../shared/recording';
import { DAY, keepMsOf, policyView, recordsLessons } from '../../../server/recording/policy';

const on = { recordLessons: true, retentionDays: 30 };
const off = { recordLessons: false, retentionDays: 0 };
const policy = (over: Partial<RecordingPolicy>): RecordingPolicy => ({
  communityId: 'c1',
  enabled: true,
  ...over,
});
const manifest = (communityId?: string): Manifest => ({
  recordingId: 'x',
  roomId: 'x',
  kind: 'lesson',
  ...(communityId ? { communityId } : {}),
  state: 'stopped',
  startedAt: 0,
  segments: [],
  gaps: [],
});

describe('recording policy', () => {
  it('records a community’s lessons unless it or the server turned recording off', () => {
    expect(recordsLessons(undefined, on)).toBe(true);
    expect(recordsLessons(policy({ enabled: false }), on)).toBe(false);
    expect(recordsLessons(policy({ enabled: true }), off)).toBe(false);
  });

  it('keeps a recording for its community’s days, else the server’s (0: for ever)', () => {
    const policies = new Map([
      ['c1', policy({ retentionDays: 90 })],
      ['c2', policy({})],
    ]);
    expect(keepMsOf(manifest('c1'), policies, on)).toBe(90 * DAY);
    expect(keepMsOf(manifest('c2'), policies, on)).toBe(30 * DAY);
    expect(keepMsOf(manifest(), policies, on)).toBe(30 * DAY);
    expect(keepMsOf(manifest('c2'), policies, off)).toBe(0);
  });

  it('tells a community what is really done of its choice: the server’s switch wins', () => {
    expect(policyView('c9', undefined, on)).toEqual({
      communityId: 'c9',
      enabled: true,
      recordsLessons: true,
      serverRecords: true,
    });
    // RECORD_LESSONS=off: the community's own choice is kept, but nothing is recorded
    expect(policyView('c9', undefined, off)).toEqual({
      communityId: 'c9',
      enabled: true,
      recordsLessons: false,
      serverRecords: false,
    });
    const own = policyView('c1', policy({ enabled: false, retentionDays: 7 }), on);
    expect(own).toMatchObject({ enabled: false, retentionDays: 7, recordsLessons: false });
  });
});
