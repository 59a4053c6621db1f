#!/usr/bin/env node
// Benchmarks keyguard against ripgrep and Node's own read floor, measured in the same run on the same machine:
//   1. tree:        `keyguard scan DIR` vs bench/io-floor.mjs (walk and read every file, no detection)
//                   vs `rg -uuu` with the same provider regexes
//   2. small files: the same three on 30,000 files of 0.2-4 KB (per-file costs)
//   3. history:     `keyguard scan --history REPO` vs `git log -p --all | rg ...`
//   4. worst case:  one 10 MB line of `sk-sk-sk-...`
// Each row's commands run back to back in every round (median of N rounds after a warm-up round), and
// print wall time, CPU time (user + sys, children included), peak RSS and the ratios keyguard / floor and
// keyguard / ripgrep. CPU time matters on a shared machine, where wall time depends on what else runs;
// the load average is printed at the start and the end. keyguard runs with --threads 2 (the default on 2
// cores) and --threads 1. Without ripgrep (and no way to install it) the ripgrep rows are left out, said so.
// KEYGUARD_CLI_BEFORE=old/cli.js times an older build in the same rounds (before/after in one run).
// Not a test: run with `npm run bench` (uses dist/cli.js, so bundle first; KEYGUARD_CLI=path overrides).
// Fairness: both sides skip nothing the other scans (rg -uuu searches hidden, ignored and binary files;
// keyguard scans all of them too and, like rg, follows no symlink). For history both sides read the
// same `git log` diff flags keyguard uses (-U0 --cc -M --full-index), so git does the same work.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(new URL('..', import.meta.url).pathname);
const OUT = join(ROOT, 'bench', 'out');
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const COMMITS = Number(process.env.BENCH_COMMITS ?? 3000);
const SMALL_FILES = Number(process.env.BENCH_SMALL_FILES ?? 30000);
const CLI = process.env.KEYGUARD_CLI ? resolve(process.env.KEYGUARD_CLI) : join(ROOT, 'dist', 'cli.js');
/** Another build (KEYGUARD_CLI_BEFORE=path/cli.js), timed in the same rounds: before/after in one run. */
const BEFORE = process.env.KEYGUARD_CLI_BEFORE ? resolve(process.env.KEYGUARD_CLI_BEFORE) : undefined;

