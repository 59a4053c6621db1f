// Seeded generators for the hold-out corpus. Keys exist only at run time: no key-shaped literal here.
import { createHash } from 'node:crypto';

/** mulberry32: small, fast, deterministic PRNG so a miss can be regenerated from its seed. */
export function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  next.int = (n) => Math.floor(next() * n);
  next.pick = (arr) => arr[next.int(arr.length)];
  return next;
}

export const LOWER = 'abcdefghijklmnopqrstuvwxyz';
export const UPPER = LOWER.toUpperCase();
export const DIGITS = '0123456789';
export const HEX = `${DIGITS}abcdef`;
export const ALNUM = UPPER + LOWER + DIGITS;
export const WORD = `${ALNUM}_`;
export const URLSAFE = `${ALNUM}_-`;

export function chars(r, alphabet, n) {
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet[r.int(alphabet.length)];
  return s;
}

/** Redraw until every required class is present (real keys of these shapes are mixed). */
function mixed(r, alphabet, n, classes) {
  for (;;) {
    const s = chars(r, alphabet, n);
    if (classes.every((c) => [...s].some((ch) => c.includes(ch)))) return s;
  }
}

const MARK = ['T3Bl', 'bkFJ'].join('');
const us = (r, n) => mixed(r, URLSAFE, n, [UPPER, LOWER, DIGITS]);
const b64url = (r, bytes) => {
  const b = Buffer.alloc(bytes);
  for (let i = 0; i < bytes; i++) b[i] = r.int(256);
  return b.toString('base64url');
};
const join = (...p) => p.join('');

/**
 * One entry per key family: provider id (as the scanner names it), the env var and base URL a real
 * project would put next to it, and the generator. `enabled: false` families are negatives (Stripe test).
 */
export const FAMILIES = {
  'openai-project': {
    provider: 'openai',
    env: 'OPENAI_API_KEY',
    url: 'https://api.openai.com/v1',
    gen: (r) => join('sk-', 'proj-', us(r, 74), MARK, us(r, 73), 'A'),
  },
  'openai-svcacct': {
    provider: 'openai',
    env: 'OPENAI_API_KEY',
    url: 'https://api.openai.com/v1',
    gen: (r) => join('sk-', 'svcacct-', us(r, 74), MARK, us(r, 73), 'A'),
  },
  'openai-admin': {
    provider: 'openai',
    env: 'OPENAI_ADMIN_KEY',
    url: 'https://api.openai.com/v1',
    gen: (r) => join('sk-', 'admin-', us(r, 58), MARK, us(r, 57), 'A'),
  },
  'openai-legacy': {
    provider: 'openai',
    env: 'OPENAI_API_KEY',
    url: 'https://api.openai.com/v1',
    gen: (r) =>
      join(
        'sk-',
        mixed(r, ALNUM, 20, [UPPER, LOWER, DIGITS]),
        MARK,
        mixed(r, ALNUM, 20, [UPPER, LOWER, DIGITS]),
      ),
  },
  'openai-early-project': {
    provider: 'openai',
    env: 'OPENAI_API_KEY',
    url: 'https://api.openai.com/v1',
    gen: (r) => join('sk-', 'proj-', us(r, 20), MARK, us(r, 20)),
  },
  'anthropic-api': {
    provider: 'anthropic',
    env: 'ANTHROPIC_API_KEY',
    url: 'https://api.anthropic.com',
    gen: (r) => join('sk-', 'ant-', 'api03-', us(r, 93), 'AA'),
  },
  'anthropic-admin': {
    provider: 'anthropic',
    env: 'ANTHROPIC_ADMIN_KEY',
    url: 'https://api.anthropic.com',
    gen: (r) => join('sk-', 'ant-', 'admin01-', us(r, 93), 'AA'),
  },
  openrouter: {
    provider: 'openrouter',
    env: 'OPENROUTER_API_KEY',
    url: 'https://openrouter.ai/api/v1',
    gen: (r) => join('sk-', 'or-', 'v1-', chars(r, HEX, 64)),
  },
  deepseek: {
    provider: 'deepseek',
    env: 'DEEPSEEK_API_KEY',
    url: 'https://api.deepseek.com',
    gen: (r) => join('sk-', mixed(r, HEX, 32, [DIGITS, 'abcdef'])),
  },
  dashscope: {
    provider: 'dashscope',
    env: 'DASHSCOPE_API_KEY',
    url: 'https://dashscope.aliyuncs.com/compatible-mode/v1',
    gen: (r) => join('sk-', mixed(r, HEX, 32, [DIGITS, 'abcdef'])),
  },
  siliconflow: {
    provider: 'siliconflow',
    env: 'SILICONFLOW_API_KEY',
    url: 'https://api.siliconflow.cn/v1',
    gen: (r) => join('sk-', chars(r, LOWER, 48)),
  },
  moonshot: {
    provider: 'moonshot',
    env: 'MOONSHOT_API_KEY',
    url: 'https://api.moonshot.cn/v1',
    gen: (r) => join('sk-', mixed(r, ALNUM, 48, [UPPER, LOWER, DIGITS])),
  },
  litellm: {
    provider: 'litellm',
    env: 'LITELLM_API_KEY',
    url: 'http://litellm-proxy:4000',
    gen: (r) => join('sk-', b64url(r, 16)),
  },
  'stripe-live': {
    provider: 'stripe',
    env: 'STRIPE_SECRET_KEY',
    url: 'https://api.stripe.com',
    gen: (r) => join('sk', '_live_', mixed(r, ALNUM, r() < 0.5 ? 24 : 99, [UPPER, LOWER, DIGITS])),
  },
  'stripe-restricted': {
    provider: 'stripe',
    env: 'STRIPE_RESTRICTED_KEY',
    url: 'https://api.stripe.com',
    gen: (r) => join('rk', '_live_', mixed(r, ALNUM, 24, [UPPER, LOWER, DIGITS])),
  },
  groq: {
    provider: 'groq',
    env: 'GROQ_API_KEY',
    url: 'https://api.groq.com/openai/v1',
    gen: (r) => join('gsk', '_', mixed(r, ALNUM, 52, [UPPER, LOWER, DIGITS])),
  },
  xai: {
    provider: 'xai',
    env: 'XAI_API_KEY',
    url: 'https://api.x.ai/v1',
    gen: (r) => join('xai', '-', mixed(r, WORD, 80, [UPPER, LOWER, DIGITS])),
  },
  perplexity: {
    provider: 'perplexity',
    env: 'PERPLEXITY_API_KEY',
    url: 'https://api.perplexity.ai',
    gen: (r) => join('pplx', '-', mixed(r, ALNUM, 48, [UPPER, LOWER, DIGITS])),
  },
};

/** Same fingerprint as the product: sha256("keyguard:v1:" + key), first 32 hex. */
export function fingerprint(key) {
  return createHash('sha256').update(`keyguard:v1:${key}`).digest('hex').slice(0, 32);
}

/** Masked form for reports: never the whole key. */
export function mask(key) {
  return `${key.slice(0, Math.min(10, key.length - 8))}…${key.slice(-4)}`;
}
