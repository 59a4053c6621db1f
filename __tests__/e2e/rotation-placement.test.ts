/**
 * Where a replacement lands, and whose key keyguard may rotate (issue 10, points 4 and 5), end to end
 * through dist/index.js with the GitHub and OpenAI emulators: a replacement goes exactly where the
 * leaked key was (an environment secret stays one, an org secret keeps its visibility and selected
 * repositories), a place that cannot be written keeps the leaked key alive, and a live key of
 * someone else's account, pushed into the repository, makes nothing and says it is not ours.
 */
import { fingerprint } from '../../src/scan/secret.js';
import type { GitHubEmulator } from '../emulators/github.js';
import { type OpenAIEmulator, type OpenAIKeyRecord, startOpenAIEmulator } from '../emulators/openai.js';
import type { RunResult, TestRepo } from './harness.js';
import {
  expectNoWholeKey,
  issueText,
  journalOf,
  knownSecrets,
  leakRepo,
  openaiInputs,
  runOver,
  type SweepOptions,
  startGitHub,
} from './helpers/world.js';

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

function ourKey() {
  const project = openai.addProject('prod');
  return { project, key: openai.addKey({ projectId: project.id }), admin: openai.addAdminKey() };
}

function run(admin: string, over: Partial<SweepOptions> = {}): Promise<RunResult> {
  return runOver({ repo: repo!, github, inputs: openaiInputs(openai, admin) }, over);
}

/** Keys keyguard made (service-account keys) that are still active. */
function made(): OpenAIKeyRecord[] {
  return [...openai.keys.values()].filter((k) => k.ownerType === 'service_account' && !k.deleted);
}

const puts = () => github.requests.filter((r) => r.method === 'PUT');

