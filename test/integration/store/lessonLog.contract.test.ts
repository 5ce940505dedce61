// The lesson occurrence's log on both stores: appended in order per occurrence, each kind
// read back as it was written, lines of a kind this server does not know skipped.
import { describe, expect, it } from 'vitest';
import type { LessonLogEvent } from '../../../shared/lessonLog';
import { backends, useStore } from '../lessons/support/backends';
import { RedisStore } from '../../../server/store/redis/RedisStore';
import { SqliteStore } from '../../../server/store/sqlite/SqliteStore';

const events: LessonLogEvent[] = [
  { at: 1, type: 'joined', peerId: 'p1', displayName: '潘山 三(1)', role: 'classroom' },
  { at: 2, type: 'share_started', source: 'screen', peerId: 't' },
  { at: 3, type: 'stage', peerId: 'p1', displayName: '潘山 三(1)' },
  { at: 4, type: 'hand', peerId: 'p1', displayName: '潘山 三(1)', raised: true },
  { at: 5, type: 'chat', peerId: 'p1', displayName: '潘山 三(1)', text: '老师好' },
  {
    at: 6,
    type: 'question_asked',
    questionId: 'q1',
    number: 1,
    kind: 'single',
    prompt: '哪个是质数？',
    choices: 4,
    correct: { choices: [2] },
    limitSeconds: 60,
    peerId: 't',
    displayName: '林老师',
  },
  {
    at: 7,
    type: 'answer',
    questionId: 'q1',
    seat: 'room-a',
    peerId: 'p1',
    displayName: '潘山 三(1)',
    answer: { choices: [2] },
  },
  { at: 8, type: 'question_closed', questionId: 'q1' },
  { at: 9, type: 'question_revealed', questionId: 'q1' },
  { at: 10, type: 'timer_started', mode: 'countdown', durationMs: 180_000 },
  { at: 11, type: 'timer_stopped' },
  { at: 12, type: 'left', peerId: 'p1', displayName: '潘山 三(1)', role: 'classroom' },
];

describe.each(backends)('lesson log on %s', (kind) => {
  const store = useStore(kind);

  it('keeps every kind of event of an occurrence, in the order appended', async () => {
    const log = store().lessonLog;
    for (const e of events) {
      await log.append('o1', e);
      await log.append('o2', { at: e.at, type: 'timer_stopped' });
    }
    expect(await log.list('o1')).toEqual(events);
    expect(await log.list('o2')).toHaveLength(events.length);
    expect(await log.list('nobody')).toEqual([]);
  });

  it('skips a line of a kind it does not know (a newer server wrote it)', async () => {
    const s = store();
    await s.lessonLog.append('o1', events[0]!);
    const foreign = JSON.stringify({ at: 2, type: 'layout_changed', layout: 'grid' });
    if (s instanceof SqliteStore) {
      s.db.prepare('INSERT INTO lesson_log (occurrence_id, json) VALUES (?, ?)').run('o1', foreign);
    } else if (s instanceof RedisStore) {
      await s.redis.rpush('tongke:lessonlog:o1', foreign);
    }
    await s.lessonLog.append('o1', events[1]!);
    expect(await s.lessonLog.list('o1')).toEqual([events[0], events[1]]);
  });
});
