// The room's 批注 rules, without a server: pages, strokes, limits, and that a refused
// change names its field and leaves the board as it was.
import { describe, expect, it } from 'vitest';
import {
  AnnotationBoard,
  annotationRefusal,
} from '../../../../server/live/annotation/AnnotationBoard';
import { RoomError } from '../../../../server/live/RoomError';
import { annotationLimits } from '../../../../shared/signaling/annotation';

const pen = { tool: 'pen' as const, color: '#e53935', width: 0.004 };
const begin = (b: AnnotationBoard, strokeId: string, points: number[], done = false) =>
  b.beginStroke({ pageId: b.currentPageId, strokeId, ...pen, points, done }, 1000);

/** Runs `change`, expects a RoomError with this code and field, and no change to the board. */
function refused(b: AnnotationBoard, change: () => unknown, code: string, field?: string) {
  const before = JSON.stringify({ snap: b.snapshot(), points: b.points });
  let error: unknown;
  try {
    change();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(RoomError);
  expect((error as RoomError).code).toBe(code);
  expect((error as RoomError).field).toBe(field);
  expect(JSON.stringify({ snap: b.snapshot(), points: b.points })).toBe(before);
}

describe('annotation board', () => {
  it('starts on page 1 over the shared screen, empty', () => {
    const b = new AnnotationBoard();
    expect(b.snapshot()).toEqual({
      rev: 0,
      page: { id: 'p1', background: 'screen', strokes: [] },
      pages: [{ id: 'p1', background: 'screen' }],
    });
  });

  it('builds a stroke from its first points and later batches; logs it once, when done', () => {
    const b = new AnnotationBoard();
    const first = begin(b, 's1', [0.1, 0.1, 0.2, 0.2]);
    expect(first.message).toMatchObject({ op: 'stroke', rev: 1, pageId: 'p1' });
    expect(first.log).toEqual([]);
    const more = b.addPoints(
      { pageId: 'p1', strokeId: 's1', points: [0.3, 0.3], done: false },
      1040,
    );
    expect(more.message).toEqual({
      op: 'points',
      rev: 2,
      pageId: 'p1',
      strokeId: 's1',
      points: [0.3, 0.3],
      done: false,
    });
    const end = b.addPoints({ pageId: 'p1', strokeId: 's1', points: [0.4, 0.5], done: true }, 1080);
    expect(end.log).toEqual([
      {
        kind: 'annotation.stroke',
        at: 1080,
        pageId: 'p1',
        strokeId: 's1',
        ...pen,
        points: [0.1, 0.1, 0.2, 0.2, 0.3, 0.3, 0.4, 0.5],
      },
    ]);
    expect(b.snapshot().page.strokes).toEqual([
      { id: 's1', ...pen, points: [0.1, 0.1, 0.2, 0.2, 0.3, 0.3, 0.4, 0.5], done: true },
    ]);
    expect(b.points).toBe(4);
  });

  it('keeps strokes per page: a new page is empty, going back shows the old strokes', () => {
    const b = new AnnotationBoard();
    begin(b, 's1', [0.5, 0.5], true);
    const opened = b.newPage('blank', 2000);
    expect(opened.message).toMatchObject({
      op: 'page',
      snapshot: {
        page: { id: 'p2', background: 'blank', strokes: [] },
        pages: [
          { id: 'p1', background: 'screen' },
          { id: 'p2', background: 'blank' },
        ],
      },
    });
    expect(opened.log).toEqual([
      { kind: 'annotation.page', at: 2000, pageId: 'p2', background: 'blank', action: 'new' },
    ]);
    begin(b, 's2', [0.1, 0.9], true);
    const back = b.goToPage('p1', 3000);
    expect(
      back.message.op === 'page' && back.message.snapshot.page.strokes.map((s) => s.id),
    ).toEqual(['s1']);
    expect(b.goToPage('p2', 3100).message).toMatchObject({
      snapshot: { page: { id: 'p2', strokes: [{ id: 's2' }] } },
    });
  });

  it('ends a stroke left open when the page changes, and logs it', () => {
    const b = new AnnotationBoard();
    begin(b, 's1', [0.1, 0.1]);
    const { log } = b.newPage('screen', 5000);
    expect(log.map((e) => e.kind)).toEqual(['annotation.stroke', 'annotation.page']);
    b.goToPage('p1', 5100);
    expect(b.snapshot().page.strokes[0]!.done).toBe(true);
  });

  it('erases the touched strokes whole and clears the page', () => {
    const b = new AnnotationBoard();
    begin(b, 's1', [0.1, 0.1, 0.2, 0.2], true);
    begin(b, 's2', [0.3, 0.3], true);
    const erased = b.erase({ pageId: 'p1', strokeIds: ['s1', 'gone', 's1'] }, 1500);
    expect(erased.erased).toBe(1);
    expect(erased.message).toMatchObject({ op: 'erase', strokeIds: ['s1'] });
    expect(b.points).toBe(1);
    const cleared = b.clear({ pageId: 'p1' }, 1600);
    expect(cleared.message).toMatchObject({ op: 'clear', pageId: 'p1' });
    expect(cleared.log).toEqual([{ kind: 'annotation.clear', at: 1600, pageId: 'p1' }]);
    expect(b.snapshot().page.strokes).toEqual([]);
    expect(b.points).toBe(0);
  });

  it('refuses an unknown page, a page not shown, an unknown or ended stroke, a duplicate id', () => {
    const b = new AnnotationBoard();
    begin(b, 's1', [0.1, 0.1], true);
    refused(
      b,
      () => b.beginStroke({ pageId: 'p9', strokeId: 's2', ...pen, points: [], done: false }, 1),
      'not_found',
      '/pageId',
    );
    refused(b, () => b.clear({ pageId: 'p9' }, 1), 'not_found', '/pageId');
    refused(b, () => b.goToPage('p9', 1), 'not_found', '/pageId');
    refused(
      b,
      () => b.addPoints({ pageId: 'p1', strokeId: 'nope', points: [0.2, 0.2], done: false }, 1),
      'not_found',
      '/strokeId',
    );
    refused(
      b,
      () => b.addPoints({ pageId: 'p1', strokeId: 's1', points: [0.2, 0.2], done: false }, 1),
      'forbidden',
      '/strokeId',
    );
    refused(b, () => begin(b, 's1', [0.2, 0.2]), 'invalid_payload', '/strokeId');
    b.newPage('screen', 2);
    // p1 exists but is not shown: a stale teacher page is told so.
    refused(b, () => b.erase({ pageId: 'p1', strokeIds: ['s1'] }, 3), 'forbidden', '/pageId');
  });

  it('refuses an odd number of coordinates and a stroke over its point limit', () => {
    const b = new AnnotationBoard();
    refused(b, () => begin(b, 's1', [0.1, 0.1, 0.2]), 'invalid_payload', '/points');
    const batch = Array.from(
      { length: annotationLimits.pointsPerMessage * 2 },
      (_, i) => (i % 100) / 100,
    );
    begin(b, 's1', batch);
    const per = annotationLimits.pointsPerMessage;
    for (let held = per; held < annotationLimits.pointsPerStroke; held += per) {
      const n = Math.min(per, annotationLimits.pointsPerStroke - held);
      b.addPoints({ pageId: 'p1', strokeId: 's1', points: batch.slice(0, n * 2), done: false }, 1);
    }
    expect(b.points).toBe(annotationLimits.pointsPerStroke);
    refused(
      b,
      () => b.addPoints({ pageId: 'p1', strokeId: 's1', points: [0.5, 0.5], done: true }, 1),
      'invalid_payload',
      '/points',
    );
  });

  it('holds at most the page limit of strokes, and the lesson limit of pages', () => {
    const b = new AnnotationBoard();
    for (let i = 0; i < annotationLimits.strokesPerPage; i++) begin(b, `s${i}`, [0.5, 0.5], true);
    refused(b, () => begin(b, 'one-more', [0.5, 0.5], true), 'forbidden', '/pageId');
    for (let i = 1; i < annotationLimits.pages; i++) b.newPage('blank', i);
    refused(b, () => b.newPage('blank', 999), 'forbidden', undefined);
  });

  it('counts a revision per change, so a snapshot says which messages it already holds', () => {
    const b = new AnnotationBoard();
    begin(b, 's1', [0.1, 0.1]);
    b.addPoints({ pageId: 'p1', strokeId: 's1', points: [0.2, 0.2], done: true }, 1);
    expect(b.snapshot().rev).toBe(2);
    const page = b.newPage('blank', 2);
    expect(page.message.op === 'page' && page.message.snapshot.rev).toBe(3);
  });
});

describe('who annotates', () => {
  it('the teacher of a lesson; nobody else, and not in a research meeting', () => {
    expect(annotationRefusal('teacher', 'lesson')).toBeUndefined();
    for (const role of ['classroom', 'observer', 'member'] as const) {
      expect(annotationRefusal(role, 'lesson')?.code).toBe('forbidden');
    }
    expect(annotationRefusal('teacher', 'research')?.code).toBe('forbidden');
  });
});
