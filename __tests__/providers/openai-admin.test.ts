import { ProviderApiError } from '../../src/providers/common.js';
import { createOpenAIProvider } from '../../src/providers/openai.js';
import type { KeyRef, Provider } from '../../src/providers/types.js';
import { Secret } from '../../src/scan/secret.js';
import { type OpenAIEmulator, type OpenAIEmulatorOptions, startOpenAIEmulator } from '../emulators/openai.js';

const FAST = { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 50, timeoutMs: 2000, budgetMs: 10_000 };
const HOUR = 3600;

interface Org {
  emu: OpenAIEmulator;
  admin: Secret;
  provider: Provider;
  warnings: string[];
}

const started: OpenAIEmulator[] = [];
afterAll(() => Promise.all(started.map((e) => e.stop())));

async function org(options: OpenAIEmulatorOptions = {}, extra: Record<string, unknown> = {}): Promise<Org> {
  const emu = await startOpenAIEmulator(options);
  started.push(emu);
  const admin = new Secret(emu.addAdminKey().value);
  const warnings: string[] = [];
  const provider = createOpenAIProvider({
    baseUrl: emu.apiBase,
    adminKey: admin,
    retry: FAST,
    onWarning: (m) => warnings.push(m),
    ...extra,
  });
  return { emu, admin, provider, warnings };
}

/** Every request must carry the admin key only as its Bearer credential, and the leaked keys nowhere. */
function expectNoKeyLeak(emu: OpenAIEmulator, admin: Secret, leaked: string[]): void {
  for (const r of emu.requests) {
    const all = JSON.stringify({ path: r.path, query: r.query, body: r.body, headers: r.headers });
    for (const k of leaked) {
      if (r.path !== '/v1/models') expect(all).not.toContain(k);
    }
    const { authorization, ...rest } = r.headers;
    expect(JSON.stringify({ path: r.path, query: r.query, body: r.body, rest })).not.toContain(
      admin.reveal(),
    );
    if (r.path.startsWith('/v1/organization')) expect(authorization).toBe(`Bearer ${admin.reveal()}`);
  }
}

