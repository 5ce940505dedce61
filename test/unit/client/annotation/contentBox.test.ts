// The letterboxed picture's box, and a replica kept by the server's messages.
import { describe, expect, it } from 'vitest';
import { containBox, toFraction } from '../../../../client/lib/annotation/contentBox';
import { AnnotationReplica } from '../../../../client/lib/annotation/replica';

describe('content box of an object-fit: contain picture', () => {
  it('puts bars left and right of a 4:3 picture in a 16:9 element', () => {
    expect(containBox({ width: 1600, height: 900 }, { width: 1024, height: 768 })).toEqual({
      x: 200,
      y: 0,
      width: 1200,
      height: 900,
    });
  });
  it('puts bars above and below a 16:9 picture in a tall element', () => {
    expect(containBox({ width: 800, height: 800 }, { width: 1920, height: 1080 })).toEqual({
      x: 0,
      y: 175,
      width: 800,
      height: 450,
    });
  });
  it('takes the whole element before the picture’s size is known', () => {
    expect(containBox({ width: 640, height: 360 }, { width: 0, height: 0 })).toEqual({
      x: 0,
      y: 0,
      width: 640,
      height: 360,
    });
  });
  it('maps a point of the element to fractions of the picture, clamped to it', () => {
    const box = { x: 200, y: 0, width: 1200, height: 900 };
    expect(toFraction(box, 800, 450)).toEqual([0.5, 0.5]);
    expect(toFraction(box, 100, 950)).toEqual([0, 1]);
  });
});

describe('annotation replica', () => {
  const snapshot = (rev: number, strokes: string[] = []) => ({
    rev,
    page: {
      id: 'p1',
      background: 'screen' as const,
      strokes: strokes.map((id) => ({
        id,
        tool: 'pen' as const,
        color: '#e53935',
        width: 0.003,
        points: [0.1, 0.1],
        done: true,
      })),
    },
    pages: [{ id: 'p1', background: 'screen' as const }],
  });

  it('skips what its snapshot already holds and applies what came after', () => {
    const r = new AnnotationReplica();
    r.reset(snapshot(5, ['a']));
    r.apply({ op: 'points', rev: 5, pageId: 'p1', strokeId: 'a', points: [0.9, 0.9], done: true });
    expect(r.stroke('a')!.points).toEqual([0.1, 0.1]);
    r.apply({ op: 'erase', rev: 6, pageId: 'p1', strokeIds: ['a'] });
    expect(r.strokes).toEqual([]);
  });

  it('ignores a message for another page, and an older snapshot', () => {
    const r = new AnnotationReplica();
    r.reset(snapshot(3, ['a']));
    r.apply({ op: 'clear', rev: 4, pageId: 'p2' });
    expect(r.strokes.map((s) => s.id)).toEqual(['a']);
    r.apply({ op: 'page', snapshot: snapshot(2) });
    expect(r.strokes.map((s) => s.id)).toEqual(['a']);
  });
});
