/**
 * The fleet end to end, as a scheduled workflow runs it, two nights in a row: `fleet plan` against the
 * GitHub emulator (an organisation of 30+ active repositories and 75 archived, forks and empty ones:
 * two pages), one `fleet sweep` process per matrix entry, all at once, over real git smart HTTP, then
 * `fleet report`. Scored against the keys planted across the repositories' histories; one repository
 * whose clone fails costs no other its results. Night two: one new commit with a new key.
 * Every process is dist/cli.js on its own, with only the environment a job would give it.
 */
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { FULL_PERMISSIONS, type GitHubEmulator, startGitHubEmulator } from '../emulators/github.js';
import { type GitHttpServer, startGitHttpServer } from '../helpers/git-http-server.js';
import { KeyGen } from '../helpers/keygen.js';
import { buildFleetOrg, type FleetOrg, type Planted, pushNewKey } from './fleet-org.js';
import { type CliRun, filesUnder, leaksToken, runCliProcess } from './git-fixtures.js';

const TOKEN = `ghs_${new KeyGen(5150).alnum(36)}`;
const JOBS = 4;
const scratch = realpathSync(mkdtempSync(join(tmpdir(), 'kg-fleet-e2e-')));
let gh: GitHubEmulator;
let server: GitHttpServer;
let org: FleetOrg;
let failing: string;
const runs: CliRun[] = [];

interface Night {
  dir: string;
  plan: any;
  sweeps: { shard: number; run: CliRun; startedAt: number; endedAt: number }[];
  report: any;
  reportCode: number;
  results: Record<string, any>;
}

function env(): Record<string, string> {
  return {
    HOME: join(scratch, 'home'),
    TMPDIR: join(scratch, 'tmp'),
    GITHUB_API_URL: gh.baseUrl,
    GITHUB_SERVER_URL: server.url,
    KEYGUARD_FLEET_TOKEN: TOKEN,
  };
}

async function cli(args: string[]): Promise<CliRun> {
  const r = await runCliProcess(args, env(), { cwd: scratch, timeoutMs: 240_000 });
  runs.push(r);
  return r;
}

/** plan → one sweep process per shard, concurrently (the matrix) → report. */
async function night(name: string, state?: string, stateOut?: string): Promise<Night> {
  const dir = join(scratch, name);
  mkdirSync(dir, { recursive: true });
  const planFile = join(dir, 'plan.json');
  // A night whose plan has no shard runs no sweep job: the report still reads an (empty) directory.
  mkdirSync(join(dir, 'results'), { recursive: true });
  const planRun = await cli([
    'fleet',
    'plan',
    '--org',
    org.org,
    '--jobs',
    String(JOBS),
    '--output',
    planFile,
    ...(state ? ['--state', state] : []),
  ]);
  if (planRun.code !== 0) throw new Error(`plan failed: ${planRun.stderr}`);
  const plan = JSON.parse(readFileSync(planFile, 'utf8'));
  const sweeps = await Promise.all(
    plan.include.map(async (entry: any) => {
      const shardFile = join(dir, `shard-${entry.shard}.json`);
      writeFileSync(shardFile, JSON.stringify(entry));
      const startedAt = Date.now();
      const run = await cli([
        'fleet',
        'sweep',
        '--shard',
        shardFile,
        ...(state ? ['--state', state] : []),
        '--output-dir',
        join(dir, 'results', `keyguard-results-${entry.shard}`),
      ]);
      return { shard: entry.shard, run, startedAt, endedAt: Date.now() };
    }),
  );
  const reportFile = join(dir, 'report.json');
  const reportRun = await cli([
    'fleet',
    'report',
    '--input',
    join(dir, 'results'),
    '--org',
    org.org,
    '--plan',
    planFile,
    ...(state ? ['--state', state] : []),
    ...(stateOut ? ['--state-out', stateOut] : []),
    '--format',
    'json',
    '--output',
    reportFile,
  ]);
  const results: Record<string, any> = {};
  for (const f of filesUnder(join(dir, 'results'))) {
    const r = JSON.parse(f.text);
    results[r.repository] = r;
  }
  return {
    dir,
    plan,
    sweeps,
    report: JSON.parse(readFileSync(reportFile, 'utf8')),
    reportCode: reportRun.code,
    results,
  };
}

const pairs = (xs: { repository: string; fingerprint: string }[]) =>
  xs.map((x) => `${x.repository} ${x.fingerprint}`).sort();

let one: Night;
let two: Night;
let three: Night;
let newKey: Planted & { key: string };
const changed = 'acme/svc-010';

beforeAll(async () => {
  for (const d of ['home', 'tmp']) mkdirSync(join(scratch, d), { recursive: true });
  gh = await startGitHubEmulator({ tokens: { [TOKEN]: FULL_PERMISSIONS } });
  server = await startGitHttpServer({ root: join(scratch, 'served'), token: TOKEN });
  org = buildFleetOrg(gh, server, { active: 32, inactive: 75 });
  failing = org.active[5]!;
  server.failures.set(failing, { kind: 'status', status: 500 });
  one = await night('night-1', undefined, join(scratch, 'state-1.json'));
  server.failures.clear();
  newKey = pushNewKey(server, changed);
  gh.pushTo(org.org, changed.split('/')[1]!, '2026-12-01T02:00:00Z');
  two = await night('night-2', join(scratch, 'state-1.json'), join(scratch, 'state-2.json'));
  three = await night('night-3', join(scratch, 'state-2.json'), join(scratch, 'state-3.json'));
}, 600_000);

