import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { InvalidUpdateError, MinutesService } from '../../../server/research/MinutesService';
import { SqliteStore } from '../../../server/store/sqlite/SqliteStore';

const sections = ['core', 'problems'];
let store: SqliteStore;

function edits(doc: Y.Doc, key: string, texts: string[]): Uint8Array[] {
  const out: Uint8Array[] = [];
  const capture = (u: Uint8Array) => out.push(u);
  doc.on('update', capture);
  for (const t of texts) doc.getText(key).insert(doc.getText(key).length, t);
  doc.off('update', capture);
  return out;
}

afterEach(() => store?.close());

describe('MinutesService', () => {
  it('stores an update before it is applied and emitted', async () => {
    store = SqliteStore.memory();
    const minutes = new MinutesService(store.research);
    const seen: number[] = [];
    const stored = () =>
      (store.db.prepare('SELECT count(*) AS n FROM research_updates').get() as { n: number }).n;
    minutes.on('update', () => seen.push(stored()));
    const [u] = edits(new Y.Doc(), 'core', ['学生积极']);
    await minutes.apply('s', u!, 'socket-1', sections);
    expect(seen).toEqual([1]);
    expect(await minutes.text('s', sections)).toEqual({ core: '学生积极', problems: '' });
  });

  it('compacts the log every N updates without changing the text', async () => {
    store = SqliteStore.memory();
    const minutes = new MinutesService(store.research, { compactEvery: 5 });
    const updates = edits(new Y.Doc(), 'problems', ['一', '二', '三', '四', '五', '六']);
    for (const u of updates) await minutes.apply('s', u, 'x', sections);
    expect(await store.research.updates('s')).toHaveLength(2); // 5 merged + 1
    const fresh = new MinutesService(store.research);
    expect((await fresh.text('s', sections)).problems).toBe('一二三四五六');
  });

  it('refuses garbage and content outside the sections before writing anything', async () => {
    store = SqliteStore.memory();
    const minutes = new MinutesService(store.research);
    expect(() => minutes.apply('s', new Uint8Array([9, 9, 9]), 'x', sections)).toThrow(
      InvalidUpdateError,
    );
    const [stray] = edits(new Y.Doc(), 'elsewhere', ['x']);
    expect(() => minutes.apply('s', stray!, 'x', sections)).toThrow(/unknown section elsewhere/);
    expect(await store.research.updates('s')).toEqual([]);
  });

  it('sends a returning client only what it lacks', async () => {
    store = SqliteStore.memory();
    const minutes = new MinutesService(store.research);
    const doc = new Y.Doc();
    for (const u of edits(doc, 'core', ['甲'])) await minutes.apply('s', u, 'x', sections);
    const sv = Y.encodeStateVector(doc);
    const other = new Y.Doc();
    for (const u of edits(other, 'core', ['乙'])) await minutes.apply('s', u, 'y', sections);
    Y.applyUpdate(doc, await minutes.state('s', sv));
    expect(doc.getText('core').toString()).toHaveLength(2);
  });
});
