/**
 * Red team of `fleet sweep --rotate` (written from the docs, then against the code): `fleet plan` →
 * `fleet sweep --rotate` → `fleet report`, each dist/cli.js in a process of its own, against the GitHub
 * emulator, the OpenAI emulator and real git smart HTTP. The central job maps the organisation secrets
 * it can read into its env (`OPENAI_API_KEY: ${{ secrets.OPENAI_API_KEY }}`), as docs/fleet.md says.
 *
 * Hole 5: a key planted where an outsider can write (a pull request head, an unprotected branch) must
 * not overwrite any secret, and no secret is written on its name alone: an organisation secret gets a
 * replacement only when its value (in the central job's env) has the leaked key's fingerprint.
 *
 * Hole 6: the same key in several repositories of a shard is one rotation: every place that holds it
 * (the organisation secrets proven to, the listed repositories' own secrets) gets the replacement
 * before the key is disabled, whatever order the repositories are swept in; a place that cannot be
 * written keeps the key live everywhere, every result is still written, and the re-run finishes.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { fingerprint } from '../../src/scan/secret.js';
import type { GitHubEmulator } from '../emulators/github.js';
import type { OpenAIEmulator, OpenAIKeyRecord } from '../emulators/openai.js';
import { FleetRotateWorld, type RotatingSweep as Sweep } from './rotate-world.js';

const CENTRAL_CONFIG = `rotation:
  openai:
    env: prod
    purpose: fleet
    secrets:
      - { name: OPENAI_API_KEY }
      - { name: OPENAI_API_KEY, org: acme }
      - { name: OPENAI_QUEUE_KEY, org: acme }
      - { name: OPENAI_BATCH_KEY, org: acme }
      - { name: OPENAI_SHARED_KEY, org: acme }
    fleet-repository-secrets: [acme/web, acme/pay, acme/shop, acme/twin-*]
`;
/** Organisation secrets shared with the central repository: the ones its workflow can map into env. */
const MAPPED = ['OPENAI_API_KEY', 'OPENAI_QUEUE_KEY', 'OPENAI_SHARED_KEY'];

// What `${{ secrets.NAME }}` gives the central job when it starts: the secret's value right now.
const world = new FleetRotateWorld({
  prefix: 'kg-redteam-rotate-',
  seed: 8080,
  runId: '5151',
  centralConfig: CENTRAL_CONFIG,
  mappedOrgSecrets: MAPPED,
  cliTimeoutMs: 300_000,
});
const { events, scratch } = world;
let gh: GitHubEmulator;
let openai: OpenAIEmulator;
const k: Record<string, OpenAIKeyRecord> = {};

/** A repository whose default branch holds a README and `files`, and extra refs on top of it. */
const repo = (
  fullName: string,
  files: Record<string, string>,
  refs?: Record<string, Record<string, string>>,
) => world.repo(fullName, { 'README.md': `# ${fullName}\n`, ...files }, refs);

const findingOf = (s: Sweep, repository: string, key: OpenAIKeyRecord) =>
  s.results[repository]?.findings.find((f: any) => f.fingerprint === fingerprint(key.value));
const isOurs = (value: string | undefined) => Object.values(k).some((x) => x.value === value);
const replacementFor = (value: string | undefined) => world.replacementFor(value, Object.values(k));
const puts = (path: string) => world.puts(path);
const deleted = (key: OpenAIKeyRecord) => world.deleted(key);

let first: Sweep;
let firstEvents: string[];
let second: Sweep;
/** Repositories in the order the shard sweeps them: the unlisted acme/aaa before the listed acme/pay. */
const ORDER = [
  'acme/aaa',
  'acme/app',
  'acme/batch',
  'acme/pay',
  'acme/shop',
  'acme/twin-a',
  'acme/twin-b',
  'acme/web',
];

