/**
 * The attack of issue 10 point 1, built for real: a pull request adds, under the scanned `path`, a
 * directory that looks like a bare repository whose config names a program for every setting git runs
 * one from. Scanning that directory (tree, history, staged, range, sweep) must never run any of them.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultConfig } from '../../src/config/load.js';
import { runScan, type ScanTarget } from '../../src/pipeline/scan.js';
import { subdirectoryOf } from '../../src/sources/git.js';
import { markerText, plantFakeBareRepo, poisonRepoConfig } from '../helpers/hostile-git.js';
import { KeyGen } from '../helpers/keygen.js';
import { TestRepo } from '../sources/gitrepo.js';

const gen = new KeyGen(1010);
const scratch = mkdtempSync(join(tmpdir(), 'kg-hostile-'));
const repos: TestRepo[] = [];
afterAll(() => {
  for (const r of repos) r.cleanup();
  rmSync(scratch, { recursive: true, force: true });
});

let markers = 0;
function marker(): string {
  return join(scratch, `marker-${++markers}`);
}

interface Planted {
  repo: TestRepo;
  sub: string;
  base: string;
  head: string;
  key: string;
}

/** A repository whose pull request adds `sub/`, a fake bare repository, next to a file with a key. */
function hostilePullRequest(mark: string): Planted {
  const repo = new TestRepo();
  repos.push(repo);
  const base = repo.write('README.md', '# app\n').commit('init');
  const sub = join(repo.dir, 'sub');
  plantFakeBareRepo(sub, mark);
  const key = gen.openaiProject();
  repo.write('sub/notes.txt', `OPENAI_API_KEY=${key}\n`);
  const head = repo.commit('add a directory');
  // Something staged too, for --staged.
  repo.write('sub/staged.txt', `OPENAI_API_KEY=${gen.openaiProject()}\n`);
  repo.git('add', 'sub/staged.txt');
  return { repo, sub, base, head, key };
}

function targets(p: Planted): [string, ScanTarget][] {
  return [
    ['tree', { kind: 'tree' }],
    ['history', { kind: 'history' }],
    ['staged', { kind: 'staged' }],
    ['range', { kind: 'range', range: `${p.base}..${p.head}` }],
    ['sweep', { kind: 'sweep' }],
  ];
}

describe('a directory that looks like a bare repository', () => {
  it('is hostile: plain git run inside it obeys its config and runs the planted programs', () => {
    const mark = marker();
    const p = hostilePullRequest(mark);
    // (git may fail afterwards: the planted programs exit 1)
    spawnSync('git', ['log', '-p'], { cwd: p.sub, env: p.repo.env(), stdio: 'ignore' });
    spawnSync('git', ['diff', '--cached'], { cwd: p.sub, env: p.repo.env(), stdio: 'ignore' });
    expect(markerText(mark)).toMatch(/core\.fsmonitor/);
  });

  const mark = marker();
  const p = hostilePullRequest(mark);
  it.each(targets(p))('runs none of its programs when keyguard scans it (%s)', async (_name, target) => {
    const out = await runScan({ root: p.sub, target, config: defaultConfig() });
    expect(markerText(mark)).toBe('');
    // The scan itself still works, in the repository keyguard pinned, with paths below `sub`.
    if (target.kind !== 'staged') expect(out.findings.map((f) => f.file)).toContain('notes.txt');
  });

  it('is not the repository keyguard uses: the checkout above it is, with the directory as prefix', async () => {
    expect(await subdirectoryOf(p.sub)).toBe('sub/');
    expect(markerText(mark)).toBe('');
  });
});

describe('a .git file (gitdir: pointer) in the scanned tree', () => {
  it('is refused when it points at a directory outside any .git directory, and nothing runs', async () => {
    const mark = marker();
    const p = hostilePullRequest(mark);
    // A checkout cannot contain `.git`, but a build step could write one.
    const inner = join(p.sub, 'pkg');
    mkdirSync(inner, { recursive: true });
    writeFileSync(join(inner, '.git'), 'gitdir: ..\n');
    await expect(
      runScan({ root: inner, target: { kind: 'history' }, config: defaultConfig() }),
    ).rejects.toThrow(/pkg\/\.git points git at .*sub, not inside a \.git directory/);
    expect(markerText(mark)).toBe('');
  });

  it('is followed when it points into a .git directory, as a submodule or worktree does', async () => {
    const repo = new TestRepo();
    repos.push(repo);
    const key = gen.deepseek();
    repo.write('k.txt', `${key}\n`).commit('init');
    const wt = join(scratch, 'worktree');
    repo.git('worktree', 'add', '-q', wt);
    const out = await runScan({ root: wt, target: { kind: 'history' }, config: defaultConfig() });
    expect(out.findings.map((f) => f.file)).toEqual(['k.txt']);
  });
});

describe('a nested repository whose own config names programs', () => {
  // A real `.git` directory inside the tree (unpacked by a build step): it is the repository named, but
  // nothing in its config may run.
  const mark = marker();
  const outer = new TestRepo();
  repos.push(outer);
  outer.write('README.md', '# outer\n').commit('init');
  const nested = new TestRepo(join(outer.dir, 'vendor'));
  mkdirSync(nested.dir, { recursive: true });
  nested.git('init', '-q', '-b', 'main');
  repos.push(nested);
  const origin = join(scratch, 'origin.git');
  const base = nested.write('a.txt', 'a\n').commit('init');
  nested.write('.gitattributes', '* diff=evil filter=evil\n');
  nested.write('k.txt', `${gen.anthropic()}\n`);
  const head = nested.commit('add');
  execFileSync('git', ['clone', '-q', '--bare', nested.dir, origin]);
  nested.write('s.txt', `${gen.anthropic()}\n`);
  nested.git('add', 's.txt');
  poisonRepoConfig(join(nested.dir, '.git'), mark, origin);
  const p = { repo: nested, sub: nested.dir, base, head, key: '' };

  it.each(targets(p))('runs none of them when scanned (%s)', async (_name, target) => {
    await runScan({ root: nested.dir, target, config: defaultConfig() });
    expect(markerText(mark)).toBe('');
  });
});
