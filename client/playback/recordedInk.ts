// 批注 in playback, as the projectors showed it at each moment: the replica is rebuilt from
// the log whenever the moment has another count of annotation events, and drawn where the
// live screens draw it (client/lib/annotation/projector.ts) — over the courseware's tile
// while it is shown, or, for a whiteboard page with no courseware, on a whiteboard tile of
// its own in the courseware's place.
import type { LessonEvent } from '../../shared/recording';
import { placeAnnotations } from '../lib/annotation/projector';
import { AnnotationReplica } from '../lib/annotation/replica';
import { annotationAt, annotationEvents, appliedAt, snapshotOf } from './annotationAt';

export interface RecordedInk {
  replica: AnnotationReplica;
  /** the whiteboard tile is shown */
  readonly whiteboard: boolean;
  /**
   * The moment `ms` (the log's clock), with the courseware's tile shown or not and the
   * blackboard's: the projectors gave a whiteboard page no place beside the blackboard.
   */
  show(ms: number, screen: boolean, blackboard: boolean): void;
}

export function recordedInk(
  events: readonly LessonEvent[],
  stage: HTMLElement,
  screenTile: HTMLElement,
): RecordedInk {
  const drawn = annotationEvents(events);
  const replica = new AnnotationReplica();
  let screen = false;
  let blackboard = false;
  const placement = placeAnnotations(
    replica,
    () => (screen ? screenTile : undefined),
    (tile, shown) => {
      if (!tile.isConnected) stage.append(tile);
      tile.hidden = !shown || blackboard;
    },
  );
  placement.whiteboard.classList.add('track-whiteboard');
  let applied = -1;
  return {
    replica,
    get whiteboard() {
      return !placement.whiteboard.hidden;
    },
    show(ms, screenShown, blackboardShown) {
      if (screenShown !== screen || blackboardShown !== blackboard) {
        [screen, blackboard] = [screenShown, blackboardShown];
        placement.place();
      }
      const n = appliedAt(drawn, ms);
      if (n === applied) return;
      applied = n;
      replica.reset(snapshotOf(annotationAt(drawn, ms)));
    },
  };
}
