// A link's one-time sign-in code (the printed dev link, a research invitation): taken out
// of the address bar at once, then traded for a bearer token that stays in this tab. The
// code rides in the #fragment, which browsers never send, and works only once.
import type { TokenReply } from '../../shared/auth';

export interface LinkCodeResult {
  token?: string;
  /** the server's words when the code was refused (used, expired) */
  refused?: string;
}

export async function takeLinkCode(): Promise<LinkCodeResult> {
  const fragment = new URLSearchParams(location.hash.slice(1));
  const code = fragment.get('code');
  if (!code) return {};
  fragment.delete('code');
  const rest = fragment.toString();
  history.replaceState(null, '', `${location.pathname}${location.search}${rest ? `#${rest}` : ''}`);
  const res = await fetch('/api/auth/exchange', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code }),
  });
  const body = (await res.json().catch(() => ({}))) as Partial<TokenReply> & { message?: string };
  if (!res.ok || typeof body.token !== 'string') {
    return { refused: body.message ?? `HTTP ${res.status}` };
  }
  return { token: body.token };
}
