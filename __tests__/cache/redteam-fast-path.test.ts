/**
 * Red-team attacks on the scan cache's fast paths (format 3: a history result taken whole under its refs
 * key, workflow files known clean, the lazily parsed commits line) and on what they rest on (the tree's
 * content ids). Each test changes something a cached run might not see, then compares the JSON report of
 * a cached run byte for byte with an uncached one (as the property test does). Attacks the code withstood
 * are kept as regression guards; the ones that found a hole are marked "(was a hole)".
 */
import { execFileSync } from 'node:child_process';
import {
  appendFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deriveCacheSecret } from '../../src/cache/index.js';
import { defaultConfig, type KeyguardConfig } from '../../src/config/load.js';
import { runScan, type ScanOutcome, type ScanTarget } from '../../src/pipeline/scan.js';
import { renderJson } from '../../src/report/json.js';
import { KeyGen } from '../helpers/keygen.js';
import { TestRepo } from '../sources/gitrepo.js';

const SECRET = deriveCacheSecret('redteam-fast-path-cache-secret');
const gen = new KeyGen(4242);

let repo: TestRepo;
let cacheDir: string;
let scratch: string;
let config: KeyguardConfig;
beforeEach(() => {
  repo = new TestRepo();
  cacheDir = mkdtempSync(join(tmpdir(), 'kg-red-cache-'));
  scratch = mkdtempSync(join(tmpdir(), 'kg-red-scratch-'));
  config = defaultConfig();
});
afterEach(() => {
  repo.cleanup();
  rmSync(cacheDir, { recursive: true, force: true });
  rmSync(scratch, { recursive: true, force: true });
});

function report(o: ScanOutcome): string {
  const data = { ...o.result, findings: o.newFindings, baselined: o.baselined };
  return renderJson({ ...data, stats: { ...data.stats, durationMs: 0 } }, { version: 'test' });
}

/** The report, or the error a run ended with (a cached run must fail exactly when an uncached one does). */
async function outcome(root: string, target: ScanTarget, cached: boolean): Promise<string> {
  try {
    const o = await runScan({
      root,
      target,
      config,
      threads: 1,
      ...(cached && { cache: { dir: cacheDir, secret: SECRET } }),
    });
    return report(o);
  } catch (err) {
    return `error: ${(err as Error).message}`;
  }
}

const cachedRun = (target: ScanTarget, root = repo.dir) => outcome(root, target, true);
const plainRun = (target: ScanTarget, root = repo.dir) => outcome(root, target, false);

/** A cached run after `change` reports what an uncached one does; returns the uncached report. */
async function sameAfter(target: ScanTarget, change: () => void, root = repo.dir): Promise<string> {
  await cachedRun(target, root);
  await cachedRun(target, root); // the fast path is now armed (memo, clean workflows, stat keys)
  change();
  const plain = await plainRun(target, root);
  expect(await cachedRun(target, root)).toBe(plain);
  return plain;
}

