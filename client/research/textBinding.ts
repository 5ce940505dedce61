// Binds a <textarea> to a Y.Text: local typing becomes Yjs deltas (the smallest change
// between the old and new value, ending at the caret), remote changes are applied keeping
// the caret beside the character it was after. IME composition (拼音 input) is applied once
// the composed characters are committed.
import * as Y from 'yjs';

const LOCAL = Symbol('textarea');

/** What the binding needs of a text field; a <textarea> has all of it. */
export interface TextField {
  value: string;
  readonly selectionStart: number;
  readonly selectionEnd: number;
  setSelectionRange(start: number, end: number): void;
}

export interface TextBinding {
  /** the user changed the field's value: send the change */
  push(): void;
  destroy(): void;
}

/**
 * The edit turning `a` into `b`: keep a common prefix and suffix, replace the middle. With
 * the caret after the edit, the edit ends at the caret: typing "的" after "的" and before it
 * read the same, but land on different sides of what someone else types there.
 */
export function diffText(
  a: string,
  b: string,
  caret?: number,
): { index: number; remove: number; insert: string } {
  const max = Math.min(a.length, b.length);
  let prefix = 0;
  let suffix = 0;
  if (caret === undefined) {
    while (prefix < max && a[prefix] === b[prefix]) prefix++;
    while (suffix < max - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) {
      suffix++;
    }
  } else {
    const maxSuffix = Math.max(0, Math.min(max, b.length - caret));
    while (suffix < maxSuffix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) {
      suffix++;
    }
    while (prefix < max - suffix && a[prefix] === b[prefix]) prefix++;
  }
  return {
    index: prefix,
    remove: a.length - prefix - suffix,
    insert: b.slice(prefix, b.length - suffix),
  };
}

/**
 * The binding without the DOM; `hasFocus` says whether the caret is the user's to keep.
 *
 * The caret is held as a Yjs relative position taken just before each remote change: a
 * collapsed caret sticks to the character on its left (the one its writer just typed), so
 * someone else's insert landing exactly at it stays after it. Two people typing at one
 * spot then each keep typing into their own run instead of into each other's.
 */
export function bindText(field: TextField, text: Y.Text, hasFocus: () => boolean): TextBinding {
  const doc = text.doc!;
  let known = text.toString();
  field.value = known;
  let caret: { start: Y.RelativePosition; end: Y.RelativePosition } | undefined;

  const push = () => {
    const value = field.value;
    if (value === known) return;
    const { index, remove, insert } = diffText(known, value, field.selectionEnd);
    doc.transact(() => {
      if (remove > 0) text.delete(index, remove);
      if (insert) text.insert(index, insert);
    }, LOCAL);
    known = value;
  };
  const beforeTransaction = (transaction: Y.Transaction) => {
    caret = undefined;
    if (transaction.origin === LOCAL || !hasFocus()) return;
    const { selectionStart: start, selectionEnd: end } = field;
    caret = {
      // A selection keeps what it selected: its start sticks right, its end left.
      start: Y.createRelativePositionFromTypeIndex(text, start, start === end ? -1 : 0),
      end: Y.createRelativePositionFromTypeIndex(text, end, -1),
    };
  };
  const observer = (event: Y.YTextEvent) => {
    if (event.transaction.origin === LOCAL) return;
    known = text.toString();
    field.value = known;
    if (!caret || !hasFocus()) return;
    const start = Y.createAbsolutePositionFromRelativePosition(caret.start, doc)?.index;
    const end = Y.createAbsolutePositionFromRelativePosition(caret.end, doc)?.index;
    if (start !== undefined && end !== undefined) {
      field.setSelectionRange(Math.min(start, end), end);
    }
  };
  doc.on('beforeTransaction', beforeTransaction);
  text.observe(observer);
  return {
    push,
    destroy() {
      doc.off('beforeTransaction', beforeTransaction);
      text.unobserve(observer);
    },
  };
}

export function bindTextarea(textarea: HTMLTextAreaElement, text: Y.Text): () => void {
  const binding = bindText(textarea, text, () => document.activeElement === textarea);
  let composing = false;
  const onInput = (e: Event) => {
    if (!composing && !(e as InputEvent).isComposing) binding.push();
  };
  const onCompositionStart = () => (composing = true);
  const onCompositionEnd = () => {
    composing = false;
    binding.push();
  };

  textarea.addEventListener('input', onInput);
  textarea.addEventListener('compositionstart', onCompositionStart);
  textarea.addEventListener('compositionend', onCompositionEnd);
  return () => {
    textarea.removeEventListener('input', onInput);
    textarea.removeEventListener('compositionstart', onCompositionStart);
    textarea.removeEventListener('compositionend', onCompositionEnd);
    binding.destroy();
  };
}
