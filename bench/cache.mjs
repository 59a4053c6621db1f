#!/usr/bin/env node
// The scan cache, measured: `keyguard scan --sweep --cache DIR` on a generated repository with thousands
// of commits (the same generator shape as bench/run.mjs), run
//   1. without a cache (the reference report),
//   2. with an empty cache (first sweep: scans everything, writes the cache),
//   3. again, unchanged (second sweep: must cost at most 10% of the first),
//   4. after one new commit (only that commit and its new blobs are read).
// Each cached report must equal the uncached one byte for byte (JSON, without durationMs); the same
// check runs on this project's own history. Prints wall time, CPU time and peak RSS per run (each the
// median by CPU time of BENCH_REPEAT runs, default 3), then one line of JSON with every figure (`--json`:
// only that line). Not a test: `node bench/cache.mjs [--json]` (uses dist/cli.js, so bundle first).
// BENCH_COMMITS overrides 3000; BENCH_SELF=0 skips this project's own history; BENCH_KEEP=1 keeps the files.
// BENCH_REPOS=DIR[:DIR…] also measures real repositories (each cloned afresh from DIR, a repository or a
// bare mirror): uncached, first and second sweep, the same identity check. The generated corpus is the
// hard case (3,000 commits of three small files each: the first sweep is cheap, so start-up weighs most);
// real histories carry more bytes per commit. BENCH_GENERATED=0 skips the generated corpus.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(new URL('..', import.meta.url).pathname);
const COMMITS = Number(process.env.BENCH_COMMITS ?? 3000);
// Keys per generated line: 0.001 is bench/run.mjs's key-dense corpus (about one commit in eight adds a
// key); BENCH_KEY_RATE=0.00003 is closer to a real repository (a handful of keys in its whole history).
const KEY_RATE = Number(process.env.BENCH_KEY_RATE ?? 0.001);
const CLI = process.env.KEYGUARD_CLI ? resolve(process.env.KEYGUARD_CLI) : join(ROOT, 'dist', 'cli.js');
const WORK = mkdtempSync(join(tmpdir(), 'kg-bench-cache-'));
const ENV = {
  ...process.env,
  KEYGUARD_CACHE_KEY: 'bench-cache-key-0123456789abcdef',
  XDG_STATE_HOME: join(WORK, 'state'),
};

let seed = 20261202;
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
const MARK = ['T3Bl', 'bkFJ'].join('');
const key = () => `sk-proj-${pick(`${ALNUM}_-`, 74)}${MARK}${pick(`${ALNUM}_-`, 73)}A`;
const CODE = [
  "import { createClient } from './client.js';",
  'export function handler(event, context) {',
  '  for (let i = 0; i < items.length; i++) total += items[i].price * items[i].qty;',
  "  return fetch(url, { method: 'POST', headers, body: JSON.stringify(payload) });",
  '}',
];
const fileText = (lines) =>
  `${Array.from({ length: lines }, () => (rand() < KEY_RATE ? `OPENAI_API_KEY=${key()}` : CODE[Math.floor(rand() * CODE.length)])).join('\n')}\n`;

function generate(dir) {
  mkdirSync(dir, { recursive: true });
  execFileSync('git', ['init', '-q', '-b', 'main', dir]);
  const parts = [];
  const ts = 1767225600;
  for (let c = 1; c <= COMMITS; c++) {
    const msg = `commit ${c}\n`;
    parts.push(
      `commit refs/heads/main\nmark :${c}\ncommitter Bench <bench@example.com> ${ts + c * 60} +0000\n`,
    );
    parts.push(`data ${Buffer.byteLength(msg)}\n${msg}`);
    if (c > 1) parts.push(`from :${c - 1}\n`);
    for (let k = 0; k < 3; k++) {
      const data = fileText(40);
      parts.push(
        `M 644 inline src/mod${Math.floor(rand() * 200)}/file${k}.js\ndata ${Buffer.byteLength(data)}\n${data}`,
      );
    }
    parts.push('\n');
  }
  execFileSync('git', ['fast-import', '--quiet'], { cwd: dir, input: parts.join('') });
  execFileSync('git', ['checkout', '-q', 'main'], { cwd: dir });
}

