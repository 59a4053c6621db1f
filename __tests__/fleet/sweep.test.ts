/**
 * `keyguard fleet sweep` through the bundled CLI (dist/cli.js, a process of its own as in a matrix job)
 * against real git smart HTTP (`git http-backend` behind a server that wants the token): what it
 * clones and scans, what it skips on the second night, how a failing repository is recorded, and that
 * the token reaches git only through its environment.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type OpenAIEmulator, startOpenAIEmulator } from '../emulators/openai.js';
import { type GitHttpServer, startGitHttpServer } from '../helpers/git-http-server.js';
import { KeyGen } from '../helpers/keygen.js';
import {
  CLI,
  filesUnder,
  leaksToken,
  processCommandLines,
  runCliProcess,
  WorkRepo,
  watchTreeMemory,
} from './git-fixtures.js';

const TOKEN = `ghs_${new KeyGen(4242).alnum(36)}`;
const gen = new KeyGen(1515);
const scratch = realpathSync(mkdtempSync(join(tmpdir(), 'kg-sweep-test-')));
let server: GitHttpServer;
const work: WorkRepo[] = [];

beforeAll(async () => {
  server = await startGitHttpServer({ root: join(scratch, 'served'), token: TOKEN });
});
afterAll(async () => {
  await server.stop();
  for (const w of work) w.cleanup();
  rmSync(scratch, { recursive: true, force: true });
});

function repo(fullName: string): WorkRepo {
  const w = new WorkRepo(server, fullName, scratch);
  work.push(w);
  return w;
}

let n = 0;
/** A shard file for `repos` (as the plan writes it), with optional coverage per repository. */
function shardFile(
  repos: string[],
  opts: { covered?: Record<string, Record<string, string>>; rulesKey?: string } = {},
): string {
  const known: Record<string, unknown> = {};
  for (const r of repos)
    known[r] = {
      defaultBranch: 'main',
      covered: opts.covered?.[r] ?? {},
      pushedAt: '2026-11-30T01:02:03Z',
      sizeKb: 10,
    };
  const file = join(scratch, `shard-${++n}.json`);
  writeFileSync(
    file,
    JSON.stringify({ format: 1, shard: 1, repos, known, rulesKey: opts.rulesKey ?? 'a'.repeat(64) }),
  );
  return file;
}

interface Sweep {
  code: number;
  stdout: string;
  stderr: string;
  out: string;
  home: string;
  tmp: string;
  results: Record<string, any>;
}

async function sweep(
  shard: string,
  env: Record<string, string> = {},
  extra: string[] = [],
  opts: { onStart?: (pid: number) => void; timeoutMs?: number } = {},
): Promise<Sweep> {
  const base = mkdtempSync(join(scratch, 'run-'));
  const out = join(base, 'results');
  const home = join(base, 'home');
  const tmp = join(base, 'tmp');
  for (const d of [home, tmp]) mkdirSync(d, { recursive: true });
  const r = await runCliProcess(
    ['fleet', 'sweep', '--shard', shard, '--output-dir', out, ...extra],
    {
      HOME: home,
      TMPDIR: tmp,
      GITHUB_SERVER_URL: server.url,
      KEYGUARD_FLEET_TOKEN: TOKEN,
      ...env,
    },
    opts,
  );
  const results: Record<string, any> = {};
  for (const f of filesUnder(out)) {
    const parsed = JSON.parse(f.text);
    results[parsed.repository] = parsed;
  }
  return { ...r, out, home, tmp, results };
}

