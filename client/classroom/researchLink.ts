// After the lesson, the 辅导教师 goes on to the research meeting (同步教学研讨) from the
// classroom PC, when its research room is open to this classroom (server/research/
// researchGate.ts lets the lesson's classroom PCs in). The PC's own token goes with her in
// this tab's sessionStorage, never in the address.
import { h } from '../lib/dom';

/** Whether the lesson's research room is open to this PC now. */
export async function researchOpen(occurrenceId: string, token: string): Promise<boolean> {
  const res = await fetch(`/api/research/${encodeURIComponent(occurrenceId)}`, {
    headers: { authorization: `Bearer ${token}` },
  }).catch(() => undefined);
  if (!res?.ok) return false;
  const view = (await res.json().catch(() => undefined)) as
    { record?: { lesson?: { state?: string } } } | undefined;
  return view?.record?.lesson?.state === 'research';
}

export function researchButton(occurrenceId: string, token: string): HTMLElement {
  const q = new URLSearchParams({ occurrence: occurrenceId, from: 'classroom' });
  const link = h('a', {
    class: 'primary research-link',
    'data-action': 'research',
    href: `/research/?${q}`,
    text: '进入同步教学研讨 Go to the research room',
  });
  // The research screen reads the bearer from this tab's sessionStorage (client/lib/session).
  link.addEventListener('click', () => sessionStorage.setItem('tongke.token', token));
  return link;
}
