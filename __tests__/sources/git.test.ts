import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Detector } from '../../src/scan/detector.js';
import { unquotePath } from '../../src/sources/diff.js';
import { addedLinesOfRange, GitSourceError, parseRange, scanGit } from '../../src/sources/git.js';
import { KeyGen } from '../helpers/keygen.js';
import { TestRepo } from './gitrepo.js';

const gen = new KeyGen(31);
const det = new Detector();
const repos: TestRepo[] = [];
function repo(): TestRepo {
  const r = new TestRepo();
  repos.push(r);
  return r;
}
afterAll(() => {
  for (const r of repos) r.cleanup();
});

describe('scanGit history', () => {
  it('finds a key added in one commit and deleted in the next, with commit, author, date and line', async () => {
    const r = repo();
    const key = gen.openaiProject();
    r.write('README.md', 'hello\n').commit('init');
    const sha = r.write('config.js', `// cfg\n\nexport const k = '${key}';\n`).commit('add config');
    r.remove('config.js').commit('oops, remove key');
    const res = await scanGit(r.dir, det);
    expect(res.commits).toBe(3);
    expect(res.hits).toHaveLength(1);
    const h = res.hits[0]!;
    expect(h).toMatchObject({ file: 'config.js', source: 'history' });
    expect([h.key.line, h.key.column]).toEqual([3, 19]);
    expect(h.commit).toEqual({
      sha,
      author: 'Ada Tester',
      email: 'ada@example.test',
      date: '2026-01-01T00:00:02+00:00',
      laterCommits: 0,
    });
  });

  it('reports a key once, at the oldest commit, counting later commits that added it again', async () => {
    const r = repo();
    const key = gen.deepseek();
    const first = r.write('a.txt', `k=${key}\n`).commit('one');
    r.write('b.txt', `copy=${key}\n`).commit('two');
    r.write('a.txt', `k=${key}\nk2=${key}\n`).commit('three');
    r.write('c.txt', 'unrelated\n').commit('four');
    const res = await scanGit(r.dir, det);
    expect(res.hits).toHaveLength(1);
    expect(res.hits[0]!.commit).toMatchObject({ sha: first, laterCommits: 2 });
    expect(res.hits[0]!.file).toBe('a.txt');
  });

  it('does not re-report the keys of a renamed file', async () => {
    const r = repo();
    const key = gen.moonshot();
    const sha = r.write('old.env', `A=1\nKEY=${key}\n`).commit('add');
    r.git('mv', 'old.env', 'new.env');
    r.commit('rename');
    const res = await scanGit(r.dir, det);
    expect(res.hits.map((h) => [h.file, h.commit?.sha, h.commit?.laterCommits])).toEqual([
      ['old.env', sha, 0],
    ]);
  });

  it('reports a key from a merged branch at the branch commit, not at the merge', async () => {
    const r = repo();
    const key = gen.openaiProject();
    r.write('base.txt', 'base\n').commit('base');
    r.git('checkout', '-q', '-b', 'feature');
    const featureSha = r.write('feature.txt', `k=${key}\n`).commit('feature');
    r.git('checkout', '-q', 'main');
    r.write('main.txt', 'main\n').commit('main work');
    r.git('merge', '-q', '--no-ff', '-m', 'merge feature', 'feature');
    const res = await scanGit(r.dir, det);
    expect(res.hits.map((h) => [h.commit?.sha, h.commit?.laterCommits])).toEqual([[featureSha, 0]]);
  });

  it('finds a key introduced only in a merge resolution, at the merge commit', async () => {
    const r = repo();
    const key = gen.openaiProject();
    r.write('app.cfg', 'a=1\nb=2\n').commit('base');
    r.git('checkout', '-q', '-b', 'side');
    r.write('app.cfg', 'a=side\nb=2\n').commit('side');
    r.git('checkout', '-q', 'main');
    r.write('app.cfg', 'a=main\nb=2\n').commit('main');
    try {
      r.git('merge', '-q', 'side');
    } catch {
      // conflict expected: resolve it by hand, adding a key nobody had before
    }
    r.write('app.cfg', `a=both\nb=2\ntoken=${key}\n`);
    const merge = r.commit('merge side, resolved');
    const res = await scanGit(r.dir, det);
    expect(res.hits).toHaveLength(1);
    expect(res.hits[0]!.commit?.sha).toBe(merge);
    expect(res.hits[0]!.key.line).toBe(3);
  });

  it('keeps unicode paths readable', async () => {
    const r = repo();
    const key = gen.openaiProject();
    r.write('données/clé été.env', `K=${key}\n`).commit('unicode');
    const res = await scanGit(r.dir, det);
    expect(res.hits.map((h) => h.file)).toEqual(['données/clé été.env']);
  });

  it('includes refs/pull/*/head commits that no branch reaches', async () => {
    const r = repo();
    const key = gen.openaiProject();
    r.write('a.txt', 'a\n').commit('base');
    r.git('checkout', '-q', '-b', 'pr');
    const prSha = r.write('pr.txt', `k=${key}\n`).commit('pr');
    r.git('checkout', '-q', 'main');
    r.git('update-ref', 'refs/pull/7/head', prSha);
    r.git('branch', '-q', '-D', 'pr');
    const res = await scanGit(r.dir, det);
    expect(res.hits.map((h) => h.commit?.sha)).toEqual([prSha]);
  });

  it('finds a key inside a committed binary file, at the commit that added it', async () => {
    const r = repo();
    const key = gen.openaiProject();
    const sha = r.write('img.bin', `\x00\x01PNG\n\x00=${key}\x00`).commit('binary');
    r.write('later.txt', `${key}\n`).commit('same key as text, later');
    const res = await scanGit(r.dir, det);
    expect(res.warnings).toEqual([]);
    expect(res.hits.map((h) => [h.file, h.key.line, h.commit?.sha, h.commit?.laterCommits])).toEqual([
      ['img.bin', 2, sha, 1],
    ]);
  });

  it('finds a key in a file that .gitattributes hides from diffs (-diff), at its line', async () => {
    const r = repo();
    const key = gen.openaiProject();
    r.write('.gitattributes', 'dist/** -diff\n').commit('attrs');
    const sha = r.write('dist/index.js', `var a = 1;\nvar k = "${key}";\n`).commit('bundle');
    const res = await scanGit(r.dir, det);
    expect(res.hits.map((h) => [h.file, h.key.line, h.key.column, h.commit?.sha])).toEqual([
      ['dist/index.js', 2, 10, sha],
    ]);
  });

  it('applies the path filter to history', async () => {
    const r = repo();
    r.write('fixtures/k.txt', `${gen.openaiProject()}\n`)
      .write('src/k.txt', `${gen.openaiProject()}\n`)
      .commit('two');
    const res = await scanGit(r.dir, det, { include: (p) => !p.startsWith('fixtures/') });
    expect(res.hits.map((h) => h.file)).toEqual(['src/k.txt']);
  });

  it('reports an inline-allowed key as suppressed', async () => {
    const r = repo();
    r.write('a.txt', `k=${gen.openaiProject()} # keyguard:allow\n`).commit('allowed');
    const res = await scanGit(r.dir, det);
    expect([res.hits.length, res.suppressed]).toEqual([0, 1]);
  });
});

