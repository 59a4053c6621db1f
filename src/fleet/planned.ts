/**
 * `fleet report --plan`: the plan tonight's matrix was made from (an artifact of the plan job), and
 * what the report trusts because of it.
 *
 * - A repository the plan put in a shard but no result file names (the job was killed, timed out at
 *   the runner's limit, never started) is a failed repository ("no result"): not coverage, and the
 *   report exits 2, instead of being absent.
 * - The shards' result files are uploaded artifacts, not the plan: a result is coverage only when the
 *   plan listed its repository **in the shard that produced it** (the result's `shard`, and the
 *   `keyguard-results-N` artifact folder it was found in, when it is in one), swept under the plan's
 *   rules key. A result outside the plan (a repository never listed, another shard's, no shard, other
 *   rules) is not coverage: it is reported as failed ("not coverage: …"), its findings are still
 *   reported, flagged `outsidePlan`, and its SARIF is never uploaded.
 * - What the state records of a trusted result comes from the plan where the plan has it (`pushed_at`
 *   and the default branch as listed), not from the file.
 */
import { relative, sep } from 'node:path';
import { FleetFileError, readFleetJson } from './files.js';
import { PLAN_ID } from './transfer.js';
import { FLEET_FORMAT, type FleetRepoResult, type FleetShard } from './types.js';
import { type ReadOptions, ShapeError, validateShard } from './validate.js';

export interface PlannedRepo {
  repository: string;
  shard: number;
  rulesKey: string;
  /** As the plan listed it (the plan's `known`): what the state records, rather than the result's. */
  defaultBranch?: string;
  pushedAt?: string | null;
}

export interface PlannedRepos {
  file: string;
  /** Every repository of every shard, with the shard that had it and the rules key it was planned under. */
  repos: PlannedRepo[];
  /** The verdict key the whole plan was made under (also when it planned no repository). */
  rulesKey?: string;
  /** The plan's id (every shard carries the same): what a key sealed for `fleet rotate` is bound to. */
  planId?: string;
}

export async function readPlan(file: string, opts: ReadOptions = {}): Promise<PlannedRepos> {
  const raw = await readFleetJson(file);
  const include = (raw as { include?: unknown } | null)?.include;
  if (!Array.isArray(include))
    throw new FleetFileError(file, 'not a keyguard fleet plan: include is not a list of shards');
  const repos: PlannedRepos['repos'] = [];
  const seen = new Map<string, number>();
  const shards = new Set<number>();
  const planIds: string[] = [];
  include.forEach((entry, i) => {
    let shard: FleetShard;
    try {
      shard = validateShard(entry, opts);
    } catch (err) {
      if (err instanceof ShapeError)
        throw new FleetFileError(file, `not a keyguard fleet plan: include[${i}]: ${err.message}`);
      throw err;
    }
    if (shards.has(shard.shard))
      throw new FleetFileError(file, `not a keyguard fleet plan: shard ${shard.shard} is listed twice`);
    shards.add(shard.shard);
    planIds.push(shard.planId ?? '');
    for (const repository of shard.repos) {
      // Every repository in exactly one shard: otherwise which shard's result is coverage is unknown.
      const other = seen.get(repository.toLowerCase());
      if (other !== undefined)
        throw new FleetFileError(
          file,
          `not a keyguard fleet plan: ${repository} is in shard ${other} and in shard ${shard.shard}`,
        );
      seen.set(repository.toLowerCase(), shard.shard);
      const known = shard.known?.[repository];
      repos.push({
        repository,
        shard: shard.shard,
        rulesKey: shard.rulesKey,
        ...(known ? { defaultBranch: known.defaultBranch } : {}),
        ...(known && known.pushedAt !== undefined ? { pushedAt: known.pushedAt } : {}),
      });
    }
  });
  const key = (raw as { rulesKey?: unknown }).rulesKey;
  const rulesKey = typeof key === 'string' && /^[\w:.-]{1,200}$/.test(key) ? key : undefined;
  const id = (raw as { planId?: unknown }).planId;
  const planId = typeof id === 'string' && PLAN_ID.test(id) ? id : undefined;
  if (planId && planIds.some((p) => p !== planId))
    throw new FleetFileError(file, 'not a keyguard fleet plan: its shards carry another plan id than it');
  return { file, repos, ...(rulesKey ? { rulesKey } : {}), ...(planId ? { planId } : {}) };
}

