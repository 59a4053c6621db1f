import { GitHubApiError, GitHubPermissionError, SecretTargetError } from '../../src/github/errors.js';
import { createSecretsSink, normaliseSecretName } from '../../src/github/secrets.js';
import type { SecretScope } from '../../src/github/types.js';
import { Secret } from '../../src/scan/secret.js';
import { FULL_PERMISSIONS, GITHUB_TOKEN_PERMISSIONS, type GitHubEmulator } from '../emulators/github.js';
import { KeyGen } from '../helpers/keygen.js';
import { rejection, setup } from './helpers.js';

const ADMIN = 'tok-admin';
const ACTIONS = 'tok-actions';
const READER = 'tok-reader';

let ctx: Awaited<ReturnType<typeof setup>>;
let emulator: GitHubEmulator;
const gen = new KeyGen(42);

beforeEach(async () => {
  ctx = await setup({
    tokens: {
      [ADMIN]: FULL_PERMISSIONS,
      [ACTIONS]: GITHUB_TOKEN_PERMISSIONS,
      [READER]: { secrets: 'read', orgSecrets: 'read' },
    },
    environments: ['production', 'prod/eu west'],
  });
  emulator = ctx.emulator;
});
afterEach(() => emulator.stop());

const sink = (token = ADMIN) => createSecretsSink(ctx.client(token), ctx.repo);

describe('secret names', () => {
  it.each([
    ['openai_api_key', 'OPENAI_API_KEY'],
    ['_private', '_PRIVATE'],
    ['Key2', 'KEY2'],
  ])('normalises %s to %s', (name, upper) => {
    expect(normaliseSecretName(name)).toBe(upper);
  });

  it.each(['GITHUB_TOKEN_X', 'github_thing', '2FAST', 'has-dash', 'has space', ''])('rejects %j', (name) => {
    expect(() => normaliseSecretName(name)).toThrow(SecretTargetError);
  });

  it('refuses an invalid name before sending anything', async () => {
    const before = emulator.requests.length;
    await expect(
      sink().put({ name: 'GITHUB_X', scope: { kind: 'repo' } }, new Secret(gen.openaiProject())),
    ).rejects.toThrow(SecretTargetError);
    expect(emulator.requests.length).toBe(before);
  });
});

describe('repository secrets', () => {
  it('creates a repository secret whose decrypted value equals the input', async () => {
    const key = gen.openaiProject();
    const result = await sink().put({ name: 'openai_api_key', scope: { kind: 'repo' } }, new Secret(key));
    expect(result).toBe('created');
    expect(emulator.secretValue({ kind: 'repo' }, 'OPENAI_API_KEY')).toBe(key);
  });

  it('updates an existing repository secret and reports it as updated', async () => {
    const s = sink();
    const target = { name: 'OPENAI_API_KEY', scope: { kind: 'repo' } as const };
    await s.put(target, new Secret(gen.openaiProject()));
    const second = gen.openaiProject();
    expect(await s.put(target, new Secret(second))).toBe('updated');
    expect(emulator.secretValue({ kind: 'repo' }, 'OPENAI_API_KEY')).toBe(second);
  });

  it('fetches the public key once per scope per run', async () => {
    const s = sink();
    await s.put({ name: 'A', scope: { kind: 'repo' } }, new Secret(gen.deepseek()));
    await s.put({ name: 'B', scope: { kind: 'repo' } }, new Secret(gen.deepseek()));
    expect(emulator.server.requestsTo('GET', /\/actions\/secrets\/public-key$/)).toHaveLength(1);
  });

  it('never sends the value in clear', async () => {
    const key = gen.anthropic();
    await sink().put({ name: 'ANTHROPIC_API_KEY', scope: { kind: 'repo' } }, new Secret(key));
    for (const r of emulator.requests) expect(r.body).not.toContain(key);
  });

  it('returns metadata with created and updated times, and null for a missing secret', async () => {
    const s = sink();
    await s.put({ name: 'KEY', scope: { kind: 'repo' } }, new Secret(gen.deepseek()));
    emulator.setSecretUpdatedAt({ kind: 'repo' }, 'KEY', '2024-01-02T03:04:05Z');
    const meta = await s.get({ name: 'key', scope: { kind: 'repo' } });
    expect(meta).toMatchObject({ name: 'KEY', updatedAt: '2024-01-02T03:04:05Z', scope: { kind: 'repo' } });
    expect(meta?.createdAt).toMatch(/Z$/);
    expect(await s.get({ name: 'NOPE', scope: { kind: 'repo' } })).toBeNull();
  });

  it('lists every secret across pages', async () => {
    for (let i = 0; i < 130; i++)
      emulator.setSecret({ kind: 'repo' }, `S_${String(i).padStart(3, '0')}`, 'v');
    const all = await sink().list({ kind: 'repo' });
    expect(all).toHaveLength(130);
    expect(new Set(all.map((m) => m.name)).size).toBe(130);
    expect(emulator.server.requestsTo('GET', /\/actions\/secrets$/)).toHaveLength(2);
  });

  it('deletes a secret and says false when it was already gone', async () => {
    const s = sink();
    emulator.setSecret({ kind: 'repo' }, 'OLD', 'v');
    expect(await s.delete({ name: 'OLD', scope: { kind: 'repo' } })).toBe(true);
    expect(await s.delete({ name: 'OLD', scope: { kind: 'repo' } })).toBe(false);
  });
});

