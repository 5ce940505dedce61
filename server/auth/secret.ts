import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The token secret: AUTH_SECRET if given (several nodes must share it), else one generated
 * at first start and kept in the data dir so tokens survive a restart.
 */
export function loadAuthSecret(dataDir: string, given?: string): Buffer {
  if (given) return Buffer.from(given);
  const file = join(dataDir, 'auth-secret');
  try {
    return readFileSync(file);
  } catch {
    mkdirSync(dataDir, { recursive: true });
    const secret = randomBytes(32);
    writeFileSync(file, secret, { mode: 0o600 });
    return secret;
  }
}
