/**
 * The action's scan cache end to end through dist/index.js: two consecutive sweeps, the cache kept
 * between them in a directory-backed store (the stand-in for the Actions cache service): the second run
 * reuses, and reports the same thing byte for byte; a cache planted in the store is not believed.
 */
import { createHash } from 'node:crypto';
import {
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KeyGen } from '../helpers/keygen.js';
import { leakedIn, runAction, tempRepos } from './harness.js';

const gen = new KeyGen(1414);
const repo = tempRepos();
const STATE_KEY = 'state-key-for-the-scan-cache-e2e-0123';

/** The JSON report without its duration (the only field that may differ between two runs). */
function reportOf(dir: string): string {
  const r = JSON.parse(readFileSync(join(dir, 'keyguard-report.json'), 'utf8'));
  delete r.summary.durationMs;
  return JSON.stringify(r);
}

function ageFiles(dir: string): void {
  const old = new Date(Date.now() - 120_000);
  for (const name of readdirSync(dir)) {
    if (name === '.git') continue;
    const p = join(dir, name);
    if (statSync(p).isFile()) utimesSync(p, old, old);
  }
}

describe('scan cache in the action', () => {
  let store: string;
  beforeEach(() => {
    store = mkdtempSync(join(tmpdir(), 'kg-store-'));
  });
  afterEach(() => rmSync(store, { recursive: true, force: true }));

  const sweep = (
    workspace: string,
    sha: string,
    run: string,
    env: Record<string, string> = {},
    inputs: Record<string, string> = {},
  ) =>
    runAction({
      workspace,
      eventName: 'schedule',
      sha,
      inputs: { 'state-key': STATE_KEY, ...inputs },
      env: { KEYGUARD_CACHE_STORE_DIR: store, GITHUB_RUN_ID: run, GITHUB_REF: 'refs/heads/main', ...env },
    });

  it('a second sweep reuses the first one’s cache and reports the same JSON byte for byte', async () => {
    const r = repo();
    const keys = [gen.openaiProject(), gen.anthropic()];
    r.commit('one', { 'a.env': `OPENAI_API_KEY=${keys[0]}\n`, 'clean.js': 'export const x = 1;\n' });
    r.commit('two', { 'old.txt': `${keys[1]}\n`, 'lib/more.js': 'export const y = 2;\n' });
    const sha = r.commit('three', { 'old.txt': null });
    ageFiles(r.dir);
    const first = await sweep(r.dir, sha, '1');
    const second = await sweep(r.dir, sha, '2');
    expect([first.code, second.code]).toEqual([1, 1]);
    expect(reportOf(second.dir)).toBe(reportOf(first.dir));
    expect(first.summary).toMatch(/scan cache: .*\(no earlier cache for these rules on this branch\)/);
    // Every file and commit reused, findings included, and no history walk at all.
    expect(second.summary).toMatch(
      /scan cache: 3 of 3 files reused \(100%\), 3 of 3 commits reused \(100%\), history walk skipped \(refs unchanged\)/,
    );
    expect(second.summary).not.toMatch(/no earlier cache/);
    expect(readdirSync(store).sort()).toHaveLength(2);
    const visible = [first.allText, second.allText]
      .join('\n')
      .split('\n')
      .filter((l) => !l.startsWith('::add-mask::'))
      .join('\n');
    expect(leakedIn(visible, keys)).toEqual([]);
    // Nor does anything the store keeps.
    const kept = readdirSync(store)
      .flatMap((e) => readdirSync(join(store, e)).map((n) => readFileSync(join(store, e, n), 'latin1')))
      .join('\n');
    expect(leakedIn(kept, keys)).toEqual([]);
  });

  it('a cache planted in the store that calls every commit clean is not believed: the key is still found', async () => {
    const r = repo();
    const key = gen.openaiProject();
    const sha = r.commit('leak', { 'app.env': `OPENAI_API_KEY=${key}\n` });
    ageFiles(r.dir);
    const honest = await sweep(r.dir, sha, '1');
    // The attacker rewrites the saved entry: claims the leaking commit clean, reseals with their own secret.
    const entry = readdirSync(store)[0]!;
    const file = readdirSync(join(store, entry)).find((n) => n.endsWith('.kgcache'))!;
    const { encodeCache } = await import('../../src/cache/file.js');
    const { deriveCacheSecret } = await import('../../src/cache/secret.js');
    const text = readFileSync(join(store, entry, file), 'utf8');
    const header = JSON.parse(text.split('\n')[1]!);
    const blob = r.git('rev-parse', 'HEAD:app.env');
    const size = statSync(join(r.dir, 'app.env')).size;
    const { emptyBody } = await import('../../src/cache/file.js');
    const planted = emptyBody();
    planted.t[`git:${blob}:${size}`] = [size, [], 0];
    planted.c[`${sha}\0`] = [0, [], null, [], [], []];
    writeFileSync(
      join(store, entry, file),
      encodeCache(planted, header.verdictKey, deriveCacheSecret('attacker')),
    );
    const after = await sweep(r.dir, sha, '2');
    expect(after.code).toBe(1);
    expect(reportOf(after.dir)).toBe(reportOf(honest.dir));
    expect(after.stdout).toMatch(/seal does not verify/);
  });

  it('without a state-key or admin key the cache is off and says why', async () => {
    const r = repo();
    const sha = r.commit('clean', { 'a.js': 'export {};\n' });
    const res = await runAction({
      workspace: r.dir,
      eventName: 'schedule',
      sha,
      env: { KEYGUARD_CACHE_STORE_DIR: store },
    });
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/scan cache off: it needs the state-key input/);
    expect(readdirSync(store)).toEqual([]);
  });

  it('a cache made on another branch where a file was clean, restored where that path now holds a key, suppresses nothing', async () => {
    const r = repo();
    r.commit('base', { 'config.env': 'MODE=development-settings-here\n', 'a.js': 'export {};\n' });
    r.git('checkout', '-q', '-b', 'feature');
    const featureSha = r.commit('feature', { 'b.js': 'export const b = 1;\n' });
    ageFiles(r.dir);
    const onFeature = await sweep(r.dir, featureSha, '1', { GITHUB_REF: 'refs/heads/feature' });
    expect(onFeature.code).toBe(0);
    // That entry renamed so that main's restore key finds it: as if it had been shared, leaked or planted.
    const short = (ref: string) => createHash('sha256').update(`acme/app\0${ref}`).digest('hex').slice(0, 16);
    const [entry] = readdirSync(store);
    renameSync(
      join(store, entry!),
      join(store, entry!.replace(short('refs/heads/feature'), short('refs/heads/main'))),
    );
    r.git('checkout', '-q', 'main');
    const key = gen.openaiProject();
    const sha = r.commit('leak', { 'config.env': `OPENAI_API_KEY=${key}\n` });
    ageFiles(r.dir);
    const cached = await sweep(r.dir, sha, '2', { GITHUB_REF: 'refs/heads/main' });
    const plain = await sweep(r.dir, sha, '3', { GITHUB_REF: 'refs/heads/main' }, { 'scan-cache': 'off' });
    expect(cached.summary).not.toMatch(/no earlier cache/); // it was restored, and used
    expect(cached.summary).toMatch(/scan cache: 1 of 2 files reused/);
    expect([cached.code, plain.code]).toEqual([1, 1]);
    expect(reportOf(cached.dir)).toBe(reportOf(plain.dir));
    const report = JSON.parse(readFileSync(join(cached.dir, 'keyguard-report.json'), 'utf8'));
    expect(
      report.findings.map((f: { file: string; commit?: { sha: string } }) => [f.file, f.commit?.sha]),
    ).toEqual([['config.env', sha]]);
  });
});