describe('environment secrets', () => {
  it('stores a secret in an environment whose name has a slash and a space', async () => {
    const key = gen.openrouter();
    const scope: SecretScope = { kind: 'env', environment: 'prod/eu west' };
    expect(await sink().put({ name: 'OPENROUTER_KEY', scope }, new Secret(key))).toBe('created');
    expect(emulator.secretValue(scope, 'OPENROUTER_KEY')).toBe(key);
    expect(
      emulator.server.requestsTo('PUT', /environments\/prod%2Feu%20west\/secrets\/OPENROUTER_KEY$/),
    ).toHaveLength(1);
  });

  it('keeps environment and repository secrets apart', async () => {
    const s = sink();
    await s.put(
      { name: 'K', scope: { kind: 'env', environment: 'production' } },
      new Secret('env-value-123'),
    );
    expect(emulator.secretValue({ kind: 'repo' }, 'K')).toBeUndefined();
    expect(await s.list({ kind: 'env', environment: 'production' })).toHaveLength(1);
  });

  it('reports an unknown environment as a 404 error', async () => {
    const err = await rejection(
      sink().put({ name: 'K', scope: { kind: 'env', environment: 'staging' } }, new Secret('value-abc-123')),
    );
    expect(err).toBeInstanceOf(GitHubApiError);
    expect((err as GitHubApiError).status).toBe(404);
    expect(err.message).toContain(
      'environment "staging" of acme/app does not exist, or the token cannot see it',
    );
  });
});

describe('organization secrets', () => {
  const org = (extra: Partial<Extract<SecretScope, { kind: 'org' }>> = {}): SecretScope => ({
    kind: 'org',
    org: 'acme',
    ...extra,
  });

  it('creates an org secret with the visibility asked for', async () => {
    const key = gen.openaiProject();
    expect(await sink().put({ name: 'OPENAI', scope: org({ visibility: 'private' }) }, new Secret(key))).toBe(
      'created',
    );
    expect(emulator.secret(org(), 'OPENAI')).toMatchObject({ value: key, visibility: 'private' });
  });

  it('creates a selected org secret with its repositories', async () => {
    await sink().put(
      { name: 'OPENAI', scope: org({ visibility: 'selected', selectedRepositoryIds: [7, 9] }) },
      new Secret('value-abc-123'),
    );
    expect(emulator.secret(org(), 'OPENAI')).toMatchObject({
      visibility: 'selected',
      selected_repository_ids: [7, 9],
    });
  });

  it('keeps the visibility and selected repositories of an existing org secret on update', async () => {
    emulator.setSecret(org(), 'OPENAI', 'old', {
      visibility: 'selected',
      selected_repository_ids: [11, 12, 13],
    });
    const key = gen.openaiProject();
    expect(await sink().put({ name: 'OPENAI', scope: org() }, new Secret(key))).toBe('updated');
    expect(emulator.secret(org(), 'OPENAI')).toMatchObject({
      value: key,
      visibility: 'selected',
      selected_repository_ids: [11, 12, 13],
    });
  });

  it('keeps an "all" visibility even when the caller names another one', async () => {
    emulator.setSecret(org(), 'OPENAI', 'old', { visibility: 'all' });
    await sink().put({ name: 'OPENAI', scope: org({ visibility: 'private' }) }, new Secret('value-abc-123'));
    expect(emulator.secret(org(), 'OPENAI')?.visibility).toBe('all');
  });

  it('refuses to create an org secret without a visibility', async () => {
    await expect(sink().put({ name: 'NEW', scope: org() }, new Secret('value-abc-123'))).rejects.toThrow(
      /visibility/,
    );
  });

  it('lists org secrets with their visibility', async () => {
    emulator.setSecret(org(), 'A', 'v', { visibility: 'all' });
    const [meta] = await sink().list(org());
    expect(meta?.scope).toMatchObject({ kind: 'org', org: 'acme', visibility: 'all' });
  });
});

