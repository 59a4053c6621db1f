/**
 * Seeded generator of key-shaped strings for tests. The repository holds no key-shaped literal
 * (the project scans itself clean): every fixture key is made here at run time.
 */

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const B64URL = `${ALNUM}_-`;
const HEX = '0123456789abcdef';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';

/** mulberry32: small, fast, good enough for fixtures; same seed, same keys. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The base64 of "OpenAI" that OpenAI puts in the middle of its keys, built so no literal shows it. */
export const OPENAI_MARKER = ['T3Bl', 'bkFJ'].join('');

export class KeyGen {
  readonly rand: () => number;
  constructor(seed = 1) {
    this.rand = seededRandom(seed);
  }

  chars(alphabet: string, n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += alphabet[Math.floor(this.rand() * alphabet.length)];
    return s;
  }

  /** Mixes upper, lower and digits so entropy filters see a real-looking body. */
  alnum(n: number): string {
    return this.chars(ALNUM, n);
  }

  b64url(n: number): string {
    return this.chars(B64URL, n);
  }

  hex(n: number): string {
    return this.chars(HEX, n);
  }

  lower(n: number): string {
    return this.chars(LOWER, n);
  }

  openaiProject(): string {
    return `sk-proj-${this.b64url(74)}${OPENAI_MARKER}${this.b64url(73)}A`;
  }

  openaiServiceAccount(): string {
    return `sk-svcacct-${this.b64url(74)}${OPENAI_MARKER}${this.b64url(73)}A`;
  }

  openaiAdmin(): string {
    return `sk-admin-${this.b64url(58)}${OPENAI_MARKER}${this.b64url(57)}A`;
  }

  openaiLegacy(): string {
    return `sk-${this.alnum(20)}${OPENAI_MARKER}${this.alnum(20)}`;
  }

  anthropic(): string {
    return `sk-ant-api03-${this.b64url(93)}AA`;
  }

  anthropicAdmin(): string {
    return `sk-ant-admin01-${this.b64url(93)}AA`;
  }

  openrouter(): string {
    return `sk-or-v1-${this.hex(64)}`;
  }

  /** DeepSeek and DashScope share this shape. */
  deepseek(): string {
    return `sk-${this.hex(32)}`;
  }

  siliconflow(): string {
    return `sk-${this.lower(48)}`;
  }

  moonshot(): string {
    return `sk-${this.alnum(48)}`;
  }

  /** LiteLLM virtual key: 16 random bytes, url-safe base64, 22 characters. */
  litellm(): string {
    return `sk-${this.b64url(22)}`;
  }

  stripeLive(): string {
    return `${['sk', 'live'].join('_')}_${this.alnum(99).slice(0, 24 + Math.floor(this.rand() * 70))}`;
  }

  stripeRestricted(): string {
    return `${['rk', 'live'].join('_')}_${this.alnum(40)}`;
  }

  groq(): string {
    return `gsk_${this.alnum(52)}`;
  }

  xai(): string {
    return `xai-${this.alnum(80)}`;
  }

  perplexity(): string {
    return `pplx-${this.alnum(48)}`;
  }

  /** A GitHub-style 40-hex commit SHA (not a key; used in trap tests). */
  sha(): string {
    return this.hex(40);
  }
}
