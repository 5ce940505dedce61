// What the 批注 screen tests read and do on a page: the strokes as a person sees them
// (mapped through the picture's content box, worked out independently of the overlay's
// code), a canvas shared as the screen, and a drag of the mouse on the teacher's surface.
import type { Page } from 'playwright-core';

/** What a screen shows of the strokes: the picture's content box and each path's points. */
export interface Seen {
  /** the picture inside its element (object-fit: contain), page px */
  box: { x: number; y: number; width: number; height: number };
  /** each stroke's points, page px */
  strokes: { id: string; points: [number, number][] }[];
}

/**
 * Reads a screen: the content box is worked out here from the <video>'s own box and size
 * (or the whiteboard sheet's box), independently of the overlay's code; the strokes' points
 * come from the SVG's geometry, mapped through the SVG's box on the page.
 */
export function seen(page: Page, tileSelector: string): Promise<Seen | undefined> {
  return page.evaluate((sel) => {
    const tile = document.querySelector(sel);
    const svg = tile?.querySelector('svg[data-annotation]');
    if (!tile || !svg) return undefined;
    const sheet = tile.querySelector<HTMLElement>('.annotation-sheet');
    const video = tile.querySelector('video');
    let box: { x: number; y: number; width: number; height: number };
    if (sheet && !sheet.hidden) {
      const r = sheet.getBoundingClientRect();
      box = { x: r.left, y: r.top, width: r.width, height: r.height };
    } else {
      if (!video || !video.videoWidth) return undefined;
      const r = video.getBoundingClientRect();
      const s = Math.min(r.width / video.videoWidth, r.height / video.videoHeight);
      const [w, h] = [video.videoWidth * s, video.videoHeight * s];
      box = { x: r.left + (r.width - w) / 2, y: r.top + (r.height - h) / 2, width: w, height: h };
    }
    const sr = svg.getBoundingClientRect();
    const strokes = [...svg.querySelectorAll('path[data-stroke]')].map((p) => {
      const nums = (p.getAttribute('d') ?? '').match(/-?\d+(\.\d+)?/g)?.map(Number) ?? [];
      const points: [number, number][] = [];
      for (let i = 0; i + 1 < nums.length; i += 2)
        points.push([sr.left + nums[i]!, sr.top + nums[i + 1]!]);
      return { id: (p as SVGPathElement).dataset.stroke ?? '', points };
    });
    return { box, strokes };
  }, tileSelector);
}

/** A point of the picture ([0, 1] fractions) on this screen, page px. */
export const at = (s: Seen, fx: number, fy: number): [number, number] => [
  s.box.x + fx * s.box.width,
  s.box.y + fy * s.box.height,
];

/** The shared courseware: a 1024×768 canvas, blue with a grid and a moving bar, no red. */
export async function fakeScreenShare(page: Page): Promise<void> {
  await page.evaluate(() => {
    const canvas = document.createElement('canvas');
    [canvas.width, canvas.height] = [1024, 768];
    const g = canvas.getContext('2d')!;
    let n = 0;
    setInterval(() => {
      g.fillStyle = '#1d3b5a';
      g.fillRect(0, 0, 1024, 768);
      g.strokeStyle = '#8fb3d9';
      for (let x = 0; x <= 1024; x += 128) g.strokeRect(x, 0, 0, 768);
      for (let y = 0; y <= 768; y += 128) g.strokeRect(0, y, 1024, 0);
      g.fillStyle = '#e0e0e0';
      g.fillRect((n++ * 8) % 1024, 700, 60, 40);
    }, 100);
    const stream = canvas.captureStream(10);
    (window as never as { __screen: MediaStream }).__screen = stream;
    navigator.mediaDevices.getDisplayMedia = async () => stream;
  });
}

/** Drags the mouse through these picture points on the teacher's drawing surface. */
export async function draw(teacher: Page, points: [number, number][]): Promise<void> {
  const svg = teacher.locator('.annotate .surface svg[data-annotation]');
  const box = (await svg.boundingBox())!;
  const px = ([fx, fy]: [number, number]) => [box.x + fx * box.width, box.y + fy * box.height];
  const [x0, y0] = px(points[0]!);
  await teacher.mouse.move(x0!, y0!);
  await teacher.mouse.down();
  for (const p of points.slice(1)) {
    const [x, y] = px(p);
    await teacher.mouse.move(x!, y!, { steps: 12 });
  }
  await teacher.mouse.up();
}
