// The lesson log takes the room's own events as they happen, the projector layout and 批注
// included, each a valid LessonLogEvent stamped by the server.
import { Value } from '@sinclair/typebox/value';
import { describe, expect, it } from 'vitest';
import { LessonLogEvent } from '../../../shared/lessonLog';
import { logLessons } from '../../../server/live/lessonLogBridge';
import { LiveRooms } from '../../../server/live/LiveRooms';
import { FakeMedia, type FakePorts } from './fakes';

const quiet = { warn() {}, info() {}, error() {}, debug() {} };

describe('the lesson log bridge', () => {
  it('keeps layout changes and annotation events of a scheduled lesson, in order', async () => {
    const kept: { id: string; event: LessonLogEvent }[] = [];
    const rooms = new LiveRooms<FakePorts>({
      media: async () => new FakeMedia([]),
      now: () => 1000,
      log: quiet,
    });
    const stop = logLessons({
      rooms: rooms as never,
      repo: {
        append: async (id, event) => void kept.push({ id, event }),
        list: async () => [],
      },
      now: () => 5000,
      log: quiet,
    });
    const room = rooms.getOrCreate('series:2026-12-01', 'lesson', { scheduled: true });
    room.emit('layout', { layout: 'courseware', cause: 'share_started' });
    room.emit('annotation', {
      at: 5100,
      kind: 'annotation.clear',
      pageId: 'p1',
    } as never);
    await new Promise((r) => setTimeout(r, 10));
    expect(kept.map((k) => [k.id, k.event.type, k.event.at])).toEqual([
      ['series:2026-12-01', 'layout', 5000],
      ['series:2026-12-01', 'annotation', 5100],
    ]);
    for (const { event } of kept) expect(Value.Check(LessonLogEvent, event), event.type).toBe(true);
    stop();
    rooms.closeAll();
  });
});
