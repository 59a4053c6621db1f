import { HEX, join, pick } from './gen.js';
import type { Rule } from './types.js';

const uuid = (random: () => number): string =>
  [
    pick(random, HEX, 8),
    pick(random, HEX, 4),
    `4${pick(random, HEX, 3)}`,
    `a${pick(random, HEX, 3)}`,
    pick(random, HEX, 12),
  ].join('-');

/**
 * Langfuse secret keys (`sk-lf-` + UUID) sit next to LLM keys in the same `.env` files. Without
 * this rule the generic `sk-` rule would drop them, since it treats UUID bodies as ids.
 */
export const langfuseRules: Rule[] = [
  {
    id: 'langfuse-secret-key',
    provider: 'langfuse',
    candidates: ['langfuse'],
    description: 'Langfuse secret key',
    keywords: ['sk-lf-'],
    regex: /sk-lf-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?![A-Za-z0-9_-])/g,
    anchored: true,
    minLength: 42,
    maxLength: 42,
    alphabet: 'A-Za-z0-9_-',
    prefixLength: 6,
    entropyFloor: 3.0,
    skipIdentifierFilter: true,
    sample: (random) => join('sk-lf-', uuid(random)),
  },
];
