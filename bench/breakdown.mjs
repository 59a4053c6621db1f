#!/usr/bin/env node
// Where a tree scan's time goes, stage by stage, in one thread and one process (no start-up, no
// workers): the walk, the reads, the byte pre-filter, and the full scan of what the pre-filter lets
// through; small files (one read each) and large ones (streamed) apart. Then the pre-filter alone on
// 64 MB inputs of known shape, in MB/s. `bench/run.mjs` says how far keyguard is from ripgrep; this
// says which stage to work on next.
//   node bench/breakdown.mjs [DIR]      (default: bench/out/tree, which `BENCH_KEEP=1 npm run bench` keeps)
// Not a test. It bundles a small driver over the sources with esbuild (a devDependency) into a
// temporary directory and runs it with this Node.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

const ROOT = resolve(new URL('..', import.meta.url).pathname);
const dir = resolve(process.argv[2] ?? join(ROOT, 'bench', 'out', 'tree'));

const driver = `
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { Detector } from ${JSON.stringify(join(ROOT, 'src/scan/detector.ts'))};
import { ReadBuffer, searchBuffer, searchFileSync } from ${JSON.stringify(join(ROOT, 'src/sources/searcher.ts'))};
import { walkTreeSync } from ${JSON.stringify(join(ROOT, 'src/sources/walk.ts'))};

const CHUNK = 1 << 20;
const ms = (t) => Math.round(t);
let t = performance.now();
const files = [...walkTreeSync(process.argv[2], {})];
const walk = performance.now() - t;
t = performance.now();
const det = new Detector({});
const compile = performance.now() - t;
const scratch = new ReadBuffer();
const small = { files: 0, bytes: 0, read: 0, prefilter: 0, passed: 0, full: 0 };
const large = [];
for (const f of files) {
  const a = performance.now();
  const fd = openSync(f.abs, constants.O_RDONLY | constants.O_NONBLOCK);
  const size = fstatSync(fd).size;
  if (size > CHUNK) {
    closeSync(fd);
    large.push(f);
    continue;
  }
  const buf = scratch.get(size);
  let n = 0;
  while (n < size) {
    const r = readSync(fd, buf, n, size - n, n);
    if (r === 0) break;
    n += r;
  }
  closeSync(fd);
  const b = performance.now();
  const view = buf.subarray(0, n);
  const may = det.mightMatch(view);
  const c = performance.now();
  if (may) searchBuffer(view, det, {});
  small.read += b - a;
  small.prefilter += c - b;
  small.full += performance.now() - c;
  small.files++;
  small.bytes += n;
  if (may) small.passed++;
}
const raw = Buffer.allocUnsafe(CHUNK);
let bigBytes = 0;
t = performance.now();
for (const f of large) {
  const fd = openSync(f.abs, constants.O_RDONLY);
  for (let p = 0; ; ) {
    const n = readSync(fd, raw, 0, CHUNK, p);
    if (!n) break;
    p += n;
    bigBytes += n;
  }
  closeSync(fd);
}
const bigRead = performance.now() - t;
t = performance.now();
for (const f of large) searchFileSync(f.abs, det, {}, scratch);
const bigSearch = performance.now() - t;
const mb = (b) => (b / 1e6).toFixed(0) + ' MB';
console.log('walk ' + ms(walk) + ' ms (' + files.length + ' files) · rules compiled in ' + ms(compile) + ' ms');
console.log('small files (<= 1 MiB): ' + small.files + ' files, ' + mb(small.bytes) + ': read ' + ms(small.read) +
  ' ms, pre-filter ' + ms(small.prefilter) + ' ms (' + small.passed + ' files let through), full scan ' + ms(small.full) + ' ms');
console.log('large files (streamed): ' + large.length + ' files, ' + mb(bigBytes) + ': read alone ' + ms(bigRead) +
  ' ms, read + search ' + ms(bigSearch) + ' ms');
// The pre-filter alone, on inputs of known shape (each 1 MiB window copied into the read buffer first,
// as a read would put it there; the copy is timed apart and taken off).
const shapes = [
  ['spaces (nothing to flag)', Buffer.alloc(64 * CHUNK, 32)],
  ['one base64 run (the slow path)', Buffer.alloc(64 * CHUNK, 'Q')],
  ['code-like text', Buffer.from('const total = items.reduce((sum, item) => sum + item.price * item.qty, 0);\\n'.repeat(900000)).subarray(0, 64 * CHUNK)],
];
for (const [name, src] of shapes) {
  const buf = scratch.get(CHUNK);
  let best = Infinity;
  let copy = Infinity;
  for (let r = 0; r < 5; r++) {
    let a = performance.now();
    for (let off = 0; off + CHUNK <= src.length; off += CHUNK) {
      src.copy(buf, 0, off, off + CHUNK);
      det.mightMatch(buf.subarray(0, CHUNK));
    }
    best = Math.min(best, performance.now() - a);
    a = performance.now();
    for (let off = 0; off + CHUNK <= src.length; off += CHUNK) src.copy(buf, 0, off, off + CHUNK);
    copy = Math.min(copy, performance.now() - a);
  }
  console.log('pre-filter alone, ' + name + ': ' + Math.round(src.length / 1e6 / (Math.max(0.1, best - copy) / 1000)) + ' MB/s');
}
`;

const tmp = mkdtempSync(join(tmpdir(), 'kg-breakdown-'));
try {
  const entry = join(tmp, 'driver.ts');
  writeFileSync(entry, driver);
  const out = join(tmp, 'driver.mjs');
  await build({
    entryPoints: [entry],
    outfile: out,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
    nodePaths: [join(ROOT, 'node_modules')],
    banner: {
      js: "import { createRequire as __c } from 'node:module'; const require = __c(import.meta.url);",
    },
  });
  console.log(`keyguard stage breakdown · node ${process.version} · ${dir}`);
  execFileSync(process.execPath, [out, dir], { stdio: 'inherit' });
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
