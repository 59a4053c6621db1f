#!/usr/bin/env node
// The fleet's cost, night one against night two, on this machine (`node bench/fleet.mjs`; bundle first,
// it runs dist/cli.js):
//   - an organisation of BENCH_FLEET_REPOS active repositories (default 60) with BENCH_FLEET_COMMITS
//     commits each (default 400) plus 75 archived/fork/empty ones, served by the GitHub emulator and by
//     `git http-backend` in a process of their own (their CPU is not the sweep's);
//   - night one: `fleet plan` → BENCH_FLEET_JOBS `fleet sweep` processes at once (the matrix, simulated
//     by parallel processes; default 4) → `fleet report --state-out`;
//   - night two, after one new commit with a new key in one repository: the same three stages with the
//     state.
// Each process is timed by /usr/bin/time (wall, user + sys CPU of it and the git it starts). Prints the
// ratio night two / night one, repositories and commits per minute, and projections for 1,000 and
// 10,000 repositories; writes bench/out/fleet.json.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const ROOT = resolve(new URL('..', import.meta.url).pathname);
const CLI = join(ROOT, 'dist', 'cli.js');
const JOBS = Number(process.env.BENCH_FLEET_JOBS ?? 4);
const REPOS = process.env.BENCH_FLEET_REPOS ?? '60';
// Repositories at once per sweep process. 1 by default: over loopback a clone does not wait on a
// network, so overlapping them on 2 shared cores only adds contention (measured: 2 is 20-30 % slower).
const PARALLEL = process.env.BENCH_FLEET_PARALLEL ?? '1';
const COMMITS = process.env.BENCH_FLEET_COMMITS ?? '400';
const OUT = join(ROOT, 'bench', 'out');

// --- the servers, bundled from the test helpers and started as a child process ---
const cache = join(ROOT, 'node_modules', '.cache', 'keyguard-bench-fleet');
mkdirSync(cache, { recursive: true });
const serversJs = join(cache, 'fleet-servers.mjs');
await build({
  entryPoints: [join(ROOT, '__tests__', 'fleet', 'fleet-servers.ts')],
  outfile: serversJs,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
});
const servers = spawn(process.execPath, [pathToFileURL(serversJs).pathname], {
  cwd: ROOT,
  stdio: ['pipe', 'pipe', 'inherit'],
  env: { ...process.env, BENCH_FLEET_REPOS: REPOS, BENCH_FLEET_COMMITS: COMMITS },
});
const lines = createInterface({ input: servers.stdout })[Symbol.asyncIterator]();
const next = async () => JSON.parse((await lines.next()).value);
const info = await next();
console.log(
  `organisation: ${info.active} active repositories (+75 archived/fork/empty), ${info.commits} commits, ${info.planted} planted keys; built in ${(info.buildMs / 1000).toFixed(1)} s`,
);

const work = mkdtempSync(join(tmpdir(), 'kg-fleet-bench-'));
const ENV = {
  PATH: process.env.PATH,
  HOME: join(work, 'home'),
  TMPDIR: join(work, 'tmp'),
  GITHUB_API_URL: info.apiUrl,
  GITHUB_SERVER_URL: info.serverUrl,
  KEYGUARD_FLEET_TOKEN: info.token,
};
mkdirSync(ENV.HOME);
mkdirSync(ENV.TMPDIR);

/** Runs the CLI under /usr/bin/time: wall and CPU (user + sys, with the git processes it waited for). */
function timed(args) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn('/usr/bin/time', ['-f', '__TIME__ %e %U %S', process.execPath, CLI, ...args], {
      cwd: work,
      env: ENV,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const m = /__TIME__ ([\d.]+) ([\d.]+) ([\d.]+)/.exec(stderr);
      if (!m) return reject(new Error(`no timing: ${stderr.slice(-1000)}`));
      resolvePromise({ code, stdout, stderr, wall: Number(m[1]), cpu: Number(m[2]) + Number(m[3]) });
    });
  });
}

