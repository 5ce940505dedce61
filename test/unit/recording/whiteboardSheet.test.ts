import { describe, expect, it } from 'vitest';
import type { LessonEvent } from '../../../shared/recording';
import type { PageBackground } from '../../../shared/signaling/annotation';
import { blankPageSpans, sheetLines, sheetSpans } from '../../../server/recording/whiteboardSheet';
import { MAIN } from '../../../server/recording/exportPlan';

const page = (at: number, pageId: string, background: PageBackground): LessonEvent => ({
  at,
  type: 'annotation',
  annotation: { at, kind: 'annotation.page', pageId, background, action: 'new' },
});

describe('a whiteboard page in the export', () => {
  const events = [
    page(2000, 'p1', 'screen'),
    page(3000, 'p2', 'blank'),
    page(6000, 'p1', 'screen'),
    page(8000, 'p3', 'blank'),
  ];

  it('knows when the page shown was a whiteboard, to the end if nothing followed', () => {
    expect(blankPageSpans(events, 10_000)).toEqual([
      { fromMs: 3000, toMs: 6000 },
      { fromMs: 8000, toMs: 10_000 },
    ]);
    expect(blankPageSpans([page(2000, 'p1', 'screen')], 10_000)).toEqual([]);
  });

  it('has its sheet over the screen or with nothing shared, not beside a blackboard alone', () => {
    const blank = [{ fromMs: 0, toMs: 10_000 }];
    expect(sheetSpans(blank, [], [])).toEqual(blank);
    // a blackboard from 2 s to 4 s keeps the place; the screen from 3 s takes the page again
    expect(
      sheetSpans(blank, [{ fromMs: 3000, toMs: 5000 }], [{ fromMs: 2000, toMs: 4000 }]),
    ).toEqual([
      { fromMs: 0, toMs: 2000 },
      { fromMs: 3000, toMs: 10_000 },
    ]);
    expect(sheetSpans([], [{ fromMs: 0, toMs: 5000 }], [])).toEqual([]);
  });

  it('is a white rectangle filling the main box, under the strokes', () => {
    const [line] = sheetLines([{ fromMs: 11_000, toMs: 13_500 }], 10_000, MAIN);
    expect(line).toBe(
      'Dialogue: 0,0:00:01.00,0:00:03.50,Ink,,0,0,0,,' +
        '{\\pos(0,0)\\bord0\\shad0\\1c&HFFFFFF&\\1a&H00&\\p1}' +
        'm 0.0 90.0 l 960.0 90.0 960.0 630.0 0.0 630.0',
    );
  });
});
