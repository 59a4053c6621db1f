import { createHash, createHmac, randomBytes, scryptSync } from 'node:crypto';
import { inspect } from 'node:util';

/**
 * Known key prefixes, longest first. The redacted form keeps the prefix whole (it names the provider
 * and is not secret), then some characters of each end of the body (see `redact`).
 */
const KNOWN_PREFIXES = [
  'sk-ant-admin01-',
  'sk-ant-api03-',
  'sk-svcacct-',
  'sk-service-',
  'sk-or-v1-',
  'sk-admin-',
  'sk-proj-',
  'sk_live_',
  'rk_live_',
  'sk_test_',
  'rk_test_',
  'sk_prod_',
  'rk_prod_',
  'sk-ant-',
  'pplx-',
  'gsk_',
  'xai-',
  'sk-',
];

export function keyPrefix(key: string): string {
  return KNOWN_PREFIXES.find((p) => key.startsWith(p)) ?? '';
}

/**
 * The part of a key that may be random, for the entropy estimate: after its known prefix, or, for a
 * key no built-in prefix names (a custom rule's `ACME-PROD-…`), after any leading words that end in
 * `-` or `_`. A literal prefix would otherwise count as random characters. Never used for display.
 */
export function randomPart(key: string): string {
  const known = keyPrefix(key);
  if (known) return key.slice(known.length);
  return key.replace(/^(?:[A-Za-z][A-Za-z0-9]{0,11}[-_])+/, '');
}

/**
 * What the hidden part of a key must keep, at least, once some characters are shown: with the
 * fingerprint published next to the redacted form, fewer hidden bits could be searched offline.
 */
export const MIN_HIDDEN_BITS = 96;
/** Never more than 8 characters of a body are shown, and never more than a quarter of it. */
export const MAX_REVEALED = 8;
const MAX_REVEALED_FRACTION = 1 / 4;

/**
 * Below this share of the Shannon entropy a random sample of its length and alphabet would show, a
 * body is taken for not random (`aaaa…aA1`, `test-test-test`) and judged by its Shannon entropy.
 */
const RANDOM_LOOKING = 0.7;

/**
 * An estimate of the entropy of a key body, in bits. A body that looks random (the Shannon entropy of
 * its characters near what a random sample of that length could show) counts its length times the
 * alphabet its character classes span (hex, lower, upper, digits, other); one that does not counts
 * its length times its Shannon entropy, which is low for repetitive or word-like bodies.
 */
export function estimateBits(body: string): number {
  const chars = [...body];
  const n = chars.length;
  if (n === 0) return 0;
  let alphabet = 0;
  if (/^[0-9a-f]+$/.test(body) || /^[0-9A-F]+$/.test(body)) alphabet = 16;
  else {
    if (/[a-z]/.test(body)) alphabet += 26;
    if (/[A-Z]/.test(body)) alphabet += 26;
    if (/[0-9]/.test(body)) alphabet += 10;
    if (/[^a-zA-Z0-9]/.test(body)) alphabet += 32;
  }
  const counts = new Map<string, number>();
  for (const c of chars) counts.set(c, (counts.get(c) ?? 0) + 1);
  let shannon = 0;
  for (const k of counts.values()) {
    const p = k / n;
    shannon -= p * Math.log2(p);
  }
  const perChar = Math.log2(alphabet);
  // A sample of n characters cannot show more than log2(n) bits a character, however random.
  const attainable = Math.min(perChar, Math.log2(n));
  const looksRandom = n > 1 && shannon >= RANDOM_LOOKING * attainable;
  return n * (looksRandom ? perChar : shannon);
}

/**
 * How many body characters the redacted form shows (an even number, half at each end), given the
 * key's random part (`randomPart`): the most, up to 8 and a quarter of it, that still leaves
 * MIN_HIDDEN_BITS hidden (each character shown is counted as a random one). Ordinary provider keys
 * (40+ random characters) show 8; short or low-entropy keys (custom rules) show fewer, or none.
 */
export function revealedChars(random: string): number {
  const length = [...random].length;
  if (length === 0) return 0;
  const perChar = estimateBits(random) / length;
  const cap = Math.min(MAX_REVEALED, Math.floor(length * MAX_REVEALED_FRACTION));
  for (let r = cap - (cap % 2); r > 0; r -= 2) if ((length - r) * perChar >= MIN_HIDDEN_BITS) return r;
  return 0;
}

/**
 * `sk-proj-AbCd…wxyz`: the prefix (it names the provider and is not secret), then as many body
 * characters as `revealedChars` allows, half from each end; `sk-****…` when none may be shown.
 */