async function night(name, state) {
  const dir = join(work, name);
  mkdirSync(dir);
  const t0 = Date.now();
  const plan = await timed([
    'fleet',
    'plan',
    '--org',
    info.org,
    '--jobs',
    String(JOBS),
    '--output',
    join(dir, 'plan.json'),
    ...(state ? ['--state', state] : []),
  ]);
  if (plan.code !== 0) throw new Error(`plan: ${plan.stderr}`);
  const matrix = JSON.parse(readFileSync(join(dir, 'plan.json'), 'utf8'));
  const t1 = Date.now();
  const sweeps = await Promise.all(
    matrix.include.map((entry) => {
      const file = join(dir, `shard-${entry.shard}.json`);
      writeFileSync(file, JSON.stringify(entry));
      return timed([
        'fleet',
        'sweep',
        '--shard',
        file,
        ...(state ? ['--state', state] : []),
        '--output-dir',
        join(dir, 'results', String(entry.shard)),
        '--parallel',
        PARALLEL,
      ]);
    }),
  );
  const t2 = Date.now();
  const report = await timed([
    'fleet',
    'report',
    '--input',
    join(dir, 'results'),
    '--org',
    info.org,
    '--plan',
    join(dir, 'plan.json'),
    ...(state ? ['--state', state] : []),
    '--state-out',
    join(dir, 'state.json'),
    '--format',
    'json',
    '--output',
    join(dir, 'report.json'),
  ]);
  const t3 = Date.now();
  const rep = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
  // Each repository's own sweep time (clone + scan, as its result records it): no process start-up.
  const repoMs = [];
  for (const shard of readdirSync(join(dir, 'results')))
    for (const file of readdirSync(join(dir, 'results', shard)))
      repoMs.push(JSON.parse(readFileSync(join(dir, 'results', shard, file), 'utf8')).stats.ms);
  const repos = matrix.include.reduce((n, s) => n + s.repos.length, 0);
  return {
    repos,
    shards: matrix.include.length,
    listRequests: matrix.stats.requests,
    commitsRead: rep.summary.commitsRead,
    findings: rep.summary.findings,
    failed: rep.summary.failed,
    reportCode: report.code,
    wall: {
      plan: (t1 - t0) / 1000,
      sweep: (t2 - t1) / 1000,
      report: (t3 - t2) / 1000,
      total: (t3 - t0) / 1000,
    },
    cpu: {
      plan: plan.cpu,
      sweep: sweeps.reduce((n, s) => n + s.cpu, 0),
      report: report.cpu,
      total: plan.cpu + report.cpu + sweeps.reduce((n, s) => n + s.cpu, 0),
    },
    repoMsMean: repoMs.length ? repoMs.reduce((a, b) => a + b, 0) / repoMs.length : 0,
    state: join(dir, 'state.json'),
  };
}

const one = await night('night-1');
servers.stdin.write('push svc-003\n');
await next();
const two = await night('night-2', one.state);
servers.stdin.write('quit\n');