describe('scanGit below the top level of the repository', () => {
  it("reads only that directory's history, with paths relative to it", async () => {
    const r = repo();
    const inside = gen.deepseek();
    const outside = gen.openrouter();
    r.write('services/api/.env', `DEEPSEEK_API_KEY=${inside}\n`)
      .write('web/.env', `K=${outside}\n`)
      .commit('keys');
    const res = await scanGit(join(r.dir, 'services'), det);
    expect(res.hits.map((h) => [h.file, h.key.key === inside])).toEqual([['api/.env', true]]);
  });

  it('finds a key a side branch added and removed again before its merge', async () => {
    const r = repo();
    const key = gen.anthropic();
    r.write('app/README.md', 'app\n').commit('init');
    r.git('checkout', '-q', '-b', 'side');
    const added = r.write('app/config.env', `ANTHROPIC_API_KEY=${key}\n`).commit('add key');
    r.remove('app/config.env').commit('remove key');
    r.git('checkout', '-q', 'main');
    r.write('app/other.txt', 'x\n').commit('main work');
    r.git('merge', '-q', '--no-ff', '-m', 'merge side', 'side');
    // Reachable only through the merge, whose tree equals its first parent's below app/.
    r.git('branch', '-q', '-d', 'side');
    const res = await scanGit(join(r.dir, 'app'), det);
    expect(res.hits.map((h) => [h.file, h.commit?.sha])).toEqual([['config.env', added]]);
  });

  it('applies the path filter to paths relative to the directory', async () => {
    const r = repo();
    r.write('svc/tests/fixture.env', `K=${gen.deepseek()}\n`)
      .write('svc/.env', `K=${gen.deepseek()}\n`)
      .commit('keys');
    const res = await scanGit(join(r.dir, 'svc'), det, { include: (p) => !p.startsWith('tests/') });
    expect(res.hits.map((h) => h.file)).toEqual(['.env']);
  });
});

