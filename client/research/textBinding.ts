// Binds a <textarea> to a Y.Text: local typing becomes Yjs deltas (the smallest change
// between the old and new value), remote changes are applied keeping the caret in place.
// IME composition (拼音 input) is applied once the composed characters are committed.
import type * as Y from 'yjs';

const LOCAL = Symbol('textarea');

/** The edit turning `a` into `b`: keep a common prefix and suffix, replace the middle. */
export function diffText(a: string, b: string): { index: number; remove: number; insert: string } {
  let prefix = 0;
  const max = Math.min(a.length, b.length);
  while (prefix < max && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (suffix < max - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) {
    suffix++;
  }
  return {
    index: prefix,
    remove: a.length - prefix - suffix,
    insert: b.slice(prefix, b.length - suffix),
  };
}

/** Where a caret at `pos` ends up after a Yjs delta. */
export function shiftPosition(
  pos: number,
  delta: { retain?: number; insert?: unknown; delete?: number }[],
): number {
  let at = 0;
  let result = pos;
  for (const op of delta) {
    if (op.retain) at += op.retain;
    else if (typeof op.insert === 'string') {
      if (at <= pos) result += op.insert.length;
      at += op.insert.length;
    } else if (op.delete) {
      if (at < pos) result -= Math.min(op.delete, pos - at);
    }
  }
  return Math.max(0, result);
}

export function bindTextarea(textarea: HTMLTextAreaElement, text: Y.Text): () => void {
  let known = text.toString();
  textarea.value = known;
  let composing = false;

  const push = () => {
    const value = textarea.value;
    if (value === known) return;
    const { index, remove, insert } = diffText(known, value);
    text.doc!.transact(() => {
      if (remove > 0) text.delete(index, remove);
      if (insert) text.insert(index, insert);
    }, LOCAL);
    known = value;
  };
  const onInput = (e: Event) => {
    if (!composing && !(e as InputEvent).isComposing) push();
  };
  const onCompositionStart = () => (composing = true);
  const onCompositionEnd = () => {
    composing = false;
    push();
  };
  const observer = (event: Y.YTextEvent) => {
    if (event.transaction.origin === LOCAL) return;
    const delta = event.delta as { retain?: number; insert?: unknown; delete?: number }[];
    const start = shiftPosition(textarea.selectionStart, delta);
    const end = shiftPosition(textarea.selectionEnd, delta);
    known = text.toString();
    textarea.value = known;
    if (document.activeElement === textarea) textarea.setSelectionRange(start, end);
  };

  textarea.addEventListener('input', onInput);
  textarea.addEventListener('compositionstart', onCompositionStart);
  textarea.addEventListener('compositionend', onCompositionEnd);
  text.observe(observer);
  return () => {
    textarea.removeEventListener('input', onInput);
    textarea.removeEventListener('compositionstart', onCompositionStart);
    textarea.removeEventListener('compositionend', onCompositionEnd);
    text.unobserve(observer);
  };
}