describe('a replacement lands exactly where the leaked key was', () => {
  it('keeps an environment secret an environment secret when a manual dispatch names it', async () => {
    // Ordinary configuration: the key lives in the prod environment only.
    const { key, admin } = ourKey();
    github.setSecret('env:prod', 'OPENAI_API_KEY', key.value);
    repo = leakRepo('nothing here', {
      config: 'rotation:\n  openai:\n    secrets:\n      - { name: OPENAI_API_KEY, environment: prod }\n',
    });
    const r = await run(admin.value, {
      eventName: 'workflow_dispatch',
      payload: { inputs: { secret: 'OPENAI_API_KEY' } },
      inputs: { secret: 'OPENAI_API_KEY' },
      env: { KEYGUARD_SECRET_VALUE: key.value },
    });
    expect(r.outputs).toMatchObject({ rotated: '1', disabled: '1' });
    expect(made()).toHaveLength(1);
    expect(github.secretValue('env:prod', 'OPENAI_API_KEY')).toBe(made()[0]!.value);
    // No repository-wide copy: every job of the repository would have been able to read it.
    expect(github.secret('repo', 'OPENAI_API_KEY')).toBeUndefined();
    expect(github.secret('org:acme', 'OPENAI_API_KEY')).toBeUndefined();
    expectNoWholeKey(r, github, knownSecrets(openai));
  });

  it('writes an env-mapped secret the config does not name into the one environment that has it', async () => {
    const { key, admin } = ourKey();
    github.setSecret('env:prod', 'OPENAI_KEY', key.value);
    repo = leakRepo(key.value);
    const r = await run(admin.value, { env: { OPENAI_KEY: key.value } });
    expect(r.outputs).toMatchObject({ rotated: '1', disabled: '1' });
    expect(github.secretValue('env:prod', 'OPENAI_KEY')).toBe(made()[0]!.value);
    expect(github.secret('repo', 'OPENAI_KEY')).toBeUndefined();
    expect(openai.keyState(key.id)).toBe('deleted');
    expectNoWholeKey(r, github, knownSecrets(openai));
  });

  it('keeps an organization secret selected to the same repositories, whatever the config says', async () => {
    const { key, admin } = ourKey();
    github.setSecret('org:acme', 'OPENAI_API_KEY', key.value, {
      visibility: 'selected',
      selected_repository_ids: [github.repoId, 42],
    });
    repo = leakRepo(key.value, {
      config:
        'rotation:\n  openai:\n    secrets:\n      - { name: OPENAI_API_KEY, org: acme, visibility: all }\n',
    });
    const r = await run(admin.value, { env: { OPENAI_API_KEY: key.value } });
    expect(r.outputs).toMatchObject({ rotated: '1', disabled: '1' });
    const stored = github.secret('org:acme', 'OPENAI_API_KEY')!;
    expect(stored.value).toBe(made()[0]!.value);
    expect(stored.visibility).toBe('selected');
    expect(stored.selected_repository_ids).toEqual([github.repoId, 42]);
    expectNoWholeKey(r, github, knownSecrets(openai));
  });

  it('changes nothing when the env-mapped secret exists in several places and none is configured', async () => {
    const { key, admin } = ourKey();
    github.setSecret('repo', 'OPENAI_API_KEY', key.value);
    github.setSecret('env:prod', 'OPENAI_API_KEY', key.value);
    repo = leakRepo(key.value);
    const r = await run(admin.value, { env: { OPENAI_API_KEY: key.value } });
    expect(r.code).toBe(2); // a rotation that cannot finish is keyguard failing its job
    expect(r.outputs).toMatchObject({ rotated: '0', disabled: '0', live: '1' });
    expect(r.stdout).toMatch(/exists in the repository, environment prod.*will not guess/);
    expect(made()).toEqual([]);
    expect(openai.keyState(key.id)).toBe('active');
    expect(puts()).toEqual([]);
    expectNoWholeKey(r, github, knownSecrets(openai));
  });

  it('creates no secret for an env variable holding the key that is no secret keyguard can find', async () => {
    const { key, admin } = ourKey();
    repo = leakRepo(key.value);
    const r = await run(admin.value, { env: { LLM_TOKEN: key.value } });
    expect(r.outputs).toMatchObject({ rotated: '0', disabled: '0', live: '1' });
    expect(r.stdout).toContain('LLM_TOKEN holds the leaked key, but no secret of that name exists');
    expect(r.summary).toContain('no secret is known to hold this key');
    expect(made()).toEqual([]);
    expect(openai.keyState(key.id)).toBe('active');
    expect(puts()).toEqual([]);
  });

  it('rotates the configured secret and leaves alone an alias of it mapped under another name', async () => {
    const { key, admin } = ourKey();
    github.setSecret('env:prod', 'OPENAI_API_KEY', key.value);
    repo = leakRepo(key.value, {
      config: 'rotation:\n  openai:\n    secrets:\n      - { name: OPENAI_API_KEY, environment: prod }\n',
    });
    const r = await run(admin.value, { env: { OPENAI_API_KEY: key.value, LLM_TOKEN: key.value } });
    expect(r.outputs).toMatchObject({ rotated: '1', disabled: '1' });
    expect(github.secretValue('env:prod', 'OPENAI_API_KEY')).toBe(made()[0]!.value);
    expect(github.secret('repo', 'LLM_TOKEN')).toBeUndefined();
    expect(github.secret('repo', 'OPENAI_API_KEY')).toBeUndefined();
    expectNoWholeKey(r, github, knownSecrets(openai));
  });
});

