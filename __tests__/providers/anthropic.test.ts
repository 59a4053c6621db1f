import { createAnthropicProvider } from '../../src/providers/anthropic.js';
import { ProviderApiError } from '../../src/providers/common.js';
import type { Provider } from '../../src/providers/types.js';
import { Secret } from '../../src/scan/secret.js';
import { type AnthropicEmulator, startAnthropicEmulator } from '../emulators/anthropic.js';
import { KeyGen } from '../helpers/keygen.js';

const FAST = { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 50, timeoutMs: 2000, budgetMs: 10_000 };
const HOUR = 3600;
const gen = new KeyGen(5);

let emu: AnthropicEmulator;
let admin: Secret;
let provider: Provider;

beforeEach(async () => {
  emu = await startAnthropicEmulator();
  admin = new Secret(emu.addAdminKey());
  provider = createAnthropicProvider({ baseUrl: emu.baseUrl, adminKey: admin, retry: FAST });
});
afterEach(() => emu.stop());

/** Keys travel only in the x-api-key header, and nowhere else. */
function expectKeysOnlyInApiKeyHeader(keys: string[]): void {
  for (const r of emu.requests) {
    const { 'x-api-key': apiKey, ...rest } = r.headers;
    const elsewhere = JSON.stringify({ path: r.path, query: r.query, body: r.body, rest });
    for (const k of keys) {
      expect(elsewhere).not.toContain(k);
      if (r.path.startsWith('/v1/organizations') && apiKey !== admin.reveal()) {
        throw new Error(`admin call ${r.path} without the admin key`);
      }
    }
    expect(r.headers['anthropic-version']).toBe('2023-06-01');
  }
}

describe('Anthropic verify', () => {
  it('reports a key that lists models as live', async () => {
    const k = emu.addKey();
    const v = await provider.verify(new Secret(k.value));
    expect(v).toMatchObject({ status: 'live', endpoint: 'GET /v1/models', httpStatus: 200 });
    expect(emu.requests[0]!.query).toBe('?limit=1');
  });

  it('reports a 401 authentication_error as revoked', async () => {
    const v = await provider.verify(new Secret(gen.anthropic()));
    expect(v).toMatchObject({ status: 'revoked', httpStatus: 401, errorCode: 'authentication_error' });
  });

  it('reports an inactive key as revoked', async () => {
    const k = emu.addKey({ status: 'inactive' });
    expect((await provider.verify(new Secret(k.value))).status).toBe('revoked');
  });

  it('verifies an admin key on the organization endpoint', async () => {
    const v = await provider.verify(admin);
    expect(v).toMatchObject({ status: 'live', endpoint: 'GET /v1/organizations/me' });
  });

  it('reports live after a 429 with retry-after followed by a 200', async () => {
    const k = emu.addKey();
    emu.rateLimit('/v1/models', 1, 0);
    expect((await provider.verify(new Secret(k.value))).status).toBe('live');
  });

  it('reports a 429 storm as unknown', async () => {
    const k = emu.addKey();
    emu.rateLimit('/v1/models', 10, 0);
    expect(await provider.verify(new Secret(k.value))).toMatchObject({ status: 'unknown', httpStatus: 429 });
  });

  it('reports a persistent 529 overloaded as unknown', async () => {
    const k = emu.addKey();
    emu.overload('/v1/models', 10);
    const v = await provider.verify(new Secret(k.value));
    expect(v).toMatchObject({ status: 'unknown', httpStatus: 529, errorCode: 'overloaded_error' });
  });

  it.each([500, 503])('reports a persistent %i as unknown', async (status) => {
    const k = emu.addKey();
    emu.injectFault({ path: '/v1/models', times: 10, fault: { kind: 'status', status } });
    expect((await provider.verify(new Secret(k.value))).status).toBe('unknown');
  });

  it.each([
    ['a timeout', 'timeout'],
    ['a dropped connection', 'drop'],
    ['malformed JSON', 'malformed'],
  ] as const)('reports %s as unknown', async (_n, kind) => {
    const k = emu.addKey();
    emu.injectFault({ path: '/v1/models', times: 10, fault: { kind } });
    const p = createAnthropicProvider({
      baseUrl: emu.baseUrl,
      retry: { ...FAST, timeoutMs: 100, maxRetries: 1 },
    });
    expect((await p.verify(new Secret(k.value))).status).toBe('unknown');
  });

  it('reports an unreachable port as unknown', async () => {
    const p = createAnthropicProvider({ baseUrl: 'http://127.0.0.1:1', retry: { ...FAST, maxRetries: 0 } });
    expect((await p.verify(new Secret(gen.anthropic()))).status).toBe('unknown');
  });

  it('sends the key only in x-api-key and never echoes it in the verdict', async () => {
    const keys = [emu.addKey().value, gen.anthropic()];
    for (const key of keys) {
      const v = await provider.verify(new Secret(key));
      expect(JSON.stringify(v)).not.toContain(key);
    }
    expectKeysOnlyInApiKeyHeader(keys);
  });
});