describe('fleet sweep: one repository', () => {
  const keys = { tree: gen.openaiProject(), deleted: gen.anthropic(), branch: gen.openrouter() };
  let first: Sweep;
  let w: WorkRepo;
  let c: { tree: string; deleted: string; branch: string };
  beforeAll(async () => {
    w = repo('acme/app');
    w.commit('readme', { 'README.md': '# app\n' });
    c = {
      tree: w.commit('config', { 'config/.env': `OPENAI_API_KEY=${keys.tree}\n` }),
      deleted: w.commit('oops', { 'src/client.ts': `const k = "${keys.deleted}";\n` }),
      branch: '',
    };
    w.commit('remove the key', { 'src/client.ts': 'const k = process.env.KEY;\n' });
    w.git('checkout', '-q', '-b', 'feature');
    c.branch = w.commit('feature', { 'feature.txt': `token: ${keys.branch}\n` });
    w.git('checkout', '-q', 'main');
    w.push();
    first = await sweep(shardFile(['acme/app']));
  });

  it('writes one result named owner__name.json', () => {
    expect(filesUnder(first.out).map((f) => f.path.slice(first.out.length + 1))).toEqual(['acme__app.json']);
  });

  it('finds the key in the tree, placed in the tree, with the commit that introduced it', () => {
    const f = first.results['acme/app'].findings.find((x: any) => x.file === 'config/.env');
    expect(f).toMatchObject({
      line: 1,
      commit: c.tree,
      seenIn: ['history', 'tree'],
      ruleId: expect.any(String),
    });
    expect(f.fingerprint).toMatch(/^[A-Za-z0-9:_-]{8,}$/);
  });

  it('finds a key deleted since, at the commit that added it', () => {
    const f = first.results['acme/app'].findings.find((x: any) => x.file === 'src/client.ts');
    expect(f).toMatchObject({ commit: c.deleted, seenIn: ['history'], line: 1 });
  });

  it('finds a key only on another branch', () => {
    const f = first.results['acme/app'].findings.find((x: any) => x.file === 'feature.txt');
    expect(f).toMatchObject({ commit: c.branch, seenIn: ['history'] });
  });

  it('records every ref head as covered, with the default branch and pushedAt from the shard', () => {
    const r = first.results['acme/app'];
    expect(r).toMatchObject({
      status: 'scanned',
      defaultBranch: 'main',
      pushedAt: '2026-11-30T01:02:03Z',
      covered: { 'refs/heads/main': w.git('rev-parse', 'main'), 'refs/heads/feature': c.branch },
    });
    expect(r.stats.commitsRead).toBe(5);
  });

  it('writes redacted forms only, never a key', () => {
    const text = filesUnder(first.out)
      .map((f) => f.text)
      .join('\n');
    for (const k of Object.values(keys)) expect(text).not.toContain(k);
    expect(first.results['acme/app'].findings).toHaveLength(3);
  });

  it('exits 1 when keys were found (as fleet report)', () => {
    expect(first.code).toBe(1);
  });

  it('is read by fleet report as it is', async () => {
    const r = await runCliProcess(['fleet', 'report', '--input', first.out, '--format', 'json'], {});
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.errors).toEqual([]);
    expect(report.summary.findings).toBe(3);
  });

  describe('the second night', () => {
    let second: Sweep;
    let newKey: string;
    let newCommit: string;
    beforeAll(async () => {
      newKey = gen.deepseek();
      newCommit = w.commit('new', { 'deploy.sh': `export DEEPSEEK_API_KEY=${newKey}\n` });
      w.push();
      second = await sweep(
        shardFile(['acme/app'], {
          covered: { 'acme/app': first.results['acme/app'].covered },
          rulesKey: first.results['acme/app'].rulesKey,
        }),
      );
    });

    it('reads only the commits the covered heads do not reach', () => {
      expect(second.results['acme/app'].stats.commitsRead).toBe(1);
    });

    it('finds the new key at its commit', () => {
      const f = second.results['acme/app'].findings.find((x: any) => x.file === 'deploy.sh');
      expect(f).toMatchObject({ commit: newCommit, seenIn: ['history', 'tree'] });
    });

    it('still reports the key in the tree, without rereading its history', () => {
      const f = second.results['acme/app'].findings.find((x: any) => x.file === 'config/.env');
      expect(f).toMatchObject({ seenIn: ['tree'] });
      expect(f.commit).toBeUndefined();
    });

    it('covers the new head', () => {
      expect(second.results['acme/app'].covered['refs/heads/main']).toBe(newCommit);
    });
  });
});

