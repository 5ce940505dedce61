// Grants, token versions and the audit log behave the same on both stores.
import { describe, expect, it } from 'vitest';
import type { AdhocGrant, AuditEntry } from '../../../shared/security';
import { backends, useStore } from '../lessons/support/backends';

const grant = (roomId: string, createdAt: number, communityId = 'ruian-p-18'): AdhocGrant => ({
  roomId,
  code: 'abc123def',
  capacity: 10,
  expiresAt: createdAt + 3_600_000,
  createdAt,
  createdBy: 'u-wang',
  communityId,
});

describe.each(backends)('security repository on %s', (kind) => {
  const store = useStore(kind);

  it('keeps one grant per room id, lists a community newest first, deletes', async () => {
    const s = store().security;
    expect(await s.addGrant(grant('r1', 1))).toBe(true);
    expect(await s.addGrant({ ...grant('r1', 5), code: 'other1234' })).toBe(false);
    expect(await s.addGrant(grant('r2', 2))).toBe(true);
    expect(await s.addGrant(grant('r3', 3, 'fengze-5g-01'))).toBe(true);
    expect(await s.grant('r1')).toEqual(grant('r1', 1));
    expect(await s.grant('nope')).toBeUndefined();
    expect((await s.grantsIn('ruian-p-18')).map((g) => g.roomId)).toEqual(['r2', 'r1']);
    expect(await s.deleteGrant('r2')).toBe(true);
    expect(await s.deleteGrant('r2')).toBe(false);
    expect((await s.grantsIn('ruian-p-18')).map((g) => g.roomId)).toEqual(['r1']);
  });

  it('counts token versions per account from 0', async () => {
    const s = store().security;
    expect(await s.tokenVersion('u-wang')).toBe(0);
    expect(await s.bumpTokenVersion('u-wang')).toBe(1);
    expect(await s.bumpTokenVersion('u-wang')).toBe(2);
    expect(await s.tokenVersion('u-wang')).toBe(2);
    expect(await s.tokenVersion('u-li')).toBe(0);
  });

  it('keeps the audit log per community, newest first, limited', async () => {
    const s = store().security;
    const entry = (at: number, communityId = 'ruian-p-18'): AuditEntry => ({
      at,
      by: 'u-c',
      role: 'coordinator',
      action: 'device.revoke',
      target: `dev-${at}`,
      communityId,
    });
    for (const at of [1, 2, 3]) await s.appendAudit(entry(at));
    await s.appendAudit(entry(4, 'fengze-5g-01'));
    expect((await s.auditIn('ruian-p-18', 10)).map((e) => e.at)).toEqual([3, 2, 1]);
    expect((await s.auditIn('ruian-p-18', 2)).map((e) => e.at)).toEqual([3, 2]);
    expect(await s.auditIn('fengze-5g-01', 10)).toEqual([entry(4, 'fengze-5g-01')]);
  });
});
