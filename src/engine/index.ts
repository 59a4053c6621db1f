/**
 * The scan engine: one call for the CLI and the action. Sources (tree, history, range, workflow guard)
 * → detector → `Finding`s, with stats and warnings. Tree scans of many files use worker threads when
 * running from the bundle; everything else runs in this thread.
 */
import { readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { adviseHits } from '../advice/attach.js';
import type { CachedTree, ScanCache } from '../cache/scan-cache.js';
import {
  contentId,
  type Snapshot,
  sameSnapshot,
  settled,
  snapshotNow,
  statSnapshot,
  type TrackedBlobs,
  unchangedTrackedBlobs,
} from '../cache/tree-ids.js';
import { InputError } from '../config/errors.js';
import type { HistoryWindow } from '../git/history-window.js';
import { Detector, type DetectorOptions } from '../scan/detector.js';
import { scanGit } from '../sources/git.js';
import { type FileResult, scanFilesSync } from '../sources/tree.js';
import type { Hit, KeyDetector, RawKey, SourceResult } from '../sources/types.js';
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
  /** Contents and commits already scanned under these options (src/cache/): replayed, not scanned again. */
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

async function scanTreeMode(opts: ScanOptions, det: LazyDetector): Promise<SourceResult> {
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
  // With a cache: each walked file's result (reused or scanned), in walk order; `at[i]` is where
  // `toScan[i]` sits among the walked files, `named[i]` its content id when it has one.
  const perFile: (ReusedResult | undefined)[] = [];
  let at: number[] = [];
  const named: ({ id: string; snap: Snapshot } | undefined)[] = [];
  /** With a cache: each walked file's content id and the stat it had then, by walk order, when known. */
  const ids: ({ id: string; snap: Snapshot } | undefined)[] = [];
  if (cache) {
    ({ toScan, at } = await splitByCache(opts.root, files, cache, named, perFile));
    for (const [i, n] of named.entries()) ids[at[i]!] = n;
    for (const [i, r] of perFile.entries()) if (r?.reused) ids[i] = r.content;
    if (mayUseWorkers && toScan.length >= MIN_FILES_FOR_WORKERS) start();
  }
  let scanned: TreeScan | undefined;
  if (pool) {
    try {
      scanned = await pool.scan(toScan, det.detector, cache !== undefined);
    } catch (err) {
      // A worker that cannot start (odd bundling, resource limits) must not lose the scan.
      res.warnings.push({ message: workerWarning(err) });
    } finally {
      await pool.close();
    }
  }
  if (!scanned) {
    const all = scanFilesSync(toScan, det, treeOpts);
    scanned = { files: 0, bytes: 0, results: [], perThread: [], clean: [], resultIndex: [] };
    for (const [i, r] of all.entries()) {
      scanned.bytes += r.bytes;
      if (r.scanned) scanned.files++;
      if (r.hits.length || r.warnings.length || r.suppressed) {
        scanned.results.push(r);
        scanned.resultIndex!.push(i);
      } else if (r.scanned) scanned.clean!.push([i, r.bytes]);
    }
    scanned.perThread.push(scanned.files);
  }
  let results = scanned.results;
  res.files = scanned.files;
  res.bytes = scanned.bytes;
  if (cache) {
    recordScanned(cache, toScan, named, scanned);
    for (const [k, r] of scanned.results.entries()) perFile[at[scanned.resultIndex![k]!]!] = r;
    results = [];
    for (const r of perFile) {
      if (!r || (!r.hits.length && !r.warnings.length && !r.suppressed)) continue;
      results.push(r);
    }
    for (const r of perFile) {
      if (!r?.reused) continue;
      res.files++;
      res.bytes += r.bytes;
    }
  }
  for (const r of results) {
    res.hits.push(...r.hits);
    res.warnings.push(...r.warnings);
    res.suppressed += r.suppressed;
  }
  if (opts.workflows !== false) {
    const wfHits: Hit[] = [];
    for (const [i, f] of files.entries()) {
      if (!isWorkflowFile(f.rel)) continue;
      // Content the guard found nothing in before, under the same rules: not read again (else an
      // unchanged sweep compiles the whole detector for its workflow files alone).
      const content = ids[i];
      if (cache && content && cache.workflowClean(content.id)) continue;
      let text: string;
      try {
        text = await readFile(f.abs, 'utf8');
      } catch {
        continue; // already reported by the tree scan
      }
      const w = scanWorkflow(f.rel, text, det);
      wfHits.push(...w.hits);
      res.warnings.push(...w.warnings);
      if (cache && content && !w.hits.length && !w.warnings.length && !w.suppressed) {
        // Only when what was read is what the id names (the file did not change since it was named).
        const now = snapshotNow(f.abs);
        if (now && sameSnapshot(now, content.snap) && Buffer.byteLength(text) === content.snap.size)
          cache.putWorkflowClean(content.id);
      }
    }
    res.hits = replaceByWorkflow(res.hits, wfHits);
  }
  return res;
}

/** A tree file's result; a reused one carries the content id it was reused under. */
type ReusedResult = FileResult & { reused?: boolean; content?: { id: string; snap: Snapshot } };

/**
 * Splits the walked files into those whose content the cache knows (their result replayed into
 * `perFile`, not read for detection) and those to scan. A file's content id comes from its stat key when
 * that is unchanged since it was recorded; else from git's index (tracked, unmodified) or a hash of its
 * bytes; git is asked only when some file's stat key is unknown.
 */
async function splitByCache(
  root: string,
  files: WalkEntry[],
  cache: ScanCache,
  named: ({ id: string; snap: Snapshot } | undefined)[],
  perFile: (ReusedResult | undefined)[],
): Promise<{ toScan: WalkEntry[]; at: number[] }> {
  cache.touch('tree');
  const toScan: WalkEntry[] = [];
  const at: number[] = [];
  let tracked: TrackedBlobs | undefined;
  const reuse = (i: number, id: string, snap: Snapshot): CachedTree | undefined => {
    const e = cache.tree(id);
    if (!e || e.bytes !== snap.size) return undefined;
    const rel = files[i]!.rel;
    perFile[i] = {
      hits: e.keys.map((key) => ({ key, file: rel, source: 'tree' as const })),
      warnings: [],
      suppressed: e.suppressed,
      bytes: e.bytes,
      scanned: true,
      reused: true,
      content: { id, snap },
    };
    return e;
  };
  for (const [i, f] of files.entries()) {
    const snap = statSnapshot(f.abs);
    const known = snap && cache.statId(f.abs, snap);
    if (snap && known && reuse(i, known, snap)) {
      cache.stats.treeByStat++;
      continue;
    }
    tracked ??= await unchangedTrackedBlobs(root);
    const c = contentId(f.abs, tracked.blobs.get(f.rel), tracked.askedAtNs);
    let hit = c && reuse(i, c.id, c.snap);
    if (c && !hit && c.id.startsWith('git:')) {
      // Recorded by its hash while it was too fresh for its blob id (git's racy window): hashing is
      // cheaper than scanning, and the entry is kept under the blob id from now on.
      const h = contentId(f.abs, undefined);
      hit = h && sameSnapshot(h.snap, c.snap) ? reuse(i, h.id, h.snap) : undefined;
      if (hit) cache.putTree(c.id, hit);
    }
    if (c && hit) {
      if (settled(c.snap)) cache.putStat(f.abs, c.snap, c.id);
      continue;
    }
    toScan.push(f);
    at.push(i);
    named.push(c);
  }
  cache.stats.treeReused += files.length - toScan.length;
  cache.stats.treeScanned += toScan.length;
  return { toScan, at };
}

/** Records what each named file's scan found, when it was read whole and not changed while being read. */
function recordScanned(
  cache: ScanCache,
  toScan: WalkEntry[],
  named: ({ id: string; snap: Snapshot } | undefined)[],
  scanned: TreeScan,
): void {
  const put = (i: number, bytes: number, r?: FileResult) => {
    const c = named[i];
    if (!c || bytes !== c.snap.size || (r && (r.warnings.length || !r.scanned))) return;
    const abs = toScan[i]!.abs;
    const now = snapshotNow(abs);
    if (!now || !sameSnapshot(now, c.snap)) return;
    cache.putTree(c.id, { bytes, keys: r ? r.hits.map((h) => h.key) : [], suppressed: r?.suppressed ?? 0 });
    if (settled(c.snap)) cache.putStat(abs, c.snap, c.id);
  };
  for (const [i, bytes] of scanned.clean ?? []) put(i, bytes);
  for (const [k, r] of scanned.results.entries()) put(scanned.resultIndex![k]!, r.bytes, r);
}

/**
 * The detector, compiled on first use: a scan whose every file and commit comes from the cache never
 * needs it (compiling the rules' byte tables is a good part of such a run).
 */
class LazyDetector implements KeyDetector {
  #det: Detector | undefined;
  readonly #opts: DetectorOptions | undefined;
  constructor(opts: DetectorOptions | undefined) {
    this.#opts = opts;
  }
  get detector(): Detector {
    this.#det ??= new Detector(this.#opts);
    return this.#det;
  }
  mightMatch(chunk: Buffer | string): boolean {
    return this.detector.mightMatch(chunk);
  }
  base64Clear(chunk: Buffer): boolean {
    return this.detector.base64Clear(chunk);
  }
  scan(text: string, firstLine?: number, o?: { binary?: boolean; base64Clear?: boolean }): RawKey[] {
    return this.detector.scan(text, firstLine, o);
  }
}

export async function scan(opts: ScanOptions): Promise<ScanResult> {
  const started = performance.now();
  const det = new LazyDetector(opts.detector);
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
