/**
 * Issue 10 point 2 at the saga: the journal, its lock and the orphan list decide nothing unless
 * keyguard's own identity wrote them and their seal verifies, and even then no key is disabled or
 * deleted that the provider has not just shown to be the leaked key or a replacement this rotation
 * created. OpenAI and GitHub are the emulators over real HTTP; the fakes cover a provider that cannot
 * describe keys.
 */
import { withMarker } from '../../src/github/incidents.js';
import type { SecretTarget } from '../../src/github/types.js';
import { type Journal, newJournal, parseJournal, serializeJournal } from '../../src/incident/journal.js';
import { createStateSeal, NO_SEAL, type StateSeal } from '../../src/incident/seal.js';
import { createOpenAIProvider } from '../../src/providers/openai.js';
import type { KeyRef } from '../../src/providers/types.js';
import { rotate } from '../../src/rotate/saga.js';
import { fingerprint, redact, Secret } from '../../src/scan/secret.js';
import { FULL_PERMISSIONS, type GitHubEmulator, startGitHubEmulator } from '../emulators/github.js';
import { type OpenAIEmulator, type OpenAIKeyRecord, startOpenAIEmulator } from '../emulators/openai.js';
import { FakeHttpError } from './fakes.js';
import { emulatedGitHubSide } from './github-side.js';
import { world as fakeWorld } from './setup.js';

const FAST = { maxRetries: 1, baseDelayMs: 1, maxDelayMs: 20, timeoutMs: 2000, budgetMs: 5000 };
const GH_FAST = { baseDelayMs: 1, secondaryWaitMs: 5, maxWaitMs: 500, timeoutMs: 2000, maxRetries: 1 };
const STEP_RETRY = { attempts: 2, baseDelayMs: 0, maxDelayMs: 0, verifyAttempts: 2, sleep: async () => {} };
const TARGETS: SecretTarget[] = [{ name: 'OPENAI_API_KEY', scope: { kind: 'repo' } }];
const MALLORY = { login: 'mallory', id: 6_660_666, type: 'User' as const };

let openai: OpenAIEmulator;
let github: GitHubEmulator;
beforeEach(async () => {
  openai = await startOpenAIEmulator();
  github = await startGitHubEmulator({ tokens: { pat: FULL_PERMISSIONS } });
});
afterEach(() => Promise.all([openai.stop(), github.stop()]));

function wire() {
  const project = openai.addProject('prod');
  const leakedRec = openai.addKey({ projectId: project.id });
  const production = openai.addKey({ projectId: project.id, name: 'production-backend' });
  const admin = new Secret(openai.addAdminKey().value);
  const provider = createOpenAIProvider({ baseUrl: openai.apiBase, adminKey: admin, retry: FAST });
  const { repo, side } = emulatedGitHubSide(github, GH_FAST);
  github.setSecret('repo', 'OPENAI_API_KEY', leakedRec.value);
  const seal = createStateSeal({ repo: 'acme/app', adminKeys: { openai: admin } });
  const logs: string[] = [];
  const leaked = new Secret(leakedRec.value);
  const run = (runId: string) =>
    rotate(
      {
        leaked,
        provider,
        mode: 'rotate',
        targets: TARGETS,
        policy: { name: 'prod-chat-api-20260109', scopes: ['api.model.request'] },
        runId,
        repo,
      },
      {
        sink: side.secrets,
        incidents: side.incidents,
        log: (l) => logs.push(l),
        retry: STEP_RETRY,
        lockSettleMs: 0,
        seal,
      },
    );
  return { leakedRec, production, leaked, seal, logs, run };
}
type Wired = ReturnType<typeof wire>;

const refOf = (k: OpenAIKeyRecord, name = k.name): KeyRef => ({
  provider: 'openai',
  id: k.id,
  name,
  projectId: k.projectId,
  createdAt: new Date(k.created_at * 1000).toISOString(),
});

/** A journal half way through a rotation, whose "replacement" (stored nowhere) is `key`. */
function journalNaming(w: Wired, key: OpenAIKeyRecord, extra: Partial<Journal> = {}): Journal {
  const j = newJournal({
    fingerprint: w.leaked.fingerprint,
    redacted: w.leaked.redacted,
    provider: 'openai',
    mode: 'rotate',
    now: new Date().toISOString(),
  });
  j.status = 'failed';
  j.leakedRef = refOf(w.leakedRec);
  j.replacement = {
    ref: refOf(key, 'prod-chat-api-20260109'),
    fingerprint: fingerprint(key.value),
    redacted: redact(key.value),
    source: 'created',
    at: j.updatedAt,
  };
  j.orphans = [
    { ref: refOf(key, 'prod-chat-api-20260109'), fingerprint: 'x', deleted: false, at: j.updatedAt },
  ];
  return Object.assign(j, extra);
}

