/**
 * `fleet report --plan`: the plan tonight's matrix was made from. A repository the plan put in a shard
 * but no result file names (the job was killed, timed out at the runner's limit, never started) is a
 * failed repository ("no result"): not coverage, and the report exits 2, instead of being absent.
 */
import { FleetFileError, readFleetJson } from './files.js';
import { FLEET_FORMAT, type FleetRepoResult, type FleetShard } from './types.js';
import { ShapeError, validateShard } from './validate.js';

export interface PlannedRepos {
  file: string;
  /** Every repository of every shard, with the shard that had it and the rules key it was planned under. */
  repos: { repository: string; shard: number; rulesKey: string }[];
  /** The verdict key the whole plan was made under (also when it planned no repository). */
  rulesKey?: string;
}

export async function readPlan(file: string): Promise<PlannedRepos> {
  const raw = await readFleetJson(file);
  const include = (raw as { include?: unknown } | null)?.include;
  if (!Array.isArray(include))
    throw new FleetFileError(file, 'not a keyguard fleet plan: include is not a list of shards');
  const repos: PlannedRepos['repos'] = [];
  include.forEach((entry, i) => {
    let shard: FleetShard;
    try {
      shard = validateShard(entry);
    } catch (err) {
      if (err instanceof ShapeError)
        throw new FleetFileError(file, `not a keyguard fleet plan: include[${i}]: ${err.message}`);
      throw err;
    }
    for (const repository of shard.repos)
      repos.push({ repository, shard: shard.shard, rulesKey: shard.rulesKey });
  });
  const key = (raw as { rulesKey?: unknown }).rulesKey;
  const rulesKey = typeof key === 'string' && /^[\w:.-]{1,200}$/.test(key) ? key : undefined;
  return { file, repos, ...(rulesKey ? { rulesKey } : {}) };
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