// --- deterministic key material, generated at run time (the repository holds no key-shaped literal) ---
let seed = 20260109;
const rand = () => {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = (alphabet, n) =>
  Array.from({ length: n }, () => alphabet[Math.floor(rand() * alphabet.length)]).join('');
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const HEX = '0123456789abcdef';
const MARK = ['T3Bl', 'bkFJ'].join('');
const keyMakers = [
  () => `sk-proj-${pick(`${ALNUM}_-`, 74)}${MARK}${pick(`${ALNUM}_-`, 73)}A`,
  () => `sk-ant-api03-${pick(`${ALNUM}_-`, 93)}AA`,
  () => `sk-or-v1-${pick(HEX, 64)}`,
  () => `sk-${pick(HEX, 32)}`,
  () => `sk-${pick(ALNUM, 48)}`,
  () => `${['sk', 'live'].join('_')}_${pick(ALNUM, 32)}`,
];
const key = () => keyMakers[Math.floor(rand() * keyMakers.length)]();

// The same provider shapes keyguard detects, as ripgrep patterns.
const RG_PATTERNS = [
  'sk-(proj|svcacct|admin)-[A-Za-z0-9_-]{20,}T3BlbkFJ[A-Za-z0-9_-]{20,}',
  'sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}',
  'sk-ant-(api|admin)0[0-9]-[A-Za-z0-9_-]{93}AA',
  'sk-or-v1-[0-9a-f]{64}',
  'sk-[a-f0-9]{32}',
  'sk-[A-Za-z0-9]{48}',
  '(sk|rk)_live_[A-Za-z0-9]{20,}',
  'sk-[A-Za-z0-9_-]{20,}',
];
const rgArgs = RG_PATTERNS.flatMap((p) => ['-e', p]);

const CODE_LINES = [
  "import { createClient } from './client.js';",
  'export function handler(event, context) {',
  '  const url = `${process.env.API_BASE}/v1/chat/completions`;',
  "  const headers = { 'content-type': 'application/json', authorization: `Bearer ${process.env.OPENAI_API_KEY}` };",
  '  for (let i = 0; i < items.length; i++) total += items[i].price * items[i].qty;',
  '  // task-queue workers are risk-free to restart; see disk-usage dashboard',
  "  return fetch(url, { method: 'POST', headers, body: JSON.stringify(payload) });",
  '}',
  'def train(model, data):  # uses scikit-learn (sk-learn) pipelines',
  '    return model.fit(data.X, data.y)',
];

function generateTree(dir, files) {
  mkdirSync(dir, { recursive: true });
  let keys = 0;
  for (let f = 0; f < files; f++) {
    const lines = [];
    for (let l = 0; l < 250; l++) {
      if (rand() < 0.002) {
        lines.push(`const apiKey = "${key()}";`);
        keys++;
      } else lines.push(CODE_LINES[Math.floor(rand() * CODE_LINES.length)]);
    }
    writeFileSync(join(dir, `gen-${f}.js`), `${lines.join('\n')}\n`);
  }
  return keys;
}

/** Many small files (a few hundred bytes to a few KB, 40 to a directory): per-file costs dominate. */
function generateSmallTree(dir, files) {
  let keys = 0;
  for (let f = 0; f < files; f++) {
    const sub = join(dir, `d${Math.floor(f / 40)}`);
    if (f % 40 === 0) mkdirSync(sub, { recursive: true });
    const lines = [];
    const n = 4 + Math.floor(rand() * 60);
    for (let l = 0; l < n; l++) {
      if (rand() < 0.0001) {
        lines.push(`const apiKey = "${key()}";`);
        keys++;
      } else lines.push(CODE_LINES[Math.floor(rand() * CODE_LINES.length)]);
    }
    writeFileSync(join(sub, `m${f}.js`), `${lines.join('\n')}\n`);
  }
  return keys;
}

function generateHistory(dir, commits) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  execFileSync('git', ['init', '-q', '-b', 'main', dir]);
  const parts = [];
  const ts = 1767225600;
  let keys = 0;
  for (let c = 1; c <= commits; c++) {
    const files = [];
    for (let k = 0; k < 3; k++) {
      const lines = [];
      for (let l = 0; l < 40; l++) {
        if (rand() < 0.001) {
          lines.push(`OPENAI_API_KEY=${key()}`);
          keys++;
        } else lines.push(CODE_LINES[Math.floor(rand() * CODE_LINES.length)]);
      }
      files.push({ path: `src/mod${Math.floor(rand() * 200)}/file${k}.js`, data: `${lines.join('\n')}\n` });
    }
    const msg = `commit ${c}\n`;
    parts.push(
      `commit refs/heads/main\nmark :${c}\ncommitter Bench <bench@example.com> ${ts + c * 60} +0000\n`,
    );
    parts.push(`data ${Buffer.byteLength(msg)}\n${msg}`);
    if (c > 1) parts.push(`from :${c - 1}\n`);
    for (const f of files) parts.push(`M 644 inline ${f.path}\ndata ${Buffer.byteLength(f.data)}\n${f.data}`);
    parts.push('\n');
  }
  execFileSync('git', ['fast-import', '--quiet'], { cwd: dir, input: parts.join('') });
  execFileSync('git', ['checkout', '-q', 'main'], { cwd: dir });
  return keys;
}

