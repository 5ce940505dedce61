// Where each video goes on the projector for the layout the teacher chose: pure, so the
// rules are tested without a page. A layout whose content is missing (courseware without
// a share, the stage without a classroom on it) shows the teacher full screen instead.
import type { ProjectorLayout } from '../../shared/signaling/roomControls';

/** What a video on the projector is. */
export type TileRole = 'teacher' | 'courseware' | 'stage' | 'other';

/** main: the large area; side: beside it, as large; pip: small in a corner; hidden. */
export type Place = 'main' | 'side' | 'pip' | 'hidden';

export interface Arrangement {
  /** the layout as shown (the chosen one, or `teacher` when its content is missing) */
  shown: ProjectorLayout;
  places: Map<string, Place>;
}

export function arrange(
  layout: ProjectorLayout,
  tiles: { id: string; role: TileRole }[],
): Arrangement {
  const first = (role: TileRole) => tiles.find((t) => t.role === role)?.id;
  const teacher = first('teacher');
  const courseware = first('courseware');
  const stage = first('stage');
  let shown = layout;
  if ((layout === 'courseware' || layout === 'side_by_side') && !courseware) shown = 'teacher';
  if (layout === 'stage' && !stage) shown = 'teacher';
  const places = new Map<string, Place>(tiles.map((t) => [t.id, 'hidden']));
  const put = (id: string | undefined, place: Place) => id !== undefined && places.set(id, place);
  switch (shown) {
    case 'teacher':
      // Without a teacher camera (she has none) the courseware is what there is to see.
      put(teacher ?? courseware ?? stage, 'main');
      break;
    case 'courseware':
      put(courseware, 'main');
      put(teacher, 'pip');
      break;
    case 'side_by_side':
      put(courseware, 'main');
      put(teacher, 'side');
      break;
    case 'stage':
      put(teacher ?? courseware, 'main');
      put(stage, 'side');
      break;
  }
  return { shown, places };
}
