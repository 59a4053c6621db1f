/**
 * The saga end to end over real HTTP: the OpenAI adapter against the OpenAI emulator, the GitHub
 * secrets sink and incident store against the GitHub emulator. Same seams as the unit tests.
 */
import type { SecretTarget } from '../../src/github/types.js';
import { parseJournal } from '../../src/incident/journal.js';
import { createStateSeal } from '../../src/incident/seal.js';
import { createAnthropicProvider } from '../../src/providers/anthropic.js';
import { createOpenAIProvider } from '../../src/providers/openai.js';
import { RotationError } from '../../src/rotate/errors.js';
import { rotate } from '../../src/rotate/saga.js';
import { Secret } from '../../src/scan/secret.js';
import { startAnthropicEmulator } from '../emulators/anthropic.js';
import { FULL_PERMISSIONS, type GitHubEmulator, startGitHubEmulator } from '../emulators/github.js';
import { type OpenAIEmulator, startOpenAIEmulator } from '../emulators/openai.js';
import { emulatedGitHubSide } from './github-side.js';

const FAST = { maxRetries: 1, baseDelayMs: 1, maxDelayMs: 20, timeoutMs: 2000, budgetMs: 5000 };
const GH_FAST = {
  baseDelayMs: 1,
  secondaryWaitMs: 5,
  maxWaitMs: 500,
  timeoutMs: 2000,
  maxRetries: 1,
  writeIntervalMs: 0,
};
const STEP_RETRY = { attempts: 2, baseDelayMs: 0, maxDelayMs: 0, verifyAttempts: 2, sleep: async () => {} };

const TARGETS: SecretTarget[] = [
  { name: 'OPENAI_API_KEY', scope: { kind: 'repo' } },
  { name: 'OPENAI_API_KEY', scope: { kind: 'env', environment: 'prod' } },
  { name: 'OPENAI_API_KEY', scope: { kind: 'org', org: 'acme', visibility: 'private' } },
];

let openai: OpenAIEmulator;
let github: GitHubEmulator;
beforeEach(async () => {
  openai = await startOpenAIEmulator();
  github = await startGitHubEmulator({
    environments: ['prod'],
    orgs: ['acme'],
    tokens: { pat: FULL_PERMISSIONS },
  });
});
afterEach(() => Promise.all([openai.stop(), github.stop()]));

function wire() {
  const project = openai.addProject('prod');
  const leakedRec = openai.addKey({ projectId: project.id });
  const leaked = new Secret(leakedRec.value);
  const admin = new Secret(openai.addAdminKey().value);
  const provider = createOpenAIProvider({ baseUrl: openai.apiBase, adminKey: admin, retry: FAST });
  const { repo, side } = emulatedGitHubSide(github, GH_FAST);
  for (const t of TARGETS) github.setSecret(t.scope, t.name, leakedRec.value);
  const logs: string[] = [];
  const deps = {
    sink: side.secrets,
    incidents: side.incidents,
    log: (l: string) => logs.push(l),
    retry: STEP_RETRY,
    lockSettleMs: 0,
    seal: createStateSeal({ repo: `${repo.owner}/${repo.repo}`, adminKeys: { openai: admin } }),
  };
  const request = (runId: string) => ({
    leaked,
    provider,
    mode: 'rotate' as const,
    targets: TARGETS,
    policy: { name: 'prod-chat-api-20260109', scopes: ['api.model.request'] },
    runId,
    repo,
  });
  const allText = () =>
    [
      ...logs,
      ...github.issues.flatMap((i) => [i.title, i.body ?? '', ...i.comments.map((c) => c.body)]),
    ].join('\n');
  return { leakedRec, leaked, admin, deps, request, allText };
}

function expectOneLiveReplacementEverywhere(leakedId: string): string {
  const values = TARGETS.map((t) => github.secretValue(t.scope, t.name));
  expect(new Set(values).size).toBe(1);
  const holder = openai.keyByValue(values[0]!);
  expect(holder && openai.keyState(holder.id)).toBe('active');
  expect(holder?.id).not.toBe(leakedId);
  expect(openai.keyState(leakedId)).toBe('deleted');
  return values[0]!;
}

describe('rotate against the OpenAI and GitHub emulators', () => {
  it('replaces the leaked key in every secret, deletes it and records the incident', async () => {
    const w = wire();
    const result = await rotate(w.request('501'), w.deps);
    expect(result.status).toBe('rotated');
    const value = expectOneLiveReplacementEverywhere(w.leakedRec.id);
    const issue = github.issues[0];
    expect(issue.title).toBe(`Leaked OpenAI key ${w.leaked.redacted}`);
    expect(parseJournal(issue.body ?? '')?.status).toBe('rotated');
    for (const k of [w.leakedRec.value, value, w.admin.reveal()]) expect(w.allText()).not.toContain(k);
  });

  it('finishes on a re-run after GitHub refuses the second secret, deleting the orphaned replacement', async () => {
    const w = wire();
    github.injectFault({
      method: 'PUT',
      path: /environments\/prod\/secrets\/OPENAI_API_KEY$/,
      fault: { kind: 'status', status: 403, body: { message: 'Resource not accessible by integration' } },
    });
    const err = await rotate(w.request('601'), w.deps).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RotationError);
    expect((err as RotationError).step).toBe('store');
    expect(openai.keyState(w.leakedRec.id)).toBe('active');
    const orphan = openai.keyByValue(github.secretValue('repo', 'OPENAI_API_KEY')!)!;

    const result = await rotate(w.request('602'), w.deps);
    expect(result.status).toBe('rotated');
    const value = expectOneLiveReplacementEverywhere(w.leakedRec.id);
    expect(openai.keyState(orphan.id)).toBe('deleted');
    for (const k of [w.leakedRec.value, value, orphan.value]) expect(w.allText()).not.toContain(k);
  });
});