describe('fleet sweep: failures', () => {
  let run: Sweep;
  const ok = gen.openaiProject();
  beforeAll(async () => {
    for (const name of ['acme/one', 'acme/broken', 'acme/dropped', 'acme/cut', 'acme/two']) {
      const w = repo(name);
      w.commit('init', { 'a.txt': `${name}\n`, 'key.env': name === 'acme/two' ? `K=${ok}\n` : 'none\n' });
      w.push();
    }
    server.failures.set('acme/broken', { kind: 'status', status: 500 });
    server.failures.set('acme/dropped', { kind: 'drop' });
    server.failures.set('acme/cut', { kind: 'truncate', afterBytes: 200 });
    run = await sweep(
      shardFile(['acme/one', 'acme/broken', 'acme/missing', 'acme/dropped', 'acme/cut', 'acme/two']),
    );
  });
  afterAll(() => server.failures.clear());

  it('records each failing repository with its reason', () => {
    expect(run.results['acme/broken']).toMatchObject({
      status: 'failed',
      reason: expect.stringMatching(/HTTP 500/),
    });
    expect(run.results['acme/missing']).toMatchObject({
      status: 'failed',
      reason: expect.stringMatching(/404/),
    });
    expect(run.results['acme/dropped']).toMatchObject({
      status: 'failed',
      reason: expect.stringMatching(/interrupted|failed/),
    });
    expect(run.results['acme/cut']).toMatchObject({
      status: 'failed',
      reason: expect.stringMatching(/damaged or interrupted/),
    });
  });

  it('goes on with the shard: the repositories after a failure are scanned', () => {
    expect(run.results['acme/one'].status).toBe('scanned');
    expect(run.results['acme/two']).toMatchObject({
      status: 'scanned',
      findings: [expect.objectContaining({ file: 'key.env' })],
    });
  });

  it('exits 2 when any repository failed', () => {
    expect(run.code).toBe(2);
  });

  it('does not follow a redirect (it would carry the token to another host)', async () => {
    const elsewhere: (string | undefined)[] = [];
    const other = createServer((req, res) => {
      elsewhere.push(req.headers.authorization);
      res.writeHead(404);
      res.end();
    });
    await new Promise<void>((r) => other.listen(0, '127.0.0.1', r));
    const port = (other.address() as AddressInfo).port;
    server.failures.set('acme/one', { kind: 'redirect', location: `http://127.0.0.1:${port}` });
    try {
      const r = await sweep(shardFile(['acme/one']));
      expect(r.results['acme/one']).toMatchObject({
        status: 'failed',
        reason: expect.stringMatching(/HTTP 301.*moved/),
      });
      expect(elsewhere).toEqual([]);
    } finally {
      server.failures.delete('acme/one');
      await new Promise((r) => other.close(r));
    }
  });

  it('records a refused clone (no token) as HTTP 401, without any token in the reason', async () => {
    const r = await sweep(shardFile(['acme/one']), { KEYGUARD_FLEET_TOKEN: '', GITHUB_TOKEN: '' });
    expect(r.results['acme/one']).toMatchObject({ status: 'failed', reason: expect.stringMatching(/401/) });
    expect(server.requests.some((q) => q.repo === 'acme/one' && !q.authorized)).toBe(true);
  });

  it('takes GITHUB_TOKEN when KEYGUARD_FLEET_TOKEN is not set', async () => {
    const r = await sweep(shardFile(['acme/one']), { KEYGUARD_FLEET_TOKEN: '', GITHUB_TOKEN: TOKEN });
    expect(r.results['acme/one'].status).toBe('scanned');
  });

  it('takes KEYGUARD_FLEET_TOKEN over GITHUB_TOKEN', async () => {
    const r = await sweep(shardFile(['acme/one']), { GITHUB_TOKEN: 'wrong-token-value' });
    expect(r.results['acme/one'].status).toBe('scanned');
  });
});

