// A room's 批注 through its ports: the teacher's change reaches every other participant
// (observers too), not the teacher herself nor a dropped connection; a classroom's stroke is
// refused and reaches nobody; the room emits each log event as `annotation`.
import { describe, expect, it, vi } from 'vitest';
import type { LiveRole } from '../../../../shared/signaling/events';
import type { AnnotationLogEvent } from '../../../../shared/signaling/annotationLog';
import { LiveRoom } from '../../../../server/live/LiveRoom';
import { Participant } from '../../../../server/live/Participant';
import { annotate, boardOf } from '../../../../server/live/annotation/roomAnnotation';
import { FakeConnection, FakeMedia, type FakePorts } from '../fakes';

async function setup() {
  const room = new LiveRoom<FakePorts>({
    id: 'o1',
    kind: 'lesson',
    now: () => 1000,
    log: { warn: vi.fn(), error: vi.fn() },
    media: async () => new FakeMedia([]),
  });
  const join = async (role: LiveRole, name: string) => {
    const p = new Participant<FakePorts>({
      displayName: name,
      role,
      connection: new FakeConnection(),
      joinedAt: 1000,
    });
    await room.add(p);
    return p;
  };
  return { room, join };
}

const stroke = {
  pageId: 'p1',
  strokeId: 's1',
  tool: 'pen' as const,
  color: '#1e88e5',
  width: 0.004,
  points: [0.25, 0.5],
  done: true,
};

describe('a room’s annotation', () => {
  it('fans the teacher’s stroke out to the classrooms and the observer, not back to her', async () => {
    const { room, join } = await setup();
    const teacher = await join('teacher', '林老师');
    const a = await join('classroom', '三(1)班');
    const b = await join('classroom', '三(2)班');
    const observer = await join('observer', '教研员');
    const logged: AnnotationLogEvent[] = [];
    room.on('annotation', (e) => logged.push(e));
    annotate(room, teacher, (board) => board.beginStroke(stroke, 1234));
    for (const p of [a, b, observer]) {
      expect(p.connection.of('annotation')).toEqual([
        {
          op: 'stroke',
          rev: 1,
          pageId: 'p1',
          stroke: {
            id: 's1',
            tool: 'pen',
            color: '#1e88e5',
            width: 0.004,
            points: [0.25, 0.5],
            done: true,
          },
        },
      ]);
    }
    expect(teacher.connection.of('annotation')).toEqual([]);
    expect(logged).toMatchObject([{ kind: 'annotation.stroke', at: 1234, strokeId: 's1' }]);
  });

  it('skips a dropped connection: it asks for the page whole when it is back', async () => {
    const { room, join } = await setup();
    const teacher = await join('teacher', '林老师');
    const away = await join('classroom', '三(1)班');
    away.detach(900);
    annotate(room, teacher, (board) => board.beginStroke(stroke, 1000));
    expect(away.connection.of('annotation')).toEqual([]);
    expect(
      boardOf(room)
        .snapshot()
        .page.strokes.map((s) => s.id),
    ).toEqual(['s1']);
  });

  it('refuses a classroom’s stroke before anything changes or is sent', async () => {
    const { room, join } = await setup();
    await join('teacher', '林老师');
    const a = await join('classroom', '三(1)班');
    const b = await join('classroom', '三(2)班');
    expect(() => annotate(room, a, (board) => board.beginStroke(stroke, 1000))).toThrow(
      /只有主讲教师/,
    );
    expect(boardOf(room).snapshot().rev).toBe(0);
    expect(b.connection.of('annotation')).toEqual([]);
  });

  it('keeps one board per room', async () => {
    const one = await setup();
    const two = await setup();
    expect(boardOf(one.room)).toBe(boardOf(one.room));
    expect(boardOf(one.room)).not.toBe(boardOf(two.room));
  });
});
