/**
 * A leaked OpenAI ADMIN key (`sk-admin-…`) is contained end to end through the bundled action
 * (dist/index.js): located among the organization's admin keys, replaced by a new admin key, the
 * replacement stored in the secret that held the leaked one (never in the API-key secrets), verified
 * with a read-only admin call, and only then the leaked key deleted. Here the leaked key is
 * keyguard's own `openai-admin-key`: it rotates itself and continues with the replacement.
 */
import { fingerprint } from '../../src/scan/secret.js';
import type { GitHubEmulator } from '../emulators/github.js';
import { type OpenAIAdminKey, type OpenAIEmulator, startOpenAIEmulator } from '../emulators/openai.js';
import type { RunResult, TestRepo } from './harness.js';
import {
  expectNoWholeKey,
  journalOf,
  knownSecrets,
  leakRepo,
  runKeyguard,
  startGitHub,
  stepsOf,
} from './helpers/world.js';

/** The API-key secrets: an admin key must never be written there. */
const CONFIG = `rotation:
  openai:
    env: prod
    purpose: chat-api
    scopes: [api.model.request]
    secrets:
      - { name: OPENAI_API_KEY }
`;

let github: GitHubEmulator;
let openai: OpenAIEmulator;
let repo: TestRepo | undefined;
beforeEach(async () => {
  github = await startGitHub();
  openai = await startOpenAIEmulator();
});
afterEach(async () => {
  repo?.cleanup();
  repo = undefined;
  await Promise.all([github.stop(), openai.stop()]);
});

interface World {
  leaked: OpenAIAdminKey;
  appKey: string;
}

/** keyguard's own admin key, held by the repository secret OPENAI_ADMIN_KEY, committed by mistake. */
function leak(): World {
  const project = openai.addProject('prod');
  const app = openai.addKey({ projectId: project.id });
  const leaked = openai.addAdminKey('keyguard');
  openai.addAdminKey('break-glass');
  github.setSecret('repo', 'OPENAI_ADMIN_KEY', leaked.value);
  github.setSecret('repo', 'OPENAI_API_KEY', app.value);
  repo = leakRepo(leaked.value, { config: CONFIG, variable: 'OPENAI_ADMIN_KEY' });
  return { leaked, appKey: app.value };
}

/**
 * A sweep as the workflow runs it: the admin key input and the OPENAI_ADMIN_KEY env both read the
 * repository secret at the time of the run (a re-run reads the secret's value then).
 */
function sweep(w: World, env: Record<string, string> = {}): Promise<RunResult> {
  const admin = github.secretValue('repo', 'OPENAI_ADMIN_KEY')!;
  return runKeyguard({
    repo: repo!,
    github,
    inputs: { 'openai-base-url': openai.apiBase, 'openai-admin-key': admin },
    env: { OPENAI_ADMIN_KEY: admin, OPENAI_API_KEY: w.appKey, ...env },
  });
}

/** Admin keys still active at OpenAI, other than the two the world started with. */
function liveAdminReplacements(w: World): OpenAIAdminKey[] {
  return [...openai.adminKeys.values()].filter(
    (k) => !k.deleted && k.id !== w.leaked.id && k.name !== 'break-glass',
  );
}

/** One live admin replacement, in OPENAI_ADMIN_KEY; the leaked admin key deleted; the app key untouched. */
function expectContained(w: World): OpenAIAdminKey {
  const live = liveAdminReplacements(w);
  expect(live).toHaveLength(1);
  expect(github.secretValue('repo', 'OPENAI_ADMIN_KEY')).toBe(live[0]!.value);
  expect(github.secretValue('repo', 'OPENAI_API_KEY')).toBe(w.appKey);
  expect(openai.adminKeyState(w.leaked.id)).toBe('deleted');
  return live[0]!;
}

