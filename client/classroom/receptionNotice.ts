// "网络较差" on the classroom's big screen while its downlink cannot carry the teacher's
// picture (the server's layer policy paused it, or holds it below what the screen asks
// for because of loss): her voice goes on, her last frame stays, and the room knows why.
import type { LiveRoomClient } from '../lib/LiveRoomClient';
import type { ReceptionNotice } from '../../shared/signaling/reception';
import { bilingual, messageOf } from '../../shared/messages';
import { h } from '../lib/dom';

/** The words for a notice; undefined when there is nothing to say. */
export function receptionText(notice: ReceptionNotice): string | undefined {
  if (notice.poor) {
    return bilingual(messageOf(notice.reason === 'cap' ? 'reception_capped' : 'reception_poor')!);
  }
  // A picture held low by loss is worth saying; one held low by bandwidth alone is normal.
  if (notice.reason === 'loss' && notice.level < notice.maxLevel) {
    return bilingual(messageOf('reception_low')!);
  }
  return undefined;
}

export function receptionNotice(client: LiveRoomClient): { element: HTMLElement; off(): void } {
  const element = h('div', { class: 'reception-notice', role: 'status', hidden: true });
  const off = client.on('reception', (notice) => {
    const text = receptionText(notice);
    element.hidden = text === undefined;
    element.dataset.poor = String(notice.poor);
    element.textContent = text ?? '';
  });
  return { element, off };
}
