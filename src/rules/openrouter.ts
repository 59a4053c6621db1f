import { HEX, join, pick } from './gen.js';
import type { Rule } from './types.js';

export const openrouterRules: Rule[] = [
  {
    id: 'openrouter-api-key',
    provider: 'openrouter',
    candidates: ['openrouter'],
    description: 'OpenRouter API key',
    keywords: ['sk-or-v1-'],
    regex: /sk-or-v1-[0-9a-f]{64}(?![A-Za-z0-9_-])/g,
    anchored: true,
    minLength: 73,
    maxLength: 73,
    alphabet: 'A-Za-z0-9_-',
    prefixLength: 9,
    entropyFloor: 3.3,
    sample: (random) => join('sk-or-v1-', pick(random, HEX, 64)),
  },
];
