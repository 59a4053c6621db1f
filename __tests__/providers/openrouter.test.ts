import { activityDays, createOpenRouterProvider, openRouterKeyHash } from '../../src/providers/openrouter.js';
import type { ProviderSettings } from '../../src/providers/types.js';
import { Secret } from '../../src/scan/secret.js';
import { OpenRouterEmulator, sha256Hex } from '../emulators/openrouter.js';
import { KeyGen } from '../helpers/keygen.js';
import { describeVerifyTable, FAST } from '../verify/fault-table.js';

const emu = new OpenRouterEmulator();
const gen = new KeyGen(303);
const live = emu.seedKey({ name: 'prod-chat' });
const dead = gen.openrouter();
const management = emu.seedManagementKey();
const NOW = new Date('2026-01-20T12:00:00Z');

beforeAll(() => emu.start());
afterAll(() => emu.stop());
afterEach(() => emu.server.clearFaults());

const provider = (s: ProviderSettings = {}) =>
  createOpenRouterProvider({
    ...FAST,
    baseUrl: emu.baseUrl,
    adminKey: new Secret(management),
    now: () => NOW,
    ...s,
  });

describeVerifyTable({
  name: 'openrouter',
  server: () => emu.server,
  make: (s) => createOpenRouterProvider({ baseUrl: emu.baseUrl, ...s }),
  liveKey: () => live,
  deadKey: () => dead,
});

describe('openrouter verify', () => {
  it('reports a 402 insufficient credits as live', async () => {
    emu.server.injectFault({
      fault: { kind: 'status', status: 402, body: { error: { code: 402, message: 'Insufficient credits' } } },
    });
    const v = await provider().verify(new Secret(live));
    expect(v).toMatchObject({ status: 'live', httpStatus: 402, errorCode: '402' });
  });

  it('reports a disabled key as revoked', async () => {
    const k = emu.seedKey({ disabled: true });
    expect((await provider().verify(new Secret(k))).status).toBe('revoked');
  });

  it('names a management key in the detail', async () => {
    const v = await provider().verify(new Secret(management));
    expect(v.detail).toMatch(/management key/);
  });
});

describe('openrouter locate', () => {
  it('finds the key by the sha256 hash of the raw key', async () => {
    const r = await provider().locate!(new Secret(live));
    expect(r).toMatchObject({
      status: 'found',
      ref: { provider: 'openrouter', id: sha256Hex(live), name: 'prod-chat' },
    });
  });

  it('computes the same hash as the provider', () => {
    expect(openRouterKeyHash(new Secret(live))).toBe(sha256Hex(live));
  });

  it('falls back to a label match when the hash is not found', async () => {
    const k = emu.seedKey({ name: 'labelled' });
    // Make the hash lookup miss once, as if OpenRouter hashed differently.
    emu.server.injectFault({
      method: 'GET',
      path: /^\/api\/v1\/keys\/[0-9a-f]{64}$/,
      fault: { kind: 'status', status: 404, body: { error: { code: 404, message: 'Key not found' } } },
    });
    const r = await provider().locate!(new Secret(k));
    expect(r).toMatchObject({ status: 'found', ref: { name: 'labelled' } });
  });

  it('walks every page of keys (more than 100) for the label fallback', async () => {
    for (let i = 0; i < 230; i++) emu.seedKey({ name: `bulk-${i}` });
    const k = emu.seedKey({ name: 'last-page' });
    emu.server.requests.length = 0;
    emu.server.injectFault({
      method: 'GET',
      path: /^\/api\/v1\/keys\/[0-9a-f]{64}$/,
      fault: { kind: 'status', status: 404, body: { error: { code: 404, message: 'Key not found' } } },
    });
    const r = await provider().locate!(new Secret(k));
    expect(r).toMatchObject({ status: 'found', ref: { name: 'last-page' } });
    const pages = emu.server.requestsTo('GET', '/api/v1/keys').map((q) => q.query);
    expect(pages).toEqual([
      '?offset=0&include_disabled=true',
      '?offset=100&include_disabled=true',
      '?offset=200&include_disabled=true',
    ]);
  });

  it('reports a dead key with no matching hash as not found', async () => {
    const r = await provider().locate!(new Secret(dead));
    expect(r.status).toBe('not-found');
  });

  it('fails clearly when no management key is configured', async () => {
    await expect(provider({ adminKey: undefined }).locate!(new Secret(live))).rejects.toThrow(
      /management key/,
    );
  });

  it('surfaces 403 when the admin key is not a management key', async () => {
    const err = await provider({ adminKey: new Secret(live) }).locate!(new Secret(live)).catch((e) => e);
    expect(err.message).toMatch(/403.*Only management keys/);
    expect(err.message).not.toContain(live);
  });
});