function run(repo, extra) {
  const args = [CLI, 'scan', repo, '--sweep', '--format', 'json', '--fail-on', 'never', ...extra];
  const res = spawnSync('/usr/bin/time', ['-f', '__TIME__ %e %M %U %S', process.execPath, ...args], {
    encoding: 'utf8',
    env: ENV,
    maxBuffer: 1 << 30,
  });
  const m = /__TIME__ ([\d.]+) (\d+) ([\d.]+) ([\d.]+)/.exec(res.stderr);
  if (!m || res.status !== 0) throw new Error(`keyguard failed (${res.status}): ${res.stderr.slice(-2000)}`);
  const report = JSON.parse(res.stdout);
  delete report.summary.durationMs;
  const reuse = /scan cache: .*/.exec(res.stderr)?.[0] ?? '';
  return {
    seconds: Number(m[1]),
    cpu: Math.round(100 * (Number(m[3]) + Number(m[4]))) / 100,
    rssMb: Number(m[2]) / 1024,
    json: JSON.stringify(report),
    findings: report.findings.length,
    reuse,
  };
}

/** Median of three `keyguard --version`: starting Node and loading the bundle, the cost of any run. */
function startupFloor() {
  const runs = [0, 1, 2].map(() => {
    const res = spawnSync(
      '/usr/bin/time',
      ['-f', '__TIME__ %e %M %U %S', process.execPath, CLI, '--version'],
      {
        encoding: 'utf8',
      },
    );
    const m = /__TIME__ ([\d.]+) (\d+) ([\d.]+) ([\d.]+)/.exec(res.stderr);
    return { seconds: Number(m[1]), cpu: Number(m[3]) + Number(m[4]) };
  });
  return runs.sort((a, b) => a.seconds - b.seconds)[1];
}

const JSON_ONLY = process.argv.includes('--json');
const log = (...a) => {
  if (!JSON_ONLY) console.log(...a);
};
const line = (name, r) =>
  log(
    `${name.padEnd(28)} ${r.seconds.toFixed(2)} s (cpu ${r.cpu.toFixed(2)} s, ${r.rssMb.toFixed(0)} MB)  ${r.findings} findings  ${r.reuse}`,
  );

const identical = {};
function check(name, got, want) {
  const same = got.json === want.json;
  identical[name] = same;
  log(`  ${name}: ${same ? 'identical to the uncached report' : 'DIFFERS from the uncached report'}`);
  if (!same) process.exitCode = 1;
}

/** Files older than git's racy window, as in any checkout that is not brand new (ctime included). */
function settle(repo) {
  execFileSync('bash', [
    '-c',
    `find ${repo} -path ${repo}/.git -prune -o -type f -exec touch -d '-1 hour' {} + && sleep 2.1`,
  ]);
}

const REPEAT = Math.max(1, Number(process.env.BENCH_REPEAT ?? 3));
/** The run with the median CPU time of REPEAT runs (the machine may be shared: CPU time is the steadier figure). */
function median(runs) {
  return [...runs].sort((a, b) => a.cpu - b.cpu)[Math.floor(runs.length / 2)];
}
const times = (n, f) => Array.from({ length: n }, (_, i) => f(i));
const figures = (r) => ({
  wallS: r.seconds,
  cpuS: r.cpu,
  peakRssMb: Math.round(r.rssMb),
  findings: r.findings,
  reuse: r.reuse,
});
const pct = (a, b) => Math.round((1000 * a) / b) / 10;

