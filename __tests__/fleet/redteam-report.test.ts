/**
 * Attacks on the fleet's report/state path, each built as a red team would: the swept repositories'
 * content and the shards' uploaded result files are not trusted by the central team.
 *
 * 1. An inline `keyguard:allow` next to a key in a swept repository must not make the fleet drop it.
 * 2. A result file the plan never asked for (another repository, another shard, a second copy, other
 *    rules) must not become coverage in `--state-out`, nor hide what the state carries.
 * 3. A time in the future in a state or result must not count as coverage (`--max-age` exemption).
 */
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { planFleet } from '../../src/fleet/plan.js';
import { buildReport, exitCodeOf, loadResults } from '../../src/fleet/report.js';
import { renderMarkdownReport, renderTextReport, sarifByRepository } from '../../src/fleet/report-render.js';
import { readState } from '../../src/fleet/state.js';
import type { FleetFinding, FleetRepoResult, FleetState } from '../../src/fleet/types.js';
import { validateResult, validateShard } from '../../src/fleet/validate.js';
import { type OpenAIEmulator, startOpenAIEmulator } from '../emulators/openai.js';
import { type GitHttpServer, startGitHttpServer } from '../helpers/git-http-server.js';
import { KeyGen } from '../helpers/keygen.js';
import { filesUnder, runCliProcess, WorkRepo } from './git-fixtures.js';
import {
  COVERED_SHA,
  cleanTempDirs,
  finding,
  repo as listed,
  OTHER_RULES,
  RULES,
  result,
  runCli,
  stateOf,
  tempDir,
} from './helpers.js';

afterEach(() => cleanTempDirs());
const FUTURE = '2099-01-01T00:00:00.000Z';

/** Result files as the example workflow downloads them: one folder per shard's artifact. */
function resultsDir(byShard: Record<number, FleetRepoResult[]>, dir = tempDir()): string {
  for (const [shard, results] of Object.entries(byShard)) {
    const sub = join(dir, `keyguard-results-${shard}`);
    mkdirSync(sub, { recursive: true });
    for (const [i, r] of results.entries())
      writeFileSync(
        join(sub, `${r.repository.replace('/', '__')}${i ? `.${i}` : ''}.json`),
        JSON.stringify(r),
      );
  }
  return dir;
}

/** A plan of `shards` (shard number → repositories), as `fleet plan` writes it. */
function planFile(
  shards: Record<number, string[]>,
  fields: Record<string, unknown> = {},
  rulesKey = RULES,
): string {
  const include = Object.entries(shards).map(([shard, repos]) => ({
    format: 1,
    shard: Number(shard),
    repos,
    known: Object.fromEntries(
      repos.map((r) => [r, { defaultBranch: 'main', covered: {}, pushedAt: '2026-11-21T00:00:00Z' }]),
    ),
    rulesKey,
  }));
  const file = join(tempDir(), 'plan.json');
  writeFileSync(
    file,
    JSON.stringify({
      include,
      unchanged: [],
      skipped: [],
      deferred: [],
      org: 'acme',
      rulesKey: RULES,
      ...fields,
    }),
  );
  return file;
}

async function report(input: string, plan: string | undefined, extra: string[] = []) {
  const stateOut = join(tempDir(), 'state-out.json');
  const r = await runCli([
    'fleet',
    'report',
    '--input',
    input,
    ...(plan ? ['--plan', plan] : []),
    '--org',
    'acme',
    '--state-out',
    stateOut,
    '--format',
    'json',
    ...extra,
  ]);
  let state: FleetState | undefined;
  try {
    state = JSON.parse(readFileSync(stateOut, 'utf8'));
  } catch {}
  return { ...r, json: r.stdout ? JSON.parse(r.stdout) : undefined, state };
}