describe('a leaked OpenAI admin key that is keyguard’s own', () => {
  it('is replaced by a new admin key in the secret that held it, verified, then deleted with the replacement', async () => {
    const w = leak();
    const run = await sweep(w);

    const replacement = expectContained(w);
    expect(run.outputs).toMatchObject({ rotated: '1', disabled: '1', live: '0' });
    expect(run.stdout).toContain(
      "keyguard's own OpenAI admin key is the leaked one: it continues with the replacement",
    );
    const j = journalOf(github, fingerprint(w.leaked.value));
    expect(j.status).toBe('rotated');
    expect(j.leakedRef).toMatchObject({ id: w.leaked.id, ownerType: 'admin' });
    expect(j.replacement?.ref).toMatchObject({ id: replacement.id, ownerType: 'admin' });
    expect(stepsOf(j)).toEqual([
      'plan:done',
      'create:started',
      'create:done',
      'store:started',
      'store:done',
      'verify-new:done',
      'disable:started',
      'disable:done',
      'verify-old:done',
      'close:done',
    ]);
    const calls = openai.requests.map((r) => ({
      call: `${r.method} ${r.path}`,
      as: r.headers.authorization === `Bearer ${replacement.value}` ? 'replacement' : 'leaked',
    }));
    // No project key, no service account was made; the rest are admin-key calls and the audit's reads.
    expect(calls.filter((c) => !/\/organization\/(admin_api_keys|usage|audit_logs)/.test(c.call))).toEqual(
      [],
    );
    expect(openai.requests.filter((r) => r.method === 'POST').map((r) => r.path)).toEqual([
      '/v1/organization/admin_api_keys',
    ]);
    const create = calls.findIndex((c) => c.call === 'POST /v1/organization/admin_api_keys');
    const del = calls.findIndex((c) => c.call === `DELETE /v1/organization/admin_api_keys/${w.leaked.id}`);
    expect(create).toBeGreaterThan(0);
    expect(del).toBeGreaterThan(create);
    // keyguard continues with the replacement: the delete and everything after it use it.
    expect(
      calls
        .slice(del)
        .filter((c) => c.as === 'leaked')
        .map((c) => c.call),
    ).toEqual([
      // verify-old: the leaked key itself, refused.
      'GET /v1/organization/admin_api_keys',
    ]);
    expect(calls[del]!.as).toBe('replacement');
    // The replacement was verified (a read-only admin call with it) before the delete.
    expect(calls.slice(create + 1, del).some((c) => c.as === 'replacement' && c.call.startsWith('GET'))).toBe(
      true,
    );
    const puts = github.requests.filter((r) => r.method === 'PUT');
    expect(puts.map((r) => r.path)).toEqual(['/repos/acme/app/actions/secrets/OPENAI_ADMIN_KEY']);
    process.stdout.write(
      `e2e: admin-key rotation: ${openai.requests.length} OpenAI requests (${calls
        .map((c) => c.call.replace(/\/v1\/organization\/admin_api_keys/, '…'))
        .join(', ')}), ${github.requests.length} GitHub requests\n`,
    );
    expectNoWholeKey(run, github, knownSecrets(openai));
  });

  it('stays alive when the replacement cannot be stored, and a re-run finishes with one replacement', async () => {
    const w = leak();
    github.injectFault({
      method: 'PUT',
      path: /\/actions\/secrets\/OPENAI_ADMIN_KEY$/,
      times: 100,
      fault: { kind: 'status', status: 500, body: { message: 'Server Error' } },
    });
    const first = await sweep(w);
    expect(first.code).toBe(2);
    expect(first.stdout).toContain('stopped at step "store"');
    // No delete: the leaked admin key still works, and still sits in its secret.
    expect(openai.requestsTo('DELETE', new RegExp(w.leaked.id))).toHaveLength(0);
    expect(openai.adminKeyState(w.leaked.id)).toBe('active');
    expect(github.secretValue('repo', 'OPENAI_ADMIN_KEY')).toBe(w.leaked.value);

    github.server.clearFaults();
    const second = await sweep(w);
    expect(second.outputs).toMatchObject({ rotated: '1', disabled: '1' });
    // The first replacement's value was lost with the first run: it is deleted as an orphan.
    expectContained(w);
    expect(stepsOf(journalOf(github, fingerprint(w.leaked.value)))).toContain('cleanup-orphan:done');
    expectNoWholeKey(first, github, knownSecrets(openai));
    expectNoWholeKey(second, github, knownSecrets(openai));
  });

  it('finishes on a re-run that reads the replacement from the secret after the delete failed', async () => {
    const w = leak();
    openai.injectFault({
      method: 'DELETE',
      path: /\/admin_api_keys\//,
      times: 100,
      fault: { kind: 'status', status: 500, body: { error: { message: 'The server had an error' } } },
    });
    const first = await sweep(w);
    expect(first.code).toBe(2);
    expect(first.stdout).toContain('stopped at step "disable"');
    const replacement = liveAdminReplacements(w);
    expect(replacement).toHaveLength(1);
    // Stored before the delete was tried: the secret (and so the next run's input) is the replacement.
    expect(github.secretValue('repo', 'OPENAI_ADMIN_KEY')).toBe(replacement[0]!.value);

    openai.clearFaults();
    const second = await sweep(w);
    expect(second.outputs).toMatchObject({ disabled: '1' });
    expect(second.stdout).not.toContain('rotation(s) failed');
    // The journal sealed with the replacement was trusted: no second replacement was made.
    expect(openai.requestsTo('POST', '/v1/organization/admin_api_keys')).toHaveLength(1);
    expect(expectContained(w).id).toBe(replacement[0]!.id);
    expect(journalOf(github, fingerprint(w.leaked.value)).status).toBe('rotated');
    expectNoWholeKey(first, github, knownSecrets(openai));
    expectNoWholeKey(second, github, knownSecrets(openai));
  });

  it('writes nothing and deletes nothing when no secret is known to hold the admin key', async () => {
    const w = leak();
    const admin = github.secretValue('repo', 'OPENAI_ADMIN_KEY')!;
    const run = await runKeyguard({
      repo: repo!,
      github,
      inputs: { 'openai-base-url': openai.apiBase, 'openai-admin-key': admin },
      // OPENAI_ADMIN_KEY is not mapped into the env: keyguard cannot tell which secret its input came from.
      env: { OPENAI_API_KEY: w.appKey },
    });
    expect(run.summary).toMatch(/keyguard's own openai-admin-key input/);
    expect(openai.requests.filter((r) => r.method !== 'GET')).toEqual([]);
    expect(github.requests.filter((r) => r.method === 'PUT')).toEqual([]);
    expect(openai.adminKeyState(w.leaked.id)).toBe('active');
    expect(run.outputs).toMatchObject({ rotated: '0', live: '1' });
    expectNoWholeKey(run, github, knownSecrets(openai));
  });

  it('deletes none of ours when a pushed admin key of another organization has the same hint as ours', async () => {
    const w = leak();
    // The attack: someone else's live admin key, chosen (or unlucky) to end like keyguard's own.
    const theirs = openai.addForeignAdminKey(w.leaked);
    // Only theirs is committed here; keyguard's own admin key is just its input.
    repo!.cleanup();
    repo = leakRepo(theirs.value, { config: CONFIG, variable: 'OPENAI_ADMIN_KEY' });
    // Even held by a secret of ours, a key that names another organization is not rotated.
    github.setSecret('repo', 'VENDOR_ADMIN_KEY', theirs.value);
    const run = await sweep(w, { VENDOR_ADMIN_KEY: theirs.value });
    expect(run.summary).toMatch(/not our organization's key|NOT OUR KEY/i);
    expect(openai.requests.filter((r) => r.method !== 'GET')).toEqual([]);
    expect(openai.adminKeyState(w.leaked.id)).toBe('active');
    expect(openai.adminKeyState(theirs.id)).toBe('active');
    expect(github.requests.filter((r) => r.method === 'PUT')).toEqual([]);
    expectNoWholeKey(run, github, knownSecrets(openai));
  });
});