describe('scanGit range', () => {
  it('scans only the commits of the range', async () => {
    const r = repo();
    const [k1, k2, k3] = [gen.openaiProject(), gen.openaiProject(), gen.openaiProject()];
    const base = r.write('a.txt', `${k1}\n`).commit('before');
    const c2 = r.write('b.txt', `${k2}\n`).commit('pr 1');
    const c3 = r.write('c.txt', `x\n${k3}\n`).commit('pr 2');
    const res = await scanGit(r.dir, det, { range: `${base}..${c3}` });
    expect(res.commits).toBe(2);
    expect(
      res.hits.map((h) => [
        h.key.key === k2 ? 'k2' : h.key.key === k3 ? 'k3' : 'k1',
        h.commit?.sha,
        h.source,
      ]),
    ).toEqual([
      ['k2', c2, 'range'],
      ['k3', c3, 'range'],
    ]);
  });

  it('names the missing commit and the fetch needed when the range is not in the clone', async () => {
    const r = repo();
    const head = r.write('a.txt', 'a\n').commit('only');
    const missing = gen.sha();
    const err = await scanGit(r.dir, det, { range: `${missing}..${head}` }).catch((e) => e);
    expect(err).toBeInstanceOf(GitSourceError);
    expect(err.message).toContain(missing);
    expect(err.message).toContain('fetch-depth: 0');
  });

  it('rejects a range that is not BASE..HEAD', () => {
    expect(() => parseRange('main')).toThrow(/BASE\.\.HEAD/);
    expect(parseRange('a...b')).toEqual({ base: 'a', head: 'b', dots: '...' });
  });

  it('lists the net added lines of a pull request per file', async () => {
    const r = repo();
    const base = r.write('a.txt', 'one\ntwo\n').commit('base');
    r.git('checkout', '-q', '-b', 'pr');
    r.write('a.txt', 'one\nnew\ntwo\n').write('b.txt', 'x\ny\n').commit('pr');
    const head = r.write('b.txt', 'x\n').commit('pr fixup');
    const lines = await addedLinesOfRange(r.dir, base, head);
    expect(Object.fromEntries([...lines].map(([f, s]) => [f, [...s]]))).toEqual({
      'a.txt': [2],
      'b.txt': [1],
    });
  });
});

describe('shallow clones', () => {
  it('scans what exists and says precisely which history was not seen', async () => {
    const r = repo();
    const old = gen.openaiProject();
    const recent = gen.openaiProject();
    r.write('old.txt', `${old}\n`).commit('old');
    r.write('old.txt', 'cleaned\n').commit('clean');
    const head = r.write('new.txt', `${recent}\n`).commit('new');
    const dest = mkdtempSync(join(tmpdir(), 'kg-shallow-'));
    try {
      execFileSync('git', ['clone', '-q', '--depth', '1', `file://${r.dir}`, dest], { env: r.env() });
      const res = await scanGit(dest, det);
      expect(res.hits.map((h) => h.key.key)).toEqual([recent]);
      expect(res.warnings[0]!.message).toContain(`history before ${head.slice(0, 12)} not scanned`);
      expect(res.warnings[0]!.message).toContain('fetch-depth: 0');
    } finally {
      rmSync(dest, { recursive: true, force: true });
    }
  });

  it('does not warn about a range that stays inside the fetched history', async () => {
    const r = repo();
    r.write('a.txt', 'a\n').commit('one');
    r.write('a.txt', 'b\n').commit('two');
    r.write('a.txt', 'c\n').commit('three');
    const dest = mkdtempSync(join(tmpdir(), 'kg-shallow-'));
    try {
      execFileSync('git', ['clone', '-q', '--depth', '2', `file://${r.dir}`, dest], { env: r.env() });
      const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: dest, encoding: 'utf8' }).trim();
      const inside = await scanGit(dest, det, { range: `${head}~1..${head}` });
      expect(inside.warnings).toEqual([]);
      const history = await scanGit(dest, det);
      expect(history.warnings).toHaveLength(1);
    } finally {
      rmSync(dest, { recursive: true, force: true });
    }
  });
});

describe('unquotePath', () => {
  it.each([
    ['plain/path.txt', 'plain/path.txt'],
    ['"tab\\there"', 'tab\there'],
    ['"caf\\303\\251"', 'café'],
    ['"quote\\"d"', 'quote"d'],
  ])('unquotes %s', (raw, want) => {
    expect(unquotePath(raw)).toBe(want);
  });
});

describe('scanGit range from a new branch', () => {
  it('scans only what the new branch brings when other remote branches are known', async () => {
    const r = repo();
    const onMain = gen.deepseek();
    const inBranch = gen.openrouter();
    const base = r.write('main.env', `K=${onMain}\n`).commit('main');
    r.git('checkout', '-q', '-b', 'feature/login');
    const added = r.write('app.env', `K=${inBranch}\n`).commit('add key');
    const head = r.remove('app.env').commit('remove key');
    r.git('update-ref', 'refs/remotes/origin/main', base);
    r.git('update-ref', 'refs/remotes/origin/feature/login', head);
    const res = await scanGit(r.dir, det, { range: `${'0'.repeat(40)}..${head}`, branch: 'feature/login' });
    expect([res.commits, res.hits.map((h) => [h.file, h.commit?.sha])]).toEqual([2, [['app.env', added]]]);
  });

  it('scans everything the head brings when the base is the null SHA', async () => {
    const r = repo();
    const key = gen.openaiProject();
    r.write('a.txt', `${key}\n`).commit('first');
    const head = r.write('b.txt', 'b\n').commit('second');
    const res = await scanGit(r.dir, det, { range: `${'0'.repeat(40)}..${head}` });
    expect([res.commits, res.hits.length]).toEqual([2, 1]);
  });
});

