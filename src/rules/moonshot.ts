import { ALNUM, join, LOWER, pick } from './gen.js';
import type { Rule } from './types.js';

/** Moonshot (Kimi) and SiliconFlow both issue `sk-` + 48 characters; SiliconFlow's are lowercase only. */
export const moonshotRules: Rule[] = [
  {
    id: 'siliconflow-api-key',
    provider: 'siliconflow|moonshot',
    candidates: ['siliconflow', 'moonshot'],
    description: 'SiliconFlow API key: 48 lowercase letters (Moonshot shares the length)',
    keywords: ['sk-'],
    regex: /sk-[a-z]{48}(?![A-Za-z0-9_-])/g,
    anchored: true,
    minLength: 51,
    maxLength: 51,
    alphabet: 'A-Za-z0-9_-',
    prefixLength: 3,
    entropyFloor: 3.5,
    contextOnly: ['braintrust', 'one-api'],
    sample: (random) => join('sk-', pick(random, LOWER, 48)),
  },
  {
    id: 'moonshot-api-key',
    provider: 'moonshot|siliconflow',
    candidates: ['moonshot', 'siliconflow'],
    description: 'Moonshot (Kimi) API key: 48 letters and digits (SiliconFlow shares the length)',
    keywords: ['sk-'],
    regex: /sk-[A-Za-z0-9]{48}(?![A-Za-z0-9_-])/g,
    anchored: true,
    minLength: 51,
    maxLength: 51,
    alphabet: 'A-Za-z0-9_-',
    prefixLength: 3,
    entropyFloor: 4.2,
    // Braintrust (and others) issue the same shape: a line or file naming one gets the key.
    contextOnly: ['braintrust', 'one-api'],
    // Random 48-character alphanumerics practically always mix cases and digits.
    validate: (key) => {
      const body = key.slice(3);
      return /[A-Z]/.test(body) && /[a-z]/.test(body) && /[0-9]/.test(body);
    },
    sample: (random) => join('sk-', pick(random, ALNUM, 48)),
  },
];
