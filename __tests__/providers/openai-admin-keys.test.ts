/**
 * OpenAI organization admin keys (`sk-admin-…`): located by redacted value and proven to be of our
 * organization, replaced by a new admin key, described and deleted by id, against the emulator that
 * checks every request and answer against OpenAI's official description.
 */
import { ProviderApiError } from '../../src/providers/common.js';
import { createOpenAIProvider } from '../../src/providers/openai.js';
import type { KeyRef, Provider } from '../../src/providers/types.js';
import { Secret } from '../../src/scan/secret.js';
import { type OpenAIEmulator, startOpenAIEmulator } from '../emulators/openai.js';

const FAST = { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 50, timeoutMs: 2000, budgetMs: 10_000 };

const started: OpenAIEmulator[] = [];
afterAll(() => Promise.all(started.map((e) => e.stop())));

async function org(): Promise<{ emu: OpenAIEmulator; admin: Secret; provider: Provider }> {
  const emu = await startOpenAIEmulator();
  started.push(emu);
  const admin = new Secret(emu.addAdminKey('keyguard').value);
  const provider = createOpenAIProvider({ baseUrl: emu.apiBase, adminKey: admin, retry: FAST });
  return { emu, admin, provider };
}

const adminRef = (id: string): KeyRef => ({ provider: 'openai', id, ownerType: 'admin' });

describe('OpenAI admin key kind', () => {
  it('tells an admin key from a project key', async () => {
    const { emu, provider } = await org();
    expect(provider.kindOf!(new Secret(emu.gen.openaiAdmin()))).toBe('admin');
    expect(provider.kindOf!(new Secret(emu.gen.openaiProject()))).toBe('api');
  });

  it('knows the admin key it authenticates with, and switches to another on request', async () => {
    const { emu, admin, provider } = await org();
    const next = emu.addAdminKey('next');
    expect(provider.usesAdminKey!(admin)).toBe(true);
    provider.useAdminKey!(new Secret(next.value));
    expect(provider.usesAdminKey!(admin)).toBe(false);
    await provider.locate!(new Secret(emu.gen.openaiAdmin()));
    const auth = emu.requestsTo('GET', '/v1/organization/admin_api_keys').map((r) => r.headers.authorization);
    expect(auth).toEqual([`Bearer ${next.value}`]);
  });
});

describe('OpenAI admin key locate', () => {
  it('finds a leaked admin key among more than 100 admin keys, proven by its own view of the organization', async () => {
    const { emu, provider } = await org();
    for (let i = 0; i < 120; i++) emu.addAdminKey(`k${i}`);
    const leaked = emu.addAdminKey('ci');
    const r = await provider.locate!(new Secret(leaked.value));
    expect(r).toMatchObject({
      status: 'found',
      ref: {
        id: leaked.id,
        name: 'ci',
        ownerType: 'admin',
        redactedValue: `sk-admin...${leaked.value.slice(-4)}`,
      },
    });
    const lists = emu.requestsTo('GET', '/v1/organization/admin_api_keys');
    // Two pages with the admin key, two with the leaked key itself (read-only).
    expect(lists.map((q) => q.headers.authorization === `Bearer ${leaked.value}`)).toEqual([
      false,
      false,
      true,
      true,
    ]);
  });

  it('does not take an admin key of another organization for ours when its hint fits one of ours', async () => {
    const { emu, provider } = await org();
    const ours = emu.addAdminKey('ours');
    const theirs = emu.addForeignAdminKey(ours);
    const r = await provider.locate!(new Secret(theirs.value));
    expect(r.status).toBe('not-found');
    expect((r as { reason: string }).reason).toMatch(/another organization/);
    expect(emu.adminKeyState(ours.id)).toBe('active');
  });

  it('reports two of our admin keys with the same hint as ambiguous', async () => {
    const { emu, provider } = await org();
    const leaked = emu.addAdminKey('a');
    emu.addAdminKey('b', {
      value: leaked.value.slice(0, 12) + emu.gen.b64url(leaked.value.length - 16) + leaked.value.slice(-4),
    });
    const r = await provider.locate!(new Secret(leaked.value));
    expect(r.status).toBe('ambiguous');
  });

  it('reports an admin key no list holds as not-found without asking the key itself', async () => {
    const { emu, provider } = await org();
    const stranger = emu.gen.openaiAdmin();
    expect((await provider.locate!(new Secret(stranger))).status).toBe('not-found');
    const withStranger = emu.requests.filter((q) => q.headers.authorization === `Bearer ${stranger}`);
    expect(withStranger).toHaveLength(0);
  });
});

