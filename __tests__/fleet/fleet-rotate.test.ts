/**
 * `fleet plan` → `fleet sweep --rotate` → `fleet report`, each dist/cli.js in a process of its own,
 * against the GitHub emulator (the central repository acme/security, the organisation's repositories
 * and their secrets), the OpenAI emulator and real git smart HTTP:
 *
 * - acme/web (listed in fleet-repository-secrets) leaks a live key held by its own secret and by an
 *   organisation secret shared with it (visibility selected; shared with the central repository too,
 *   whose workflow maps it into the sweep's env, so its fingerprint proves what it holds): both get the replacement before the
 *   leaked key is deleted; a revoked key beside it is not rotated; one incident, in the central
 *   repository, named with acme/web.
 * - acme/api (listed by a glob) leaks another live key; writing its repository secret fails past the
 *   retry budget: the key stays live, the report exits 2, and the re-run of the sweep finishes it.
 * - acme/rogue (not listed) is the attack on repository secrets: an admin of it who knows a live key
 *   of ours (the organisation secret shared with it) plants the key and creates a repository secret of
 *   the configured name to receive the replacement. The organisation secret gets it, the repository
 *   secret does not, the leaked key is still deleted, and the incident names the secret not written.
 * - acme/hostile carries its own `.keyguard.yml` (a rotation section pointing at a secret of its
 *   choosing, contain-first) and plants a live key of another organisation, with a repository secret
 *   of the configured name: its config is never read, and the planted key is verified but not
 *   rotated (the admin API does not know it, no secret is proven to hold it).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { fingerprint } from '../../src/scan/secret.js';
import type { GitHubEmulator } from '../emulators/github.js';
import type { OpenAIEmulator, OpenAIKeyRecord } from '../emulators/openai.js';
import { KeyGen } from '../helpers/keygen.js';
import { FleetRotateWorld, type RotatingSweep } from './rotate-world.js';

const gen = new KeyGen(7072);

const CENTRAL_CONFIG = `rotation:
  openai:
    env: prod
    purpose: fleet
    secrets:
      - { name: OPENAI_API_KEY }
      - { name: OPENAI_API_KEY, org: acme }
      - { name: OPENAI_SHARED_KEY, org: acme }
    fleet-repository-secrets: [acme/web, acme/ap*]
`;
const HOSTILE_CONFIG = `rotation:
  contain-first: true
  openai:
    secrets:
      - { name: HOSTILE_SINK, org: acme, visibility: all }
`;

// The central workflow maps the organisation secrets shared with it: their fingerprints prove
// what they hold (what `secrets.NAME` gives the job when it starts).
const world = new FleetRotateWorld({
  prefix: 'kg-fleet-rotate-',
  seed: 7070,
  runId: '4242',
  centralConfig: CENTRAL_CONFIG,
  mappedOrgSecrets: ['OPENAI_API_KEY', 'OPENAI_SHARED_KEY'],
  cliTimeoutMs: 240_000,
});
const { events, scratch } = world;
let gh: GitHubEmulator;
let openai: OpenAIEmulator;

let web: OpenAIKeyRecord;
let api: OpenAIKeyRecord;
let foreign: OpenAIKeyRecord;
let stolen: OpenAIKeyRecord;
let revokedKey: string;
let webId: number;

interface Sweep extends RotatingSweep {
  markdown: string;
}

let shardFile: string;
async function sweepAndReport(extra: string[] = []): Promise<Sweep> {
  const s = await world.sweepAndReport(shardFile, extra);
  const md = await world.cli(['fleet', 'report', '--input', s.dir, '--format', 'markdown']);
  return { ...s, markdown: md.stdout };
}

const byFile = (s: Sweep, repository: string, file: string) =>
  s.results[repository].findings.find((f: any) => f.file === file);
const replacements = () =>
  [...openai.keys.values()].filter(
    (k) =>
      ![web.id, api.id, foreign.id, stolen.id].includes(k.id) &&
      k.ownerType === 'service_account' &&
      !k.deleted,
  );

let dry: Sweep;
let dryEvents: string[];
let dryIssues: number;
let first: Sweep;
let second: Sweep;

beforeAll(async () => {
  ({ gh, openai } = await world.start());

  const project = openai.addProject('prod');
  world.admin = openai.addAdminKey().value;
  web = openai.addKey({ projectId: project.id });
  api = openai.addKey({ projectId: project.id });
  foreign = openai.addForeignKey();
  stolen = openai.addKey({ projectId: project.id });
  revokedKey = gen.openaiProject();
  gh.addOrgRepos('acme', [{ name: 'web' }, { name: 'api' }, { name: 'hostile' }, { name: 'rogue' }]);
  webId = gh.orgRepoId('acme', 'web');
  // acme/rogue may read this organisation secret; its admin plants the key and opens a secret to catch
  // the replacement.
  gh.setSecret('org:acme', 'OPENAI_SHARED_KEY', stolen.value, {
    visibility: 'selected',
    selected_repository_ids: [gh.orgRepoId('acme', 'rogue'), gh.repoId],
  });
  gh.setSecret('repo:acme/rogue', 'OPENAI_API_KEY', 'the rogue admin waits for the replacement here');
  gh.setSecret('org:acme', 'OPENAI_API_KEY', web.value, {
    visibility: 'selected',
    selected_repository_ids: [webId, gh.repoId],
  });
  gh.setSecret('repo:acme/web', 'OPENAI_API_KEY', web.value);
  gh.setSecret('repo:acme/api', 'OPENAI_API_KEY', api.value);
  gh.setSecret('repo:acme/hostile', 'OPENAI_API_KEY', 'the hostile repository keeps its own value');
  world.repo('acme/web', { 'deploy/.env': `OPENAI_API_KEY=${web.value}\n`, 'old.env': `K=${revokedKey}\n` });
  world.repo('acme/api', { 'config.env': `OPENAI_API_KEY=${api.value}\n` });
  world.repo('acme/rogue', { 'app.env': `OPENAI_API_KEY=${stolen.value}\n` });
  world.repo('acme/hostile', {
    '.keyguard.yml': HOSTILE_CONFIG,
    'planted.env': `OPENAI_API_KEY=${foreign.value}\n`,
  });

  const { plan } = await world.plan(1);
  shardFile = join(scratch, 'shard.json');
  writeFileSync(shardFile, JSON.stringify(plan.include[0]));

  dry = await sweepAndReport(['--dry-run']);
  dryEvents = events.splice(0);
  dryIssues = gh.issues.length;

  // acme/api's repository secret cannot be written tonight (GitHub failing past the retry budget).
  gh.injectFault({
    method: 'PUT',
    path: '/repos/acme/api/actions/secrets/OPENAI_API_KEY',
    fault: { kind: 'status', status: 502 },
    times: 100,
  });
  first = await sweepAndReport();
  gh.server.clearFaults();
  second = await sweepAndReport();
}, 600_000);

afterAll(() => world.stop());

describe('a dry run', () => {
  it('records the plan as the outcome of every key it would rotate', () => {
    expect(byFile(dry, 'acme/web', 'deploy/.env').rotation).toMatchObject({ status: 'dry-run' });
    expect(byFile(dry, 'acme/api', 'config.env').rotation).toMatchObject({ status: 'dry-run' });
    expect(dry.run.stderr).toMatch(/acme\/web: Rotation plan for openai key/);
  });

  it('changes nothing: no key made or deleted, no secret written, no incident opened', () => {
    expect(dryEvents.filter((e) => /^openai (POST|DELETE) /.test(e))).toEqual([]);
    // GraphQL's `viewer` query (who keyguard is, to trust only its own incidents) is a POST that reads.
    const writes = dryEvents.filter(
      (e) => /^github (PUT|POST|PATCH|DELETE) /.test(e) && !/ \/graphql /.test(e),
    );
    expect(writes).toEqual([]);
    expect(dryIssues).toBe(0);
  });
});

describe('a live key in a swept repository', () => {
  it('is rotated, and the result says so', () => {
    expect(byFile(first, 'acme/web', 'deploy/.env')).toMatchObject({
      verification: { status: 'live' },
      rotation: { status: 'rotated', incident: expect.stringContaining('/acme/security/issues/') },
    });
  });

  it('has its replacement in the repository secret and the organisation secret, and is deleted', () => {
    const replacement = replacements().find(
      (k) => k.value === gh.secretValue('repo:acme/web', 'OPENAI_API_KEY'),
    );
    expect(replacement).toBeDefined();
    expect(gh.secretValue('org:acme', 'OPENAI_API_KEY')).toBe(replacement!.value);
    expect(openai.keys.get(web.id)!.deleted).toBe(true);
  });

  it('keeps the organisation secret shared with exactly the repositories it was', () => {
    expect(gh.secret('org:acme', 'OPENAI_API_KEY')).toMatchObject({
      visibility: 'selected',
      selected_repository_ids: [webId, gh.repoId],
    });
  });

  it('is deleted only after both secrets hold the replacement', () => {
    world.expectDeletedAfterPuts(web, [
      '/repos/acme/web/actions/secrets/OPENAI_API_KEY',
      '/orgs/acme/actions/secrets/OPENAI_API_KEY',
    ]);
  });

  it('has one incident in the central repository, named with the repository', () => {
    const fp = fingerprint(web.value);
    const incidents = gh.issues.filter((i) => (i.body ?? '').includes(fp));
    expect(incidents).toHaveLength(1);
    expect(incidents[0]!.title).toContain('acme/web');
  });

  it('is shown as rotated in the report, ranked after the keys left live', () => {
    const r = first.report;
    expect(r.summary).toMatchObject({ rotated: 2, rotationFailed: 1 });
    const order = r.findings.map((f: any) => `${f.repository} ${f.rotation?.status ?? '-'}`);
    expect(order.indexOf('acme/web rotated')).toBeGreaterThan(order.indexOf('acme/api failed'));
    expect(first.markdown).toMatch(/\| Rotation \|/);
    expect(first.markdown).toContain('✅ rotated');
  });
});

describe('a revoked key beside it', () => {
  it('is not rotated', () => {
    const f = byFile(first, 'acme/web', 'old.env');
    expect(f.verification.status).toBe('revoked');
    expect(f.rotation).toBeUndefined();
  });
});

describe('a rotation whose secret cannot be written', () => {
  it('leaves the key live and says the rotation failed', () => {
    expect(byFile(first, 'acme/api', 'config.env').rotation).toMatchObject({ status: 'failed' });
    expect(first.run.stderr).toMatch(/acme\/api/);
  });

  it('makes the sweep and the report exit 2 (re-run the job to finish), and the re-run exit 1', () => {
    expect(first.run.code).toBe(2);
    expect(first.reportCode).toBe(2);
    expect(second.run.code).toBe(1);
  });

  it('is finished by the next sweep, with one live replacement in the secret', () => {
    expect(byFile(second, 'acme/api', 'config.env').rotation).toMatchObject({ status: 'rotated' });
    expect(openai.keys.get(api.id)!.deleted).toBe(true);
    const inSecret = gh.secretValue('repo:acme/api', 'OPENAI_API_KEY');
    const live = replacements().filter((k) => k.projectId === api.projectId && k.value === inSecret);
    expect(live).toHaveLength(1);
    // The replacement the failed night made was deleted as an orphan: web's, api's and rogue's remain.
    expect(replacements()).toHaveLength(3);
  });

  it('finds the key rotated earlier revoked, and leaves it alone', () => {
    expect(byFile(second, 'acme/web', 'deploy/.env')).toMatchObject({ verification: { status: 'revoked' } });
    expect(byFile(second, 'acme/web', 'deploy/.env').rotation).toBeUndefined();
  });
});

describe('a repository not listed in fleet-repository-secrets, with a planted key of ours', () => {
  const incident = () => gh.issues.find((i) => (i.body ?? '').includes(fingerprint(stolen.value)));

  it('does not get the replacement in the repository secret it created', () => {
    expect(gh.secretValue('repo:acme/rogue', 'OPENAI_API_KEY')).toBe(
      'the rogue admin waits for the replacement here',
    );
    expect(events.filter((e) => e.startsWith('github PUT /repos/acme/rogue/'))).toEqual([]);
  });

  it('has the replacement in the organisation secret shared with it', () => {
    const inOrg = gh.secretValue('org:acme', 'OPENAI_SHARED_KEY');
    expect(inOrg).not.toBe(stolen.value);
    expect(replacements().some((k) => k.value === inOrg)).toBe(true);
  });

  it('has the leaked key deleted all the same, and says it was rotated', () => {
    expect(openai.keys.get(stolen.id)!.deleted).toBe(true);
    expect(byFile(first, 'acme/rogue', 'app.env').rotation.status).toBe('rotated');
  });

  it('names the secret not written in the result and in the incident', () => {
    const said =
      'a secret of that name exists in acme/rogue; not written (repository not listed in fleet-repository-secrets); update it by hand if it held the key';
    expect(byFile(first, 'acme/rogue', 'app.env').rotation.detail).toContain(said);
    expect(incident()!.title).toContain('acme/rogue');
    expect(incident()!.body).toMatch(
      /- \[ \] repository secret OPENAI_API_KEY: a secret of that name exists in acme/,
    );
    expect(incident()!.body).toContain('not written (repository not listed in fleet-repository-secrets)');
  });
});

describe('a hostile swept repository', () => {
  it('has its planted key verified live but not rotated: it is nobody’s of ours', () => {
    const f = byFile(first, 'acme/hostile', 'planted.env');
    expect(f.verification.status).toBe('live');
    expect(f.rotation.status).toMatch(/still-live|skipped/);
    expect(f.rotation.detail).toMatch(/not our organization's key/);
    expect(openai.keys.get(foreign.id)!.deleted).toBe(false);
    expect(gh.secretValue('repo:acme/hostile', 'OPENAI_API_KEY')).toBe(
      'the hostile repository keeps its own value',
    );
  });

  it('cannot steer rotation with its own .keyguard.yml', () => {
    expect(gh.secret('org:acme', 'HOSTILE_SINK')).toBeUndefined();
    expect(events.filter((e) => e.includes('HOSTILE_SINK'))).toEqual([]);
    expect(events.filter((e) => e.startsWith('github PUT /repos/acme/hostile'))).toEqual([]);
  });
});

describe('what the fleet writes', () => {
  it('holds no whole key and no token in any output, result file or incident', () => {
    world.expectNoKeyOrTokenWritten([
      web.value,
      api.value,
      foreign.value,
      revokedKey,
      world.admin,
      world.stateKey,
      ...replacements().map((k) => k.value),
    ]);
  });
});
