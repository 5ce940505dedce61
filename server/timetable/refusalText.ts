// A negotiation step's refusal as the coordinator reads it: the catalogue's words (Chinese
// first, then English) with the schools named, not their ids. The reason code stays the
// API's; the domain's own message stays for a code the catalogue does not know.
import { bilingual, messageOf, type MessageParams } from '../../shared/messages';
import type { SeriesRecord } from '../../shared/timetable/series';

export interface Refusal {
  code: string;
  message: string;
}

export function refusalText(
  refusal: Refusal,
  series: Pick<SeriesRecord, 'responses'>,
  schoolName: (schoolId: string) => string | undefined,
  params: MessageParams = {},
): string {
  const named = { ...params };
  if (refusal.code === 'objection_open') {
    const objection = series.responses.find((x) => x.decision === 'objected');
    if (objection) {
      named.school = schoolName(objection.schoolId) ?? objection.schoolId;
      named.comment = objection.comment;
    }
  }
  const m = messageOf(refusal.code, named);
  return m ? bilingual(m) : refusal.message;
}
