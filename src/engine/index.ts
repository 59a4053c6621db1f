/**
 * The scan engine: one call for the CLI and the action. Sources (tree, history, range, workflow guard)
 * → detector → `Finding`s, with stats and warnings. Tree scans of many files use worker threads when
 * running from the bundle; everything else runs in this thread.
 */
import { readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { adviseHits } from '../advice/attach.js';
import type { ScanCache } from '../cache/scan-cache.js';
import {
  contentId,
  type Snapshot,
  sameSnapshot,
  snapshotNow,
  unchangedTrackedBlobs,
} from '../cache/tree-ids.js';
import { InputError } from '../config/errors.js';
import type { HistoryWindow } from '../git/history-window.js';
import { Detector, type DetectorOptions } from '../scan/detector.js';
import { scanGit } from '../sources/git.js';
import { scanFilesSync } from '../sources/tree.js';
import type { Hit, SourceResult } from '../sources/types.js';
import { type WalkEntry, walkTreeSync } from '../sources/walk.js';
import { adviseWorkflowHits } from '../sources/workflow-git.js';
import { isWorkflowFile, scanWorkflow } from '../sources/workflows.js';
import type { ScanResult, ScanWarning } from '../types.js';
import { compareFindings, replaceByWorkflow, toFinding } from './findings.js';
import { type Pool, startPool, type TreeScan } from './pool.js';
import { workersAvailable } from './worker.js';

export { maybeRunWorker } from './worker.js';

export interface ScanOptions {
  root: string;
  mode: 'tree' | 'history' | 'range';
  /** `BASE..HEAD` (mode `range`). */
  range?: string;
  /** Mode `history`: only the commits of this window (validated revisions and git log options). */
  window?: HistoryWindow;
  /** Mode `range` from the null SHA: the branch the push created (see `GitScanOptions.branch`). */
  branch?: string;
  detector?: DetectorOptions;
  /** File filter on relative forward-slash paths (allowlist globs): false skips the file. */
  include?: (relPath: string) => boolean;
  /** Directory filter (relative, no trailing slash): false prunes the whole directory. Tree mode only. */
  includeDir?: (relDir: string) => boolean;
  /**
   * Threads for tree scans, this one included (`threads - 1` workers); 1 = in this thread only. For
   * history and range scans: how many `git log` processes share the commit list.
   * Default: available cores, at most 4.
   */
  threads?: number;
  /** Run the workflow-file guard (every mode). Default true. */
  workflows?: boolean;
  /** Skip (with a warning) files larger than this; default: scan everything, streamed. */
  maxFileSize?: number;
  /** Bytes per read when streaming large files (default 1 MiB). */
  chunkSize?: number;
  /** Contents and commits already scanned clean under these options (src/cache/): not scanned again. */
  cache?: ScanCache;
}

/** Below this many files, starting workers costs more than it saves. */
const MIN_FILES_FOR_WORKERS = 64;

function workerWarning(err: unknown): string {
  return `worker threads failed (${(err as Error).message}); scanned in one thread`;
}

function defaultThreads(): number {
  return Math.max(1, Math.min(4, availableParallelism()));
}

async function scanTreeMode(opts: ScanOptions, det: Detector): Promise<SourceResult> {
  const res: SourceResult = { hits: [], warnings: [], suppressed: 0, files: 0, bytes: 0 };
  const treeOpts = { maxFileSize: opts.maxFileSize, chunkSize: opts.chunkSize };
  const threads = opts.threads ?? defaultThreads();
  // Workers start as soon as the walk has seen enough files to be worth them, so their start-up
  // (loading the bundle, compiling rules) overlaps the rest of the walk.
  const mayUseWorkers = threads > 1 && !opts.detector?.rules && workersAvailable();
  const cache = opts.cache;
  const files: WalkEntry[] = [];
  const walkOpts = {
    include: opts.include,
    includeDir: opts.includeDir,
    onWarning: (w: ScanWarning) => res.warnings.push(w),
  };
  const walk = walkTreeSync(opts.root, walkOpts);
  // Not `for…of` + `break`: that would close the generator.
  for (let n = walk.next(); !n.done; n = walk.next()) {
    files.push(n.value);
    if (files.length >= MIN_FILES_FOR_WORKERS) break;
  }
  let pool: Pool | undefined;
  const start = () => {
    try {
      pool = startPool(threads, { detector: opts.detector ?? {}, tree: treeOpts });
    } catch (err) {
      res.warnings.push({ message: workerWarning(err) });
    }
  };
  // With a cache, workers start only once it is known how many files are left to scan.
  if (!cache && mayUseWorkers && files.length >= MIN_FILES_FOR_WORKERS) start();
  for (const f of walk) files.push(f);
  let toScan = files;
  const named: ({ id: string; snap: Snapshot } | undefined)[] = [];
  let reused = { files: 0, bytes: 0 };
  if (cache) {
    ({ toScan, reused } = await splitByCache(opts.root, files, cache, named));
    if (mayUseWorkers && toScan.length >= MIN_FILES_FOR_WORKERS) start();
  }
  let scanned: TreeScan | undefined;
  if (pool) {
    try {
      scanned = await pool.scan(toScan, det, cache !== undefined);
    } catch (err) {
      // A worker that cannot start (odd bundling, resource limits) must not lose the scan.
      res.warnings.push({ message: workerWarning(err) });
    } finally {
      await pool.close();
    }
  }
  if (!scanned) {
    const all = scanFilesSync(toScan, det, treeOpts);
    scanned = { files: 0, bytes: 0, results: [], perThread: [], clean: [] };
    for (const [i, r] of all.entries()) {
      scanned.bytes += r.bytes;
      if (r.scanned) scanned.files++;
      if (r.hits.length || r.warnings.length || r.suppressed) scanned.results.push(r);
      else if (r.scanned) scanned.clean!.push([i, r.bytes]);
    }
    scanned.perThread.push(scanned.files);
  }
  if (cache) recordClean(cache, toScan, named, scanned.clean ?? []);
  res.files = scanned.files + reused.files;
  res.bytes = scanned.bytes + reused.bytes;
  for (const r of scanned.results) {
    res.hits.push(...r.hits);
    res.warnings.push(...r.warnings);
    res.suppressed += r.suppressed;
  }
  if (opts.workflows !== false) {
    const wfHits: Hit[] = [];
    for (const f of files) {
      if (!isWorkflowFile(f.rel)) continue;
      let text: string;
      try {
        text = await readFile(f.abs, 'utf8');
      } catch {
        continue; // already reported by the tree scan
      }
      const w = scanWorkflow(f.rel, text, det);
      wfHits.push(...w.hits);
      res.warnings.push(...w.warnings);
    }
    res.hits = replaceByWorkflow(res.hits, wfHits);
  }
  return res;
}

/**
 * Splits the walked files into those whose content the cache knows clean (counted, not read for
 * detection) and those to scan; `named[i]` is the content id of `toScan[i]`, when it has one.
 */
async function splitByCache(
  root: string,
  files: WalkEntry[],
  cache: ScanCache,
  named: ({ id: string; snap: Snapshot } | undefined)[],
): Promise<{ toScan: WalkEntry[]; reused: { files: number; bytes: number } }> {
  cache.touch('tree');
  const { blobs, askedAtNs } = await unchangedTrackedBlobs(root);
  const toScan: WalkEntry[] = [];
  const reused = { files: 0, bytes: 0 };
  for (const f of files) {
    const c = contentId(f.abs, blobs.get(f.rel), askedAtNs);
    const bytes = c && cache.cleanTree(c.id);
    if (bytes !== undefined && bytes !== null && c && bytes === c.snap.size) {
      reused.files++;
      reused.bytes += bytes;
      continue;
    }
    toScan.push(f);
    named.push(c);
  }
  cache.stats.treeReused += reused.files;
  cache.stats.treeScanned += toScan.length;
  return { toScan, reused };
}

/** Records the files scanned clean, when they were not changed while being read. */
function recordClean(
  cache: ScanCache,
  toScan: WalkEntry[],
  named: ({ id: string; snap: Snapshot } | undefined)[],
  clean: [number, number][],
): void {
  for (const [i, bytes] of clean) {
    const c = named[i];
    if (!c || bytes !== c.snap.size) continue;
    const now = snapshotNow(toScan[i]!.abs);
    if (now && sameSnapshot(now, c.snap)) cache.putCleanTree(c.id, bytes);
  }
}

export async function scan(opts: ScanOptions): Promise<ScanResult> {
  const started = performance.now();
  const det = new Detector(opts.detector);
  let res: SourceResult;
  if (opts.mode === 'tree') {
    res = await scanTreeMode(opts, det);
  } else if (opts.mode === 'history') {
    res = await scanGit(opts.root, det, {
      window: opts.window,
      include: opts.include,
      parallel: opts.threads ?? defaultThreads(),
      cache: opts.cache,
    });
  } else if (opts.mode === 'range') {
    if (!opts.range) throw new InputError('range mode needs a range like BASE..HEAD');
    res = await scanGit(opts.root, det, {
      range: opts.range,
      branch: opts.branch,
      include: opts.include,
      parallel: opts.threads ?? defaultThreads(),
      cache: opts.cache,
    });
  } else {
    throw new InputError(`unknown scan mode "${String(opts.mode)}": expected tree, history or range`);
  }
  if (opts.mode !== 'tree' && opts.workflows !== false)
    res.warnings.push(...(await adviseWorkflowHits(opts.root, res.hits, det)));
  // Context advice (src/advice/): only files holding a hit are read again.
  await adviseHits(opts.root, res.hits, opts.mode === 'tree' ? 'worktree' : 'commit');
  const findings = res.hits.map(toFinding).sort(compareFindings);
  const stats: ScanResult['stats'] = {
    files: res.files,
    bytes: res.bytes,
    durationMs: Math.round(performance.now() - started),
    suppressed: res.suppressed,
  };
  if (res.commits !== undefined) stats.commits = res.commits;
  return { findings, warnings: res.warnings, stats };
}
