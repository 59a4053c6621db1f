/**
 * `fleet sweep`: one matrix shard → one result file per repository (`<owner>__<name>.json`, the shape
 * `fleet report` validates: ./validate.ts).
 *
 * Per repository: a temp directory (always removed, also when the process is stopped), the fetch
 * (./clone.ts), the default branch's tree and the history not covered (./repo-scan.ts), the central
 * config's allowlists (never the swept repository's own `.keyguard.yml`: a repository must not be
 * able to allow its own leaks), optional verification, the result written. A repository that fails is
 * written as `failed` with its reason and the shard goes on; a failed repository is not coverage.
 *
 * Coverage: the heads the plan copied from the state (`known[repo].covered`, plus the state file's when
 * given), under the same rules only. The result's `covered` is every recordable ref tonight, which is
 * what the next night leaves out.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KeyguardConfig } from '../config/load.js';
import { detectorOptionsFrom, scanPathFilters } from '../config/wiring.js';
import { applyFilters } from '../filters/index.js';
import { isFixtureKey } from '../pipeline/linked-policy.js';
import { Detector } from '../scan/detector.js';
import { Secret, scrub } from '../scan/secret.js';
import type { Finding } from '../types.js';
import { CloneError, cloneRepository, stopFetches } from './clone.js';
import { writeFleetJson } from './files.js';
import { withoutToken } from './git-auth.js';
import {
  commitsOf,
  offBranchCommits,
  onDefaultBranch,
  refHeads,
  scanRepository,
  seenIn,
} from './repo-scan.js';
import { isSilenced } from './silenced.js';
import type { TransferSeal } from './transfer.js';
import {
  FLEET_FORMAT,
  type FleetFinding,
  type FleetRepoResult,
  type FleetRotation,
  type FleetShard,
  type FleetState,
} from './types.js';

export interface SweepInput {
  shard: FleetShard;
  state?: FleetState;
  outputDir: string;
  config: KeyguardConfig;
  rulesKey: string;
  server: string;
  token?: Secret;
  timeoutMs?: number;
  maxCloneMb?: number;
  /** `--max-git-mb`: memory of each git process of a fetch. */
  maxGitMb?: number;
  /** `--max-refs`: refs a server may advertise for one repository. */
  maxRefs?: number;
  /** Repositories swept at once in this process (default 1): clones wait on the network. */
  parallel?: number;
  /** Asks the providers about the keys found (live / revoked / unknown): set by `--verify`. */
  verify?: (findings: Finding[]) => Promise<void>;
  /**
   * Rotates the live keys of the shard (`sweep --rotate`, ./rotate.ts): called once, after every
   * repository was swept and verified, in this job, where the keys are in hand, so one key found in
   * several repositories is one rotation; the outcome per repository and fingerprint goes into the
   * results (written first without it, then again with it).
   */
  rotate?: (batch: FleetSighting[]) => Promise<Map<string, Map<string, FleetRotation>>>;
  /**
   * `sweep --seal` (org-wide rotation): each live key leaves the job only sealed for `fleet rotate`
   * (./transfer.ts), which rotates every key once across all shards. Not with `rotate`.
   */
  seal?: TransferSeal;
  log?: (line: string) => void;
  /**
   * `--deadline`: a time (ms since epoch) after which no repository is started; each left is written
   * as failed ("not started: deadline"), so a job near the runner's limit ends with every result.
   */
  deadline?: number;
  /** Tests: told each git fetch's pid. */
  onSpawn?: (pid: number) => void;
}

/** The live keys of one swept repository, handed to the rotation (keys in hand: never written). */
export interface FleetSighting {
  repository: string;
  findings: Finding[];
  /** Fingerprints seen on the default branch (tree, or a commit it reaches): see `onDefaultBranch`. */
  onDefaultBranch: ReadonlySet<string>;
}

export interface SweepOutcome {
  results: FleetRepoResult[];
}

/** The result file of `fullName` (validated owner/name: no `/`, no `..`, no leading `-`). */
export function resultFileName(fullName: string): string {
  const [owner, name] = fullName.split('/');
  return `${owner}__${name}.json`;
}

const MAX_PATH = 4000;

/**
 * A path as a result may carry it: a key inside a file name (a hostile tree can name a file after a
 * key) is replaced by its redacted form, so the result holds no whole key and stays readable.
 */
