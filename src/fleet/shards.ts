/**
 * Shards balanced by size: greedy LPT (longest processing time first): repositories by decreasing
 * weight, each to the shard with the least weight so far. LPT is within 4/3 of the best split, and
 * one pass. A repository's weight is its size (KB, from the API) plus a fixed cost per repository
 * (the clone's round trips and the process work, which a 0 KB repository costs too).
 */
import type { FleetRepo } from './types.js';

/** GitHub's limit of jobs a matrix may generate per workflow run. */
export const MATRIX_LIMIT = 256;
export const DEFAULT_JOBS = 20;
/** The fixed cost of one repository, in KB of clone (measured order: a small clone ≈ 0.3 s ≈ 2 MB). */
export const REPO_OVERHEAD_KB = 2048;

export function weightOf(repo: Pick<FleetRepo, 'sizeKb'>): number {
  return Math.max(0, repo.sizeKb) + REPO_OVERHEAD_KB;
}

export interface Balanced {
  /** Full names per shard, heaviest first within a shard. */
  shards: string[][];
  /** Weight of each shard (KB + overhead). */
  weights: number[];
}

/** Splits `repos` into at most `jobs` (≤ 256) non-empty shards; every repository in exactly one. */
export function balance(repos: readonly FleetRepo[], jobs: number): Balanced {
  const n = Math.max(1, Math.min(MATRIX_LIMIT, Math.floor(jobs), repos.length));
  if (repos.length === 0) return { shards: [], weights: [] };
  const sorted = [...repos].sort(
    (a, b) => weightOf(b) - weightOf(a) || (a.fullName < b.fullName ? -1 : a.fullName > b.fullName ? 1 : 0),
  );
  const shards: string[][] = Array.from({ length: n }, () => []);
  const weights = new Array<number>(n).fill(0);
  for (const r of sorted) {
    // n ≤ 256: a linear scan for the lightest shard is cheaper than a heap at this size.
    let best = 0;
    for (let i = 1; i < n; i++) if (weights[i]! < weights[best]!) best = i;
    shards[best]!.push(r.fullName);
    weights[best]! += weightOf(r);
  }
  return { shards, weights };
}