describe('OpenAI locate', () => {
  it('finds a key among more than 100 keys across several paginated projects', async () => {
    const { emu, admin, provider } = await org();
    for (let i = 0; i < 101; i++) emu.addProject(`p${i}`);
    emu.addProject('old', true);
    const pids = [...emu.projects.keys()];
    for (let i = 0; i < 60; i++) emu.addKey({ projectId: pids[i % 3] });
    for (let i = 0; i < 150; i++) emu.addKey({ projectId: pids[101] });
    const target = emu.addKey({ projectId: pids[101] });

    const r = await provider.locate!(new Secret(target.value));

    expect(r).toEqual({
      status: 'found',
      ref: expect.objectContaining({ id: target.id, projectId: pids[101] }),
    });
    const paged = (suffix: string) =>
      emu.requests.filter((q) => q.path.endsWith(suffix) && q.query.includes('after='));
    expect(paged('/api_keys')).toHaveLength(1);
    expect(paged('/projects')).toHaveLength(1);
    expectNoKeyLeak(emu, admin, [target.value]);
  });

  it('reports two keys with the same redacted value in one project as ambiguous and changes nothing', async () => {
    const { emu, provider } = await org();
    const p1 = emu.addProject();
    const target = emu.addKey({ projectId: p1.id });
    const twin = emu.addTwin(target.id, p1.id);

    const r = await provider.locate!(new Secret(target.value));

    expect(r.status).toBe('ambiguous');
    if (r.status !== 'ambiguous') return;
    expect(r.matches.map((m) => m.id).sort()).toEqual([target.id, twin.id].sort());
    expect(r.reason).toMatch(/will not choose/);
    expect(emu.requests.filter((q) => q.method !== 'GET')).toHaveLength(0);
  });

  it('tells apart two keys with the same redacted value in two projects by the project the leaked key answers for', async () => {
    const { emu, provider } = await org();
    const p1 = emu.addProject();
    const p2 = emu.addProject();
    const target = emu.addKey({ projectId: p1.id });
    emu.addTwin(target.id, p2.id);

    const r = await provider.locate!(new Secret(target.value));

    expect(r).toMatchObject({ status: 'found', ref: { id: target.id, projectId: p1.id } });
  });

  it.each([
    ['a key of another organization whose redacted value fits one of ours', 'org'],
    ['the same, when its answers name no project (only the organization tells)', 'org-only'],
  ])('never takes %s for ours', async (_, how) => {
    const { emu, provider } = await org();
    const ours = emu.addKey({ projectId: emu.addProject().id });
    const theirs = emu.addForeignLookalike(ours.id);
    if (how === 'org-only')
      emu.injectFault({
        path: '/v1/models',
        fault: {
          kind: 'status',
          status: 200,
          headers: { 'openai-organization': 'org-someone-else' },
          body: { object: 'list', data: [] },
        },
      });

    const r = await provider.locate!(new Secret(theirs.value));

    expect(r).toMatchObject({ status: 'not-found', otherOrganization: true });
    expect(emu.keyState(ours.id)).toBe('active');
    expect(emu.requests.filter((q) => q.method !== 'GET')).toHaveLength(0);
  });

  it('keeps the hint as the evidence when the leaked key is refused (it can no longer name its organization)', async () => {
    const { emu, provider } = await org();
    const target = emu.addKey({ projectId: emu.addProject().id });
    emu.injectFault({
      path: '/v1/models',
      fault: { kind: 'status', status: 401, body: { error: { message: 'no' } } },
    });

    const r = await provider.locate!(new Secret(target.value));

    expect(r).toMatchObject({ status: 'found', ref: { id: target.id } });
  });

  it('reports a match on too few revealed characters as ambiguous when several keys share them', async () => {
    const { emu, provider } = await org({ redactedSuffixLength: 1 });
    const pid = emu.addProject().id;
    const target = emu.addKey({ projectId: pid });
    emu.addKey({ projectId: pid });
    const r = await provider.locate!(new Secret(target.value));
    // Generated project keys all end in "A": one revealed character cannot tell them apart.
    expect(r.status).toBe('ambiguous');
  });

  it('reports a key no project holds as not-found', async () => {
    const { emu, provider } = await org();
    emu.addKey({ projectId: emu.addProject().id });
    const stranger = emu.gen.openaiProject();
    expect((await provider.locate!(new Secret(stranger))).status).toBe('not-found');
  });

  it('explains that legacy user keys are not listed by the Admin API', async () => {
    const { emu, provider } = await org();
    emu.addProject();
    const r = await provider.locate!(new Secret(emu.gen.openaiLegacy()));
    expect(r).toMatchObject({ status: 'not-found', reason: expect.stringMatching(/Legacy user keys/) });
  });

  it('matches a redacted value masked to the key length', async () => {
    const { emu, provider } = await org({ redaction: 'masked' });
    const target = emu.addKey({ projectId: emu.addProject().id });
    emu.addKey({ projectId: target.projectId });
    const r = await provider.locate!(new Secret(target.value));
    expect(r).toMatchObject({ status: 'found', ref: { id: target.id } });
  });

  it('searches only the configured projects', async () => {
    const { emu, admin } = await org();
    const p1 = emu.addProject();
    const p2 = emu.addProject();
    const target = emu.addKey({ projectId: p2.id });
    const p = createOpenAIProvider({
      baseUrl: emu.apiBase,
      adminKey: admin,
      retry: FAST,
      projectIds: [p1.id],
    });
    expect((await p.locate!(new Secret(target.value))).status).toBe('not-found');
    expect(emu.requestsTo('GET', '/v1/organization/projects')).toHaveLength(0);
  });

  it('finds a leaked admin key among the admin keys', async () => {
    const { emu, provider } = await org();
    const leaked = emu.addAdminKey('ci');
    const r = await provider.locate!(new Secret(leaked.value));
    expect(r).toMatchObject({ status: 'found', ref: { id: leaked.id, ownerType: 'admin' } });
  });

  it('retries a 503 on a page and still finds the key', async () => {
    const { emu, provider } = await org();
    const target = emu.addKey({ projectId: emu.addProject().id });
    emu.injectFault({ path: /\/api_keys$/, fault: { kind: 'status', status: 503 } });
    expect((await provider.locate!(new Secret(target.value))).status).toBe('found');
  });

  it('throws a ProviderApiError without the key when the listing keeps failing', async () => {
    const { emu, admin, provider } = await org();
    const target = emu.addKey({ projectId: emu.addProject().id });
    emu.injectFault({ path: /\/api_keys$/, times: 10, fault: { kind: 'status', status: 500 } });
    const err = await provider.locate!(new Secret(target.value)).catch((e) => e);
    expect(err).toBeInstanceOf(ProviderApiError);
    expect(err.message).toMatch(/answered 500/);
    expect(err.message).not.toContain(target.value);
    expect(err.message).not.toContain(admin.reveal());
  });

  it('marks a listing that got no answer as transient, so the saga may retry it', async () => {
    const { emu, provider } = await org();
    emu.injectFault({ path: '/v1/organization/projects', times: 10, fault: { kind: 'drop' } });
    const err = await provider.locate!(new Secret(emu.gen.openaiProject())).catch((e) => e);
    expect(err).toMatchObject({ name: 'ProviderApiError', transient: true });
    expect(err.message).toMatch(/no answer/);
  });

  it('explains that an admin key is needed when none is configured', async () => {
    const { emu } = await org();
    const p = createOpenAIProvider({ baseUrl: emu.apiBase, retry: FAST });
    await expect(p.locate!(new Secret(emu.gen.openaiProject()))).rejects.toThrow(/no admin key configured/);
  });

  it('reports a rejected admin key without quoting it', async () => {
    const { emu } = await org();
    const wrong = emu.gen.openaiAdmin();
    const p = createOpenAIProvider({ baseUrl: emu.apiBase, adminKey: new Secret(wrong), retry: FAST });
    const err = await p.locate!(new Secret(emu.gen.openaiProject())).catch((e) => e);
    expect(err.message).toMatch(/401 \(invalid_api_key\)/);
    expect(err.message).not.toContain(wrong);
  });
});

