/**
 * The bundled action (dist/index.js) rotates a leaked OpenAI key end to end, as a runner would run
 * it: emulated OpenAI and GitHub over real HTTP, the key committed in a test repository and mapped
 * into the step env. Faults are injected at every step; each failed run is followed by a re-run.
 */
import { fingerprint } from '../../src/scan/secret.js';
import type { GitHubEmulator } from '../emulators/github.js';
import { type OpenAIEmulator, type OpenAIKeyRecord, startOpenAIEmulator } from '../emulators/openai.js';
import type { RunResult, TestRepo } from './harness.js';
import {
  expectNoWholeKey,
  GITHUB_TOKENS,
  ISSUES_TOKEN,
  journalOf,
  knownSecrets,
  leakRepo,
  liveReplacements,
  newOpenAILeak,
  openaiInputs,
  runKeyguard,
  runOver,
  type SweepOptions,
  startGitHub,
  stepsOf,
  watchRequests,
} from './helpers/world.js';

const CONFIG = `rotation:
  openai:
    env: prod
    purpose: chat-api
    scopes: [api.model.request]
    secrets:
      - { name: OPENAI_API_KEY }
      - { name: OPENAI_API_KEY, environment: prod }
      - { name: OPENAI_API_KEY, org: acme, visibility: private }
`;
const SCOPES = ['repo', 'env:prod', 'org:acme'];

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

/** A leaked project key that every configured secret holds, committed to the repository. */
function leak() {
  const w = newOpenAILeak(openai);
  for (const scope of SCOPES) github.setSecret(scope, 'OPENAI_API_KEY', w.leaked.value);
  repo = leakRepo(w.leaked.value, { config: CONFIG });
  return w;
}

function sweep(w: ReturnType<typeof leak>, over: Partial<SweepOptions> = {}): Promise<RunResult> {
  const base: SweepOptions = {
    repo: repo!,
    github,
    inputs: openaiInputs(openai, w.admin.value),
    env: { OPENAI_API_KEY: w.leaked.value },
  };
  return runOver(base, over);
}

/** The end state of every finished rotation: one live replacement, in every secret; leaked key gone. */
function expectRotated(w: ReturnType<typeof leak>): OpenAIKeyRecord {
  const live = liveReplacements(openai, w.leaked);
  expect(live).toHaveLength(1);
  for (const scope of SCOPES) expect(github.secretValue(scope, 'OPENAI_API_KEY')).toBe(live[0]!.value);
  expect(live[0]!.projectId).toBe(w.project.id);
  expect(openai.keyState(w.leaked.id)).toBe('deleted');
  return live[0]!;
}

/** The OpenAI emulator's answer to `GET /v1/models` with this key. */
async function modelsStatus(key: string): Promise<number> {
  const res = await fetch(`${openai.apiBase}/models`, { headers: { authorization: `Bearer ${key}` } });
  await res.text();
  return res.status;
}