describe('hole 1: an inline allow comment in a swept repository', () => {
  const TOKEN = `ghs_${new KeyGen(9191).alnum(36)}`;
  const gen = new KeyGen(9292);
  const scratch = realpathSync(mkdtempSync(join(tmpdir(), 'kg-redteam-')));
  const work: WorkRepo[] = [];
  let server: GitHttpServer;
  let emu: OpenAIEmulator;
  const keys = { tree: gen.openaiProject(), history: gen.anthropic(), openly: gen.openaiProject(), live: '' };
  let out: string;
  let swept: FleetRepoResult;

  beforeAll(async () => {
    server = await startGitHttpServer({ root: join(scratch, 'served'), token: TOKEN });
    emu = await startOpenAIEmulator();
    keys.live = emu.addKey().value;
    const w = new WorkRepo(server, 'acme/quiet', scratch);
    work.push(w);
    // A contributor's comment next to each key: in the tree, in a commit since deleted, and one key
    // that history shows without the comment (the comment came later).
    w.commit('first', { 'old.ts': `const k = "${keys.openly}";\n` });
    w.commit('leak', {
      'config/.env': `OPENAI_API_KEY=${keys.tree} # keyguard:allow\n`,
      'src/client.ts': `const a = "${keys.history}"; // gitleaks:allow\n`,
      'live.env': `OPENAI_API_KEY=${keys.live} # trufflehog:ignore\n`,
      'old.ts': `const k = "${keys.openly}"; // keyguard:allow\n`,
    });
    w.commit('remove', { 'src/client.ts': 'const a = process.env.A;\n' });
    w.push();
    const shard = join(scratch, 'shard.json');
    writeFileSync(
      shard,
      JSON.stringify({
        format: 1,
        shard: 1,
        repos: ['acme/quiet'],
        known: { 'acme/quiet': { defaultBranch: 'main', covered: {}, pushedAt: '2026-11-30T01:02:03Z' } },
        rulesKey: RULES,
      }),
    );
    out = join(scratch, 'results', 'keyguard-results-1');
    for (const d of ['home', 'tmp']) mkdirSync(join(scratch, d), { recursive: true });
    const run = await runCliProcess(
      ['fleet', 'sweep', '--shard', shard, '--output-dir', out, '--verify', '--openai-base-url', emu.apiBase],
      {
        HOME: join(scratch, 'home'),
        TMPDIR: join(scratch, 'tmp'),
        GITHUB_SERVER_URL: server.url,
        KEYGUARD_FLEET_TOKEN: TOKEN,
      },
    );
    if (run.code > 1) throw new Error(`sweep failed: ${run.stderr}`);
    swept = JSON.parse(filesUnder(out)[0]!.text);
  }, 120_000);
  afterAll(async () => {
    await emu.stop();
    await server.stop();
    for (const w of work) w.cleanup();
    rmSync(scratch, { recursive: true, force: true });
  });

  const byFile = () => Object.fromEntries(swept.findings.map((f) => [f.file, f]));

  it('keeps a tree key with an inline allow comment in the sweep result, flagged inlineAllowed', () => {
    expect(byFile()['config/.env']).toMatchObject({ inlineAllowed: true, seenIn: ['history', 'tree'] });
  });

  it('keeps a history-only key with an inline allow comment, flagged inlineAllowed', () => {
    expect(byFile()['src/client.ts']).toMatchObject({ inlineAllowed: true, seenIn: ['history'] });
  });

  it('does not flag a key that history shows once without the comment', () => {
    const f = swept.findings.find((x) => x.file === 'old.ts')!;
    expect(f).toBeDefined();
    expect(f.inlineAllowed).toBeUndefined();
  });

  it('verifies an inline-allowed key like any other, and a live one is reported live', () => {
    expect(byFile()['live.env']).toMatchObject({ inlineAllowed: true, verification: { status: 'live' } });
  });

  it('reports the silenced keys in their own group, counted apart, and the live one as a leak', async () => {
    // The plan under the rules the sweep ran with (the central config's verdict key).
    const plan = planFile({ 1: ['acme/quiet'] }, {}, swept.rulesKey);
    const r = await report(join(scratch, 'results'), plan);
    expect(r.json.summary).toMatchObject({ silenced: 2, live: 1 });
    const silenced = r.json.findings.filter(
      (f: FleetFinding) => f.inlineAllowed && f.verification?.status !== 'live',
    );
    expect(silenced.map((f: FleetFinding) => f.file).sort()).toEqual(['config/.env', 'src/client.ts']);
    expect(r.code).toBe(1); // the live key and the key history shows openly
    const md = await runCli(['fleet', 'report', '--input', join(scratch, 'results'), '--format', 'markdown']);
    expect(md.stdout).toContain('silenced in the repository by an inline allow comment — review');
    for (const k of Object.values(keys)) expect(r.stdout + md.stdout).not.toContain(k);
  });
});

