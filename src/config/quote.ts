import { redact } from '../scan/secret.js';

/** Key-shaped runs (the prefixes keyguard knows, then a long body): redacted before a value is quoted. */
const KEYISH = /(?:sk|rk|gsk|xai|pplx)[-_][A-Za-z0-9_-]{16,}/g;

/**
 * Quotes a user's value for an error message: JSON-style, shortened, and with anything that looks
 * like a key redacted (people do paste keys into config files; the error must not repeat them).
 */
export function quote(value: unknown, max = 80): string {
  let s: string;
  if (typeof value === 'string') s = JSON.stringify(value.replace(KEYISH, (k) => redact(k)));
  else {
    try {
      s = JSON.stringify(value) ?? String(value);
    } catch {
      s = String(value);
    }
    s = s.replace(KEYISH, (k) => redact(k));
  }
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}
