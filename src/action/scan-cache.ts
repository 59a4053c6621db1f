/**
 * The scan cache in the action: on for sweeps by default, kept between runs in the Actions cache.
 *
 * - Key: `keyguard-scan-v1-<verdict key>-<branch>-<run id>-<attempt>` (entries are immutable, so each
 *   run saves a new one) and one restore key, `keyguard-scan-v1-<verdict key>-<branch>-`: a rules or
 *   config change restores nothing (a fresh start), and an entry of another branch never matches. The
 *   Actions cache scopes entries to branches as well (a fork's pull request cannot write the default
 *   branch's), and even a file that got here anyway only saves work if its seal verifies.
 * - The seal's secret: derived from the `state-key` input, else from an admin key (secrets a pull request
 *   or another repository's workflow does not have), bound to the repository. With neither, the cache
 *   is off and the summary says why: an unsealed cache could be planted.
 * - Input `scan-cache`: `auto` (on for sweeps), `on` (push scans too), `off`. With `auto`, the step's
 *   env `KEYGUARD_SCAN_CACHE=off|on` still decides (as before the input existed).
 * - Findings are cached too (encrypted, src/cache/file.ts), and entries are named by content (blob ids,
 *   hashes, commit ids) or by a stat key that a fresh checkout never matches: an entry restored from
 *   another branch says only what those bytes hold, so it cannot suppress a finding anywhere.
 * - Everything here is best effort: a store that fails costs a fresh scan and a warning, nothing else.
 */
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ScanCacheSettings } from '../cache/index.js';
import { type CacheReport, deriveCacheSecret, describeReuse, verdictKeyOf } from '../cache/index.js';
import { type CacheStore, cacheStoreFor } from '../cache/store.js';
import type { KeyguardConfig } from '../config/load.js';
import type { Secret } from '../scan/secret.js';
import type { Mode } from './inputs.js';

export interface ActionCacheContext {
  mode: Mode;
  /** Input `scan-cache` (default auto). */
  scanCache?: 'auto' | 'on' | 'off';
  /** A pull request from a fork: never cached (it has no secret to seal with anyway). */
  fromFork?: boolean;
  stateKey?: Secret;
  adminKeys: Partial<Record<string, Secret>>;
  env: NodeJS.ProcessEnv;
}

export interface ActionCachePlan {
  settings: ScanCacheSettings;
  key: string;
  restoreKeys: string[];
}

const short = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 16);

/** The plan for this run, or a note saying why the cache is off (undefined note: off by default). */
export function planActionCache(
  ctx: ActionCacheContext,
  config: KeyguardConfig,
): { plan?: ActionCachePlan; note?: string } {
  const input = ctx.scanCache ?? 'auto';
  const wanted = input === 'auto' ? (ctx.env.KEYGUARD_SCAN_CACHE ?? '').trim().toLowerCase() : input;
  if (ctx.fromFork) return {};
  if (wanted === 'off' || wanted === 'false') return {};
  if (!(ctx.mode === 'sweep' || (wanted === 'on' && ctx.mode === 'push'))) return {};
  const material =
    ctx.stateKey ??
    Object.entries(ctx.adminKeys)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([, k]) => k)
      .find(Boolean);
  if (!material)
    return { note: 'scan cache off: it needs the state-key input (or an admin key) to seal what it keeps' };
  const repo = ctx.env.GITHUB_REPOSITORY ?? '';
  const branch = ctx.env.GITHUB_REF ?? '';
  const prefix = `keyguard-scan-v1-${verdictKeyOf(config).slice(0, 32)}-${short(`${repo}\0${branch}`)}-`;
  const run = `${ctx.env.GITHUB_RUN_ID ?? Date.now()}-${ctx.env.GITHUB_RUN_ATTEMPT ?? '1'}`;
  return {
    plan: {
      settings: {
        dir: join(ctx.env.RUNNER_TEMP || tmpdir(), 'keyguard-scan-cache'),
        secret: deriveCacheSecret(material.reveal(), `action\0${repo}`),
      },
      key: `${prefix}${run}`,
      restoreKeys: [prefix],
    },
  };
}

/**
 * Restores the cache, runs `scan` with it, saves it, and returns the scan's outcome and the lines for
 * the log and summary. Without a plan, just runs `scan`.
 */
export async function withActionCache<T extends { cache?: CacheReport }>(
  plan: ActionCachePlan | undefined,
  scan: (cache?: ScanCacheSettings) => Promise<T>,
  store?: CacheStore,
): Promise<{ outcome: T; notes: string[]; warnings: string[] }> {
  if (!plan) return { outcome: await scan(), notes: [], warnings: [] };
  const warnings: string[] = [];
  let restored: string | undefined;
  let chosen = store;
  try {
    chosen ??= await cacheStoreFor();
    restored = await chosen.restore(plan.settings.dir, plan.key, plan.restoreKeys);
  } catch (err) {
    warnings.push(`scan cache not restored: ${(err as Error).message}`);
  }
  const outcome = await scan(plan.settings);
  if (outcome.cache) warnings.push(...outcome.cache.warnings);
  try {
    await chosen?.save(plan.settings.dir, plan.key);
  } catch (err) {
    warnings.push(`scan cache not saved: ${(err as Error).message}`);
  }
  const notes = [
    `${outcome.cache ? describeReuse(outcome.cache.stats) : 'scan cache: not used'}${restored ? '' : ' (no earlier cache for these rules on this branch)'}`,
  ];
  return { outcome, notes, warnings };
}
