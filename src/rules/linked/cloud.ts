/** Cloud keys that leak beside AI keys: AWS access key pairs, Alibaba Cloud AccessKeys, Google keys. */
import { ALNUM, B64URL, join, pick, UPPER } from '../gen.js';
import type { Rule } from '../types.js';
import { looksRandom, mixesClasses } from './checks.js';

/** AWS key ids are base32: upper-case letters and the digits 2–7. */
const AWS_ID = `${UPPER}234567`;
// `=` may stand before it (`AWS_SECRET_ACCESS_KEY=…`), not after it (the tail of a longer base64 blob).
const AWS_SECRET = /(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g;

/**
 * A secret access key near the key id: 40 base64 characters that look random (both cases and a digit)
 * and are not AWS's documented example (`…EXAMPLEKEY`). A key id alone grants nothing.
 */
export function hasAwsSecret(window: string): boolean {
  for (const m of window.matchAll(AWS_SECRET)) {
    const s = m[0];
    if (mixesClasses(s) && looksRandom(s, 4.0)) return true;
  }
  return false;
}

export function awsSecretSample(random: () => number): string {
  for (;;) {
    const s = pick(random, `${ALNUM}/+`, 40);
    if (hasAwsSecret(` ${s} `)) return s;
  }
}

export const cloudRules: Rule[] = [
  {
    id: 'aws-access-key',
    provider: 'aws',
    candidates: ['aws'],
    kind: 'linked',
    description: 'AWS access key pair: a key id (AKIA/ASIA) with its secret access key nearby',
    keywords: ['AKIA', 'ASIA'],
    regex: /(?:AKIA|ASIA)[A-Z2-7]{16}(?![A-Za-z0-9_-])/g,
    anchored: true,
    minLength: 20,
    maxLength: 20,
    alphabet: 'A-Za-z0-9',
    prefixLength: 4,
    entropyFloor: 2.5,
    // Upper case and digits only: the identifier filter's `ABC123` reading does not apply.
    skipIdentifierFilter: true,
    // AWS's documented example id ends in `EXAMPLE`: the placeholder filter drops it.
    nearby: hasAwsSecret,
    sample: (random) => join(random() < 0.8 ? 'AKIA' : 'ASIA', pick(random, AWS_ID, 16)),
  },
  {
    id: 'alibaba-access-key',
    provider: 'alibaba',
    candidates: ['alibaba'],
    kind: 'linked',
    description: 'Alibaba Cloud AccessKey id (LTAI…)',
    keywords: ['LTAI'],
    // 12 characters after the prefix in older ids, 20 in newer ones.
    regex: /LTAI(?:[A-Za-z0-9]{20}|[A-Za-z0-9]{12})(?![A-Za-z0-9_-])/g,
    anchored: true,
    minLength: 16,
    maxLength: 24,
    lengths: [16, 24],
    alphabet: 'A-Za-z0-9_-',
    prefixLength: 4,
    entropyFloor: 3.0,
    validate: (key) =>
      /[0-9]/.test(key.slice(4)) && /[A-Za-z]/.test(key.slice(4)) && looksRandom(key.slice(4), 3.0),
    sample: (random) => {
      for (;;) {
        const body = pick(random, ALNUM, random() < 0.7 ? 20 : 12);
        if (mixesClasses(body) && looksRandom(body, 3.0)) return join('LTAI', body);
      }
    },
  },
  {
    id: 'google-api-key',
    provider: 'google',
    candidates: ['google'],
    kind: 'linked',
    description: 'Google API key (AIza…, Maps, Gemini, Firebase)',
    keywords: ['AIza'],
    // `+` and `/` glue it to a base64 blob that merely contains `AIza`.
    regex: /AIza[A-Za-z0-9_-]{35}(?![A-Za-z0-9_+/-])/g,
    anchored: true,
    minLength: 39,
    maxLength: 39,
    alphabet: 'A-Za-z0-9_+/-',
    prefixLength: 4,
    entropyFloor: 3.8,
    validate: (key) => /[0-9]/.test(key.slice(4)) && /[A-Za-z]/.test(key.slice(4)),
    sample: (random) => {
      for (;;) {
        const body = pick(random, B64URL, 35);
        if (/[0-9]/.test(body) && /^[A-Za-z0-9]/.test(body) && looksRandom(body, 3.8))
          return join('AIza', body);
      }
    },
  },
];
