/**
 * Org-wide rotation (docs/fleet.md "Across shards"): `fleet plan` → `fleet sweep --seal` per shard →
 * `fleet rotate` → `fleet report`, each dist/cli.js in a process of its own, against the GitHub
 * emulator, the OpenAI emulator and real git smart HTTP, with the plan split by hand into two shards.
 *
 * Hole 7: the same key in repositories of two shards was two rotations (one per sweep job): the
 * first disabled the key once the places it knew of held the replacement, and a listed repository's
 * own secret swept in the other shard was left on the disabled key. Now the sweep jobs only seal the
 * live keys, and one step rotates each key once with every place that holds it.
 *
 * The artifacts are readable (and, for anything running in the run, writable) by others: the attacks
 * move a sealed key into another repository's result, replay one from another night's plan, put one
 * in a result the plan did not list in that shard, and change a ciphertext. None of them opens, none
 * writes a secret or disables a key, and no whole key is in any file, output or log.
 */
import { mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTransferSeal } from '../../src/fleet/transfer.js';
import { fingerprint, Secret } from '../../src/scan/secret.js';
import type { GitHubEmulator } from '../emulators/github.js';
import type { OpenAIEmulator, OpenAIKeyRecord } from '../emulators/openai.js';
import { type CliRun, filesUnder } from './git-fixtures.js';
import { FleetRotateWorld } from './rotate-world.js';

const CENTRAL_CONFIG = `rotation:
  openai:
    env: prod
    purpose: fleet
    secrets:
      - { name: OPENAI_API_KEY }
    fleet-repository-secrets: [acme/pay, acme/web, acme/twin-*, acme/copy-dst, acme/victim, acme/tamper]
`;

const world = new FleetRotateWorld({
  prefix: 'kg-org-rotate-',
  seed: 9090,
  runId: '6161',
  centralConfig: CENTRAL_CONFIG,
  cliTimeoutMs: 300_000,
});
const { events, scratch } = world;
const STATE_KEY = world.stateKey;
const results = join(scratch, 'results');
const forged = join(scratch, 'forged');
let planFile: string;

/** Shard 1 and shard 2 of tonight's plan (written by hand over what `fleet plan` balanced). */
const SHARDS: Record<number, string[]> = {
  1: ['acme/pay', 'acme/twin-a', 'acme/copy-src', 'acme/copy-dst'],
  2: ['acme/web', 'acme/twin-b', 'acme/victim', 'acme/tamper'],
};

let gh: GitHubEmulator;
let openai: OpenAIEmulator;
const k: Record<string, OpenAIKeyRecord> = {};
const cli = (args: string[], extra?: Record<string, string>) => world.cli(args, extra);
const repo = (fullName: string, files: Record<string, string>) =>
  world.repo(fullName, { 'README.md': `# ${fullName}\n`, ...files });

const resultFile = (shard: number, repository: string, dir = results) =>
  join(dir, `keyguard-results-${shard}`, `${repository.replace('/', '__')}.json`);
const readResult = (shard: number, repository: string, dir = results) =>
  JSON.parse(readFileSync(resultFile(shard, repository, dir), 'utf8'));
function writeResult(shard: number, repository: string, value: unknown, dir = forged): void {
  mkdirSync(join(dir, `keyguard-results-${shard}`), { recursive: true });
  writeFileSync(resultFile(shard, repository, dir), JSON.stringify(value));
}
const findingIn = (r: any, key: OpenAIKeyRecord) =>
  r.findings.find((f: any) => f.fingerprint === fingerprint(key.value));
const isOurs = (value: string | undefined) => Object.values(k).some((x) => x.value === value);
const replacementFor = (value: string | undefined) => world.replacementFor(value, Object.values(k));
const puts = (path: string, list = events) => world.puts(path, list);
const deleted = (key: OpenAIKeyRecord) => world.deleted(key);
const secretOf = (repository: string) => gh.secretValue(`repo:${repository}`, 'OPENAI_API_KEY');

let plan: any;
let sweepEvents = 0;
let sweeps: CliRun[];
let noSecret: CliRun;
let first: CliRun;
let firstEvents: string[];
let afterFirst: Record<string, any>;
let firstReport: any;
let second: CliRun;
let report: any;
let reportCode: number;