/** Runs a shell command under GNU time: wall seconds, CPU seconds (user + sys) and peak RSS (MB). */
function measure(command) {
  const res = spawnSync('/usr/bin/time', ['-f', '__TIME__ %e %M %U %S', 'bash', '-c', command], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  const m = /__TIME__ ([\d.]+) (\d+) ([\d.]+) ([\d.]+)/.exec(res.stderr);
  if (!m) throw new Error(`could not time: ${command}\n${res.stderr.slice(-2000)}`);
  return {
    seconds: Number(m[1]),
    rssMb: Number(m[2]) / 1024,
    cpu: Number(m[3]) + Number(m[4]),
    status: res.status,
  };
}

const mid = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * Times commands side by side: one warm-up round (page cache), then RUNS rounds running each command once,
 * back to back, so a load change on a shared machine hits every side alike. Medians of wall, CPU and RSS.
 */
function rounds(commands) {
  for (const c of commands) measure(c);
  const runs = commands.map(() => []);
  for (let r = 0; r < RUNS; r++) for (const [i, c] of commands.entries()) runs[i].push(measure(c));
  return runs.map((list) => ({
    seconds: mid(list.map((x) => x.seconds)),
    cpu: mid(list.map((x) => x.cpu)),
    rssMb: mid(list.map((x) => x.rssMb)),
    status: list[0].status,
  }));
}

const fmt = (m) => `${m.seconds.toFixed(2)} s (cpu ${m.cpu.toFixed(2)} s, ${m.rssMb.toFixed(0)} MB)`;
const ratio = (a, b) => ({
  wall: a.seconds / Math.max(b.seconds, 0.001),
  cpu: a.cpu / Math.max(b.cpu, 0.001),
});
const showRatio = (r) => `${r.wall.toFixed(2)}x wall, ${r.cpu.toFixed(2)}x cpu`;

if (!existsSync(CLI)) {
  console.error('dist/cli.js is missing: run `npm run bundle` first');
  process.exit(2);
}
const hasRg = () => spawnSync('rg', ['--version']).status === 0;
if (!hasRg()) {
  console.log('ripgrep not found: installing it from Debian packages');
  spawnSync('bash', ['-c', 'apt-get update -qq && apt-get install -y -qq ripgrep'], { stdio: 'inherit' });
}
const RG = hasRg();
if (!RG)
  console.log(
    'ripgrep is NOT installed and could not be installed: the ripgrep rows and ratios are left out',
  );

const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
console.log(
  `keyguard bench · ${cpus().length} cores · node ${process.version} · median of ${RUNS} rounds · load ${load()}`,
);
mkdirSync(OUT, { recursive: true });
const kgScan = (dir, threads, extra = '', cli = CLI) =>
  `node ${cli} scan ${dir}${extra} --threads ${threads} --format json --output ${join(OUT, 'scan.json')} --no-color`;
const rgCommand = (dir) => `rg -uuu -c ${rgArgs.map((a) => `'${a}'`).join(' ')} ${dir} > /dev/null`;
const floorCommand = (dir) => `node ${join(ROOT, 'bench', 'io-floor.mjs')} ${dir} 2 > /dev/null`;
const summary = {};

/**
 * One tree: keyguard on 2 threads (the default here) and on 1, Node's read floor on 2 threads
 * (bench/io-floor.mjs: the same walk and reads, no detection) and ripgrep, in the same rounds.
 */
function treeRows(name, dir) {
  const commands = [kgScan(dir, 2), kgScan(dir, 1), floorCommand(dir), RG ? rgCommand(dir) : 'true'];
  if (BEFORE) commands.push(kgScan(dir, 2, '', BEFORE), kgScan(dir, 1, '', BEFORE));
  const [kg, kg1, floor, rgRun, before, before1] = rounds(commands);
  const rg = RG ? rgRun : undefined;
  console.log(`${name}: keyguard ${fmt(kg)} · 1 thread ${fmt(kg1)}`);
  if (before) {
    console.log(`${' '.repeat(name.length)}  before: ${fmt(before)} · 1 thread ${fmt(before1)}`);
    console.log(
      `${' '.repeat(name.length)}  before / floor ${showRatio(ratio(before, floor))}${rg ? ` · before / ripgrep ${showRatio(ratio(before, rg))}` : ''}`,
    );
  }
  console.log(
    `${' '.repeat(name.length)}  node read floor ${fmt(floor)}${rg ? ` · ripgrep ${fmt(rg)}` : ''}`,
  );
  const vsFloor = ratio(kg, floor);
  const vsRg = rg ? ratio(kg, rg) : undefined;
  console.log(
    `${' '.repeat(name.length)}  keyguard / floor ${showRatio(vsFloor)}${vsRg ? ` · keyguard / ripgrep ${showRatio(vsRg)}` : ''}`,
  );
  summary[name] = { kg, kg1, floor, rg, vsFloor, vsRg, before, before1 };
}

// 1. Tree: the project's own node_modules (real code) plus generated source files with keys.
const tree = join(OUT, 'tree');
rmSync(tree, { recursive: true, force: true });
mkdirSync(tree, { recursive: true });
execFileSync('cp', ['-al', join(ROOT, 'node_modules'), join(tree, 'node_modules')]);
const treeKeys = generateTree(join(tree, 'generated'), 2000);
const treeMb = Number(execFileSync('du', ['-sm', tree], { encoding: 'utf8' }).split('\t')[0]);
console.log(`tree corpus: ${treeMb} MB, ${treeKeys} planted keys`);
treeRows('tree', tree);

// 2. Many small files: per-file costs (system calls, JavaScript per file) instead of bytes.
const small = join(OUT, 'small');
rmSync(small, { recursive: true, force: true });
const smallKeys = generateSmallTree(small, SMALL_FILES);
console.log(`small-files corpus: ${SMALL_FILES} files of 0.2-4 KB, ${smallKeys} planted keys`);
treeRows('small files', small);

// Start-up alone: Node and loading the bundle.
const [startup] = rounds([`node ${CLI} --version > /dev/null`]);
console.log(`start-up: keyguard --version ${fmt(startup)}`);
summary.startup = startup;

// 3. History: a generated repository with thousands of commits.
const repo = join(OUT, 'history');
const histKeys = generateHistory(repo, COMMITS);
console.log(`history corpus: ${COMMITS} commits, ${histKeys} planted keys`);
{
  const gitRg = `git -C ${repo} log -p -U0 --cc -M --full-index --all | rg -c ${rgArgs.map((a) => `'${a}'`).join(' ')} > /dev/null`;
  const [kg, kg1, rgRun, before, before1] = rounds([
    kgScan(repo, 2, ' --history'),
    kgScan(repo, 1, ' --history'),
    RG ? gitRg : 'true',
    ...(BEFORE ? [kgScan(repo, 2, ' --history', BEFORE), kgScan(repo, 1, ' --history', BEFORE)] : []),
  ]);
  const rg = RG ? rgRun : undefined;
  console.log(
    `history: keyguard ${fmt(kg)} · 1 thread ${fmt(kg1)}${rg ? ` · git log -p | rg ${fmt(rg)}` : ''}`,
  );
  if (rg)
    console.log(
      `         keyguard / git log -p | rg ${showRatio(ratio(kg, rg))} · 1 thread ${showRatio(ratio(kg1, rg))}`,
    );
  if (before) {
    console.log(`         before: ${fmt(before)} · 1 thread ${fmt(before1)}`);
    if (rg)
      console.log(
        `         before / git log -p | rg ${showRatio(ratio(before, rg))} · 1 thread ${showRatio(ratio(before1, rg))}`,
      );
  }
  summary.history = {
    kg,
    kg1,
    rg,
    vsRg: rg ? ratio(kg, rg) : undefined,
    vsRg1: rg ? ratio(kg1, rg) : undefined,
    before,
    before1,
  };
}

// 4. Worst case for backtracking: a single 10 MB line.
const worst = join(OUT, 'worst');
rmSync(worst, { recursive: true, force: true });
mkdirSync(worst, { recursive: true });
writeFileSync(join(worst, 'line.txt'), 'sk-'.repeat(3_500_000));
{
  const [kg, rgRun, before] = rounds([
    kgScan(worst, 2),
    RG ? rgCommand(worst) : 'true',
    ...(BEFORE ? [kgScan(worst, 2, '', BEFORE)] : []),
  ]);
  const rg = RG ? rgRun : undefined;
  console.log(
    `10 MB line: keyguard ${fmt(kg)}${rg ? ` · ripgrep ${fmt(rg)} · ${showRatio(ratio(kg, rg))}` : ''}${before ? ` · before ${fmt(before)}` : ''}`,
  );
  summary.worst = { kg, rg, before };
}

// 5. The scan cache: a second, unchanged `--sweep` against the first, from bench/cache.mjs in this same
// run (its own generated repository of BENCH_COMMITS commits; reports compared byte for byte there).
{
  const run = spawnSync(process.execPath, [join(ROOT, 'bench', 'cache.mjs'), '--json'], {
    encoding: 'utf8',
    env: { ...process.env, BENCH_SELF: '0', BENCH_COMMITS: String(COMMITS) },
    maxBuffer: 1 << 26,
  });
  const last = run.stdout.trim().split('\n').pop() ?? '';
  try {
    const c = JSON.parse(last);
    const r = c.secondVsFirst ?? {};
    console.log(
      `cached sweep: second (unchanged) vs first ${r.wallPct} % wall / ${r.cpuPct} % CPU · after one commit ${c.afterOneCommitVsFirst?.cpuPct} % CPU · reports identical: ${Object.values(c.identical ?? {}).every(Boolean) ? 'yes' : JSON.stringify(c.identical)}`,
    );
    summary.cache = {
      secondVsFirst: r,
      afterOneCommitVsFirst: c.afterOneCommitVsFirst,
      identical: c.identical,
    };
  } catch {
    console.log(
      `cached sweep: bench/cache.mjs gave no result (exit ${run.status}): ${run.stderr.trim().slice(-300)}`,
    );
  }
}

console.log(`load at the end: ${load()}`);
console.log(JSON.stringify({ treeMb, commits: COMMITS, smallFiles: SMALL_FILES, ...summary }));

// The corpora hold thousands of planted key-shaped strings: remove them, so a later `keyguard scan .` of this
// checkout (or any other secret scanner) does not report them. BENCH_KEEP=1 keeps them for profiling.
if (!process.env.BENCH_KEEP) {
  for (const dir of [tree, small, repo, worst]) rmSync(dir, { recursive: true, force: true });
  rmSync(join(OUT, 'scan.json'), { force: true });
}
