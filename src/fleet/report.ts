/**
 * `fleet report`: the shards' result files → one organisation report and the next night's state.
 *
 * - Every file is validated (./validate.ts) and checked for a whole key in any text (a result carries
 *   redacted forms only): a malformed file is an error naming it, and every other file still counts.
 * - One finding per key per repository: the tree's and the history's sightings merge (`seenIn`), the
 *   same key in two repositories stays two findings.
 * - A failed repository is not coverage: the new state keeps what the old one said about it (or
 *   nothing), so the next plan lists it again.
 * - With the plan (./planned.ts), a result is coverage only when the plan listed its repository in the
 *   shard that produced it; results outside the plan are listed in `untrusted` and are not coverage
 *   (their findings are reported, flagged `outsidePlan`). Two different results for one repository
 *   are not coverage either (a re-run, or a copy that is not the sweep's): it is failed tonight.
 * - Keys an inline allow comment silenced in the swept repository are reported in a group of their
 *   own (./silenced.ts), counted in `summary.silenced`, not in `summary.findings`.
 * - Exit: 2 when any file was malformed or untrusted or any repository failed, else 1 when any key
 *   leaked (a silenced key only when live), else 0.
 */
import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Detector } from '../scan/detector.js';
import { carriedFindings, stateFindings } from './carried.js';
import { FleetFileError, readFleetJson } from './files.js';
import { asPlanned, type PlannedRepos, untrustedReason } from './planned.js';
import { isFullName } from './repo-names.js';
import { isSilenced } from './silenced.js';
import { FLEET_FORMAT, type FleetFinding, type FleetRepoResult, type FleetState } from './types.js';
import { ShapeError, validateResult } from './validate.js';

/** More result files than this in one report is refused (10,000 repositories fit 10 times over). */
export const MAX_RESULT_FILES = 100_000;
const MAX_DEPTH = 4;

export type Verdict = 'live' | 'unknown' | 'unverified' | 'revoked';

export interface RepoRow {
  repository: string;
  /** `unchanged`: not swept tonight, listed for the findings the state carries from earlier nights. */
  status: 'scanned' | 'failed' | 'unchanged';
  reason?: string;
  findings: number;
  live: number;
  unknown: number;
  unverified: number;
  revoked: number;
  /** Live keys this sweep rotated or contained (`sweep --rotate`): no longer live. */
  rotated: number;
  /** Keys silenced by an inline allow comment in the repository (not live): not in `findings`. */
  silenced: number;
  commitsRead: number;
}

export interface FleetReport {
  format: typeof FLEET_FORMAT;
  generatedAt: string;
  org?: string;
  rulesKey?: string;
  summary: {
    repositories: number;
    scanned: number;
    failed: number;
    findings: number;
    live: number;
    unknown: number;
    unverified: number;
    revoked: number;
    /** Live keys rotated or contained by the sweep; `leftLive` = live keys it did not (or could not). */
    rotated: number;
    leftLive: number;
    /** Rotations that stopped part-way (a re-run finishes): the report exits 2. */
    rotationFailed: number;
    /** Findings of earlier nights the state carries (not re-read tonight), counted in `findings` too. */
    carried: number;
    /**
     * Keys an inline allow comment silenced in their repository (never a live one): listed in
     * `findings` with `inlineAllowed: true`, but not counted in `findings` (nor live/unknown/…).
     */
    silenced: number;
    /** Result files not counted as coverage (outside the plan, another shard's): see `untrusted`. */
    untrusted: number;
    commitsRead: number;
    bytesRead: number;
    errors: number;
  };
  /** Ranked by urgency: live, then unknown/unverified, then revoked; then by count. */
  repositories: RepoRow[];
  /** Ranked like the repositories, then by location. */
  findings: FleetFinding[];
  failed: { repository: string; reason: string }[];
  /** Result files that could not be used, and why (the rest of the report stands). */
  errors: { file: string; reason: string }[];
  /** Result files that are not coverage under the plan, and why (their findings are reported). */
  untrusted: { file: string; repository: string; reason: string }[];
  /** Notes that change nothing (a repository reported by two shards). */
  notes: string[];
}

