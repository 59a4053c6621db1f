/**
 * The scan stage the CLI and the action share: config → engine (tree, history, range or staged
 * changes) → allowlists → baseline. One function, so both entry points find exactly the same keys.
 */
import { adviseHits } from '../advice/attach.js';
import { type CacheReport, openScanCache, type ScanCacheSettings } from '../cache/index.js';
import type { KeyguardConfig } from '../config/load.js';
import { detectorOptionsFrom, scanPathFilters } from '../config/wiring.js';
import { compareFindings, toFinding } from '../engine/findings.js';
import { scan } from '../engine/index.js';
import { applyFilters, type Baseline, baselineMatcher } from '../filters/index.js';
import type { HistoryWindow } from '../git/history-window.js';
import { spawnGit } from '../git/pinned.js';
import { type DetectedKey, Detector } from '../scan/detector.js';
import { DiffParser } from '../sources/diff.js';
import { belowRoot, subdirectoryOf } from '../sources/git.js';
import { DecodingSearch } from '../sources/searcher.js';
import type { Hit } from '../sources/types.js';
import { adviseWorkflowHits } from '../sources/workflow-git.js';
import type { Finding, ScanResult, ScanWarning } from '../types.js';
import { isFixtureKey } from './linked-policy.js';

export type ScanTarget =
  | { kind: 'tree' }
  /** `window`: only these commits (`--since-commit`, `--log-opts`); default every ref. */
  | { kind: 'history'; window?: HistoryWindow }
  /** The tree plus the full history: one finding per key and file, with the introducing commit. */
  | { kind: 'sweep' }
  /** `branch`: the branch a push created, when `range` starts at the null SHA (see `GitScanOptions`). */
  | { kind: 'range'; range: string; branch?: string }
  /** What `git add` has staged (the pre-commit hook). */
  | { kind: 'staged' }
  /** A byte stream (`keyguard scan -` reads standard input), reported under `name`. */
  | { kind: 'stream'; input: AsyncIterable<Buffer | string>; name: string };

export interface ScanRun {
  root: string;
  /** Tree scans only: scan just this file of `root` (relative, forward slashes) instead of the tree. */
  file?: string;
  target: ScanTarget;
  config: KeyguardConfig;
  baseline?: Baseline;
  threads?: number;
  /**
   * Scan cache (tree, history, range and sweep scans): what was scanned before under the same
   * rules and config is not scanned again; results are the same as without it.
   */
  cache?: ScanCacheSettings;
}

export interface ScanOutcome {
  result: ScanResult;
  /** After allowlists and inline ignores (the `findings` output). */
  findings: Finding[];
  /** Not in the baseline (what fails the build). */
  newFindings: Finding[];
  baselined: number;
  /** Set when the run used a scan cache. */
  cache?: CacheReport;
  /**
   * Keys an inline allow comment on their line silenced (`keyguard:allow`, `gitleaks:allow`,
   * `trufflehog:ignore`). The comment is part of the scanned text, so a pull request can write one next to
   * its own key: the PR check names them in its summary.
   */
  inlineAllowed?: number;
}

/** The path filters narrowed to one file of the root (no directory is entered), when one is given. */
function onlyFile(
  paths: ReturnType<typeof scanPathFilters>,
  file: string | undefined,
): ReturnType<typeof scanPathFilters> {
  if (file === undefined) return paths;
  return { include: (rel) => rel === file && (paths.include?.(rel) ?? true), includeDir: () => false };
}

export async function runScan(run: ScanRun): Promise<ScanOutcome> {
  const started = Date.now();
  const detector = detectorOptionsFrom(run.config);
  const paths = onlyFile(scanPathFilters(run.config), run.file);
  // A single-file scan (`file`) has nothing worth caching; staged and stream scans never use one.
  const cacheable =
    run.cache && run.file === undefined && run.target.kind !== 'staged' && run.target.kind !== 'stream';
  const cache = cacheable && run.cache ? await openScanCache(run.cache, run.config) : undefined;
  const base = { root: run.root, detector, threads: run.threads, cache, ...paths };
  let result: ScanResult;
  switch (run.target.kind) {
    case 'tree':
      result = await scan({ ...base, mode: 'tree' });
      break;
    case 'history':
      result = await scan({ ...base, mode: 'history', window: run.target.window });
      break;
    case 'range':
      result = await scan({ ...base, mode: 'range', range: run.target.range, branch: run.target.branch });
      break;
    case 'sweep': {
      const tree = await scan({ ...base, mode: 'tree' });
      const history = await scan({ ...base, mode: 'history' });
      result = mergeTreeAndHistory(tree, history);
      break;
    }
    case 'staged':
      result = await scanStaged(run.root, new Detector(detector), paths.include);
      break;
    case 'stream':
      result = await scanStream(run.target.input, run.target.name, new Detector(detector));
      break;
  }
  if (cache) await cache.save();
  result.stats.durationMs = Date.now() - started;
  // The sources count only inline-allowed keys here; allowlists and fixtures are added below.
  const inlineAllowed = result.stats.suppressed;
  // The baseline is applied apart from the allowlists, so `findings` counts accepted keys too.
  const fixtures = result.findings.filter(isFixtureKey).length;
  if (fixtures) {
    result.findings = result.findings.filter((f) => !isFixtureKey(f));
    result.stats.suppressed += fixtures;
  }
  const allowed = applyFilters(result.findings, run.config);
  const inBaseline = run.baseline ? baselineMatcher(run.baseline) : undefined;
  const newFindings = inBaseline ? allowed.kept.filter((f) => !inBaseline(f)) : allowed.kept;
  result.stats.suppressed += allowed.suppressed;
  return {
    result: { ...result, findings: allowed.kept },
    findings: allowed.kept,
    newFindings,
    baselined: allowed.kept.length - newFindings.length,
    inlineAllowed,
    ...(cache && { cache: { dir: cache.dir, stats: { ...cache.stats }, warnings: [...cache.warnings] } }),
  };
}

