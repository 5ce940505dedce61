// Composition root: read the config, build the server, start it, stop it cleanly.
import { ConfigError, loadConfig } from './config';
import { createTongke } from './app';
import { demoCoordinatorCode, seedDemo, seedDemoRoom } from './demo/seed';
import { seedDemoAccounts } from './demo/demoAccounts';
import { printDemoAccounts } from './demo/printDemo';

let config;
try {
  config = loadConfig();
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(78); // EX_CONFIG
  }
  throw error;
}

const tongke = await createTongke(config);
// Development: an empty store gets the demo district (before the lesson clock starts).
const dev = process.env.NODE_ENV !== 'production';
const seeded = dev ? await seedDemo(tongke.store, config.timeZone, tongke.now()) : undefined;
if (seeded) tongke.http.log.info(seeded, 'demo timetable seeded');
// …and the newcomer's community with one account of each role (passwords printed once, below).
const demoAccounts = seeded
  ? await seedDemoAccounts(tongke.store, tongke.lessons.accounts, {
      zone: config.timeZone,
      now: tongke.now(),
      openLeadMs: config.lessonOpenLeadMin * 60_000,
    })
  : undefined;
const url = await tongke.listen();
tongke.http.log.info(
  {
    workers: config.numWorkers,
    store: tongke.store.kind,
    announcedAddress: config.announcedAddress,
  },
  'Tongke is up',
);
console.warn(`\n  Tongke 同课 is running at ${url}/  (health: ${url}/health)\n`);
if (dev) {
  const ids = (await tongke.store.timetable.list('community')).map((c) => c.id);
  const code = await demoCoordinatorCode(tongke.lessons.signInCodes, ids, tongke.now());
  // The room-code demo is an ad-hoc room like any other: it exists by its grant.
  await seedDemoRoom(tongke.store, ids[0] ?? 'demo', tongke.now());
  // A one-time code, not a token: the page trades it for a session and drops it from the URL.
  console.warn(`  协调员 (dev, 一次性链接 one-time link): ${url}/coordinator/#code=${code}\n`);
  // A lesson anyone can try without an account: the demo room's code instead of the timetable.
  const demo = 'room=demo&code=demo2026';
  console.warn(
    `  试课 Try a lesson — 主讲教师 teacher: ${url}/teacher/?${demo}&name=${encodeURIComponent('王老师')}`,
  );
  console.warn(
    `                      听讲教室 classroom: ${url}/classroom/?${demo}&name=${encodeURIComponent('潘山分校 三(1)班')}\n`,
  );
  if (demoAccounts) console.warn(printDemoAccounts(demoAccounts, url, config.timeZone));
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void tongke.close().then(() => process.exit(0));
  });
}