describe('OpenAI happy path', () => {
  it('stores a live replacement in the repo, environment and org secrets and deletes the leaked key', async () => {
    const w = leak();
    let disabledAt = 0;
    watchRequests(openai.server, (r, at) => {
      if (r.method === 'DELETE' && r.path.endsWith(`/api_keys/${w.leaked.id}`)) disabledAt = at;
    });
    const started = Date.now();
    // Production waits (no KEYGUARD_RETRY_SCALE): the time measured is what a runner would see.
    const run = await sweep(w, { env: { KEYGUARD_RETRY_SCALE: '' } });

    const replacement = expectRotated(w);
    expect(replacement.scopes).toEqual(['api.model.request']);
    // What a consumer of the secrets sees now: the stored key works, the leaked one is refused.
    expect(await modelsStatus(github.secretValue('env:prod', 'OPENAI_API_KEY')!)).toBe(200);
    expect(await modelsStatus(w.leaked.value)).toBe(401);
    expect(run.summary).toContain('### Rotation: 1 replaced, 1 disabled');
    expect(run.outputs).toMatchObject({ rotated: '1', disabled: '1', live: '0' });
    expect(run.outputs.incident).toMatch(/\/issues\/1$/);
    expect(github.issues[0]!.state).toBe('open'); // the key is still in HEAD
    // The key is still in the tree and its history: a finding until removed or baselined.
    expect(run.code).toBe(1);
    const j = journalOf(github, fingerprint(w.leaked.value));
    expect(j.status).toBe('rotated');
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
    // Admin key and both tokens are masked before anything else is printed.
    for (const v of [w.admin.value, ...GITHUB_TOKENS]) expect(run.stdout).toContain(`::add-mask::${v}\n`);
    expect(run.stdout.indexOf('keyguard: scanning')).toBeGreaterThan(
      run.stdout.indexOf(`::add-mask::${ISSUES_TOKEN}`),
    );
    expectNoWholeKey(run, github, knownSecrets(openai));
    const ms = disabledAt - started;
    expect(disabledAt).toBeGreaterThan(0);
    process.stdout.write(`e2e: process start to leaked key disabled: ${ms} ms\n`);
  });

  it('changes nothing in a dry run: no key made, no secret written, no issue opened', async () => {
    const w = leak();
    const run = await sweep(w, { inputs: { 'dry-run': 'true' } });

    expect(run.stdout).toContain('dry run: nothing was changed');
    // Writes only: the GraphQL viewer query (who keyguard is) reads.
    expect(github.requests.filter((r) => r.method !== 'GET' && r.path !== '/graphql')).toEqual([]);
    expect(github.issues).toEqual([]);
    expect(openai.requests.filter((r) => r.method !== 'GET')).toEqual([]);
    expect(liveReplacements(openai, w.leaked)).toEqual([]);
    expect(openai.keyState(w.leaked.id)).toBe('active');
    for (const scope of SCOPES) expect(github.secretValue(scope, 'OPENAI_API_KEY')).toBe(w.leaked.value);
    expect(run.outputs).toMatchObject({ rotated: '0', disabled: '0' });
    expectNoWholeKey(run, github, knownSecrets(openai));
  });
});

describe('other ways to run', () => {
  it('only deletes the leaked key with rotate: disable, leaving the secrets alone', async () => {
    const w = leak();
    const run = await sweep(w, { inputs: { rotate: 'disable' } });
    expect(run.outputs).toMatchObject({ rotated: '0', disabled: '1' });
    expect(openai.keyState(w.leaked.id)).toBe('deleted');
    expect(liveReplacements(openai, w.leaked)).toEqual([]);
    expect(github.requests.filter((r) => r.method === 'PUT')).toEqual([]);
    expect(journalOf(github, fingerprint(w.leaked.value)).status).toBe('contained');
    expectNoWholeKey(run, github, knownSecrets(openai));
  });

  it('ends with one replacement when two workflow runs rotate the same key at once', async () => {
    const w = leak();
    // Production lock waits: the second run must see the first one's lock, or its finished journal.
    const env = { KEYGUARD_RETRY_SCALE: '' };
    const [a, b] = await Promise.all([
      sweep(w, { env: { ...env, GITHUB_RUN_ID: '5001' } }),
      sweep(w, { env: { ...env, GITHUB_RUN_ID: '5002' } }),
    ]);
    expectRotated(w);
    // The run that lost the race says why, and changed nothing.
    for (const r of [a, b].filter((x) => x.outputs.rotated === '0')) {
      expect(r.stdout).toMatch(/is already being rotated by run 500[12]/);
    }
    expect(Number(a.outputs.rotated) + Number(b.outputs.rotated)).toBeGreaterThanOrEqual(1);
    expect(github.issues.filter((i) => i.state === 'open')).toHaveLength(1);
    expectNoWholeKey(a, github, knownSecrets(openai));
    expectNoWholeKey(b, github, knownSecrets(openai));
  });
});

describe('a leak only in the history', () => {
  it('is rotated, and its incident closed since the key is revoked and no longer in HEAD', async () => {
    const w = leak();
    repo!.commit('read the key from the environment', {
      'app/settings.py': 'import os\n\nOPENAI_API_KEY = os.environ["OPENAI_API_KEY"]\n',
    });
    const run = await sweep(w);
    expectRotated(w);
    expect(run.outputs).toMatchObject({ rotated: '1', disabled: '1' });
    expect(github.issues[0]!.state).toBe('closed');
    expectNoWholeKey(run, github, knownSecrets(openai));
  });
});