const out = { commits: COMMITS, keyRate: KEY_RATE, repeat: REPEAT };
try {
  const repo = join(WORK, 'repo');
  if (process.env.BENCH_GENERATED !== '0') {
    generate(repo);
    settle(repo);
    log(`history corpus: ${COMMITS} commits; each figure the median (by CPU time) of ${REPEAT} runs`);
    const cache = join(WORK, 'cache');
    const plain = median(times(REPEAT, () => run(repo, [])));
    line('uncached sweep', plain);
    // Each first sweep starts from an empty cache; the last one's cache is what the second sweeps use.
    const first = median(
      times(REPEAT, () => {
        rmSync(cache, { recursive: true, force: true });
        return run(repo, ['--cache', cache]);
      }),
    );
    line('first sweep (empty cache)', first);
    check('first sweep', first, plain);
    const second = median(times(REPEAT, () => run(repo, ['--cache', cache])));
    line('second sweep (unchanged)', second);
    check('second sweep', second, plain);
    const startup = startupFloor();
    const ratios = {
      wallPct: pct(second.seconds, first.seconds),
      cpuPct: pct(second.cpu, first.cpu),
      wallPctWithoutStartup: pct(
        Math.max(0, second.seconds - startup.seconds),
        first.seconds - startup.seconds,
      ),
      cpuPctWithoutStartup: pct(Math.max(0, second.cpu - startup.cpu), first.cpu - startup.cpu),
    };
    log(
      `  start-up floor (keyguard --version): ${startup.seconds.toFixed(2)} s (cpu ${startup.cpu.toFixed(2)} s); ` +
        `second / first without it: wall ${ratios.wallPctWithoutStartup}%, cpu ${ratios.cpuPctWithoutStartup}%`,
    );
    log(`  second / first: wall ${ratios.wallPct}%, cpu ${ratios.cpuPct}% (target: at most 10%)`);

    // One new commit: a new file and an edited one.
    writeFileSync(join(repo, 'src', 'new-file.js'), fileText(40));
    writeFileSync(join(repo, 'src', 'mod1', 'file0.js'), fileText(40));
    execFileSync('git', ['-C', repo, 'add', '-A']);
    execFileSync('git', [
      '-C',
      repo,
      '-c',
      'user.name=B',
      '-c',
      'user.email=b@example.com',
      'commit',
      '-q',
      '-m',
      'one more',
    ]);
    settle(repo);
    const plain2 = run(repo, []);
    // Each run after the commit starts from the cache the unchanged sweeps left.
    const kept = join(WORK, 'cache-before-commit');
    cpSync(cache, kept, { recursive: true });
    const third = median(
      times(REPEAT, () => {
        rmSync(cache, { recursive: true, force: true });
        cpSync(kept, cache, { recursive: true });
        return run(repo, ['--cache', cache]);
      }),
    );
    line('after one new commit', third);
    check('after one new commit', third, plain2);
    Object.assign(out, {
      startup: { wallS: startup.seconds, cpuS: startup.cpu },
      uncached: figures(plain),
      first: figures(first),
      second: figures(second),
      afterOneCommit: figures(third),
      secondVsFirst: ratios,
      afterOneCommitVsFirst: {
        wallPct: pct(third.seconds, first.seconds),
        cpuPct: pct(third.cpu, first.cpu),
      },
    });
  }

  // Real repositories (BENCH_REPOS): the issue's figure is for "an unchanged repository with a few
  // thousand commits"; each is cloned (branches become remote refs, which --sweep reads) and settled.
  const realRepos = (process.env.BENCH_REPOS ?? '').split(':').filter(Boolean);
  out.realRepositories = [];
  realRepos.forEach((src, i) => {
    const dir = join(WORK, `real-${i}`);
    execFileSync('git', ['clone', '-q', '--no-hardlinks', src, dir]);
    settle(dir);
    const commits = Number(
      execFileSync('git', ['-C', dir, 'rev-list', '--all', '--count'], { encoding: 'utf8' }).trim(),
    );
    const name = src
      .replace(/\/repo$/, '')
      .split('/')
      .pop();
    log(`real repository ${name}: ${commits} commits`);
    const realCache = join(WORK, `real-cache-${i}`);
    const rPlain = median(times(REPEAT, () => run(dir, [])));
    line('  uncached sweep', rPlain);
    const rFirst = median(
      times(REPEAT, () => {
        rmSync(realCache, { recursive: true, force: true });
        return run(dir, ['--cache', realCache]);
      }),
    );
    line('  first sweep (empty cache)', rFirst);
    check(`${name} first`, rFirst, rPlain);
    const rSecond = median(times(REPEAT, () => run(dir, ['--cache', realCache])));
    line('  second sweep (unchanged)', rSecond);
    check(`${name} second`, rSecond, rPlain);
    const r = { wallPct: pct(rSecond.seconds, rFirst.seconds), cpuPct: pct(rSecond.cpu, rFirst.cpu) };
    log(`  second / first: wall ${r.wallPct}%, cpu ${r.cpuPct}% (target: at most 10%)`);
    out.realRepositories.push({
      name,
      commits,
      uncached: figures(rPlain),
      first: figures(rFirst),
      second: figures(rSecond),
      secondVsFirst: r,
    });
  });

  // This project's own history: cached and uncached reports are the same (BENCH_SELF=0 skips it).
  if (process.env.BENCH_SELF !== '0') {
    const selfCache = join(WORK, 'self-cache');
    const selfPlain = run(ROOT, []);
    const selfFirst = run(ROOT, ['--cache', selfCache]);
    const selfSecond = run(ROOT, ['--cache', selfCache]);
    line('own repository, uncached', selfPlain);
    line('own repository, first', selfFirst);
    line('own repository, second', selfSecond);
    check('own repository (first)', selfFirst, selfPlain);
    check('own repository (second)', selfSecond, selfPlain);
    out.ownRepository = {
      uncached: figures(selfPlain),
      first: figures(selfFirst),
      second: figures(selfSecond),
    };
  }
  out.identical = identical;
  // One line of JSON with every figure (alone with --json).
  console.log(JSON.stringify(out));
} finally {
  // BENCH_KEEP=1 keeps the repository and cache for profiling.
  if (process.env.BENCH_KEEP === '1') log(`kept ${WORK}`);
  else rmSync(WORK, { recursive: true, force: true });
}
