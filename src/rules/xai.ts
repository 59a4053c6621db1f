import { ALNUM, join, pick } from './gen.js';
import type { Rule } from './types.js';

export const xaiRules: Rule[] = [
  {
    id: 'xai-api-key',
    provider: 'xai',
    candidates: ['xai'],
    description: 'xAI (Grok) API key',
    keywords: ['xai-'],
    regex: /xai-[A-Za-z0-9_]{80}(?![A-Za-z0-9_-])/g,
    anchored: true,
    minLength: 84,
    maxLength: 84,
    alphabet: 'A-Za-z0-9_-',
    prefixLength: 4,
    entropyFloor: 4.6,
    sample: (random) => join('xai-', pick(random, ALNUM, 80)),
  },
];