describe('a failed step, then a re-run', () => {
  /** First run fails naming `step`; the re-run (same GITHUB_RUN_ID) finishes the rotation. */
  async function failThenRerun(w: ReturnType<typeof leak>, step: string, heal: () => void) {
    const first = await sweep(w);
    expect(first.code).toBe(2); // a rotation that did not finish is keyguard failing its job
    expect(first.stdout).toContain(`stopped at step "${step}"`);
    expect(first.stdout).toContain('1 rotation(s) failed; re-run the workflow to finish them');
    expect(first.outputs).toMatchObject({ rotated: '0', disabled: '0' });
    expect(journalOf(github, fingerprint(w.leaked.value)).status).toBe('failed');
    heal();
    const second = await sweep(w);
    expect(second.outputs).toMatchObject({ rotated: '1', disabled: '1' });
    expect(second.code).toBe(1); // fail-on any: the key is still in the repository
    expect(second.stdout).not.toContain('rotation(s) failed');
    const j = journalOf(github, fingerprint(w.leaked.value));
    expect(j.status).toBe('rotated');
    expect(stepsOf(j)).toContain(`${step}:failed`);
    expect(stepsOf(j).at(-1)).toBe('close:done');
    expectNoWholeKey(first, github, knownSecrets(openai));
    expectNoWholeKey(second, github, knownSecrets(openai));
    return { first, second, journal: j };
  }

  it('recovers from OpenAI answering 500 to the create call', async () => {
    const w = leak();
    openai.injectFault({
      method: 'POST',
      path: /\/service_accounts$/,
      times: 100,
      fault: { kind: 'status', status: 500, body: { error: { message: 'The server had an error' } } },
    });
    const { first } = await failThenRerun(w, 'create', () => openai.clearFaults());
    expect(first.stdout).toMatch(/stopped at step "create":.*500/);
    expectRotated(w);
  });

  it('recovers from GitHub answering 500 to a secret PUT, deleting the orphaned first replacement', async () => {
    const w = leak();
    github.injectFault({
      method: 'PUT',
      path: /\/environments\/prod\/secrets\/OPENAI_API_KEY$/,
      times: 100,
      fault: { kind: 'status', status: 500, body: { message: 'Server Error' } },
    });
    await failThenRerun(w, 'store', () => github.server.clearFaults());
    const replacement = expectRotated(w);
    const orphans = [...openai.keys.values()].filter(
      (k) => k.ownerType === 'service_account' && k.id !== replacement.id,
    );
    expect(orphans).toHaveLength(1);
    expect(orphans[0]!.deleted).toBe(true);
  });

  it('finishes after the leaked key DELETE keeps dropping the connection once the secrets hold the replacement', async () => {
    const w = leak();
    openai.injectFault({
      method: 'DELETE',
      path: `/v1/organization/projects/${w.project.id}/api_keys/${w.leaked.id}`,
      times: 100,
      fault: { kind: 'drop' },
    });
    let storedAfterFirst: (string | undefined)[] = [];
    const { first, journal } = await failThenRerun(w, 'disable', () => {
      storedAfterFirst = SCOPES.map((scope) => github.secretValue(scope, 'OPENAI_API_KEY'));
      openai.clearFaults();
    });
    expect(first.stdout).toMatch(/stopped at step "disable":.*DELETE/);
    // The first run had stored the replacement everywhere before it failed.
    expect(new Set(storedAfterFirst).size).toBe(1);
    expect(storedAfterFirst[0]).not.toBe(w.leaked.value);
    // The first run stored the replacement: the re-run only disables, making no second key.
    expect(stepsOf(journal).filter((s) => s === 'create:done')).toHaveLength(1);
    expectRotated(w);
  });

  it('rides out 429 storms with Retry-After and finishes on a re-run when one outlasts the retries', async () => {
    const w = leak();
    // GitHub: a short secondary rate limit storm, absorbed by waiting retry-after.
    github.triggerSecondaryRateLimit({ times: 2, retryAfterSeconds: 0, status: 429 });
    // OpenAI: locate pages absorbed (2 × 5 ms of the run's 30 ms scaled budget); the create call
    // rate-limited longer than what is left of the budget.
    openai.rateLimit(/\/api_keys$/, 2, 0.005);
    openai.rateLimit(/\/service_accounts$/, 4, 0.02);
    const { first } = await failThenRerun(w, 'create', () => openai.clearFaults());
    expect(first.stdout).toMatch(/stopped at step "create":.*429/);
    // One retry layer under one budget: the create stopped once a Retry-After no longer fit, well
    // before the storm's 4 answers (it used to be waited out three times, then retried by the saga).
    const limited = openai.requestsTo('POST', /\/service_accounts$/).filter((r) => r.status === 429);
    expect(limited.length).toBeGreaterThanOrEqual(1);
    expect(limited.length).toBeLessThan(4);
    expect(github.requests.filter((r) => r.status === 429)).toHaveLength(2);
    expectRotated(w);
  });
});

