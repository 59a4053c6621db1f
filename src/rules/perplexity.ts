import { ALNUM, join, pick } from './gen.js';
import type { Rule } from './types.js';

export const perplexityRules: Rule[] = [
  {
    id: 'perplexity-api-key',
    provider: 'perplexity',
    candidates: ['perplexity'],
    description: 'Perplexity API key',
    keywords: ['pplx-'],
    regex: /pplx-[A-Za-z0-9]{48}(?![A-Za-z0-9_-])/g,
    anchored: true,
    minLength: 53,
    maxLength: 53,
    alphabet: 'A-Za-z0-9_-',
    prefixLength: 5,
    entropyFloor: 4.4,
    sample: (random) => join('pplx-', pick(random, ALNUM, 48)),
  },
];
