import { describe, expect, it } from 'vitest';
import { Value } from '@sinclair/typebox/value';
import { LessonEvent } from '../../../shared/recording';
import type { LessonLogEvent } from '../../../shared/lessonLog';
import { tallyOf, ToolEvents } from '../../../server/recording/toolEvents';

const asked = (questionId: string, over: Partial<LessonLogEvent> = {}): LessonLogEvent =>
  ({
    at: 5,
    type: 'question_asked',
    questionId,
    number: 1,
    kind: 'single',
    prompt: '哪个是质数？',
    choices: 4,
    correct: { choices: [1] },
    picture: 'data:image/jpeg;base64,AAAA',
    peerId: 't',
    displayName: '王老师',
    ...over,
  }) as LessonLogEvent;
const answer = (
  questionId: string,
  seat: string,
  value: { choices?: number[]; count?: number },
): LessonLogEvent => ({
  at: 6,
  type: 'answer',
  questionId,
  seat,
  peerId: `peer-${seat}`,
  displayName: `教室 ${seat}`,
  answer: value,
});

describe('the teaching tools’ events as the recording keeps them', () => {
  it('keeps what was asked on the recorder’s clock, without the still or who asked', () => {
    const tools = new ToolEvents();
    const [e] = tools.logged(asked('q1'), 1_000);
    expect(e).toEqual({
      at: 1_000,
      type: 'question_asked',
      questionId: 'q1',
      number: 1,
      kind: 'single',
      prompt: '哪个是质数？',
      choices: 4,
      correct: { choices: [1] },
    });
    expect(Value.Check(LessonEvent, e)).toBe(true);
  });

  it('counts the answers at the close, each classroom once, and keeps no classroom’s own', () => {
    const tools = new ToolEvents();
    tools.logged(asked('q1'), 1_000);
    expect(tools.logged(answer('q1', 'a', { choices: [0] }), 1_100)).toEqual([]);
    tools.logged(answer('q1', 'b', { choices: [1] }), 1_200);
    // classroom a changed its mind: its latest answer counts
    tools.logged(answer('q1', 'a', { choices: [1] }), 1_300);
    tools.logged(answer('q1', 'c', { choices: [3] }), 1_400);
    const closed = tools.logged({ at: 7, type: 'question_closed', questionId: 'q1' }, 2_000);
    expect(closed).toEqual([
      {
        at: 2_000,
        type: 'question_closed',
        questionId: 'q1',
        tally: { answered: 3, perChoice: [0, 2, 0, 1], correct: 2 },
      },
    ]);
    expect(JSON.stringify(closed)).not.toContain('教室');
    expect(Value.Check(LessonEvent, closed[0])).toBe(true);
  });

  it('sums a count question, and makes up no count for a question asked before it began', () => {
    const tools = new ToolEvents();
    tools.logged(asked('q2', { kind: 'count', choices: 0, correct: undefined }), 1);
    tools.logged(answer('q2', 'a', { count: 23 }), 2);
    tools.logged(answer('q2', 'b', { count: 19 }), 3);
    expect(tools.logged({ at: 4, type: 'question_closed', questionId: 'q2' }, 4)[0]).toMatchObject({
      tally: { answered: 2, perChoice: [], totalCount: 42 },
    });
    expect(tools.logged({ at: 4, type: 'question_closed', questionId: 'old' }, 5)).toEqual([
      { at: 5, type: 'question_closed', questionId: 'old' },
    ]);
  });

  it('keeps the timer and passes over what playback does not need', () => {
    const tools = new ToolEvents();
    expect(
      tools.logged({ at: 1, type: 'timer_started', mode: 'countdown', durationMs: 180_000 }, 10),
    ).toEqual([{ at: 10, type: 'timer_started', mode: 'countdown', durationMs: 180_000 }]);
    expect(tools.logged({ at: 2, type: 'timer_stopped' }, 11)).toEqual([
      { at: 11, type: 'timer_stopped' },
    ]);
    expect(tools.logged({ at: 3, type: 'question_revealed', questionId: 'q' }, 12)).toEqual([]);
  });

  it('clears a timer the log left on the screens when the room is made again without one', () => {
    const tools = new ToolEvents();
    const none = { timer: null, now: 5 };
    // a first room with no timer: nothing to say
    expect(tools.seedTimer(none, 100)).toEqual([]);
    tools.logged({ at: 1, type: 'timer_started', mode: 'stopwatch' }, 110);
    // made again (everyone left): the new room has none, so the screens show none
    expect(tools.seedTimer(none, 200)).toEqual([{ at: 200, type: 'timer_cleared' }]);
    expect(tools.seedTimer(none, 300)).toEqual([]);
    // a log continued after a restart may have left one: cleared at once
    expect(new ToolEvents(true).seedTimer(none, 400)).toEqual([{ at: 400, type: 'timer_cleared' }]);
  });

  it('writes a timer started before the recording at when it started, by the room’s clock', () => {
    // the room's clock (a lesson clock) is 1,000,000 ms behind the recorder's
    const running = { mode: 'countdown' as const, startedAt: 7_000, durationMs: 60_000 };
    expect(new ToolEvents().seedTimer({ timer: running, now: 10_000 }, 1_010_000)).toEqual([
      { at: 1_007_000, type: 'timer_started', mode: 'countdown', durationMs: 60_000 },
    ]);
    const held = { mode: 'stopwatch' as const, startedAt: 2_000, stoppedAt: 6_000 };
    const seeded = new ToolEvents().seedTimer({ timer: held, now: 10_000 }, 50_000);
    expect(seeded).toEqual([
      { at: 42_000, type: 'timer_started', mode: 'stopwatch' },
      { at: 46_000, type: 'timer_stopped' },
    ]);
    for (const e of seeded) expect(Value.Check(LessonEvent, e)).toBe(true);
  });

  it('restamps a stroke with the recorder’s clock, its geometry as it was drawn', () => {
    const tools = new ToolEvents();
    const [e] = tools.annotation(
      {
        kind: 'annotation.stroke',
        at: 42,
        pageId: 'p1',
        strokeId: 's1',
        tool: 'arrow',
        color: '#1e88e5',
        width: 0.003,
        points: [0.1, 0.2, 0.7, 0.8],
      },
      1_700_000_000_123,
    );
    expect(e).toEqual({
      at: 1_700_000_000_123,
      type: 'annotation',
      annotation: {
        kind: 'annotation.stroke',
        at: 1_700_000_000_123,
        pageId: 'p1',
        strokeId: 's1',
        tool: 'arrow',
        color: '#1e88e5',
        width: 0.003,
        points: [0.1, 0.2, 0.7, 0.8],
      },
    });
    expect(Value.Check(LessonEvent, e)).toBe(true);
  });

  it('tallies a multiple-choice question per choice', () => {
    expect(
      tallyOf({ kind: 'multiple', choices: 3, correct: { choices: [0, 2] } }, [
        { choices: [0, 2] },
        { choices: [2, 0] },
        { choices: [0] },
      ]),
    ).toEqual({ answered: 3, perChoice: [3, 0, 2], correct: 2 });
  });

  it('starts the log from the page the room shows, if it was ever drawn on', () => {
    const tools = new ToolEvents();
    const pen = { tool: 'pen' as const, color: '#e53935', width: 0.004, points: [0.1, 0.1] };
    const snapshot = {
      rev: 7,
      page: {
        id: 'p2',
        background: 'blank' as const,
        strokes: [
          { id: 'a', ...pen, done: true },
          // still being drawn: logged when it ends
          { id: 'b', ...pen, done: false },
        ],
      },
      pages: [
        { id: 'p1', background: 'screen' as const },
        { id: 'p2', background: 'blank' as const },
      ],
    };
    const events = tools.seed(snapshot, 5_000);
    expect(events.map((e) => (e.type === 'annotation' ? e.annotation.kind : e.type))).toEqual([
      'annotation.page',
      'annotation.clear',
      'annotation.stroke',
    ]);
    expect(events.every((e) => e.at === 5_000 && Value.Check(LessonEvent, e))).toBe(true);
    expect(events[0]).toMatchObject({
      annotation: { pageId: 'p2', background: 'blank', action: 'go' },
    });
    expect(events[2]).toMatchObject({ annotation: { strokeId: 'a', points: [0.1, 0.1] } });
    // a board never drawn on, or none at all: nothing
    const empty = {
      rev: 0,
      page: { id: 'p1', background: 'screen' as const, strokes: [] },
      pages: [{ id: 'p1', background: 'screen' as const }],
    };
    expect(new ToolEvents().seed(empty, 1)).toEqual([]);
    expect(tools.seed(undefined, 1)).toEqual([]);
    // once the log has strokes, a room made again (its board new) clears them from view
    expect(tools.seed(empty, 9).map((e) => e.type === 'annotation' && e.annotation.kind)).toEqual([
      'annotation.page',
      'annotation.clear',
    ]);
    // and a log continued after a restart may have some
    expect(new ToolEvents(true).seed(empty, 9)).toHaveLength(2);
  });
});
