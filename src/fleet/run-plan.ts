/** `fleet plan` end to end: list the organisation (./list.ts), read the state, plan, write the matrix. */
import { randomBytes } from 'node:crypto';
import { verdictKeyOf } from '../cache/index.js';
import type { KeyguardConfig } from '../config/load.js';
import { RetryBudget } from '../http/budget.js';
import { fleetApiUrl, requireFleetToken } from './env.js';
import { listOrgRepos } from './list.js';
import { jobsOf, type PlanOptions, planFleet } from './plan.js';
import { readStateFor } from './state.js';
import type { FleetMatrix } from './types.js';

/** Rate-limit waits of one plan may add up to this (a listing is 1 request per 100 repositories). */
export const PLAN_RETRY_BUDGET_MS = 5 * 60_000;

export interface RunPlanInput extends Omit<PlanOptions, 'rulesKey'> {
  config: KeyguardConfig;
  stateFile?: string;
  env: NodeJS.ProcessEnv;
  /** Tests: the emulator's fetch. */
  fetch?: typeof fetch;
  /** Told what the state's reader set aside (a time in the future: that repository is swept again). */
  warn?: (line: string) => void;
}

export async function runPlan(input: RunPlanInput): Promise<FleetMatrix> {
  const started = Date.now();
  jobsOf(input.jobs); // a bad --jobs fails before any request
  const rulesKey = verdictKeyOf(input.config);
  // The state is read first: a malformed one fails before any request is spent.
  const state = await readStateFor(input.stateFile, input.org, {
    ...(input.now ? { now: input.now } : {}),
    ...(input.warn ? { warn: input.warn } : {}),
  });
  // Octokit is loaded here, not at start: every other CLI command starts without it.
  const { GitHubClient } = await import('../github/client.js');
  const client = new GitHubClient({
    token: requireFleetToken(input.env, 'fleet plan'),
    baseUrl: fleetApiUrl(input.env),
    budget: new RetryBudget({ totalMs: PLAN_RETRY_BUDGET_MS }),
    env: input.env,
    ...(input.fetch ? { fetch: input.fetch } : {}),
  });
  const listing = await listOrgRepos(client, input.org);
  const matrix = planFleet(listing.repos, state, { ...input, rulesKey }, listing.invalid);
  // Each plan is its own night: a key sealed for `fleet rotate` under it opens under it only.
  const planId = randomBytes(16).toString('hex');
  matrix.planId = planId;
  matrix.createdAt = (input.now ?? new Date()).toISOString();
  for (const shard of matrix.include) shard.planId = planId;
  matrix.stats = {
    listed: listing.repos.length + listing.invalid.length,
    requests: listing.requests,
    ms: Date.now() - started,
    ...(listing.rateRemaining !== undefined ? { rateRemaining: listing.rateRemaining } : {}),
  };
  return matrix;
}
