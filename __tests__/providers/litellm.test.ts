import { ConfigError } from '../../src/config/errors.js';
import { createLiteLLMProvider, liteLLMDuration, liteLLMTokenHash } from '../../src/providers/litellm.js';
import type { ProviderSettings } from '../../src/providers/types.js';
import { Secret } from '../../src/scan/secret.js';
import { LiteLLMEmulator } from '../emulators/litellm.js';
import { KeyGen } from '../helpers/keygen.js';
import { describeVerifyTable, FAST } from '../verify/fault-table.js';

const emu = new LiteLLMEmulator();
const gen = new KeyGen(404);
const live = emu.seedKey({ key_alias: 'prod-chat', models: ['gpt-4o-mini'] });
const dead = gen.litellm();

beforeAll(() => emu.start());
afterAll(() => emu.stop());
afterEach(() => emu.server.clearFaults());

const provider = (s: ProviderSettings = {}) =>
  createLiteLLMProvider({ ...FAST, baseUrl: emu.baseUrl, adminKey: new Secret(emu.masterKey), ...s });
const refOf = (key: string) => ({ provider: 'litellm', id: emu.tokenOf(key) });

describeVerifyTable({
  name: 'litellm',
  server: () => emu.server,
  make: (s) => createLiteLLMProvider({ baseUrl: emu.baseUrl, ...s }),
  liveKey: () => live,
  deadKey: () => dead,
});

describe('litellm verify', () => {
  it('asks /key/info as the key itself, with no key in the URL', async () => {
    emu.server.requests.length = 0;
    await provider().verify(new Secret(live));
    const r = emu.server.requests[0]!;
    expect(r).toMatchObject({ path: '/key/info', query: '' });
    expect(r.headers.authorization).toBe(`Bearer ${live}`);
  });

  it.each([
    ['blocked', { blocked: true }],
    ['expired', { expires: '2000-01-01T00:00:00Z' }],
  ])('reports a %s key as revoked', async (_n, opts) => {
    const k = emu.seedKey(opts);
    const v = await provider().verify(new Secret(k));
    expect(v.status).toBe('revoked');
  });

  it('reports a deleted key as revoked', async () => {
    const k = emu.seedKey();
    await provider().delete!(refOf(k));
    expect((await provider().verify(new Secret(k))).status).toBe('revoked');
  });

  it('falls back to /v1/models when the key may not call /key/info', async () => {
    emu.server.injectFault({
      path: '/key/info',
      fault: {
        kind: 'status',
        status: 403,
        body: { error: { message: 'route not allowed', type: 'auth_error', code: '403' } },
      },
    });
    const v = await provider().verify(new Secret(live));
    expect(v).toMatchObject({ status: 'live', endpoint: 'GET /v1/models' });
  });

  it('refuses to build without the proxy URL', () => {
    expect(() => createLiteLLMProvider({})).toThrow(ConfigError);
  });
});

describe('litellm locate', () => {
  it('finds the key by its token hash without putting the raw key in a URL', async () => {
    emu.server.requests.length = 0;
    const r = await provider().locate!(new Secret(live));
    expect(r).toMatchObject({
      status: 'found',
      ref: { provider: 'litellm', id: liteLLMTokenHash(new Secret(live)), name: 'prod-chat' },
    });
    expect(emu.server.requests.map((q) => q.query).join()).not.toContain(live);
  });

  it('reports an unknown key as not found', async () => {
    expect((await provider().locate!(new Secret(dead))).status).toBe('not-found');
  });

  it('fails with the proxy message when the admin key is a plain virtual key', async () => {
    const err = await provider({ adminKey: new Secret(live) }).locate!(new Secret(live)).catch((e) => e);
    expect(err.message).toMatch(/401.*Only proxy admin/);
    expect(err.message).not.toContain(live);
  });
});

