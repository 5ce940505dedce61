import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TimetableChange } from '../../../server/store/timetable/TimetableRepository';
import { startTongke, type TestServer } from '../../helpers/tongkeServer';
import { spec } from '../../unit/timetable/support/world';
import { client, ruian, seedWorld, tokenFor } from './support/world';

// A second coordinator's edit landing between the moment a request reads a series and the
// moment it writes: the store refuses the write (compare-and-set), and so must the answer.
const now = Date.parse('2026-09-08T08:45:00+08:00');
const base = `/communities/${ruian.id}`;

describe('a write that lost the race to another edit', () => {
  let server: TestServer;
  let coordinator: ReturnType<typeof client>;
  /** the next change matching `when` first lets another coordinator's edit land */
  let interpose: ((change: TimetableChange) => boolean) | undefined;

  beforeAll(async () => {
    server = await startTongke({}, { now: () => now });
    await seedWorld(server);
    coordinator = client(
      server,
      tokenFor(server, { role: 'coordinator', communityIds: [ruian.id] }),
    );
    const repo = server.tongke.store.timetable;
    const apply = repo.apply.bind(repo);
    repo.apply = async (change) => {
      const ids = [
        ...(change.delete?.series ?? []),
        ...(change.put?.series ?? []).map((s) => s.id),
      ];
      if (interpose?.(change)) {
        interpose = undefined;
        for (const id of ids) {
          const s = (await repo.get('series', id))!;
          const edited = { ...s, spec: { ...s.spec, subject: '另一位协调员改的' } };
          await apply({ put: { series: [{ ...edited, revision: s.revision + 1 }] } });
        }
      }
      return apply(change);
    };
  });
  afterAll(() => server?.close());

  it('answers a removal the store refused with 409 stale, not 204, and removes nothing', async () => {
    const created = await coordinator.post(`${base}/series`, { id: 'race-del', spec: spec() });
    expect(created.status).toBe(201);
    interpose = (change) => change.delete?.series?.includes('race-del') ?? false;
    const removed = await coordinator.del(`${base}/series/race-del`);
    expect(interpose).toBeUndefined(); // the other edit did land in between
    expect(removed.status).toBe(409);
    expect(removed.body.error).toBe('stale');
    expect(removed.body.message).toMatch(/^内容已被他人修改/);
    const kept = await coordinator.get(`${base}/series/race-del`);
    expect(kept.status).toBe(200);
    expect(kept.body.series.spec.subject).toBe('另一位协调员改的');
  });

  it('answers a negotiation step the store refused with 409 stale, the other edit kept', async () => {
    await coordinator.post(`${base}/series`, { id: 'race-propose', spec: spec({ period: 4 }) });
    interpose = (change) => change.put?.series?.some((s) => s.id === 'race-propose') ?? false;
    const proposed = await coordinator.post(`${base}/series/race-propose/propose`);
    expect(interpose).toBeUndefined();
    expect(proposed.status).toBe(409);
    expect(proposed.body.error).toBe('stale');
    const kept = await coordinator.get(`${base}/series/race-propose`);
    expect(kept.body.series).toMatchObject({
      status: 'draft',
      spec: { subject: '另一位协调员改的' },
    });
  });
});
