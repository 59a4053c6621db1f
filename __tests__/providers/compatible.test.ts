import {
  COMPATIBLE_PROVIDERS,
  createBuiltinCompatible,
  createCompatibleProvider,
} from '../../src/providers/compatible.js';
import { Secret } from '../../src/scan/secret.js';
import { CompatibleEmulator } from '../emulators/compatible.js';
import { KeyGen } from '../helpers/keygen.js';
import { describeVerifyTable, FAST } from '../verify/fault-table.js';

const gen = new KeyGen(202);

/** Each built-in against the generic emulator mounted where its SDK base URL points. */
const cases = [
  {
    id: 'moonshot',
    emu: new CompatibleEmulator('moonshot', 'moonshot'),
    v1: true,
    live: gen.moonshot(),
    dead: gen.moonshot(),
  },
  {
    id: 'dashscope',
    emu: new CompatibleEmulator('dashscope', 'openai', '/compatible-mode'),
    v1: true,
    live: gen.deepseek(),
    dead: gen.deepseek(),
  },
  {
    id: 'siliconflow',
    emu: new CompatibleEmulator('siliconflow'),
    v1: true,
    live: gen.siliconflow(),
    dead: gen.siliconflow(),
  },
  {
    id: 'groq',
    emu: new CompatibleEmulator('groq', 'openai', '/openai'),
    v1: true,
    live: gen.groq(),
    dead: gen.groq(),
  },
  {
    id: 'perplexity',
    emu: new CompatibleEmulator('perplexity', 'openai', '/router'),
    v1: false,
    live: gen.perplexity(),
    dead: gen.perplexity(),
  },
  { id: 'xai', emu: new CompatibleEmulator('xai', 'xai'), v1: true, live: gen.xai(), dead: gen.xai() },
  {
    id: 'stripe',
    emu: new CompatibleEmulator('stripe', 'stripe'),
    v1: false,
    live: gen.stripeLive(),
    dead: gen.stripeLive(),
  },
];

const baseOf = (c: (typeof cases)[number]) =>
  c.v1 ? `${c.emu.baseUrl}/v1` : c.id === 'perplexity' ? c.emu.server.baseUrl : c.emu.baseUrl;

beforeAll(async () => {
  for (const c of cases) {
    c.emu.seedKey(c.live);
    await c.emu.start();
  }
});
afterAll(async () => {
  for (const c of cases) await c.emu.stop();
});

for (const c of cases) {
  describe(c.id, () => {
    describeVerifyTable({
      name: c.id,
      server: () => c.emu.server,
      make: (s) => createBuiltinCompatible(c.id, { baseUrl: baseOf(c), ...s }),
      liveKey: () => c.live,
      deadKey: () => c.dead,
    });

    it(`${c.id}: calls the documented read-only path`, async () => {
      c.emu.server.requests.length = 0;
      await createBuiltinCompatible(c.id, { ...FAST, baseUrl: baseOf(c) }).verify(new Secret(c.live));
      const opts = COMPATIBLE_PROVIDERS[c.id]!;
      expect(c.emu.server.requests).toHaveLength(1);
      expect(`${c.emu.server.requests[0]!.path}${c.emu.server.requests[0]!.query}`).toBe(
        `${new URL(baseOf(c)).pathname}${opts.verifyPath}`.replace(/^\/\//, '/'),
      );
    });
  });
}

describe('special verdicts', () => {
  const stripe = cases.find((c) => c.id === 'stripe')!;
  const xai = cases.find((c) => c.id === 'xai')!;

  it('reports a Stripe restricted key answering 403 as live and restricted', async () => {
    const rk = stripe.emu.seedKey(gen.stripeRestricted(), { restricted: true });
    const v = await createBuiltinCompatible('stripe', { ...FAST, baseUrl: stripe.emu.baseUrl }).verify(
      new Secret(rk),
    );
    expect(v).toMatchObject({
      status: 'live',
      restricted: true,
      httpStatus: 403,
      endpoint: 'GET /v1/charges',
    });
  });

  it('reports an xAI key that answers 400 as revoked', async () => {
    const v = await createBuiltinCompatible('xai', { ...FAST, baseUrl: `${xai.emu.baseUrl}/v1` }).verify(
      new Secret(xai.dead),
    );
    expect(v).toMatchObject({ status: 'revoked', httpStatus: 400 });
  });

  it('reports a blocked xAI key as revoked', async () => {
    const blocked = xai.emu.seedKey(gen.xai(), { blocked: true });
    const v = await createBuiltinCompatible('xai', { ...FAST, baseUrl: `${xai.emu.baseUrl}/v1` }).verify(
      new Secret(blocked),
    );
    expect(v.status).toBe('revoked');
  });

  it('reports a 403 from a provider without restricted keys as unknown', async () => {
    const groq = cases.find((c) => c.id === 'groq')!;
    const k = groq.emu.seedKey(gen.groq(), { restricted: true });
    const v = await createBuiltinCompatible('groq', { ...FAST, baseUrl: `${groq.emu.baseUrl}/v1` }).verify(
      new Secret(k),
    );
    expect(v).toMatchObject({ status: 'unknown', httpStatus: 403 });
  });

  it('reports unknown without sending the key when a provider has no free check', async () => {
    let calls = 0;
    const fetchSpy: typeof fetch = async () => {
      calls++;
      throw new Error('must not be called');
    };
    const p = createCompatibleProvider(
      { id: 'paid', displayName: 'Paid only', defaultBaseUrl: 'https://paid.invalid' },
      { fetch: fetchSpy },
    );
    const v = await p.verify(new Secret(gen.perplexity()));
    expect(v.status).toBe('unknown');
    expect(v.detail).toMatch(/no free verification endpoint/);
    expect(calls).toBe(0);
  });

  it('sends the key in a custom header when the provider asks for one', async () => {
    const emu = cases[2]!.emu;
    emu.server.requests.length = 0;
    const p = createCompatibleProvider(
      {
        id: 'custom',
        displayName: 'Custom',
        defaultBaseUrl: `${emu.baseUrl}/v1`,
        verifyPath: '/models',
        authHeader: (k) => ({ 'x-api-key': k.reveal() }),
      },
      FAST,
    );
    const v = await p.verify(new Secret(cases[2]!.live));
    expect(emu.server.requests[0]!.headers['x-api-key']).toBe(cases[2]!.live);
    expect(v.status).toBe('revoked'); // the emulator only reads Bearer
  });
});