describe('OpenAI admin key verify', () => {
  it('verifies a live admin key on the admin key list', async () => {
    const { emu, admin, provider } = await org();
    const v = await provider.verify(admin);
    expect(v).toMatchObject({ status: 'live', endpoint: 'GET /v1/organization/admin_api_keys' });
    expect(emu.requestsTo('GET', '/v1/models')).toHaveLength(0);
  });

  it('reports an unknown admin key as revoked', async () => {
    const { emu, provider } = await org();
    expect((await provider.verify(new Secret(emu.gen.openaiAdmin()))).status).toBe('revoked');
  });
});

describe('OpenAI create', () => {
  it('creates a scoped service-account key in the leaked key’s project that is live', async () => {
    const { emu, admin, provider } = await org();
    const leaked = emu.addKey({ projectId: emu.addProject().id });
    const near: KeyRef = { provider: 'openai', id: leaked.id, projectId: leaked.projectId };

    const nk = await provider.create!({ name: 'prod-chat-20260109', scopes: ['api.model.read'] }, near);

    expect(nk.ref).toMatchObject({ projectId: leaked.projectId, ownerType: 'service_account' });
    const rec = emu.keys.get(nk.ref.id)!;
    expect(rec.scopes).toEqual(['api.model.read']);
    expect(emu.serviceAccounts.get(nk.ref.serviceAccountId!)!.name).toBe('prod-chat-20260109');
    expect((await provider.verify(nk.secret)).status).toBe('live');
    expect(JSON.stringify(nk)).not.toContain(nk.secret.reveal());
    expectNoKeyLeak(emu, admin, [leaked.value]);
  });

  it('describes a key it created by id with the name and creation time the create call returned', async () => {
    const { emu, provider } = await org();
    const nk = await provider.create!({ name: 'prod-chat-20260109', project: emu.addProject().id });
    const seen = await provider.describe!(nk.ref);
    expect(seen).toMatchObject({ id: nk.ref.id, name: nk.ref.name, createdAt: nk.ref.createdAt });
    await provider.delete!(nk.ref);
    expect(await provider.describe!(nk.ref)).toBeNull();
  });

  it('creates an unscoped key with a single request when the policy names no scopes', async () => {
    const { emu, provider } = await org();
    const pid = emu.addProject().id;
    const nk = await provider.create!({ name: 'plain', project: pid });
    expect(emu.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
    expect(emu.keyByValue(nk.secret.reveal())?.serviceAccountId).toBe(nk.ref.serviceAccountId);
  });

  it('applies models and rate limits project-wide and says so in manual', async () => {
    const { emu, provider } = await org();
    const pid = emu.addProject().id;
    const nk = await provider.create!({
      name: 'n',
      project: pid,
      models: ['gpt-4o-mini'],
      rpm: 60,
      tpm: 10_000,
    });
    expect(emu.modelPermissions.get(pid)).toEqual({ mode: 'allow_list', model_ids: ['gpt-4o-mini'] });
    const rl = emu.rateLimits.get(pid)!.find((l) => l.model === 'gpt-4o-mini')!;
    expect(rl).toMatchObject({ max_requests_per_1_minute: 60, max_tokens_per_1_minute: 10_000 });
    expect(emu.rateLimits.get(pid)!.find((l) => l.model === 'gpt-4o')!.max_requests_per_1_minute).toBe(500);
    expect(nk.manual.join('\n')).toMatch(/whole project/);
  });

  it('lists what cannot be enforced per key as manual steps', async () => {
    const { emu, provider } = await org();
    const pid = emu.addProject().id;
    const nk = await provider.create!({
      name: 'n',
      project: pid,
      allowedIps: ['203.0.113.7'],
      budgetUsd: 20,
      dailyRequests: 1000,
    });
    expect(nk.manual).toEqual([
      expect.stringMatching(/IP allowlist \(203\.0\.113\.7\)/),
      expect.stringMatching(/Daily request cap/),
      expect.stringMatching(/Budget \(\$20\)/),
    ]);
  });

  it('falls back to an unscoped key and says so when the scoped-key endpoint is missing', async () => {
    const { emu, provider } = await org({ serviceAccountKeysEndpoint: false });
    const pid = emu.addProject().id;
    const nk = await provider.create!({ name: 'n', project: pid, scopes: ['api.model.read'] });
    expect(nk.manual[0]).toMatch(/scopes \(api\.model\.read\) could not be set/);
    expect(emu.keyState(nk.ref.id)).toBe('active');
    expect([...emu.serviceAccounts.values()].filter((s) => !s.deleted)).toHaveLength(1);
  });

  it('waits out a 429 on the create and makes exactly one service account', async () => {
    const { emu, provider } = await org();
    const pid = emu.addProject().id;
    emu.rateLimit(/\/service_accounts$/, 1, 0);
    await provider.create!({ name: 'n', project: pid });
    expect(emu.serviceAccounts.size).toBe(1);
  });

  it('does not retry a create that failed with a 500', async () => {
    const { emu, provider } = await org();
    const pid = emu.addProject().id;
    emu.injectFault({ method: 'POST', path: /\/service_accounts$/, fault: { kind: 'status', status: 500 } });
    await expect(provider.create!({ name: 'n', project: pid })).rejects.toThrow(/answered 500/);
    expect(emu.requestsTo('POST', /\/service_accounts$/)).toHaveLength(1);
  });

  it('removes the empty service account when the scoped key is refused', async () => {
    const { emu, provider } = await org();
    const pid = emu.addProject().id;
    emu.injectFault({
      method: 'POST',
      path: /\/api_keys$/,
      fault: {
        kind: 'status',
        status: 400,
        body: { error: { message: 'Invalid scope: x', code: 'invalid_value' } },
      },
    });
    const err = await provider.create!({ name: 'n', project: pid, scopes: ['x'] }).catch((e) => e);
    expect(err.message).toMatch(/Invalid scope: x.*was removed again/);
    expect([...emu.serviceAccounts.values()].every((sa) => sa.deleted)).toBe(true);
  });

  it('refuses to guess a project', async () => {
    const { provider } = await org();
    await expect(provider.create!({ name: 'n' })).rejects.toThrow(/no project/);
  });
});

describe('OpenAI disable', () => {
  it('deletes the key, which is then revoked', async () => {
    const { emu, provider } = await org();
    const k = emu.addKey({ projectId: emu.addProject().id });
    await provider.disable!({ provider: 'openai', id: k.id, projectId: k.projectId });
    expect(emu.keyState(k.id)).toBe('deleted');
    expect((await provider.verify(new Secret(k.value))).status).toBe('revoked');
    expect(await provider.state!({ provider: 'openai', id: k.id, projectId: k.projectId })).toBe('deleted');
  });

  it('reads the state before retrying a DELETE that failed', async () => {
    const { emu, provider } = await org();
    const k = emu.addKey({ projectId: emu.addProject().id });
    emu.injectFault({ method: 'DELETE', fault: { kind: 'status', status: 503 } });
    await provider.disable!({ provider: 'openai', id: k.id, projectId: k.projectId });
    const trail = emu.requests.filter((r) => r.path.includes(k.id)).map((r) => r.method);
    expect(trail).toEqual(['DELETE', 'GET', 'DELETE']);
    expect(emu.keyState(k.id)).toBe('deleted');
  });

  it('treats a dropped DELETE answer as done when the key is gone', async () => {
    const { emu, provider } = await org();
    const k = emu.addKey({ projectId: emu.addProject().id });
    emu.injectFault({ method: 'DELETE', fault: { kind: 'drop' } });
    k.deleted = true; // as if the first DELETE had worked before the connection dropped
    await provider.disable!({ provider: 'openai', id: k.id, projectId: k.projectId });
    expect(emu.requestsTo('DELETE', new RegExp(k.id))).toHaveLength(1);
  });

  it('says the key may still work when every DELETE fails', async () => {
    const { emu, provider } = await org();
    const k = emu.addKey({ projectId: emu.addProject().id });
    emu.injectFault({ method: 'DELETE', times: 10, fault: { kind: 'status', status: 500 } });
    await expect(provider.disable!({ provider: 'openai', id: k.id, projectId: k.projectId })).rejects.toThrow(
      /may still work/,
    );
  });

  it('deletes the service account on the older 400 when it owns only this key', async () => {
    const { emu, provider } = await org({ rejectServiceAccountKeyDelete: true });
    const pid = emu.addProject().id;
    const sa = emu.addServiceAccount(pid);
    const k = emu.addKey({ projectId: pid, serviceAccountId: sa.id });
    await provider.disable!({ provider: 'openai', id: k.id, projectId: pid });
    expect(emu.serviceAccounts.get(sa.id)!.deleted).toBe(true);
    expect((await provider.verify(new Secret(k.value))).status).toBe('revoked');
  });

  it('stops with a precise error on the older 400 when the service account owns other keys', async () => {
    const { emu, provider } = await org({ rejectServiceAccountKeyDelete: true });
    const pid = emu.addProject().id;
    const sa = emu.addServiceAccount(pid);
    const k = emu.addKey({ projectId: pid, serviceAccountId: sa.id });
    const other = emu.addKey({ projectId: pid, serviceAccountId: sa.id });
    const err = await provider.disable!({ provider: 'openai', id: k.id, projectId: pid }).catch((e) => e);
    expect(err).toBeInstanceOf(ProviderApiError);
    expect(err.message).toContain(sa.id);
    expect(err.message).toContain(other.id);
    expect(emu.serviceAccounts.get(sa.id)!.deleted).toBe(false);
    expect(emu.keyState(k.id)).toBe('active');
  });

  it('deletes a service-account key directly under the newer behaviour', async () => {
    const { emu, provider } = await org();
    const pid = emu.addProject().id;
    const sa = emu.addServiceAccount(pid);
    const k = emu.addKey({ projectId: pid, serviceAccountId: sa.id });
    await provider.delete!({ provider: 'openai', id: k.id, projectId: pid, ownerType: 'service_account' });
    expect(emu.keyState(k.id)).toBe('deleted');
    expect(emu.serviceAccounts.get(sa.id)!.deleted).toBe(false);
  });

  it('does not take a 404 for success when the project id is wrong', async () => {
    const { emu, provider } = await org();
    const k = emu.addKey({ projectId: emu.addProject().id });
    const err = await provider.disable!({ provider: 'openai', id: k.id, projectId: 'proj_wrong' }).catch(
      (e) => e,
    );
    expect(err).toBeInstanceOf(ProviderApiError);
    expect(err.message).toMatch(/cannot tell whether the key is deleted/);
    expect(emu.keyState(k.id)).toBe('active');
  });

  it('reports an existing key as active', async () => {
    const { emu, provider } = await org();
    const k = emu.addKey({ projectId: emu.addProject().id });
    expect(await provider.state!({ provider: 'openai', id: k.id, projectId: k.projectId })).toBe('active');
  });
});

describe('OpenAI usage', () => {
  const hourStart = Math.floor(Date.now() / 1000 / HOUR) * HOUR;
  const window = {
    start: new Date((hourStart - 9 * 24 * HOUR) * 1000).toISOString(),
    end: new Date((hourStart + HOUR) * 1000).toISOString(),
  };

  it('reads hourly usage of the key across pages from completions and embeddings', async () => {
    const { emu, provider } = await org();
    const k = emu.addKey({ projectId: emu.addProject().id });
    const other = emu.addKey({ projectId: k.projectId });
    emu.seedUsage({ apiKeyId: k.id, time: hourStart - 8 * 24 * HOUR + 10, requests: 3, inputTokens: 30 });
    emu.seedUsage({ apiKeyId: k.id, time: hourStart - 2 * HOUR + 5, requests: 2, model: 'gpt-4o' });
    emu.seedUsage({
      apiKeyId: k.id,
      time: hourStart - 2 * HOUR + 9,
      requests: 4,
      kind: 'embeddings',
      model: 'te-3',
    });
    emu.seedUsage({ apiKeyId: other.id, time: hourStart - HOUR, requests: 100 });

    const events = (
      await provider.usage!({ provider: 'openai', id: k.id, projectId: k.projectId }, window)
    ).filter((e) => e.source === 'openai-usage');

    expect(events.reduce((n, e) => n + e.requests, 0)).toBe(9);
    expect(events).toContainEqual(
      expect.objectContaining({
        requests: 3,
        inputTokens: 30,
        bucketSeconds: HOUR,
        keyId: k.id,
        model: 'gpt-4o-mini',
      }),
    );
    expect(events.find((e) => e.path === 'embeddings')).toMatchObject({ requests: 4, model: 'te-3' });
    expect(emu.requests.some((r) => r.path.endsWith('/usage/completions') && r.query.includes('page='))).toBe(
      true,
    );
  });

  it('adds the audit-log events about the key, with no IP for an API-key actor', async () => {
    const { emu, provider } = await org();
    const pid = emu.addProject().id;
    const nk = await provider.create!({ name: 'n', project: pid });
    await provider.disable!(nk.ref);
    for (let i = 0; i < 120; i++) {
      emu.seedAuditLog({ type: 'login.succeeded', effective_at: hourStart - i, actor: { type: 'session' } });
    }

    const events = await provider.usage!(nk.ref, window);
    const audit = events.filter((e) => e.source === 'openai-audit-log');

    expect(audit.map((e) => e.eventType).sort()).toEqual(['api_key.created', 'api_key.deleted']);
    expect(audit[0]).toMatchObject({ requests: 0 });
    expect(audit.every((e) => e.ip === undefined && e.userAgent === undefined)).toBe(true);
  });

  it.each([
    [
      'a session actor: its session IP',
      {
        type: 'session',
        session: { user: { id: 'user_1', email: 'a@example.com' }, ip_address: '198.51.100.4' },
      },
      '198.51.100.4',
    ],
    [
      'an API-key actor: none (the schema gives it no IP)',
      { type: 'api_key', api_key: { id: 'key_x', type: 'user' } },
      undefined,
    ],
    ['a null actor: none', null, undefined],
  ])('reads the audit-log IP of %s, and never a user agent', async (_name, actor, ip) => {
    const { emu, provider } = await org();
    const k = emu.addKey({ projectId: emu.addProject().id });
    emu.seedAuditLog({
      type: 'api_key.deleted',
      effective_at: hourStart - HOUR,
      actor: actor as Record<string, unknown> | null,
      'api_key.deleted': { id: k.id },
    });
    const events = await provider.usage!({ provider: 'openai', id: k.id }, window);
    const audit = events.filter((e) => e.source === 'openai-audit-log');
    expect(audit).toHaveLength(1);
    expect(audit[0]!.ip).toBe(ip);
    expect(audit[0]!.userAgent).toBeUndefined();
  });

  it('retries a 429 on the usage API', async () => {
    const { emu, provider } = await org();
    const k = emu.addKey({ projectId: emu.addProject().id });
    emu.seedUsage({ apiKeyId: k.id, time: hourStart - HOUR });
    emu.rateLimit(/\/usage\/completions$/, 1, 0);
    const events = await provider.usage!({ provider: 'openai', id: k.id }, window);
    expect(events.filter((e) => e.source === 'openai-usage')).toHaveLength(1);
  });

  it('keeps the usage figures and warns when the audit log is unavailable', async () => {
    const { emu, provider, warnings } = await org();
    const k = emu.addKey({ projectId: emu.addProject().id });
    emu.seedUsage({ apiKeyId: k.id, time: hourStart - HOUR });
    emu.injectFault({
      path: /audit_logs$/,
      fault: { kind: 'status', status: 403, body: { error: { message: 'off' } } },
    });
    const events = await provider.usage!({ provider: 'openai', id: k.id }, window);
    expect(events).toHaveLength(1);
    expect(warnings[0]).toMatch(/audit logs unavailable/);
  });

  it('fails when the usage API answers malformed JSON', async () => {
    const { emu, provider } = await org();
    const k = emu.addKey({ projectId: emu.addProject().id });
    emu.injectFault({ path: /\/usage\/completions$/, fault: { kind: 'malformed' } });
    await expect(provider.usage!({ provider: 'openai', id: k.id }, window)).rejects.toThrow(/not JSON/);
  });
});
