// Seeded random payloads: the same seed gives the same run, so a failure can be replayed.

/** mulberry32: small, fast, good enough to vary test input. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const STRINGS = [
  '',
  'x',
  '0',
  '-1',
  'null',
  '__proto__',
  'constructor',
  '王老师',
  '💥',
  '../../etc',
];
const KEYS = ['roomId', 'token', 'code', 'id', 'communityId', 'transportId', 'text', '__proto__'];

/** A random JSON value, at most `depth` deep; sometimes a plausible key, sometimes not. */
export function randomJson(rand: () => number, depth = 3): unknown {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const r = rand();
  if (depth <= 0 || r < 0.3) {
    const leaf = rand();
    if (leaf < 0.2) return pick(STRINGS);
    if (leaf < 0.35) return 'z'.repeat(Math.floor(rand() * 5000));
    if (leaf < 0.5) return Math.floor(rand() * 2 ** 53) * (rand() < 0.5 ? -1 : 1);
    if (leaf < 0.6) return rand();
    if (leaf < 0.7) return rand() < 0.5;
    if (leaf < 0.8) return null;
    return String.fromCharCode(...Array.from({ length: 12 }, () => Math.floor(rand() * 0xffff)));
  }
  if (r < 0.5)
    return Array.from({ length: Math.floor(rand() * 5) }, () => randomJson(rand, depth - 1));
  const o: Record<string, unknown> = {};
  for (let i = Math.floor(rand() * 6); i > 0; i--) {
    o[rand() < 0.6 ? pick(KEYS) : `k${Math.floor(rand() * 100)}`] = randomJson(rand, depth - 1);
  }
  return o;
}
