import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { KeyGen } from '../helpers/keygen.js';

const gen = new KeyGen(52);

/**
 * Built like scripts/bundle.mjs builds dist/: the worker entry first, as a CommonJS string, injected into
 * an ESM entry that never calls `maybeRunWorker()` (so only the embedded script can serve as a worker).
 */
async function bundleWithEmbeddedWorker(dir: string, entrySource: string): Promise<string> {
  const worker = await build({
    entryPoints: [resolve('src/engine/worker-entry.ts')],
    write: false,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    conditions: ['node'],
    mainFields: ['module', 'main'],
    logOverride: { 'empty-import-meta': 'silent' },
    logLevel: 'error',
  });
  const entry = join(dir, 'entry.ts');
  writeFileSync(entry, entrySource);
  const out = join(dir, 'entry.js');
  await build({
    entryPoints: [entry],
    outfile: out,
    bundle: true,
    platform: 'node',
    format: 'esm',
    conditions: ['node'],
    mainFields: ['module', 'main'],
    banner: {
      js: "import { createRequire as __r } from 'node:module'; const require = __r(import.meta.url);",
    },
    define: { __KEYGUARD_WORKER_CODE__: JSON.stringify(worker.outputFiles[0]!.text) },
    logLevel: 'error',
  });
  return out;
}

describe('scan workers started from the embedded worker script', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'kg-embedded-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('scan in workers that never load the entry file and find what one thread finds', async () => {
    const tree = join(dir, 'tree');
    for (let i = 0; i < 100; i++) {
      mkdirSync(join(tree, `d${i % 5}`), { recursive: true });
      const body = i % 10 === 0 ? `key=${gen.openaiProject()}\n` : `nothing here ${i}\n`;
      writeFileSync(join(tree, `d${i % 5}`, `f${i}.txt`), body);
    }
    const js = (p: string) => JSON.stringify(resolve(p));
    const entry = await bundleWithEmbeddedWorker(
      dir,
      `import { scan } from ${js('src/engine/index.ts')};
import { workersAvailable } from ${js('src/engine/worker.ts')};
import { startPool } from ${js('src/engine/pool.ts')};
import { Detector } from ${js('src/scan/detector.ts')};
import { walkTreeSync } from ${js('src/sources/walk.ts')};
// Runs once: a worker evaluating this file again would print a second line.
const out = [workersAvailable()];
for (const threads of [1, 2]) {
  const r = await scan({ root: process.argv[2], mode: 'tree', threads });
  out.push(r.findings.map((f) => f.file + ':' + f.line + ':' + f.fingerprint));
}
const p = startPool(2, { detector: {}, tree: {} }, { mainScans: false });
try {
  const s = await p.scan([...walkTreeSync(process.argv[2])], new Detector());
  out.push({ perThread: s.perThread, hits: s.results.flatMap((r) => r.hits).length });
} finally {
  await p.close();
}
console.log(JSON.stringify(out));
`,
    );
    const stdout = execFileSync(process.execPath, [entry, tree], { encoding: 'utf8' });
    expect(stdout.trim().split('\n')).toHaveLength(1);
    const [available, one, two, alone] = JSON.parse(stdout);
    expect(available).toBe(true);
    expect(one).toHaveLength(10);
    expect(two).toEqual(one);
    expect(alone.perThread).toHaveLength(2);
    expect(alone.perThread.reduce((a: number, b: number) => a + b, 0)).toBe(100);
    expect(alone.hits).toBe(10);
  });
});