describe('litellm create', () => {
  it('generates a least-privilege llm_api key with budget, limits and expiry', async () => {
    const nk = await provider().create!({
      name: 'prod-chat-20260120',
      models: ['gpt-4o-mini'],
      rpm: 60,
      tpm: 10000,
      budgetUsd: 20,
      budgetReset: 'monthly',
      expiresInDays: 30,
      allowedIps: ['10.0.0.0/8'],
      metadata: { incident: 'kg-1' },
    });
    const body = JSON.parse(emu.server.requestsTo('POST', '/key/generate').at(-1)!.body);
    expect(body).toEqual({
      key_alias: 'prod-chat-20260120',
      key_type: 'llm_api',
      models: ['gpt-4o-mini'],
      rpm_limit: 60,
      tpm_limit: 10000,
      max_budget: 20,
      budget_duration: '30d',
      duration: '30d',
      metadata: { incident: 'kg-1' },
    });
    expect(nk.ref.id).toBe(emu.tokenOf(nk.secret.reveal()));
    expect(nk.manual).toEqual(['source IP allow list: 10.0.0.0/8']);
    expect((await provider().verify(nk.secret)).status).toBe('live');
  });

  it('surfaces a 422 validation error with the proxy detail', async () => {
    emu.server.injectFault({
      path: '/key/generate',
      fault: {
        kind: 'status',
        status: 422,
        body: {
          detail: [{ loc: ['body', 'models'], msg: 'Input should be a valid list', type: 'list_type' }],
        },
      },
    });
    await expect(provider().create!({ name: 'x' })).rejects.toThrow(/422.*valid list/);
  });

  it('maps named budget resets to LiteLLM durations', () => {
    expect(['daily', 'weekly', 'monthly', '12h'].map(liteLLMDuration)).toEqual(['1d', '7d', '30d', '12h']);
  });
});

describe('litellm disable, delete, state', () => {
  it('blocks a key so that it stops working and reads as disabled', async () => {
    const k = emu.seedKey();
    await provider().disable!(refOf(k));
    expect(await provider().state!(refOf(k))).toBe('disabled');
    expect((await provider().verify(new Secret(k))).status).toBe('revoked');
  });

  it('describes a key it created by id with the name the create call returned, and a deleted one as gone', async () => {
    const nk = await provider().create!({ name: 'described' });
    expect(await provider().describe!(nk.ref)).toMatchObject({ id: nk.ref.id, name: nk.ref.name });
    await provider().delete!(nk.ref);
    expect(await provider().describe!(nk.ref)).toBeNull();
  });

  it('deletes a key and then reads it as deleted', async () => {
    const k = emu.seedKey();
    await provider().delete!(refOf(k));
    expect(await provider().state!(refOf(k))).toBe('deleted');
  });

  it('reads an active key as active', async () => {
    expect(await provider().state!(refOf(live))).toBe('active');
  });

  it('retries a block after a dropped connection', async () => {
    const k = emu.seedKey();
    emu.server.injectFault({ path: '/key/block', fault: { kind: 'drop' } });
    await provider().disable!(refOf(k));
    expect(emu.tokens.get(emu.tokenOf(k))!.blocked).toBe(true);
  });

  it.each(['/key/block', '/key/delete', '/key/info'])('fails clearly when %s keeps failing', async (path) => {
    emu.server.injectFault({
      path,
      fault: { kind: 'status', status: 500, body: { error: { message: 'db down' } } },
      times: 10,
    });
    const ref = refOf(live);
    const op =
      path === '/key/block'
        ? provider().disable!(ref)
        : path === '/key/delete'
          ? provider().delete!(ref)
          : provider().state!(ref);
    await expect(op).rejects.toThrow(/500/);
    emu.server.clearFaults();
    expect(await provider().state!(ref)).toBe('active');
  });
});