beforeAll(async () => {
  ({ gh, openai } = await world.start());

  const prod = openai.addProject('prod');
  world.admin = openai.addAdminKey().value;
  for (const name of ['shared', 'twin', 'copy', 'dst', 'victim', 'tamper'])
    k[name] = openai.addKey({ projectId: prod.id });

  gh.addOrgRepos(
    'acme',
    Object.values(SHARDS)
      .flat()
      .map((full) => ({ name: full.split('/')[1]! })),
  );
  // The same key in a listed repository of each shard, each holding it in its own secret.
  gh.setSecret('repo:acme/pay', 'OPENAI_API_KEY', k.shared!.value);
  gh.setSecret('repo:acme/web', 'OPENAI_API_KEY', k.shared!.value);
  gh.setSecret('repo:acme/twin-a', 'OPENAI_API_KEY', k.twin!.value);
  gh.setSecret('repo:acme/twin-b', 'OPENAI_API_KEY', k.twin!.value);
  gh.setSecret('repo:acme/copy-dst', 'OPENAI_API_KEY', k.dst!.value);
  gh.setSecret('repo:acme/victim', 'OPENAI_API_KEY', k.victim!.value);
  gh.setSecret('repo:acme/tamper', 'OPENAI_API_KEY', k.tamper!.value);
  repo('acme/pay', { 'pay.env': `OPENAI_API_KEY=${k.shared!.value}\n` });
  repo('acme/web', { 'web.env': `OPENAI_API_KEY=${k.shared!.value}\n` });
  repo('acme/twin-a', { 'a.env': `OPENAI_API_KEY=${k.twin!.value}\n` });
  repo('acme/twin-b', { 'b.env': `OPENAI_API_KEY=${k.twin!.value}\n` });
  repo('acme/copy-src', { 'src.env': `OPENAI_API_KEY=${k.copy!.value}\n` });
  repo('acme/copy-dst', {});
  repo('acme/victim', {});
  repo('acme/tamper', { 't.env': `OPENAI_API_KEY=${k.tamper!.value}\n` });

  ({ file: planFile, plan } = await world.plan(2));
  const template = plan.include[0];
  plan.include = [1, 2].map((shard) => ({ ...template, shard, repos: SHARDS[shard] }));
  writeFileSync(planFile, JSON.stringify(plan));

  // Without the transfer secret, a sweep asked to seal refuses (nothing is written unsealed).
  const shardFile = (n: number) => join(scratch, `shard-${n}.json`);
  for (const n of [1, 2]) writeFileSync(shardFile(n), JSON.stringify(plan.include[n - 1]));
  noSecret = await cli(
    ['fleet', 'sweep', '--shard', shardFile(1), '--output-dir', join(scratch, 'refused'), '--seal'],
    { KEYGUARD_STATE_KEY: '' },
  );

  sweeps = [];
  for (const n of [1, 2])
    sweeps.push(
      await cli([
        'fleet',
        'sweep',
        '--shard',
        shardFile(n),
        '--output-dir',
        join(results, `keyguard-results-${n}`),
        '--seal',
        '--parallel',
        '1',
        '--openai-base-url',
        openai.apiBase,
      ]),
    );
  sweepEvents = events.length;

  // The attacks, in a second input directory (what anything writing artifacts in the run can add).
  const dst = readResult(1, 'acme/copy-dst');
  const src = findingIn(readResult(1, 'acme/copy-src'), k.copy!);
  // 1. A sealed key moved into another (listed) repository's result of the same shard.
  writeResult(1, 'acme/copy-dst', {
    ...dst,
    findings: [...dst.findings, { ...src, repository: 'acme/copy-dst', file: 'moved.env' }],
  });
  // 2. A key sealed (with the secret) under another night's plan, replayed tonight.
  const victimFinding = {
    repository: 'acme/victim',
    file: 'v.env',
    line: 1,
    ruleId: src.ruleId,
    fingerprint: fingerprint(k.victim!.value),
    redacted: new Secret(k.victim!.value).redacted,
    seenIn: ['tree'],
    provider: 'openai',
    verification: { status: 'live' },
  };
  const sealFor = (planId: string, shard: number, repository: string) =>
    createTransferSeal(new Secret(STATE_KEY), planId).seal(
      { planId, rulesKey: plan.rulesKey, shard, repository, fingerprint: victimFinding.fingerprint },
      { key: k.victim!.value, onDefaultBranch: true },
    );
  const victim = readResult(2, 'acme/victim');
  writeResult(2, 'acme/victim', {
    ...victim,
    findings: [{ ...victimFinding, sealed: sealFor('0'.repeat(32), 2, 'acme/victim') }],
  });
  // 3. Validly sealed tonight, but in a result the plan did not list in that shard (or at all).
  writeResult(1, 'acme/victim', {
    ...victim,
    shard: 1,
    findings: [{ ...victimFinding, sealed: sealFor(plan.planId, 1, 'acme/victim') }],
  });
  writeResult(1, 'acme/ghost', {
    ...victim,
    repository: 'acme/ghost',
    shard: 1,
    findings: [{ ...victimFinding, repository: 'acme/ghost', sealed: sealFor(plan.planId, 1, 'acme/ghost') }],
  });
  // 4. A changed ciphertext (one character in the middle), in place of the sweep's own result.
  const genuine = readFileSync(resultFile(2, 'acme/tamper'), 'utf8');
  const tamper = readResult(2, 'acme/tamper');
  const t = findingIn(tamper, k.tamper!);
  const mid = Math.floor(t.sealed.length / 2);
  t.sealed = `${t.sealed.slice(0, mid)}${t.sealed[mid] === 'A' ? 'B' : 'A'}${t.sealed.slice(mid + 1)}`;
  writeResult(2, 'acme/tamper', tamper);
  unlinkSync(resultFile(2, 'acme/tamper'));

  // acme/twin-b's secret cannot be written tonight (GitHub failing past the retry budget).
  gh.injectFault({
    method: 'PUT',
    path: '/repos/acme/twin-b/actions/secrets/OPENAI_API_KEY',
    fault: { kind: 'status', status: 502 },
    times: 100,
  });
  const rotateArgs = ['fleet', 'rotate', '--plan', planFile, '--openai-base-url', openai.apiBase];
  first = await cli([...rotateArgs, '--input', results, '--input', forged]);
  firstEvents = events.slice(sweepEvents);
  afterFirst = {};
  for (const n of [1, 2])
    for (const r of SHARDS[n]!) if (r !== 'acme/tamper') afterFirst[r] = readResult(n, r);
  const fr = await cli(['fleet', 'report', '--input', results, '--plan', planFile, '--format', 'json']);
  firstReport = JSON.parse(fr.stdout);
  gh.server.clearFaults();
  // The re-run (the report job run again): the sweeps' own results, without the forged ones.
  writeFileSync(resultFile(2, 'acme/tamper'), genuine);
  second = await cli([...rotateArgs, '--input', results]);
  const json = await cli(['fleet', 'report', '--input', results, '--plan', planFile, '--format', 'json']);
  report = JSON.parse(json.stdout);
  reportCode = json.code;
}, 900_000);

