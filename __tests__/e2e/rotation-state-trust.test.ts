/**
 * Issue 10 point 2, end to end through dist/index.js in sweep mode: incident state that can change
 * keys is authenticated. The attacker's inputs are built here: an issue another user opened with a
 * journal and the (public) fingerprint marker, a lock dated in the future, keyguard's own issue with
 * its journal edited, and a correctly sealed journal naming a production key as its replacement.
 */
import { withMarker } from '../../src/github/incidents.js';
import { type Journal, newJournal, serializeJournal } from '../../src/incident/journal.js';
import { createStateSeal } from '../../src/incident/seal.js';
import type { KeyRef } from '../../src/providers/types.js';
import { fingerprint, redact, Secret } from '../../src/scan/secret.js';
import type { GitHubEmulator } from '../emulators/github.js';
import { type OpenAIEmulator, type OpenAIKeyRecord, startOpenAIEmulator } from '../emulators/openai.js';
import type { RunResult, TestRepo } from './harness.js';
import {
  expectNoWholeKey,
  GITHUB_TOKENS,
  journalOf,
  leakRepo,
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
const MALLORY = { login: 'mallory', id: 6_660_666, type: 'User' as const };

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

/** A leaked key in the repository and its secret, plus a production key of the same project nobody leaked. */
function world() {
  const project = openai.addProject('prod');
  const leaked = openai.addKey({ projectId: project.id });
  const production = openai.addKey({ projectId: project.id, name: 'production-backend' });
  const admin = openai.addAdminKey();
  github.setSecret('repo', 'OPENAI_API_KEY', leaked.value);
  repo = leakRepo(leaked.value, { config: CONFIG });
  const fp = fingerprint(leaked.value);
  return { project, leaked, production, admin, fp };
}
type World = ReturnType<typeof world>;

function sweep(w: World): Promise<RunResult> {
  return runKeyguard({
    repo: repo!,
    github,
    inputs: { 'openai-base-url': openai.apiBase, 'openai-admin-key': w.admin.value },
    env: { OPENAI_API_KEY: w.leaked.value },
  });
}

const refOf = (k: OpenAIKeyRecord, name = k.name): KeyRef => ({
  provider: 'openai',
  id: k.id,
  name,
  projectId: k.projectId,
  createdAt: new Date(k.created_at * 1000).toISOString(),
});

/** A journal as keyguard writes one, half way through a rotation whose "replacement" is `replacement`. */
function journalNaming(w: World, replacement: OpenAIKeyRecord, extra: Partial<Journal> = {}): Journal {
  const j = newJournal({
    fingerprint: w.fp,
    redacted: redact(w.leaked.value),
    provider: 'openai',
    mode: 'rotate',
    now: new Date().toISOString(),
  });
  j.status = 'failed';
  j.runs = ['41'];
  j.leakedRef = refOf(w.leaked);
  // The name keyguard would have given a replacement: the forger knows the policy template.
  j.replacement = {
    ref: refOf(replacement, 'prod-chat-api'),
    fingerprint: fingerprint(replacement.value),
    redacted: redact(replacement.value),
    source: 'created',
    at: new Date().toISOString(),
  };
  j.orphans = [
    { ref: refOf(replacement, 'prod-chat-api'), fingerprint: 'x', deleted: false, at: j.updatedAt },
  ];
  return Object.assign(j, extra);
}

/** The body of an incident as keyguard renders it: text, the journal block, the fingerprint marker. */
function body(w: World, j: Journal, sealed: boolean): string {
  const seal = createStateSeal({ repo: 'acme/app', adminKeys: { openai: new Secret(w.admin.value) } });
  return withMarker(`## Leaked OpenAI key\n\n${serializeJournal(j, sealed ? seal : undefined)}`, w.fp);
}

function expectRotatedAndProductionUntouched(w: World, run: RunResult): void {
  expect(run.code).toBe(1); // fail-on any: the key is still in the repository
  expect(run.outputs).toMatchObject({ rotated: '1', disabled: '1' });
  expect(openai.keyState(w.production.id)).toBe('active');
  expect(openai.keyState(w.leaked.id)).toBe('deleted');
  expect(openai.requestsTo('DELETE', new RegExp(w.production.id))).toEqual([]);
  const stored = github.secretValue('repo', 'OPENAI_API_KEY')!;
  expect(stored).not.toBe(w.leaked.value);
  expectNoWholeKey(run, github, [w.leaked.value, stored, w.admin.value, ...GITHUB_TOKENS]);
}

describe('incident state an outsider wrote is never obeyed (sweep through dist/index.js)', () => {
  it('deletes nothing when another user opens an issue whose forged journal names a production key as an orphan', async () => {
    const w = world();
    const forged = github.addIssue({
      title: 'Leaked OpenAI key',
      body: body(w, journalNaming(w, w.production), false),
      labels: ['keyguard'],
      user: MALLORY,
    });
    const before = forged.body;
    const run = await sweep(w);
    expectRotatedAndProductionUntouched(w, run);
    expect(run.stdout).toContain(
      `issue #${forged.number} carries keyguard's marker but was opened by another account (mallory): ignored`,
    );
    // keyguard opened its own incident and left the forged one as it was.
    expect(github.issues).toHaveLength(2);
    expect(forged.body).toBe(before);
    expect(journalOf(github, w.fp).status).toBe('failed'); // the forged one is first; ours:
    expect(github.issues[1]!.user?.login).toBe('github-actions[bot]');
  });

  it('deletes nothing when the forged journal in another user’s issue carries a seal copied from nowhere', async () => {
    const w = world();
    const j = journalNaming(w, w.production);
    const forgedSeal = body(w, j, false).replace(
      '<!-- keyguard-journal',
      `<!-- keyguard-journal mac=${'ab'.repeat(32)}`,
    );
    github.addIssue({ title: 'Leaked OpenAI key', body: forgedSeal, labels: ['keyguard'], user: MALLORY });
    expectRotatedAndProductionUntouched(w, await sweep(w));
  });

  it('still rotates when another user’s issue holds a lock dated a day ahead', async () => {
    const w = world();
    const lock = { runId: '999', at: new Date(Date.now() + 86_400_000).toISOString() };
    github.addIssue({
      title: 'Leaked OpenAI key',
      body: body(w, journalNaming(w, w.production, { lock, status: 'in-progress' }), false),
      labels: ['keyguard'],
      user: MALLORY,
    });
    expectRotatedAndProductionUntouched(w, await sweep(w));
  });

  it('still rotates when keyguard’s own sealed journal holds a lock dated a day ahead', async () => {
    const w = world();
    const j = journalNaming(w, w.production, {
      lock: { runId: '999', at: new Date(Date.now() + 86_400_000).toISOString() },
      status: 'in-progress',
      orphans: [],
      replacement: undefined,
    });
    github.addIssue({ title: 'Leaked OpenAI key', body: body(w, j, true), labels: ['keyguard'] });
    const run = await sweep(w);
    expectRotatedAndProductionUntouched(w, run);
    expect(run.stdout).toContain('a lock dated in the future (run 999) is invalid');
  });

  it('ignores keyguard’s own journal once its text was edited (seal no longer matches)', async () => {
    const w = world();
    const honest = journalNaming(w, w.production, { orphans: [], replacement: undefined });
    const sealed = body(w, honest, true);
    // A collaborator (or another workflow posting as github-actions[bot]) edits the block.
    const edited = sealed.replace(
      '"orphans": []',
      `"orphans": [{"ref": ${JSON.stringify(refOf(w.production))}, "fingerprint": "x", "deleted": false, "at": "2026-01-01T00:00:00Z"}]`,
    );
    expect(edited).not.toBe(sealed);
    const issue = github.addIssue({ title: 'Leaked OpenAI key', body: edited, labels: ['keyguard'] });
    const run = await sweep(w);
    expectRotatedAndProductionUntouched(w, run);
    expect(run.stdout).toContain(`incident #${issue.number}: its journal is not sealed by keyguard`);
    expect(issue.body).toContain('keyguard could not authenticate');
    expect(journalOf(github, w.fp).orphans).toEqual([]);
  });

  it('does not delete a "replacement" of a correctly sealed journal that this rotation did not create', async () => {
    const w = world();
    const j = journalNaming(w, w.production, { orphans: [] });
    const issue = github.addIssue({
      title: 'Leaked OpenAI key',
      body: body(w, j, true),
      labels: ['keyguard'],
    });
    const run = await sweep(w);
    expectRotatedAndProductionUntouched(w, run);
    expect(run.stdout).toContain(`cleanup: key id ${w.production.id} not deleted`);
    expect(issue.body).toContain(`Possibly orphaned replacement key id \`${w.production.id}\``);
    expect(journalOf(github, w.fp).orphans).toEqual([
      expect.objectContaining({ deleted: false, leftToHuman: true }),
    ]);
  });

  it('disables the key the provider locates for the leaked value, not the id a sealed journal names', async () => {
    const w = world();
    const j = journalNaming(w, w.production, {
      orphans: [],
      replacement: undefined,
      leakedRef: refOf(w.production),
    });
    github.addIssue({ title: 'Leaked OpenAI key', body: body(w, j, true), labels: ['keyguard'] });
    const run = await sweep(w);
    expectRotatedAndProductionUntouched(w, run);
    expect(journalOf(github, w.fp).leakedRef?.id).toBe(w.leaked.id);
  });
});