describe('public key rotation', () => {
  it('refetches the public key once and retries when GitHub rotated it', async () => {
    const s = sink();
    await s.put({ name: 'A', scope: { kind: 'repo' } }, new Secret('value-one-123'));
    emulator.rotatePublicKey({ kind: 'repo' });
    const key = gen.moonshot();
    expect(await s.put({ name: 'B', scope: { kind: 'repo' } }, new Secret(key))).toBe('created');
    expect(emulator.secretValue({ kind: 'repo' }, 'B')).toBe(key);
    expect(emulator.server.requestsTo('GET', /\/actions\/secrets\/public-key$/)).toHaveLength(2);
  });

  it('gives up after one refetch when GitHub still refuses the value, without the value in the error', async () => {
    const key = gen.moonshot();
    emulator.server.injectFault({
      method: 'PUT',
      path: /\/actions\/secrets\/B$/,
      fault: { kind: 'status', status: 422, body: { message: 'Bad request - key_id is invalid' } },
      times: 2,
    });
    const err = await rejection(sink().put({ name: 'B', scope: { kind: 'repo' } }, new Secret(key)));
    expect(err.message).toMatch(/422/);
    expect(err.message).not.toContain(key);
    expect(emulator.server.requestsTo('PUT', /\/actions\/secrets\/B$/)).toHaveLength(2);
  });
});

describe('permissions', () => {
  it('explains that GITHUB_TOKEN cannot write secrets and what token is needed', async () => {
    const key = gen.openaiProject();
    const err = await rejection(
      sink(ACTIONS).put({ name: 'OPENAI', scope: { kind: 'repo' } }, new Secret(key)),
    );
    expect(err).toBeInstanceOf(GitHubPermissionError);
    expect(err.message).toContain('Resource not accessible by integration');
    expect(err.message).toContain('GITHUB_TOKEN cannot write secrets');
    expect(err.message).toContain('Secrets: write');
    expect(err.message).toContain('secrets-token');
    expect(err.message).not.toContain(key);
  });

  it('names the organization permission for org secrets', async () => {
    const err = await rejection(
      sink(ACTIONS).put(
        { name: 'X', scope: { kind: 'org', org: 'acme', visibility: 'all' } },
        new Secret('v-123456'),
      ),
    );
    expect(err.message).toContain('organization permission "Secrets: write"');
  });

  it('maps a 403 on the PUT itself (read-only token) to the same precise error', async () => {
    const err = await rejection(
      sink(READER).put({ name: 'X', scope: { kind: 'repo' } }, new Secret('v-123456')),
    );
    expect(err).toBeInstanceOf(GitHubPermissionError);
    expect((err as GitHubPermissionError).method).toBe('PUT');
  });

  it('reports an unknown token as refused, without the token', async () => {
    const token = 'tok-unknown-abcdefgh';
    const err = await rejection(sink(token).list({ kind: 'repo' }));
    expect(err).toBeInstanceOf(GitHubPermissionError);
    expect(err.message).toContain('Bad credentials');
    expect(err.message).not.toContain(token);
  });
});