beforeAll(async () => {
  ({ gh, openai } = await world.start());

  const prod = openai.addProject('prod');
  const sandbox = openai.addProject('sandbox');
  world.admin = openai.addAdminKey().value;
  // Production keys in secrets, and keys of ours (a sandbox's) an attacker learnt somewhere.
  for (const name of ['prod', 'queue', 'batchProd', 'web', 'shared', 'shop', 'twin'])
    k[name] = openai.addKey({ projectId: prod.id });
  for (const name of ['inPr', 'inListedPr', 'onBranch', 'onMain'])
    k[name] = openai.addKey({ projectId: sandbox.id });

  gh.addOrgRepos(
    'acme',
    ORDER.map((full) => ({ name: full.split('/')[1]! })),
  );
  const id = (name: string) => gh.orgRepoId('acme', name);
  gh.setSecret('org:acme', 'OPENAI_API_KEY', k.prod!.value, { visibility: 'all' });
  gh.setSecret('org:acme', 'OPENAI_QUEUE_KEY', k.queue!.value, {
    visibility: 'selected',
    selected_repository_ids: [id('app'), gh.repoId],
  });
  // Not shared with the central repository: keyguard cannot read what it holds.
  gh.setSecret('org:acme', 'OPENAI_BATCH_KEY', k.batchProd!.value, {
    visibility: 'selected',
    selected_repository_ids: [id('batch')],
  });
  gh.setSecret('org:acme', 'OPENAI_SHARED_KEY', k.shared!.value, {
    visibility: 'selected',
    selected_repository_ids: [id('aaa'), gh.repoId],
  });
  gh.setSecret('repo:acme/web', 'OPENAI_API_KEY', k.web!.value);
  gh.setSecret('repo:acme/pay', 'OPENAI_API_KEY', k.shared!.value);
  gh.setSecret('repo:acme/shop', 'OPENAI_API_KEY', k.shop!.value);
  gh.setSecret('repo:acme/twin-a', 'OPENAI_API_KEY', k.twin!.value);
  gh.setSecret('repo:acme/twin-b', 'OPENAI_API_KEY', k.twin!.value);

  repo('acme/aaa', { 'ci.env': `OPENAI_SHARED_KEY=${k.shared!.value}\n` });
  repo(
    'acme/app',
    {},
    {
      // An outsider's pull request: a key of ours learnt elsewhere, and the queue's key.
      'refs/pull/7/head': { 'leak.env': `A=${k.inPr!.value}\nB=${k.queue!.value}\n` },
      // A branch anyone with write access can push (no protection): as untrusted as a PR head.
      'refs/heads/feature': { 'branch.env': `C=${k.onBranch!.value}\n` },
    },
  );
  repo('acme/batch', { 'batch.env': `OPENAI_BATCH_KEY=${k.onMain!.value}\n` });
  repo('acme/pay', { 'pay.env': `OPENAI_API_KEY=${k.shared!.value}\n` });
  repo('acme/shop', { 'shop.env': `OPENAI_API_KEY=${k.shop!.value}\n` });
  repo('acme/twin-a', { 'a.env': `OPENAI_API_KEY=${k.twin!.value}\n` });
  repo('acme/twin-b', { 'b.env': `OPENAI_API_KEY=${k.twin!.value}\n` });
  repo('acme/web', {}, { 'refs/pull/8/head': { 'pr.env': `OPENAI_API_KEY=${k.inListedPr!.value}\n` } });

  const { plan } = await world.plan(1);
  const shard = plan.include[0];
  shard.repos = [...ORDER];
  const shardFile = join(scratch, 'shard.json');
  writeFileSync(shardFile, JSON.stringify(shard));

  // acme/twin-b's secret cannot be written tonight (GitHub failing past the retry budget).
  gh.injectFault({
    method: 'PUT',
    path: '/repos/acme/twin-b/actions/secrets/OPENAI_API_KEY',
    fault: { kind: 'status', status: 502 },
    times: 100,
  });
  first = await world.sweepAndReport(shardFile);
  firstEvents = [...events];
  gh.server.clearFaults();
  second = await world.sweepAndReport(shardFile);
}, 900_000);

afterAll(() => world.stop());

describe('hole 5: a key planted where an outsider can write', () => {
  it.each([
    { name: 'a pull request head of an unlisted repository', repository: 'acme/app', key: 'inPr' },
    { name: 'an unprotected branch', repository: 'acme/app', key: 'onBranch' },
    { name: 'a pull request head of a listed repository', repository: 'acme/web', key: 'inListedPr' },
  ])('in $name is verified, reported and left live, with no secret written for it', ({ repository, key }) => {
    const f = findingOf(first, repository, k[key]!);
    expect(f.verification.status).toBe('live');
    expect(f.rotation.status).toBe('skipped');
    expect(f.rotation.detail).toMatch(/proven|proves nothing/);
    expect(deleted(k[key]!)).toBe(false);
  });

  it('never overwrites the organisation secret every repository shares (it holds another key)', () => {
    expect(gh.secretValue('org:acme', 'OPENAI_API_KEY') === k.prod!.value).toBe(true); // compared, never printed
    expect(puts('/orgs/acme/actions/secrets/OPENAI_API_KEY')).toEqual([]);
    expect(deleted(k.prod!)).toBe(false);
  });

  it("never overwrites a listed repository's own secret on a pull request's evidence", () => {
    expect(gh.secretValue('repo:acme/web', 'OPENAI_API_KEY') === k.web!.value).toBe(true); // compared, never printed
    expect(puts('/repos/acme/web/actions/secrets/OPENAI_API_KEY')).toEqual([]);
  });

  it('rotates a key from a pull request head into the organisation secret proven to hold it', () => {
    expect(findingOf(first, 'acme/app', k.queue!).rotation.status).toBe('rotated');
    expect(replacementFor(gh.secretValue('org:acme', 'OPENAI_QUEUE_KEY'))).toBeDefined();
    expect(deleted(k.queue!)).toBe(true);
  });

  it('does not write an organisation secret whose value it cannot read, even for a key on the default branch', () => {
    const f = findingOf(first, 'acme/batch', k.onMain!);
    expect(f.rotation.status).toBe('skipped');
    expect(f.rotation.detail).toMatch(/OPENAI_BATCH_KEY/);
    expect(f.rotation.detail).toMatch(/env/);
    expect(gh.secretValue('org:acme', 'OPENAI_BATCH_KEY') === k.batchProd!.value).toBe(true); // compared, never printed
    expect(puts('/orgs/acme/actions/secrets/OPENAI_BATCH_KEY')).toEqual([]);
    expect(deleted(k.onMain!)).toBe(false);
  });
});

