import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { InputError } from '../../src/config/errors.js';
import { scan } from '../../src/engine/index.js';
import { KeyGen } from '../helpers/keygen.js';
import { TestRepo } from '../sources/gitrepo.js';

const gen = new KeyGen(51);

describe('scan (tree)', () => {
  let root: string;
  const keys = {
    app: gen.openaiProject(),
    wfEnv: gen.anthropic(),
    wfComment: gen.openrouter(),
    allowed: gen.openaiProject(),
  };

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'kg-engine-'));
    mkdirSync(join(root, 'src'));
    mkdirSync(join(root, '.github', 'workflows'), { recursive: true });
    writeFileSync(
      join(root, 'src', 'app.ts'),
      `export const client = new OpenAI({ apiKey: '${keys.app}' });\n`,
    );
    writeFileSync(join(root, 'src', 'ok.ts'), `const k = '${keys.allowed}'; // keyguard:allow\n`);
    writeFileSync(
      join(root, '.github', 'workflows', 'ci.yml'),
      `on: push\n# old: ${keys.wfComment}\njobs:\n  t:\n    runs-on: ubuntu-latest\n    env:\n      ANTHROPIC_API_KEY: ${keys.wfEnv}\n    steps:\n      - run: npm test\n`,
    );
    writeFileSync(
      join(root, '.github', 'workflows', 'broken.yml'),
      `env:\n  K: ${gen.openaiProject()}\n  x: [\n`,
    );
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('turns each key into a redacted, fingerprinted finding with a relative path', async () => {
    const r = await scan({ root, mode: 'tree', threads: 1 });
    const app = r.findings.find((f) => f.file === 'src/app.ts')!;
    expect(app).toMatchObject({ line: 1, column: 45, source: 'tree', provider: 'openai' });
    expect(app.secret.reveal()).toBe(keys.app);
    expect(app.redacted).toBe(app.secret.redacted);
    expect(app.fingerprint).toHaveLength(32);
  });

  it('never serialises a whole key into the result', async () => {
    const r = await scan({ root, mode: 'tree', threads: 1 });
    const json = JSON.stringify(r);
    for (const k of Object.values(keys)) expect(json).not.toContain(k);
  });

  it('reports a workflow key once, as the workflow rule, and keeps text findings the guard cannot see', async () => {
    const r = await scan({ root, mode: 'tree', threads: 1 });
    const ci = r.findings.filter((f) => f.file === '.github/workflows/ci.yml');
    expect(
      ci.map((f) => [f.line, f.ruleId === 'workflow-literal-secret' ? 'guard' : 'text', f.source]),
    ).toEqual([
      [2, 'text', 'tree'],
      [7, 'guard', 'workflow'],
    ]);
    expect(ci[1]!.message).toContain(`\${{ secrets.ANTHROPIC_API_KEY }}`);
  });

  it('warns about a malformed workflow and still finds its key as text', async () => {
    const r = await scan({ root, mode: 'tree', threads: 1 });
    expect(r.warnings.some((w) => w.file === '.github/workflows/broken.yml' && w.line)).toBe(true);
    expect(r.findings.filter((f) => f.file === '.github/workflows/broken.yml').map((f) => f.source)).toEqual([
      'tree',
    ]);
  });

  it('counts inline-allowed keys as suppressed and files and bytes in stats', async () => {
    const r = await scan({ root, mode: 'tree', threads: 1 });
    expect(r.stats).toMatchObject({ files: 4, suppressed: 1 });
    expect(r.stats.bytes).toBeGreaterThan(200);
  });

  it('skips the workflow guard when asked', async () => {
    const r = await scan({ root, mode: 'tree', threads: 1, workflows: false });
    expect(r.findings.every((f) => f.source === 'tree')).toBe(true);
  });
});