describe('litellm usage', () => {
  const window = { start: '2026-01-10T00:00:00Z', end: '2026-01-17T00:00:00Z' };

  it('turns spend-log rows into per-request events with status, IP, user agent and model', async () => {
    const k = emu.seedKey();
    emu.seedSpend(k, [
      {
        startTime: '2026-01-12T08:00:00.000Z',
        requester_ip_address: '198.51.100.9',
        metadata: { user_agent: 'curl/8.4' },
        model: 'gpt-4o',
        spend: 0.02,
      },
      {
        startTime: '2026-01-13T09:00:00.000Z',
        status: 'failure',
        metadata: { error_information: { error_code: '429' } },
      },
      { startTime: '2026-01-01T00:00:00.000Z' },
    ]);
    const ev = await provider().usage!(refOf(k), window);
    expect(ev).toHaveLength(2);
    expect(ev[0]).toEqual({
      time: '2026-01-12T08:00:00.000Z',
      requests: 1,
      status: 200,
      ip: '198.51.100.9',
      userAgent: 'curl/8.4',
      model: 'gpt-4o',
      costUsd: 0.02,
      inputTokens: 10,
      outputTokens: 20,
      path: 'acompletion',
      keyId: emu.tokenOf(k),
      source: 'litellm-spend-logs',
    });
    expect(ev[1]).toMatchObject({ status: 429, ip: '203.0.113.7' });
  });

  it('pages through more than 100 spend-log rows', async () => {
    const k = emu.seedKey();
    emu.seedSpend(
      k,
      Array.from({ length: 250 }, (_, i) => ({
        startTime: new Date(Date.parse('2026-01-11T00:00:00Z') + i * 60_000).toISOString(),
      })),
    );
    emu.server.requests.length = 0;
    const ev = await provider().usage!(refOf(k), window);
    expect(ev).toHaveLength(250);
    expect(emu.server.requestsTo('GET', '/spend/logs/v2')).toHaveLength(3);
  });

  it('fails usage clearly when the spend logs keep timing out', async () => {
    emu.server.injectFault({ path: '/spend/logs/v2', fault: { kind: 'timeout' }, times: 10 });
    const err = await provider({ timeoutMs: 100, maxRetries: 1 }).usage!(refOf(live), window).catch((e) => e);
    expect(err.message).toMatch(/timed out|abort|timeout/i);
    expect(err.message).not.toContain(emu.masterKey);
  });

  it('does not repeat a create after a 503 (a second key would be made)', async () => {
    emu.server.injectFault({ path: '/key/generate', fault: { kind: 'status', status: 503, body: 'x' } });
    await expect(provider().create!({ name: 'after-503' })).rejects.toThrow(/503/);
    expect(emu.server.requests.filter((r) => r.path === '/key/generate')).toHaveLength(1);
  });

  it('falls back to /spend/logs on a proxy without v2, asking per request in the dates the proxy parses', async () => {
    const k = emu.seedKey();
    emu.seedSpend(k, [{ startTime: '2026-01-12T00:00:00.000Z' }, { startTime: '2026-01-12T09:30:00.000Z' }]);
    emu.spendLogsV2 = false;
    try {
      const ev = await provider().usage!(refOf(k), window);
      expect(ev).toHaveLength(2);
      const q = new URLSearchParams(emu.server.requestsTo('GET', '/spend/logs').at(-1)!.query);
      expect(q.get('start_date')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(q.get('end_date')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(q.get('summarize')).toBe('false');
    } finally {
      emu.spendLogsV2 = true;
    }
  });

  it('leaves out per-day totals from a proxy that ignores summarize=false, and says so in the gaps', async () => {
    const k = emu.seedKey();
    emu.seedSpend(k, [{ startTime: '2026-01-12T09:30:00.000Z', spend: 4 }]);
    emu.spendLogsV2 = false;
    emu.spendLogsAlwaysSummarize = true;
    try {
      const gaps: string[] = [];
      const ev = await provider().usage!(refOf(k), window, { gap: (g) => gaps.push(g) });
      expect(ev).toEqual([]);
      expect(gaps).toEqual([
        expect.stringMatching(/answered 1 per-day total\(s\) instead of per-request rows/),
      ]);
    } finally {
      emu.spendLogsV2 = true;
      emu.spendLogsAlwaysSummarize = false;
    }
  });
});