const bodyOf = (w: Wired, j: Journal, seal?: StateSeal) =>
  withMarker(`## Leaked OpenAI key\n\n${serializeJournal(j, seal)}`, w.leaked.fingerprint);

function expectRotatedProductionUntouched(w: Wired, status: string): void {
  expect(status).toBe('rotated');
  expect(openai.keyState(w.production.id)).toBe('active');
  expect(openai.keyState(w.leakedRec.id)).toBe('deleted');
  expect(openai.requestsTo('DELETE', new RegExp(w.production.id))).toEqual([]);
}

describe('rotate: state an outsider wrote', () => {
  it('deletes nothing when another user opens an issue whose forged journal names a production key as an orphan', async () => {
    const w = wire();
    github.addIssue({
      title: 'Leaked',
      body: bodyOf(w, journalNaming(w, w.production)),
      labels: ['keyguard'],
      user: MALLORY,
    });
    const result = await w.run('501');
    expectRotatedProductionUntouched(w, result.status);
    expect(result.incident?.number).toBe(2);
    expect(result.journal?.orphans).toEqual([]);
  });

  it('proceeds past a lock dated in the future, even in its own sealed journal', async () => {
    const w = wire();
    const lock = { runId: '999', at: new Date(Date.now() + 3_600_000).toISOString() };
    const j = journalNaming(w, w.production, {
      lock,
      orphans: [],
      replacement: undefined,
      status: 'in-progress',
    });
    github.addIssue({ title: 'Leaked', body: bodyOf(w, j, w.seal), labels: ['keyguard'] });
    const result = await w.run('502');
    expectRotatedProductionUntouched(w, result.status);
    expect(w.logs.join('\n')).toContain('a lock dated in the future (run 999) is invalid');
  });

  it('still stops at a current lock of another run in its own sealed journal', async () => {
    const w = wire();
    const lock = { runId: '999', at: new Date(Date.now() - 60_000).toISOString() };
    const j = journalNaming(w, w.production, {
      lock,
      orphans: [],
      replacement: undefined,
      status: 'in-progress',
    });
    github.addIssue({ title: 'Leaked', body: bodyOf(w, j, w.seal), labels: ['keyguard'] });
    await expect(w.run('503')).rejects.toThrow(/already being rotated by run 999/);
    expect(openai.keyState(w.leakedRec.id)).toBe('active');
  });

  it('ignores its own journal once the block was edited, and tells a human what may be left over', async () => {
    const w = wire();
    const sealed = bodyOf(w, journalNaming(w, w.production, { orphans: [], replacement: undefined }), w.seal);
    const edited = sealed.replace(
      '"orphans": []',
      `"orphans": [{"ref": ${JSON.stringify(refOf(w.production))}, "fingerprint": "x", "deleted": false, "at": "2026-01-01T00:00:00Z"}]`,
    );
    expect(edited).not.toBe(sealed);
    github.addIssue({ title: 'Leaked', body: edited, labels: ['keyguard'] });
    const result = await w.run('504');
    expectRotatedProductionUntouched(w, result.status);
    expect(result.journal?.orphans).toEqual([]);
    expect(result.manual.join('\n')).toContain('could not authenticate');
    expect(w.logs.join('\n')).toContain('incident #1: its journal is not sealed by keyguard');
  });

  it('does not delete the "replacement" of a correctly sealed journal that this rotation did not create', async () => {
    const w = wire();
    github.addIssue({
      title: 'Leaked',
      body: bodyOf(w, journalNaming(w, w.production, { orphans: [] }), w.seal),
      labels: ['keyguard'],
    });
    const result = await w.run('505');
    expectRotatedProductionUntouched(w, result.status);
    expect(result.manual.join('\n')).toContain(
      `Possibly orphaned replacement key id \`${w.production.id}\` at OpenAI: keyguard did not delete it (its name is not the one keyguard gave it)`,
    );
    const again = parseJournal(github.issue(1)!.body ?? '')!;
    expect(again.orphans).toEqual([expect.objectContaining({ deleted: false, leftToHuman: true })]);
  });

  it('disables the key OpenAI locates for the leaked value, not the key id a sealed journal names', async () => {
    const w = wire();
    const j = journalNaming(w, w.production, {
      orphans: [],
      replacement: undefined,
      leakedRef: refOf(w.production),
    });
    github.addIssue({ title: 'Leaked', body: bodyOf(w, j, w.seal), labels: ['keyguard'] });
    const result = await w.run('506');
    expectRotatedProductionUntouched(w, result.status);
    expect(result.journal?.leakedRef?.id).toBe(w.leakedRec.id);
  });
});

