import { redact } from '../scan/secret.js';

/** Key-shaped runs (the prefixes keyguard knows, then a long body): redacted before a value is quoted. */
const KEYISH = /(?:sk|rk|gsk|xai|pplx)[-_][A-Za-z0-9_-]{16,}/g;

/**
 * The first run in `text` that looks like a real key (a known prefix, a long body mixing letters and
 * digits), redacted; undefined when there is none. Placeholders like `sk-xxxxxxxxxxxxxxxxxxxx` pass.
 */
export function keyShaped(text: string): string | undefined {
  for (const m of text.matchAll(KEYISH)) {
    const body = m[0].replace(/^[a-z]+[-_]/, '');
    if (body.length >= 20 && /[0-9]/.test(body) && /[A-Za-z]/.test(body)) return redact(m[0]);
  }
  return undefined;
}

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
