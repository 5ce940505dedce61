// The script docs/operating.md sends the first coordinator to, run as a person runs it.
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../../..');
const tsx = join(root, 'node_modules/.bin/tsx');

describe('createUser script', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'tongke-createuser-'));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  const run = (...args: string[]) =>
    spawnSync(tsx, ['server/auth/createUser.ts', ...args], {
      cwd: root,
      encoding: 'utf8',
      timeout: 30_000,
      env: { ...process.env, DATA_DIR: dataDir, REDIS_URL: '', PASSWORD: '' },
    });

  it('prints its usage, Chinese first, for --help and exits 0', () => {
    for (const flag of ['--help', '-h']) {
      const r = run(flag);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/^用法/);
      for (const option of ['--login', '--name', '--role', '--community', '--password'])
        expect(r.stdout).toContain(option);
      expect(r.stdout).toContain('Usage');
      expect(r.stderr).not.toContain('ERR_PARSE_ARGS');
    }
  });

  it('names an unknown option and exits 2', () => {
    const r = run('--login', 'jiaowu', '--bogus');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('未知选项 --bogus');
    expect(r.stderr).toContain('--help');
    expect(r.stderr).not.toContain('ERR_PARSE_ARGS');
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    const missing = run('--login', 'jiaowu');
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/^缺少/);
  });

  it('creates the first coordinator as docs/operating.md says', () => {
    const args = ['--login', 'jiaowu', '--name', '教务处', '--role', 'coordinator'];
    const r = run(...args, '--community', 'ruian-p-18', '--password', 'secret-123');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/created coordinator jiaowu/);
    const again = run(...args, '--community', 'ruian-p-18', '--password', 'secret-123');
    expect(again.status).toBe(1);
  });

  it('creates a district account (区县教育局) naming its district, not a list of communities', () => {
    const args = ['--login', 'ruian-jyj', '--name', '瑞安市教育局', '--role', 'district'];
    const missing = run(...args, '--community', 'ruian-p-18', '--password', 'secret-123');
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('--district');
    const r = run(...args, '--district', '瑞安市', '--password', 'secret-123');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/created district ruian-jyj/);
  });
});