describe('Anthropic admin', () => {
  it('declares that it cannot create keys and says why', () => {
    expect(provider.capabilities.create).toBe(false);
    expect(provider.create).toBeUndefined();
    expect(provider.limitations.join(' ')).toMatch(/Console.*standby key/);
  });

  it('locates a key by partial_key_hint across several pages', async () => {
    for (let i = 0; i < 2100; i++) emu.addKey();
    const target = emu.addKey();
    const r = await provider.locate!(new Secret(target.value));
    expect(r).toMatchObject({ status: 'found', ref: { id: target.id, redactedValue: emu.hint(target) } });
    expect(emu.requestsTo('GET', '/v1/organizations/api_keys')).toHaveLength(3);
    expectKeysOnlyInApiKeyHeader([target.value]);
  });

  it('reports two keys with the same hint as ambiguous', async () => {
    const target = emu.addKey();
    const twin = emu.addTwin(target.id);
    const r = await provider.locate!(new Secret(target.value));
    expect(r.status).toBe('ambiguous');
    if (r.status === 'ambiguous')
      expect(r.matches.map((m) => m.id).sort()).toEqual([target.id, twin.id].sort());
  });

  it("never takes another organization's key whose hint fits one of ours for ours", async () => {
    const ours = emu.addKey();
    const theirs = emu.addForeignLookalike(ours.id);
    const r = await provider.locate!(new Secret(theirs));
    expect(r).toMatchObject({ status: 'not-found', otherOrganization: true });
    expect(emu.requests.filter((q) => q.method !== 'GET')).toHaveLength(0);
  });

  it('reports an unknown key as not-found', async () => {
    emu.addKey();
    expect((await provider.locate!(new Secret(gen.anthropic()))).status).toBe('not-found');
  });

  it('locates through a 429 on the listing', async () => {
    const target = emu.addKey();
    emu.rateLimit('/v1/organizations/api_keys', 1, 0);
    expect((await provider.locate!(new Secret(target.value))).status).toBe('found');
  });

  it('disables a key, which then gets 401 on /v1/models', async () => {
    const k = emu.addKey();
    await provider.disable!({ provider: 'anthropic', id: k.id });
    expect(k.status).toBe('inactive');
    expect((await provider.verify(new Secret(k.value))).status).toBe('revoked');
    expect(await provider.state!({ provider: 'anthropic', id: k.id })).toBe('disabled');
  });

  it('disables through a 529 on the update', async () => {
    const k = emu.addKey();
    emu.overload(/\/api_keys\//, 1);
    await provider.disable!({ provider: 'anthropic', id: k.id });
    expect(k.status).toBe('inactive');
  });

  it('treats an archived key as already disabled', async () => {
    const k = emu.addKey({ status: 'archived' });
    await expect(provider.disable!({ provider: 'anthropic', id: k.id })).resolves.toBeUndefined();
  });

  it('reports state active, and deleted for an unknown id', async () => {
    const k = emu.addKey();
    expect(await provider.state!({ provider: 'anthropic', id: k.id })).toBe('active');
    expect(await provider.state!({ provider: 'anthropic', id: 'apikey_01nothere' })).toBe('deleted');
  });

  it('fails with a ProviderApiError that quotes no key when the admin key is wrong', async () => {
    const wrong = gen.anthropicAdmin();
    const p = createAnthropicProvider({ baseUrl: emu.baseUrl, adminKey: new Secret(wrong), retry: FAST });
    const k = emu.addKey();
    const err = await p.locate!(new Secret(k.value)).catch((e) => e);
    expect(err).toBeInstanceOf(ProviderApiError);
    expect(err.message).toMatch(/401 \(authentication_error\)/);
    expect(err.message).not.toContain(wrong);
    expect(err.message).not.toContain(k.value);
  });

  it('reads hourly token usage of the key across pages', async () => {
    const hour = Math.floor(Date.now() / 1000 / HOUR) * HOUR;
    const k = emu.addKey();
    const other = emu.addKey();
    emu.seedUsage({ apiKeyId: k.id, time: hour - 8 * 24 * HOUR, uncachedInputTokens: 10, outputTokens: 5 });
    emu.seedUsage({ apiKeyId: k.id, time: hour - HOUR, uncachedInputTokens: 100, cacheReadInputTokens: 20 });
    emu.seedUsage({ apiKeyId: other.id, time: hour - HOUR, uncachedInputTokens: 999 });
    const window = {
      start: new Date((hour - 9 * 24 * HOUR) * 1000).toISOString(),
      end: new Date((hour + HOUR) * 1000).toISOString(),
    };
    emu.rateLimit('/v1/organizations/usage_report/messages', 1, 0);

    const events = await provider.usage!({ provider: 'anthropic', id: k.id }, window);

    expect(events).toEqual([
      expect.objectContaining({
        inputTokens: 10,
        outputTokens: 5,
        requests: 0,
        bucketSeconds: HOUR,
        keyId: k.id,
      }),
      expect.objectContaining({ inputTokens: 120, outputTokens: 50, source: 'anthropic-usage' }),
    ]);
    expect(emu.requests.some((r) => r.query.includes('page='))).toBe(true);
  });

  it("never counts usage rows without the key's id as the key's, and says the report could not filter", async () => {
    const lax = await startAnthropicEmulator({ usageIgnoresKeyFilter: true });
    try {
      const laxProvider = createAnthropicProvider({
        baseUrl: lax.baseUrl,
        adminKey: new Secret(lax.addAdminKey()),
        retry: FAST,
      });
      const hour = Math.floor(Date.now() / 1000 / HOUR) * HOUR;
      const k = lax.addKey();
      // Another key's heavy use, answered as rows that name no key.
      lax.seedUsage({ apiKeyId: lax.addKey().id, time: hour - HOUR, uncachedInputTokens: 90_000 });
      const window = {
        start: new Date((hour - 24 * HOUR) * 1000).toISOString(),
        end: new Date((hour + HOUR) * 1000).toISOString(),
      };
      const gaps: string[] = [];

      const events = await laxProvider.usage!({ provider: 'anthropic', id: k.id }, window, {
        gap: (g) => gaps.push(g),
      });

      expect(events).toEqual([]);
      expect(gaps).toEqual([
        expect.stringMatching(/^Anthropic usage report: the source did not filter by the key: 1 usage row/),
      ]);
    } finally {
      await lax.stop();
    }
  });
});

describe('Anthropic admin keys', () => {
  it('proves a leaked admin key of our organization ours, with no id to act on', async () => {
    const leaked = new Secret(emu.addAdminKey());
    const r = await provider.locate!(leaked);
    expect(r).toMatchObject({ status: 'not-found', ownOrganization: true });
    expect((r as { reason: string }).reason).toMatch(/does not list admin keys/);
    expect(provider.kindOf!(leaked)).toBe('admin');
    expect(emu.requests.filter((q) => q.path === '/v1/organizations/api_keys')).toEqual([]);
  });

  it('does not take an admin key of another organization for ours', async () => {
    const r = await provider.locate!(new Secret(emu.addForeignAdminKey()));
    expect(r.status).toBe('not-found');
    expect(r).not.toHaveProperty('ownOrganization');
    expect((r as { reason: string }).reason).toMatch(/another organization/);
  });

  it('does not take a revoked admin key for ours', async () => {
    const r = await provider.locate!(new Secret(gen.anthropicAdmin()));
    expect(r).not.toHaveProperty('ownOrganization');
  });
});
