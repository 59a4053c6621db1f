import { createAnthropicProvider } from '../../src/providers/anthropic.js';
import { createOpenAIProvider } from '../../src/providers/openai.js';
import { Secret } from '../../src/scan/secret.js';
import { startAnthropicEmulator } from '../emulators/anthropic.js';
import { type OpenAIEmulator, startOpenAIEmulator } from '../emulators/openai.js';
import { KeyGen } from '../helpers/keygen.js';

const FAST = { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 50, timeoutMs: 2000, budgetMs: 10_000 };

let emu: OpenAIEmulator;
const gen = new KeyGen(11);

beforeAll(async () => {
  emu = await startOpenAIEmulator({ seed: 3 });
});
afterAll(() => emu.stop());
afterEach(() => emu.clearFaults());

const provider = (retry: Partial<typeof FAST> = {}) =>
  createOpenAIProvider({ baseUrl: emu.apiBase, retry: { ...FAST, ...retry } });

/** The key must reach the emulator only as the Bearer credential. */
function expectKeyOnlyInAuthorization(key: string): void {
  for (const r of emu.requests) {
    const { authorization, ...rest } = r.headers;
    expect(`${r.path}${r.query}`).not.toContain(key);
    expect(r.body).not.toContain(key);
    expect(JSON.stringify(rest)).not.toContain(key);
    if (typeof authorization === 'string' && authorization.includes(key)) {
      expect(authorization).toBe(`Bearer ${key}`);
    }
  }
}