describe('refusals', () => {
  it('says a PAT or App token with Secrets: write is needed when secrets-token is the GITHUB_TOKEN', async () => {
    const w = leak();
    const run = await sweep(w, { inputs: { 'secrets-token': ISSUES_TOKEN } });
    expect(run.code).toBe(2);
    expect(run.stdout).toMatch(/Secrets: write/);
    expect(run.stdout).toMatch(
      /GITHUB_TOKEN cannot .* personal access token or a GitHub App installation token/,
    );
    expect(run.outputs).toMatchObject({ rotated: '0', disabled: '0' });
    // Refused before anything changed: no replacement nobody could store, nothing disabled.
    expect(openai.requests.filter((r) => r.method !== 'GET')).toEqual([]);
    expect(openai.keyState(w.leaked.id)).toBe('active');
    expect(github.requests.filter((r) => r.method === 'PUT')).toEqual([]);
    for (const scope of SCOPES) expect(github.secretValue(scope, 'OPENAI_API_KEY')).toBe(w.leaked.value);
    expectNoWholeKey(run, github, knownSecrets(openai));
  });

  it('never sends the admin key anywhere on a pull_request_target from the same repository', async () => {
    const { leaked, admin } = newOpenAILeak(openai);
    repo = leakRepo('nothing here', { config: CONFIG });
    const payload = pullRequestAdding(repo, leaked.value, 8, 'acme/app');
    const run = await runKeyguard({
      repo,
      github,
      eventName: 'pull_request_target',
      payload,
      inputs: {
        'openai-base-url': openai.apiBase,
        'openai-admin-key': admin.value,
        verify: 'true',
        rotate: 'rotate',
      },
      env: { OPENAI_API_KEY: leaked.value },
    });
    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ 'new-findings': '1', live: '1', rotated: '0', disabled: '0' });
    // Verified with the leaked key itself; the admin key never left the action.
    expect(openai.requests.length).toBeGreaterThan(0);
    expect(openai.requests.filter((r) => JSON.stringify(r.headers).includes(admin.value))).toEqual([]);
    // Only the sticky pull-request comment talks to GitHub (with the issues token): no secret, no issue.
    expect(
      github.requests.filter((r) => !/^\/(graphql|repos\/acme\/app\/issues\/8\/comments)$/.test(r.path)),
    ).toEqual([]);
    expect(github.requests.filter((r) => JSON.stringify(r).includes(admin.value))).toEqual([]);
    expectNoWholeKey(run, github, knownSecrets(openai));
  });

  it('never rotates nor calls an admin endpoint on a pull request from a fork', async () => {
    const { leaked, admin } = newOpenAILeak(openai);
    repo = leakRepo('nothing here', { config: CONFIG });
    const payload = pullRequestAdding(repo, leaked.value, 7, 'mallory/app');
    const run = await runKeyguard({
      repo,
      github,
      eventName: 'pull_request',
      payload,
      inputs: { ...openaiInputs(openai, admin.value), rotate: 'rotate' },
      env: { OPENAI_API_KEY: leaked.value },
    });
    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ 'new-findings': '1', rotated: '0', disabled: '0' });
    expect(openai.requests.filter((r) => r.path.startsWith('/v1/organization'))).toEqual([]);
    expect(openai.requests.filter((r) => r.method !== 'GET')).toEqual([]);
    expect(github.requests).toEqual([]);
    expect(openai.keyState(leaked.id)).toBe('active');
    expectNoWholeKey(run, github, knownSecrets(openai));
  });
});