afterAll(() => world.stop());

describe('the sweep jobs of an org-wide rotation', () => {
  it('refuse to seal without the transfer secret, and write nothing', () => {
    expect(noSecret.code).toBe(2);
    expect(noSecret.stderr).toMatch(/--seal needs KEYGUARD_STATE_KEY/);
    expect(filesUnder(join(scratch, 'refused'))).toEqual([]);
  });

  it('verify but rotate nothing: no key made, disabled or stored by a sweep', () => {
    for (const s of sweeps) expect(s.code).toBeLessThanOrEqual(1);
    const bySweeps = events.slice(0, sweepEvents);
    expect(bySweeps.filter((e) => /^openai (POST|DELETE) /.test(e))).toEqual([]);
    expect(bySweeps.filter((e) => /^github PUT /.test(e))).toEqual([]);
  });

  it('carry each live key only sealed, with the rotation marked not finished', () => {
    const f = findingIn(readResult(1, 'acme/pay'), k.shared!);
    expect(f.verification.status).toBe('live');
    expect(typeof f.sealed).toBe('string');
    expect(f.sealed.includes(k.shared!.value)).toBe(false);
  });
});

describe('hole 7: the same key in repositories of two shards', () => {
  it('is one rotation: both shards’ listed repositories hold one live replacement and the key is disabled', () => {
    const values = [secretOf('acme/pay'), secretOf('acme/web')];
    expect(values[0] === values[1]).toBe(true); // compared, never printed
    const replacement = replacementFor(values[0]);
    expect(replacement).toBeDefined();
    expect(replacement!.deleted).toBe(false);
    expect(deleted(k.shared!)).toBe(true);
    expect(puts('/repos/acme/pay/actions/secrets/OPENAI_API_KEY', firstEvents)).toHaveLength(1);
    expect(puts('/repos/acme/web/actions/secrets/OPENAI_API_KEY', firstEvents)).toHaveLength(1);
  });

  it('disables the key only after the places of both shards hold the replacement', () => {
    world.expectDeletedAfterPuts(
      k.shared!,
      ['acme/pay', 'acme/web'].map((r) => `/repos/${r}/actions/secrets/OPENAI_API_KEY`),
      firstEvents,
    );
  });

  it('opens one incident for it, named with both repositories', () => {
    const incidents = gh.issues.filter((i) => (i.body ?? '').includes(fingerprint(k.shared!.value)));
    expect(incidents).toHaveLength(1);
    expect(incidents[0]!.title).toContain('acme/pay');
    expect(incidents[0]!.title).toContain('acme/web');
  });

  it('writes the outcome into both results, and the report shows it rotated', () => {
    for (const r of ['acme/pay', 'acme/web'])
      expect(findingIn(afterFirst[r], k.shared!).rotation.status).toBe('rotated');
    const shown = report.findings.filter((f: any) => f.fingerprint === fingerprint(k.shared!.value));
    expect(shown.map((f: any) => f.rotation?.status)).toEqual(['rotated', 'rotated']);
    expect(report.summary.rotated).toBeGreaterThanOrEqual(4);
  });
});

