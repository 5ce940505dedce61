// REST calls of the research screen, with the bearer token kept for this browser tab.
import type { TokenReply } from '../../shared/auth';
import type { ResearchSummary, ResearchView } from '../../shared/research';

const KEY = 'tongke.research.token';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const session = {
  get token(): string | null {
    return sessionStorage.getItem(KEY) ?? localStorage.getItem(KEY);
  },
  set(token: string, remember: boolean) {
    sessionStorage.setItem(KEY, token);
    if (remember) localStorage.setItem(KEY, token);
  },
  clear() {
    sessionStorage.removeItem(KEY);
    localStorage.removeItem(KEY);
  },
};

async function call<T>(path: string, init: RequestInit = {}): Promise<T> {
  const headers = new Headers(init.headers);
  const token = session.token;
  if (token) headers.set('authorization', `Bearer ${token}`);
  if (typeof init.body === 'string') headers.set('content-type', 'application/json');
  const res = await fetch(path, { ...init, headers });
  const body = (await res.json().catch(() => ({}))) as { error?: string; message?: string };
  if (!res.ok)
    throw new ApiError(res.status, body.error ?? 'error', body.message ?? res.statusText);
  return body as T;
}

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
    if (!res.ok) throw new ApiError(res.status, 'download_failed', res.statusText);
    return URL.createObjectURL(await res.blob());
  },
};
