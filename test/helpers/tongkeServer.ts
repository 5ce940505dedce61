// The real Tongke server, in-process, on free loopback ports with a temporary data dir.
import '../../server/media/workerBinary';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type Config } from '../../server/config';
import { createTongke, type Tongke, type TongkeOptions } from '../../server/app';

export interface TestServer {
  tongke: Tongke;
  url: string;
  config: Config;
  close(): Promise<void>;
}

export async function startTongke(
  overrides: Partial<Config> = {},
  options: TongkeOptions = {},
): Promise<TestServer> {
  const dataDir = overrides.dataDir ?? (await mkdtemp(join(tmpdir(), 'tongke-data-')));
  const config = loadConfig(
    {},
    {
      host: '127.0.0.1',
      port: 0,
      announcedAddress: '127.0.0.1',
      rtcPort: 0,
      numWorkers: 1,
      logLevel: 'warn',
      dataDir,
      ...overrides,
    },
  );
  const tongke = await createTongke(config, options);
  const url = await tongke.listen();
  return {
    tongke,
    url,
    config,
    async close() {
      await tongke.close();
      // A recorder's last file may still be closing as the server's close returns.
      if (!overrides.dataDir)
        await rm(dataDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
    },
  };
}
