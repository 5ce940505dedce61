// A negotiation step's refusal as the coordinator reads it: the catalogue's words (Chinese
// first, then English) with the schools named, not their ids. The reason code stays the
// API's; the domain's own message stays for a code the catalogue does not know.
import { bilingual, messageOf, type MessageParams } from '../../shared/messages';
import type { Refusal } from './negotiation';

export function refusalText(
  refusal: Pick<Refusal, 'code' | 'message' | 'schoolIds' | 'comment'>,
  schoolName: (schoolId: string) => string | undefined,
  params: MessageParams = {},
): string {
  const schools = (refusal.schoolIds ?? []).map((id) => schoolName(id) ?? id);
  const named: MessageParams = {
    ...params,
    ...(schools.length ? { school: schools[0], schools: schools.join('、') } : {}),
    ...(refusal.comment !== undefined ? { comment: refusal.comment } : {}),
  };
  const m = messageOf(refusal.code, named);
  return m ? bilingual(m) : refusal.message;
}
