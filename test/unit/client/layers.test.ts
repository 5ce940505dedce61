import { describe, expect, it } from 'vitest';
import { layerForHeight } from '../../../shared/signaling/events';
import { neverGiveUp } from '../../../client/lib/reconnectPolicy';
import { loadSettings, saveSettings } from '../../../client/classroom/settings';

describe('layerForHeight', () => {
  it('maps a tile’s pixel height to the simulcast layer it needs', () => {
    expect(layerForHeight(120, 3)).toBe(0);
    expect(layerForHeight(360, 3)).toBe(1);
    expect(layerForHeight(720, 3)).toBe(2);
    expect(layerForHeight(720, 2)).toBe(1);
    expect(layerForHeight(720, 1)).toBe(0);
  });
});

describe('neverGiveUp', () => {
  it('follows the quick steps, then keeps retrying at about 7 s for ever', () => {
    const policy = neverGiveUp(() => 0.5);
    expect([0, 1, 2, 3, 4].map((n) => policy.nextRetryDelayMs(n))).toEqual([
      0, 300, 1200, 2700, 4800,
    ]);
    expect(policy.nextRetryDelayMs(5)).toBe(7500);
    expect(policy.nextRetryDelayMs(10_000)).toBe(7500);
  });
});

class MemoryStorage implements Storage {
  #items = new Map<string, string>();
  get length() {
    return this.#items.size;
  }
  clear() {
    this.#items.clear();
  }
  getItem(key: string) {
    return this.#items.get(key) ?? null;
  }
  key(index: number) {
    return [...this.#items.keys()][index] ?? null;
  }
  removeItem(key: string) {
    this.#items.delete(key);
  }
  setItem(key: string, value: string) {
    this.#items.set(key, value);
  }
}

describe('classroom settings', () => {
  it('takes a link’s parameters, saves them, and joins from them next time', () => {
    const storage = new MemoryStorage();
    const fromLink = loadSettings('?room=r1&name=%E4%B8%89(1)%E7%8F%AD&code=abcd1234', storage);
    expect(fromLink).toEqual({
      mode: 'room',
      roomId: 'r1',
      displayName: '三(1)班',
      roomCode: 'abcd1234',
    });
    expect(loadSettings('', storage)).toEqual(fromLink);
  });

  it('keeps an enrolled device’s credential', () => {
    const storage = new MemoryStorage();
    const device = {
      mode: 'device',
      token: 't',
      classroomId: 'c1',
      displayName: '三(1)班',
    } as const;
    saveSettings(storage, device);
    expect(loadSettings('', storage)).toEqual(device);
  });

  it('shows the setup form for a damaged saved entry', () => {
    const storage = new MemoryStorage();
    storage.setItem('tongke.classroom', '{not json');
    expect(loadSettings('', storage)).toBeUndefined();
  });
});
