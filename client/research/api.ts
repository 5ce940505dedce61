// REST calls of the research screen, with the signed-in bearer token (client/lib/session).
import type { TokenReply } from '../../shared/auth';
import type { ResearchSummary, ResearchView } from '../../shared/research';
import { authorized, HttpError, session } from '../lib/session';

export { session };
export { HttpError as ApiError };

const call = authorized;

export const api = {
  login: (login: string, password: string) =>
    call<TokenReply>('/api/auth/login', {
      method: 'POST',
      body: JSON.stringify({ login, password }),
    }),
  me: () => call<TokenReply['principal']>('/api/auth/me'),
  sessions: (communityId: string) =>
    call<ResearchSummary[]>(`/api/research?communityId=${encodeURIComponent(communityId)}`),
  research: (occurrenceId: string) =>
    call<ResearchView>(`/api/research/${encodeURIComponent(occurrenceId)}`),
  /** The file as a blob URL: fetched with the header, so the token never sits in a URL. */
  async fileUrl(materialId: string): Promise<string> {
    const res = await fetch(`/api/materials/${encodeURIComponent(materialId)}/file`, {
      headers: { authorization: `Bearer ${session.token ?? ''}` },
    });
    if (!res.ok) throw new HttpError(res.status, 'download_failed', res.statusText);
    return URL.createObjectURL(await res.blob());
  },
};