const index = new WeakMap<PlannedRepos, Map<string, PlannedRepo>>();
/** The plan's entry for `repository` (names compare case-insensitively, as GitHub's do). */
export function plannedOf(plan: PlannedRepos, repository: string): PlannedRepo | undefined {
  let byName = index.get(plan);
  if (!byName) {
    byName = new Map(plan.repos.map((p) => [p.repository.toLowerCase(), p]));
    index.set(plan, byName);
  }
  return byName.get(repository.toLowerCase());
}

/** The folder an artifact of shard N unpacks into (the example workflow's artifact name). */
const ARTIFACT_DIR = /^keyguard-results-(\d{1,3})$/;

/** The shard whose artifact folder `file` (under the input `dir`) is in, when it is in one. */
export function artifactShardOf(dir: string, file: string): number | undefined {
  let shard: number | undefined;
  for (const part of relative(dir, file).split(sep)) {
    const m = ARTIFACT_DIR.exec(part);
    if (m) shard = Number(m[1]);
  }
  return shard;
}

/**
 * Why `result` (read from `file` under `dir`) is not coverage under `plan`, or undefined when it is:
 * the plan listed its repository in the shard the result names, the folder agrees, the rules agree.
 */
export function untrustedReason(
  plan: PlannedRepos,
  result: FleetRepoResult,
  where: { dir: string; file: string },
): string | undefined {
  const planned = plannedOf(plan, result.repository);
  if (!planned) return 'the plan did not list this repository tonight';
  if (result.shard === undefined)
    return `the result names no shard (the plan listed it in shard ${planned.shard})`;
  if (result.shard !== planned.shard)
    return `the result says shard ${result.shard}; the plan listed it in shard ${planned.shard}`;
  const folder = artifactShardOf(where.dir, where.file);
  if (folder !== undefined && folder !== planned.shard)
    return `found in the results of shard ${folder}; the plan listed it in shard ${planned.shard}`;
  if (result.rulesKey !== planned.rulesKey) return 'swept under other rules than the plan’s';
  return undefined;
}

/** A trusted result as the state records it: the plan's listing, not the file's, where it has one. */
export function asPlanned(plan: PlannedRepos, result: FleetRepoResult): FleetRepoResult {
  const planned = plannedOf(plan, result.repository);
  if (!planned) return result;
  return {
    ...result,
    repository: planned.repository,
    findings: result.findings.map((f) => ({ ...f, repository: planned.repository })),
    ...(planned.defaultBranch !== undefined ? { defaultBranch: planned.defaultBranch } : {}),
    ...(planned.pushedAt !== undefined ? { pushedAt: planned.pushedAt } : {}),
  };
}

/** A failed result for each planned repository that has none. */
export function missingResults(plan: PlannedRepos, results: readonly FleetRepoResult[]): FleetRepoResult[] {
  const have = new Set(results.map((r) => r.repository.toLowerCase()));
  const out: FleetRepoResult[] = [];
  for (const p of plan.repos) {
    if (have.has(p.repository.toLowerCase())) continue;
    have.add(p.repository.toLowerCase());
    out.push({
      format: FLEET_FORMAT,
      repository: p.repository,
      status: 'failed',
      reason: `no result: shard ${p.shard} wrote none for it (its job was stopped, timed out or never ran)`,
      rulesKey: p.rulesKey,
      findings: [],
      stats: { commitsRead: 0, blobsRead: 0, bytesRead: 0, ms: 0 },
    });
  }
  return out;
}