describe('OpenAI admin key create', () => {
  it('replaces an admin key with a new admin key that is live, never with a project key', async () => {
    const { emu, provider } = await org();
    const leaked = emu.addAdminKey('ci');
    const made = await provider.create!(
      { name: 'keyguard-admin-20261202', kind: 'admin', expiresInDays: 90 },
      adminRef(leaked.id),
    );
    expect(made.secret.reveal()).toMatch(/^sk-admin-/);
    expect(made.ref).toMatchObject({ ownerType: 'admin', name: 'keyguard-admin-20261202' });
    const rec = emu.adminKeys.get(made.ref.id)!;
    expect(rec.expires_at! - rec.created_at).toBe(90 * 86_400);
    expect(emu.requestsTo('POST', /service_accounts/)).toHaveLength(0);
    expect((await provider.verify(made.secret)).status).toBe('live');
  });

  it('lists the API-key policy an admin key cannot carry as manual steps', async () => {
    const { provider } = await org();
    const made = await provider.create!({
      name: 'x',
      kind: 'admin',
      scopes: ['api.model.request'],
      rpm: 10,
      allowedIps: ['203.0.113.0/24'],
    });
    expect(made.manual.join('\n')).toMatch(/admin key has none[\s\S]*Rate limits[\s\S]*IP allowlist/);
  });

  it('does not retry a create that failed with a 500, so no second admin key is made', async () => {
    const { emu, provider } = await org();
    emu.injectFault({
      method: 'POST',
      path: '/v1/organization/admin_api_keys',
      fault: { kind: 'status', status: 500 },
    });
    await expect(provider.create!({ name: 'x', kind: 'admin' })).rejects.toBeInstanceOf(ProviderApiError);
    expect(emu.requestsTo('POST', '/v1/organization/admin_api_keys')).toHaveLength(1);
  });
});

describe('OpenAI admin key delete, state and describe', () => {
  it('deletes the leaked admin key by id, which is then revoked', async () => {
    const { emu, provider } = await org();
    const leaked = emu.addAdminKey('ci');
    await provider.disable!(adminRef(leaked.id));
    expect(emu.adminKeyState(leaked.id)).toBe('deleted');
    expect(await provider.state!(adminRef(leaked.id))).toBe('deleted');
    expect((await provider.verify(new Secret(leaked.value))).status).toBe('revoked');
  });

  it('reads the state before repeating a DELETE that failed', async () => {
    const { emu, provider } = await org();
    const leaked = emu.addAdminKey('ci');
    emu.injectFault({ method: 'DELETE', fault: { kind: 'status', status: 503 } });
    await provider.disable!(adminRef(leaked.id));
    const trail = emu.requests.filter((r) => r.path.endsWith(leaked.id)).map((r) => r.method);
    expect(trail).toEqual(['DELETE', 'GET', 'DELETE']);
  });

  it('does not take a 404 for a deleted admin key when the admin key list does not answer', async () => {
    const { emu, provider } = await org();
    emu.injectFault({
      method: 'GET',
      path: '/v1/organization/admin_api_keys',
      times: 10,
      fault: { kind: 'status', status: 403 },
    });
    const err = await provider.state!(adminRef('key_nope')).catch((e) => e);
    expect(err).toBeInstanceOf(ProviderApiError);
    expect(err.message).toMatch(/cannot tell whether the key is deleted/);
  });

  it('describes an admin key by id with its name, creation time and hint', async () => {
    const { emu, provider } = await org();
    const k = emu.addAdminKey('ci');
    expect(await provider.describe!(adminRef(k.id))).toEqual({
      provider: 'openai',
      id: k.id,
      name: 'ci',
      ownerType: 'admin',
      redactedValue: `sk-admin...${k.value.slice(-4)}`,
      createdAt: new Date(k.created_at * 1000).toISOString(),
    });
    k.deleted = true;
    expect(await provider.describe!(adminRef(k.id))).toBeNull();
  });
});
