// What the expansion reads of a stored series in each view: its working copy (the version
// being negotiated) or its published version (what the lesson clock and the screens follow).
import type { SeriesRecord } from '../../shared/timetable/series';
import type { SeriesInput } from './expand';
import { workingVersion } from './negotiation';

export type View = 'working' | 'published';

/** The series as `view` sees it; undefined for the published view of a never-published one. */
export function inputOf(s: SeriesRecord, view: View): SeriesInput | undefined {
  if (view === 'published')
    return s.published
      ? {
          id: s.id,
          communityId: s.communityId,
          spec: s.published.spec,
          version: s.published.version,
        }
      : undefined;
  return { id: s.id, communityId: s.communityId, spec: s.spec, version: workingVersion(s) };
}
