/**
 * The unchanged-sweep fast paths of the scan cache: a history result taken whole while the refs have
 * not moved (the cached commits are not even parsed), and workflow files the guard found nothing in.
 * Each must save work only: a moved ref, an edited file or a damaged repository reads what it must.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeCache, encodeCache } from '../../src/cache/file.js';
import { deriveCacheSecret, verdictKeyOf } from '../../src/cache/index.js';
import { defaultConfig } from '../../src/config/load.js';
import { runScan, type ScanOutcome, type ScanTarget } from '../../src/pipeline/scan.js';
import { KeyGen } from '../helpers/keygen.js';
import { TestRepo } from '../sources/gitrepo.js';

const SECRET = deriveCacheSecret('fast-path-test-cache-secret');
const config = defaultConfig();
const gen = new KeyGen(1414);

let repo: TestRepo;
let cacheDir: string;
beforeEach(() => {
  repo = new TestRepo();
  cacheDir = mkdtempSync(join(tmpdir(), 'kg-fast-cache-'));
});
afterEach(() => {
  repo.cleanup();
  rmSync(cacheDir, { recursive: true, force: true });
});

const cached = (target: ScanTarget) =>
  runScan({ root: repo.dir, target, config, threads: 1, cache: { dir: cacheDir, secret: SECRET } });
const plain = (target: ScanTarget) => runScan({ root: repo.dir, target, config, threads: 1 });
const keysOf = (o: ScanOutcome) =>
  o.findings.map((f) => `${f.file}:${f.line}:${f.commit?.sha ?? ''}:${f.fingerprint}`).sort();

/** Files older than git's racy window, so their stat keys and blob ids name them. */
function settle(): void {
  const old = new Date(Date.now() - 60_000);
  for (const f of repo.git('ls-files').split('\n').filter(Boolean)) utimesSync(join(repo.dir, f), old, old);
}

/** Rewrites the cache file, sealed with our secret, with its commits line replaced by `commitsJson`. */
function replaceCommitsLine(commitsJson: string): void {
  const name = readdirSync(cacheDir).find((n) => n.endsWith('.kgcache'))!;
  const path = join(cacheDir, name);
  const d = decodeCache(readFileSync(path), verdictKeyOf(config), SECRET);
  if (!d.ok) throw new Error(d.reason);
  writeFileSync(path, encodeCache(d.body, verdictKeyOf(config), SECRET, new Date(), commitsJson));
}

function history(): void {
  repo.write('a.env', `A=${gen.openaiProject()}\n`).commit('first');
  repo.write('b.env', `B=${gen.anthropic()}\n`).commit('second');
  repo.write('a.env', 'A=from-the-vault\n').commit('third');
}

describe('the history result of an unchanged repository', () => {
  it('is taken whole from the cache on the next run, with the same findings', async () => {
    history();
    await cached({ kind: 'history' });
    const again = await cached({ kind: 'history' });
    expect(again.cache!.stats.historiesReused).toBe(1);
    expect(again.cache!.stats.commitsRead).toBe(0);
    expect(keysOf(again)).toEqual(keysOf(await plain({ kind: 'history' })));
  });

  it('does not parse the cached commits at all (a broken commits line goes unnoticed while the refs stand still)', async () => {
    history();
    await cached({ kind: 'history' });
    replaceCommitsLine('this is not json');
    const again = await cached({ kind: 'history' });
    expect(again.cache!.warnings).toEqual([]);
    expect(keysOf(again)).toEqual(keysOf(await plain({ kind: 'history' })));
  });

  it('keeps the unparsed commits when a run saves the cache for the tree alone', async () => {
    history();
    settle();
    await cached({ kind: 'sweep' });
    repo.write('untracked.txt', 'nothing here\n');
    await cached({ kind: 'sweep' }); // saves: a new tree entry; the history part is written back unread
    repo.write('c.env', `C=${gen.deepseek()}\n`).commit('fourth');
    const moved = await cached({ kind: 'history' });
    expect(moved.cache!.stats.commitsReused).toBe(3);
    expect(moved.cache!.stats.commitsRead).toBe(1);
    expect(keysOf(moved)).toEqual(keysOf(await plain({ kind: 'history' })));
  });

  it('is not used once a ref moves: the new commit is read and its key found', async () => {
    history();
    await cached({ kind: 'history' });
    repo.write('c.env', `C=${gen.deepseek()}\n`).commit('fourth');
    const moved = await cached({ kind: 'history' });
    expect(moved.cache!.stats.historiesReused).toBe(0);
    expect(moved.cache!.stats.commitsRead).toBe(1);
    expect(keysOf(moved)).toEqual(keysOf(await plain({ kind: 'history' })));
    expect(moved.findings).toHaveLength(3);
  });

  it('is not used for another question about the same refs (a range is not the whole history)', async () => {
    history();
    const first = repo.git('rev-list', '--max-parents=0', 'HEAD');
    await cached({ kind: 'history' });
    const range: ScanTarget = { kind: 'range', range: `${first}..HEAD` };
    const r = await cached(range);
    expect(r.cache!.stats.historiesReused).toBe(0);
    expect(keysOf(r)).toEqual(keysOf(await plain(range)));
  });

  it('with a broken commits line and a moved ref, ignores the cached commits with a warning and still finds every key', async () => {
    history();
    await cached({ kind: 'history' });
    replaceCommitsLine('{"not":"commit entries"}');
    repo.write('c.env', `C=${gen.deepseek()}\n`).commit('fourth');
    const moved = await cached({ kind: 'history' });
    expect(moved.cache!.warnings.join('\n')).toMatch(/commits ignored/);
    expect(moved.cache!.stats.commitsRead).toBe(4);
    expect(keysOf(moved)).toEqual(keysOf(await plain({ kind: 'history' })));
  });
});

describe('workflow files under the scan cache', () => {
  const workflow = (env: string) =>
    `on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    env:\n      ${env}\n    steps:\n      - run: make\n`;

  it('a workflow file the guard found nothing in is not read again while it is unchanged', async () => {
    repo.write('.github/workflows/ci.yml', workflow('MODE: release')).commit('ci');
    settle();
    await cached({ kind: 'tree' });
    const again = await cached({ kind: 'tree' });
    expect(again.cache!.stats.workflowsReused).toBe(1);
  });

  it('an edit that puts a key in a clean workflow file is found by the guard', async () => {
    repo.write('.github/workflows/ci.yml', workflow('MODE: release')).commit('ci');
    settle();
    await cached({ kind: 'tree' });
    repo.write('.github/workflows/ci.yml', workflow(`OPENAI_API_KEY: ${gen.openaiProject()}`));
    const edited = await cached({ kind: 'tree' });
    expect(edited.cache!.stats.workflowsReused).toBe(0);
    expect(edited.findings.map((f) => f.ruleId)).toEqual(
      (await plain({ kind: 'tree' })).findings.map((f) => f.ruleId),
    );
    expect(edited.findings[0]?.advice?.context).toBe('github-workflow');
  });

  it('a workflow file with a key is never recorded clean: every run reports it as the guard does', async () => {
    repo.write('.github/workflows/ci.yml', workflow(`OPENAI_API_KEY: ${gen.openaiProject()}`)).commit('ci');
    settle();
    await cached({ kind: 'tree' });
    const again = await cached({ kind: 'tree' });
    expect(again.cache!.stats.workflowsReused).toBe(0);
    expect(keysOf(again)).toEqual(keysOf(await plain({ kind: 'tree' })));
    expect(again.findings[0]?.advice?.context).toBe('github-workflow');
  });
});