afterAll(async () => {
  await server?.stop();
  await gh?.stop();
  rmSync(scratch, { recursive: true, force: true });
});

describe('night one', () => {
  it('plans every active repository once, in at most the jobs asked, over two listing pages', () => {
    const swept = one.plan.include.flatMap((s: any) => s.repos).sort();
    expect(swept).toEqual([...org.active].sort());
    expect(one.plan.include.length).toBeLessThanOrEqual(JOBS);
    expect(one.plan.skipped).toHaveLength(75);
    expect(one.plan.stats.requests).toBe(2);
  });

  it('runs the shards as concurrent processes', () => {
    expect(one.sweeps.length).toBe(JOBS);
    const lastStart = Math.max(...one.sweeps.map((s) => s.startedAt));
    const firstEnd = Math.min(...one.sweeps.map((s) => s.endedAt));
    expect(lastStart).toBeLessThan(firstEnd);
  });

  it('finds every planted key and nothing else (the failed repository aside)', () => {
    const expected = pairs(org.planted.filter((p) => p.repository !== failing));
    expect(pairs(one.report.findings)).toEqual(expected);
  });

  it('records the repository whose clone failed, with its reason, and loses no other', () => {
    expect(one.report.failed).toEqual([{ repository: failing, reason: expect.stringMatching(/HTTP 500/) }]);
    const scanned = Object.values(one.results).filter((r: any) => r.status === 'scanned');
    expect(scanned).toHaveLength(org.active.length - 1);
  });

  it('makes the report exit 2 (a repository failed)', () => {
    expect(one.reportCode).toBe(2);
  });

  it('keeps the failed repository out of the next state (it is not coverage)', () => {
    const state = JSON.parse(readFileSync(join(scratch, 'state-1.json'), 'utf8'));
    expect(Object.keys(state.repos).sort()).toEqual(org.active.filter((r) => r !== failing).sort());
  });
});

describe('night two, after one new commit with a new key', () => {
  it('plans only the changed repository and the one that failed last night', () => {
    const swept = two.plan.include.flatMap((s: any) => s.repos).sort();
    expect(swept).toEqual([changed, failing].sort());
    expect(two.plan.why).toEqual({ [changed]: 'pushed', [failing]: 'new' });
    expect(two.plan.unchanged).toHaveLength(org.active.length - 2);
  });

  it('reads only the new commit of the changed repository', () => {
    expect(two.results[changed].stats.commitsRead).toBe(1);
  });

  it('finds the new key, at its commit', () => {
    const f = two.report.findings.find((x: any) => x.fingerprint === newKey.fingerprint);
    expect(f).toMatchObject({ repository: changed, file: 'later/.env', seenIn: ['history', 'tree'] });
    expect(f.commit).toMatch(/^[0-9a-f]{40}$/);
  });

  it("finds the keys of last night's failed repository now that its clone works", () => {
    const expected = pairs(org.planted.filter((p) => p.repository === failing));
    const found = pairs(two.report.findings.filter((f: any) => f.repository === failing));
    expect(found).toEqual(expected);
  });

  it('reads a small fraction of the commits of night one', () => {
    const commits = (n: Night) => n.report.summary.commitsRead;
    expect(commits(two)).toBeLessThanOrEqual(0.2 * commits(one));
  });
});

describe('night three, nothing changed', () => {
  it('sweeps nothing', () => {
    expect(three.plan.include).toEqual([]);
    expect(three.sweeps).toEqual([]);
  });

  it('still reports every key of the earlier nights, marked with the night it was found, and exits 1', () => {
    expect(pairs(three.report.findings)).toEqual(pairs([...org.planted, newKey]));
    expect(three.report.findings.every((f: any) => typeof f.foundOn === 'string')).toBe(true);
    expect(three.report.summary.carried).toBe(org.planted.length + 1);
    expect(three.reportCode).toBe(1);
  });

  it('writes the same findings into the next state', () => {
    const s2 = JSON.parse(readFileSync(join(scratch, 'state-2.json'), 'utf8'));
    const s3 = JSON.parse(readFileSync(join(scratch, 'state-3.json'), 'utf8'));
    expect(s3.repos).toEqual(s2.repos);
  });
});

describe('night two, the report', () => {
  it('covers the whole fleet: the keys of unchanged repositories too', () => {
    expect(pairs(two.report.findings)).toEqual(pairs([...org.planted, newKey]));
  });
});

describe('the token, across both nights', () => {
  it('is in no output of any process (also base64 forms)', () => {
    expect(runs.length).toBe(1 + JOBS + 1 + 1 + 2 + 1 + 2);
    expect(runs.flatMap((r) => leaksToken(r.stdout + r.stderr, TOKEN))).toEqual([]);
  });

  it('is in no file written: plans, shards, results, reports, states, HOME, TMPDIR', () => {
    const files = filesUnder(scratch).filter((f) => !f.path.startsWith(join(scratch, 'served')));
    expect(files.length).toBeGreaterThan(40);
    expect(files.filter((f) => leaksToken(f.text, TOKEN).length).map((f) => f.path)).toEqual([]);
    expect(filesUnder(join(scratch, 'tmp'))).toEqual([]);
    expect(filesUnder(join(scratch, 'home'))).toEqual([]);
  });
});
