// Where the mediasoup-worker binary lives, shared by the installer (infra/bootstrap.mjs)
// and the server (server/media/workerBinary.ts). Dependency-free on purpose: it runs
// before `npm ci`, when node_modules may not exist yet.
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The mediasoup version package.json pins (exact, so the cache key is stable). */
export function pinnedMediasoupVersion() {
  const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
  const version = pkg.dependencies?.mediasoup;
  if (!/^\d+\.\d+\.\d+$/.test(version ?? '')) {
    throw new Error(`package.json must pin mediasoup to an exact version, found "${version}"`);
  }
  return version;
}

/** Cache outside the work tree, keyed by version, so a fresh clone reuses an earlier build. */
export function workerCacheDir(version = pinnedMediasoupVersion()) {
  const base =
    process.env.TONGKE_CACHE_DIR ??
    join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'tongke');
  return join(base, 'mediasoup-worker', version);
}

/** The binary mediasoup should spawn, or undefined to let mediasoup use its own. */
export function locateWorkerBin() {
  if (process.env.MEDIASOUP_WORKER_BIN) return process.env.MEDIASOUP_WORKER_BIN;
  const cached = join(workerCacheDir(), 'mediasoup-worker');
  return existsSync(cached) ? cached : undefined;
}

export { repoRoot };