describe('hole 6: one key in several repositories of a shard', () => {
  it.each([
    {
      name: 'an unlisted repository swept before the listed one',
      places: [
        ['org:acme', 'OPENAI_SHARED_KEY'],
        ['repo:acme/pay', 'OPENAI_API_KEY'],
      ],
      key: 'shared',
      repositories: ['acme/aaa', 'acme/pay'],
    },
    {
      name: 'two listed repositories whose secrets hold it, one not writable on the first night',
      places: [
        ['repo:acme/twin-a', 'OPENAI_API_KEY'],
        ['repo:acme/twin-b', 'OPENAI_API_KEY'],
      ],
      key: 'twin',
      repositories: ['acme/twin-a', 'acme/twin-b'],
    },
  ])(
    'with $name: every place holds the same live replacement and the key is disabled',
    ({ places, key, repositories }) => {
      const values = places.map(([scope, name]) => gh.secretValue(scope!, name!));
      expect(new Set(values).size).toBe(1);
      const replacement = replacementFor(values[0]);
      expect(replacement).toBeDefined();
      expect(replacement!.deleted).toBe(false);
      expect(deleted(k[key]!)).toBe(true);
      const night = key === 'twin' ? second : first;
      for (const r of repositories) expect(findingOf(night, r, k[key]!).rotation.status).toBe('rotated');
    },
  );

  it('disables the key only after every place holds the replacement', () => {
    world.expectDeletedAfterPuts(
      k.shared!,
      ['/orgs/acme/actions/secrets/OPENAI_SHARED_KEY', '/repos/acme/pay/actions/secrets/OPENAI_API_KEY'],
      firstEvents,
    );
  });

  it('keeps two keys in secrets of one name in two repositories apart', () => {
    const pay = gh.secretValue('repo:acme/pay', 'OPENAI_API_KEY');
    const shop = gh.secretValue('repo:acme/shop', 'OPENAI_API_KEY');
    expect(replacementFor(shop)).toBeDefined();
    expect(shop === pay).toBe(false);
    expect(deleted(k.shop!)).toBe(true);
  });

  it('keeps the key live in every repository while one place holding it cannot be written', () => {
    expect(findingOf(first, 'acme/twin-a', k.twin!).rotation.status).toBe('failed');
    expect(findingOf(first, 'acme/twin-b', k.twin!).rotation.status).toBe('failed');
    expect(firstEvents.some((e) => e.startsWith('openai DELETE ') && e.includes(k.twin!.id))).toBe(false);
  });

  it('still writes every result and the report, exits 2, and the re-run finishes with one replacement', () => {
    expect(Object.keys(first.results).sort()).toEqual(ORDER);
    expect(first.run.code).toBe(2);
    expect(first.reportCode).toBe(2);
    expect(first.report.summary.rotationFailed).toBeGreaterThanOrEqual(2);
    expect(Object.keys(second.results).sort()).toEqual(ORDER);
    // Exactly one live replacement per place: the first night's (stored in acme/twin-a before
    // acme/twin-b failed) was deleted as an orphan once the re-run's was in both.
    const held = [
      ...MAPPED.concat('OPENAI_BATCH_KEY').map((name) => gh.secretValue('org:acme', name)),
      ...ORDER.map((r) => gh.secretValue(`repo:${r}`, 'OPENAI_API_KEY')),
    ];
    const live = [...openai.keys.values()].filter((x) => !x.deleted && !isOurs(x.value));
    expect(live.length).toBeGreaterThan(0);
    for (const r of live) expect(held.includes(r.value)).toBe(true);
    expect(second.run.code).toBe(1);
  });
});

describe('what the red-team night writes', () => {
  it('holds no whole key and no token in any output, result file or incident', () => {
    world.expectNoKeyOrTokenWritten([...Object.values(k).map((x) => x.value), world.admin, world.stateKey]);
  });
});