export function verdictOf(f: FleetFinding): Verdict {
  return f.verification?.status ?? 'unverified';
}

const RANK: Record<Verdict, number> = { live: 0, unknown: 1, unverified: 1, revoked: 2 };

/** A live key the sweep rotated or contained is revoked now. */
export function wasContained(f: FleetFinding): boolean {
  return f.rotation?.status === 'rotated' || f.rotation?.status === 'contained';
}

/** Urgency: a live key left live first, then unknown, then what is revoked (or rotated) now, then silenced. */
function urgency(f: FleetFinding): number {
  if (isSilenced(f)) return RANK.revoked + 1;
  return wasContained(f) ? RANK.revoked : RANK[verdictOf(f)];
}

/** Every `.json` file under `dir` (links not followed, a few levels deep: artifacts unpack in folders). */
export async function resultFiles(dir: string, depth = 0, out: string[] = []): Promise<string[]> {
  let entries: import('node:fs').Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (err) {
    throw new FleetFileError(
      dir,
      `cannot read the directory (${(err as NodeJS.ErrnoException).code ?? err})`,
    );
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const path = join(dir, e.name);
    if (e.isDirectory() && depth < MAX_DEPTH) await resultFiles(path, depth + 1, out);
    else if (e.name.endsWith('.json') && (e.isFile() || e.isSymbolicLink())) out.push(path);
    if (out.length > MAX_RESULT_FILES)
      throw new FleetFileError(dir, `more than ${MAX_RESULT_FILES} result files`);
  }
  return out;
}

let detector: Detector | undefined;
/** A result carries redacted forms only: a whole key in any of its text makes the file malformed. */
export function holdsKey(r: FleetRepoResult): boolean {
  detector ??= new Detector();
  const texts = [r.reason ?? ''];
  for (const f of r.findings)
    texts.push(f.file, f.redacted, f.ruleId, f.verification?.detail ?? '', f.rotation?.detail ?? '');
  return detector.scan(texts.join('\n')).length > 0;
}

export interface LoadedResults {
  results: FleetRepoResult[];
  errors: { file: string; reason: string }[];
  notes: string[];
  /** Files not counted as coverage under the plan (their findings are in `results`, `outsidePlan`). */
  untrusted?: { file: string; repository: string; reason: string }[];
}

export interface LoadOptions {
  /** The plan: only what it listed, from the shard it listed it in, is coverage (./planned.ts). */
  plan?: PlannedRepos;
  /** Tests: the time "now" is (a time in a file later than now is not a time). */
  now?: Date;
}