describe('scan (git)', () => {
  const repo = new TestRepo();
  afterAll(() => repo.cleanup());

  it('reports history findings with their introducing commit and counts commits', async () => {
    const key = gen.openaiProject();
    const sha = repo.write('a.env', `OPENAI_API_KEY=${key}\n`).commit('add');
    repo.remove('a.env').commit('remove');
    const r = await scan({ root: repo.dir, mode: 'history' });
    expect(r.stats.commits).toBe(2);
    expect(r.findings.map((f) => [f.file, f.source, f.commit?.sha])).toEqual([['a.env', 'history', sha]]);
  });

  it('asks for a range in range mode', async () => {
    await expect(scan({ root: repo.dir, mode: 'range' })).rejects.toBeInstanceOf(InputError);
  });
});

describe('scan with worker threads (from a bundle)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'kg-workers-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('finds the same keys, bytes and suppressed keys with 2 and 3 threads as in one, and workers scan on their own', async () => {
    const tree = join(dir, 'tree');
    for (let i = 0; i < 120; i++) {
      mkdirSync(join(tree, `d${i % 7}`), { recursive: true });
      const body = i % 10 === 0 ? `key=${gen.openaiProject()}\n` : `nothing here ${i}\n`;
      writeFileSync(join(tree, `d${i % 7}`, `f${i}.txt`), body);
    }
    writeFileSync(join(tree, 'd0', 'allowed.txt'), `k=${gen.openaiProject()} # keyguard:allow\n`);
    const entry = join(dir, 'entry.ts');
    const engine = resolve('src/engine/index.ts');
    const worker = resolve('src/engine/worker.ts');
    const pool = resolve('src/engine/pool.ts');
    const detector = resolve('src/scan/detector.ts');
    const walk = resolve('src/sources/walk.ts');
    writeFileSync(
      entry,
      `import { maybeRunWorker, scan } from ${JSON.stringify(engine)};
import { workersAvailable } from ${JSON.stringify(worker)};
import { startPool } from ${JSON.stringify(pool)};
import { Detector } from ${JSON.stringify(detector)};
import { walkTreeSync } from ${JSON.stringify(walk)};
if (!maybeRunWorker()) {
  const out = [workersAvailable()];
  for (const threads of [1, 2, 3]) {
    const r = await scan({ root: process.argv[2], mode: 'tree', threads });
    out.push({ threads, files: r.stats.files, bytes: r.stats.bytes, suppressed: r.stats.suppressed,
      found: r.findings.map((f) => f.file + ':' + f.line + ':' + f.fingerprint) });
  }
  // Workers alone (this thread idle): proves the workers themselves scan and report.
  const p = startPool(2, { detector: {}, tree: {} }, { mainScans: false });
  try {
    const files = [...walkTreeSync(process.argv[2])];
    const s = await p.scan(files, new Detector());
    out.push({ perThread: s.perThread, files: s.files, hits: s.results.flatMap((r) => r.hits).length });
  } finally {
    await p.close();
  }
  console.log(JSON.stringify(out));
}
`,
    );
    // Built like scripts/bundle.mjs builds dist/: one ESM file, CommonJS dependencies given `require`.
    await build({
      entryPoints: [entry],
      outfile: join(dir, 'entry.js'),
      bundle: true,
      platform: 'node',
      format: 'esm',
      conditions: ['node'],
      mainFields: ['module', 'main'],
      banner: {
        js: "import { createRequire as __r } from 'node:module'; const require = __r(import.meta.url);",
      },
      logLevel: 'error',
    });
    const out = JSON.parse(
      execFileSync(process.execPath, [join(dir, 'entry.js'), tree], { encoding: 'utf8' }),
    );
    const [workers, one, two, three, alone] = out;
    expect(workers).toBe(true);
    expect([one.files, two.files, three.files]).toEqual([121, 121, 121]);
    expect(one.found).toHaveLength(12);
    expect(two.found).toEqual(one.found);
    expect(three.found).toEqual(one.found);
    expect([two.bytes, three.bytes]).toEqual([one.bytes, one.bytes]);
    expect([one.suppressed, two.suppressed, three.suppressed]).toEqual([1, 1, 1]);
    expect(alone.perThread).toHaveLength(2);
    expect(alone.perThread.reduce((a: number, b: number) => a + b, 0)).toBe(121);
    expect(alone.hits).toBe(12);
  });
});
