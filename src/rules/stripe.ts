import { ALNUM, HEX, join, pick } from './gen.js';
import type { Rule } from './types.js';

/**
 * `-` belongs to the measured token although no Stripe key holds one: `sk_live_…-…` is another service's
 * token (whole, it is not Stripe's), never a Stripe key cut at the dash.
 */
const ALPHA = 'A-Za-z0-9_-';
const body = (random: () => number): string => {
  for (;;) {
    const b = pick(random, ALNUM, 24 + Math.floor(random() * 76));
    if (isStripeBody(b)) return b;
  }
};

/**
 * What Stripe issues after `sk_live_`: base62 with both cases (24 characters in older keys, 99 in newer
 * ones; Stripe documents up to 255 in all). Paystack's 40 lowercase hex and Picatic's lowercase bodies
 * are not Stripe's; a random 24-character base62 body lacks a case about once in 500,000.
 */
export function isStripeBody(b: string): boolean {
  return /^[A-Za-z0-9]{24,247}$/.test(b) && /[A-Z]/.test(b) && /[a-z]/.test(b);
}
/** Services whose `sk_live_` keys look like Stripe's: named nearby, they take the key. */
const LOOKALIKES = ['clerk'];

/**
 * Live (`_live_`) and `_prod_` keys move real money. Test-mode keys (`_test_`) reach no production data
 * and are everywhere in docs and fixtures, so `stripe-test-key` is opt-in (`enableRules`).
 */
export const stripeRules: Rule[] = [
  {
    id: 'stripe-secret-key',
    provider: 'stripe',
    candidates: ['stripe'],
    description: 'Stripe live secret key',
    // `sk_` rather than `sk_live_` + `sk_prod_`: one `indexOf` pass instead of two.
    keywords: ['sk_'],
    regex: /sk_(?:live|prod)_[A-Za-z0-9]{24,247}(?![A-Za-z0-9_-])/g,
    anchored: true,
    minLength: 32,
    maxLength: 255,
    alphabet: ALPHA,
    prefixLength: 8,
    entropyFloor: 3.5,
    validate: (key) => isStripeBody(key.slice(8)),
    contextOnly: LOOKALIKES,
    sample: (random) => join('sk', random() < 0.9 ? '_live_' : '_prod_', body(random)),
  },
  {
    id: 'stripe-restricted-key',
    provider: 'stripe',
    candidates: ['stripe'],
    description: 'Stripe live restricted key',
    keywords: ['rk_'],
    regex: /rk_(?:live|prod)_[A-Za-z0-9]{24,247}(?![A-Za-z0-9_-])/g,
    anchored: true,
    validate: (key) => isStripeBody(key.slice(8)),
    minLength: 32,
    maxLength: 255,
    alphabet: ALPHA,
    prefixLength: 8,
    entropyFloor: 3.5,
    sample: (random) => join('rk', random() < 0.9 ? '_live_' : '_prod_', body(random)),
  },
];

/** Opt-in: Stripe test-mode keys. */
export const stripeTestRules: Rule[] = [
  {
    id: 'stripe-test-key',
    provider: 'stripe',
    candidates: ['stripe'],
    description: 'Stripe test-mode key (no production data; opt-in)',
    keywords: ['sk_', 'rk_'],
    regex: /[sr]k_test_[A-Za-z0-9]{24,247}(?![A-Za-z0-9_-])/g,
    anchored: true,
    validate: (key) => isStripeBody(key.slice(8)),
    contextOnly: LOOKALIKES,
    minLength: 32,
    maxLength: 255,
    alphabet: ALPHA,
    prefixLength: 8,
    entropyFloor: 3.5,
    sample: (random) => join(random() < 0.5 ? 'sk' : 'rk', '_test_', body(random)),
  },
];

/**
 * Paystack secret keys: `sk_live_` + 40 lowercase hex (Paystack's docs; trufflehog's paystack detector).
 * Live money, a shape of its own, no verifier here: reported as Paystack's, never as Stripe's.
 */
export const paystackRules: Rule[] = [
  {
    id: 'paystack-secret-key',
    provider: 'paystack',
    candidates: ['paystack'],
    description: 'Paystack live secret key',
    keywords: ['sk_'],
    regex: /sk_live_[0-9a-f]{40}(?![A-Za-z0-9_-])/g,
    anchored: true,
    minLength: 48,
    maxLength: 48,
    alphabet: ALPHA,
    prefixLength: 8,
    entropyFloor: 3.0,
    validate: (key) => /[a-f]/.test(key.slice(8)) && /[0-9]/.test(key.slice(8)),
    sample: (random) => join('sk_live_', pick(random, HEX, 40)),
  },
];