/**
 * A key still in the tree is reported at its place in the tree, with the commit that introduced it;
 * a key only in history (deleted since, but still leaked) is reported at that commit.
 */
export function mergeTreeAndHistory(tree: ScanResult, history: ScanResult): ScanResult {
  const introduced = new Map<string, Finding>();
  for (const h of history.findings) {
    const k = h.fingerprint;
    if (!introduced.has(k)) introduced.set(k, h);
  }
  const inTree = new Set<string>();
  const findings: Finding[] = [];
  for (const t of tree.findings) {
    const h = introduced.get(t.fingerprint);
    inTree.add(t.fingerprint);
    findings.push(h?.commit ? { ...t, commit: { ...h.commit } } : t);
  }
  for (const h of history.findings) if (!inTree.has(h.fingerprint)) findings.push(h);
  return {
    findings,
    warnings: [...tree.warnings, ...history.warnings],
    stats: {
      files: tree.stats.files,
      bytes: tree.stats.bytes + history.stats.bytes,
      commits: history.stats.commits,
      durationMs: tree.stats.durationMs + history.stats.durationMs,
      suppressed: tree.stats.suppressed + history.stats.suppressed,
    },
  };
}

/** Adds the keys found in `file` to `hits`, except inline-allowed ones, whose number it returns. */
function addHits(hits: Hit[], keys: DetectedKey[], file: string): number {
  let suppressed = 0;
  for (const key of keys) {
    if (key.inlineAllowed) suppressed++;
    else hits.push({ key, file, source: 'tree' });
  }
  return suppressed;
}

/** Scans a stream chunk by chunk (bounded memory, exact lines across chunks), as one file named `name`. */
async function scanStream(
  input: AsyncIterable<Buffer | string>,
  name: string,
  det: Detector,
): Promise<ScanResult> {
  const search = new DecodingSearch(det);
  for await (const chunk of input) search.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  search.end();
  const hits: Hit[] = [];
  const suppressed = addHits(hits, search.keys, name);
  return {
    findings: hits.map(toFinding).sort(compareFindings),
    warnings: [],
    stats: { files: 1, bytes: search.bytes, durationMs: 0, suppressed },
  };
}

/** Scans the lines `git add` staged: what the next commit would add. */
async function scanStaged(
  root: string,
  det: Detector,
  include?: (relPath: string) => boolean,
): Promise<ScanResult> {
  const hits: Hit[] = [];
  const warnings: ScanWarning[] = [];
  let suppressed = 0;
  let bytes = 0;
  const files = new Set<string>();
  // Below the top level: only what is staged in this directory, with paths relative to it.
  const prefix = await subdirectoryOf(root);
  const parser = new DiffParser({
    onBlock(b) {
      const path = belowRoot(b.path, prefix);
      if (path === undefined || (include && !include(path))) return;
      files.add(path);
      const text = b.lines.join('\n');
      bytes += text.length;
      if (!det.mightMatch(text)) return;
      suppressed += addHits(hits, det.scan(text, b.firstLine), path);
    },
  });
  await new Promise<void>((resolve, reject) => {
    // The pinned repository (src/git/pinned.ts): textconv and external diff off, as in history scans.
    const child = spawnGit(root, [
      'diff',
      '--cached',
      '-U0',
      '--no-color',
      '--no-ext-diff',
      '--no-textconv',
      '--no-renames',
      '--',
      '.',
    ]);
    let err = '';
    let rest = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      const lines = (rest + chunk).split('\n');
      rest = lines.pop() ?? '';
      for (const l of lines) parser.line(l);
    });
    child.stderr.on('data', (d) => {
      err += d;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (rest) parser.line(rest);
      parser.end();
      if (code === 0) resolve();
      else reject(new Error(`git diff --cached failed: ${err.trim().split('\n')[0] ?? `exit ${code}`}`));
    });
  });
  // The workflow-file guard, on the staged version of each workflow file: same rule as a tree scan.
  warnings.push(...(await adviseWorkflowHits(root, hits, det)));
  await adviseHits(root, hits, 'index');
  return {
    findings: hits.map(toFinding),
    warnings,
    stats: { files: files.size, bytes, durationMs: 0, suppressed },
  };
}
