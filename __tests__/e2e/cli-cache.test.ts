/** `keyguard scan --cache DIR` and `keyguard cache info|clear` through dist/cli.js. */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KeyGen } from '../helpers/keygen.js';
import { leakedIn, runCli, TestRepo } from './harness.js';

const gen = new KeyGen(2727);

describe('keyguard scan --cache', () => {
  let repo: TestRepo;
  let tmp: string;
  beforeEach(() => {
    repo = new TestRepo();
    tmp = mkdtempSync(join(tmpdir(), 'kg-cli-cache-'));
  });
  afterEach(() => {
    repo.cleanup();
    rmSync(tmp, { recursive: true, force: true });
  });
  const env = () => ({
    KEYGUARD_CACHE_KEY: 'cli-cache-key-for-tests-0123456789',
    XDG_STATE_HOME: join(tmp, 'state'),
  });
  const json = (out: string) => {
    const r = JSON.parse(out);
    delete r.summary.durationMs;
    return JSON.stringify(r);
  };

  it.each([
    ['--sweep', ['--sweep']],
    ['--history', ['--history']],
    ['of the tree', []],
  ])('a second scan %s reuses the cache and prints the same JSON', async (_, mode: string[]) => {
    const key = gen.openaiProject();
    repo.commit('one', { 'a.env': `OPENAI_API_KEY=${key}\n`, 'b.js': 'export const b = 1;\n' });
    repo.commit('two', { 'c.js': 'export const c = 2;\n' });
    const cache = join(tmp, 'cache');
    const args = ['scan', repo.dir, ...mode, '--format', 'json', '--cache', cache];
    const first = await runCli(args, { env: env() });
    const second = await runCli(args, { env: env() });
    expect([first.code, second.code]).toEqual([1, 1]);
    expect(json(second.stdout)).toBe(json(first.stdout));
    expect(second.stderr).toMatch(/scan cache: .*reused/);
    expect(leakedIn(first.stderr + second.stderr, [key])).toEqual([]);
    const files = readdirSync(cache);
    expect(leakedIn(files.map((f) => readFileSync(join(cache, f), 'latin1')).join(''), [key])).toEqual([]);
  });

  it('cache info lists the cache files and cache clear removes them', async () => {
    repo.commit('one', { 'b.js': 'export const b = 1;\n' });
    const cache = join(tmp, 'cache');
    await runCli(['scan', repo.dir, '--sweep', '--cache', cache], { env: env() });
    const info = await runCli(['cache', 'info', cache], { env: env() });
    expect(info.code).toBe(0);
    expect(info.stdout).toMatch(/\.kgcache: format \d+, verdict key [0-9a-f]{16}/);
    const clear = await runCli(['cache', 'clear', cache], { env: env() });
    expect(clear.stdout).toMatch(/removed 1 cache file/);
    expect(readdirSync(cache)).toEqual([]);
  });

  it.each([
    ['--staged', ['--staged'], '--staged'],
    ['one file', ['FILE'], 'a single file'],
  ])('warns that --cache has no effect on %s', async (_, mode: string[], what: string) => {
    repo.commit('one', { 'b.js': 'export const b = 1;\n' });
    const args = mode[0] === 'FILE' ? [join(repo.dir, 'b.js')] : [repo.dir, ...mode];
    const res = await runCli(['scan', ...args, '--cache', join(tmp, 'cache')], { env: env() });
    expect(res.code).toBe(0);
    expect(res.stderr).toContain(`--cache has no effect on ${what}`);
  });

  it('cache with an unknown action is a usage error', async () => {
    const res = await runCli(['cache', 'shrink', tmp]);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/usage: keyguard cache info\|clear DIR/);
  });
});
