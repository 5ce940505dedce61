import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freeBytesOf, readiness } from '../../../server/recording/readiness';

const MB = 1024 * 1024;
const on = { recordLessons: true, retentionDays: 0 };
const off = { recordLessons: false, retentionDays: 0 };
const mine = (enabled: boolean) => ({ communityId: 'c1', enabled });

describe('whether a lesson going live now is recorded', () => {
  it('is, with the community’s policy on, the server’s switch on and the disk above its floor', () => {
    expect(readiness(undefined, on, 5000 * MB, 2048 * MB)).toEqual({
      ready: true,
      freeMb: 5000,
      minFreeMb: 2048,
    });
  });

  it('says why not: the server’s switch first, then the community’s, then the disk', () => {
    expect(readiness(mine(true), off, 0, 2048 * MB)).toMatchObject({
      ready: false,
      reason: 'server_off',
    });
    expect(readiness(mine(false), on, 0, 2048 * MB)).toMatchObject({ reason: 'community_off' });
    expect(readiness(mine(true), on, 2047 * MB, 2048 * MB)).toEqual({
      ready: false,
      reason: 'disk_low',
      freeMb: 2047,
      minFreeMb: 2048,
    });
  });

  it('does not call a disk it cannot read full', () => {
    expect(readiness(undefined, on, undefined, 2048 * MB)).toEqual({
      ready: true,
      minFreeMb: 2048,
    });
  });

  it('reads the free space of the nearest folder that exists', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tongke-free-'));
    try {
      const free = await freeBytesOf(join(dir, 'recordings', 'not-yet'));
      expect(free).toBeGreaterThan(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
