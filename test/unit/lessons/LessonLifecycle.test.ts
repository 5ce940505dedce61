import { afterEach, describe, expect, it } from 'vitest';
import type { Principal } from '../../../shared/auth';
import { ManualClock } from '../../../server/lessons/clock';
import {
  LessonActionError,
  LessonLifecycle,
  type LessonTransitionEvent,
} from '../../../server/lessons/LessonLifecycle';
import { defaultLifecycleSettings as settings } from '../../../server/lessons/settings';
import { SqliteStore } from '../../../server/store/sqlite/SqliteStore';
import { MemoryOccurrenceSource, MIN, T0, occurrence } from './support/occurrences';

const o = occurrence(); // 09:00–09:40 (+08:00); T0 is 08:00
const start = Date.parse(o.start);
const end = Date.parse(o.end);
const wang: Principal = {
  sub: 'u-wang',
  role: 'teacher',
  name: '王老师',
  communityIds: ['ruian-p-18'],
  teacherId: 'teacher-wang',
};

let store: SqliteStore;

function setUp(source = new MemoryOccurrenceSource([o]), clock = new ManualClock(T0)) {
  store ??= SqliteStore.memory();
  const lifecycle = new LessonLifecycle({ source, repo: store.lessons, clock, settings });
  const events: LessonTransitionEvent[] = [];
  lifecycle.on('transition', (e) => events.push(e));
  return { lifecycle, clock, source, events };
}

afterEach(async () => {
  await store?.close();
  store = undefined as unknown as SqliteStore;
});

describe('LessonLifecycle', () => {
  it('opens, goes live, ends and opens research exactly on time, then archives', async () => {
    const { lifecycle, clock, events } = setUp();
    await lifecycle.start();
    await clock.advanceTo(start - 5 * MIN - 1);
    expect(events).toEqual([]);
    await clock.advanceTo(end + 60 * MIN);
    expect(events.map((e) => [e.from, e.to, e.at, e.cause])).toEqual([
      ['scheduled', 'open', start - 5 * MIN, 'clock'],
      ['open', 'live', start, 'clock'],
      ['live', 'ended', end, 'clock'],
      ['ended', 'research', end, 'clock'],
      ['research', 'archived', end + 60 * MIN, 'clock'],
    ]);
    expect((await lifecycle.get(o.occurrenceId))?.state).toBe('archived');
    lifecycle.close();
  });

  it('persists the state, and a new lifecycle on the same store keeps a live lesson live', async () => {
    const first = setUp();
    await first.lifecycle.start();
    await first.clock.advanceTo(start + 10 * MIN);
    first.lifecycle.close();

    const clock = new ManualClock(start + 12 * MIN);
    const second = setUp(new MemoryOccurrenceSource([o]), clock);
    const resumed: string[] = [];
    second.lifecycle.on('resumed', (r) => resumed.push(`${r.occurrence.occurrenceId}:${r.state}`));
    await second.lifecycle.start();
    expect(resumed).toEqual([`${o.occurrenceId}:live`]);
    expect(second.events).toEqual([]);
    await clock.advanceTo(end);
    expect(second.events.map((e) => e.to)).toEqual(['ended', 'research']);
    second.lifecycle.close();
  });

  it('lets the teacher start early and run over within the limits', async () => {
    const { lifecycle, clock, events } = setUp();
    await lifecycle.start();
    await clock.advanceTo(start - 11 * MIN);
    await expect(lifecycle.startLesson(o.occurrenceId, wang)).rejects.toMatchObject({
      reason: 'too_early',
    });
    await clock.advanceTo(start - 8 * MIN);
    await lifecycle.startLesson(o.occurrenceId, wang);
    await expect(
      lifecycle.extendLesson(o.occurrenceId, end + 20 * MIN, wang),
    ).rejects.toBeInstanceOf(LessonActionError);
    await lifecycle.extendLesson(o.occurrenceId, end + 12 * MIN, wang);
    await clock.advanceTo(end + 11 * MIN);
    expect((await lifecycle.get(o.occurrenceId))?.state).toBe('live');
    await clock.advanceTo(end + 12 * MIN);
    // Started before the room would have opened: scheduled → live directly.
    expect(events.map((e) => [e.from, e.to, e.at, e.cause])).toEqual([
      ['scheduled', 'live', start - 8 * MIN, 'teacher_start'],
      ['live', 'ended', end + 12 * MIN, 'clock'],
      ['ended', 'research', end + 12 * MIN, 'clock'],
    ]);
    lifecycle.close();
  });

  it('ends early when the teacher ends, and opens research at once', async () => {
    const { lifecycle, clock, events } = setUp();
    await lifecycle.start();
    await clock.advanceTo(start + 30 * MIN);
    await lifecycle.endLesson(o.occurrenceId, wang);
    expect(events.slice(-2).map((e) => [e.to, e.at, e.cause, e.by])).toEqual([
      ['ended', start + 30 * MIN, 'teacher_end', 'u-wang'],
      ['research', start + 30 * MIN, 'clock', undefined],
    ]);
    lifecycle.close();
  });

  it('archives a lesson cancelled before it began', async () => {
    const { lifecycle, clock, source, events } = setUp();
    await lifecycle.start();
    source.remove(o.occurrenceId);
    await clock.advanceTo(T0 + 2 * MIN);
    expect(events.map((e) => [e.from, e.to, e.cause])).toEqual([
      ['scheduled', 'archived', 'cancelled'],
    ]);
    lifecycle.close();
  });

  it('catches up on a lesson that began while no clock ran', async () => {
    const clock = new ManualClock(start + 5 * MIN);
    const { lifecycle, events } = setUp(new MemoryOccurrenceSource([o]), clock);
    await lifecycle.start();
    expect(events.map((e) => [e.to, e.at])).toEqual([
      ['open', start + 5 * MIN],
      ['live', start + 5 * MIN],
    ]);
    lifecycle.close();
  });
});
