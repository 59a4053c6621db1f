import { createCompatibleProvider } from '../../src/providers/compatible.js';
import { createDeepSeekProvider } from '../../src/providers/deepseek.js';
import { createOpenRouterProvider } from '../../src/providers/openrouter.js';
import type { Provider } from '../../src/providers/types.js';
import { Secret } from '../../src/scan/secret.js';
import type { Finding } from '../../src/types.js';
import { BUDGET_EXHAUSTED, verifyFindings, verifyKey } from '../../src/verify/index.js';
import { CompatibleEmulator } from '../emulators/compatible.js';
import { DeepSeekEmulator } from '../emulators/deepseek.js';
import { OpenRouterEmulator } from '../emulators/openrouter.js';
import { KeyGen } from '../helpers/keygen.js';
import { FAST } from './fault-table.js';

const gen = new KeyGen(606);
const deepseek = new DeepSeekEmulator();
const dashscope = new CompatibleEmulator('dashscope', 'openai', '/compatible-mode');
const moonshot = new CompatibleEmulator('moonshot', 'moonshot');
const siliconflow = new CompatibleEmulator('siliconflow');
const openrouter = new OpenRouterEmulator();
const servers = [deepseek.server, dashscope.server, moonshot.server, siliconflow.server, openrouter.server];

let providers: Map<string, Provider>;

beforeAll(async () => {
  for (const s of servers) await s.start();
  const compat = (id: string, base: string, verifyPath: string) =>
    createCompatibleProvider({ id, displayName: id, defaultBaseUrl: base, verifyPath }, FAST);
  providers = new Map<string, Provider>([
    ['deepseek', createDeepSeekProvider({ ...FAST, baseUrl: deepseek.baseUrl })],
    ['dashscope', compat('dashscope', `${dashscope.baseUrl}/v1`, '/models')],
    ['moonshot', compat('moonshot', `${moonshot.baseUrl}/v1`, '/users/me/balance')],
    ['siliconflow', compat('siliconflow', `${siliconflow.baseUrl}/v1`, '/user/info')],
    ['openrouter', createOpenRouterProvider({ ...FAST, baseUrl: openrouter.baseUrl })],
  ]);
});
afterAll(async () => {
  for (const s of servers) await s.stop();
});
beforeEach(() => {
  for (const s of servers) {
    s.requests.length = 0;
    s.clearFaults();
  }
});

let line = 0;
function finding(key: string, candidates: string[]): Finding {
  const secret = new Secret(key);
  return {
    ruleId: candidates.join('-'),
    provider: candidates.join('|'),
    candidates,
    description: 'test',
    file: 'app.env',
    line: ++line,
    column: 1,
    secret,
    redacted: secret.redacted,
    fingerprint: secret.fingerprint,
    source: 'tree',
  };
}

/** Every request any emulator received that carried this key, as `server path`. */
function sentTo(key: string): string[] {
  return servers.flatMap((s) =>
    s.requests
      .filter((r) => JSON.stringify(r.headers).includes(key) || r.body.includes(key) || r.query.includes(key))
      .map((r) => `${s.name} ${r.path}`),
  );
}

