import { createHash } from 'node:crypto';
import { inspect } from 'node:util';

/**
 * Known key prefixes, longest first. The redacted form keeps the prefix whole (it names the provider
 * and is not secret), then 4 characters of the body, an ellipsis and the last 4 characters.
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

/** `sk-proj-AbCd…wxyz`: never more than 8 characters of the body, and nothing for very short bodies. */
export function redact(key: string): string {
  const prefix = keyPrefix(key);
  const body = key.slice(prefix.length);
  if (body.length < 12) return `${prefix}${'*'.repeat(Math.min(body.length, 4))}…`;
  return `${prefix}${body.slice(0, 4)}…${body.slice(-4)}`;
}

/** A stable, non-reversible identifier of a key: what baselines, issues and reports carry. */
export function fingerprint(key: string): string {
  return createHash('sha256').update(`keyguard:v1:${key}`).digest('hex').slice(0, 32);
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