describe('hole 1: silenced keys in the report', () => {
  const quiet = [
    finding('acme/a', 'q1', { inlineAllowed: true }),
    finding('acme/a', 'q2', { inlineAllowed: true, seenIn: ['history'], commit: COVERED_SHA }),
  ];

  it('does not exit 1 on keys an inline allow comment silenced, but lists them', async () => {
    const loaded = await loadResults([resultsDir({ 1: [result('acme/a', quiet)] })]);
    const r = buildReport(loaded);
    expect(exitCodeOf(r)).toBe(0);
    expect(r.summary).toMatchObject({ findings: 0, silenced: 2 });
    expect(r.findings.map((f) => f.inlineAllowed)).toEqual([true, true]);
  });

  it('exits 1 on a live key whatever comment stands next to it', async () => {
    const live = finding('acme/a', 'l1', { inlineAllowed: true, verification: { status: 'live' } });
    const r = buildReport(await loadResults([resultsDir({ 1: [result('acme/a', [live])] })]));
    expect(exitCodeOf(r)).toBe(1);
    expect(r.summary).toMatchObject({ live: 1, silenced: 0 });
  });

  it('shows them in a labelled group of the Markdown and text reports', async () => {
    const r = buildReport(await loadResults([resultsDir({ 1: [result('acme/a', quiet)] })]));
    expect(renderMarkdownReport(r)).toMatch(
      /### 2 key\(s\) silenced in the repository by an inline allow comment — review/,
    );
    expect(renderTextReport(r)).toMatch(
      /2 key\(s\) silenced in the repository by an inline allow comment — review:\nSILENCED/,
    );
  });

  it('puts them in the SARIF as suppressed in source, so code scanning shows them', async () => {
    const r = buildReport(
      await loadResults([resultsDir({ 1: [result('acme/a', [...quiet, finding('acme/a', 'o1')])] })]),
    );
    const results = sarifByRepository(r).get('acme/a')!.runs[0]!.results as any[];
    expect(results).toHaveLength(3);
    const suppressed = results.filter((x) => x.suppressions);
    expect(suppressed).toHaveLength(2);
    expect(suppressed[0].suppressions[0].kind).toBe('inSource');
  });

  it('keeps the flag in the next state, so an unchanged night still reports them as silenced', async () => {
    const r = await report(resultsDir({ 1: [result('acme/a', quiet)] }), planFile({ 1: ['acme/a'] }));
    expect(r.state!.repos['acme/a']!.findings!.every((f) => f.inlineAllowed)).toBe(true);
  });
});