describe('OpenAI verify', () => {
  it('reports a key that lists models as live', async () => {
    const k = emu.addKey();
    const v = await provider().verify(new Secret(k.value));
    expect(v).toMatchObject({
      status: 'live',
      provider: 'openai',
      endpoint: 'GET /v1/models',
      httpStatus: 200,
    });
    expect(v.restricted).toBeUndefined();
  });

  it('reports a 401 invalid_api_key as revoked', async () => {
    const v = await provider().verify(new Secret(gen.openaiProject()));
    expect(v).toMatchObject({ status: 'revoked', httpStatus: 401, errorCode: 'invalid_api_key' });
  });

  it('reports a deleted key as revoked', async () => {
    const k = emu.addKey();
    k.deleted = true;
    expect((await provider().verify(new Secret(k.value))).status).toBe('revoked');
  });

  it('reports a 401 "missing scopes" as a live restricted key', async () => {
    const k = emu.addKey({ mode: 'restricted' });
    const v = await provider().verify(new Secret(k.value));
    expect(v).toMatchObject({ status: 'live', restricted: true, httpStatus: 401 });
  });

  it.each([
    ['an IP-allowlist 401', 'ip-blocked', 401],
    ['a 403 region block', 'region-blocked', 403],
  ] as const)('reports %s as unknown', async (_name, mode, status) => {
    const k = emu.addKey({ mode });
    const v = await provider().verify(new Secret(k.value));
    expect(v).toMatchObject({ status: 'unknown', httpStatus: status });
  });

  it('reports insufficient_quota as live without retrying', async () => {
    const k = emu.addKey({ mode: 'quota' });
    const before = emu.requestsTo('GET', '/v1/models').length;
    const v = await provider().verify(new Secret(k.value));
    expect(v).toMatchObject({ status: 'live', httpStatus: 429, errorCode: 'insufficient_quota' });
    expect(emu.requestsTo('GET', '/v1/models').length - before).toBe(1);
  });

  it('reports live after a 429 followed by a 200', async () => {
    const k = emu.addKey();
    emu.rateLimit('/v1/models', 1, 0);
    const v = await provider().verify(new Secret(k.value));
    expect(v.status).toBe('live');
  });

  it('waits as long as retry-after-ms asks before retrying', async () => {
    const k = emu.addKey();
    emu.injectFault({
      path: '/v1/models',
      fault: { kind: 'status', status: 429, headers: { 'retry-after-ms': '40', 'retry-after': '9' } },
    });
    const t0 = Date.now();
    expect((await provider({ maxDelayMs: 1000 }).verify(new Secret(k.value))).status).toBe('live');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(35);
  });

  it('never retries a 401, even when the server says x-should-retry', async () => {
    const before = emu.requestsTo('GET', '/v1/models').length;
    emu.injectFault({
      path: '/v1/models',
      fault: {
        kind: 'status',
        status: 401,
        headers: { 'x-should-retry': 'true' },
        body: { error: { message: 'Incorrect API key provided', code: 'invalid_api_key' } },
      },
    });
    expect((await provider().verify(new Secret(gen.openaiProject()))).status).toBe('revoked');
    expect(emu.requestsTo('GET', '/v1/models').length - before).toBe(1);
  });

  it('reports a 429 storm as unknown after the retries', async () => {
    const k = emu.addKey();
    emu.rateLimit('/v1/models', 10, 0);
    const v = await provider().verify(new Secret(k.value));
    expect(v).toMatchObject({ status: 'unknown', httpStatus: 429 });
    expect(v.detail).toMatch(/after 3 attempts/);
  });

  it.each([500, 503])('reports a persistent %i as unknown', async (status) => {
    const k = emu.addKey();
    emu.injectFault({
      path: '/v1/models',
      times: 10,
      fault: { kind: 'status', status, body: { error: {} } },
    });
    expect(await provider().verify(new Secret(k.value))).toMatchObject({
      status: 'unknown',
      httpStatus: status,
    });
  });

  it('reports live when a 503 is followed by a 200', async () => {
    const k = emu.addKey();
    emu.injectFault({ path: '/v1/models', fault: { kind: 'status', status: 503 } });
    expect((await provider().verify(new Secret(k.value))).status).toBe('live');
  });

  it('reports a timeout as unknown', async () => {
    const k = emu.addKey();
    emu.injectFault({ path: '/v1/models', times: 10, fault: { kind: 'timeout' } });
    const v = await provider({ timeoutMs: 100, maxRetries: 1 }).verify(new Secret(k.value));
    expect(v.status).toBe('unknown');
    expect(v.detail).toMatch(/time/i);
  });

  it('reports a dropped connection as unknown', async () => {
    const k = emu.addKey();
    emu.injectFault({ path: '/v1/models', times: 10, fault: { kind: 'drop' } });
    expect((await provider().verify(new Secret(k.value))).status).toBe('unknown');
  });

  it('reports a 200 with malformed JSON as unknown', async () => {
    const k = emu.addKey();
    emu.injectFault({ path: '/v1/models', fault: { kind: 'malformed' } });
    expect(await provider().verify(new Secret(k.value))).toMatchObject({
      status: 'unknown',
      httpStatus: 200,
    });
  });

  it('reports an unreachable port as unknown', async () => {
    const p = createOpenAIProvider({ baseUrl: 'http://127.0.0.1:1/v1', retry: { ...FAST, maxRetries: 0 } });
    expect((await p.verify(new Secret(gen.openaiProject()))).status).toBe('unknown');
  });

  it('sends the key only in the Authorization header and never echoes it in the verdict', async () => {
    const keys = [emu.addKey().value, gen.openaiProject(), emu.addKey({ mode: 'restricted' }).value];
    for (const key of keys) {
      const v = await provider().verify(new Secret(key));
      expect(JSON.stringify(v)).not.toContain(key);
      expect(JSON.stringify(v)).not.toContain(key.slice(8, 40));
      expectKeyOnlyInAuthorization(key);
    }
  });

  it('sends each key only to its own provider', async () => {
    const anthropic = await startAnthropicEmulator();
    try {
      const oKey = emu.addKey().value;
      const aKey = anthropic.addKey().value;
      const ap = createAnthropicProvider({ baseUrl: anthropic.baseUrl, retry: FAST });
      await Promise.all([provider().verify(new Secret(oKey)), ap.verify(new Secret(aKey))]);
      expect(JSON.stringify(emu.requests)).not.toContain(aKey);
      expect(JSON.stringify(anthropic.requests)).not.toContain(oKey);
      const aReq = anthropic.requests.find((r) => r.headers['x-api-key'] === aKey)!;
      expect(aReq.headers.authorization).toBeUndefined();
    } finally {
      await anthropic.stop();
    }
  });
});
