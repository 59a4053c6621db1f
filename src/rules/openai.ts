import { isPeriodic } from '../scan/placeholder.js';
import { ALNUM, B64URL, join, OPENAI_MARKER, pick } from './gen.js';
import type { Rule } from './types.js';

const URLSAFE = 'A-Za-z0-9_-';
/** OpenAI bodies are url-safe base64; modern ones carry `T3BlbkFJ` (base64 "OpenAI") in the middle. */
const hasMarker = (key: string): boolean => key.includes(OPENAI_MARKER);

/** Shortest body of a prefixed key without the marker (newer keys: "always more than 100 chars"). */
export const MIN_MARKERLESS_BODY = 100;

/**
 * A whole prefixed OpenAI key, not a copy cut short: with the marker, the halves around it have the
 * same length (20/20, 58/58, 74/74 in every key seen); without it, the body is long (keys issued
 * without the marker exist, all over 100 characters). `sk-proj-` + 40 characters, or a service
 * account key cut before its marker, is a fragment: verifying it would call the key "revoked".
 */
export function isWholePrefixedKey(body: string): boolean {
  const at = body.indexOf(OPENAI_MARKER);
  if (at === -1) return isMarkerlessBody(body);
  if (at < 20 || at !== body.length - at - OPENAI_MARKER.length) return false;
  // Both halves the same block, or a half repeating a shorter one: pasted, not random bytes.
  const head = body.slice(0, at);
  const tail = body.slice(at + OPENAI_MARKER.length);
  return head !== tail && !isPeriodic(head) && !isPeriodic(tail);
}

/**
 * A long body without the marker (peers require the marker; kingfisher reports such keys over 100
 * characters, so they are kept) — unless the marker was overwritten: half of it left (`T3Bl`, `bkFJ`),
 * or a block of one or two characters where a random body has none (`XXXXXXXX`, `00000000`, `-_-_-_-_`):
 * the body of a redacted sample. Eight random url-safe characters use at most two symbols about once in
 * 10^9 windows.
 */
function isMarkerlessBody(body: string): boolean {
  if (body.length < MIN_MARKERLESS_BODY) return false;
  if (body.includes(OPENAI_MARKER.slice(0, 4)) || body.includes(OPENAI_MARKER.slice(4))) return false;
  for (let i = 0; i + 8 <= body.length; i++) {
    const a = body[i];
    let b: string | undefined;
    let distinct = 1;
    for (let j = i + 1; j < i + 8 && distinct <= 2; j++) {
      const c = body[j];
      if (c === a || c === b) continue;
      if (b === undefined) b = c;
      distinct++;
    }
    if (distinct <= 2) return false;
  }
  return true;
}

/**
 * `sk-None-` + 48 letters and digits, no marker: the short form of an org key outside a project
 * (kingfisher's `openai.3`, verified against `/v1/me`). Random: both cases and a digit.
 */
function isShortNoneKey(key: string): boolean {
  const body = key.slice(8);
  return (
    key.startsWith('sk-None-') &&
    /^[A-Za-z0-9]{48}$/.test(body) &&
    /[A-Z]/.test(body) &&
    /[a-z]/.test(body) &&
    /[0-9]/.test(body)
  );
}

/** A named key's random part: the 20 + marker + 20 after the account name. */
const NAMED_CORE = 48;

/** Lengths of the prefixed keys with the marker: halves of 20, 58 and 74 characters. */
const markerLengths = (prefix: string): number[] => [20, 58, 74].map((h) => prefix.length + 2 * h + 8);

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
    // The early 20+marker+20 shape (48) up to today's 156-character bodies with room to grow; the
    // body must be whole (see `isWholePrefixedKey`).
    regex: /sk-(?:proj|None)-[A-Za-z0-9_-]{48,250}(?![A-Za-z0-9_-])/g,
    anchored: true,
    minLength: 56,
    maxLength: 258,
    lengths: markerLengths('sk-proj-'),
    validate: (key) => isWholePrefixedKey(key.slice(8)) || isShortNoneKey(key),
    alphabet: URLSAFE,
    prefixLength: 8,
    entropyFloor: 4.2,
    sample: (random) => {
      const r = random();
      if (r < 0.7) return modernSample('sk-proj-', 74)(random);
      if (r < 0.85)
        return join('sk-proj-', pick(random, B64URL, 20), OPENAI_MARKER, pick(random, B64URL, 20));
      for (;;) {
        const key = join('sk-None-', pick(random, ALNUM, 48));
        if (isShortNoneKey(key)) return key;
      }
    },
  },
  {
    id: 'openai-service-account-key',
    provider: 'openai',
    candidates: ['openai'],
    description: 'OpenAI service account API key',
    keywords: ['sk-svcacct-', 'sk-service-'],
    regex: /sk-(?:svcacct|service)-[A-Za-z0-9_-]{48,250}(?![A-Za-z0-9_-])/g,
    anchored: true,
    minLength: 59,
    maxLength: 261,
    lengths: markerLengths('sk-svcacct-'),
    validate: (key) => isWholePrefixedKey(key.slice(11)),
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
    regex: /sk-admin-[A-Za-z0-9_-]{48,250}(?![A-Za-z0-9_-])/g,
    anchored: true,
    minLength: 57,
    maxLength: 259,
    lengths: markerLengths('sk-admin-'),
    validate: (key) => isWholePrefixedKey(key.slice(9)),
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
  {
    id: 'openai-named-key',
    provider: 'openai',
    candidates: ['openai'],
    description: 'OpenAI key that carries an account name (sk-<name>-, service accounts since 2024)',
    keywords: ['sk-'],
    // The name: letters, digits and dashes; then 20 + marker + 20 alphanumerics, like a legacy key.
    regex: new RegExp(
      `sk-[A-Za-z0-9-]{1,80}-[A-Za-z0-9]{20}${OPENAI_MARKER}[A-Za-z0-9]{20}(?![A-Za-z0-9_-])`,
      'g',
    ),
    anchored: true,
    minLength: 53,
    maxLength: 132,
    alphabet: URLSAFE,
    prefixLength: 3,
    // The name is words by design: only the random part after it is judged.
    core: (key) => key.slice(-NAMED_CORE),
    validate: (key) => /^[A-Za-z0-9]/.test(key.slice(3)) && hasMarker(key),
    sample: (random) => {
      const name = ['deploy-bot', 'Keyshade', 'ci', 'billing-svc-2', 'MyApp'][Math.floor(random() * 5)]!;
      const alnum = B64URL.slice(0, 62);
      return join('sk-', name, '-', pick(random, alnum, 20), OPENAI_MARKER, pick(random, alnum, 20));
    },
  },
];
