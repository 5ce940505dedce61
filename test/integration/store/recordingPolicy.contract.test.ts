// Each community's recording policy on both stores: none until set, replaced whole, listed.
import { describe, expect, it } from 'vitest';
import type { RecordingPolicy } from '../../../shared/recording';
import { backends, useStore } from '../lessons/support/backends';

const policy = (communityId: string, over: Partial<RecordingPolicy> = {}): RecordingPolicy => ({
  communityId,
  enabled: true,
  updatedAt: 1,
  updatedBy: 'u1',
  ...over,
});

describe.each(backends)('recording policies on %s', (kind) => {
  const store = useStore(kind);

  it('has none until set; a second put replaces the first; all are listed', async () => {
    const repo = store().recording;
    expect(await repo.policy('c1')).toBeUndefined();
    await repo.putPolicy(policy('c2'));
    await repo.putPolicy(policy('c1', { enabled: false }));
    await repo.putPolicy(policy('c1', { enabled: false, retentionDays: 90, updatedAt: 2 }));
    expect(await repo.policy('c1')).toEqual(
      policy('c1', { enabled: false, retentionDays: 90, updatedAt: 2 }),
    );
    expect((await repo.policies()).map((p) => [p.communityId, p.retentionDays])).toEqual([
      ['c1', 90],
      ['c2', undefined],
    ]);
  });
});