/** What of a result decides coverage (not its stats): two copies that agree on it are one result. */
function coverageForm(r: FleetRepoResult): string {
  const covered = Object.entries(r.covered ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const findings = [...r.findings]
    .map((f) => JSON.stringify(Object.entries(f).sort(([a], [b]) => (a < b ? -1 : 1))))
    .sort();
  return JSON.stringify([
    r.repository.toLowerCase(),
    r.status,
    r.reason ?? null,
    r.rulesKey,
    r.defaultBranch ?? null,
    r.pushedAt ?? null,
    r.shard ?? null,
    covered,
    findings,
  ]);
}

export async function loadResults(dirs: readonly string[], opts: LoadOptions = {}): Promise<LoadedResults> {
  const out: LoadedResults = { results: [], errors: [], notes: [], untrusted: [] };
  const trusted = new Map<string, FleetRepoResult[]>();
  const outside: FleetRepoResult[] = [];
  for (const dir of dirs) {
    for (const file of await resultFiles(dir)) {
      let result: FleetRepoResult;
      try {
        // Links are not followed: a result is a file the sweep wrote, never one it points at.
        if ((await lstat(file)).isSymbolicLink())
          throw new ShapeError('it is a symbolic link: results are read only from regular files');
        result = validateResult(await readFleetJson(file), {
          ...(opts.now ? { now: opts.now } : {}),
          warn: (line) => out.notes.push(`${file}: ${line}`),
        });
        if (holdsKey(result))
          throw new ShapeError('it holds a whole key (results carry redacted forms only)');
      } catch (err) {
        const reason =
          err instanceof FleetFileError
            ? err.message.slice(err.file.length + 2)
            : err instanceof ShapeError
              ? err.message.startsWith('it ')
                ? err.message
                : `not a keyguard fleet result: ${err.message}`
              : String((err as Error).message ?? err);
        out.errors.push({ file, reason });
        continue;
      }
      const why = opts.plan ? untrustedReason(opts.plan, result, { dir, file }) : undefined;
      if (why) {
        out.untrusted!.push({ file, repository: result.repository, reason: why });
        outside.push({
          ...result,
          status: 'failed',
          reason: `not coverage: ${why} (${file})`,
          findings: result.findings.map((f) => ({ ...f, outsidePlan: true })),
        });
        continue;
      }
      const key = result.repository.toLowerCase();
      trusted.set(key, [...(trusted.get(key) ?? []), opts.plan ? asPlanned(opts.plan, result) : result]);
    }
  }
  const byRepo = new Map<string, FleetRepoResult>();
  for (const [key, copies] of trusted) byRepo.set(key, oneOf(copies, out.notes));
  // Results outside the plan: never coverage. Their findings join the repository's (flagged); a
  // repository that has no other result tonight is failed with the reason.
  for (const r of outside) {
    const key = r.repository.toLowerCase();
    const prior = byRepo.get(key);
    if (prior) byRepo.set(key, { ...prior, findings: [...prior.findings, ...r.findings] });
    else byRepo.set(key, r);
  }
  out.results = [...byRepo.values()];
  return out;
}

/**
 * The same repository from several files. Copies that agree on everything coverage rests on are one
 * result. Copies that differ (a re-run job, or a file that is not the sweep's) are not coverage: which
 * one is true cannot be told from the files, so the repository is failed tonight (the next plan
 * lists it again), with the findings of every copy.
 */
function oneOf(copies: FleetRepoResult[], notes: string[]): FleetRepoResult {
  const first = copies[0]!;
  if (copies.length === 1) return first;
  if (new Set(copies.map(coverageForm)).size === 1) {
    notes.push(`${first.repository} was reported ${copies.length} times, identically: counted once`);
    return first;
  }
  notes.push(
    `${first.repository} was reported ${copies.length} times, differently (a re-run job, or a result that is not the sweep's): not coverage tonight`,
  );
  return {
    ...first,
    status: 'failed',
    reason: `${copies.length} different results for it (a re-run job, or a result that is not the sweep's): not coverage; the next night sweeps it again`,
    findings: copies.flatMap((c) => c.findings),
  };
}

/** One finding per key per repository: sightings merged, the most urgent verdict kept. */
export function dedupe(findings: readonly FleetFinding[]): FleetFinding[] {
  const byKey = new Map<string, FleetFinding>();
  for (const f of findings) {
    // A finding of a result outside the plan never changes the planned result's (its verdict, its
    // rotation): it stays a finding of its own.
    const key = `${f.repository.toLowerCase()}\u0000${f.fingerprint}${f.outsidePlan ? '\u0000outside' : ''}`;
    const prior = byKey.get(key);
    if (!prior) {
      byKey.set(key, { ...f, seenIn: [...f.seenIn] });
      continue;
    }
    const seenIn = [...new Set([...prior.seenIn, ...f.seenIn])].sort() as FleetFinding['seenIn'];
    // The tree's location is where the key is now; the history's commit says when it came in.
    const treeFirst = prior.seenIn.includes('tree') || !f.seenIn.includes('tree') ? prior : f;
    const commit = prior.commit ?? f.commit;
    const verification =
      RANK[verdictOf(f)] < RANK[verdictOf(prior)] || (verdictOf(prior) === 'unverified' && f.verification)
        ? f.verification
        : prior.verification;
    const rotation = prior.rotation ?? f.rotation;
    // Silenced only when every sighting carries the inline allow comment.
    const { inlineAllowed: _, ...merged } = treeFirst;
    byKey.set(key, {
      ...merged,
      seenIn,
      ...(commit ? { commit } : {}),
      ...(verification ? { verification } : {}),
      ...(rotation ? { rotation } : {}),
      ...(prior.inlineAllowed && f.inlineAllowed ? { inlineAllowed: true as const } : {}),
    });
  }
  return [...byKey.values()];
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function buildReport(
  loaded: LoadedResults,
  opts: { org?: string; now?: Date; state?: FleetState } = {},
): FleetReport {
  const carried = carriedFindings(opts.state, loaded.results);
  // Every result's findings: a failed one has none from the sweep, but one that is not coverage
  // (outside the plan, conflicting copies) still tells of keys.
  const findings = dedupe([...loaded.results.flatMap((r) => r.findings), ...carried]);
  const rows = new Map<string, RepoRow>();
  for (const r of loaded.results) {
    rows.set(r.repository.toLowerCase(), {
      repository: r.repository,
      status: r.status,
      ...(r.status === 'failed' ? { reason: r.reason ?? 'no reason given' } : {}),
      findings: 0,
      live: 0,
      unknown: 0,
      unverified: 0,
      revoked: 0,
      rotated: 0,
      silenced: 0,
      commitsRead: r.stats.commitsRead,
    });
  }
  for (const f of carried)
    if (!rows.has(f.repository.toLowerCase()))
      rows.set(f.repository.toLowerCase(), {
        repository: f.repository,
        status: 'unchanged',
        findings: 0,
        live: 0,
        unknown: 0,
        unverified: 0,
        revoked: 0,
        rotated: 0,
        silenced: 0,
        commitsRead: 0,
      });
  for (const f of findings) {
    const row = rows.get(f.repository.toLowerCase())!;
    if (isSilenced(f)) {
      row.silenced++;
      continue;
    }
    row.findings++;
    row[verdictOf(f)]++;
    if (verdictOf(f) === 'live' && wasContained(f)) row.rotated++;
  }
  const repositories = [...rows.values()].sort(
    (a, b) =>
      b.live - b.rotated - (a.live - a.rotated) ||
      b.live - a.live ||
      b.unknown + b.unverified - (a.unknown + a.unverified) ||
      b.revoked - a.revoked ||
      b.findings - a.findings ||
      b.silenced - a.silenced ||
      cmp(a.repository, b.repository),
  );
  const order = new Map(repositories.map((r, i) => [r.repository.toLowerCase(), i]));
  findings.sort(
    (a, b) =>
      urgency(a) - urgency(b) ||
      order.get(a.repository.toLowerCase())! - order.get(b.repository.toLowerCase())! ||
      cmp(a.file, b.file) ||
      a.line - b.line ||
      cmp(a.fingerprint, b.fingerprint),
  );
  const failed = repositories
    .filter((r) => r.status === 'failed')
    .map((r) => ({ repository: r.repository, reason: r.reason! }))
    .sort((a, b) => cmp(a.repository, b.repository));
  // The rules tonight's sweeps ran under: a file outside the plan says nothing of them.
  const outside = new Set((loaded.untrusted ?? []).map((u) => u.repository.toLowerCase()));
  const rulesKeys = new Set(
    loaded.results
      .filter((r) => !(r.status === 'failed' && outside.has(r.repository.toLowerCase())))
      .map((r) => r.rulesKey),
  );
  const open = findings.filter((f) => !isSilenced(f));
  const count = (v: Verdict) => open.filter((f) => verdictOf(f) === v).length;
  return {
    format: FLEET_FORMAT,
    generatedAt: (opts.now ?? new Date()).toISOString(),
    ...(opts.org ? { org: opts.org } : {}),
    ...(rulesKeys.size === 1 ? { rulesKey: [...rulesKeys][0] } : {}),
    summary: {
      repositories: loaded.results.length,
      scanned: loaded.results.length - failed.length,
      failed: failed.length,
      findings: open.length,
      live: count('live'),
      unknown: count('unknown'),
      unverified: count('unverified'),
      revoked: count('revoked'),
      rotated: findings.filter((f) => verdictOf(f) === 'live' && wasContained(f)).length,
      leftLive: findings.filter((f) => verdictOf(f) === 'live' && !wasContained(f)).length,
      rotationFailed: findings.filter((f) => f.rotation?.status === 'failed').length,
      carried: carried.length,
      silenced: findings.length - open.length,
      untrusted: loaded.untrusted?.length ?? 0,
      commitsRead: loaded.results.reduce((n, r) => n + r.stats.commitsRead, 0),
      bytesRead: loaded.results.reduce((n, r) => n + r.stats.bytesRead, 0),
      errors: loaded.errors.length,
    },
    repositories,
    findings,
    failed,
    errors: loaded.errors,
    untrusted: loaded.untrusted ?? [],
    notes: [
      ...loaded.notes,
      ...(rulesKeys.size > 1
        ? ['the results were made under different rules or configs: the state keeps none of them as coverage']
        : []),
    ],
  };
}

export function exitCodeOf(report: FleetReport): 0 | 1 | 2 {
  if (
    report.errors.length ||
    report.untrusted.length ||
    report.failed.length ||
    report.summary.rotationFailed
  )
    return 2;
  // A key silenced by the repository's inline allow comment is reported, but is no leak to fail on
  // by itself (a live one is never silenced).
  return report.findings.some((f) => !isSilenced(f)) ? 1 : 0;
}

/**
 * The next night's state: the old one, with every repository scanned tonight replaced by what tonight
 * covered. A failed repository keeps its old entry (or has none): the plan lists it again, since its
 * `pushed_at` in the state is not the one listed. Results made under another rules key than the state's
 * start a new state (coverage under other rules is none), keeping only tonight's repositories.
 */
export function nextState(
  old: FleetState | undefined,
  results: readonly FleetRepoResult[],
  opts: { org?: string; now?: Date; rulesKey?: string } = {},
): FleetState | undefined {
  // A repository whose rotation stopped part-way is not coverage either: the next plan lists it again
  // and the next sweep reads the key again, so the rotation finishes (its journal says where it was).
  const scanned = results.filter(
    (r) =>
      r.status === 'scanned' && !r.findings.some((f) => !f.outsidePlan && f.rotation?.status === 'failed'),
  );
  const keys = new Set(scanned.map((r) => r.rulesKey));
  if (keys.size > 1) return undefined;
  // No repository scanned (a first night whose filters match nothing, or all failed): the plan's key,
  // so the state is still written and the next plan compares against it.
  const rulesKey = keys.size === 1 ? [...keys][0]! : (opts.rulesKey ?? old?.rulesKey);
  const first = scanned[0] ?? results[0];
  const org =
    opts.org ??
    old?.org ??
    (first && isFullName(first.repository) ? first.repository.split('/')[0] : undefined);
  if (!rulesKey || !org) return undefined;
  const now = (opts.now ?? new Date()).toISOString();
  const repos: FleetState['repos'] = old && old.rulesKey === rulesKey ? { ...old.repos } : {};
  for (const r of scanned) {
    if (r.repository.split('/')[0]!.toLowerCase() !== org.toLowerCase()) continue;
    const prior = repos[r.repository];
    repos[r.repository] = {
      pushedAt: r.pushedAt ?? null,
      defaultBranch: r.defaultBranch ?? prior?.defaultBranch ?? 'main',
      covered: r.covered ?? {},
      sweptAt: now,
      // Tonight's findings and the old history ones still standing: the next report carries them.
      ...stateFindings(prior, r, old?.rulesKey, now),
    };
  }
  // A repository that failed tonight keeps its old entry (or none): the plan listed it because its
  // pushed_at, branch or rules differ from that entry, so the next plan lists it again, and the sweep
  // still reads only what the old entry did not cover.
  return { format: FLEET_FORMAT, org, rulesKey, updatedAt: now, repos };
}
