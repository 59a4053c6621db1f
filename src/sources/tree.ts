/**
 * Tree scan: walker + searcher + detector, in this thread. The engine uses the same `scanTreeFile` in its
 * worker threads, so both paths give identical results.
 */
import type { ScanWarning } from '../types.js';
import { FileTooLarge, ReadBuffer, type SearchOptions, searchFileSync } from './searcher.js';
import type { Hit, KeyDetector, SourceResult } from './types.js';
import { type WalkOptions, walkTree } from './walk.js';

export interface TreeOptions extends WalkOptions, SearchOptions {
  /** Files larger than this many bytes are skipped with a warning. Default: none (everything is streamed). */
  maxFileSize?: number;
}

export interface FileResult {
  hits: Hit[];
  warnings: ScanWarning[];
  suppressed: number;
  bytes: number;
  /** False when the file was skipped or could not be read. */
  scanned: boolean;
}

/** The search options of each tree options object, made once (not once per file). */
const searchOptions = new WeakMap<TreeOptions, SearchOptions & { maxSize?: number }>();

function searchOptionsOf(opts: TreeOptions): SearchOptions & { maxSize?: number } {
  let o = searchOptions.get(opts);
  if (!o) {
    o = { ...opts, maxSize: opts.maxFileSize };
    searchOptions.set(opts, o);
  }
  return o;
}

function errorText(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  return e?.code ? `${e.code}: ${e.message}` : String(err);
}

/** Scans one file of the tree; I/O errors become warnings, never exceptions. */
export function scanTreeFileSync(
  abs: string,
  rel: string,
  det: KeyDetector,
  opts: TreeOptions = {},
  scratch?: ReadBuffer,
): FileResult {
  const out: FileResult = { hits: [], warnings: [], suppressed: 0, bytes: 0, scanned: false };
  try {
    const r = searchFileSync(abs, det, searchOptionsOf(opts), scratch);
    out.bytes = r.bytes;
    out.scanned = true;
    for (const key of r.keys) {
      if (key.inlineAllowed) out.suppressed++;
      else out.hits.push({ key, file: rel, source: 'tree' });
    }
  } catch (err) {
    if (err instanceof FileTooLarge) {
      out.warnings.push({
        file: rel,
        message: `skipped: ${err.size} bytes is over max-file-size ${opts.maxFileSize}`,
      });
    } else {
      out.warnings.push({ file: rel, message: `not readable (${errorText(err)})` });
    }
  }
  return out;
}

/** Promise form of `scanTreeFileSync`. */
export async function scanTreeFile(
  abs: string,
  rel: string,
  det: KeyDetector,
  opts: TreeOptions = {},
): Promise<FileResult> {
  return scanTreeFileSync(abs, rel, det, opts);
}

/** Scans files one after another with one reused read buffer. Results come back in input order. */
export function scanFilesSync(
  files: { abs: string; rel: string }[],
  det: KeyDetector,
  opts: TreeOptions = {},
  scratch: ReadBuffer = new ReadBuffer(),
): FileResult[] {
  return files.map((f) => scanTreeFileSync(f.abs, f.rel, det, opts, scratch));
}

/** Promise form of `scanFilesSync` (kept for callers that await; the work is synchronous). */
export async function scanFiles(
  files: { abs: string; rel: string }[],
  det: KeyDetector,
  opts: TreeOptions = {},
): Promise<FileResult[]> {
  return scanFilesSync(files, det, opts);
}

/** Walks and scans the whole tree in this thread. */
export async function scanTree(
  root: string,
  det: KeyDetector,
  opts: TreeOptions = {},
): Promise<SourceResult> {
  const res: SourceResult = { hits: [], warnings: [], suppressed: 0, files: 0, bytes: 0 };
  const walkOpts: WalkOptions = { ...opts, onWarning: (w) => res.warnings.push(w) };
  const scratch = new ReadBuffer();
  for await (const f of walkTree(root, walkOpts)) {
    const r = scanTreeFileSync(f.abs, f.rel, det, opts, scratch);
    res.hits.push(...r.hits);
    res.warnings.push(...r.warnings);
    res.suppressed += r.suppressed;
    res.bytes += r.bytes;
    if (r.scanned) res.files++;
  }
  return res;
}