describe('a place that cannot be written keeps the leaked key alive', () => {
  const CONFIG =
    'rotation:\n  openai:\n    secrets:\n      - { name: OPENAI_API_KEY }\n      - { name: OPENAI_API_KEY, environment: staging }\n';

  it('makes nothing while a configured environment is missing, and finishes on a re-run once it exists', async () => {
    const { key, admin } = ourKey();
    github.setSecret('repo', 'OPENAI_API_KEY', key.value);
    repo = leakRepo(key.value, { config: CONFIG });
    const first = await run(admin.value, { env: { OPENAI_API_KEY: key.value } });
    expect(first.outputs).toMatchObject({ rotated: '0', disabled: '0', live: '1' });
    // (the summary is Markdown: the quotes of outside text come as HTML entities, rendered as quotes)
    expect(first.summary).toMatch(/environment (&quot;|")staging(&quot;|")[^\n]*does not exist[^\n]*re-run/);
    expect(made()).toEqual([]);
    expect(openai.keyState(key.id)).toBe('active');
    expect(github.secretValue('repo', 'OPENAI_API_KEY')).toBe(key.value);

    github.addEnvironment('staging');
    const second = await run(admin.value, { env: { OPENAI_API_KEY: key.value } });
    expect(second.outputs).toMatchObject({ rotated: '1', disabled: '1' });
    expect(github.secretValue('env:staging', 'OPENAI_API_KEY')).toBe(made()[0]!.value);
    expect(github.secretValue('repo', 'OPENAI_API_KEY')).toBe(made()[0]!.value);
    expectNoWholeKey(first, github, knownSecrets(openai));
    expectNoWholeKey(second, github, knownSecrets(openai));
  });

  it('does not disable the leaked key first in contain-first mode while a configured environment is missing', async () => {
    const { key, admin } = ourKey();
    github.setSecret('repo', 'OPENAI_API_KEY', key.value);
    repo = leakRepo(key.value, {
      config: CONFIG.replace('  openai:\n', '  contain-first: true\n  openai:\n'),
    });
    const r = await run(admin.value, { env: { OPENAI_API_KEY: key.value } });
    expect(r.code).toBe(2);
    expect(r.outputs).toMatchObject({ rotated: '0', disabled: '0', live: '1' });
    expect(openai.keyState(key.id)).toBe('active');
    expect(made()).toEqual([]);
  });

  it('makes nothing while GitHub keeps failing on a target past the retry budget, and a re-run finishes', async () => {
    const { key, admin } = ourKey();
    github.addEnvironment('staging');
    github.setSecret('repo', 'OPENAI_API_KEY', key.value);
    github.setSecret('env:staging', 'OPENAI_API_KEY', key.value);
    github.injectFault({
      method: 'GET',
      path: /\/environments\/staging\/secrets\/public-key$/,
      times: 1000,
      fault: { kind: 'status', status: 500, body: { message: 'Server Error' } },
    });
    repo = leakRepo(key.value, { config: CONFIG });
    const first = await run(admin.value, { env: { OPENAI_API_KEY: key.value } });
    expect(first.code).toBe(2);
    expect(first.outputs).toMatchObject({ rotated: '0', disabled: '0', live: '1' });
    expect(first.summary).toMatch(/500[^\n]*re-run/);
    expect(made()).toEqual([]);
    expect(openai.keyState(key.id)).toBe('active');
    expect(puts()).toEqual([]);

    github.server.clearFaults();
    const second = await run(admin.value, { env: { OPENAI_API_KEY: key.value } });
    expect(second.outputs).toMatchObject({ rotated: '1', disabled: '1' });
    expect(github.secretValue('env:staging', 'OPENAI_API_KEY')).toBe(made()[0]!.value);
    expectNoWholeKey(first, github, knownSecrets(openai));
  });

  it('never disables the leaked key when the token may read but not write the secrets', async () => {
    const { key, admin } = ourKey();
    github.addEnvironment('staging');
    github.setSecret('repo', 'OPENAI_API_KEY', key.value);
    github.setSecret('env:staging', 'OPENAI_API_KEY', key.value);
    const readOnly = 'github_pat_secretsreader0000only';
    github.addToken(readOnly, { secrets: 'read', orgSecrets: 'read', issues: 'write', environments: 'read' });
    repo = leakRepo(key.value, { config: CONFIG });
    const r = await run(admin.value, {
      inputs: { 'secrets-token': readOnly, 'github-token': readOnly },
      env: { OPENAI_API_KEY: key.value },
    });
    expect(r.outputs).toMatchObject({ rotated: '0', disabled: '0', live: '1' });
    expect(r.summary).toMatch(/failed/);
    expect(r.summary).toMatch(/re-run/);
    expect(openai.keyState(key.id)).toBe('active');
    expect(github.secretValue('repo', 'OPENAI_API_KEY')).toBe(key.value);
    expect(github.secretValue('env:staging', 'OPENAI_API_KEY')).toBe(key.value);
    expect(journalOf(github, fingerprint(key.value)).steps.map((s) => s.step)).not.toContain('disable');
    expectNoWholeKey(r, github, [...knownSecrets(openai), readOnly]);
  });
});

