import { describe, expect, it } from 'vitest';
import { galleryGrid } from '../../../client/lib/gallery';

describe("the teacher's wall grid", () => {
  it('fits every count from 1 to 12 in the box, none outside it', () => {
    for (const [w, h] of [
      [1000, 480], // a laptop's wall while nobody is on stage
      [1000, 200], // the strip under the stage
      [1600, 900],
    ] as const) {
      for (let n = 1; n <= 12; n++) {
        const g = galleryGrid(n, w, h);
        expect(g.cols * g.rows).toBeGreaterThanOrEqual(n);
        expect(g.cols * g.tileWidth + (g.cols - 1) * 8).toBeLessThanOrEqual(w);
        expect(g.rows * g.tileHeight + (g.rows - 1) * 8).toBeLessThanOrEqual(h);
        expect(g.tileHeight, `${n} in ${w}×${h}`).toBeGreaterThan(30);
      }
    }
  });

  it('picks the layout with the largest videos', () => {
    expect(galleryGrid(1, 1000, 500)).toMatchObject({ cols: 1, rows: 1 });
    expect(galleryGrid(4, 1600, 900)).toMatchObject({ cols: 2, rows: 2 });
    // A wide, low strip: one row.
    expect(galleryGrid(4, 1600, 200)).toMatchObject({ cols: 4, rows: 1 });
    expect(galleryGrid(12, 1600, 900)).toMatchObject({ cols: 4, rows: 3 });
  });
});
