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

  it('gives a sign-in code once, and never after it expired', async () => {
    const s = store().security;
    const principal = { sub: 'u-c', role: 'coordinator' as const, name: '教务', communityIds: [] };
    const record = { principal, tokenExpiresAt: 5000, issuedAt: 1000, expiresAt: 2000 };
    await s.addSignInCode('h1', record);
    await s.addSignInCode('h2', record);
    expect(await s.consumeSignInCode('h1', 1500)).toEqual(record);
    expect(await s.consumeSignInCode('h1', 1500)).toBeUndefined();
    expect(await s.consumeSignInCode('h2', 2000)).toBeUndefined();
    expect(await s.consumeSignInCode('nope', 1500)).toBeUndefined();
  });

  it('keeps feeds by token hash and owner, revoked once', async () => {
    const s = store().security;
    const feed = (id: string, createdAt: number, ownerSub = 'u-wang') => ({
      id,
      kind: 'classroom' as const,
      targetId: 'room-1',
      ownerSub,
      createdAt,
      tokenHash: `hash-${id}`,
    });
    await s.addFeed(feed('f1', 1));
    await s.addFeed(feed('f2', 2));
    await s.addFeed(feed('f3', 3, 'u-li'));
    expect(await s.feedByTokenHash('hash-f2')).toEqual(feed('f2', 2));
    expect(await s.feedByTokenHash('hash-none')).toBeUndefined();
    expect((await s.feedsOf('u-wang')).map((f) => f.id)).toEqual(['f2', 'f1']);
    expect((await s.revokeFeed('f1', 10))?.revokedAt).toBe(10);
    expect((await s.revokeFeed('f1', 20))?.revokedAt).toBe(10);
    expect((await s.feed('f1'))?.revokedAt).toBe(10);
    expect(await s.revokeFeed('none', 10)).toBeUndefined();
  });

  it('marks accounts disabled and enabled again', async () => {
    const s = store().security;
    expect(await s.disabledAt('u-wang')).toBeUndefined();
    await s.setDisabled('u-wang', 100);
    await s.setDisabled('u-wang', 200);
    expect(await s.disabledAt('u-wang')).toBe(100);
    expect(await s.disabledAt('u-li')).toBeUndefined();
    await s.setDisabled('u-wang', undefined);
    expect(await s.disabledAt('u-wang')).toBeUndefined();
  });
});
