// The grid a wall of N video tiles takes in a box: the column count whose tiles (of the
// video's aspect ratio) come out largest while all N fit, none scrolled out of sight.

export interface GalleryGrid {
  cols: number;
  rows: number;
  /** tile size in CSS px (the video is letterboxed inside it) */
  tileWidth: number;
  tileHeight: number;
}

export function galleryGrid(
  count: number,
  width: number,
  height: number,
  aspect = 16 / 9,
  gap = 8,
): GalleryGrid {
  const n = Math.max(1, count);
  let best: GalleryGrid = { cols: 1, rows: n, tileWidth: 0, tileHeight: 0 };
  let bestVideoWidth = -1;
  for (let cols = 1; cols <= n; cols++) {
    const rows = Math.ceil(n / cols);
    const cellW = Math.floor((width - gap * (cols - 1)) / cols);
    const cellH = Math.floor((height - gap * (rows - 1)) / rows);
    if (cellW <= 0 || cellH <= 0) continue;
    // What counts is the video inside the cell, letterboxed to its aspect ratio.
    const videoWidth = Math.min(cellW, cellH * aspect);
    if (videoWidth > bestVideoWidth) {
      bestVideoWidth = videoWidth;
      best = { cols, rows, tileWidth: cellW, tileHeight: cellH };
    }
  }
  return best;
}