describe('scanGit with parallel git log slices', () => {
  /** A history with a merge, a key re-added later, a key in a merge resolution and a binary blob key. */
  function history(): { r: TestRepo; first: string; keys: string[] } {
    const r = repo();
    const keys = [gen.openaiProject(), gen.anthropic(), gen.openrouter(), gen.deepseek()];
    r.write('README.md', 'hello\n').commit('init');
    const first = r.write('a.txt', `k=${keys[0]}\n`).commit('one');
    r.git('checkout', '-q', '-b', 'side');
    r.write('side.txt', `side=${keys[1]}\n`).commit('side');
    r.git('checkout', '-q', 'main');
    r.write('b.txt', `copy=${keys[0]}\n`).commit('two');
    r.git('merge', '-q', '--no-ff', '-m', 'merge side', 'side');
    r.write(
      'bin.dat',
      Buffer.concat([Buffer.from([0, 1, 2]), Buffer.from(`x=${keys[2]}\n`)]).toString('latin1'),
    );
    r.commit('binary');
    for (let i = 0; i < 6; i++) r.write(`n${i}.txt`, `line ${i}\n`).commit(`filler ${i}`);
    r.write('late.txt', `\n\nlate=${keys[3]}\n`).commit('late');
    return { r, first, keys };
  }

  const summary = (res: Awaited<ReturnType<typeof scanGit>>) =>
    res.hits
      .map((h) => `${h.file}:${h.key.line}:${h.key.column}:${h.commit?.sha}:${h.commit?.laterCommits}`)
      .sort();

  it('finds the same keys at the same commits as one git log', async () => {
    const { r } = history();
    const one = await scanGit(r.dir, det);
    const two = await scanGit(r.dir, det, { parallel: 2, minSliceCommits: 1 });
    const three = await scanGit(r.dir, det, { parallel: 3, minSliceCommits: 1 });
    expect(one.hits.length).toBe(4);
    expect(summary(two)).toEqual(summary(one));
    expect(summary(three)).toEqual(summary(one));
    expect([two.commits, two.files, two.bytes]).toEqual([one.commits, one.files, one.bytes]);
  });

  it('reports a key at its oldest commit even when a later slice sees it first', async () => {
    const { r, first, keys } = history();
    const res = await scanGit(r.dir, det, { parallel: 4, minSliceCommits: 1 });
    const hit = res.hits.find((h) => h.key.key === keys[0])!;
    expect(hit.commit).toMatchObject({ sha: first, laterCommits: 1 });
    expect(hit.file).toBe('a.txt');
  });

  it('scans only the commits of a range when the range is split', async () => {
    const r = repo();
    const keys = [gen.openaiProject(), gen.anthropic(), gen.openrouter()];
    const base = r.write('a.txt', `${keys[0]}\n`).commit('before');
    const shas = keys.slice(1).map((k, i) => r.write(`f${i}.txt`, `x\n${k}\n`).commit(`pr ${i}`));
    const head = r.write('z.txt', 'tail\n').commit('pr end');
    const res = await scanGit(r.dir, det, { range: `${base}..${head}`, parallel: 2, minSliceCommits: 1 });
    expect(res.commits).toBe(3);
    expect(res.hits.map((h) => [h.key.key, h.commit?.sha, h.key.line]).sort()).toEqual(
      [
        [keys[1], shas[0], 2],
        [keys[2], shas[1], 2],
      ].sort(),
    );
  });

  it('runs one git log when the history is shorter than a slice', async () => {
    const { r } = history();
    const res = await scanGit(r.dir, det, { parallel: 2 });
    expect(res.hits).toHaveLength(4);
  });
});

describe('streamGit line splitting', () => {
  it('keeps a lone CR inside an added line, so the key after it is still found on that line', async () => {
    const r = repo();
    const key = gen.openaiProject();
    r.write('mac.txt', `old\rk=${key}\r\nnext\n`).commit('cr');
    const res = await scanGit(r.dir, det);
    expect(res.hits.map((h) => [h.file, h.key.line])).toEqual([['mac.txt', 1]]);
    expect(res.hits[0]!.key.key).toBe(key);
  });
});
