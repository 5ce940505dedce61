// The projector layout's rules: pure, so they are tested without a room. The teacher
// chooses; her screen share moves every projector to the courseware and, when it stops,
// back to what it showed before.
import type { LayoutState, ProjectorLayout } from '../../../shared/signaling/roomControls';

export interface LayoutMemory extends LayoutState {
  /** what the projectors showed before a screen share moved them to the courseware */
  beforeShare: ProjectorLayout | null;
}

export const initialLayout = (): LayoutMemory => ({
  layout: 'teacher',
  cause: 'chosen',
  beforeShare: null,
});

/** Layouts in which the courseware is seen: a share that stops leaves them. */
const showsCourseware = (layout: ProjectorLayout) =>
  layout === 'courseware' || layout === 'side_by_side';

/** The teacher picks a layout (during a share, what it returns to afterwards stays). */
export function chooseLayout(state: LayoutMemory, layout: ProjectorLayout): LayoutMemory {
  return { ...state, layout, cause: 'chosen' };
}

/** Her screen share began: the courseware, full screen, remembering what was before. */
export function shareStarted(state: LayoutMemory): LayoutMemory {
  if (state.beforeShare !== null) return state; // a second share while one runs
  return { layout: 'courseware', cause: 'share_started', beforeShare: state.layout };
}

/**
 * Her screen share ended: back to what was before — unless she chose, during the share,
 * a layout without the courseware (she keeps it then).
 */
export function shareStopped(state: LayoutMemory): LayoutMemory {
  if (state.beforeShare === null) return state;
  if (!showsCourseware(state.layout)) return { ...state, beforeShare: null };
  return { layout: state.beforeShare, cause: 'share_stopped', beforeShare: null };
}

export const sameLayout = (a: LayoutState, b: LayoutState) =>
  a.layout === b.layout && a.cause === b.cause;
