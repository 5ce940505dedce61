import { describe, expect, it } from 'vitest';
import type { LessonEvent } from '../../../shared/recording';
import type { AnnotationLogEvent } from '../../../shared/signaling/annotationLog';
import {
  pictureBox,
  strokeIntervals,
  strokeLines,
  strokePath,
} from '../../../server/recording/annotationBurn';
import { assScript } from '../../../server/recording/assScript';
import { exportPlan, MAIN } from '../../../server/recording/exportPlan';

const T0 = 10_000;
type Drawn = AnnotationLogEvent extends infer A
  ? A extends unknown
    ? Omit<A, 'at'>
    : never
  : never;
const ev = (ms: number, a: Drawn): LessonEvent =>
  ({ at: T0 + ms, type: 'annotation', annotation: { ...a, at: T0 + ms } }) as LessonEvent;
const stroke = (
  ms: number,
  strokeId: string,
  pageId = 'p1',
  tool: 'pen' | 'highlighter' | 'arrow' = 'pen',
) =>
  ev(ms, {
    kind: 'annotation.stroke',
    pageId,
    strokeId,
    tool,
    color: '#e53935',
    width: 0.01,
    points: [0.2, 0.3, 0.5, 0.5, 0.8, 0.3],
  });

describe('批注 burned into the export', () => {
  const events: LessonEvent[] = [
    stroke(1000, 'a'),
    stroke(2000, 'b'),
    ev(3000, { kind: 'annotation.erase', pageId: 'p1', strokeIds: ['a'] }),
    ev(4000, { kind: 'annotation.page', pageId: 'p2', background: 'blank', action: 'new' }),
    stroke(4500, 'w', 'p2'),
    ev(5000, { kind: 'annotation.page', pageId: 'p1', background: 'screen', action: 'go' }),
    ev(7000, { kind: 'annotation.clear', pageId: 'p1' }),
  ];

  it('knows when each stroke was on the page shown, a whiteboard page’s marked so', () => {
    const spans = strokeIntervals(events, T0 + 9000).map(
      (x) => `${x.stroke.id}${x.blank ? ' (whiteboard)' : ''} ${x.fromMs - T0}–${x.toMs - T0}`,
    );
    expect(spans).toEqual([
      'a 1000–3000',
      'b 2000–4000',
      'w (whiteboard) 4500–5000',
      'b 5000–7000',
    ]);
    // to the end of the recording when nothing took it away
    expect(strokeIntervals([stroke(1000, 'a')], T0 + 9000)).toMatchObject([
      { fromMs: T0 + 1000, toMs: T0 + 9000 },
    ]);
  });

  it('lays the strokes on the picture, not on the bars beside it', () => {
    expect(pictureBox(MAIN, { width: 1280, height: 720 })).toEqual(MAIN);
    // a 4:3 courseware in the 16:9 box: bars left and right
    expect(pictureBox(MAIN, { width: 1024, height: 768 })).toEqual({
      x: 120,
      y: 90,
      w: 720,
      h: 540,
    });
    expect(pictureBox(MAIN, undefined)).toEqual(MAIN);
  });

  it('draws a stroke there and back (libass closes a drawing), an arrow with its head', () => {
    const box = { x: 0, y: 90, w: 1000, h: 500 };
    const pen = { id: 's', tool: 'pen' as const, color: '#e53935', width: 0.01, done: true };
    expect(strokePath({ ...pen, points: [0.1, 0.2, 0.5, 0.4, 0.9, 0.2] }, box, 10)).toBe(
      'm 100.0 190.0 l 500.0 290.0 900.0 190.0 500.0 290.0 100.0 190.0',
    );
    const arrow = strokePath({ ...pen, tool: 'arrow', points: [0, 0, 0.3, 0.1, 0.5, 0] }, box, 10);
    // the shaft from the first point to the last, and the two wings of the head
    expect(arrow.startsWith('m 0.0 90.0 l 500.0 90.0 ')).toBe(true);
    expect(arrow.split(' ').filter((x) => x === '500.0').length).toBeGreaterThanOrEqual(4);
    expect(strokePath({ ...pen, points: [0.5, 0.5] }, box, 10)).toBe(
      'm 500.0 340.0 l 500.1 340.0 500.0 340.0',
    );
  });

  it('shows each stroke only while the courseware was on screen, in its colour and width', () => {
    const ass = assScript(
      strokeLines(events, T0, T0 + 9000, [{ fromMs: T0 + 1500, toMs: T0 + 6000, box: MAIN }]),
    )!;
    const dialogues = ass.split('\n').filter((l) => l.startsWith('Dialogue:'));
    expect(dialogues.map((l) => l.split(',').slice(1, 3).join('–'))).toEqual([
      '0:00:01.50–0:00:03.00',
      '0:00:02.00–0:00:04.00',
      '0:00:05.00–0:00:06.00',
    ]);
    // #e53935 is BGR in ASS; 0.01 of a 960 px picture: 9.6 px, a border of half that
    expect(dialogues[0]).toContain('\\3c&H3539E5&');
    expect(dialogues[0]).toContain('\\bord4.8');
    expect(ass).toContain('PlayResX: 1280');
    const hl = strokeLines([stroke(0, 'h', 'p1', 'highlighter')], T0, T0 + 1000, [
      { fromMs: T0, toMs: T0 + 1000, box: MAIN },
    ]);
    expect(hl[0]).toContain('\\3a&H99&');
  });

  it('lays a whiteboard page’s strokes on its sheet, only while the sheet is up', () => {
    const sheet = { x: 0, y: 90, w: 960, h: 540 };
    const lines = strokeLines(
      events,
      T0,
      T0 + 9000,
      [],
      [{ fromMs: T0 + 4000, toMs: T0 + 4800, box: sheet }],
    );
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Dialogue: 1,0:00:04.50,0:00:04.80,Ink,/);
    // 0.2 of the sheet's 960 px from its left, 0.3 of its 540 px below its top (y 90)
    expect(lines[0]).toContain('m 192.0 252.0');
  });

  it('makes nothing when no stroke was over the courseware or a sheet', () => {
    expect(strokeLines(events, T0, T0 + 9000, [])).toEqual([]);
    expect(strokeLines([], T0, T0 + 9000, [{ fromMs: T0, toMs: T0 + 9000, box: MAIN }])).toEqual(
      [],
    );
    expect(assScript([])).toBeUndefined();
  });

  it('puts the ASS file on top of the composed picture, a plain file name only', () => {
    const manifest = {
      recordingId: 'r',
      roomId: 'r',
      kind: 'lesson' as const,
      state: 'stopped' as const,
      startedAt: 0,
      endedAt: 5000,
      segments: [],
      gaps: [],
    };
    const graph = (ink?: string) => {
      const args = exportPlan(manifest, (f) => f, 'out.mp4', ink ? { ink } : {}).args;
      return args[args.indexOf('-filter_complex') + 1]!;
    };
    expect(graph('annotation.ass')).toContain('[base0]ass=annotation.ass[ink]');
    expect(graph()).not.toContain('ass=');
    expect(() => graph("x.ass'[evil]")).toThrow(/plain file name/);
    const args = exportPlan(manifest, (f) => f, 'out.mp4', { ink: 'annotation.ass' }).args;
    expect(args[args.indexOf('-map') + 1]).toBe('[ink]');
  });
});