describe('rotate: orphans are deleted only when the provider shows keyguard made them', () => {
  const forbidden = () => new FakeHttpError('PUT secret: 403', 403);

  it('leaves an orphan of an earlier run to a human when the provider cannot describe keys', async () => {
    const w = fakeWorld();
    w.sink.faults.add('put', forbidden, { after: 1 });
    await w.run().catch(() => undefined);
    const orphan = w.provider.liveCreated()[0]!;
    w.provider.describe = undefined;
    const result = await w.run({ runId: '1002' });
    expect(result.status).toBe('rotated');
    expect(orphan.state).toBe('active');
    expect(w.events).not.toContain(`delete:${orphan.id}`);
    expect(result.manual.join('\n')).toContain(`Possibly orphaned replacement key id \`${orphan.id}\``);
  });

  it('does not delete an orphan whose name at the provider is not the one its create call returned', async () => {
    const w = fakeWorld();
    w.sink.faults.add('put', forbidden, { after: 1 });
    await w.run().catch(() => undefined);
    const orphan = w.provider.liveCreated()[0]!;
    orphan.name = 'renamed-by-someone';
    const result = await w.run({ runId: '1002' });
    expect(orphan.state).toBe('active');
    expect(result.manual.join('\n')).toContain('its name is not the one keyguard gave it');
  });

  it('never deletes the leaked key as an orphan', async () => {
    const w = fakeWorld();
    w.sink.faults.add('put', forbidden, { after: 1 });
    await w.run().catch(() => undefined);
    // A (sealed) journal whose orphan is the leaked key itself: it is disabled as the leaked key, never deleted as an orphan.
    const j = parseJournal(w.incidents.issues[0]!.body)!;
    expect(j.replacement).toBeDefined();
    j.replacement!.ref = { provider: 'openai', id: w.leakedKey.id, name: 'prod-chat-api-20260109' };
    w.incidents.issues[0]!.body = serializeJournal(j, w.deps.seal);
    const result = await w.run({ runId: '1002' });
    expect(w.events).not.toContain(`delete:${w.leakedKey.id}`);
    expect(result.manual.join('\n')).toContain('it is the leaked key itself');
  });
});

describe('rotate: when the seal key changes or there is none', () => {
  const forbidden = () => new FakeHttpError('PUT secret: 403', 403);

  it('treats the journal sealed with an earlier key as absent: a fresh rotation, and the old replacement left to a human', async () => {
    const w = fakeWorld();
    w.sink.faults.add('put', forbidden, { after: 1 });
    await w.run().catch(() => undefined);
    const first = w.provider.liveCreated()[0]!;
    const rotatedKey = createStateSeal({
      repo: 'acme/app',
      stateKey: new Secret('the-new-state-key-after-rotation'),
    });
    const result = await w.run({ runId: '1002' }, { seal: rotatedKey });
    expect(result.status).toBe('rotated');
    expect(first.state).toBe('active');
    expect(w.events).not.toContain(`delete:${first.id}`);
    expect(result.journal?.orphans).toEqual([]);
    expect(result.manual.join('\n')).toContain('could not authenticate');
    for (const held of w.held()) expect(held?.reveal()).toBe(result.replacementSecret?.reveal());
  });

  it('is not blocked by a lock it cannot authenticate, and still holds its own lock without a seal', async () => {
    const w = fakeWorld();
    const j = newJournal({
      fingerprint: w.leaked.fingerprint,
      redacted: w.leaked.redacted,
      provider: 'openai',
      mode: 'rotate',
      now: new Date().toISOString(),
    });
    j.lock = { runId: '999', at: new Date().toISOString() };
    await w.incidents.create(w.leaked.fingerprint, 'Leaked', serializeJournal(j));
    const result = await w.run({}, { seal: NO_SEAL });
    expect(result.status).toBe('rotated');
    expect(parseJournal(w.incidents.issues[0]!.body)?.lock).toBeUndefined();
  });
});