describe('fleet sweep: a hostile git server', () => {
  beforeAll(() => {
    for (const name of ['acme/before', 'acme/after', 'acme/endless', 'acme/many-refs']) {
      const w = repo(name);
      w.commit('init', { 'a.txt': `${name}\n` });
      w.push();
    }
    server.failures.set('acme/endless', { kind: 'endless-refs' });
    server.failures.set('acme/many-refs', { kind: 'many-refs', count: 2_000_000 });
  });
  afterAll(() => {
    server.failures.delete('acme/endless');
    server.failures.delete('acme/many-refs');
  });

  /** Sweeps before → `hostile` → after, one at a time, sampling the memory of every process below the CLI. */
  async function attacked(hostile: string, extra: string[]) {
    let cli: number | undefined;
    const memory = watchTreeMemory(() => cli);
    const started = Date.now();
    try {
      const run = await sweep(
        shardFile(['acme/before', hostile, 'acme/after']),
        {},
        ['--parallel', '1', ...extra],
        { onStart: (pid) => (cli = pid), timeoutMs: 60_000 },
      );
      return { run, ms: Date.now() - started, memory };
    } finally {
      memory.stop();
    }
  }

  it('stops an endless ref advertisement at the memory limit of git, records why, and sweeps the rest', async () => {
    const { run, ms, memory } = await attacked('acme/endless', ['--max-git-mb', '200']);
    expect(run.results['acme/endless']).toMatchObject({
      status: 'failed',
      reason: expect.stringMatching(/more than 200 MB of memory \(--max-git-mb\)/),
    });
    expect(run.results['acme/before'].status).toBe('scanned');
    expect(run.results['acme/after'].status).toBe('scanned');
    expect(memory.killed).toBe(0);
    expect(memory.peakProcessMb).toBeLessThan(240);
    expect(memory.peakTreeMb).toBeLessThan(600);
    expect(ms).toBeLessThan(20_000);
    expect(filesUnder(run.tmp)).toEqual([]);
  });

  it('runs git and its helpers under the memory and file limits, as the kernel’s first choice to kill', async () => {
    const w = repo('acme/limits');
    w.commit('init', { 'a.txt': 'a\n' });
    w.push();
    server.failures.set('acme/limits', { kind: 'slow', ms: 300 });
    const seen: { data?: string; fsize?: string; oom?: string }[] = [];
    server.onRequest = (q) => {
      if (q.repo !== 'acme/limits') return;
      for (const p of processCommandLines()) {
        if (!/remote-http .*acme\/limits\.git/.test(p.cmdline)) continue;
        try {
          const limits = readFileSync(`/proc/${p.pid}/limits`, 'latin1');
          seen.push({
            data: /^Max data size\s+(\d+)/m.exec(limits)?.[1],
            fsize: /^Max file size\s+(\d+)/m.exec(limits)?.[1],
            oom: readFileSync(`/proc/${p.pid}/oom_score_adj`, 'latin1').trim(),
          });
        } catch {}
      }
    };
    try {
      const run = await sweep(shardFile(['acme/limits']), {}, [
        '--max-git-mb',
        '300',
        '--max-clone-mb',
        '50',
      ]);
      expect(run.results['acme/limits'].status).toBe('scanned');
      expect(seen.length).toBeGreaterThan(0);
      expect(seen[0]).toEqual({
        data: String(300 * 1024 * 1024),
        fsize: String(50 * 1024 * 1024),
        oom: '1000',
      });
    } finally {
      server.onRequest = undefined;
      server.failures.delete('acme/limits');
    }
  });

  it('stops an advertisement of 2 million refs at the ref limit, records why, and sweeps the rest', async () => {
    const { run, ms, memory } = await attacked('acme/many-refs', ['--max-refs', '100000']);
    expect(run.results['acme/many-refs']).toMatchObject({
      status: 'failed',
      reason: expect.stringMatching(/more than 100,000 refs \(--max-refs\)/),
    });
    expect(run.results['acme/before'].status).toBe('scanned');
    expect(run.results['acme/after'].status).toBe('scanned');
    expect(memory.killed).toBe(0);
    expect(memory.peakTreeMb).toBeLessThan(600);
    expect(ms).toBeLessThan(20_000);
  });
});

describe('fleet sweep: a hostile shard', () => {
  it.each([
    ['a name that is an option', 'acme/-rf'],
    ['a path out of the owner', 'acme/..'],
    ['a newline', 'acme/a\nb'],
    ['a URL', 'https://evil.example/x'],
  ])('refuses a repository with %s, before any clone', async (_, name) => {
    const file = join(scratch, `hostile-${++n}.json`);
    writeFileSync(file, JSON.stringify({ format: 1, shard: 1, repos: [name], rulesKey: 'a'.repeat(64) }));
    const before = server.requests.length;
    const r = await sweep(file);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/not a keyguard fleet shard: repos\[0\] is not owner\/name/);
    expect(server.requests.length).toBe(before);
    expect(filesUnder(r.out)).toEqual([]);
  });
});