describe('a place that cannot be written', () => {
  it('keeps the key live in every repository of every shard, and the step exits 2', () => {
    expect(first.code).toBe(2);
    for (const r of ['acme/twin-a', 'acme/twin-b'])
      expect(findingIn(afterFirst[r], k.twin!).rotation.status).toBe('failed');
    expect(firstEvents.some((e) => e.startsWith('openai DELETE ') && e.includes(k.twin!.id))).toBe(false);
    expect(firstReport.summary.rotationFailed).toBeGreaterThanOrEqual(2);
  });

  it('is finished by the re-run: one live replacement in both places, the key disabled', () => {
    expect(second.code).toBe(0);
    const values = [secretOf('acme/twin-a'), secretOf('acme/twin-b')];
    expect(values[0] === values[1]).toBe(true); // compared, never printed
    expect(replacementFor(values[0])).toBeDefined();
    expect(deleted(k.twin!)).toBe(true);
    const live = [...openai.keys.values()].filter((x) => !x.deleted && !isOurs(x.value));
    const held = Object.values(SHARDS).flat().map(secretOf);
    for (const r of live) expect(held.includes(r.value)).toBe(true);
    for (const r of ['acme/twin-a', 'acme/twin-b'])
      expect(findingIn(readResult(r === 'acme/twin-a' ? 1 : 2, r), k.twin!).rotation.status).toBe('rotated');
  });

  it('leaves the keys the first run rotated alone on the re-run (revoked since), still shown rotated', () => {
    expect(puts('/repos/acme/pay/actions/secrets/OPENAI_API_KEY')).toHaveLength(1);
    expect(findingIn(readResult(1, 'acme/pay'), k.shared!).rotation.status).toBe('rotated');
    expect(reportCode).toBe(1);
  });
});

describe('sealed keys an attacker moves, replays or changes', () => {
  it('a sealed key moved into another repository’s result does not open: no secret written there', () => {
    expect(first.stderr).toMatch(/copy-dst\.json: .*did not open/);
    expect(secretOf('acme/copy-dst') === k.dst!.value).toBe(true); // compared, never printed
    expect(puts('/repos/acme/copy-dst/actions/secrets/OPENAI_API_KEY')).toEqual([]);
    expect(deleted(k.copy!)).toBe(false);
  });

  it('a key sealed under another night’s plan does not open', () => {
    expect(first.stderr).toMatch(/keyguard-results-2\/acme__victim\.json: .*did not open/);
    expect(deleted(k.victim!)).toBe(false);
    expect(puts('/repos/acme/victim/actions/secrets/OPENAI_API_KEY')).toEqual([]);
  });

  it('a sealed key in a result the plan did not list in that shard, or at all, is not used', () => {
    expect(first.stderr).toMatch(
      /keyguard-results-1\/acme__victim\.json: 1 sealed key\(s\) not used: the result says shard 1; the plan listed it in shard 2/,
    );
    expect(first.stderr).toMatch(/acme__ghost\.json: 1 sealed key\(s\) not used: the plan did not list/);
    expect(secretOf('acme/victim') === k.victim!.value).toBe(true); // compared, never printed
  });

  it('a changed ciphertext does not open: the key is not rotated and its result says so', () => {
    expect(first.stderr).toMatch(/acme__tamper\.json: .*did not open/);
    expect(firstEvents.some((e) => e.startsWith('openai DELETE ') && e.includes(k.tamper!.id))).toBe(false);
    expect(puts('/repos/acme/tamper/actions/secrets/OPENAI_API_KEY', firstEvents)).toEqual([]);
    const t = findingIn(readResult(2, 'acme/tamper', forged), k.tamper!);
    expect(t.rotation.status).toBe('failed');
  });
});

describe('what an org-wide rotation writes', () => {
  it('holds no whole key and no token in any file, output, log or incident', () => {
    world.expectNoKeyOrTokenWritten([
      ...Object.values(k).map((x) => x.value),
      ...[...openai.keys.values()].map((x) => x.value),
      world.admin,
      STATE_KEY,
    ]);
  });
});
