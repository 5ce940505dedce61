// A recording's manifest on disk: written whole to a temporary file and renamed, so a
// crash leaves the previous manifest, never half of one. Writes are serialized.
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Value } from '@sinclair/typebox/value';
import { Manifest } from '../../shared/recording';

export const MANIFEST = 'manifest.json';

export async function readManifest(dir: string): Promise<Manifest | undefined> {
  const text = await readFile(join(dir, MANIFEST), 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return Value.Check(Manifest, value) ? value : undefined;
  } catch {
    return undefined;
  }
}

export class ManifestFile {
  #queue: Promise<unknown> = Promise.resolve();
  #manifest: Manifest;

  constructor(
    readonly dir: string,
    manifest: Manifest,
  ) {
    this.#manifest = manifest;
  }

  get manifest(): Manifest {
    return this.#manifest;
  }

  /** Applies a change and persists it; resolves once it is on disk. */
  update(change: (m: Manifest) => void): Promise<void> {
    change(this.#manifest);
    const snapshot = JSON.stringify(this.#manifest, null, 1);
    const write = async () => {
      const tmp = join(this.dir, `${MANIFEST}.tmp`);
      await writeFile(tmp, snapshot);
      await rename(tmp, join(this.dir, MANIFEST));
    };
    const run = this.#queue.then(write, write);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  flushed(): Promise<unknown> {
    return this.#queue;
  }
}
