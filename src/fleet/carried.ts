/**
 * Findings carried from night to night in the state (`repos[repo].findings`): a key leaked on night 1
 * is still leaked on night 2 even when nothing changed, so each report covers the whole fleet, not
 * only tonight's repositories, and each repository's SARIF still holds the keys of history it did not
 * re-read (code scanning replaces the whole analysis: a key left out is closed as "fixed").
 *
 * - Unchanged (or failed) tonight: every finding of the state is carried.
 * - Re-swept tonight under the same rules: tonight's tree findings replace the old tree ones; the old
 *   history findings are kept (tonight read only the commits the state had not covered), unless
 *   tonight found the same key (then tonight's finding stands).
 * - Re-swept under other rules: nothing is carried (the whole history was read again).
 * Carried findings keep `foundOn`, the night they were found. The state keeps at most
 * MAX_STATE_FINDINGS per repository, the most urgent first; `findingsDropped` counts the rest.
 */
import type { FleetFinding, FleetRepoResult, FleetState } from './types.js';

/** Findings kept per repository in the state: ~370 bytes each, so at most ~75 KB per repository. */
export const MAX_STATE_FINDINGS = 200;

type StateRepo = FleetState['repos'][string];

const URGENCY: Record<string, number> = { live: 0, unknown: 1, revoked: 2 };
const urgency = (f: FleetFinding) => URGENCY[f.verification?.status ?? 'unknown'] ?? 1;

/** What of `prior` (the state's entry) still stands after tonight's `result` (undefined: not swept). */
export function carriedOf(
  prior: StateRepo | undefined,
  result: FleetRepoResult | undefined,
  oldRulesKey: string | undefined,
): FleetFinding[] {
  const old = prior?.findings ?? [];
  if (!old.length) return [];
  if (result?.status !== 'scanned') return old;
  if (result.rulesKey !== oldRulesKey) return [];
  // Only the sweep's own findings replace old ones (never those of a result outside the plan).
  const tonight = new Set(result.findings.filter((f) => !f.outsidePlan).map((f) => f.fingerprint));
  return old
    .filter((f) => f.seenIn.includes('history') && !tonight.has(f.fingerprint))
    .map((f) => ({ ...f, seenIn: ['history'] }));
}

/** Every carried finding of the fleet, for the report: the state's, less what tonight replaced. */
export function carriedFindings(
  old: FleetState | undefined,
  results: readonly FleetRepoResult[],
): FleetFinding[] {
  if (!old) return [];
  const byRepo = new Map(results.map((r) => [r.repository.toLowerCase(), r]));
  return Object.entries(old.repos).flatMap(([name, prior]) =>
    carriedOf(prior, byRepo.get(name.toLowerCase()), old.rulesKey),
  );
}

/** A repository's findings for the next state: tonight's (found `now`) and what still stands, capped. */
export function stateFindings(
  prior: StateRepo | undefined,
  result: FleetRepoResult,
  oldRulesKey: string | undefined,
  now: string,
): Pick<StateRepo, 'findings' | 'findingsDropped'> {
  const all = [
    ...result.findings.filter((f) => !f.outsidePlan).map((f) => ({ ...f, foundOn: now })),
    ...carriedOf(prior, result, oldRulesKey),
  ].sort((a, b) => urgency(a) - urgency(b));
  const sameRules = result.rulesKey === oldRulesKey;
  const dropped =
    Math.max(0, all.length - MAX_STATE_FINDINGS) + (sameRules ? (prior?.findingsDropped ?? 0) : 0);
  return {
    ...(all.length ? { findings: all.slice(0, MAX_STATE_FINDINGS) } : {}),
    ...(dropped ? { findingsDropped: dropped } : {}),
  };
}
