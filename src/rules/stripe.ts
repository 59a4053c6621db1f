import { ALNUM, join, pick } from './gen.js';
import type { Rule } from './types.js';

const ALPHA = 'A-Za-z0-9_';
const body = (random: () => number): string => pick(random, ALNUM, 24 + Math.floor(random() * 76));

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
    regex: /sk_(?:live|prod)_[A-Za-z0-9]{16,247}(?![A-Za-z0-9_])/g,
    anchored: true,
    minLength: 24,
    maxLength: 255,
    alphabet: ALPHA,
    prefixLength: 8,
    entropyFloor: 3.5,
    sample: (random) => join('sk', random() < 0.9 ? '_live_' : '_prod_', body(random)),
  },
  {
    id: 'stripe-restricted-key',
    provider: 'stripe',
    candidates: ['stripe'],
    description: 'Stripe live restricted key',
    keywords: ['rk_'],
    regex: /rk_(?:live|prod)_[A-Za-z0-9]{16,247}(?![A-Za-z0-9_])/g,
    anchored: true,
    minLength: 24,
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
    regex: /[sr]k_test_[A-Za-z0-9]{16,247}(?![A-Za-z0-9_])/g,
    anchored: true,
    minLength: 24,
    maxLength: 255,
    alphabet: ALPHA,
    prefixLength: 8,
    entropyFloor: 3.5,
    sample: (random) => join(random() < 0.5 ? 'sk' : 'rk', '_test_', body(random)),
  },
];
