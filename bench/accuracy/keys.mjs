// Independent key generators for the accuracy corpus, written from the FORMAT facts in
// shared/reference/provider-apis.md §1 (not from src/rules/ or the test helpers: the point is to check the
// rules against a second reading of the formats). Every key is made at run time from a seed.

export const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
export const LOWER = 'abcdefghijklmnopqrstuvwxyz';
export const DIGITS = '0123456789';
export const ALNUM = UPPER + LOWER + DIGITS;
export const URLSAFE = `${ALNUM}_-`;
export const WORDCH = `${ALNUM}_`;
export const HEX = '0123456789abcdef';

/** sfc32 seeded from a number: a different PRNG from the test helper's, on purpose. */
export function makeRng(seed) {
  let a = 0x9e3779b9 ^ seed;
  let b = 0x243f6a88 + seed;
  let c = 0xb7e15162;
  let d = seed | 1;
  const next = () => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 16; i++) next();
  return next;
}

export function chars(rng, alphabet, n) {
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet[Math.floor(rng() * alphabet.length)];
  return s;
}

export function int(rng, lo, hi) {
  return lo + Math.floor(rng() * (hi - lo + 1));
}

export function pickOne(rng, list) {
  return list[Math.floor(rng() * list.length)];
}

/** "OpenAI" in base64, assembled so that no file holds a key-shaped run. */
const OAI = ['T3Bl', 'bkFJ'].join('');
const S = 'sk';

/**
 * Providers whose formats keyguard claims. `expect` lists provider ids a correct finding may name
 * (the shared shapes are ambiguous by nature); `varName`/`baseUrl`/`name` feed realistic contexts.
 */
export const PROVIDERS = [
  {
    id: 'openai-project',
    expect: ['openai'],
    varName: 'OPENAI_API_KEY',
    baseUrl: 'https://api.openai.com/v1',
    gen: (r) => `${S}-proj-${chars(r, URLSAFE, 74)}${OAI}${chars(r, URLSAFE, 74)}`,
  },
  {
    id: 'openai-project-early',
    expect: ['openai'],
    varName: 'OPENAI_API_KEY',
    baseUrl: 'https://api.openai.com/v1',
    gen: (r) => `${S}-proj-${chars(r, URLSAFE, 20)}${OAI}${chars(r, URLSAFE, 20)}`,
  },
  {
    id: 'openai-svcacct',
    expect: ['openai'],
    varName: 'OPENAI_API_KEY',
    baseUrl: 'https://api.openai.com/v1',
    gen: (r) => `${S}-svcacct-${chars(r, URLSAFE, 74)}${OAI}${chars(r, URLSAFE, 74)}`,
  },
  {
    id: 'openai-admin',
    expect: ['openai'],
    varName: 'OPENAI_ADMIN_KEY',
    baseUrl: 'https://api.openai.com/v1',
    gen: (r) => `${S}-admin-${chars(r, URLSAFE, 58)}${OAI}${chars(r, URLSAFE, 58)}`,
  },
  {
    id: 'openai-legacy',
    expect: ['openai'],
    varName: 'OPENAI_API_KEY',
    baseUrl: 'https://api.openai.com/v1',
    gen: (r) => `${S}-${chars(r, ALNUM, 20)}${OAI}${chars(r, ALNUM, 20)}`,
  },
  {
    id: 'anthropic-api',
    expect: ['anthropic'],
    varName: 'ANTHROPIC_API_KEY',
    baseUrl: 'https://api.anthropic.com',
    gen: (r) => `${S}-ant-api03-${chars(r, URLSAFE, 93)}AA`,
  },
  {
    id: 'anthropic-admin',
    expect: ['anthropic'],
    varName: 'ANTHROPIC_ADMIN_KEY',
    baseUrl: 'https://api.anthropic.com',
    gen: (r) => `${S}-ant-admin01-${chars(r, URLSAFE, 93)}AA`,
  },
  {
    id: 'openrouter',
    expect: ['openrouter'],
    varName: 'OPENROUTER_API_KEY',
    baseUrl: 'https://openrouter.ai/api/v1',
    gen: (r) => `${S}-or-v1-${chars(r, HEX, 64)}`,
  },
  {
    id: 'deepseek',
    expect: ['deepseek'],
    varName: 'DEEPSEEK_API_KEY',
    baseUrl: 'https://api.deepseek.com',
    gen: (r) => `${S}-${chars(r, HEX, 32)}`,
  },
  {
    id: 'dashscope',
    expect: ['dashscope'],
    varName: 'DASHSCOPE_API_KEY',
    baseUrl: 'https://dashscope.aliyuncs.com/compatible-mode/v1',
    gen: (r) => `${S}-${chars(r, HEX, 32)}`,
  },
  {
    id: 'siliconflow',
    expect: ['siliconflow'],
    varName: 'SILICONFLOW_API_KEY',
    baseUrl: 'https://api.siliconflow.cn/v1',
    gen: (r) => `${S}-${chars(r, LOWER, 48)}`,
  },
  {
    id: 'moonshot',
    expect: ['moonshot'],
    varName: 'MOONSHOT_API_KEY',
    baseUrl: 'https://api.moonshot.cn/v1',
    gen: (r) => `${S}-${chars(r, ALNUM, 48)}`,
  },
  {
    // 16 random bytes, base64url without padding = 22 characters.
    id: 'litellm',
    expect: ['litellm'],
    varName: 'LITELLM_API_KEY',
    baseUrl: 'http://litellm-proxy:4000',
    gen: (r) => `${S}-${chars(r, URLSAFE, 21)}${pickOne(r, 'AQgw'.split(''))}`,
  },
  {
    id: 'groq',
    expect: ['groq'],
    varName: 'GROQ_API_KEY',
    baseUrl: 'https://api.groq.com/openai/v1',
    gen: (r) => `gsk_${chars(r, ALNUM, 52)}`,
  },
  {
    id: 'xai',
    expect: ['xai'],
    varName: 'XAI_API_KEY',
    baseUrl: 'https://api.x.ai/v1',
    gen: (r) => `xai-${chars(r, WORDCH, 80)}`,
  },
  {
    id: 'perplexity',
    expect: ['perplexity'],
    varName: 'PERPLEXITY_API_KEY',
    baseUrl: 'https://api.perplexity.ai',
    gen: (r) => `pplx-${chars(r, ALNUM, 48)}`,
  },
  {
    id: 'stripe-live',
    expect: ['stripe'],
    varName: 'STRIPE_SECRET_KEY',
    baseUrl: 'https://api.stripe.com/v1',
    gen: (r) => `${S}_live_${chars(r, ALNUM, pickOne(r, [24, 34, 99]))}`,
  },
  {
    id: 'stripe-restricted',
    expect: ['stripe'],
    varName: 'STRIPE_RESTRICTED_KEY',
    baseUrl: 'https://api.stripe.com/v1',
    gen: (r) => `rk_live_${chars(r, ALNUM, pickOne(r, [24, 34, 99]))}`,
  },
  {
    // Other OpenAI-compatible providers with loose sk- keys (Baichuan, Yi, MiniMax, self-hosted gateways):
    // mixed alnum bodies of lengths no specific rule owns.
    id: 'generic-sk',
    expect: ['unknown'],
    varName: 'LLM_API_KEY',
    baseUrl: 'https://llm-gateway.internal.example/v1',
    gen: (r) => `${S}-${chars(r, ALNUM, pickOne(r, [32, 40, 56, 64]))}`,
  },
];
