import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { bindText, diffText } from '../../../client/research/textBinding';
import { FakeTextField } from '../../helpers/textField';

/** A writer: one Y.Doc, one field bound to its text, everything focused. */
function writer(clientID: number, initial: Uint8Array) {
  const doc = new Y.Doc();
  doc.clientID = clientID;
  Y.applyUpdate(doc, initial);
  const text = doc.getText('problems');
  const field = new FakeTextField();
  const binding = bindText(field, text, () => true);
  return {
    doc,
    text,
    field,
    type(s: string) {
      field.typeIn(s);
      binding.push();
    },
    backspace() {
      field.backspace();
      binding.push();
    },
    caretAt(i: number) {
      field.setSelectionRange(i, i);
    },
    /** An IME: its letters show in the field (no input is sent) until a character is picked. */
    compose(letters: string[], picked: string, between: () => void) {
      binding.compositionStart();
      const at = field.selectionStart;
      let shown: string | undefined;
      for (const l of letters) {
        // The first letters replace the selection; later ones, the letters shown so far.
        if (shown !== undefined) field.setSelectionRange(at, at + shown.length);
        field.typeIn(l);
        shown = l;
        between();
      }
      field.setSelectionRange(at, at + (shown ?? '').length);
      field.typeIn(picked);
      binding.compositionEnd();
    },
  };
}

/** Two docs whose updates wait in a queue each way until `deliver()`, as on a network. */
function twoWriters(idA: number, idB: number, start: string) {
  const seed = new Y.Doc();
  seed.getText('problems').insert(0, start);
  const initial = Y.encodeStateAsUpdate(seed);
  const a = writer(idA, initial);
  const b = writer(idB, initial);
  const toA: Uint8Array[] = [];
  const toB: Uint8Array[] = [];
  a.doc.on('update', (u: Uint8Array, origin: unknown) => origin !== 'net' && toB.push(u));
  b.doc.on('update', (u: Uint8Array, origin: unknown) => origin !== 'net' && toA.push(u));
  const deliverToA = () => {
    for (const u of toA.splice(0)) Y.applyUpdate(a.doc, u, 'net');
  };
  const deliverToB = () => {
    for (const u of toB.splice(0)) Y.applyUpdate(b.doc, u, 'net');
  };
  const deliver = () => {
    deliverToA();
    deliverToB();
  };
  return { a, b, deliver, deliverToA, deliverToB };
}

