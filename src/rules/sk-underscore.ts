/**
 * `sk_` keys that are not Stripe's. Several services chose the prefix; each shape with a format of its
 * own gets a rule (so the report names the service and Stripe never sees the key), and a whole `sk_`
 * token that fits none, random enough, is reported with no provider (never cut to a Stripe key).
 * None has a verifier here: their findings stay `unknown`.
 */
import { shannonEntropy } from '../scan/entropy.js';
import { hasPlaceholderText, hasRun, isPeriodic } from '../scan/placeholder.js';
import { ALNUM, B64URL, HEX, join, pick } from './gen.js';
import type { Rule } from './types.js';

const ALPHA = 'A-Za-z0-9_-';
const uuid = (random: () => number) => [8, 4, 4, 4, 12].map((n) => pick(random, HEX, n)).join('-');
const hexOk = (h: string) => /[a-f]/.test(h) && /[0-9]/.test(h) && !hasRun(h) && !isPeriodic(h);

/** Providers named near a loose `sk_` token (no verifier for any: the name is for the report). */
const NAMED = ['iexcloud', 'checkout', 'recharge', 'photoroom', 'clerk', 'paystack', 'stripe'];

/**
 * A loose `sk_` body that is a secret, not an identifier (`sk_buff_head`, `sk_live_mode`): its longest
 * `-`/`_` segment is 16+ characters, mixes letters and digits, and is random enough.
 */
export function looseBodyIsRandom(body: string): boolean {
  const longest = body.split(/[-_]/).reduce((a, b) => (b.length > a.length ? b : a), '');
  return (
    longest.length >= 16 &&
    /[A-Za-z]/.test(longest) &&
    /[0-9]/.test(longest) &&
    !hasPlaceholderText(body) &&
    !hasRun(longest) &&
    !isPeriodic(longest) &&
    shannonEntropy(longest) >= 3.5
  );
}

export const skUnderscoreRules: Rule[] = [
  {
    id: 'iex-cloud-secret-key',
    provider: 'iexcloud',
    candidates: ['iexcloud'],
    description: 'IEX Cloud secret token (sk_ + 32 hex)',
    keywords: ['sk_'],
    regex: /sk_[0-9a-f]{32}(?![A-Za-z0-9_-])/g,
    anchored: true,
    minLength: 35,
    maxLength: 35,
    alphabet: ALPHA,
    prefixLength: 3,
    entropyFloor: 3.0,
    validate: (key) => hexOk(key.slice(3)),
    sample: (random) => {
      for (;;) {
        const h = pick(random, HEX, 32);
        if (hexOk(h) && shannonEntropy(h) >= 3.0) return join('sk_', h);
      }
    },
  },
  {
    id: 'checkout-secret-key',
    provider: 'checkout',
    candidates: ['checkout'],
    description: 'Checkout.com secret key (sk_, sk_test_ or sk_sbox_ + UUID)',
    keywords: ['sk_'],
    regex:
      /sk_(?:test_|sbox_)?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?![A-Za-z0-9_-])/g,
    anchored: true,
    minLength: 39,
    maxLength: 44,
    alphabet: ALPHA,
    prefixLength: 3,
    skipIdentifierFilter: true,
    core: (key) => key.slice(-36).replace(/-/g, ''),
    validate: (key) => hexOk(key.slice(-36).replace(/-/g, '')),
    sample: (random) => join(['sk_', 'sk_test_', 'sk_sbox_'][Math.floor(random() * 3)]!, uuid(random)),
  },
  {
    id: 'recharge-api-key',
    provider: 'recharge',
    candidates: ['recharge'],
    description: 'Recharge API token (sk_ [test_] + NxN_ + 64 hex)',
    keywords: ['sk_'],
    regex: /sk_(?:test_)?[0-9]{1,3}x[0-9]{1,3}_[0-9a-f]{64}(?![A-Za-z0-9_-])/g,
    anchored: true,
    minLength: 71,
    maxLength: 80,
    alphabet: ALPHA,
    prefixLength: 3,
    skipIdentifierFilter: true,
    core: (key) => key.slice(-64),
    validate: (key) => hexOk(key.slice(-64)),
    sample: (random) =>
      join(
        random() < 0.7 ? 'sk_' : 'sk_test_',
        ['1x1_', '2x2_', '10x10_'][Math.floor(random() * 3)]!,
        pick(random, HEX, 64),
      ),
  },
  {
    id: 'photoroom-api-key',
    provider: 'photoroom',
    candidates: ['photoroom'],
    description: 'Photoroom API key (sk_pr_ + account + _ + random)',
    keywords: ['sk_pr_'],
    regex: /sk_pr_[A-Za-z0-9_-]{20,200}(?![A-Za-z0-9_-])/g,
    anchored: true,
    minLength: 26,
    maxLength: 206,
    alphabet: ALPHA,
    prefixLength: 6,
    skipIdentifierFilter: true,
    validate: (key) => looseBodyIsRandom(key.slice(6)),
    sample: (random) => {
      for (;;) {
        const secret = pick(random, ALNUM, 40);
        if (looseBodyIsRandom(secret))
          return join('sk_pr_', ['acme', 'shop-prod', 'studio'][Math.floor(random() * 3)]!, '_', secret);
      }
    },
  },
  {
    id: 'generic-sk-underscore-key',
    provider: 'unknown',
    candidates: [],
    contextCandidates: NAMED,
    description: 'sk_ style secret of a service without a specific rule (never reported as Stripe)',
    keywords: ['sk_'],
    regex: /sk_[A-Za-z0-9_-]{24,250}(?![A-Za-z0-9_-])/g,
    anchored: true,
    minLength: 27,
    maxLength: 253,
    alphabet: ALPHA,
    prefixLength: 3,
    skipIdentifierFilter: true,
    validate: (key) => looseBodyIsRandom(key.slice(3)),
    sample: (random) => {
      for (;;) {
        const body = join('live_', pick(random, B64URL, 30), '-', pick(random, ALNUM, 20));
        if (looseBodyIsRandom(body)) return join('sk_', body);
      }
    },
  },
];
