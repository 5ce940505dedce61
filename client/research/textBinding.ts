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
  /** an IME composition began / ended (its characters are committed) */
  compositionStart(): void;
  compositionEnd(): void;
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
 *
 * While an IME composes (拼音 letters shown in the field until a character is picked), the
 * field is left alone: writing its value would cancel the composition and lose the letters.
 * Remote changes wait in the Y.Text; when the composition ends, the composed characters go
 * where the composition began, as a relative position found it again.
 */
export function bindText(field: TextField, text: Y.Text, hasFocus: () => boolean): TextBinding {
  const doc = text.doc!;
  const at = (pos: Y.RelativePosition) =>
    Y.createAbsolutePositionFromRelativePosition(pos, doc)?.index;
  let known = text.toString();
  field.value = known;
  let caret: { start: Y.RelativePosition; end: Y.RelativePosition } | undefined;
  let composing:
    | { base: string; start: number; end: number; from: Y.RelativePosition; to: Y.RelativePosition }
    | undefined;
  /** remote changes arrived while composing, not yet shown in the field */
  let behind = false;

  const show = (caretAt?: number) => {
    known = text.toString();
    field.value = known;
    if (caretAt !== undefined && hasFocus()) field.setSelectionRange(caretAt, caretAt);
  };
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
  const compositionStart = () => {
    const { selectionStart: start, selectionEnd: end } = field;
    const from = Y.createRelativePositionFromTypeIndex(text, start, -1);
    const to = start === end ? from : Y.createRelativePositionFromTypeIndex(text, end, -1);
    composing = { base: known, start, end, from, to };
  };
  const compositionEnd = () => {
    const c = composing;
    composing = undefined;
    if (!c || !behind) return push();
    behind = false;
    // The field is still the text of the composition's start, with the composition in it.
    const value = field.value;
    const head = c.base.slice(0, c.start);
    const tail = c.base.slice(c.end);
    const start = at(c.from) ?? c.start;
    const end = Math.max(start, at(c.to) ?? start);
    if (
      value.length >= head.length + tail.length &&
      value.startsWith(head) &&
      value.endsWith(tail)
    ) {
      const composed = value.slice(head.length, value.length - tail.length);
      doc.transact(() => {
        if (end > start) text.delete(start, end - start);
        if (composed) text.insert(start, composed);
      }, LOCAL);
      show(start + composed.length);
      return;
    }
    // The field changed some other way too (rare): take its edit, placed from the start.
    const { index, remove, insert } = diffText(c.base, value, field.selectionEnd);
    const placed = Math.min(text.length, Math.max(0, start + index - c.start));
    doc.transact(() => {
      const removed = Math.min(remove, text.length - placed);
      if (removed > 0) text.delete(placed, removed);
      if (insert) text.insert(placed, insert);
    }, LOCAL);
    show(placed + insert.length);
  };
  const beforeTransaction = (transaction: Y.Transaction) => {
    caret = undefined;
    if (transaction.origin === LOCAL || composing || !hasFocus()) return;
    const { selectionStart: start, selectionEnd: end } = field;
    caret = {
      // A selection keeps what it selected: its start sticks right, its end left.
      start: Y.createRelativePositionFromTypeIndex(text, start, start === end ? -1 : 0),
      end: Y.createRelativePositionFromTypeIndex(text, end, -1),
    };
  };
  const observer = (event: Y.YTextEvent) => {
    if (event.transaction.origin === LOCAL) return;
    if (composing) {
      behind = true;
      return;
    }
    show();
    if (!caret || !hasFocus()) return;
    const start = at(caret.start);
    const end = at(caret.end);
    if (start !== undefined && end !== undefined) {
      field.setSelectionRange(Math.min(start, end), end);
    }
  };
  doc.on('beforeTransaction', beforeTransaction);
  text.observe(observer);
  return {
    push,
    compositionStart,
    compositionEnd,
    destroy() {
      doc.off('beforeTransaction', beforeTransaction);
      text.unobserve(observer);
    },
  };
}

export function bindTextarea(textarea: HTMLTextAreaElement, text: Y.Text): () => void {
  const binding = bindText(textarea, text, () => document.activeElement === textarea);
  // The input event's own flag, not one kept here: a composition the browser dropped
  // without a compositionend must not swallow the typing after it.
  const onInput = (e: Event) => {
    if (!(e as InputEvent).isComposing) binding.push();
  };
  const onCompositionStart = () => binding.compositionStart();
  const onCompositionEnd = () => binding.compositionEnd();

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