describe('textarea ↔ Y.Text binding', () => {
  it('finds the smallest edit between two values', () => {
    expect(diffText('学生积极', '学生回答积极')).toEqual({ index: 2, remove: 0, insert: '回答' });
    expect(diffText('网络卡顿严重', '网络严重')).toEqual({ index: 2, remove: 2, insert: '' });
    expect(diffText('aaa', 'aa')).toEqual({ index: 2, remove: 1, insert: '' });
    expect(diffText('', '你好')).toEqual({ index: 0, remove: 0, insert: '你好' });
  });

  it('places a repeated character where the caret says it was typed', () => {
    // "的的" from "的": typed at 0 or at 1 reads the same, but lands beside other people's
    // text differently; the caret after the edit says which.
    expect(diffText('的', '的的', 1)).toEqual({ index: 0, remove: 0, insert: '的' });
    expect(diffText('的', '的的', 2)).toEqual({ index: 1, remove: 0, insert: '的' });
    expect(diffText('abb', 'ab', 1)).toEqual({ index: 1, remove: 1, insert: '' });
    expect(diffText('ab', 'axb', 2)).toEqual({ index: 1, remove: 0, insert: 'x' });
  });

  it('replays the diff into a Y.Text to the same value', () => {
    const doc = new Y.Doc();
    const text = doc.getText('t');
    let value = '';
    for (const next of ['下周', '下周调试', '下周调试麦克风', '本周调试麦克风', '本周麦克风']) {
      const { index, remove, insert } = diffText(value, next);
      if (remove) text.delete(index, remove);
      if (insert) text.insert(index, insert);
      value = next;
      expect(text.toString()).toBe(next);
    }
  });

  it('keeps the caret on its character when someone else edits before or after it', () => {
    const { a, b, deliver } = twoWriters(1, 2, '网络：丢包严重');
    a.caretAt(3); // after "网络："
    b.caretAt(0);
    b.type('李：');
    deliver();
    expect(a.field.value).toBe('李：网络：丢包严重');
    expect(a.field.selectionStart).toBe(5);
    b.caretAt(b.field.value.length);
    b.type('。');
    deliver();
    expect(a.field.selectionStart).toBe(5);
    b.caretAt(4);
    b.backspace(); // removes "络", before a's caret
    deliver();
    expect(a.field.value).toBe('李：网：丢包严重。');
    expect(a.field.selectionStart).toBe(4);
  });

  it('keeps a remote insert at my caret after my caret', () => {
    const { a, b, deliver } = twoWriters(1, 2, 'ab');
    a.caretAt(1);
    b.caretAt(1);
    b.type('X');
    deliver();
    expect(a.field.value).toBe('aXb');
    expect(a.field.selectionStart).toBe(1);
  });

  // Yjs orders concurrent inserts at one spot by client id, so each order is tried.
  for (const [idA, idB] of [
    [1, 2],
    [2, 1],
  ] as const) {
    it(`keeps two writers typing at one spot in two whole runs (client ids ${idA}, ${idB})`, () => {
      const { a, b, deliver } = twoWriters(idA, idB, '问题：');
      a.caretAt(3);
      b.caretAt(3);
      const wang = [...'[王]远端声音偶有延迟'];
      const zhao = [...'[赵]板书看不清'];
      for (let i = 0; i < Math.max(wang.length, zhao.length); i++) {
        if (wang[i]) a.type(wang[i]!);
        if (zhao[i]) b.type(zhao[i]!);
        deliver(); // each keystroke reaches the other before the next one
      }
      deliver();
      const result = a.text.toString();
      expect(b.text.toString()).toBe(result);
      expect(a.field.value).toBe(result);
      expect(b.field.value).toBe(result);
      expect([
        '问题：[王]远端声音偶有延迟[赵]板书看不清',
        '问题：[赵]板书看不清[王]远端声音偶有延迟',
      ]).toContain(result);
    });
  }

  it('keeps the runs whole whatever the network delays, in 200 random schedules', () => {
    let seed = 42;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const wang = '[王]远端声音偶有延迟';
    const zhao = '[赵]板书看不清';
    for (let round = 0; round < 200; round++) {
      const { a, b, deliverToA, deliverToB, deliver } = twoWriters(1 + round, 1000 - round, '：');
      a.caretAt(1);
      b.caretAt(1);
      let i = 0;
      let j = 0;
      while (i < wang.length || j < zhao.length) {
        const r = random();
        if (r < 0.3 && i < wang.length) a.type(wang[i++]!);
        else if (r < 0.6 && j < zhao.length) b.type(zhao[j++]!);
        else if (r < 0.8) deliverToA();
        else deliverToB();
      }
      deliver();
      expect([`：${wang}${zhao}`, `：${zhao}${wang}`]).toContain(a.text.toString());
      expect(b.text.toString()).toBe(a.text.toString());
    }
  });

  it('leaves a pinyin composition alone while others type, and places it where it began', () => {
    const { a, b, deliver } = twoWriters(1, 2, '问题：');
    a.caretAt(3);
    b.caretAt(3);
    const seen: string[] = [];
    a.compose(['y', 'yu', 'yuan', 'yuand', 'yuanduan'], '远端', () => {
      b.type('李');
      deliver();
      seen.push(a.field.value);
    });
    // The letters stayed in the field (writing it would have cancelled the composition)…
    expect(seen).toEqual(['问题：y', '问题：yu', '问题：yuan', '问题：yuand', '问题：yuanduan']);
    a.type('声音');
    deliver();
    // …and the picked characters went where the composition began, as one run with what follows.
    expect(a.text.toString()).toBe('问题：远端声音李李李李李');
    expect(b.text.toString()).toBe(a.text.toString());
    expect(a.field.value).toBe(a.text.toString());
    expect(a.field.selectionStart).toBe(7);
  });

  it('replaces a selection by the composed characters, and sends a quiet composition as typed', () => {
    const { a, b, deliver } = twoWriters(1, 2, '网络卡顿严重');
    a.field.setSelectionRange(2, 4); // 卡顿 selected
    let once = false;
    a.compose(['diu', 'diubao'], '丢包', () => {
      if (once) return;
      once = true;
      b.caretAt(0);
      b.type('[李]');
      deliver();
    });
    expect(a.text.toString()).toBe('[李]网络丢包严重');
    a.caretAt(a.field.value.length);
    a.compose(['le'], '了', () => undefined);
    deliver();
    expect(b.text.toString()).toBe('[李]网络丢包严重了');
  });
});
