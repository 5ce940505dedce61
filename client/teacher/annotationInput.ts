// The teacher's pen, mouse or finger on the drawing surface, as strokes: Pointer Events with
// pointer capture (a stroke that leaves the surface still ends), every coalesced event's
// point (a pen's 240 Hz, not only the frame's one), drawn at once on her page and sent in
// batches every 40 ms so the signaling carries ~25 small messages a second, not hundreds.
import type { AnnotationTool } from '../../shared/signaling/annotation';
import type { RequestPayload } from '../../shared/signaling/events';
import type { LiveRoomClient } from '../lib/LiveRoomClient';
import type { AnnotationOverlay } from '../lib/annotation/overlay';
import type { AnnotationReplica } from '../lib/annotation/replica';

export type Tool = AnnotationTool | 'eraser';

export const BATCH_MS = 40;

/** the eraser's reach around the pointer, CSS px */
const ERASER_PX = 14;

export interface InputSettings {
  tool(): Tool;
  color(): string;
  /** line width for a tool, as a fraction of the content box's width */
  width(tool: AnnotationTool): number;
}

interface Drawing {
  strokeId: string;
  tool: AnnotationTool;
  /** points drawn but not yet sent */
  pending: number[];
  /** the begin request went out (an arrow is sent whole when it ends) */
  begun: boolean;
  first: [number, number];
  last: [number, number];
}

const round = (v: number) => Math.round(v * 10_000) / 10_000;