describe('fleet sweep after a force-push', () => {
  it('reads the rewritten history again when a covered head is gone, rather than fail', async () => {
    const w = repo('acme/rewritten');
    w.commit('a', { 'a.txt': 'a\n' });
    w.commit('b', { 'b.env': `K=${gen.openaiProject()}\n` });
    w.push();
    const first = await sweep(shardFile(['acme/rewritten']));
    const fresh = gen.anthropic();
    w.git('reset', '-q', '--hard', 'HEAD~1');
    const c = w.commit('c', { 'c.env': `K=${fresh}\n` });
    w.push();
    const second = await sweep(
      shardFile(['acme/rewritten'], {
        covered: { 'acme/rewritten': first.results['acme/rewritten'].covered },
        rulesKey: first.results['acme/rewritten'].rulesKey,
      }),
    );
    const r = second.results['acme/rewritten'];
    expect(r.status).toBe('scanned');
    expect(r.stats.commitsRead).toBe(2);
    expect(r.findings.map((f: any) => [f.file, f.commit])).toEqual([['c.env', c]]);
    expect(r.covered['refs/heads/main']).toBe(c);
  });
});

describe('fleet sweep: an empty repository', () => {
  it('is scanned with nothing found and nothing covered', async () => {
    server.init('acme/nothing');
    const r = await sweep(shardFile(['acme/nothing']));
    expect(r.results['acme/nothing']).toMatchObject({ status: 'scanned', covered: {}, findings: [] });
    expect(r.results['acme/nothing'].stats.commitsRead).toBe(0);
    expect(r.code).toBe(0);
  });
});

describe('fleet sweep --max-clone-mb', () => {
  it('stops a clone larger than the limit and records why', async () => {
    const w = repo('acme/huge');
    w.commit('init', { 'blob.bin': randomBytes(3 * 1024 * 1024).toString('base64') });
    w.push();
    const r = await sweep(shardFile(['acme/huge']), {}, ['--max-clone-mb', '1']);
    expect(r.results['acme/huge']).toMatchObject({
      status: 'failed',
      reason: 'clone stopped: the repository is larger than 1 MB (--max-clone-mb)',
    });
    expect(filesUnder(r.tmp)).toEqual([]);
  });
});