export function safePath(path: string, det: Detector): string {
  let out = path;
  for (const k of det.scan(path)) out = out.split(k.key).join(new Secret(k.key).redacted);
  return out.length > MAX_PATH ? `${out.slice(0, MAX_PATH)}…` : out;
}

function toFleetFinding(
  repository: string,
  f: Finding,
  det: Detector,
  rotation?: FleetRotation,
  inlineAllowed = false,
  sealed?: string,
): FleetFinding {
  return {
    repository,
    file: safePath(f.file, det),
    line: f.line,
    ...(f.commit ? { commit: f.commit.sha } : {}),
    ruleId: f.ruleId,
    fingerprint: f.fingerprint,
    redacted: f.redacted,
    seenIn: seenIn(f),
    ...(f.column >= 1 ? { column: f.column } : {}),
    provider: f.provider.slice(0, 100),
    ...(f.verification ? { verification: { status: f.verification.status } } : {}),
    ...(rotation ? { rotation: { ...rotation, detail: safePath(rotation.detail, det) } } : {}),
    ...(inlineAllowed ? { inlineAllowed: true as const } : {}),
    ...(sealed ? { sealed } : {}),
  };
}

/**
 * What a live key sealed for `fleet rotate` says until that step has run: a rotation not finished
 * (the report counts it failed, so a fleet whose rotate step never ran sweeps the repository again),
 * but not a failure of the sweep job itself (./sweep.ts `sweepExitCode`).
 */
export const SEALED_PENDING: FleetRotation = {
  status: 'failed',
  detail: 'sealed for the fleet rotate step (org-wide rotation): not rotated until it runs',
};

/** What a live key's result says until the rotation has run (a job stopped before it: re-run). */
const PENDING: FleetRotation = {
  status: 'failed',
  detail: 'rotation not finished: the job stopped before it ran; re-run to finish',
};

/** The rotation outcomes of the shard; an unexpected error is every live key's outcome (left live). */
async function rotationsOf(
  input: SweepInput,
  batch: FleetSighting[],
): Promise<Map<string, Map<string, FleetRotation>>> {
  try {
    return await input.rotate!(batch);
  } catch (err) {
    const keys = batch.flatMap((b) => b.findings.map((f) => f.secret));
    const why = scrub(withoutToken(String((err as Error)?.message ?? err), input.token), keys);
    const out = new Map<string, Map<string, FleetRotation>>();
    for (const b of batch) {
      const per = new Map<string, FleetRotation>();
      for (const f of b.findings)
        per.set(f.fingerprint, {
          status: 'failed',
          detail: `rotation stopped (${why.slice(0, 400).replace(/[\x00-\x1f\x7f]/g, ' ')}); re-run to finish`,
        });
      out.set(b.repository, per);
    }
    return out;
  }
}

/** Heads already covered for `repo` under these rules: the plan's copy and the state's, together. */
function coveredHeads(input: SweepInput, repo: string): string[] {
  const heads = new Set<string>();
  const known = input.shard.known?.[repo];
  if (known && input.shard.rulesKey === input.rulesKey)
    for (const sha of Object.values(known.covered)) heads.add(sha);
  const prior = input.state?.repos[repo];
  if (prior && input.state?.rulesKey === input.rulesKey)
    for (const sha of Object.values(prior.covered)) heads.add(sha);
  return [...heads];
}

/** Temp directories of repositories being swept: removed on exit, also on SIGINT/SIGTERM. */
const live = new Set<string>();
function removeLive(): void {
  stopFetches();
  for (const d of live) rmSync(d, { recursive: true, force: true });
  live.clear();
}
function onSignal(signal: NodeJS.Signals): void {
  removeLive();
  process.exit(signal === 'SIGINT' ? 130 : 143);
}

interface Swept {
  result: FleetRepoResult;
  /** With --rotate, the repository's live keys (in hand) for the rotation after the sweep. */
  sighting?: FleetSighting;
  /** Every finding kept (with keys), to write the result again with the rotation's outcomes. */
  kept?: Finding[];
  /** Fingerprints of the keys an inline allow comment silenced at every sighting (./silenced.ts). */
  inlineAllowed?: ReadonlySet<string>;
}

