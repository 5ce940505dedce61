// Composition root: read the config, build the server, start it, stop it cleanly.
import { ConfigError, loadConfig } from './config';
import { createTongke } from './app';

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

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void tongke.close().then(() => process.exit(0));
  });
}