describe('fleet sweep: the token', () => {
  const seen: { cmdlines: string[]; tmpFiles: string[]; gitProcesses: number } = {
    cmdlines: [],
    tmpFiles: [],
    gitProcesses: 0,
  };
  let run: Sweep;
  let tmpWatched = '';
  beforeAll(async () => {
    for (const name of ['acme/t1', 'acme/t2']) {
      const w = repo(name);
      w.commit('init', { 'x.txt': `K=${gen.openaiProject()}\n` });
      w.push();
    }
    // While git waits for the server's answer, every process's argument list and every file in the
    // sweep's temp directory are read: that is when a token would be there.
    server.onRequest = () => {
      for (const p of processCommandLines()) {
        if (/\bgit\b|git-remote|remote-http/.test(p.cmdline)) seen.gitProcesses++;
        seen.cmdlines.push(p.cmdline);
      }
      if (tmpWatched) for (const f of filesUnder(tmpWatched)) seen.tmpFiles.push(f.text);
    };
    const base = mkdtempSync(join(scratch, 'tok-'));
    tmpWatched = join(base, 'tmp');
    mkdirSync(tmpWatched, { recursive: true });
    mkdirSync(join(base, 'home'), { recursive: true });
    const out = join(base, 'results');
    const r = await runCliProcess(
      [
        'fleet',
        'sweep',
        '--shard',
        shardFile(['acme/t1', 'acme/t2']),
        '--output-dir',
        out,
        '--log-level',
        'debug',
      ],
      {
        HOME: join(base, 'home'),
        TMPDIR: tmpWatched,
        GITHUB_SERVER_URL: server.url,
        KEYGUARD_FLEET_TOKEN: TOKEN,
      },
    );
    run = { ...r, out, home: join(base, 'home'), tmp: tmpWatched, results: {} };
    server.onRequest = undefined;
  });

  it('reaches the server as an Authorization header', () => {
    const mine = server.requests.filter((q) => q.repo === 'acme/t1');
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((q) => q.authorized)).toBe(true);
  });

  it('is in no process argument list while git clones (in any encoding)', () => {
    expect(seen.gitProcesses).toBeGreaterThan(0);
    expect(seen.cmdlines.flatMap((c) => leaksToken(c, TOKEN))).toEqual([]);
  });

  it('is in no file of the temp directory while git clones', () => {
    expect(seen.tmpFiles.length).toBeGreaterThan(0);
    expect(seen.tmpFiles.flatMap((t) => leaksToken(t, TOKEN))).toEqual([]);
  });

  it('leaves no file under HOME or the temp directory, and none of the output holds it', () => {
    expect(filesUnder(run.home)).toEqual([]);
    expect(filesUnder(run.tmp)).toEqual([]);
    const out = filesUnder(run.out);
    expect(out).toHaveLength(2);
    expect(out.flatMap((f) => leaksToken(f.text, TOKEN))).toEqual([]);
  });

  it('is in neither stdout nor stderr (also base64 forms)', () => {
    expect(run.stderr).toMatch(/acme\/t1/);
    expect(leaksToken(run.stdout + run.stderr, TOKEN)).toEqual([]);
  });
});

describe('fleet sweep: hostile repositories', () => {
  let run: Sweep;
  let tree = '';
  const keys = {
    newline: gen.openaiProject(),
    dash: gen.anthropic(),
    named: gen.openrouter(),
    inNamed: gen.deepseek(),
    outside: gen.openaiProject(),
    inSubmodule: gen.anthropic(),
  };
  beforeAll(async () => {
    const w = repo('acme/hostile');
    w.commit('init', { 'README.md': '# x\n' });
    w.commit('odd names', {
      'a\nb.env': `K=${keys.newline}\n`,
      '--output=pwned': `K=${keys.dash}\n`,
      [`${keys.named}.txt`]: `K=${keys.inNamed}\n`,
    });
    // A link to a file with a key outside the repository, and a submodule whose repository holds one:
    // a checkout (or a recursive clone) would read them; the sweep reads the repository's own blobs.
    writeFileSync(join(scratch, 'outside.env'), `K=${keys.outside}\n`);
    symlinkSync(join(scratch, 'outside.env'), join(w.dir, 'link.env'));
    const sub = repo('acme/sub');
    const subHead = sub.commit('sub', { 'sub.env': `K=${keys.inSubmodule}\n` });
    sub.push();
    w.commit('link', { '.gitmodules': `[submodule "sub"]\n\tpath = sub\n\turl = ${sub.dir}\n` });
    w.git('update-index', '--add', '--cacheinfo', `160000,${subHead},sub`);
    w.git('commit', '-q', '-m', 'submodule');
    tree = w.git('ls-tree', 'HEAD');
    // Refs git itself allows but a careless caller would take for options.
    w.git('update-ref', 'refs/heads/-delete', 'HEAD');
    w.git('update-ref', 'refs/tags/--upload-pack=touch', 'HEAD');
    w.push();
    run = await sweep(shardFile(['acme/hostile']));
  });

  it('reads file names with a newline or a leading dash as names', () => {
    const files = run.results['acme/hostile'].findings.map((f: any) => f.file);
    expect(files).toEqual(expect.arrayContaining(['a\nb.env', '--output=pwned']));
  });

  it('redacts a key used as a file name (the result holds no whole key)', () => {
    const text = filesUnder(run.out)[0]!.text;
    for (const k of Object.values(keys)) expect(text).not.toContain(k);
    const named = run.results['acme/hostile'].findings.find((f: any) => f.file.endsWith('.txt'));
    expect(named.file).toMatch(/^sk-or-.*\.txt$/);
  });

  it('scans refs whose names start with a dash, and records them as covered', () => {
    expect(run.results['acme/hostile'].status).toBe('scanned');
    expect(Object.keys(run.results['acme/hostile'].covered)).toEqual(
      expect.arrayContaining(['refs/heads/-delete', 'refs/heads/main']),
    );
    expect(filesUnder(join(run.out, '..')).some((f) => f.path.endsWith('pwned'))).toBe(false);
  });

  it('neither follows a link in the tree nor fetches a submodule', () => {
    expect(tree).toMatch(/^120000 blob \S+\tlink\.env$/m);
    expect(tree).toMatch(/^160000 commit \S+\tsub$/m);
    const files = run.results['acme/hostile'].findings.map((f: any) => f.file);
    expect(files.filter((f: string) => f === 'link.env' || f.startsWith('sub'))).toEqual([]);
    expect(server.requests.filter((q) => q.repo === 'acme/sub')).toEqual([]);
  });

  it('gives fleet report a result it accepts', async () => {
    const r = await runCliProcess(['fleet', 'report', '--input', run.out, '--format', 'json'], {});
    const report = JSON.parse(r.stdout);
    expect(report.errors).toEqual([]);
    expect(report.summary.findings).toBe(3);
    expect(readFileSync(join(run.out, 'acme__hostile.json'), 'utf8')).not.toContain(keys.named);
  });
});

