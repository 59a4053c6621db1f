/**
 * Red-team review of issue 10 point 2: sealed state lifted from elsewhere. Whoever can post as keyguard's
 * identity (with the default GITHUB_TOKEN that is github-actions[bot], which any workflow of the
 * repository posts as, including one a same-repository pull request adds) can paste a journal keyguard
 * sealed elsewhere: in another repository that shares the org-wide admin key (the default state key), or
 * for another leaked key of this repository. Each journal holds a fresh lock, so obeying it would block
 * the real rotation. The SAFE outcome: the lifted seal does not authenticate, and the rotation runs.
 */
import { withMarker } from '../../src/github/incidents.js';
import { newJournal, serializeJournal } from '../../src/incident/journal.js';
import { createStateSeal } from '../../src/incident/seal.js';
import { fingerprint, redact, Secret } from '../../src/scan/secret.js';
import type { GitHubEmulator } from '../emulators/github.js';
import { type OpenAIEmulator, startOpenAIEmulator } from '../emulators/openai.js';
import type { TestRepo } from './harness.js';
import {
  expectNoWholeKey,
  GITHUB_TOKENS,
  leakRepo,
  newOpenAILeak,
  runKeyguard,
  startGitHub,
} from './helpers/world.js';

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

function world() {
  const { leaked, admin } = newOpenAILeak(openai);
  github.setSecret('repo', 'OPENAI_API_KEY', leaked.value);
  repo = leakRepo(leaked.value, { config: CONFIG });
  return { leaked, admin, fp: fingerprint(leaked.value) };
}

/** A journal keyguard sealed (for `sealRepo`, about `journalFp`) holding a lock taken a minute ago. */
function lockedJournal(
  w: ReturnType<typeof world>,
  sealRepo: string,
  journalFp: string,
  redacted: string,
): string {
  const j = newJournal({
    fingerprint: journalFp,
    redacted,
    provider: 'openai',
    mode: 'rotate',
    now: new Date().toISOString(),
  });
  j.status = 'in-progress';
  j.runs = ['41'];
  j.lock = { runId: '41', at: new Date(Date.now() - 60_000).toISOString() };
  const seal = createStateSeal({ repo: sealRepo, adminKeys: { openai: new Secret(w.admin.value) } });
  return serializeJournal(j, seal);
}

async function sweepAndExpectRotated(w: ReturnType<typeof world>) {
  const run = await runKeyguard({
    repo: repo!,
    github,
    inputs: { 'openai-base-url': openai.apiBase, 'openai-admin-key': w.admin.value },
    env: { OPENAI_API_KEY: w.leaked.value },
  });
  expect(run.outputs).toMatchObject({ rotated: '1', disabled: '1' });
  expect(openai.keyState(w.leaked.id)).toBe('deleted');
  expectNoWholeKey(run, github, [w.leaked.value, w.admin.value, ...GITHUB_TOKENS]);
}

describe('red team: a sealed journal lifted from elsewhere', () => {
  it('a journal sealed in another repository of the org (same admin key) does not lock this rotation', async () => {
    const w = world();
    github.addIssue({
      title: 'Leaked OpenAI key',
      body: withMarker(
        `## Leaked OpenAI key\n\n${lockedJournal(w, 'acme/other', w.fp, redact(w.leaked.value))}`,
        w.fp,
      ),
      labels: ['keyguard'],
    });
    await sweepAndExpectRotated(w);
  });

  it('a journal sealed for another leaked key of this repository does not lock this rotation', async () => {
    const w = world();
    const other = openai.addKey({ projectId: w.leaked.projectId });
    github.addIssue({
      title: 'Leaked OpenAI key',
      body: withMarker(
        `## Leaked OpenAI key\n\n${lockedJournal(w, 'acme/app', fingerprint(other.value), redact(other.value))}`,
        w.fp,
      ),
      labels: ['keyguard'],
    });
    await sweepAndExpectRotated(w);
  });

  it('a comment by another user on keyguard’s own incident, carrying keyguard’s sealed lock, does not lock this rotation', async () => {
    const w = world();
    const issue = github.addIssue({
      title: 'Leaked OpenAI key',
      body: withMarker('## Leaked OpenAI key\n\nkeyguard opened this incident.', w.fp),
      labels: ['keyguard'],
    });
    issue.comments.push({
      id: 900,
      body: withMarker(lockedJournal(w, 'acme/app', w.fp, redact(w.leaked.value)), w.fp),
      created_at: new Date().toISOString(),
      user: { login: 'mallory', id: 6_660_666, type: 'User' },
    });
    await sweepAndExpectRotated(w);
  });
});

describe('red team: the control that keeps the tests above meaningful', () => {
  it('keyguard’s own fresh lock, sealed for this repository and key, does stop a second run', async () => {
    const w = world();
    github.addIssue({
      title: 'Leaked OpenAI key',
      body: withMarker(
        `## Leaked OpenAI key\n\n${lockedJournal(w, 'acme/app', w.fp, redact(w.leaked.value))}`,
        w.fp,
      ),
      labels: ['keyguard'],
    });
    const run = await runKeyguard({
      repo: repo!,
      github,
      inputs: { 'openai-base-url': openai.apiBase, 'openai-admin-key': w.admin.value },
      env: { OPENAI_API_KEY: w.leaked.value },
    });
    expect(run.outputs.rotated).toBe('0');
    expect(run.stdout).toContain('is already being rotated by run 41');
    expect(openai.keyState(w.leaked.id)).toBe('active');
  });
});

describe('red team: names that steer where keyguard writes', () => {
  it('a payload whose repository.full_name names another repository sends no GitHub call there', async () => {
    const w = world();
    await runKeyguard({
      repo: repo!,
      github,
      payload: {
        schedule: '0 3 * * *',
        repository: { full_name: 'acme/other', name: 'other', owner: { login: 'acme' } },
      },
      inputs: { 'openai-base-url': openai.apiBase, 'openai-admin-key': w.admin.value },
      env: { OPENAI_API_KEY: w.leaked.value },
    });
    expect(github.server.requests.filter((r) => r.path.includes('acme/other')).map((r) => r.path)).toEqual(
      [],
    );
  });

  it.each([
    'OPENAI_API_KEY/../../../../orgs/acme/actions/secrets/OPENAI_API_KEY',
    'OPENAI_API_KEY%2F..%2F..%2Forgs',
    'OPENAI_API_KEY\n::stop-commands::pwned',
  ])('a workflow_dispatch secret input %j is refused and writes no secret', async (name) => {
    const { leaked: current, admin } = newOpenAILeak(openai);
    github.setSecret('repo', 'OPENAI_API_KEY', current.value);
    repo = leakRepo('nothing here', { config: CONFIG });
    const run = await runKeyguard({
      repo: repo!,
      github,
      eventName: 'workflow_dispatch',
      payload: { inputs: { secret: name } },
      inputs: { 'openai-base-url': openai.apiBase, 'openai-admin-key': admin.value, secret: name },
      env: { KEYGUARD_SECRET_VALUE: current.value },
    });
    expect(run.code).toBe(2);
    expect(github.server.requests.filter((r) => r.method === 'PUT').map((r) => r.path)).toEqual([]);
    expect(openai.keyState(current.id)).toBe('active');
    expect(run.stdout.split('\n').filter((l) => l.startsWith('::stop-commands::'))).toEqual([]);
  });
});
