// Where a picture really is inside its element: `object-fit: contain` letterboxes it (bars
// left and right, or above and below), and the strokes' [0, 1] coordinates are the
// picture's, not the element's. No DOM: sizes in, box out.

export interface Box {
  /** offset of the picture inside the element, CSS px */
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * The content box of a `contain`-fitted picture of `media` size in an element of `element`
 * size. Before the picture's size is known (0 × 0) the whole element is the box.
 */
export function containBox(
  element: { width: number; height: number },
  media: { width: number; height: number },
): Box {
  const { width: ew, height: eh } = element;
  if (media.width <= 0 || media.height <= 0 || ew <= 0 || eh <= 0) {
    return { x: 0, y: 0, width: Math.max(ew, 0), height: Math.max(eh, 0) };
  }
  const scale = Math.min(ew / media.width, eh / media.height);
  const width = media.width * scale;
  const height = media.height * scale;
  return { x: (ew - width) / 2, y: (eh - height) / 2, width, height };
}

/** A point in the element (CSS px from its corner) as [0, 1] fractions of the box, clamped. */
export function toFraction(box: Box, px: number, py: number): [number, number] {
  const clamp = (v: number) => Math.min(1, Math.max(0, v));
  return [
    clamp(box.width ? (px - box.x) / box.width : 0),
    clamp(box.height ? (py - box.y) / box.height : 0),
  ];
}

/** The aspect a blank whiteboard page has on every screen (a projector's 16:9). */
export const WHITEBOARD_ASPECT = { width: 16, height: 9 };