describe('fleet sweep --verify', () => {
  let emu: OpenAIEmulator;
  let run: Sweep;
  let live: string;
  beforeAll(async () => {
    emu = await startOpenAIEmulator();
    live = emu.addKey().value;
    const w = repo('acme/verified');
    w.commit('init', {
      'live.env': `OPENAI_API_KEY=${live}\n`,
      'old.env': `OPENAI_API_KEY=${gen.openaiProject()}\n`,
    });
    w.push();
    run = await sweep(shardFile(['acme/verified']), {}, ['--verify', '--openai-base-url', emu.apiBase]);
  });
  afterAll(() => emu.stop());

  it('gives each finding the provider verdict', () => {
    const byFile = Object.fromEntries(
      run.results['acme/verified'].findings.map((f: any) => [f.file, f.verification?.status]),
    );
    expect(byFile).toEqual({ 'live.env': 'live', 'old.env': 'revoked' });
  });

  it('lets fleet report rank the live key first', async () => {
    const r = await runCliProcess(['fleet', 'report', '--input', run.out, '--format', 'json'], {});
    const report = JSON.parse(r.stdout);
    expect(report.summary).toMatchObject({ live: 1, revoked: 1 });
    expect(report.findings[0].file).toBe('live.env');
    expect(r.stdout).not.toContain(live);
  });

  it('verifies nothing without the flag', async () => {
    const plain = await sweep(shardFile(['acme/verified']), {}, ['--openai-base-url', emu.apiBase]);
    expect(plain.results['acme/verified'].findings.every((f: any) => f.verification === undefined)).toBe(
      true,
    );
  });
});

describe('fleet sweep --timeout', () => {
  it('stops a fetch that takes too long and records the repository as timed out', async () => {
    const w = repo('acme/slow');
    w.commit('init', { 'a.txt': 'a\n' });
    w.push();
    server.failures.set('acme/slow', { kind: 'slow', ms: 4000 });
    try {
      const started = Date.now();
      const r = await sweep(shardFile(['acme/slow']), {}, ['--timeout', '1s']);
      expect(r.results['acme/slow']).toMatchObject({ status: 'failed', reason: 'clone timed out after 1 s' });
      expect(Date.now() - started).toBeLessThan(3500);
      expect(filesUnder(r.tmp)).toEqual([]);
    } finally {
      server.failures.delete('acme/slow');
    }
  });

  it('refuses a timeout that is not minutes or seconds', async () => {
    const r = await sweep(shardFile(['acme/app']), {}, ['--timeout', '5m']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--timeout "5m"/);
  });
});