function strokeId(): string {
  return `s${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
}

/** Squared distance from p to the segment a–b (all in px). */
function segmentDistance2(p: [number, number], a: [number, number], b: [number, number]): number {
  const [dx, dy] = [b[0] - a[0], b[1] - a[1]];
  const len2 = dx * dx + dy * dy;
  const t = len2 ? Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2)) : 0;
  const [x, y] = [a[0] + t * dx - p[0], a[1] + t * dy - p[1]];
  return x * x + y * y;
}

export class StrokeInput {
  readonly #client: LiveRoomClient;
  readonly #replica: AnnotationReplica;
  readonly #settings: InputSettings;
  #overlay: AnnotationOverlay | undefined;
  readonly #drawing = new Map<number, Drawing>();
  readonly #erasing = new Set<number>();
  #erased: string[] = [];
  #timer: ReturnType<typeof setInterval> | undefined;
  /** what went wrong is put right from the server's page */
  readonly #resync: () => void;

  constructor(
    client: LiveRoomClient,
    replica: AnnotationReplica,
    settings: InputSettings,
    resync: () => void,
  ) {
    this.#client = client;
    this.#replica = replica;
    this.#settings = settings;
    this.#resync = resync;
  }

  /** Listens on this overlay's SVG (a new one after the surface changed). */
  attach(overlay: AnnotationOverlay | undefined): void {
    this.#overlay = overlay;
    const svg = overlay?.svg;
    if (!svg) return;
    svg.addEventListener('pointerdown', (e) => this.#down(e));
    svg.addEventListener('pointermove', (e) => this.#move(e));
    svg.addEventListener('pointerup', (e) => this.#up(e));
    svg.addEventListener('pointercancel', (e) => this.#up(e));
  }

  #point(e: PointerEvent): [number, number] {
    const r = this.#overlay!.svg.getBoundingClientRect();
    const clamp = (v: number) => Math.min(1, Math.max(0, v));
    return [
      round(clamp(r.width ? (e.clientX - r.left) / r.width : 0)),
      round(clamp(r.height ? (e.clientY - r.top) / r.height : 0)),
    ];
  }

  #down(e: PointerEvent): void {
    if (e.pointerType === 'mouse' && e.button !== 0) return;
    const page = this.#replica.page;
    if (!page || !this.#overlay) return;
    e.preventDefault();
    this.#overlay.svg.setPointerCapture(e.pointerId);
    const tool = this.#settings.tool();
    const p = this.#point(e);
    this.#startTimer();
    if (tool === 'eraser') {
      this.#erasing.add(e.pointerId);
      this.#eraseAt(p);
      return;
    }
    const d: Drawing = { strokeId: strokeId(), tool, pending: [], begun: false, first: p, last: p };
    this.#drawing.set(e.pointerId, d);
    const stroke = {
      id: d.strokeId,
      tool,
      color: this.#settings.color(),
      width: this.#settings.width(tool),
      points: [...p],
      done: false,
    };
    this.#replica.apply({ op: 'stroke', rev: 0, pageId: page.id, stroke }, true);
    if (tool === 'arrow') return;
    d.begun = true;
    this.#send('annotationStroke', {
      pageId: page.id,
      strokeId: d.strokeId,
      tool,
      color: stroke.color,
      width: stroke.width,
      points: [...p],
      done: false,
    });
  }

  #move(e: PointerEvent): void {
    if (this.#erasing.has(e.pointerId)) {
      for (const c of e.getCoalescedEvents?.() ?? [e]) this.#eraseAt(this.#point(c));
      return;
    }
    const d = this.#drawing.get(e.pointerId);
    const page = this.#replica.page;
    if (!d || !page) return;
    const added: number[] = [];
    for (const c of e.getCoalescedEvents?.() ?? [e]) {
      const p = this.#point(c);
      if (Math.abs(p[0] - d.last[0]) < 0.0005 && Math.abs(p[1] - d.last[1]) < 0.0005) continue;
      d.last = p;
      added.push(...p);
    }
    if (!added.length) return;
    if (d.tool === 'arrow') {
      // An arrow is its two ends: redrawn from the first point to the pointer.
      const stroke = this.#replica.stroke(d.strokeId);
      if (stroke) stroke.points = [...d.first, ...d.last];
      this.#replica.apply(
        { op: 'points', rev: 0, pageId: page.id, strokeId: d.strokeId, points: [], done: false },
        true,
      );
      return;
    }
    d.pending.push(...added);
    this.#replica.apply(
      { op: 'points', rev: 0, pageId: page.id, strokeId: d.strokeId, points: added, done: false },
      true,
    );
  }

  #up(e: PointerEvent): void {
    this.#erasing.delete(e.pointerId);
    const d = this.#drawing.get(e.pointerId);
    this.#drawing.delete(e.pointerId);
    if (d) this.#finish(d);
    this.#flush();
  }

  #finish(d: Drawing): void {
    const page = this.#replica.page;
    if (!page) return;
    const stroke = this.#replica.stroke(d.strokeId);
    if (stroke) stroke.done = true;
    if (d.tool === 'arrow') {
      this.#send('annotationStroke', {
        pageId: page.id,
        strokeId: d.strokeId,
        tool: 'arrow',
        color: stroke?.color ?? this.#settings.color(),
        width: stroke?.width ?? this.#settings.width('arrow'),
        points: [...d.first, ...d.last],
        done: true,
      });
      return;
    }
    this.#sendPoints(page.id, d, true);
  }

  #sendPoints(pageId: string, d: Drawing, done: boolean): void {
    // A batch never exceeds what one request may carry (256 points).
    while (d.pending.length > 512) {
      this.#send('annotationPoints', {
        pageId,
        strokeId: d.strokeId,
        points: d.pending.splice(0, 512),
        done: false,
      });
    }
    if (!d.pending.length && !done) return;
    this.#send('annotationPoints', {
      pageId,
      strokeId: d.strokeId,
      points: d.pending.splice(0),
      done,
    });
  }

  #eraseAt(p: [number, number]): void {
    const box = this.#overlay?.box;
    const page = this.#replica.page;
    if (!box || !page) return;
    const px: [number, number] = [p[0] * box.width, p[1] * box.height];
    const hit: string[] = [];
    for (const s of this.#replica.strokes) {
      const reach = ERASER_PX + (s.width * box.width) / 2;
      const pts =
        s.tool === 'arrow' && s.points.length >= 4
          ? [
              s.points[0]!,
              s.points[1]!,
              s.points[s.points.length - 2]!,
              s.points[s.points.length - 1]!,
            ]
          : s.points;
      for (let i = 0; i + 1 < pts.length; i += 2) {
        const a: [number, number] = [pts[i]! * box.width, pts[i + 1]! * box.height];
        const b: [number, number] =
          i + 3 < pts.length ? [pts[i + 2]! * box.width, pts[i + 3]! * box.height] : a;
        if (segmentDistance2(px, a, b) <= reach * reach) {
          hit.push(s.id);
          break;
        }
      }
    }
    if (!hit.length) return;
    this.#replica.apply({ op: 'erase', rev: 0, pageId: page.id, strokeIds: hit }, true);
    this.#erased.push(...hit);
  }

  #startTimer(): void {
    this.#timer ??= setInterval(() => this.#flush(), BATCH_MS);
  }

  /** Sends what was drawn or erased since the last batch; stops when nothing is drawn. */
  #flush(): void {
    const page = this.#replica.page;
    if (page) {
      for (const d of this.#drawing.values()) if (d.begun) this.#sendPoints(page.id, d, false);
      while (this.#erased.length) {
        this.#send('annotationErase', { pageId: page.id, strokeIds: this.#erased.splice(0, 100) });
      }
    }
    if (!this.#drawing.size && !this.#erasing.size && this.#timer !== undefined) {
      clearInterval(this.#timer);
      this.#timer = undefined;
    }
  }

  #send<N extends 'annotationStroke' | 'annotationPoints' | 'annotationErase'>(
    name: N,
    payload: RequestPayload<N>,
  ): void {
    this.#client.request(name, payload).catch((error: Error) => {
      console.warn(`批注 ${name}: ${error.message}`);
      this.#resync();
    });
  }
}
