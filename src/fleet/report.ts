/**
 * `fleet report`: the shards' result files → one organisation report and the next night's state.
 *
 * - Every file is validated (./validate.ts) and checked for a whole key in any text (a result carries
 *   redacted forms only): a malformed file is an error naming it, and every other file still counts.
 * - One finding per key per repository: the tree's and the history's sightings merge (`seenIn`), the
 *   same key in two repositories stays two findings.
 * - A failed repository is not coverage: the new state keeps what the old one said about it (or
 *   nothing), so the next plan lists it again.
 * - Exit: 2 when any file was malformed or any repository failed, else 1 when any key leaked, else 0.
 */
import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Detector } from '../scan/detector.js';
import { carriedFindings, stateFindings } from './carried.js';
import { FleetFileError, readFleetJson } from './files.js';
import { isFullName } from './repo-names.js';
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

/** Urgency: a live key left live first, then unknown, then what is revoked (or rotated) now. */
function urgency(f: FleetFinding): number {
  return wasContained(f) ? RANK.revoked : RANK[verdictOf(f)];
}

/** Every `.json` file under `dir` (links not followed, a few levels deep: artifacts unpack in folders). */
async function resultFiles(dir: string, depth = 0, out: string[] = []): Promise<string[]> {
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
function holdsKey(r: FleetRepoResult): boolean {
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
}

export async function loadResults(dirs: readonly string[]): Promise<LoadedResults> {
  const out: LoadedResults = { results: [], errors: [], notes: [] };
  const byRepo = new Map<string, FleetRepoResult>();
  for (const dir of dirs) {
    for (const file of await resultFiles(dir)) {
      let result: FleetRepoResult;
      try {
        // Links are not followed: a result is a file the sweep wrote, never one it points at.
        if ((await lstat(file)).isSymbolicLink())
          throw new ShapeError('it is a symbolic link: results are read only from regular files');
        result = validateResult(await readFleetJson(file));
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
      const key = result.repository.toLowerCase();
      const prior = byRepo.get(key);
      if (prior) {
        out.notes.push(`${result.repository} was reported twice (a re-run job?): the results are merged`);
        byRepo.set(key, mergeTwice(prior, result));
      } else byRepo.set(key, result);
    }
  }
  out.results = [...byRepo.values()];
  return out;
}

/** The same repository from two files: a scan beats a failure; findings are the union. */
function mergeTwice(a: FleetRepoResult, b: FleetRepoResult): FleetRepoResult {
  if (a.status !== b.status) {
    const scanned = a.status === 'scanned' ? a : b;
    return { ...scanned, findings: [...a.findings, ...b.findings] };
  }
  return { ...b, findings: [...a.findings, ...b.findings] };
}

/** One finding per key per repository: sightings merged, the most urgent verdict kept. */
export function dedupe(findings: readonly FleetFinding[]): FleetFinding[] {
  const byKey = new Map<string, FleetFinding>();
  for (const f of findings) {
    const key = `${f.repository.toLowerCase()}\u0000${f.fingerprint}`;
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
    byKey.set(key, {
      ...treeFirst,
      seenIn,
      ...(commit ? { commit } : {}),
      ...(verification ? { verification } : {}),
      ...(rotation ? { rotation } : {}),
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
  const findings = [
    ...dedupe(loaded.results.filter((r) => r.status === 'scanned').flatMap((r) => r.findings)),
    ...carried,
  ];
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
        commitsRead: 0,
      });
  for (const f of findings) {
    const row = rows.get(f.repository.toLowerCase())!;
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
  const rulesKeys = new Set(loaded.results.map((r) => r.rulesKey));
  const count = (v: Verdict) => findings.filter((f) => verdictOf(f) === v).length;
  return {
    format: FLEET_FORMAT,
    generatedAt: (opts.now ?? new Date()).toISOString(),
    ...(opts.org ? { org: opts.org } : {}),
    ...(rulesKeys.size === 1 ? { rulesKey: [...rulesKeys][0] } : {}),
    summary: {
      repositories: loaded.results.length,
      scanned: loaded.results.length - failed.length,
      failed: failed.length,
      findings: findings.length,
      live: count('live'),
      unknown: count('unknown'),
      unverified: count('unverified'),
      revoked: count('revoked'),
      rotated: findings.filter((f) => verdictOf(f) === 'live' && wasContained(f)).length,
      leftLive: findings.filter((f) => verdictOf(f) === 'live' && !wasContained(f)).length,
      rotationFailed: findings.filter((f) => f.rotation?.status === 'failed').length,
      carried: carried.length,
      commitsRead: loaded.results.reduce((n, r) => n + r.stats.commitsRead, 0),
      bytesRead: loaded.results.reduce((n, r) => n + r.stats.bytesRead, 0),
      errors: loaded.errors.length,
    },
    repositories,
    findings,
    failed,
    errors: loaded.errors,
    notes: [
      ...loaded.notes,
      ...(rulesKeys.size > 1
        ? ['the results were made under different rules or configs: the state keeps none of them as coverage']
        : []),
    ],
  };
}

export function exitCodeOf(report: FleetReport): 0 | 1 | 2 {
  if (report.errors.length || report.failed.length || report.summary.rotationFailed) return 2;
  return report.findings.length ? 1 : 0;
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
    (r) => r.status === 'scanned' && !r.findings.some((f) => f.rotation?.status === 'failed'),
  );
  const keys = new Set(scanned.map((r) => r.rulesKey));
  if (keys.size > 1) return undefined;
  // No repository scanned (a first night whose filters match nothing, or all failed): the plan's key,
  // so the state is still written and the next plan compares against it.
  const rulesKey = keys.size === 1 ? [...keys][0]! : (opts.rulesKey ?? old?.rulesKey);
  const org =
    opts.org ??
    old?.org ??
    (results[0] && isFullName(results[0].repository) ? results[0].repository.split('/')[0] : undefined);
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
