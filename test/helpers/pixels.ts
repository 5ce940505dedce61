// The pixels of a screenshot, decoded by ffmpeg (Debian's, as the recording uses): what a
// person sees at a point of the page, for checks that go past the DOM.
import { spawn } from 'node:child_process';

export interface Rgb {
  r: number;
  g: number;
  b: number;
}

export interface Picture {
  width: number;
  height: number;
  at(x: number, y: number): Rgb;
}

/** Decodes a PNG (a playwright screenshot) to RGB. */
export function decodePng(png: Buffer): Promise<Picture> {
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  return new Promise((resolve, reject) => {
    const ff = spawn('ffmpeg', [
      '-v',
      'error',
      '-i',
      'pipe:0',
      '-f',
      'rawvideo',
      '-pix_fmt',
      'rgb24',
      'pipe:1',
    ]);
    const chunks: Buffer[] = [];
    let errors = '';
    ff.stdout.on('data', (c: Buffer) => chunks.push(c));
    ff.stderr.on('data', (c: Buffer) => (errors += String(c)));
    ff.on('error', reject);
    ff.on('close', (code) => {
      const raw = Buffer.concat(chunks);
      if (code !== 0 || raw.length !== width * height * 3) {
        reject(new Error(`ffmpeg could not decode the screenshot (${code}): ${errors}`));
        return;
      }
      resolve({
        width,
        height,
        at(x, y) {
          const [cx, cy] = [Math.round(x), Math.round(y)];
          if (cx < 0 || cy < 0 || cx >= width || cy >= height) return { r: 0, g: 0, b: 0 };
          const i = (cy * width + cx) * 3;
          return { r: raw[i]!, g: raw[i + 1]!, b: raw[i + 2]! };
        },
      });
    });
    ff.stdin.end(png);
  });
}

/** Whether any pixel within `radius` of (x, y) passes `test`. */
export function anyNear(
  pic: Picture,
  x: number,
  y: number,
  radius: number,
  test: (c: Rgb) => boolean,
): boolean {
  for (let dy = -radius; dy <= radius; dy++) {
    for (let dx = -radius; dx <= radius; dx++) if (test(pic.at(x + dx, y + dy))) return true;
  }
  return false;
}