async function sweepOne(input: SweepInput, repo: string, det: Detector): Promise<Swept> {
  const started = Date.now();
  const known = input.shard.known?.[repo];
  const base = {
    format: FLEET_FORMAT as typeof FLEET_FORMAT,
    repository: repo,
    rulesKey: input.rulesKey,
    ...(known?.defaultBranch ? { defaultBranch: known.defaultBranch } : {}),
    ...(known && known.pushedAt !== undefined ? { pushedAt: known.pushedAt } : {}),
  };
  const dir = mkdtempSync(join(tmpdir(), 'keyguard-sweep-'));
  live.add(dir);
  try {
    const root = await cloneRepository({
      fullName: repo,
      server: input.server,
      token: input.token,
      dir,
      timeoutMs: input.timeoutMs,
      maxMb: input.maxCloneMb,
      maxGitMb: input.maxGitMb,
      maxRefs: input.maxRefs,
      warn: input.log,
      onSpawn: input.onSpawn,
    });
    const heads = await refHeads(root);
    const present = await commitsOf(root, coveredHeads(input, repo));
    // The plan names the default branch (from the API); a shard written by hand may not.
    const branch = known?.defaultBranch ?? ['main', 'master'].find((b) => heads.all.has(`refs/heads/${b}`));
    const tree = branch ? heads.all.get(`refs/heads/${branch}`) : undefined;
    const paths = scanPathFilters(input.config);
    const scan = await scanRepository(root, det, {
      tree,
      exclude: [...new Set(present.values())],
      include: paths.include,
    });
    if (scan.unreadable)
      throw new CloneError(
        'damaged repository: git could not read some of its commits (the rest was scanned, but it is not coverage)',
      );
    const kept = applyFilters(
      scan.findings.filter((f) => !isFixtureKey(f)),
      input.config,
    ).kept;
    if (input.verify && kept.length) await input.verify(kept);
    const live = kept.filter((f) => f.verification?.status === 'live');
    let sighting: FleetSighting | undefined;
    const sealed = new Map<Finding, string>();
    if ((input.rotate || input.seal) && live.length) {
      // Which keys the default branch itself holds: a key only a pull request head or another
      // branch holds proves nothing about the secrets (docs/fleet.md, "Where a key was found").
      const off = await offBranchCommits(root, [...heads.all.values()], tree);
      const onBranch = onDefaultBranch(kept, off);
      if (input.rotate) sighting = { repository: repo, findings: live, onDefaultBranch: onBranch };
      else
        for (const f of live)
          sealed.set(
            f,
            input.seal!.seal(
              {
                planId: input.shard.planId!,
                rulesKey: input.shard.rulesKey,
                shard: input.shard.shard,
                repository: repo,
                fingerprint: f.fingerprint,
              },
              { key: f.secret.reveal(), onDefaultBranch: onBranch.has(f.fingerprint) },
            ),
          );
    }
    const result: FleetRepoResult = {
      ...base,
      ...(branch ? { defaultBranch: branch } : {}),
      status: 'scanned',
      covered: heads.recordable,
      findings: kept.map((f) =>
        toFleetFinding(
          repo,
          f,
          det,
          sealed.has(f)
            ? SEALED_PENDING
            : sighting && f.verification?.status === 'live'
              ? PENDING
              : undefined,
          scan.inlineAllowed.has(f.fingerprint),
          sealed.get(f),
        ),
      ),
      shard: input.shard.shard,
      stats: {
        commitsRead: scan.commitsRead,
        blobsRead: scan.blobsRead,
        bytesRead: scan.bytesRead,
        ms: Date.now() - started,
      },
    };
    return { result, sighting, kept: sighting ? kept : undefined, inlineAllowed: scan.inlineAllowed };
  } catch (err) {
    const why = err instanceof CloneError ? err.message : `scan failed: ${(err as Error)?.message ?? err}`;
    return {
      result: {
        ...base,
        status: 'failed',
        shard: input.shard.shard,
        reason: withoutToken(why, input.token)
          .replace(/[\x00-\x1f\x7f]/g, ' ')
          .slice(0, 2000),
        findings: [],
        stats: { commitsRead: 0, blobsRead: 0, bytesRead: 0, ms: Date.now() - started },
      },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    live.delete(dir);
  }
}

/** The result of a repository the deadline left unswept: failed, so not coverage (the next plan lists it). */
function notStarted(input: SweepInput, repo: string): FleetRepoResult {
  const known = input.shard.known?.[repo];
  return {
    format: FLEET_FORMAT,
    repository: repo,
    rulesKey: input.rulesKey,
    ...(known?.defaultBranch ? { defaultBranch: known.defaultBranch } : {}),
    ...(known && known.pushedAt !== undefined ? { pushedAt: known.pushedAt } : {}),
    status: 'failed',
    shard: input.shard.shard,
    reason: 'not started: deadline (--deadline) reached before this repository',
    findings: [],
    stats: { commitsRead: 0, blobsRead: 0, bytesRead: 0, ms: 0 },
  };
}

export async function runSweep(input: SweepInput): Promise<SweepOutcome> {
  if (input.seal && input.rotate)
    throw new Error('sweep: seal (org-wide rotation) and rotate exclude each other');
  if (input.seal && !input.shard.planId)
    throw new Error('sweep: the shard has no plan id (made by an older keyguard): make the plan again');
  await mkdir(input.outputDir, { recursive: true });
  const det = new Detector(detectorOptionsFrom(input.config));
  const results: FleetRepoResult[] = [];
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('exit', removeLive);
  try {
    const queue = [...input.shard.repos];
    const toRotate: Swept[] = [];
    const worker = async () => {
      for (let repo = queue.shift(); repo !== undefined; repo = queue.shift()) {
        const swept =
          input.deadline !== undefined && Date.now() >= input.deadline
            ? { result: notStarted(input, repo) }
            : await sweepOne(input, repo, det);
        const { result } = swept;
        // Written now, so a job stopped later (during the rotation) still has every result.
        await writeFleetJson(join(input.outputDir, resultFileName(repo)), result);
        results.push(result);
        if (swept.sighting) toRotate.push(swept);
        input.log?.(
          result.status === 'scanned'
            ? `${repo}: ${result.stats.commitsRead} new commit(s), ${result.stats.blobsRead} file(s) in the tree, ${result.findings.length} finding(s), ${result.stats.ms} ms`
            : `${repo}: failed: ${result.reason}`,
        );
      }
    };
    const n = Math.max(1, Math.min(16, Math.floor(input.parallel ?? 1)));
    await Promise.all(Array.from({ length: n }, worker));
    if (toRotate.length) {
      // Every repository is swept first: one key found in several of them is one rotation, planned
      // with every place that holds it (./rotate.ts), whatever order they were swept in.
      const order = new Map(input.shard.repos.map((r, i) => [r, i]));
      toRotate.sort((a, b) => (order.get(a.result.repository) ?? 0) - (order.get(b.result.repository) ?? 0));
      const outcomes = await rotationsOf(
        input,
        toRotate.map((s) => s.sighting!),
      );
      for (const s of toRotate) {
        const repo = s.result.repository;
        const per = outcomes.get(repo);
        s.result.findings = s.kept!.map((f) =>
          toFleetFinding(
            repo,
            f,
            det,
            f.verification?.status === 'live' ? (per?.get(f.fingerprint) ?? PENDING) : undefined,
            s.inlineAllowed?.has(f.fingerprint),
          ),
        );
        await writeFleetJson(join(input.outputDir, resultFileName(repo)), s.result);
      }
    }
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    process.off('exit', removeLive);
  }
  return { results };
}

/**
 * As `fleet report`: 2 when any repository failed or a rotation stopped part-way (re-run the job to
 * finish it), else 1 when any key was found, else 0.
 */
export function sweepExitCode(results: readonly FleetRepoResult[]): 0 | 1 | 2 {
  if (results.some((r) => r.status === 'failed')) return 2;
  // A key sealed for `fleet rotate` is not rotated yet by design: that step's to finish.
  if (results.some((r) => r.findings.some((f) => f.rotation?.status === 'failed' && !f.sealed))) return 2;
  // A key silenced by the swept repository's inline allow comment is reported, but is not by itself
  // a leak to fail on (unless it is live: then it is never silenced).
  return results.some((r) => r.findings.some((f) => !isSilenced(f))) ? 1 : 0;
}
