/**
 * A cache can only save work: a planted, foreign, corrupt, truncated or other-rules cache file is
 * ignored with a warning and every key is still found; the file itself never holds a key.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CacheBody, cacheFileName, decodeCache, emptyBody, encodeCache } from '../../src/cache/file.js';
import { deriveCacheSecret, verdictKeyOf } from '../../src/cache/index.js';
import { defaultConfig } from '../../src/config/load.js';
import { runScan, type ScanTarget } from '../../src/pipeline/scan.js';
import { KeyGen } from '../helpers/keygen.js';
import { git } from './git.js';

const OURS = deriveCacheSecret('the-repositorys-own-cache-secret');
const THEIRS = deriveCacheSecret('a-fork-or-another-branchs-secret');

describe('scan cache trust', () => {
  let dir: string;
  let root: string;
  let cacheDir: string;
  let key: string;
  let body: CacheBody;
  const config = defaultConfig();

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kg-cache-trust-'));
    root = join(dir, 'repo');
    cacheDir = join(dir, 'cache');
    mkdirSync(root);
    mkdirSync(cacheDir);
    git(root, 'init', '-q', '-b', 'main');
    key = new KeyGen(7).openaiProject();
    writeFileSync(join(root, 'clean.txt'), 'nothing here\n');
    writeFileSync(join(root, 'app.env'), `OPENAI_API_KEY=${key}\n`);
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'add key');
    // The attack: "the blob holding the key is clean", "the commit adding it is clean".
    const blob = git(root, 'rev-parse', 'HEAD:app.env');
    const size = readFileSync(join(root, 'app.env')).length;
    const sha = git(root, 'rev-parse', 'HEAD');
    body = emptyBody();
    const hash = createHash('sha256')
      .update(readFileSync(join(root, 'app.env')))
      .digest('hex');
    body.t[`git:${blob}:${size}`] = [size, [], 0];
    body.t[`sha256:${hash}:${size}`] = [size, [], 0];
    body.c[`${sha}\0`] = [0, [], null, [], [], []];
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const plant = (buf: Buffer) => writeFileSync(join(cacheDir, cacheFileName(verdictKeyOf(config))), buf);
  const scan = (target: ScanTarget) =>
    runScan({ root, target, config, threads: 1, cache: { dir: cacheDir, secret: OURS } });

  it.each<[string, ScanTarget]>([
    ['tree', { kind: 'tree' }],
    ['history', { kind: 'history' }],
    ['sweep', { kind: 'sweep' }],
  ])(
    'a cache sealed with another secret that calls the key clean is ignored, and the key is found (%s)',
    async (_, target) => {
      // Make the planted tree entry trustworthy in every other respect (the file is old enough for its blob id).
      const old = new Date(Date.now() - 60_000);
      const { utimesSync } = await import('node:fs');
      utimesSync(join(root, 'app.env'), old, old);
      plant(encodeCache(body, verdictKeyOf(config), THEIRS));
      const out = await scan(target);
      expect(out.findings.map((f) => f.fingerprint)).toHaveLength(1);
      expect(out.cache?.warnings.join('\n')).toMatch(/seal does not verify/);
    },
  );

  it('the planted entries are real claims: sealed with the right secret they would be believed (the seal is what stops them)', async () => {
    const old = new Date(Date.now() - 60_000);
    const { utimesSync } = await import('node:fs');
    utimesSync(join(root, 'app.env'), old, old);
    plant(encodeCache(body, verdictKeyOf(config), OURS));
    const out = await scan({ kind: 'tree' });
    expect(out.findings).toHaveLength(0);
  });

  it('a planted cache without any seal is ignored, and the key is found', async () => {
    const sealed = encodeCache(body, verdictKeyOf(config), THEIRS).toString('latin1');
    plant(Buffer.from(sealed.replace(/"mac":"[0-9a-f]{64}"/, '"mac":""'), 'latin1'));
    const out = await scan({ kind: 'sweep' });
    expect(out.findings).toHaveLength(1);
    expect(out.cache?.warnings.join('\n')).toMatch(/seal does not verify/);
  });

  it.each([
    ['truncated', (b: Buffer) => b.subarray(0, b.length - 3), /truncated/],
    [
      'corrupt',
      (b: Buffer) => {
        const c = Buffer.from(b);
        c[c.length - 1]! ^= 0x20;
        return c;
      },
      /checksum/,
    ],
    ['not a cache', () => Buffer.from('hello'), /not a keyguard scan cache/],
  ])('a %s cache file is ignored with a warning', async (_, damage, reason) => {
    await scan({ kind: 'sweep' });
    const name = readdirSync(cacheDir).find((n) => n.endsWith('.kgcache'))!;
    writeFileSync(join(cacheDir, name), damage(readFileSync(join(cacheDir, name))));
    const out = await scan({ kind: 'sweep' });
    expect(out.findings).toHaveLength(1);
    expect(out.cache?.warnings.join('\n')).toMatch(reason);
  });

  it('a cache written under other rules is never read', () => {
    const other = {
      ...defaultConfig(),
      rules: { ...defaultConfig().rules, disable: ['openai-project-key'] },
    };
    const buf = encodeCache(emptyBody(), verdictKeyOf(other), OURS);
    expect(decodeCache(buf, verdictKeyOf(config), OURS)).toEqual({
      ok: false,
      reason: 'written under other rules or config',
    });
  });

  it('the cache file never holds the key, nor any text of a scanned file', async () => {
    await scan({ kind: 'sweep' });
    const all = readdirSync(cacheDir)
      .map((n) => readFileSync(join(cacheDir, n), 'latin1'))
      .join('\n');
    expect(all).not.toContain(key);
    expect(all).not.toContain(key.slice(-12));
    expect(all).not.toContain('nothing here');
    // The body, findings and paths included, is encrypted.
    expect(all).not.toContain('app.env');
    expect(all).not.toContain('openai');
  });

  const OLD = new Date(Math.floor(Date.now() / 1000) * 1000 - 60_000);
  const age = async (...files: string[]) => {
    const old = OLD;
    const { utimesSync } = await import('node:fs');
    for (const f of files) utimesSync(join(root, f), old, old);
  };

  it('a second unchanged sweep walks no history: the commit list is reused while the refs are unchanged', async () => {
    await age('clean.txt', 'app.env');
    await scan({ kind: 'sweep' });
    const second = await scan({ kind: 'sweep' });
    expect(second.cache?.stats).toMatchObject({ walksSkipped: 1, commitsRead: 0, commitsReused: 1 });
  });

  it('a moved ref walks the history again, and the key its new commit adds is found', async () => {
    await scan({ kind: 'history' });
    const other = new KeyGen(8).anthropic();
    writeFileSync(join(root, 'later.txt'), `${other}\n`);
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'later');
    const out = await scan({ kind: 'history' });
    expect(out.cache?.stats).toMatchObject({ walksSkipped: 0, commitsRead: 1, commitsReused: 1 });
    expect(out.findings.map((f) => f.commit?.sha)).toContain(git(root, 'rev-parse', 'HEAD'));
    expect(out.findings).toHaveLength(2);
  });

  it('a commit made in a detached linked worktree (no ref names it, --all walks it) is found by the next cached scan', async () => {
    await scan({ kind: 'history' });
    const wt = join(dir, 'wt');
    git(root, 'worktree', 'add', '-q', '--detach', wt);
    const other = new KeyGen(9).anthropic();
    writeFileSync(join(wt, 'detached.txt'), `${other}\n`);
    git(wt, 'add', '-A');
    git(wt, 'commit', '-q', '-m', 'detached');
    const out = await scan({ kind: 'history' });
    expect(out.cache?.stats.walksSkipped).toBe(0);
    expect(out.findings.map((f) => f.file).sort()).toEqual(['app.env', 'detached.txt']);
  });

  it('a file recorded by its hash while too fresh for its blob id is still reused once the blob id applies', async () => {
    const first = await scan({ kind: 'tree' }); // ctime is now: named by a hash of its bytes
    await new Promise((r) => setTimeout(r, 2100)); // past git's racy window: named by its blob id
    const second = await scan({ kind: 'tree' });
    expect(second.cache?.stats).toMatchObject({ treeReused: 2, treeScanned: 0 });
    expect(second.findings.map((f) => f.fingerprint)).toEqual(first.findings.map((f) => f.fingerprint));
  });

  it('a history window by date never reuses a commit list (the same refs list other commits tomorrow)', async () => {
    const target: ScanTarget = { kind: 'history', window: { revisions: [], since: '2000-01-01' } };
    await scan(target);
    const again = await scan(target);
    expect(again.cache?.stats).toMatchObject({ walksSkipped: 0, commitsReused: 1 });
    expect(again.findings).toHaveLength(1);
  });

  it('a file rewritten to the same size with its old mtime restored is not taken at its old stat key', async () => {
    const text = 'x'.repeat(readFileSync(join(root, 'app.env')).length - 1);
    writeFileSync(join(root, 'app.env'), `${text}\n`);
    await age('clean.txt', 'app.env');
    // Past git's racy window (ctime included, which only the clock moves): stat keys are recorded.
    await new Promise((r) => setTimeout(r, 2100));
    const clean = await scan({ kind: 'tree' });
    expect(clean.findings).toHaveLength(0);
    expect((await scan({ kind: 'tree' })).cache?.stats).toMatchObject({ treeByStat: 2, treeScanned: 0 });
    writeFileSync(join(root, 'app.env'), `OPENAI_API_KEY=${key}\n`);
    await age('app.env'); // the same size and mtime as when it was recorded clean; only ctime differs
    const out = await scan({ kind: 'tree' });
    expect(out.findings).toHaveLength(1);
    expect(out.cache?.stats).toMatchObject({ treeByStat: 1, treeScanned: 1 });
  });

  it('a second sweep of an unchanged repository reuses both files and replays the key file’s finding', async () => {
    const old = new Date(Date.now() - 60_000);
    const { utimesSync } = await import('node:fs');
    for (const f of ['clean.txt', 'app.env']) utimesSync(join(root, f), old, old);
    const first = await scan({ kind: 'sweep' });
    const second = await scan({ kind: 'sweep' });
    expect(second.cache?.stats).toMatchObject({ treeReused: 2, treeScanned: 0, commitsRead: 0 });
    expect(second.findings.map((f) => [f.file, f.line, f.fingerprint, f.commit?.sha])).toEqual(
      first.findings.map((f) => [f.file, f.line, f.fingerprint, f.commit?.sha]),
    );
  });
});
