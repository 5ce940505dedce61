import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

const root = import.meta.dirname;
const screens = [
  'classroom',
  'teacher',
  'coordinator',
  'research',
  'observe',
  'playback',
  'report',
  'setup',
];

export default defineConfig({
  // The client: one page per screen, served by the Tongke server from dist/client.
  root: resolve(root, 'client'),
  build: {
    outDir: resolve(root, 'dist/client'),
    emptyOutDir: true,
    rollupOptions: {
      input: Object.fromEntries([
        ['index', resolve(root, 'client/index.html')],
        ['setup-welcome', resolve(root, 'client/setup/welcome.html')],
        ...screens.map((s) => [s, resolve(root, `client/${s}/index.html`)]),
      ]),
    },
  },
  server: {
    proxy: {
      '/socket.io': { target: 'http://127.0.0.1:3000', ws: true },
      '/api': 'http://127.0.0.1:3000',
    },
  },
  test: {
    root,
    // forks, not threads: a process that created wrtc media must end with process.exit.
    pool: 'forks',
    reporters: ['default', resolve(root, 'test/setup/summaryReporter.ts')],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          root,
          include: ['test/unit/**/*.test.ts'],
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          root,
          include: ['test/integration/**/*.test.ts'],
          sequence: { groupOrder: 1 },
          setupFiles: ['test/setup/workerBinary.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // Two cores: real peers and workers compete; one file at a time keeps them honest.
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          root,
          include: ['test/e2e/**/*.test.ts'],
          sequence: { groupOrder: 2 },
          setupFiles: ['test/setup/workerBinary.ts'],
          globalSetup: ['test/setup/buildClient.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