export function redact(key: string): string {
  const prefix = keyPrefix(key);
  const body = [...key.slice(prefix.length)];
  const r = revealedChars(randomPart(key));
  if (r === 0) return `${prefix}****…`;
  return `${prefix}${body.slice(0, r / 2).join('')}…${body.slice(-r / 2).join('')}`;
}

/**
 * Keys whose whole body has less than this (estimated) are fingerprinted with a memory-hard hash: a
 * fast hash of a short key, published in reports and issues, could be reversed by trying them all.
 */
export const SLOW_FINGERPRINT_BELOW_BITS = MIN_HIDDEN_BITS;
const SLOW_SALT = 'keyguard:v1:low-entropy';
/** scrypt with N=2^13, r=8: 8 MiB and about 10–20 ms per key (each distinct key once per process). */
const SCRYPT = { N: 1 << 13, r: 8, p: 1 } as const;
/**
 * A scan of a hostile tree could hold a great many distinct short keys: past this many, a process
 * fingerprints further short keys with a keyed hash under a random key of its own (as cheap as the v1
 * hash, and as hard to reverse as the key is to guess, but not stable from one run to the next).
 */
export const MAX_SLOW_FINGERPRINTS = 1_000;
const RUN_KEY = randomBytes(32);
let slowDone = 0;
const slowCache = new Map<string, string>();
const SLOW_CACHE_MAX = 10_000;

/** The v1 fingerprint: every key's in 0.1, and still that of keys with enough entropy. */
export function legacyFingerprint(key: string): string {
  return createHash('sha256').update(`keyguard:v1:${key}`).digest('hex').slice(0, 32);
}

/** True when a key's fingerprint is the slow kind (its body is short or low in entropy). */
export function hasSlowFingerprint(key: string): boolean {
  return estimateBits(randomPart(key)) < SLOW_FINGERPRINT_BELOW_BITS;
}

/**
 * A stable, non-reversible identifier of a key: what baselines, issues and reports carry. The same
 * key gives the same fingerprint in every run and repository (baselines and incident journals depend
 * on it). Keys with MIN_HIDDEN_BITS (96) estimated bits or more keep the v1 SHA-256 form; shorter keys
 * get scrypt, so a published fingerprint costs an attacker a memory-hard hash per guess (beyond
 * MAX_SLOW_FINGERPRINTS in one process, a run-local keyed hash). Always 32 hex characters.
 */
export function fingerprint(key: string): string {
  if (!hasSlowFingerprint(key)) return legacyFingerprint(key);
  const cached = slowCache.get(key);
  if (cached) return cached;
  const fp =
    slowDone++ < MAX_SLOW_FINGERPRINTS
      ? scryptSync(key, SLOW_SALT, 16, SCRYPT).toString('hex')
      : createHmac('sha256', RUN_KEY).update(key).digest('hex').slice(0, 32);
  if (slowCache.size >= SLOW_CACHE_MAX) slowCache.clear();
  slowCache.set(key, fp);
  return fp;
}

/**
 * A key value that cannot leak by accident: JSON.stringify, String(), template literals and
 * util.inspect all give the redacted form. Only `reveal()` returns the value, and only code that
 * must send the key somewhere (a provider, a sealed box, core.setSecret) calls it.
 */
export class Secret {
  readonly #value: string;
  readonly redacted: string;
  readonly fingerprint: string;

  constructor(value: string) {
    this.#value = value;
    this.redacted = redact(value);
    this.fingerprint = fingerprint(value);
  }

  reveal(): string {
    return this.#value;
  }

  get length(): number {
    return this.#value.length;
  }

  /**
   * The v1 fingerprint when it differs from `fingerprint` (a short key): baselines and allowlists
   * written in 0.1 still match it. Never published.
   */
  legacyFingerprint(): string | undefined {
    const legacy = legacyFingerprint(this.#value);
    return legacy === this.fingerprint ? undefined : legacy;
  }

  equals(other: Secret | string): boolean {
    return (typeof other === 'string' ? other : other.reveal()) === this.#value;
  }

  toJSON(): string {
    return this.redacted;
  }

  toString(): string {
    return this.redacted;
  }

  [inspect.custom](): string {
    return `Secret(${this.redacted})`;
  }
}

/** Replaces every occurrence of each secret in a text with its redacted form (for error messages). */
export function scrub(text: string, secrets: Iterable<Secret>): string {
  let out = text;
  for (const s of secrets) {
    const v = s.reveal();
    if (v.length >= 8) out = out.split(v).join(s.redacted);
  }
  return out;
}
