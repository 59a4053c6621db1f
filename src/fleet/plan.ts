/**
 * `fleet plan`: the organisation's listing and the state → tonight's matrix. A pure function of its
 * inputs (the listing is fetched by ./list.ts): which repositories are skipped (archived, forks, empty,
 * filtered out), which are unchanged since the state, and which are swept, in at most `jobs` (≤ 256)
 * shards balanced by size. With `maxRepos`, tonight takes the repositories never swept first, then
 * those swept longest ago; the rest is `deferred` and comes first in a later plan (the state is what
 * makes it resumable: a repository swept tonight is not "never swept" tomorrow).
 */
import { Minimatch } from 'minimatch';
import { InputError } from '../config/errors.js';
import { balance, DEFAULT_JOBS, MATRIX_LIMIT } from './shards.js';
import { FLEET_FORMAT, type FleetMatrix, type FleetRepo, type FleetShard, type FleetState } from './types.js';

export interface PlanOptions {
  org: string;
  rulesKey: string;
  jobs?: number;
  /** Globs on the repository name (or on `owner/name` when the glob has a `/`); none = every one. */
  include?: readonly string[];
  exclude?: readonly string[];
  includeArchived?: boolean;
  includeForks?: boolean;
  includeEmpty?: boolean;
  /** At most this many repositories tonight (0 or unset: all that changed). */
  maxRepos?: number;
  /**
   * Re-list a repository whose state is older than this many days though its `pushed_at` did not
   * change (a push to a fork's pull request does not change it): 0 or unset, never. CLI default 7.
   */
  maxAgeDays?: number;
  /** Tests: the time the age is measured from. */
  now?: Date;
}

export type ChangeReason = 'new' | 'pushed' | 'rules changed' | 'default branch changed' | 'stale';

/** Why `repo` needs a sweep under `rulesKey`, or undefined when the state covers it. */
export function changeOf(
  repo: FleetRepo,
  state: FleetState | undefined,
  rulesKey: string,
  staleBefore = Number.NEGATIVE_INFINITY,
): ChangeReason | undefined {
  const known = state?.repos[repo.fullName];
  if (!state || !known) return 'new';
  if (state.rulesKey !== rulesKey) return 'rules changed';
  if (known.defaultBranch !== repo.defaultBranch) return 'default branch changed';
  if (known.pushedAt !== repo.pushedAt) return 'pushed';
  if (Date.parse(known.sweptAt) < staleBefore) return 'stale';
  return undefined;
}

function matcher(globs: readonly string[]): (fullName: string) => boolean {
  const ms = globs.map((g) => {
    if (!g.trim()) throw new InputError('an --include/--exclude glob is empty');
    return { full: g.includes('/'), m: new Minimatch(g, { nocase: true, dot: true, nonegate: true }) };
  });
  return (fullName) => {
    const name = fullName.slice(fullName.indexOf('/') + 1);
    return ms.some(({ full, m }) => m.match(full ? fullName : name));
  };
}

function skipReason(repo: FleetRepo, o: PlanOptions): string | undefined {
  if (repo.archived && !o.includeArchived) return 'archived';
  if (repo.fork && !o.includeForks) return 'fork';
  if ((repo.sizeKb === 0 || repo.pushedAt === null) && !o.includeEmpty) return 'empty';
  return undefined;
}

export function jobsOf(value: number | undefined): number {
  const jobs = value ?? DEFAULT_JOBS;
  if (!Number.isInteger(jobs) || jobs < 1 || jobs > MATRIX_LIMIT)
    throw new InputError(
      `--jobs ${value}: a matrix has from 1 to ${MATRIX_LIMIT} jobs (GitHub's limit per workflow run)`,
    );
  return jobs;
}

export function planFleet(
  repos: readonly FleetRepo[],
  state: FleetState | undefined,
  o: PlanOptions,
  invalid: readonly { repo: string; reason: string }[] = [],
): FleetMatrix {
  const jobs = jobsOf(o.jobs);
  const maxRepos = o.maxRepos ?? 0;
  if (!Number.isInteger(maxRepos) || maxRepos < 0)
    throw new InputError(`--max-repos ${maxRepos} is not a count`);
  const maxAge = o.maxAgeDays ?? 0;
  if (!Number.isInteger(maxAge) || maxAge < 0)
    throw new InputError(`--max-age ${maxAge} is not a number of days`);
  const staleBefore = maxAge
    ? (o.now ?? new Date()).getTime() - maxAge * 86_400_000
    : Number.NEGATIVE_INFINITY;
  const included = o.include?.length ? matcher(o.include) : () => true;
  const excluded = o.exclude?.length ? matcher(o.exclude) : () => false;

  const skipped: FleetMatrix['skipped'] = invalid.map((i) => ({
    repo: i.repo,
    reason: `invalid: ${i.reason}`,
  }));
  const unchanged: string[] = [];
  const changed: { repo: FleetRepo; why: ChangeReason }[] = [];
  for (const repo of repos) {
    if (!included(repo.fullName) || excluded(repo.fullName)) {
      skipped.push({ repo: repo.fullName, reason: 'filtered out' });
      continue;
    }
    const skip = skipReason(repo, o);
    if (skip) {
      skipped.push({ repo: repo.fullName, reason: skip });
      continue;
    }
    const why = changeOf(repo, state, o.rulesKey, staleBefore);
    if (why) changed.push({ repo, why });
    else unchanged.push(repo.fullName);
  }

  // Never swept first, then swept longest ago; the name breaks ties (the same plan from the same input).
  const sweptAt = (r: FleetRepo) => {
    const t = state?.rulesKey === o.rulesKey ? state.repos[r.fullName]?.sweptAt : undefined;
    return t ? Date.parse(t) : Number.NEGATIVE_INFINITY;
  };
  changed.sort(
    (a, b) =>
      sweptAt(a.repo) - sweptAt(b.repo) ||
      (a.repo.fullName < b.repo.fullName ? -1 : a.repo.fullName > b.repo.fullName ? 1 : 0),
  );
  const tonight = maxRepos > 0 ? changed.slice(0, maxRepos) : changed;
  const deferred = maxRepos > 0 ? changed.slice(maxRepos).map((c) => c.repo.fullName) : [];

  const byName = new Map(tonight.map((c) => [c.repo.fullName, c]));
  const { shards } = balance(
    tonight.map((c) => c.repo),
    jobs,
  );
  const include: FleetShard[] = shards.map((names, i) => {
    const known: NonNullable<FleetShard['known']> = {};
    for (const name of names) {
      const { repo, why } = byName.get(name)!;
      const prior = state?.repos[name];
      // Coverage under other rules is no coverage: the sweep reads everything again.
      const covered = prior && why !== 'rules changed' ? prior.covered : {};
      known[name] = {
        defaultBranch: repo.defaultBranch,
        covered,
        pushedAt: repo.pushedAt,
        sizeKb: repo.sizeKb,
      };
    }
    return { format: FLEET_FORMAT, shard: i + 1, repos: names, known, rulesKey: o.rulesKey };
  });
  const why: Record<string, string> = {};
  for (const c of tonight) why[c.repo.fullName] = c.why;
  return { include, unchanged, skipped, deferred, org: o.org, rulesKey: o.rulesKey, why };
}

/** What the action puts in its `matrix` output: shard numbers only (GitHub caps a job's outputs at 1 MB). */
export function matrixOutput(m: FleetMatrix): string {
  return JSON.stringify({ include: m.include.map((s) => ({ shard: s.shard, repos: s.repos.length })) });
}
