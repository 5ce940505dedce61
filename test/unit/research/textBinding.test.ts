import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { diffText, shiftPosition } from '../../../client/research/textBinding';

describe('textarea ↔ Y.Text binding, pure parts', () => {
  it('finds the smallest edit between two values', () => {
    expect(diffText('学生积极', '学生回答积极')).toEqual({ index: 2, remove: 0, insert: '回答' });
    expect(diffText('网络卡顿严重', '网络严重')).toEqual({ index: 2, remove: 2, insert: '' });
    expect(diffText('aaa', 'aa')).toEqual({ index: 2, remove: 1, insert: '' });
    expect(diffText('', '你好')).toEqual({ index: 0, remove: 0, insert: '你好' });
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
    expect(shiftPosition(5, [{ insert: '李：' }])).toBe(7);
    expect(shiftPosition(5, [{ retain: 6 }, { insert: 'x' }])).toBe(5);
    expect(shiftPosition(5, [{ retain: 1 }, { delete: 2 }])).toBe(3);
    expect(shiftPosition(2, [{ retain: 1 }, { delete: 5 }])).toBe(1);
  });
});
