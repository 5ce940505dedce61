// Strokes as SVG, drawn at the screen's own pixel size (sharp on a projector): the [0, 1]
// coordinates are scaled to the content box, widths are fractions of its width.
import type { Stroke } from '../../../shared/signaling/annotation';

const SVG = 'http://www.w3.org/2000/svg';

function pathOf(points: number[], w: number, h: number): string {
  if (points.length < 2) return '';
  let d = `M${(points[0]! * w).toFixed(1)} ${(points[1]! * h).toFixed(1)}`;
  // One point (a tap) still shows: a zero-length segment with round caps is a dot.
  if (points.length === 2)
    return `${d}L${(points[0]! * w).toFixed(1)} ${(points[1]! * h).toFixed(1)}`;
  for (let i = 2; i + 1 < points.length; i += 2) {
    d += `L${(points[i]! * w).toFixed(1)} ${(points[i + 1]! * h).toFixed(1)}`;
  }
  return d;
}

/** A line from the first point to the last, with a head of three times the line's width. */
function arrowOf(points: number[], w: number, h: number, lineWidth: number): string {
  if (points.length < 4) return pathOf(points, w, h);
  const [x0, y0] = [points[0]! * w, points[1]! * h];
  const [x1, y1] = [points[points.length - 2]! * w, points[points.length - 1]! * h];
  const angle = Math.atan2(y1 - y0, x1 - x0);
  const head = Math.max(lineWidth * 4, 10);
  const wing = (a: number) =>
    `${(x1 - head * Math.cos(angle + a)).toFixed(1)} ${(y1 - head * Math.sin(angle + a)).toFixed(1)}`;
  const tip = `${x1.toFixed(1)} ${y1.toFixed(1)}`;
  return `M${x0.toFixed(1)} ${y0.toFixed(1)}L${tip}M${wing(0.45)}L${tip}L${wing(-0.45)}`;
}

/** Draws (or redraws) one stroke into its own <path>, made on first need. */
export function drawStroke(
  svg: SVGSVGElement,
  existing: SVGPathElement | undefined,
  stroke: Stroke,
  w: number,
  h: number,
): SVGPathElement {
  const path = existing ?? (document.createElementNS(SVG, 'path') as SVGPathElement);
  if (!existing) {
    path.dataset.stroke = stroke.id;
    path.dataset.tool = stroke.tool;
    path.setAttribute('fill', 'none');
    path.setAttribute('stroke-linecap', stroke.tool === 'highlighter' ? 'square' : 'round');
    path.setAttribute('stroke-linejoin', 'round');
    path.setAttribute('stroke', stroke.color);
    if (stroke.tool === 'highlighter') path.setAttribute('stroke-opacity', '0.4');
    svg.append(path);
  }
  const lineWidth = Math.max(1, stroke.width * w);
  path.setAttribute('stroke-width', lineWidth.toFixed(1));
  path.setAttribute(
    'd',
    stroke.tool === 'arrow' ? arrowOf(stroke.points, w, h, lineWidth) : pathOf(stroke.points, w, h),
  );
  return path;
}

export function svgElement(className: string): SVGSVGElement {
  const svg = document.createElementNS(SVG, 'svg') as SVGSVGElement;
  svg.setAttribute('class', className);
  return svg;
}
