import { ALNUM, join, pick } from './gen.js';
import type { Rule } from './types.js';

export const groqRules: Rule[] = [
  {
    id: 'groq-api-key',
    provider: 'groq',
    candidates: ['groq'],
    description: 'Groq API key',
    keywords: ['gsk_'],
    regex: /gsk_[A-Za-z0-9]{52}(?![A-Za-z0-9_])/g,
    anchored: true,
    minLength: 56,
    maxLength: 56,
    alphabet: 'A-Za-z0-9_',
    prefixLength: 4,
    entropyFloor: 4.3,
    sample: (random) => join('gsk_', pick(random, ALNUM, 52)),
  },
];