describe('verifyFindings', () => {
  it('verifies a key found many times with one request', async () => {
    const key = deepseek.seedKey();
    const fs = [finding(key, ['deepseek']), finding(key, ['deepseek']), finding(key, ['deepseek'])];
    await verifyFindings(fs, providers);
    expect(fs.map((f) => f.verification?.status)).toEqual(['live', 'live', 'live']);
    expect(sentTo(key)).toEqual(['deepseek /user/balance']);
  });

  it('re-labels a deepseek|dashscope key that DashScope recognises', async () => {
    const key = dashscope.seedKey(gen.deepseek());
    const [f] = await verifyFindings([finding(key, ['deepseek', 'dashscope'])], providers);
    expect(f!.verification).toMatchObject({ status: 'live', provider: 'dashscope' });
    expect(f!.provider).toBe('dashscope');
    expect(sentTo(key)).toEqual(['deepseek /user/balance', 'dashscope /compatible-mode/v1/models']);
  });

  it('stops at the first candidate that says live', async () => {
    const key = deepseek.seedKey();
    const [f] = await verifyFindings([finding(key, ['deepseek', 'dashscope'])], providers);
    expect(f!.provider).toBe('deepseek');
    expect(sentTo(key)).toEqual(['deepseek /user/balance']);
  });

  it('re-labels a moonshot|siliconflow key that SiliconFlow recognises', async () => {
    const key = siliconflow.seedKey(gen.siliconflow());
    const [f] = await verifyFindings([finding(key, ['moonshot', 'siliconflow'])], providers);
    expect(f!.provider).toBe('siliconflow');
  });

  it('reports a key every candidate rejects as revoked, keeping the ambiguous label', async () => {
    const key = gen.deepseek();
    const [f] = await verifyFindings([finding(key, ['deepseek', 'dashscope'])], providers);
    expect(f!.verification).toMatchObject({ status: 'revoked', provider: 'deepseek|dashscope' });
    expect(f!.provider).toBe('deepseek|dashscope');
  });

  it('reports unknown, not revoked, when one candidate rejects and another fails', async () => {
    const key = gen.deepseek();
    dashscope.server.injectFault({ fault: { kind: 'status', status: 503, body: 'down' }, times: 10 });
    const [f] = await verifyFindings([finding(key, ['deepseek', 'dashscope'])], providers);
    expect(f!.verification!.status).toBe('unknown');
    expect(f!.provider).toBe('deepseek|dashscope');
  });

  it('never sends a key to a provider that is not one of its candidates', async () => {
    const keys = [
      deepseek.seedKey(),
      gen.deepseek(),
      moonshot.seedKey(gen.moonshot()),
      gen.siliconflow(),
      openrouter.seedKey(),
    ];
    const fs = [
      finding(keys[0]!, ['deepseek', 'dashscope']),
      finding(keys[1]!, ['deepseek', 'dashscope']),
      finding(keys[2]!, ['moonshot', 'siliconflow']),
      finding(keys[3]!, ['moonshot', 'siliconflow']),
      finding(keys[4]!, ['openrouter']),
    ];
    await verifyFindings(fs, providers);
    fs.forEach((f, i) => {
      const allowed = new Set(f.candidates);
      for (const hit of sentTo(keys[i]!)) expect(allowed.has(hit.split(' ')[0]!)).toBe(true);
      expect(sentTo(keys[i]!).length).toBeGreaterThan(0);
    });
  });

  it('reports a key whose candidate has no adapter as unknown without sending it', async () => {
    const key = gen.groq();
    const [f] = await verifyFindings([finding(key, ['groq'])], providers);
    expect(f!.verification).toMatchObject({
      status: 'unknown',
      detail: expect.stringMatching(/no verifier configured for groq/),
    });
    expect(sentTo(key)).toEqual([]);
  });

  it('marks keys not reached within the time budget as unknown', async () => {
    deepseek.server.injectFault({ fault: { kind: 'timeout' }, times: 100 });
    const slow = [deepseek.seedKey(), deepseek.seedKey(), deepseek.seedKey()].map((k) =>
      finding(k, ['deepseek']),
    );
    const started = Date.now();
    const once = new Map([
      ['deepseek', createDeepSeekProvider({ baseUrl: deepseek.baseUrl, timeoutMs: 300, maxRetries: 0 })],
    ]);
    await verifyFindings(slow, once, { budgetMs: 150, concurrency: 1 });
    expect(Date.now() - started).toBeLessThan(290);
    for (const f of slow)
      expect(f.verification).toMatchObject({ status: 'unknown', detail: BUDGET_EXHAUSTED });
    // With concurrency 1, only the first key was ever sent.
    expect(deepseek.server.requests.length).toBe(1);
    // Let the abandoned request time out so it cannot leak into the next test.
    await new Promise((r) => setTimeout(r, 200));
  });

  /**
   * A provider `id` whose every verify takes 10 ms and answers `status`; `peak()` is the most verifies
   * it ever had in flight at once.
   */
  function inFlightCounter(id: string, status: 'live' | 'revoked') {
    let inFlight = 0;
    let peak = 0;
    const provider: Provider = {
      id,
      displayName: id,
      capabilities: { verify: true, locate: false, create: false, disable: false, usage: false },
      limitations: [],
      async verify() {
        inFlight++;
        peak = Math.max(peak, inFlight);
        await new Promise((r) => setTimeout(r, 10));
        inFlight--;
        return { status, provider: id, endpoint: 'GET /', detail: 'x', checkedAt: '' };
      },
    };
    return { provider, peak: () => peak };
  }

  it('keeps at most `concurrency` keys in flight', async () => {
    const slow = inFlightCounter('slow', 'revoked');
    const fs = Array.from({ length: 12 }, () => finding(gen.deepseek(), ['slow']));
    await verifyFindings(fs, new Map([['slow', slow.provider]]), {
      concurrency: 3,
      rates: { slow: { concurrency: 10 } },
    });
    expect(slow.peak()).toBe(3);
  });

  it('honours a per-provider concurrency below the overall one', async () => {
    const p = inFlightCounter('p', 'live');
    const fs = Array.from({ length: 8 }, () => finding(gen.deepseek(), ['p']));
    await verifyFindings(fs, new Map([['p', p.provider]]), {
      concurrency: 8,
      rates: { p: { concurrency: 1 } },
    });
    expect(p.peak()).toBe(1);
  });

  it('waits before the next key when a provider is still rate limited after its retries', async () => {
    deepseek.server.injectFault({
      fault: { kind: 'status', status: 429, body: { error: { message: 'Rate limit reached' } } },
      times: 3,
    });
    const inner = providers.get('deepseek')!;
    const starts: number[] = [];
    const timed: Provider = {
      ...inner,
      verify: (k) => {
        starts.push(Date.now());
        return inner.verify(k);
      },
    };
    const fs = [deepseek.seedKey(), deepseek.seedKey()].map((k) => finding(k, ['deepseek']));
    await verifyFindings(fs, new Map([['deepseek', timed]]), {
      concurrency: 1,
      rates: { deepseek: { cooldownMs: 120 } },
    });
    expect(fs.map((f) => f.verification!.status)).toEqual(['unknown', 'live']);
    expect(deepseek.server.requests.map((r) => r.status)).toEqual([429, 429, 429, 200]);
    expect(starts[1]! - starts[0]!).toBeGreaterThanOrEqual(110);
  });

  it('reports progress once per distinct key', async () => {
    const key = deepseek.seedKey();
    const seen: number[] = [];
    await verifyFindings(
      [finding(key, ['deepseek']), finding(key, ['deepseek']), finding(gen.deepseek(), ['deepseek'])],
      providers,
      {
        onProgress: (p) => seen.push(p.done * 10 + p.total),
      },
    );
    expect(seen).toEqual([12, 22]);
  });

  it('puts no whole key in any verification', async () => {
    const keys = [deepseek.seedKey(), gen.deepseek(), openrouter.seedKey()];
    const fs = await verifyFindings(
      keys.map((k, i) => finding(k, i === 2 ? ['openrouter'] : ['deepseek', 'dashscope'])),
      providers,
    );
    const out = JSON.stringify(fs);
    for (const k of keys) expect(out).not.toContain(k);
  });
});

describe('verifyKey', () => {
  it('turns an adapter that throws into unknown with the key scrubbed', async () => {
    const key = gen.deepseek();
    const thrower: Provider = {
      id: 't',
      displayName: 't',
      capabilities: { verify: true, locate: false, create: false, disable: false, usage: false },
      limitations: [],
      verify: async (s) => {
        throw new Error(`boom with ${s.reveal()}`);
      },
    };
    const v = await verifyKey(new Secret(key), ['t'], new Map([['t', thrower]]));
    expect(v.status).toBe('unknown');
    expect(JSON.stringify(v)).not.toContain(key);
  });

  it('returns the single candidate answer as it is', async () => {
    const v = await verifyKey(new Secret(gen.deepseek()), ['deepseek'], providers);
    expect(v).toMatchObject({ status: 'revoked', provider: 'deepseek', httpStatus: 401 });
  });
});
