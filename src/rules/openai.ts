import { B64URL, join, OPENAI_MARKER, pick } from './gen.js';
import type { Rule } from './types.js';

const URLSAFE = 'A-Za-z0-9_-';
/** OpenAI bodies are url-safe base64; modern ones carry `T3BlbkFJ` (base64 "OpenAI") in the middle. */
const hasMarker = (key: string): boolean => key.includes(OPENAI_MARKER);

function modernSample(prefix: string, half: number) {
  return (random: () => number): string =>
    join(prefix, pick(random, B64URL, half), OPENAI_MARKER, pick(random, B64URL, half - 1), 'A');
}

export const openaiRules: Rule[] = [
  {
    id: 'openai-project-key',
    provider: 'openai',
    candidates: ['openai'],
    description: 'OpenAI project API key',
    keywords: ['sk-proj-', 'sk-None-'],
    // 40–250: the early 20+marker+20 shape (48) up to today's 156-character bodies with room to grow.
    regex: /sk-(?:proj|None)-[A-Za-z0-9_-]{40,250}(?![A-Za-z0-9_-])/g,
    anchored: true,
    minLength: 48,
    maxLength: 258,
    alphabet: URLSAFE,
    prefixLength: 8,
    entropyFloor: 4.2,
    sample: (random) =>
      random() < 0.8
        ? modernSample('sk-proj-', 74)(random)
        : join('sk-proj-', pick(random, B64URL, 20), OPENAI_MARKER, pick(random, B64URL, 20)),
  },
  {
    id: 'openai-service-account-key',
    provider: 'openai',
    candidates: ['openai'],
    description: 'OpenAI service account API key',
    keywords: ['sk-svcacct-', 'sk-service-'],
    regex: /sk-(?:svcacct|service)-[A-Za-z0-9_-]{40,250}(?![A-Za-z0-9_-])/g,
    anchored: true,
    minLength: 51,
    maxLength: 261,
    alphabet: URLSAFE,
    prefixLength: 11,
    entropyFloor: 4.2,
    sample: (random) => modernSample(random() < 0.8 ? 'sk-svcacct-' : 'sk-service-', 74)(random),
  },
  {
    id: 'openai-admin-key',
    provider: 'openai',
    candidates: ['openai'],
    description: 'OpenAI admin API key (organization-wide)',
    keywords: ['sk-admin-'],
    regex: /sk-admin-[A-Za-z0-9_-]{40,250}(?![A-Za-z0-9_-])/g,
    anchored: true,
    minLength: 49,
    maxLength: 259,
    alphabet: URLSAFE,
    prefixLength: 9,
    entropyFloor: 4.2,
    sample: modernSample('sk-admin-', 58),
  },
  {
    id: 'openai-legacy-key',
    provider: 'openai',
    candidates: ['openai'],
    description: 'OpenAI user API key (legacy format)',
    keywords: ['sk-'],
    regex: new RegExp(`sk-[A-Za-z0-9]{20}${OPENAI_MARKER}[A-Za-z0-9]{20}(?![A-Za-z0-9_-])`, 'g'),
    anchored: true,
    minLength: 51,
    maxLength: 51,
    alphabet: URLSAFE,
    prefixLength: 3,
    validate: hasMarker,
    sample: (random) => {
      const alnum = B64URL.slice(0, 62);
      return join('sk-', pick(random, alnum, 20), OPENAI_MARKER, pick(random, alnum, 20));
    },
  },
];