/**
 * A commit on top of `repo`'s first that adds `key`, and the payload of pull request `number` that
 * proposes it from branch `feature` of `headRepo` (acme/app itself, or a fork) into main.
 */
function pullRequestAdding(repo: TestRepo, key: string, number: number, headRepo: string) {
  const base = repo.git('rev-parse', 'HEAD');
  const head = repo.commit('tune settings', { 'app/settings.py': `OPENAI_API_KEY = "${key}"\n` });
  return {
    pull_request: {
      number,
      base: { sha: base, ref: 'main', repo: { full_name: 'acme/app' } },
      head: { sha: head, ref: 'feature', repo: { full_name: headRepo } },
    },
  };
}

describe('manual dispatch (mode rotate)', () => {
  it('rotates the key held in the secret named by the workflow_dispatch input', async () => {
    const { leaked: current, admin } = newOpenAILeak(openai);
    for (const scope of SCOPES) github.setSecret(scope, 'OPENAI_API_KEY', current.value);
    repo = leakRepo('nothing here', { config: CONFIG });
    const run = await runKeyguard({
      repo,
      github,
      eventName: 'workflow_dispatch',
      payload: { inputs: { secret: 'OPENAI_API_KEY' } },
      inputs: {
        'openai-base-url': openai.apiBase,
        'openai-admin-key': admin.value,
        secret: 'OPENAI_API_KEY',
      },
      env: { KEYGUARD_SECRET_VALUE: current.value },
    });
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({ findings: '0', rotated: '1', disabled: '1' });
    expect(run.summary).toMatch(/manual rotation of OPENAI\\?_API\\?_KEY/);
    const live = liveReplacements(openai, current);
    expect(live).toHaveLength(1);
    for (const scope of SCOPES) expect(github.secretValue(scope, 'OPENAI_API_KEY')).toBe(live[0]!.value);
    expect(openai.keyState(current.id)).toBe('deleted');
    expectNoWholeKey(run, github, knownSecrets(openai));
  });
});

describe('max-key-age', () => {
  /** The repository secret holds `key`, last written 40 days ago, in a repository with no leak; returns that date. */
  function holdAgedKey(key: string): string {
    github.setSecret('repo', 'OPENAI_API_KEY', key);
    const old = new Date(Date.now() - 40 * 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    github.setSecretUpdatedAt('repo', 'OPENAI_API_KEY', old);
    repo = leakRepo('nothing here', {
      config: 'rotation:\n  openai:\n    secrets:\n      - { name: OPENAI_API_KEY }\n',
    });
    return old;
  }

  it('rotates a secret last written 40 days ago with no leak at all', async () => {
    const { leaked: current, admin } = newOpenAILeak(openai);
    const old = holdAgedKey(current.value);
    const run = await runKeyguard({
      repo: repo!,
      github,
      inputs: { ...openaiInputs(openai, admin.value), 'max-key-age': '30' },
      env: { OPENAI_API_KEY: current.value },
    });
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({ findings: '0', rotated: '1', disabled: '1' });
    const live = liveReplacements(openai, current);
    expect(live).toHaveLength(1);
    expect(github.secretValue('repo', 'OPENAI_API_KEY')).toBe(live[0]!.value);
    expect(Date.parse(github.secret('repo', 'OPENAI_API_KEY')!.updated_at)).toBeGreaterThan(Date.parse(old));
    expect(openai.keyState(current.id)).toBe('deleted');
    expectNoWholeKey(run, github, knownSecrets(openai));
  });

  it('leaves aged secrets to the sweep: a workflow_dispatch with max-key-age changes nothing', async () => {
    const { leaked: current, admin } = newOpenAILeak(openai);
    holdAgedKey(current.value);
    const run = await runKeyguard({
      repo: repo!,
      github,
      eventName: 'workflow_dispatch',
      inputs: { ...openaiInputs(openai, admin.value), 'max-key-age': '30' },
      env: { OPENAI_API_KEY: current.value },
    });
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({ findings: '0', rotated: '0', disabled: '0' });
    expect(openai.keyState(current.id)).toBe('active');
    expect(github.secretValue('repo', 'OPENAI_API_KEY')).toBe(current.value);
  });
});
