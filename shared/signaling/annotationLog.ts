// 批注 as events of the lesson occurrence's log: the room emits each as an `annotation`
// event (server/live/annotation/roomAnnotation.ts) with the server's timestamp; the lesson
// log stores them as they are, so a replay rebuilds every page stroke by stroke. One
// finished stroke is one event (its points whole), not one per 40 ms batch: the log grows
// with what the teacher drew, not with how often her page sent it.
import { Type, type Static } from '@sinclair/typebox';
import { AnnotationTool, PageBackground, annotationLimits } from './annotation';

const Id = Type.String({ minLength: 1, maxLength: 64 });
const At = Type.Integer({ minimum: 0 });

export const AnnotationLogEvent = Type.Union([
  /** a page was opened: a new one (`new`), or an earlier one again (`go`) */
  Type.Object({
    kind: Type.Literal('annotation.page'),
    at: At,
    pageId: Id,
    background: PageBackground,
    action: Type.Union([Type.Literal('new'), Type.Literal('go')]),
  }),
  /** a stroke the teacher finished (or left unfinished: closed when the page changed) */
  Type.Object({
    kind: Type.Literal('annotation.stroke'),
    at: At,
    pageId: Id,
    strokeId: Id,
    tool: AnnotationTool,
    color: Type.String({ maxLength: 7 }),
    width: Type.Number({ minimum: 0, maximum: 1 }),
    points: Type.Array(Type.Number({ minimum: 0, maximum: 1 }), {
      maxItems: annotationLimits.pointsPerStroke * 2,
    }),
  }),
  Type.Object({
    kind: Type.Literal('annotation.erase'),
    at: At,
    pageId: Id,
    strokeIds: Type.Array(Id, { maxItems: annotationLimits.strokesPerErase }),
  }),
  Type.Object({ kind: Type.Literal('annotation.clear'), at: At, pageId: Id }),
]);
export type AnnotationLogEvent = Static<typeof AnnotationLogEvent>;
