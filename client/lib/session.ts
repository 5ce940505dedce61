// The signed-in person's bearer token, shared by the teacher, research and other screens:
// one login per browser. A link token (an invitation) stays in this tab only.
const KEY = 'tongke.token';

export const session = {
  get token(): string | null {
    return sessionStorage.getItem(KEY) ?? localStorage.getItem(KEY);
  },
  set(token: string, remember: boolean) {
    sessionStorage.setItem(KEY, token);
    if (remember) localStorage.setItem(KEY, token);
  },
  /** A token the server renewed replaces the old one wherever that was kept. */
  renew(token: string) {
    if (sessionStorage.getItem(KEY) !== null) sessionStorage.setItem(KEY, token);
    if (localStorage.getItem(KEY) !== null) localStorage.setItem(KEY, token);
  },
  clear() {
    sessionStorage.removeItem(KEY);
    localStorage.removeItem(KEY);
  },
};

/** fetch with the bearer token; throws with the server's message on a non-2xx answer. */
export async function authorized<T>(path: string, init: RequestInit = {}): Promise<T> {
  const headers = new Headers(init.headers);
  const token = session.token;
  if (token) headers.set('authorization', `Bearer ${token}`);
  if (typeof init.body === 'string') headers.set('content-type', 'application/json');
  const res = await fetch(path, { ...init, headers });
  const body = (await res.json().catch(() => ({}))) as { error?: string; message?: string };
  if (!res.ok)
    throw new HttpError(res.status, body.error ?? 'error', body.message ?? res.statusText);
  return body as T;
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
