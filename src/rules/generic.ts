import { shannonEntropy } from '../scan/entropy.js';
import { B64URL, join, pick } from './gen.js';
import type { Rule } from './types.js';

const HASH_LENGTHS = new Set([40, 64, 128]);
/** scikit-learn's HTML repr names elements `sk-<uuid>` and `sk-estimator-<uuid>`. */
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/** Random bodies of 20+ url-safe characters have entropy near log2(length): demand most of it. */
export function genericEntropyFloor(length: number): number {
  if (length < 28) return 3.6;
  if (length < 40) return 3.9;
  return 4.2;
}

/**
 * A body that could be a random secret: letters and digits both present (a 20-character random
 * alphanumeric lacks digits 3% of the time: the cost of not flagging names); not bare hex shorter than
 * 32 (object ids) or of a digest's length, and no UUID inside (ids, not credentials: `sk-<sha1>` is a
 * cache key more often than a key).
 */
/**
 * Prefixes with a rule of their own and a fixed format: a token that starts with one but failed that
 * rule's regex is truncated or made up (`sk-proj-` + 20 characters), not some other provider's key.
 */
const OWNED_PREFIXES = /^(?:proj|None|svcacct|service|admin|ant-api03|ant-admin01|or-v1|lf)-/;

export function genericBodyIsRandom(body: string): boolean {
  if (OWNED_PREFIXES.test(body)) return false;
  if (!/[0-9]/.test(body) || !/[A-Za-z]/.test(body)) return false;
  // Bare hex: short ones are object ids (MongoDB's 24), long ones digests.
  const hex = /^[0-9a-f]+$/.test(body) || /^[0-9A-F]+$/.test(body);
  if (hex && (body.length < 32 || HASH_LENGTHS.has(body.length))) return false;
  if (UUID.test(body)) return false;
  return shannonEntropy(body) >= genericEntropyFloor(body.length);
}

/** Lengths that belong to a specific rule (DeepSeek 32, LiteLLM 22, Moonshot/SiliconFlow 48). */
const TAKEN = new Set([22, 32, 48]);

export const genericRules: Rule[] = [
  {
    id: 'generic-sk-key',
    provider: 'unknown',
    candidates: [],
    // Not OpenAI or OpenRouter: their keys have formats of their own, so a key of another shape is not
    // theirs, and their 401 would wrongly read as "revoked".
    contextCandidates: ['litellm', 'deepseek', 'dashscope', 'moonshot', 'siliconflow'],
    description: 'sk- style API key of a provider without a specific rule',
    keywords: ['sk-'],
    regex: /sk-[A-Za-z0-9_-]{20,250}(?![A-Za-z0-9_-])/g,
    anchored: true,
    minLength: 23,
    maxLength: 253,
    alphabet: 'A-Za-z0-9_-',
    prefixLength: 3,
    validate: (key) => genericBodyIsRandom(key.slice(3)),
    sample: (random) => {
      for (;;) {
        let n = 20 + Math.floor(random() * 80);
        while (TAKEN.has(n)) n++;
        const body = pick(random, B64URL, n);
        if (genericBodyIsRandom(body) && /^[A-Za-z0-9]/.test(body)) return join('sk-', body);
      }
    },
  },
];