describe('hole 2: result files the plan did not ask for', () => {
  const key = finding('acme/a', 'k1', { verification: { status: 'unknown' } });

  it('does not record coverage for a repository the plan never listed', async () => {
    const input = resultsDir({
      1: [result('acme/a'), result('acme/unlisted', [finding('acme/unlisted', 'u1')])],
    });
    const r = await report(input, planFile({ 1: ['acme/a'] }));
    expect(Object.keys(r.state!.repos)).toEqual(['acme/a']);
    expect(r.code).toBe(2);
    expect(r.json.untrusted).toEqual([
      expect.objectContaining({ repository: 'acme/unlisted', reason: expect.stringMatching(/did not list/) }),
    ]);
    // Its findings are still reported, flagged.
    expect(r.json.findings).toEqual([
      expect.objectContaining({ repository: 'acme/unlisted', outsidePlan: true }),
    ]);
  });

  it("does not record coverage for another shard's repository, whatever shard the file claims", async () => {
    // Shard 1's job writes a clean result for shard 2's repository, claiming shard 2.
    const input = resultsDir({ 1: [result('acme/a'), result('acme/b', [], { shard: 2 })] });
    const r = await report(input, planFile({ 1: ['acme/a'], 2: ['acme/b'] }));
    expect(Object.keys(r.state!.repos)).toEqual(['acme/a']);
    expect(r.json.failed.map((f: any) => f.repository)).toEqual(['acme/b']);
    expect(r.code).toBe(2);
  });

  it('does not record coverage for a result whose shard is not the one the plan listed it in', async () => {
    const input = resultsDir({ 2: [result('acme/b', [], { shard: 1 })] });
    const r = await report(input, planFile({ 1: ['acme/a'], 2: ['acme/b'] }));
    expect(r.state!.repos['acme/b']).toBeUndefined();
  });

  it('does not let a second, clean copy turn a failed repository into coverage', async () => {
    const input = resultsDir({
      1: [result('acme/a', [], { status: 'failed', reason: 'clone refused (HTTP 403)' }), result('acme/a')],
    });
    const r = await report(input, planFile({ 1: ['acme/a'] }));
    expect(r.state!.repos['acme/a']).toBeUndefined();
    expect(r.code).toBe(2);
  });

  it('counts two identical copies of one result once, as coverage', async () => {
    const input = resultsDir({ 1: [result('acme/a'), result('acme/a')] });
    const r = await report(input, planFile({ 1: ['acme/a'] }));
    expect(Object.keys(r.state!.repos)).toEqual(['acme/a']);
    expect(r.code).toBe(0);
  });

  it('does not let a result under other rules erase the findings the state carries', async () => {
    const stateFile = join(tempDir(), 'state.json');
    const old = stateOf([listed('a')]);
    old.repos['acme/a']!.findings = [{ ...key, seenIn: ['history'], foundOn: '2026-11-02T00:00:00.000Z' }];
    writeFileSync(stateFile, JSON.stringify(old));
    const input = resultsDir({ 1: [result('acme/a', [], { rulesKey: OTHER_RULES })] });
    const r = await report(input, planFile({ 1: ['acme/a'] }), ['--state', stateFile]);
    expect(r.json.findings.map((f: FleetFinding) => f.fingerprint)).toEqual([key.fingerprint]);
    expect(r.state!.rulesKey).toBe(RULES);
    expect(r.state!.repos['acme/a']).toEqual(old.repos['acme/a']);
  });

  it("records the plan's pushed_at and default branch, not the result's", async () => {
    const input = resultsDir({
      1: [result('acme/a', [], { pushedAt: '2026-11-29T00:00:00Z', defaultBranch: 'dev' })],
    });
    const r = await report(input, planFile({ 1: ['acme/a'] }));
    expect(r.state!.repos['acme/a']).toMatchObject({
      pushedAt: '2026-11-21T00:00:00Z',
      defaultBranch: 'main',
    });
  });

  it('writes no state without the plan, and says why', async () => {
    const r = await report(resultsDir({ 1: [result('acme/a')] }), undefined);
    expect(r.state).toBeUndefined();
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--state-out needs --plan/);
  });

  it('never uploads or writes SARIF findings of a result outside the plan into a planned repository', async () => {
    const input = resultsDir({
      1: [result('acme/a', [finding('acme/a', 'real')])],
      2: [
        result('acme/a', [finding('acme/a', 'real', { inlineAllowed: true }), finding('acme/a', 'fake')], {
          shard: 2,
        }),
      ],
    });
    const { readPlan } = await import('../../src/fleet/planned.js');
    const loaded = await loadResults([input], { plan: await readPlan(planFile({ 1: ['acme/a'] })) });
    const r = buildReport(loaded);
    const sarif = sarifByRepository(r).get('acme/a')!.runs[0]!.results as any[];
    expect(sarif.map((x) => x.partialFingerprints['keyguard/v1'])).toEqual(['real'.padEnd(32, '0')]);
    expect(sarif[0].suppressions).toBeUndefined();
    expect(exitCodeOf(r)).toBe(2);
  });
});

