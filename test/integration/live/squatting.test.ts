// A room code must never open a room under a scheduled lesson's occurrence id: whoever did
// would sit in the lesson's room before its teacher and classrooms, who would then join the
// squatter's room. A lesson's room is entered with a token only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { occurrence } from '../../unit/lessons/support/occurrences';
import { startLessonServer, type LessonServer } from '../lessons/support/lessonServer';
import { livePeer } from '../../helpers/livePeer';

const o = occurrence();

describe('a code join under a lesson’s occurrence id', () => {
  let s: LessonServer;

  beforeAll(async () => {
    s = await startLessonServer({ adhocRooms: 'open' });
  });

  afterAll(async () => {
    await s?.close();
  });

  it('is refused, and opens no room', async () => {
    for (const kind of ['lesson', 'research'] as const) {
      await expect(
        livePeer(s.url, {
          roomId: o.occurrenceId,
          kind,
          roomCode: 'squat1234',
          role: 'teacher',
          displayName: '冒名',
        }),
      ).rejects.toMatchObject({ code: 'forbidden' });
      expect(s.tongke.rooms.get(o.occurrenceId, kind)).toBeUndefined();
    }
  });
});
