import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { backends, useStore } from '../lessons/support/backends';

function edit(doc: Y.Doc, section: string, text: string): Uint8Array {
  let update: Uint8Array | undefined;
  const capture = (u: Uint8Array) => (update = u);
  doc.once('update', capture);
  doc.getText(section).insert(doc.getText(section).length, text);
  return update!;
}

describe.each(backends)('research repository on %s', (kind) => {
  const store = useStore(kind);

  it('returns appended updates in order, and compaction keeps their content and later ones', async () => {
    const repo = store().research;
    const doc = new Y.Doc();
    await repo.appendUpdate('s1', edit(doc, 'problems', '网络卡顿'));
    await repo.appendUpdate('s1', edit(doc, 'problems', '；回声'));
    await repo.appendUpdate('s2', edit(new Y.Doc(), 'core', 'other session'));
    const stored = await repo.updates('s1');
    expect(stored).toHaveLength(2);

    const merged = Y.mergeUpdates(stored);
    await repo.appendUpdate('s1', edit(doc, 'nextSteps', '下周调试麦克风')); // arrives meanwhile
    await repo.compact('s1', merged, stored.length);

    const after = await repo.updates('s1');
    expect(after).toHaveLength(2);
    const reloaded = new Y.Doc();
    for (const u of after) Y.applyUpdate(reloaded, u);
    expect(reloaded.getText('problems').toString()).toBe('网络卡顿；回声');
    expect(reloaded.getText('nextSteps').toString()).toBe('下周调试麦克风');
    expect(await repo.updates('s2')).toHaveLength(1);
  });
});
