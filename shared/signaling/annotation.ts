// 批注: the teacher's strokes on the courseware (or on a blank whiteboard page), as data over
// /live. Requests the teacher makes (one schema each, validated on arrival) and the one
// server → client message every projector and the 巡课 view receive. Coordinates are
// fractions of the shared picture's content box ([0, 1] both ways, the picture's own
// corners, not the letterboxed element's), so each screen scales them to its own size.
import { Type, type Static } from '@sinclair/typebox';

/** What one socket request may carry, one stroke may hold, one page and one lesson keep. */
export const annotationLimits = {
  /** x,y pairs in one request: a 40 ms batch of coalesced pointer events is far less */
  pointsPerMessage: 256,
  pointsPerStroke: 4000,
  strokesPerPage: 1000,
  pointsPerPage: 40_000,
  pages: 100,
  /** every page of a lesson together: bounds the room's memory */
  pointsPerLesson: 200_000,
  strokesPerErase: 100,
} as const;

const Id = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' });

/** x0, y0, x1, y1, …: fractions of the content box; the number of entries is even. */
const Points = Type.Array(Type.Number({ minimum: 0, maximum: 1 }), {
  maxItems: annotationLimits.pointsPerMessage * 2,
});

export const AnnotationTool = Type.Union([
  Type.Literal('pen'),
  Type.Literal('highlighter'),
  /** drawn from the stroke's first point to its last */
  Type.Literal('arrow'),
]);
export type AnnotationTool = Static<typeof AnnotationTool>;

/** What a page is drawn on: the shared screen (课件) or a blank whiteboard (白板). */
export const PageBackground = Type.Union([Type.Literal('screen'), Type.Literal('blank')]);
export type PageBackground = Static<typeof PageBackground>;

const Color = Type.String({ pattern: '^#[0-9a-fA-F]{6}$' });
/** line width as a fraction of the content box's width (the same on every screen) */
const Width = Type.Number({ minimum: 0.0005, maximum: 0.05 });

export const annotationRequests = {
  /** The current page with its strokes: asked on every (re)join, so nobody misses any. */
  annotationState: Type.Object({}),
  /** A stroke begins (with its first points); `done` when it already ended (a tap, an arrow). */
  annotationStroke: Type.Object({
    pageId: Id,
    strokeId: Id,
    tool: AnnotationTool,
    color: Color,
    width: Width,
    points: Points,
    done: Type.Boolean(),
  }),
  /** More points of an open stroke, batched by the teacher's page (every ~40 ms). */
  annotationPoints: Type.Object({
    pageId: Id,
    strokeId: Id,
    points: Points,
    done: Type.Boolean(),
  }),
  /** The eraser touched these strokes: they go, whole. */
  annotationErase: Type.Object({
    pageId: Id,
    strokeIds: Type.Array(Id, { minItems: 1, maxItems: annotationLimits.strokesPerErase }),
  }),
  annotationClear: Type.Object({ pageId: Id }),
  /** A new page after the current one, on the shared screen or blank. */
  annotationNewPage: Type.Object({ background: PageBackground }),
  /** Back (or forward) to a page of this lesson, its strokes as they were. */
  annotationGoToPage: Type.Object({ pageId: Id }),
} as const;

export type AnnotationRequestName = keyof typeof annotationRequests;

export interface Stroke {
  id: string;
  tool: AnnotationTool;
  color: string;
  width: number;
  points: number[];
  done: boolean;
}

export interface PageInfo {
  id: string;
  background: PageBackground;
}

/** The page shown now, whole: what a screen replaces its picture with. */
export interface PageSnapshot {
  /** the board's revision: a message with a rev at or below it is already in the snapshot */
  rev: number;
  page: PageInfo & { strokes: Stroke[] };
  /** every page of the lesson, in order (for the teacher's ◀ 2/5 ▶) */
  pages: PageInfo[];
}

export interface AnnotationReplies {
  annotationState: PageSnapshot;
  annotationStroke: Record<string, never>;
  annotationPoints: Record<string, never>;
  annotationErase: { erased: number };
  annotationClear: Record<string, never>;
  annotationNewPage: PageSnapshot;
  annotationGoToPage: PageSnapshot;
}

// Server → client: one `annotation` message, one op at a time.
const Rev = Type.Integer({ minimum: 0 });
const MsgId = Type.String({ minLength: 1, maxLength: 64 });
const MsgPoints = Type.Array(Type.Number({ minimum: 0, maximum: 1 }), {
  maxItems: annotationLimits.pointsPerStroke * 2,
});
const MsgStroke = Type.Object({
  id: MsgId,
  tool: AnnotationTool,
  color: Color,
  width: Type.Number({ minimum: 0, maximum: 1 }),
  points: MsgPoints,
  done: Type.Boolean(),
});
const MsgPage = Type.Object({ id: MsgId, background: PageBackground });

export const PageSnapshotSchema = Type.Object({
  rev: Rev,
  page: Type.Object({
    id: MsgId,
    background: PageBackground,
    strokes: Type.Array(MsgStroke, { maxItems: annotationLimits.strokesPerPage }),
  }),
  pages: Type.Array(MsgPage, { maxItems: annotationLimits.pages }),
});

export const AnnotationMessageSchema = Type.Union([
  Type.Object({ op: Type.Literal('page'), snapshot: PageSnapshotSchema }),
  Type.Object({ op: Type.Literal('stroke'), rev: Rev, pageId: MsgId, stroke: MsgStroke }),
  Type.Object({
    op: Type.Literal('points'),
    rev: Rev,
    pageId: MsgId,
    strokeId: MsgId,
    points: MsgPoints,
    done: Type.Boolean(),
  }),
  Type.Object({
    op: Type.Literal('erase'),
    rev: Rev,
    pageId: MsgId,
    strokeIds: Type.Array(MsgId, { maxItems: annotationLimits.strokesPerErase }),
  }),
  Type.Object({ op: Type.Literal('clear'), rev: Rev, pageId: MsgId }),
]);

export type AnnotationMessage =
  | { op: 'page'; snapshot: PageSnapshot }
  | { op: 'stroke'; rev: number; pageId: string; stroke: Stroke }
  | {
      op: 'points';
      rev: number;
      pageId: string;
      strokeId: string;
      points: number[];
      done: boolean;
    }
  | { op: 'erase'; rev: number; pageId: string; strokeIds: string[] }
  | { op: 'clear'; rev: number; pageId: string };