describe('only keys the organization owns are rotated', () => {
  const CONFIG = 'rotation:\n  openai:\n    secrets:\n      - { name: OPENAI_API_KEY }\n';

  /** A contributor's commit (merged from a fork) carries a live key of another OpenAI account. */
  function foreignLeak() {
    const { key: ours, admin } = ourKey();
    const foreign = openai.addForeignKey();
    github.setSecret('repo', 'OPENAI_API_KEY', ours.value);
    repo = leakRepo('nothing here', { config: CONFIG });
    repo.commit('Merge pull request #7 from mallory/app', {
      'app/settings.py': `OPENAI_API_KEY = "${foreign.value}"\n`,
    });
    return { ours, foreign, admin };
  }

  it('creates and stores nothing for a live key the admin API does not know, and says it is not ours', async () => {
    const w = foreignLeak();
    // The nightly sweep; the workflow does not map the secret (as in a fork PR, which gets none).
    const r = await run(w.admin.value);
    expect(r.code).toBe(1);
    expect(r.outputs).toMatchObject({ rotated: '0', disabled: '0', live: '1' });
    expect(r.summary).toContain("not our organization's key");
    expect(openai.requests.filter((q) => q.method !== 'GET')).toEqual([]);
    expect(made()).toEqual([]);
    expect(openai.keyState(w.foreign.id)).toBe('active');
    // Our production secret still holds our key.
    expect(github.secretValue('repo', 'OPENAI_API_KEY')).toBe(w.ours.value);
    expect(puts()).toEqual([]);
    const j = journalOf(github, fingerprint(w.foreign.value));
    expect(j.status).toBe('still-live');
    expect(j.replacement).toBeUndefined();
    expect(issueText(github)).toMatch(
      /Not our key:.*tell the person who committed it in commit [0-9a-f]{12}/,
    );
    expect(issueText(github)).toContain('NOT OUR KEY');
    expectNoWholeKey(r, github, knownSecrets(openai));
  });

  it('never deletes our key for a key of another account whose redacted value fits it, even with the secret mapped', async () => {
    // The attack: an outsider makes keys in their own OpenAI account until one shows the same few
    // characters as one of ours, and commits it; our admin API lists ours, which the hint fits.
    const { key: ours, admin } = ourKey();
    const theirs = openai.addForeignLookalike(ours.id);
    github.setSecret('repo', 'OPENAI_API_KEY', ours.value);
    repo = leakRepo('nothing here', { config: CONFIG });
    repo.commit('Merge pull request #8 from mallory/app', {
      'app/settings.py': `OPENAI_API_KEY = "${theirs.value}"\n`,
    });
    const r = await run(admin.value, { env: { OPENAI_API_KEY: ours.value } });
    expect(r.outputs).toMatchObject({ rotated: '0', disabled: '0', live: '1' });
    expect(r.summary).toContain("not our organization's key");
    expect(openai.keyState(ours.id)).toBe('active');
    expect(openai.requests.filter((q) => q.method !== 'GET')).toEqual([]);
    expect(made()).toEqual([]);
    expect(github.secretValue('repo', 'OPENAI_API_KEY')).toBe(ours.value);
    expect(puts()).toEqual([]);
    expectNoWholeKey(r, github, [...knownSecrets(openai), theirs.value]);
  });

  it('still creates nothing on the next sweep, when the secret maps our own key into env', async () => {
    const w = foreignLeak();
    await run(w.admin.value);
    const r = await run(w.admin.value, { env: { OPENAI_API_KEY: w.ours.value } });
    expect(r.outputs).toMatchObject({ rotated: '0', disabled: '0', live: '1' });
    expect(r.summary).toContain("not our organization's key");
    expect(made()).toEqual([]);
    expect(openai.keyState(w.ours.id)).toBe('active');
    expect(github.secretValue('repo', 'OPENAI_API_KEY')).toBe(w.ours.value);
    expectNoWholeKey(r, github, knownSecrets(openai));
  });
});
