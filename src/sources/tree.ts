/**
 * Tree scan: walker + searcher + detector, in this thread. The engine uses the same `scanTreeFile` in its
 * worker threads, so both paths give identical results.
 */
import type { ScanWarning } from '../types.js';
import { FileTooLarge, type SearchOptions, searchFile } from './searcher.js';
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

function errorText(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  return e?.code ? `${e.code}: ${e.message}` : String(err);
}

/** Scans one file of the tree; I/O errors become warnings, never exceptions. */
export async function scanTreeFile(
  abs: string,
  rel: string,
  det: KeyDetector,
  opts: TreeOptions = {},
): Promise<FileResult> {
  const out: FileResult = { hits: [], warnings: [], suppressed: 0, bytes: 0, scanned: false };
  try {
    const r = await searchFile(abs, det, { ...opts, maxSize: opts.maxFileSize });
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

/**
 * Scans files with a few reads in flight (the CPU work is synchronous; overlapping it with the libuv
 * reads of the next files keeps the core busy). Results come back in input order.
 */
export async function scanFiles(
  files: { abs: string; rel: string }[],
  det: KeyDetector,
  opts: TreeOptions = {},
  concurrency = 8,
): Promise<FileResult[]> {
  const results: FileResult[] = new Array(files.length);
  let next = 0;
  const lane = async () => {
    while (next < files.length) {
      const i = next++;
      const f = files[i]!;
      results[i] = await scanTreeFile(f.abs, f.rel, det, opts);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, files.length) }, lane));
  return results;
}

/** Walks and scans the whole tree in this thread. */
export async function scanTree(
  root: string,
  det: KeyDetector,
  opts: TreeOptions = {},
): Promise<SourceResult> {
  const res: SourceResult = { hits: [], warnings: [], suppressed: 0, files: 0, bytes: 0 };
  const walkOpts: WalkOptions = { ...opts, onWarning: (w) => res.warnings.push(w) };
  for await (const f of walkTree(root, walkOpts)) {
    const r = await scanTreeFile(f.abs, f.rel, det, opts);
    res.hits.push(...r.hits);
    res.warnings.push(...r.warnings);
    res.suppressed += r.suppressed;
    res.bytes += r.bytes;
    if (r.scanned) res.files++;
  }
  return res;
}
