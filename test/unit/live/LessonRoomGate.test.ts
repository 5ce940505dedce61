import { afterEach, describe, expect, it } from 'vitest';
import type { Principal } from '../../../shared/auth';
import { ManualClock } from '../../../server/lessons/clock';
import { LessonLifecycle } from '../../../server/lessons/LessonLifecycle';
import { LessonRoomGate } from '../../../server/live/LessonRoomGate';
import { defaultLifecycleSettings as settings } from '../../../server/lessons/settings';
import { SqliteStore } from '../../../server/store/sqlite/SqliteStore';
import { MemoryOccurrenceSource, MIN, T0, occurrence } from '../lessons/support/occurrences';

const o = occurrence();
const start = Date.parse(o.start);
const end = Date.parse(o.end);
const device: Principal = {
  sub: 'room-gaolou-1',
  role: 'device',
  name: '高楼',
  communityIds: ['ruian-p-18'],
  classroomId: 'room-gaolou-1',
};
const li: Principal = {
  sub: 'u-li',
  role: 'teacher',
  name: '李老师',
  communityIds: ['ruian-p-18'],
  teacherId: 'teacher-li',
};
const observer: Principal = {
  sub: 'u-o',
  role: 'observer',
  name: '教研员',
  communityIds: ['ruian-p-18'],
};

let store: SqliteStore | undefined;
afterEach(() => store?.close());

async function setUp() {
  store = SqliteStore.memory();
  const clock = new ManualClock(T0);
  const lifecycle = new LessonLifecycle({
    source: new MemoryOccurrenceSource([o]),
    repo: store.lessons,
    clock,
    settings,
  });
  await lifecycle.start();
  return { clock, lifecycle, gate: new LessonRoomGate(lifecycle) };
}

describe('LessonRoomGate (signaling’s RoomGate)', () => {
  it('leaves rooms that are not lessons to the room-code rules', async () => {
    const { gate } = await setUp();
    expect(
      await gate.admit({ roomId: 'demo-room', kind: 'lesson', principal: device, now: T0 }),
    ).toBeUndefined();
  });

  it('admits the lesson’s classroom while open and live, by the join gate', async () => {
    const { gate, clock } = await setUp();
    const ask = () =>
      gate.admit({ roomId: o.occurrenceId, kind: 'lesson', principal: device, now: clock.now() });
    expect(await ask()).toEqual({ ok: false, reason: 'lesson_not_open' });
    await clock.advanceTo(start - 5 * MIN);
    expect(await ask()).toEqual({ ok: true, role: 'classroom' });
  });

  it('admits the research meeting while it is open: writers as members, observers watch', async () => {
    const { gate, clock } = await setUp();
    await clock.advanceTo(end);
    const ask = (principal: Principal) =>
      gate.admit({ roomId: o.occurrenceId, kind: 'research', principal, now: clock.now() });
    expect(await ask(li)).toEqual({ ok: true, role: 'member' });
    expect(await ask(observer)).toEqual({ ok: true, role: 'observer' });
    await clock.advanceTo(end + 60 * MIN);
    expect(await ask(li)).toEqual({ ok: false, reason: 'research_closed' });
  });
});
