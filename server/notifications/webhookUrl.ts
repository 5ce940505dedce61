// Which addresses a webhook may have: absolute http(s) URLs with a host, no credentials in
// them (they would show in every list), nothing else (file:, javascript:, data:…).
export type UrlProblem = 'not_a_url' | 'scheme_not_allowed' | 'credentials_in_url';

export function webhookUrlProblem(raw: string): UrlProblem | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'not_a_url';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'scheme_not_allowed';
  if (!url.hostname) return 'not_a_url';
  if (url.username || url.password) return 'credentials_in_url';
  return undefined;
}