describe('hole 3: times in the future', () => {
  async function stateFile(mutate: (s: FleetState) => void): Promise<FleetState> {
    const s = stateOf([listed('a'), listed('b')]);
    mutate(s);
    const file = join(tempDir(), 'state.json');
    writeFileSync(file, JSON.stringify(s));
    return (await readState(file))!;
  }

  it('sweeps again, under --max-age, a repository whose sweptAt is in the future', async () => {
    const state = await stateFile((s) => {
      s.repos['acme/a']!.sweptAt = FUTURE;
    });
    // A week after the state's sweeps: acme/b is fresh, acme/a's time is in the future.
    const now = new Date('2026-11-05T00:00:00Z');
    const m = planFleet([listed('a'), listed('b')], state, {
      org: 'acme',
      rulesKey: RULES,
      maxAgeDays: 7,
      now,
    });
    expect(m.include.flatMap((s) => s.repos)).toEqual(['acme/a']);
    // …and reads its whole history: the heads recorded with that time are not coverage either.
    expect(m.include[0]!.known!['acme/a']!.covered).toEqual({});
  });

  it('sweeps again a repository whose pushedAt in the state is in the future', async () => {
    const state = await stateFile((s) => {
      s.repos['acme/a']!.pushedAt = FUTURE;
    });
    expect(state.repos['acme/a']!.covered).toEqual({});
  });

  it('keeps the findings of a state entry whose time is in the future', async () => {
    const state = await stateFile((s) => {
      s.repos['acme/a']!.sweptAt = FUTURE;
      s.repos['acme/a']!.findings = [finding('acme/a', 'k1')];
    });
    expect(state.repos['acme/a']!.findings).toHaveLength(1);
  });

  it('accepts a time a few minutes ahead (clock skew) as coverage', async () => {
    const soon = new Date(Date.now() + 5 * 60_000).toISOString();
    const state = await stateFile((s) => {
      s.repos['acme/a']!.sweptAt = soon;
    });
    expect(state.repos['acme/a']!.sweptAt).toBe(soon);
    expect(state.repos['acme/a']!.covered).not.toEqual({});
  });

  it('does not carry a future foundOn or updatedAt into the report', async () => {
    const state = await stateFile((s) => {
      s.updatedAt = FUTURE;
      s.repos['acme/a']!.findings = [{ ...finding('acme/a', 'k1'), foundOn: FUTURE }];
    });
    expect(state.updatedAt).not.toBe(FUTURE);
    expect(state.repos['acme/a']!.findings![0]!.foundOn).not.toBe(FUTURE);
  });

  it("does not record a result's future pushedAt (nor a plan's) as the state's", () => {
    expect(validateResult(result('acme/a', [], { pushedAt: FUTURE })).pushedAt).toBeNull();
    const shard = validateShard({
      format: 1,
      shard: 1,
      repos: ['acme/a'],
      known: { 'acme/a': { defaultBranch: 'main', covered: {}, pushedAt: FUTURE } },
      rulesKey: RULES,
    });
    expect(shard.known!['acme/a']!.pushedAt).toBeNull();
  });

  it('warns about each time it set aside, naming the file', async () => {
    const file = join(tempDir(), 'state.json');
    const s = stateOf([listed('a')]);
    s.repos['acme/a']!.sweptAt = FUTURE;
    writeFileSync(file, JSON.stringify(s));
    const lines: string[] = [];
    await readState(file, { warn: (l) => lines.push(l) });
    expect(lines).toEqual([
      expect.stringMatching(/state\.json: repos\["acme\/a"\]\.sweptAt in the future: not coverage/),
    ]);
  });
});
