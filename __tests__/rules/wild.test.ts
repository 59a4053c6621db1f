/**
 * Formats and look-alikes seen in the wild (issue 12): each class with generated samples, in every
 * context of `contexts.ts`. No key-shaped literal: every sample is built at run time.
 */
import { Detector } from '../../src/scan/detector.js';
import { KeyGen } from '../helpers/keygen.js';
import { CONTEXTS, place } from '../scan/contexts.js';

const detector = new Detector();
const gen = new KeyGen(1212);
const uuid = () => [8, 4, 4, 4, 12].map((n) => gen.hex(n)).join('-');
const MARK = ['T3Bl', 'bkFJ'].join('');
const j = (...p: string[]) => p.join('');
const contexts = Object.entries(CONTEXTS);
const found = (text: string) =>
  detector.scan(text).map((f) => ({ ruleId: f.ruleId, key: f.key, provider: f.provider }));

describe('OpenAI keys that carry a name', () => {
  const names = ['deploy-bot', 'Keyshade', 'ci', 'prod-eks-cluster', 'a1'];
  const cases = names.flatMap((name) => contexts.map(([context, t]) => ({ name, context, t })));
  it.each(cases)('finds sk-$name- + 20 + marker + 20 in $context', ({ name, t }) => {
    const key = j('sk-', name, '-', gen.alnum(20), MARK, gen.alnum(20));
    const placed = place(t, key);
    expect(detector.scan(placed.text).map((f) => [f.ruleId, f.key, f.line, f.column])).toEqual([
      ['openai-named-key', key, placed.line, placed.column],
    ]);
  });

  it('does not report a named key whose halves are placeholders', () => {
    expect(found(`KEY=${j('sk-bot-', 'x'.repeat(20), MARK, 'x'.repeat(20))}\n`)).toEqual([]);
  });
});

describe('the short sk-None- form', () => {
  it.each(contexts)('finds sk-None- + 48 letters and digits in %s', (_c, t) => {
    let body = gen.alnum(48);
    while (!/[A-Z]/.test(body) || !/[a-z]/.test(body) || !/[0-9]/.test(body)) body = gen.alnum(48);
    const key = j('sk-None-', body);
    expect(found(place(t, key).text)).toEqual([{ ruleId: 'openai-project-key', key, provider: 'openai' }]);
  });

  it('does not report sk-proj- + 48 without the marker (a cut copy)', () => {
    expect(found(`KEY=${j('sk-proj-', gen.alnum(48))}\n`)).toEqual([]);
  });
});

describe('marker-less bodies under OpenAI prefixes', () => {
  const redactions = [
    'XXXXXXXX',
    '00000000',
    'aaaaaaaa',
    '-_-_-_-_',
    'REDACTED',
    j(MARK.slice(0, 4), 'XyZ1'),
    j('ab1c', MARK.slice(4)),
  ];
  it.each(redactions)('does not report a 74 + 74 body whose marker was overwritten with %s', (block) => {
    for (const prefix of ['sk-proj-', 'sk-svcacct-', 'sk-admin-']) {
      expect(found(`KEY=${j(prefix, gen.b64url(74), block, gen.b64url(74))}\n`)).toEqual([]);
    }
  });

  it.each(contexts)('still reports a long random body without the marker in %s', (_c, t) => {
    const key = j('sk-proj-', gen.alnum(120));
    expect(found(place(t, key).text).map((f) => f.ruleId)).toEqual(['openai-project-key']);
  });
});

describe('sk_live_ that is not Stripe', () => {
  it.each(contexts)('reports a longer sk_live_ token with dashes whole, with no provider, in %s', (_c, t) => {
    const token = j('sk_live_', gen.alnum(30), '-', gen.alnum(20));
    expect(found(place(t, token).text)).toEqual([
      { ruleId: 'generic-sk-underscore-key', key: token, provider: 'unknown' },
    ]);
  });

  it.each(contexts)('reports sk_live_ + 40 lowercase hex as Paystack, not Stripe, in %s', (_c, t) => {
    const key = j('sk_live_', gen.hex(40));
    expect(found(place(t, key).text)).toEqual([{ ruleId: 'paystack-secret-key', key, provider: 'paystack' }]);
  });

  const others: [string, () => string][] = [
    ['IEX Cloud sk_ + 32 hex', () => j('sk_', gen.hex(32))],
    ['Checkout.com sk_ + UUID', () => j('sk_', uuid())],
    ['Checkout.com sk_test_ + UUID', () => j('sk_test_', uuid())],
    ['Recharge sk_1x1_ + 64 hex', () => j('sk_1x1_', gen.hex(64))],
    ['Photoroom sk_pr_', () => j('sk_pr_', gen.alnum(12), '_', gen.alnum(32))],
    ['a lowercase sk_live_ body', () => j('sk_live_', gen.lower(32))],
  ];
  it.each(others)('never reports %s as Stripe', (_name, make) => {
    const d = new Detector({ enableRules: ['stripe-test-key'] });
    for (const [, t] of contexts) {
      expect(d.scan(place(t, make()).text).filter((f) => f.provider.includes('stripe'))).toEqual([]);
    }
  });

  it('follows Clerk named on the line for a Stripe-shaped key', () => {
    const key = j('sk_live_', gen.alnum(40));
    expect(found(`CLERK_SECRET_KEY=${key}\n`)).toEqual([
      { ruleId: 'stripe-secret-key', key, provider: 'clerk' },
    ]);
  });
});

describe('sk- + 48 alphanumerics named by their context', () => {
  const key = () => `sk-${gen.moonshot().slice(3)}`;
  it.each([
    ['a variable', (k: string) => `BRAINTRUST_API_KEY=${k}\n`],
    [
      'a base URL',
      (k: string) => `client = OpenAI(base_url="https://api.braintrust.dev/v1/proxy", api_key="${k}")\n`,
    ],
    [
      'an import far above',
      (k: string) =>
        `import { initLogger } from "braintrust";\n${'// setup\n'.repeat(40)}const key = "${k}";\n`,
    ],
  ])('gives the key to Braintrust alone when %s names it', (_how, make) => {
    const [f] = detector.scan(make(key()));
    expect([f!.provider, f!.candidates]).toEqual(['braintrust', ['braintrust']]);
  });

  it('keeps both Moonshot and SiliconFlow when nothing names a provider', () => {
    const [f] = detector.scan(`KEY=${key()}\n`);
    expect(f!.candidates).toEqual(['moonshot', 'siliconflow']);
  });
});

describe('repeated blocks of any length', () => {
  it.each([17, 20, 24, 30])('does not report a body repeating one %i-character block', (n) => {
    const block = gen.alnum(n);
    const body = block.repeat(Math.ceil(100 / n)).slice(0, Math.max(2 * n, 48));
    expect(found(`KEY=sk-${body}\n`)).toEqual([]);
    expect(found(`KEY=${j('sk-proj-', block.repeat(6))}\n`)).toEqual([]);
  });

  it('does not report an OpenAI key whose two halves are the same block', () => {
    const half = gen.b64url(74);
    expect(found(`KEY=${j('sk-proj-', half, MARK, half)}\n`)).toEqual([]);
  });
});

describe('named OpenAI keys cut short', () => {
  it.each(['n8n', 'github', 'deploy-bot'])('does not report sk-%s- + a cut body as a generic key', (name) => {
    for (const n of [20, 30, 44]) expect(found(`KEY=${j('sk-', name, '-', gen.alnum(n))}\n`)).toEqual([]);
  });
});
