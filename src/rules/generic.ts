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

/**
 * Kubernetes workload names: `<name>-<pod-template-hash>-<5-char pod id>` (Deployment pods) and
 * a lowercase hash (hex-looking, or Kubernetes' vowel-free `SafeEncodeString` alphabet) and a 5-character
 * lowercase pod id. Random keys mix cases, so they do not take this shape.
 */
const K8S_POD = /^[a-z][a-z0-9]*(?:-[a-z][a-z0-9]*)*-[0-9a-z]{6,10}-[0-9a-z]{5}$/;

/**
 * css-loader's hashed class names: `[name]_[local]__[hash:base64:5]` (`sk-button_primary__a1B2c`), and
 * BEM `block__element--modifier`: lowercase words joined by `_`, `__` or `--`, ending in a short hash.
 */
const CSS_MODULE = /^(?:[a-z][a-z0-9]*[-_])*[a-z][a-z0-9]*__[A-Za-z0-9_-]{5,8}$/;

/**
 * Names built from dash-joined parts with real words in them: container names (`worker-1-3f9c2a7b1d0e`),
 * SVG ids (`drop-shadow-a1b2c3`, `drop-shadow-F5SlND6NzS`), asset names (`logo-9f8e…`,
 * `hero-banner-1920x1080`). A random key body mixes cases, so an all-lowercase body with dashes and a word
 * in it is a name; and a random body almost never opens with two lowercase words and their dashes
 * (about one in a million), whatever the tail after them looks like.
 */
function isDashedName(body: string): boolean {
  const word = (part: string) => /^[a-z]{3,}$/.test(part) && !/^[a-f]+$/.test(part);
  const parts = body.split('-');
  if (parts.length >= 3 && word(parts[0]!) && /^[a-z]{3,}$/.test(parts[1]!)) return true;
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)+$/.test(body)) return false;
  return parts.some(word);
}

/** Parts of OpenAI's marker: a body with one is an OpenAI key cut short or mangled, not another's key. */
const MARKER_PART = /T3Bl|bkFJ/;

/**
 * 16 random bytes in url-safe base64 without padding (LiteLLM's virtual keys): 22 characters, the last
 * one of `A`, `Q`, `g`, `w` (only two bits of the final character are data). Such a body may lack digits
 * (1 in 36) and still be random.
 */
function isBase64Of16Bytes(body: string): boolean {
  return body.length === 22 && /[AQgw]$/.test(body) && /[A-Z]/.test(body) && /[a-z]/.test(body);
}

/**
 * An OpenAI named key cut before its marker (`sk-<name>-` + 20 alphanumerics…): a lowercase name, a dash,
 * then letters and digits only, shorter than the named key's 48. Verifying the fragment would call the
 * whole key revoked.
 */
const NAMED_FRAGMENT = /^[a-z][a-z0-9]{1,15}(?:-[a-z][a-z0-9]{1,15})?-[A-Za-z0-9]{20,47}$/;

export function genericBodyIsRandom(body: string): boolean {
  if (OWNED_PREFIXES.test(body) || NAMED_FRAGMENT.test(body)) return false;
  if (MARKER_PART.test(body) || K8S_POD.test(body) || CSS_MODULE.test(body) || isDashedName(body))
    return false;
  if (!/[A-Za-z]/.test(body)) return false;
  if (!/[0-9]/.test(body) && !isBase64Of16Bytes(body)) return false;
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
