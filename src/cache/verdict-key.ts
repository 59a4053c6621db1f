/**
 * The verdict key: one hash over everything that can change what a scan finds in given bytes — the
 * effective detector options (disabled/enabled/custom rules, allowlist regexes and stopwords), the
 * active rules table itself (ids, regexes, keywords, lengths, checks: functions by their source text),
 * path allowlists (they decide which history paths count), the tree options, keyguard's version and its
 * build (the file this code runs from: the bundle in production). Entries written under another verdict
 * key are never read: a rules or config change starts fresh, and nothing else invalidates anything.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { builtinRules, optionalRules } from '../rules/index.js';
import type { DetectorOptions } from '../scan/detector.js';
import { VERSION } from '../version.js';

/** Bumped whenever what an entry means changes. */
export const CACHE_FORMAT_VERSION = 3;

export interface VerdictInputs {
  detector: DetectorOptions;
  /** Path allowlist globs (history entries depend on which paths are scanned). */
  allowPaths: readonly string[];
  maxFileSize?: number;
}

/** Plain data of any value, functions and regexes included, with object keys sorted. */
function canonical(value: unknown, seen = new Set<unknown>()): unknown {
  if (value instanceof RegExp) return { $re: value.source, flags: value.flags };
  if (typeof value === 'function') return { $fn: value.toString() };
  if (typeof value === 'bigint') return { $big: value.toString() };
  if (value === undefined) return { $undef: true };
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return { $cycle: true };
  seen.add(value);
  let out: unknown;
  if (Array.isArray(value)) out = value.map((v) => canonical(v, seen));
  else if (value instanceof Set) out = { $set: [...value].map((v) => canonical(v, seen)) };
  else if (value instanceof Map)
    out = { $map: [...value].map(([k, v]) => [canonical(k, seen), canonical(v, seen)]) };
  else {
    const o: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) o[k] = canonical((value as Record<string, unknown>)[k], seen);
    out = o;
  }
  seen.delete(value);
  return out;
}

let buildHash: string | undefined;
/** A hash of the file this module was loaded from: in the bundle, the whole of keyguard. */
function build(): string {
  if (buildHash === undefined) {
    try {
      buildHash = createHash('sha256')
        .update(readFileSync(fileURLToPath(import.meta.url)))
        .digest('hex');
    } catch {
      buildHash = 'unknown';
    }
  }
  return buildHash;
}

/** 64 hex digits naming everything a verdict depends on. */
export function verdictKey(inputs: VerdictInputs): string {
  // The rule tables the detector picks from (which it picks, and how, is in the build); custom rules
  // are named by their spec (in `detector.customRules`). No detector is compiled for this.
  const rules = inputs.detector.rules ?? [...builtinRules(), ...optionalRules()];
  const payload = JSON.stringify(
    canonical({
      format: CACHE_FORMAT_VERSION,
      version: VERSION,
      build: build(),
      detector: { ...inputs.detector, rules: undefined },
      rules,
      allowPaths: [...inputs.allowPaths],
      maxFileSize: inputs.maxFileSize ?? null,
    }),
  );
  return createHash('sha256').update(payload).digest('hex');
}
