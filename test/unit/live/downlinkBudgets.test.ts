// The node's classroom PCs under their schools' budgets: a share reaches each PC's media
// when it joins, changes when another classroom of its school joins or leaves (in any room
// of the node) and when the coordinator changes the budget, and survives a media rebuild.
import { afterEach, describe, expect, it } from 'vitest';
import { LiveRooms } from '../../../server/live/LiveRooms';
import { Participant } from '../../../server/live/Participant';
import { DownlinkBudgets } from '../../../server/live/budget/DownlinkBudgets';
import type { DownlinkBudget } from '../../../shared/downlinkBudget';
import type { DownlinkBudgetKey } from '../../../server/store/budget/DownlinkBudgetRepository';
import { FakeConnection, FakeMedia, type FakePorts } from './fakes';
import { quiet } from './roomSetup';

const schoolOf: Record<string, string> = { c1: 'A', c2: 'A', c3: 'B' };

function world() {
  const medias: FakeMedia[] = [];
  const rooms = new LiveRooms<FakePorts>({
    media: async () => {
      const m = new FakeMedia([]);
      medias.push(m);
      return m;
    },
    now: () => 0,
    log: quiet,
  });
  const set = new Map<string, number>();
  const store = { down: false };
  const budgetsOf = async (keys: readonly DownlinkBudgetKey[]): Promise<DownlinkBudget[]> => {
    if (store.down) throw new Error('redis down');
    return keys.flatMap((k) => {
      const kbps = set.get(`${k.target}:${k.id}`);
      return kbps === undefined ? [] : [{ ...k, downlinkKbps: kbps, updatedAt: 0, updatedBy: 'c' }];
    });
  };
  const budgets = new DownlinkBudgets<FakePorts>({
    rooms,
    budgetsOf,
    schoolOf: async (id) => schoolOf[id],
    refreshMs: 60_000,
    log: quiet,
  });
  const join = async (roomId: string, classroomId: string | undefined) => {
    const p = new Participant<FakePorts>({
      displayName: classroomId ?? 'teacher',
      role: classroomId ? 'classroom' : 'teacher',
      connection: new FakeConnection(),
      joinedAt: 0,
      principal: classroomId
        ? { sub: classroomId, role: 'device', name: classroomId, communityIds: ['k'], classroomId }
        : { sub: 't', role: 'teacher', name: 't', communityIds: ['k'] },
    });
    const room = rooms.getOrCreate(roomId, 'lesson');
    await room.add(p);
    await budgets.refresh();
    return { p, room, cap: () => p.media!.downlinkCapKbps };
  };
  return { rooms, budgets, set, store, join, medias };
}

let current: ReturnType<typeof world> | undefined;
afterEach(() => {
  current?.budgets.close();
  current?.rooms.closeAll();
});

describe('downlink budgets on a node', () => {
  it('shares a school’s budget among its classrooms live in any room, and gives it back when one leaves', async () => {
    const w = (current = world());
    w.set.set('school:A', 1000);
    const teacher = await w.join('lesson-1', undefined);
    const c1 = await w.join('lesson-1', 'c1');
    expect(c1.cap()).toBe(1000);
    expect(teacher.cap()).toBeUndefined();
    const c2 = await w.join('lesson-2', 'c2');
    const c3 = await w.join('lesson-2', 'c3');
    expect([c1.cap(), c2.cap(), c3.cap()]).toEqual([500, 500, undefined]);
    c2.room.remove(c2.p);
    await w.budgets.refresh();
    expect(c1.cap()).toBe(1000);
  });

  it('a budget changed mid-lesson reaches the live classrooms at the next refresh; none lifts it', async () => {
    const w = (current = world());
    const c1 = await w.join('lesson-1', 'c1');
    expect(c1.cap()).toBeUndefined();
    w.set.set('classroom:c1', 400);
    await w.budgets.refresh();
    expect(c1.cap()).toBe(400);
    w.set.set('school:A', 300);
    await w.budgets.refresh();
    expect(c1.cap()).toBe(300);
    w.set.clear();
    await w.budgets.refresh();
    expect(c1.cap()).toBeUndefined();
  });

  it('keeps the share across a media rebuild (the worker died)', async () => {
    const w = (current = world());
    w.set.set('school:A', 800);
    const c1 = await w.join('lesson-1', 'c1');
    const first = c1.p.media!;
    w.medias[0]!.lose();
    await c1.room.resume(c1.p, c1.p.connection);
    expect(c1.p.media).not.toBe(first);
    expect(c1.cap()).toBe(800);
  });

  it('a store that cannot be read keeps the budgets last read', async () => {
    const w = (current = world());
    w.set.set('school:A', 800);
    const c1 = await w.join('lesson-1', 'c1');
    w.store.down = true;
    w.set.clear();
    await w.budgets.refresh();
    expect(c1.cap()).toBe(800);
    w.store.down = false;
    await w.budgets.refresh();
    expect(c1.cap()).toBeUndefined();
  });
});
