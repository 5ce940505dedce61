import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../../infra/mediasoup-worker/locate.mjs';

const folder = join(repoRoot, 'server/live');
const importsOf = (file: string) =>
  [
    ...readFileSync(join(folder, file), 'utf8').matchAll(/from\s+'([^']+)'|import\('([^']+)'\)/g),
  ].map((m) => m[1] ?? m[2]);

describe('server/live/', () => {
  it('imports neither socket.io nor mediasoup, nor the parts that implement its ports', () => {
    const files = readdirSync(folder).filter((f) => f.endsWith('.ts'));
    expect(files).toContain('LiveRoom.ts');
    const offending = files.flatMap((f) =>
      importsOf(f)
        .filter((s) =>
          /^(socket\.io|mediasoup|fastify)(\/|$)|^\.\.\/(media|signaling|http)\//.test(s!),
        )
        .map((s) => `${f}: ${s}`),
    );
    expect(offending).toEqual([]);
  });
});