describe('transient failures', () => {
  it('retries a 500 during PUT and then stores the value', async () => {
    emulator.server.injectFault({
      method: 'PUT',
      path: /\/actions\/secrets\/K$/,
      fault: { kind: 'status', status: 500 },
    });
    const key = gen.siliconflow();
    expect(await sink().put({ name: 'K', scope: { kind: 'repo' } }, new Secret(key))).toBe('created');
    expect(emulator.secretValue({ kind: 'repo' }, 'K')).toBe(key);
  });

  it('retries a dropped connection on the public key', async () => {
    emulator.server.injectFault({ path: /public-key$/, fault: { kind: 'drop' } });
    await sink().put({ name: 'K', scope: { kind: 'repo' } }, new Secret('value-abc-123'));
    expect(emulator.secretValue({ kind: 'repo' }, 'K')).toBe('value-abc-123');
  });

  it('retries a PUT that timed out', async () => {
    emulator.server.injectFault({ method: 'PUT', fault: { kind: 'timeout' } });
    await sink().put({ name: 'K', scope: { kind: 'repo' } }, new Secret('value-abc-123'));
    expect(emulator.secretValue({ kind: 'repo' }, 'K')).toBe('value-abc-123');
  });

  it('rides out a storm of 429s with retry-after', async () => {
    emulator.server.injectFault({
      method: 'PUT',
      fault: { kind: 'status', status: 429, headers: { 'retry-after': '0' }, body: { message: 'slow down' } },
      times: 3,
    });
    await sink().put({ name: 'K', scope: { kind: 'repo' } }, new Secret('value-abc-123'));
    expect(emulator.server.requestsTo('PUT', /\/K$/)).toHaveLength(4);
  });
});

describe('where a secret lives (whereIs) and whether it can be written (preflight)', () => {
  const value = () => gen.openaiProject();

  it('finds a secret in the repository, each environment and the organization secrets shared with the repository', async () => {
    emulator.setSecret('repo', 'K', value());
    emulator.setSecret('env:prod/eu west', 'K', value());
    emulator.setSecret('org:acme', 'K', value(), {
      visibility: 'selected',
      selected_repository_ids: [emulator.repoId],
    });
    expect(await sink().whereIs('k')).toEqual([
      { name: 'K', scope: { kind: 'repo' } },
      { name: 'K', scope: { kind: 'env', environment: 'prod/eu west' } },
      { name: 'K', scope: { kind: 'org', org: 'acme', visibility: 'selected' } },
    ]);
  });

  it.each([
    [
      'selected to other repositories only',
      { visibility: 'selected' as const, selected_repository_ids: [42] },
    ],
  ])('does not count an organization secret %s', async (_what, extra) => {
    emulator.setSecret('org:acme', 'K', value(), extra);
    expect(await sink().whereIs('K')).toEqual([]);
  });

  it('refuses to write into an environment that does not exist, before any PUT', async () => {
    const err = await rejection(
      sink().preflight({ name: 'K', scope: { kind: 'env', environment: 'staging' } }),
    );
    expect(err).toBeInstanceOf(GitHubApiError);
    expect((err as Error).message).toContain('environment "staging"');
    expect((err as Error).message).toContain('does not exist');
    expect(emulator.requests.filter((r) => r.method === 'PUT')).toEqual([]);
  });

  it('refuses to update an organization secret whose visibility GitHub did not report, rather than re-scope it', async () => {
    emulator.setSecret('org:acme', 'K', value(), { visibility: 'selected', selected_repository_ids: [7] });
    // A hostile or truncated answer: the GET of the org secret lacks `visibility`.
    emulator.injectFault({
      method: 'GET',
      path: /\/orgs\/acme\/actions\/secrets\/K$/,
      times: 5,
      fault: {
        kind: 'status',
        status: 200,
        body: { name: 'K', created_at: '2026-01-01T00:00:00Z', updated_at: '2026-01-01T00:00:00Z' },
      },
    });
    const err = await rejection(
      sink().put({ name: 'K', scope: { kind: 'org', org: 'acme' } }, new Secret(value())),
    );
    expect(err).toBeInstanceOf(SecretTargetError);
    expect(emulator.secret('org:acme', 'K')!.selected_repository_ids).toEqual([7]);
  });
});
