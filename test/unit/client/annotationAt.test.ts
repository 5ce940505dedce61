import { describe, expect, it } from 'vitest';
import type { LessonEvent } from '../../../shared/recording';
import type { AnnotationLogEvent } from '../../../shared/signaling/annotationLog';
import { annotationAt, snapshotOf, strokesAt } from '../../../client/playback/annotationAt';

const T0 = 1_000_000;
type Drawn = AnnotationLogEvent extends infer A
  ? A extends unknown
    ? Omit<A, 'at'>
    : never
  : never;
const ev = (ms: number, a: Drawn): LessonEvent =>
  ({ at: T0 + ms, type: 'annotation', annotation: { ...a, at: T0 + ms } }) as LessonEvent;
const stroke = (ms: number, strokeId: string, pageId = 'p1', points = [0.1, 0.1, 0.2, 0.2]) =>
  ev(ms, {
    kind: 'annotation.stroke',
    pageId,
    strokeId,
    tool: 'pen',
    color: '#e53935',
    width: 0.004,
    points,
  });
const ids = (events: LessonEvent[], ms: number) => strokesAt(events, T0 + ms).map((s) => s.id);

describe('the 批注 at a moment of a recording', () => {
  const events: LessonEvent[] = [
    { at: T0, type: 'recording_started' },
    stroke(1000, 'a'),
    stroke(2000, 'b'),
    stroke(3000, 'c'),
    // undo / the eraser: the stroke goes
    ev(4000, { kind: 'annotation.erase', pageId: 'p1', strokeIds: ['b', 'unknown'] }),
    ev(5000, { kind: 'annotation.page', pageId: 'p2', background: 'blank', action: 'new' }),
    stroke(6000, 'd', 'p2'),
    ev(7000, { kind: 'annotation.page', pageId: 'p1', background: 'screen', action: 'go' }),
    ev(8000, { kind: 'annotation.clear', pageId: 'p1' }),
    { at: T0 + 8500, type: 'chat', peerId: 't', displayName: '王老师', text: '下一题' },
    stroke(9000, 'e'),
  ];

  it('shows exactly the strokes there at each moment, seeking either way', () => {
    expect(annotationAt(events, T0 + 500)).toEqual({ applied: 0, page: undefined, strokes: [] });
    expect(ids(events, 1000)).toEqual(['a']);
    expect(ids(events, 3500)).toEqual(['a', 'b', 'c']);
    expect(ids(events, 4000)).toEqual(['a', 'c']);
    // forwards to the whiteboard page, back to page 1 as it was, then cleared
    expect(annotationAt(events, T0 + 6500)).toMatchObject({
      page: { id: 'p2', background: 'blank' },
    });
    expect(ids(events, 6500)).toEqual(['d']);
    expect(ids(events, 7500)).toEqual(['a', 'c']);
    expect(ids(events, 8800)).toEqual([]);
    expect(ids(events, 9500)).toEqual(['e']);
    // and backwards again: the same as the first time
    expect(ids(events, 3500)).toEqual(['a', 'b', 'c']);
    expect(strokesAt(events, T0 + 1000)[0]).toMatchObject({
      tool: 'pen',
      color: '#e53935',
      width: 0.004,
      points: [0.1, 0.1, 0.2, 0.2],
      done: true,
    });
  });

  it('orders events by their time even when the log has them out of order', () => {
    const shuffled = [stroke(3000, 'c'), stroke(1000, 'a'), stroke(2000, 'b')];
    expect(ids(shuffled, 2500)).toEqual(['a', 'b']);
  });

  it('counts the events applied, so the page redraws only when that changes', () => {
    expect(annotationAt(events, T0 + 3500).applied).toBe(3);
    expect(annotationAt(events, T0 + 3999).applied).toBe(3);
    expect(annotationAt(events, T0 + 20_000).applied).toBe(9);
  });

  it('makes the snapshot a screen’s replica takes', () => {
    expect(snapshotOf(annotationAt(events, T0 + 4500))).toMatchObject({
      rev: 4,
      page: { id: 'p1', background: 'screen', strokes: [{ id: 'a' }, { id: 'c' }] },
      pages: [{ id: 'p1', background: 'screen' }],
    });
    // on the whiteboard page: a blank one (playback draws it on a whiteboard tile when no
    // courseware is shown), until she goes back to page 1
    expect(snapshotOf(annotationAt(events, T0 + 6500))).toMatchObject({
      page: { id: 'p2', background: 'blank', strokes: [{ id: 'd' }] },
      pages: [{ id: 'p2', background: 'blank' }],
    });
    expect(snapshotOf(annotationAt(events, T0 + 7000)).page.background).toBe('screen');
    // before any: an empty page on the courseware
    expect(snapshotOf(annotationAt(events, T0))).toEqual({
      rev: 0,
      page: { id: '', background: 'screen', strokes: [] },
      pages: [],
    });
  });

  it('starts a new page blank, even one named as an earlier room’s page was', () => {
    const again: LessonEvent[] = [
      stroke(1000, 'a', 'p2'),
      ev(2000, { kind: 'annotation.page', pageId: 'p2', background: 'screen', action: 'new' }),
      stroke(3000, 'z', 'p2'),
    ];
    expect(ids(again, 2500)).toEqual([]);
    expect(ids(again, 3500)).toEqual(['z']);
  });
});
