/**
 * Drops findings the user has accepted: allowlisted paths, regexes, stopwords and fingerprints,
 * disabled rules, and (counted apart) findings already in the baseline.
 */
import type { KeyguardConfig } from '../config/load.js';
import type { Finding } from '../types.js';
import { type Baseline, baselineMatcher, matchesLegacy } from './baseline.js';
import { pathAllowlist } from './paths.js';

export type SuppressReason = 'rule' | 'path' | 'regex' | 'stopword' | 'fingerprint';

export interface FilterResult {
  kept: Finding[];
  /** Dropped by the allowlist or a disabled rule. */
  suppressed: number;
  /** Dropped because the baseline holds their fingerprint. */
  baselined: number;
  /** `suppressed`, split by the first reason that applied. */
  reasons: Record<SuppressReason, number>;
}

export type FilterConfig = Pick<KeyguardConfig, 'allowlist' | 'rules'>;

/** Compiles the allowlist once; returns why a finding is suppressed, or undefined to keep it. */
export function compileAllowlist(config: FilterConfig): (f: Finding) => SuppressReason | undefined {
  const disabled = new Set(config.rules.disable);
  const paths = pathAllowlist(config.allowlist.paths);
  // Many findings share a file: match each path once.
  const pathCache = new Map<string, boolean>();
  const pathAllowed = (file: string): boolean => {
    let hit = pathCache.get(file);
    if (hit === undefined) {
      hit = paths.allowlisted(file);
      pathCache.set(file, hit);
    }
    return hit;
  };
  const regexes = config.allowlist.regexes.map((r) => new RegExp(r));
  const stopwords = config.allowlist.stopwords.map((s) => s.toLowerCase());
  const fingerprints = new Set(config.allowlist.fingerprints);
  return (f) => {
    if (disabled.has(f.ruleId)) return 'rule';
    if (pathAllowed(f.file)) return 'path';
    if (fingerprints.has(f.fingerprint) || matchesLegacy(fingerprints, f)) return 'fingerprint';
    if (regexes.length > 0 || stopwords.length > 0) {
      const key = f.secret.reveal();
      if (regexes.some((r) => r.test(key) || r.test(f.file))) return 'regex';
      const lower = key.toLowerCase();
      if (stopwords.some((s) => lower.includes(s))) return 'stopword';
    }
    return undefined;
  };
}

export function applyFilters(
  findings: readonly Finding[],
  config: FilterConfig,
  opts: { baseline?: Baseline } = {},
): FilterResult {
  const allow = compileAllowlist(config);
  const inBaseline = opts.baseline ? baselineMatcher(opts.baseline) : () => false;
  const reasons: Record<SuppressReason, number> = { rule: 0, path: 0, regex: 0, stopword: 0, fingerprint: 0 };
  const kept: Finding[] = [];
  let suppressed = 0;
  let baselined = 0;
  for (const f of findings) {
    const reason = allow(f);
    if (reason) {
      reasons[reason]++;
      suppressed++;
    } else if (inBaseline(f)) {
      baselined++;
    } else {
      kept.push(f);
    }
  }
  return { kept, suppressed, baselined, reasons };
}