describe('openrouter create, disable, delete, state', () => {
  it('creates a key with a USD limit, reset and expiry, and lists the rest as manual', async () => {
    const nk = await provider().create!({
      name: 'prod-chat-20260120',
      budgetUsd: 25,
      budgetReset: 'monthly',
      expiresInDays: 30,
      models: ['openai/gpt-4.1'],
      allowedIps: ['10.0.0.1'],
    });
    const body = JSON.parse(emu.server.requestsTo('POST', '/api/v1/keys').at(-1)!.body);
    expect(body).toEqual({
      name: 'prod-chat-20260120',
      limit: 25,
      limit_reset: 'monthly',
      expires_at: '2026-02-19T12:00:00.000Z',
    });
    expect(nk.ref.id).toBe(sha256Hex(nk.secret.reveal()));
    expect(nk.manual).toEqual(['model allow list: openai/gpt-4.1', 'source IP allow list: 10.0.0.1']);
  });

  it('describes a key it created by id with the name and creation time the create call returned', async () => {
    const nk = await provider().create!({ name: 'fresh' });
    expect(await provider().describe!(nk.ref)).toMatchObject({
      id: nk.ref.id,
      name: 'fresh',
      createdAt: nk.ref.createdAt,
    });
    await provider().delete!(nk.ref);
    expect(await provider().describe!(nk.ref)).toBeNull();
  });

  it('creates a key that works at once', async () => {
    const nk = await provider().create!({ name: 'fresh' });
    expect((await provider().verify(nk.secret)).status).toBe('live');
  });

  it('puts an unsupported reset period in manual instead of sending it', async () => {
    const nk = await provider().create!({ name: 'x', budgetReset: '30d' });
    expect(nk.manual[0]).toMatch(/budget reset "30d"/);
  });

  it('disables a key so that it stops verifying', async () => {
    const k = emu.seedKey();
    const ref = { provider: 'openrouter', id: sha256Hex(k) };
    await provider().disable!(ref);
    expect(await provider().state!(ref)).toBe('disabled');
    expect((await provider().verify(new Secret(k))).status).toBe('revoked');
  });

  it('deletes a key and then reports it deleted', async () => {
    const ref = { provider: 'openrouter', id: sha256Hex(emu.seedKey()) };
    await provider().delete!(ref);
    expect(await provider().state!(ref)).toBe('deleted');
  });

  it('treats a 404 on a retried delete as done (the first attempt went through)', async () => {
    const k = emu.seedKey();
    const ref = { provider: 'openrouter', id: sha256Hex(k) };
    // The first DELETE is applied but its answer is lost; the retry finds nothing.
    emu.server.injectFault({ method: 'DELETE', fault: { kind: 'status', status: 503, body: 'x' } });
    emu.keys.delete(ref.id);
    await expect(provider().delete!(ref)).resolves.toBeUndefined();
  });

  it('fails a first-attempt delete of an unknown key', async () => {
    await expect(provider().delete!({ provider: 'openrouter', id: 'f'.repeat(64) })).rejects.toThrow(/404/);
  });

  it.each([
    ['create', (p: any) => p.create({ name: 'x' }), 'POST'],
    ['disable', (p: any) => p.disable({ provider: 'openrouter', id: sha256Hex(live) }), 'PATCH'],
    ['state', (p: any) => p.state({ provider: 'openrouter', id: sha256Hex(live) }), 'GET'],
  ])('fails %s with a clear error when the provider keeps failing', async (_n, op, method) => {
    emu.server.injectFault({
      method,
      fault: { kind: 'status', status: 500, body: { error: { code: 500, message: 'Internal' } } },
      times: 10,
    });
    const err = await op(provider()).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect(err.message).toMatch(/500/);
    expect(err.message).not.toContain(management);
  });

  it('recovers from a dropped connection during disable', async () => {
    const k = emu.seedKey();
    emu.server.injectFault({ method: 'PATCH', fault: { kind: 'drop' } });
    await provider().disable!({ provider: 'openrouter', id: sha256Hex(k) });
    expect(emu.keys.get(sha256Hex(k))!.disabled).toBe(true);
  });
});

describe('openrouter usage', () => {
  it('turns daily activity into usage events for each day of the window', async () => {
    const k = emu.seedKey();
    emu.seedActivity(k, [
      { date: '2026-01-14', requests: 5, prompt_tokens: 50, completion_tokens: 125, usage: 0.015 },
      { date: '2026-01-15', requests: 2, model: 'anthropic/claude-sonnet-4' },
      { date: '2026-01-01', requests: 9 },
    ]);
    const ev = await provider().usage!(
      { provider: 'openrouter', id: sha256Hex(k) },
      { start: '2026-01-13T00:00:00Z', end: '2026-01-20T00:00:00Z' },
    );
    expect(ev).toEqual([
      {
        time: '2026-01-14T00:00:00.000Z',
        bucketSeconds: 86400,
        requests: 5,
        inputTokens: 50,
        outputTokens: 125,
        costUsd: 0.015,
        model: 'openai/gpt-4.1',
        keyId: sha256Hex(k),
        source: 'openrouter-activity',
      },
      expect.objectContaining({
        time: '2026-01-15T00:00:00.000Z',
        requests: 2,
        model: 'anthropic/claude-sonnet-4',
      }),
    ]);
  });

  it('fails usage clearly when /activity keeps failing', async () => {
    emu.server.injectFault({
      path: '/api/v1/activity',
      fault: { kind: 'status', status: 502, body: 'bad gateway' },
      times: 50,
    });
    const window = { start: '2026-01-17T00:00:00Z', end: '2026-01-20T00:00:00Z' };
    await expect(provider().usage!({ provider: 'openrouter', id: sha256Hex(live) }, window)).rejects.toThrow(
      /502/,
    );
  });

  it('recovers a locate from a dropped connection', async () => {
    emu.server.injectFault({ method: 'GET', path: /^\/api\/v1\/keys\//, fault: { kind: 'drop' } });
    expect((await provider().locate!(new Secret(live))).status).toBe('found');
  });

  it('asks only for the completed days /activity keeps (30)', () => {
    const days = activityDays({ start: '2025-10-01T00:00:00Z', end: '2026-02-01T00:00:00Z' }, NOW);
    expect(days).toHaveLength(30);
    expect(days[0]).toBe('2025-12-21');
    expect(days.at(-1)).toBe('2026-01-19');
  });
});
