/** src/git/pinned.ts: config through git's environment (`GitExtraEnv`) and repositories keyguard creates. */
import { existsSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { execGit, GitSourceError, initRepository, pinRepository, spawnGit } from '../../src/git/pinned.js';

const scratch = realpathSync(mkdtempSync(join(tmpdir(), 'kg-pinned-env-')));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('initRepository', () => {
  it('creates a repository that pins like a checkout, without hooks', async () => {
    const dir = mkdtempSync(join(scratch, 'r-'));
    await initRepository(dir);
    expect(pinRepository(dir).gitDir).toBe(join(dir, '.git'));
    expect(existsSync(join(dir, '.git', 'hooks'))).toBe(false);
  });

  it('refuses a relative path', async () => {
    await expect(initRepository('relative/dir')).rejects.toThrow(GitSourceError);
  });
});

describe('config through the environment', () => {
  it('reaches git without being in its argument list', async () => {
    const dir = mkdtempSync(join(scratch, 'e-'));
    await initRepository(dir);
    const out = await execGit(dir, ['config', '--get', 'http.https://h.example/.extraheader'], {
      env: { config: [['http.https://h.example/.extraHeader', 'X-Test: one']] },
    });
    expect(out.stdout.trim()).toBe('X-Test: one');
    const child = spawnGit(dir, ['version'], { env: { config: [['core.abbrev', '12']] } });
    expect(child.spawnargs.join(' ')).not.toContain('core.abbrev');
    await new Promise((r) => child.on('close', r));
  });

  it.each([
    ['a key with a newline', 'http.x\n.extraHeader', 'v'],
    ['a value with a newline', 'http.extraHeader', 'a\nb'],
    ['a key without a section', 'extraHeader', 'v'],
  ])('refuses %s', async (_, key, value) => {
    const dir = mkdtempSync(join(scratch, 'x-'));
    await initRepository(dir);
    expect(() => spawnGit(dir, ['version'], { env: { config: [[key, value]] } })).toThrow(GitSourceError);
  });
});
