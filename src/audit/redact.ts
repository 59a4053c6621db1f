import { redact } from '../scan/secret.js';

/**
 * Key-shaped substrings (a key pasted in a log's path, user agent or key column) → redacted form.
 * Applied to every string of a report before it leaves the audit.
 */
const KEYISH = /(?:\b(?:sk|rk)[-_]|\bpplx-|\bgsk_|\bxai-)[A-Za-z0-9_-]{16,}/g;

export function scrubKeys(text: string): string {
  return text.replace(KEYISH, (m) => redact(m));
}

/** A deep copy of a JSON value with `scrubKeys` applied to every string (keys of objects included). */
export function scrubDeep<T>(value: T): T {
  if (typeof value === 'string') return scrubKeys(value) as T;
  if (Array.isArray(value)) return value.map((v) => scrubDeep(v)) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[scrubKeys(k)] = scrubDeep(v);
    return out as T;
  }
  return value;
}