const perMin = (n, s) => (s > 0 ? (n * 60) / s : 0);
const ratio = { wall: two.wall.total / one.wall.total, cpu: two.cpu.total / one.cpu.total };
// A repository's sweep cost in a job (clone + scan, from its result), and one job's start-up.
const secondsPerRepo = one.repoMsMean / 1000;
const cpuPerRepo = one.cpu.sweep / one.repos;
const incrementalPerRepo = two.repoMsMean / 1000;
const STARTUP_S = 0.3;
// Not measured here (the clone is over loopback): an assumed round-trip and transfer cost per clone
// from github.com to a hosted runner, for a second projection.
const NETWORK_S = 1.5;
/** docs/fleet.md's plan-cost figures: 1 request per 100 repositories, 0.3–1 s per page on github.com. */
function project(n, jobs, changedShare) {
  const pages = Math.ceil(n / 100);
  const night1 = STARTUP_S + (n * secondsPerRepo) / jobs;
  const night2 = STARTUP_S + (Math.ceil(n * changedShare) * incrementalPerRepo) / jobs;
  return {
    repos: n,
    jobs,
    listRequests: pages,
    planSeconds: [pages * 0.3, pages * 1],
    night1Minutes: night1 / 60,
    night2Minutes: night2 / 60,
    night1NetworkMinutes: (STARTUP_S + (n * (secondsPerRepo + NETWORK_S)) / jobs) / 60,
    night2NetworkMinutes:
      (STARTUP_S + (Math.ceil(n * changedShare) * (incrementalPerRepo + NETWORK_S)) / jobs) / 60,
    runnerMinutesNight1: (n * secondsPerRepo) / 60,
  };
}
const projections = [project(1000, 20, 0.05), project(10_000, 20, 0.05), project(10_000, 256, 0.05)];
const out = {
  machine: { cpus: cpus().length, model: cpus()[0]?.model, node: process.version },
  organisation: {
    active: info.active,
    commits: info.commits,
    planted: info.planted,
    jobs: JOBS,
    parallel: PARALLEL,
  },
  night1: one,
  night2: two,
  ratio,
  rates: {
    reposPerMinute: perMin(one.repos, one.wall.sweep),
    commitsPerMinute: perMin(one.commitsRead, one.wall.sweep),
    reposPerCpuMinute: perMin(one.repos, one.cpu.sweep),
    commitsPerCpuMinute: perMin(one.commitsRead, one.cpu.sweep),
  },
  perRepo: { seconds: secondsPerRepo, cpuSeconds: cpuPerRepo, incrementalSeconds: incrementalPerRepo },
  projections,
};
mkdirSync(OUT, { recursive: true });
writeFileSync(join(OUT, 'fleet.json'), `${JSON.stringify(out, null, 2)}\n`);
rmSync(work, { recursive: true, force: true });

const f = (x, d = 1) => x.toFixed(d);
console.log(`\n| | night 1 | night 2 | ratio |\n| --- | ---: | ---: | ---: |`);
console.log(`| repositories swept | ${one.repos} | ${two.repos} | |`);
console.log(`| commits read | ${one.commitsRead} | ${two.commitsRead} | |`);
console.log(`| findings / failed | ${one.findings} / ${one.failed} | ${two.findings} / ${two.failed} | |`);
console.log(
  `| wall: plan + sweep + report | ${f(one.wall.plan)} + ${f(one.wall.sweep)} + ${f(one.wall.report)} = ${f(one.wall.total)} s | ${f(two.wall.plan)} + ${f(two.wall.sweep)} + ${f(two.wall.report)} = ${f(two.wall.total)} s | ${f(ratio.wall * 100)} % |`,
);
console.log(`| CPU (user + sys) | ${f(one.cpu.total)} s | ${f(two.cpu.total)} s | ${f(ratio.cpu * 100)} % |`);
console.log(
  `\nnight 1 with ${JOBS} sweep processes (--parallel ${PARALLEL}) on ${cpus().length} cores: ${f(out.rates.reposPerMinute)} repositories/min, ${f(out.rates.commitsPerMinute, 0)} commits/min (per CPU minute: ${f(out.rates.reposPerCpuMinute)} repositories, ${f(out.rates.commitsPerCpuMinute, 0)} commits)`,
);
console.log(
  `one repository (${Math.round(info.commits / info.active)} commits, loopback clone): ${f(secondsPerRepo, 2)} s in a job (${f(cpuPerRepo, 2)} s CPU); night 2, one new commit: ${f(incrementalPerRepo, 2)} s`,
);
console.log(
  `\n| repositories | matrix jobs | listing requests | plan | night 1 (all) | night 2 (5 % pushed) | night 1 / night 2 with +${NETWORK_S} s per clone |\n| ---: | ---: | ---: | ---: | ---: | ---: | ---: |`,
);
for (const p of projections)
  console.log(
    `| ${p.repos} | ${p.jobs} | ${p.listRequests} | ${f(p.planSeconds[0], 0)}–${f(p.planSeconds[1], 0)} s | ${f(p.night1Minutes)} min | ${f(p.night2Minutes, 2)} min | ${f(p.night1NetworkMinutes)} / ${f(p.night2NetworkMinutes, 1)} min |`,
  );
