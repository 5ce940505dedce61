// 批注 at a moment of playback, as the screen's replica takes it (client/lib/annotation/
// replica.ts): the moment itself is rebuilt by shared/annotationReplay.ts.
import type { AnnotationMoment } from '../../shared/annotationReplay';
import type { PageSnapshot } from '../../shared/signaling/annotation';

export {
  annotationAt,
  annotationEvents,
  appliedAt,
  strokesAt,
  type AnnotationMoment,
} from '../../shared/annotationReplay';

/** The moment as the snapshot a screen's replica takes. */
export function snapshotOf(moment: AnnotationMoment): PageSnapshot {
  const page = moment.page ?? { id: '', background: 'screen' as const };
  return {
    rev: moment.applied,
    page: { ...page, strokes: moment.strokes },
    pages: moment.page ? [moment.page] : [],
  };
}