/** Files older than git's racy window, and an index that knows their new times. */
function settle(dir = repo.dir): void {
  const old = new Date(Date.now() - 60_000);
  for (const f of repo.git('ls-files').split('\n').filter(Boolean)) utimesSync(join(dir, f), old, old);
  repo.git('update-index', '-q', '--refresh');
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Two commits: a key, then an unrelated line in the same file (a whole-blob scan sees the key twice). */
function twoCommits(path = 'app.env'): { key: string } {
  const key = gen.openaiProject();
  repo.write(path, `K=${key}\n`).commit('add key');
  repo.write(path, `K=${key}\nOTHER=1\n`).commit('unrelated');
  return { key };
}

describe('history: repository state git log reads that show-ref --head does not show', () => {
  it('an info/attributes -diff added after the cached run (was a hole)', async () => {
    twoCommits();
    await sameAfter({ kind: 'history' }, () => {
      mkdirSync(join(repo.dir, '.git', 'info'), { recursive: true });
      writeFileSync(join(repo.dir, '.git', 'info', 'attributes'), '*.env -diff\n');
    });
  });

  it('an untracked .gitattributes in the work tree (was a hole)', async () => {
    twoCommits();
    await sameAfter({ kind: 'history' }, () => repo.write('.gitattributes', '*.env -diff\n'));
  });

  it('an uncommitted edit to a tracked .gitattributes in a subdirectory (was a hole)', async () => {
    repo.write('sub/.gitattributes', '*.md text\n').commit('attrs');
    twoCommits('sub/app.env');
    await sameAfter({ kind: 'history' }, () => repo.write('sub/.gitattributes', '*.env binary\n'));
  });

  it('log.showRoot=false in the repository config neither hides the root commit nor is replayed (was a hole)', async () => {
    const { key } = twoCommits();
    const plain = await sameAfter({ kind: 'history' }, () => repo.git('config', 'log.showRoot', 'false'));
    expect(plain).toContain(key.slice(0, 8));
  });

  it('diff.relative=true neither hides a subdirectory history nor is replayed (was a hole)', async () => {
    const { key } = twoCommits('svc/app.env');
    const plain = await sameAfter(
      { kind: 'history' },
      () => repo.git('config', 'diff.relative', 'true'),
      join(repo.dir, 'svc'),
    );
    expect(plain).toContain(key.slice(0, 8));
  });

  it('diff.orderFile changing which file of a commit shows a key first (was a hole)', async () => {
    const key = gen.openaiProject();
    repo.write('a.env', `K=${key}\n`).write('b.env', `K=${key}\n`).commit('twice');
    writeFileSync(join(scratch, 'order'), 'b.env\na.env\n');
    await sameAfter({ kind: 'history' }, () => repo.git('config', 'diff.orderFile', join(scratch, 'order')));
  });

  it('the content of the file diff.orderFile names changing (was a hole)', async () => {
    const key = gen.openaiProject();
    repo.write('a.env', `K=${key}\n`).write('b.env', `K=${key}\n`).commit('twice');
    writeFileSync(join(scratch, 'order'), 'a.env\n');
    repo.git('config', 'diff.orderFile', join(scratch, 'order'));
    await sameAfter({ kind: 'history' }, () => writeFileSync(join(scratch, 'order'), 'b.env\na.env\n'));
  });

  it('core.bigFileThreshold turning text changes into binary ones (was a hole)', async () => {
    twoCommits();
    await sameAfter({ kind: 'history' }, () => repo.git('config', 'core.bigFileThreshold', '1'));
  });

  it('i18n.logOutputEncoding re-encoding author names (was a hole)', async () => {
    const key = gen.openaiProject();
    repo.write('a.env', `K=${key}\n`);
    repo.git('add', '-A');
    execFileSync('git', ['commit', '-q', '-m', 'x'], {
      cwd: repo.dir,
      env: { ...repo.env(), GIT_AUTHOR_NAME: 'Zoë Ñandú' },
    });
    await sameAfter({ kind: 'history' }, () => repo.git('config', 'i18n.logOutputEncoding', 'ISO-8859-1'));
  });

  it('diff.algorithm changing which lines count as added', async () => {
    const key = gen.openaiProject();
    repo.write('a.env', `A=1\nK=${key}\nB=2\nK=${key}\nC=3\n`).commit('one');
    repo.write('a.env', `K=${key}\nB=2\nA=1\nC=3\nK=${key}\n`).commit('two');
    await sameAfter({ kind: 'history' }, () => repo.git('config', 'diff.algorithm', 'patience'));
  });

  it('objects/info/alternates removed: objects gone without a ref moving (was a hole)', async () => {
    const key = gen.openaiProject();
    twoCommits();
    const clone = mkdtempSync(join(tmpdir(), 'kg-red-shared-'));
    try {
      execFileSync('git', ['clone', '-q', '--shared', repo.dir, clone], { env: repo.env() });
      execFileSync('git', ['remote', 'remove', 'origin'], { cwd: clone, env: repo.env() });
      writeFileSync(join(clone, 'new.env'), `N=${key}\n`);
      execFileSync('git', ['add', '-A'], { cwd: clone, env: repo.env() });
      execFileSync('git', ['commit', '-q', '-m', 'in the clone'], { cwd: clone, env: repo.env() });
      await cachedRun({ kind: 'history' }, clone);
      await cachedRun({ kind: 'history' }, clone);
      rmSync(join(clone, '.git', 'objects', 'info', 'alternates'));
      // The parent commit is gone: an uncached run fails (git cannot walk), and so must a cached one
      // (before the fix it returned the memoized result). Git's wording differs by the command that
      // failed first (rev-list with a cache, log without), so only the failure is compared.
      const plain = await plainRun({ kind: 'history' }, clone);
      const again = await cachedRun({ kind: 'history' }, clone);
      expect(plain).toMatch(/^error: .*Could not read/);
      expect(again).toMatch(/^error: .*Could not read/);
    } finally {
      rmSync(clone, { recursive: true, force: true });
    }
  });

  it('a .mailmap added (the history reports authors as committed)', async () => {
    twoCommits();
    await sameAfter({ kind: 'history' }, () =>
      repo.write('.mailmap', 'Someone Else <else@example.test> <ada@example.test>\n'),
    );
  });

  it('a notes ref added', async () => {
    twoCommits();
    await sameAfter({ kind: 'history' }, () => repo.git('notes', 'add', '-m', `N=${gen.anthropic()}`));
  });

  it('a replace ref added', async () => {
    twoCommits();
    await sameAfter({ kind: 'history' }, () => repo.git('replace', '--graft', 'HEAD'));
  });

  it('the shallow file edited by hand (was a hole: a cached commit replayed as diffed against its parent)', async () => {
    twoCommits();
    repo.write('c.env', `C=${gen.anthropic()}\n`).commit('third');
    const second = repo.git('rev-parse', 'HEAD~1');
    await sameAfter({ kind: 'history' }, () =>
      writeFileSync(join(repo.dir, '.git', 'shallow'), `${second}\n`),
    );
  });

  it('grafts written by hand (was a hole: a cached commit replayed as diffed against its old parent)', async () => {
    twoCommits();
    const head = repo.git('rev-parse', 'HEAD');
    await sameAfter({ kind: 'history' }, () =>
      writeFileSync(join(repo.dir, '.git', 'info', 'grafts'), `${head}\n`),
    );
  });

  it('a linked worktree added on a commit no ref names, then removed', async () => {
    twoCommits();
    const side = repo.git(
      'commit-tree',
      '-m',
      'side',
      '-p',
      'HEAD',
      `${repo.git('rev-parse', 'HEAD')}^{tree}`,
    );
    const wt = join(scratch, 'wt');
    await sameAfter({ kind: 'history' }, () => repo.git('worktree', 'add', '-q', '--detach', wt, side));
    await sameAfter({ kind: 'history' }, () => repo.git('worktree', 'remove', '--force', wt));
  });

  it('HEAD switched to another branch on the same commit', async () => {
    twoCommits();
    repo.git('branch', 'other');
    await sameAfter({ kind: 'history' }, () => repo.git('symbolic-ref', 'HEAD', 'refs/heads/other'));
  });

  it('a subdirectory scan and a root scan sharing one cache', async () => {
    twoCommits('svc/app.env');
    twoCommits('top.env');
    const sub = join(repo.dir, 'svc');
    await cachedRun({ kind: 'history' });
    expect(await cachedRun({ kind: 'history' }, sub)).toBe(await plainRun({ kind: 'history' }, sub));
    expect(await cachedRun({ kind: 'history' })).toBe(await plainRun({ kind: 'history' }));
  });

  it('a path allowlist added in the config', async () => {
    twoCommits('docs/app.env');
    await sameAfter({ kind: 'history' }, () => {
      config = defaultConfig();
      config.allowlist.paths = ['docs/**'];
    });
  });

  it('a --since window on an unchanged repository', async () => {
    twoCommits();
    await sameAfter({ kind: 'history', window: { revisions: [], since: '2026-01-01T00:00:01Z' } }, () => {});
  });

  it('a window naming ORIG_HEAD, moved without any ref moving (was a hole: a key hidden)', async () => {
    const first = gen.openaiProject();
    const second = gen.anthropic();
    repo.write('a.env', `A=${first}\n`).commit('one');
    const one = repo.git('rev-parse', 'HEAD');
    repo.write('b.env', `B=${second}\n`).commit('two');
    repo.git('update-ref', 'ORIG_HEAD', one);
    const plain = await sameAfter({ kind: 'history', window: { revisions: ['ORIG_HEAD'] } }, () =>
      repo.git('update-ref', 'ORIG_HEAD', 'HEAD'),
    );
    expect(plain).toContain(second.slice(0, 8));
  });

  it('a range ending at FETCH_HEAD, rewritten without any ref moving (was a hole: a key hidden)', async () => {
    const first = gen.openaiProject();
    const second = gen.anthropic();
    repo.write('a.env', `A=${first}\n`).commit('one');
    const one = repo.git('rev-parse', 'HEAD');
    repo.write('b.env', `B=${second}\n`).commit('two');
    writeFileSync(join(repo.dir, '.git', 'FETCH_HEAD'), `${one}\t\tbranch 'x' of y\n`);
    const range = `${repo.git('rev-list', '--max-parents=0', 'HEAD')}..FETCH_HEAD`;
    const head = repo.git('rev-parse', 'HEAD');
    const plain = await sameAfter({ kind: 'range', range }, () =>
      writeFileSync(join(repo.dir, '.git', 'FETCH_HEAD'), `${head}\t\tbranch 'x' of y\n`),
    );
    expect(plain).toContain(second.slice(0, 8));
  });

  it('a range from the null SHA with a branch, after another remote branch appears', async () => {
    twoCommits();
    const head = repo.git('rev-parse', 'HEAD');
    const range = `${'0'.repeat(40)}..${head}`;
    await sameAfter({ kind: 'range', range, branch: 'feature' }, () =>
      repo.git('update-ref', 'refs/remotes/origin/main', 'HEAD~1'),
    );
  });
});

describe('tree: content ids a file can keep while its bytes change', () => {
  const sameSize = (key: string) => 'x'.repeat(`K=${key}\n`.length - 1);

  it.each(['assume-unchanged', 'skip-worktree'])(
    'a tracked file marked %s, rewritten at the same size (was a hole: a key hidden)',
    async (mark) => {
      const key = gen.openaiProject();
      repo.write('a.txt', `${sameSize(key)}\n`).commit('clean');
      settle();
      repo.git('update-index', `--${mark}`, 'a.txt');
      await sleep(2200); // the first runs name the file by its blob id (its ctime out of the racy window)
      const plain = await sameAfter({ kind: 'tree' }, () => {
        const old = statSync(join(repo.dir, 'a.txt')).mtime;
        writeFileSync(join(repo.dir, 'a.txt'), `K=${key}\n`);
        utimesSync(join(repo.dir, 'a.txt'), old, old);
        execFileSync('sleep', ['2.2']); // out of git's racy window: the blob id is believed
      });
      expect(plain).toContain(key.slice(0, 8));
    },
  );

  it('core.checkStat=minimal and core.trustctime=false, a same-size rewrite with its mtime put back (was a hole: a key hidden)', async () => {
    const key = gen.openaiProject();
    repo.write('a.txt', `${sameSize(key)}\n`).commit('clean');
    repo.git('config', 'core.checkStat', 'minimal');
    repo.git('config', 'core.trustctime', 'false');
    settle();
    await sleep(2200);
    const plain = await sameAfter({ kind: 'tree' }, () => {
      const old = statSync(join(repo.dir, 'a.txt')).mtime;
      writeFileSync(join(repo.dir, 'a.txt'), `K=${key}\n`);
      utimesSync(join(repo.dir, 'a.txt'), old, old); // touch -r
      execFileSync('sleep', ['2.2']);
    });
    expect(plain).toContain(key.slice(0, 8));
  });

  it('a same-size rewrite with its mtime put back, right away (inside the racy window)', async () => {
    const key = gen.openaiProject();
    repo.write('a.txt', `${sameSize(key)}\n`).commit('clean');
    settle();
    await sameAfter({ kind: 'tree' }, () => {
      const old = statSync(join(repo.dir, 'a.txt')).mtime;
      writeFileSync(join(repo.dir, 'a.txt'), `K=${key}\n`);
      utimesSync(join(repo.dir, 'a.txt'), old, old);
    });
  });

  it('a clean workflow renamed to a non-workflow path and back, its stat kept', async () => {
    const key = gen.openaiProject();
    repo.write('.github/workflows/ci.yml', 'on: push\njobs:\n  a:\n    runs-on: x\n').commit('wf');
    settle();
    await sameAfter({ kind: 'tree' }, () => {
      repo.git('mv', '.github/workflows/ci.yml', 'ci.yml');
      repo.write('ci.yml', `on: push\njobs:\n  a:\n    runs-on: x\n    env:\n      K: ${key}\n`);
      repo.git('mv', 'ci.yml', '.github/workflows/ci.yml');
    });
  });

  it('a clean workflow rewritten at the same size with its times put back', async () => {
    const key = gen.openaiProject();
    const body = (v: string) => `on: push\njobs:\n  a:\n    runs-on: x\n    env:\n      K: ${v}\n`;
    repo.write('.github/workflows/ci.yml', body('y'.repeat(key.length))).commit('wf');
    settle();
    await sameAfter({ kind: 'sweep' }, () => {
      const p = join(repo.dir, '.github/workflows/ci.yml');
      const old = statSync(p).mtime;
      writeFileSync(p, body(key));
      utimesSync(p, old, old);
    });
  });
});

describe('the cache file itself', () => {
  it('a run killed mid-save (a partial temporary file and a truncated cache) changes nothing', async () => {
    twoCommits();
    await sameAfter({ kind: 'sweep' }, () => {
      const name = readdirSync(cacheDir).find((n) => n.endsWith('.kgcache'))!;
      const buf = readFileSync(join(cacheDir, name));
      writeFileSync(join(cacheDir, `.${name}.1.abc.tmp`), buf.subarray(0, 100));
      writeFileSync(join(cacheDir, name), buf.subarray(0, buf.length - 7));
    });
  });

  it('a tree-only run between two history runs keeps the lazy commits line, then a moved ref replays them', async () => {
    twoCommits();
    settle();
    await cachedRun({ kind: 'history' });
    await cachedRun({ kind: 'tree' });
    await cachedRun({ kind: 'sweep' });
    repo.write('c.env', `C=${gen.anthropic()}\n`).commit('third');
    expect(await cachedRun({ kind: 'history' })).toBe(await plainRun({ kind: 'history' }));
  });

  it('a history run and a tree run saving the same cache at once', async () => {
    twoCommits();
    settle();
    await Promise.all([cachedRun({ kind: 'history' }), cachedRun({ kind: 'tree' })]);
    appendFileSync(join(repo.dir, 'app.env'), `N=${gen.anthropic()}\n`);
    repo.commit('more');
    await Promise.all([cachedRun({ kind: 'history' }), cachedRun({ kind: 'sweep' })]);
    expect(await cachedRun({ kind: 'sweep' })).toBe(await plainRun({ kind: 'sweep' }));
  });
});