describe('rotate against the Anthropic and GitHub emulators', () => {
  it('promotes a standby key (Anthropic cannot create keys) and sets the leaked key inactive', async () => {
    const anthropic = await startAnthropicEmulator();
    try {
      const leakedRec = anthropic.addKey();
      const standbyRec = anthropic.addKey({ name: 'standby' });
      const provider = createAnthropicProvider({
        baseUrl: anthropic.baseUrl,
        adminKey: new Secret(anthropic.addAdminKey()),
        retry: FAST,
      });
      const { repo, side } = emulatedGitHubSide(github, GH_FAST);
      const targets: SecretTarget[] = [{ name: 'ANTHROPIC_API_KEY', scope: { kind: 'repo' } }];
      const result = await rotate(
        {
          leaked: new Secret(leakedRec.value),
          standby: new Secret(standbyRec.value),
          provider,
          mode: 'disable',
          targets,
          policy: { name: 'prod-api-20260109' },
          runId: '701',
        },
        {
          sink: side.secrets,
          incidents: side.incidents,
          log: () => {},
          retry: STEP_RETRY,
          lockSettleMs: 0,
          seal: createStateSeal({
            repo: `${repo.owner}/${repo.repo}`,
            stateKey: new Secret('test-state-key-0123456789'),
          }),
        },
      );
      expect(result.status).toBe('rotated');
      expect(result.strategy).toBe('standby');
      expect(github.secretValue('repo', 'ANTHROPIC_API_KEY')).toBe(standbyRec.value);
      expect(anthropic.keys.get(leakedRec.id)?.status).toBe('inactive');
      expect(anthropic.keys.get(standbyRec.id)?.status).toBe('active');
    } finally {
      await anthropic.stop();
    }
  });
});

describe('a leaked Anthropic admin key against the Anthropic and GitHub emulators', () => {
  /** keyguard's own admin key leaked, with a standby admin key a human made in the Console. */
  async function adminLeak(withStandby: boolean) {
    const anthropic = await startAnthropicEmulator();
    const leaked = new Secret(anthropic.addAdminKey());
    const standby = withStandby ? new Secret(anthropic.addAdminKey()) : undefined;
    const provider = createAnthropicProvider({ baseUrl: anthropic.baseUrl, adminKey: leaked, retry: FAST });
    const { repo, side } = emulatedGitHubSide(github, GH_FAST);
    const targets: SecretTarget[] = [{ name: 'ANTHROPIC_ADMIN_KEY', scope: { kind: 'repo' } }];
    github.setSecret('repo', 'ANTHROPIC_ADMIN_KEY', leaked.reveal());
    const seal = createStateSeal({ repo: `${repo.owner}/${repo.repo}`, adminKeys: { anthropic: leaked } });
    const run = (runId: string) =>
      rotate(
        {
          leaked,
          standby,
          provider,
          mode: 'rotate',
          targets,
          heldBy: [],
          policy: { name: 'keyguard-admin-20261202', kind: 'admin' },
          runId,
        },
        {
          sink: side.secrets,
          incidents: side.incidents,
          log: () => {},
          retry: STEP_RETRY,
          lockSettleMs: 0,
          seal,
        },
      );
    return { anthropic, leaked, standby, provider, run };
  }

  it('promotes the standby admin key, continues with it, and leaves the Console delete to a human as still live', async () => {
    const w = await adminLeak(true);
    try {
      const result = await w.run('801');
      expect(result.notOurs).toBeUndefined();
      expect(result.strategy).toBe('standby');
      expect(github.secretValue('repo', 'ANTHROPIC_ADMIN_KEY')).toBe(w.standby!.reveal());
      // The API cannot disable an admin key: it stays live, and the incident says what to delete where.
      expect(result.status).toBe('still-live');
      expect(result.manual.join('\n')).toMatch(
        /Delete the leaked ADMIN key by hand .*console\.anthropic\.com → Settings → Admin keys/,
      );
      expect(w.provider.usesAdminKey!(w.standby!)).toBe(true);
      // Nothing was sent to change a key: the Admin API has no admin-key endpoint.
      expect(w.anthropic.requests.filter((r) => r.method !== 'GET')).toEqual([]);
    } finally {
      await w.anthropic.stop();
    }
  });

  it('is contained on the sweep after a human deleted it in the Console', async () => {
    const w = await adminLeak(false);
    try {
      expect((await w.run('802')).status).toBe('still-live');
      w.anthropic.deleteAdminKeyInConsole(w.leaked.reveal());
      w.provider.useAdminKey!(new Secret(w.anthropic.addAdminKey()));
      const again = await w.run('803');
      expect(again.leakedState).toBe('revoked');
      expect(again.status).toBe('contained');
    } finally {
      await w.anthropic.stop();
    }
  });
});