describe('fleet sweep stopped', () => {
  it('removes its temp directory when it is stopped in the middle of a clone', async () => {
    const w = repo('acme/stopped');
    w.commit('init', { 'a.txt': 'a\n' });
    w.push();
    server.failures.set('acme/stopped', { kind: 'slow', ms: 3000 });
    const base = mkdtempSync(join(scratch, 'stop-'));
    const tmp = join(base, 'tmp');
    mkdirSync(tmp);
    try {
      const child = spawn(
        process.execPath,
        [CLI, 'fleet', 'sweep', '--shard', shardFile(['acme/stopped']), '--output-dir', join(base, 'out')],
        {
          env: {
            PATH: process.env.PATH,
            HOME: base,
            TMPDIR: tmp,
            GITHUB_SERVER_URL: server.url,
            KEYGUARD_FLEET_TOKEN: TOKEN,
          },
          stdio: 'ignore',
        },
      );
      server.onRequest = (q) => {
        if (q.repo === 'acme/stopped') setTimeout(() => child.kill('SIGTERM'), 300);
      };
      const code = await new Promise<number | null>((r) =>
        child.on('close', (c, sig) => r(c ?? (sig ? 143 : null))),
      );
      expect(code).toBe(143);
      expect(filesUnder(tmp)).toEqual([]);
      expect(processCommandLines().filter((p) => p.cmdline.includes(tmp))).toEqual([]);
    } finally {
      server.onRequest = undefined;
      server.failures.delete('acme/stopped');
    }
  });
});

describe('fleet sweep --deadline', () => {
  it('records the repositories it never started as failed ("not started: deadline") and exits 2', async () => {
    for (const name of ['acme/slowpoke', 'acme/late-1', 'acme/late-2']) {
      const w = repo(name);
      w.commit('init', { 'a.txt': `${name}\n` });
      w.push();
    }
    server.failures.set('acme/slowpoke', { kind: 'slow', ms: 2500 });
    try {
      const run = await sweep(shardFile(['acme/slowpoke', 'acme/late-1', 'acme/late-2']), {}, [
        '--deadline',
        '1s',
        '--parallel',
        '1',
      ]);
      expect(run.results['acme/slowpoke'].status).toBe('scanned');
      for (const late of ['acme/late-1', 'acme/late-2'])
        expect(run.results[late]).toMatchObject({
          status: 'failed',
          reason: expect.stringMatching(/^not started: deadline/),
          pushedAt: '2026-11-30T01:02:03Z',
        });
      expect(run.code).toBe(2);
    } finally {
      server.failures.delete('acme/slowpoke');
    }
  });
});

describe('a hand-written shard', () => {
  it('sweeps a repository named twice, in two cases, once', async () => {
    const w = repo('acme/twice');
    w.commit('init', { 'a.txt': 'x\n' });
    w.push();
    const file = join(scratch, 'shard-twice.json');
    writeFileSync(
      file,
      JSON.stringify({
        format: 1,
        shard: 1,
        repos: ['acme/twice', 'ACME/Twice', 'acme/twice'],
        rulesKey: 'a'.repeat(64),
      }),
    );
    const run = await sweep(file);
    expect(run.code).toBe(0);
    expect(Object.keys(run.results)).toEqual(['acme/twice']);
    expect(run.stderr.match(/acme\/twice: /gi)).toHaveLength(1);
  });

  it('refuses repositories of another owner than the shard’s, before any clone', async () => {
    const file = join(scratch, 'shard-owners.json');
    writeFileSync(
      file,
      JSON.stringify({ format: 1, shard: 1, repos: ['acme/one', 'evil/two'], rulesKey: 'a'.repeat(64) }),
    );
    const run = await sweep(file);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/repos\[1\] is of "evil", not "acme": a shard sweeps one organisation/);
    expect(run.results).toEqual({});
  });
});

describe('fleet sweep --rotate and GITHUB_API_URL', () => {
  it('refuses plain http to another host for the rotation’s GitHub client, before any clone', async () => {
    const run = await sweep(
      shardFile(['acme/one']),
      { GITHUB_API_URL: 'http://192.0.2.10/api/v3', GITHUB_REPOSITORY: 'acme/security' },
      ['--rotate'],
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/GITHUB_API_URL: http:\/\/192\.0\.2\.10 would send the token unencrypted/);
    expect(run.results).toEqual({});
  });
});
