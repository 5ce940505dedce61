#!/usr/bin/env node
// `npm start`, `npm test` and `npm run bench` land here, possibly before node_modules
// exists. It makes sure a mediasoup-worker binary is there, installs the dependencies
// when package-lock.json changed, then runs the job. Dependency-free: Node built-ins only.
//
// Worker policy, in order:
//   1. MEDIASOUP_WORKER_BIN given by the user: use it.
//   2. A binary cached for the pinned version (see locate.mjs): use it.
//   3. mediasoup's own prebuilt download reachable: plain install, mediasoup's own path.
//   4. Otherwise (this kind of offline machine): build it once from the package's sources
//      and Debian's libraries (infra/mediasoup-worker/build.sh) into the cache.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { arch, platform, release } from 'node:os';
import { dirname, join } from 'node:path';
import {
  locateWorkerBin,
  pinnedMediasoupVersion,
  repoRoot,
  workerCacheDir,
} from './mediasoup-worker/locate.mjs';

const jobs = {
  start: [
    ['npm', 'run', 'build:client'],
    ['npx', 'tsx', 'server/main.ts'],
  ],
  test: [
    ['npm', 'run', 'check'],
    ['npx', 'vitest', 'run'],
  ],
  bench: [['npx', 'tsx', 'test/bench/run.ts']],
  // only what every job needs first: the worker and node_modules for this Node
  install: [],
};

const job = process.argv[2];
if (!jobs[job]) {
  console.error(`usage: bootstrap.mjs ${Object.keys(jobs).join('|')}`);
  process.exit(2);
}

function log(message) {
  console.log(`[tongke] ${message}`);
}

function run(command, args, env = process.env) {
  const result = spawnSync(command, args, { cwd: repoRoot, stdio: 'inherit', env });
  if (result.status !== 0) {
    log(`${command} ${args.join(' ')} failed (${result.signal ?? `exit ${result.status}`})`);
    process.exit(result.status ?? 1);
  }
}

async function prebuiltReachable(version) {
  // The same file name mediasoup's npm-scripts.mjs asks for.
  const kernel = platform() === 'linux' ? `-kernel${release().split('.')[0]}` : '';
  const url = `https://github.com/versatica/mediasoup/releases/download/${version}/mediasoup-worker-${version}-${platform()}-${arch()}${kernel}.tgz`;
  try {
    const res = await fetch(url, { method: 'HEAD', signal: AbortSignal.timeout(5000) });
    return res.ok;
  } catch {
    return false;
  }
}

async function ensureWorker() {
  const version = pinnedMediasoupVersion();
  const found = locateWorkerBin();
  if (found) return found;
  const bundled = join(repoRoot, 'node_modules/mediasoup/worker/out/Release/mediasoup-worker');
  if (existsSync(bundled)) return undefined; // mediasoup's own install already has one
  if (await prebuiltReachable(version)) {
    log(`mediasoup ${version}: prebuilt worker reachable, using mediasoup's own install`);
    return undefined;
  }
  const dir = workerCacheDir(version);
  log(`mediasoup ${version}: no prebuilt worker reachable; building it once into ${dir} (~4 min)`);
  run('bash', [join(repoRoot, 'infra/mediasoup-worker/build.sh'), version, dir]);
  return join(dir, 'mediasoup-worker');
}

/** Whether better-sqlite3 (the one native module built per Node ABI) loads in this Node. */
function sqliteLoads() {
  const probe = "new (require('better-sqlite3'))(':memory:').close()";
  return (
    spawnSync(process.execPath, ['-e', probe], { cwd: repoRoot, stdio: 'ignore' }).status === 0
  );
}

function ensureInstalled(env) {
  const lock = readFileSync(join(repoRoot, 'package-lock.json'));
  const want = createHash('sha256')
    .update(lock)
    .update(env.MEDIASOUP_WORKER_BIN ?? '')
    .digest('hex');
  const stampFile = join(repoRoot, 'node_modules/.tongke-install');
  const have = existsSync(stampFile) ? readFileSync(stampFile, 'utf8') : '';
  // Node's own Linux tarball carries its headers: node-gyp compiles against them instead of
  // downloading them from nodejs.org (unreachable here).
  const prefix = dirname(dirname(process.execPath));
  if (!env.npm_config_nodedir && existsSync(join(prefix, 'include/node/node_version.h'))) {
    env = { ...env, npm_config_nodedir: prefix };
  }
  if (have !== want) {
    log('installing dependencies (npm install from package-lock.json)');
    // Not `npm ci`: npm 11 writes lock files without other platforms' optional packages
    // (rollup's) and then its own `npm ci` refuses them as "out of sync". `--no-save` keeps
    // the lock file as committed.
    run('npm', ['install', '--no-save', '--no-audit', '--no-fund'], env);
    writeFileSync(stampFile, want);
  }
  // node_modules installed under another Node (20 → 24): `npm install` does not rebuild
  // what is already there, so the SQLite binding would not load.
  if (!sqliteLoads()) {
    log(`better-sqlite3: building it for Node ${process.version} (~1.5 min)`);
    run('npm', ['rebuild', 'better-sqlite3'], env);
  }
}

/**
 * The Debian programs the tests drive for real. As root (CI, a fresh dev box) missing ones
 * are installed; otherwise the message says what to install. .ci/run installs them too.
 */
function ensureTestPrograms() {
  const needs = {
    '/usr/bin/chromium': 'chromium',
    'redis-server': 'redis-server',
    turnserver: 'coturn',
    nft: 'nftables',
    // ip and tc: the thin-link harness's network namespace, rate limit and loss
    ip: 'iproute2',
    // the recorder, its checks (ffprobe) and the lesson export (test/integration/recording)
    ffmpeg: 'ffmpeg',
    // A classroom's loudspeakers and microphone for the echo test (test/helpers/pulseAudio.ts)
    pulseaudio: 'pulseaudio',
    pactl: 'pulseaudio-utils',
    // test/e2e/tlsFrontDoor.test.ts runs infra/nginx/tongke.conf with a self-signed certificate
    nginx: 'nginx',
    openssl: 'openssl',
    // Screenshots the screen tests keep are read by people: Chinese needs a CJK font.
    '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc': 'fonts-noto-cjk',
    '/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf': 'fonts-noto-color-emoji',
  };
  const present = (program) =>
    program.startsWith('/usr/share/')
      ? existsSync(program)
      : spawnSync('sh', ['-c', `command -v ${program}`]).status === 0;
  const missing = Object.entries(needs)
    .filter(([program]) => !present(program))
    .map(([, pkg]) => pkg);
  if (missing.length === 0) return;
  const install = ['install', '-y', '--no-install-recommends', ...missing];
  if (process.getuid?.() !== 0) {
    log(`the tests need Debian packages: sudo apt-get ${install.join(' ')}`);
    process.exit(1);
  }
  log(`installing the Debian packages the tests drive: ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (spawnSync('apt-get', install, { stdio: 'inherit', env }).status !== 0) {
    run('apt-get', ['update', '-qq'], env);
    run('apt-get', install, env);
  }
}

if (job === 'test') ensureTestPrograms();
const workerBin = await ensureWorker();
const env = { ...process.env };
if (workerBin) env.MEDIASOUP_WORKER_BIN = workerBin;
ensureInstalled(env);
for (const [command, ...args] of jobs[job]) run(command, args, env);
