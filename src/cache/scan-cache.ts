/**
 * The scan cache: which contents and commits were already scanned clean under one verdict key.
 *
 * Decisions:
 * - Only "clean" is cached (scanned, nothing found, nothing inline-allowed, no warning). Bytes with
 *   anything in them are scanned again on every run, so every finding — its key, line, column,
 *   fingerprint, commit and later-commit count — is always fresh, byte for byte what an uncached run
 *   reports, and the cache never holds a key, an offset into one, or a fingerprint of one.
 * - A cache can therefore only skip work; what could make it hide a key is an entry claiming "clean"
 *   for bytes that are not. Entries are named by content (git blob ids, which name their bytes, or a
 *   SHA-256 of the bytes) and the whole file is sealed with an HMAC under a secret the scanned code
 *   cannot know: a file from another branch, a fork or anyone without the secret fails the seal and is
 *   ignored with a warning, like a corrupt, truncated or other-rules file.
 * - Entries not used by a run are dropped when it saves, per namespace it touched: the file stays the
 *   size of the repository, not of its past.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import {
  type CacheBody,
  cacheFileName,
  decodeCache,
  emptyBody,
  encodeCache,
  readCacheFile,
  writeAtomic,
} from './file.js';

export interface CacheStats {
  /** Tree files whose content was known clean (not read for detection). */
  treeReused: number;
  treeScanned: number;
  /** Commits of history or a range not re-read. */
  commitsReused: number;
  commitsRead: number;
  /** History blobs (binary changes) not re-read. */
  blobsReused: number;
  blobsScanned: number;
}

export type Namespace = 'tree' | 'history';

export class ScanCache {
  readonly dir: string;
  readonly verdictKey: string;
  readonly stats: CacheStats = {
    treeReused: 0,
    treeScanned: 0,
    commitsReused: 0,
    commitsRead: 0,
    blobsReused: 0,
    blobsScanned: 0,
  };
  /** Warnings about the cache itself (shown to the user; never about findings). */
  readonly warnings: string[] = [];
  readonly #secret: Buffer;
  #old: CacheBody = emptyBody();
  readonly #next: CacheBody = emptyBody();
  readonly #touched = new Set<Namespace>();

  private constructor(dir: string, verdictKey: string, secret: Buffer) {
    this.dir = dir;
    this.verdictKey = verdictKey;
    this.#secret = secret;
  }

  get fileName(): string {
    return cacheFileName(this.verdictKey);
  }

  /** Opens the cache in `dir` for `verdictKey`; an unusable file is ignored with a warning, never an error. */
  static async open(dir: string, verdictKey: string, secret: Buffer): Promise<ScanCache> {
    const c = new ScanCache(dir, verdictKey, secret);
    const path = join(dir, c.fileName);
    try {
      const buf = await readCacheFile(path);
      if (buf) {
        const d = decodeCache(buf, verdictKey, secret);
        if (d.ok) c.#old = d.body;
        else c.warnings.push(`scan cache ${path} ignored: ${d.reason}; everything is scanned afresh`);
      }
    } catch (err) {
      c.warnings.push(`scan cache ${path} ignored: ${(err as Error).message}; everything is scanned afresh`);
    }
    return c;
  }

  /** An in-memory cache from a body (tests, and callers that hold the body themselves). */
  static fromBody(dir: string, verdictKey: string, secret: Buffer, body: CacheBody): ScanCache {
    const c = new ScanCache(dir, verdictKey, secret);
    c.#old = body;
    return c;
  }

  touch(ns: Namespace): void {
    this.#touched.add(ns);
  }

  /** Bytes read when `id` (tree content) was scanned clean, or undefined. Marks it used. */
  cleanTree(id: string): number | undefined {
    const n = own(this.#next.t, id) ?? own(this.#old.t, id);
    if (n !== undefined) this.#next.t[id] = n;
    return n;
  }

  putCleanTree(id: string, bytes: number): void {
    this.#next.t[id] = bytes;
  }

  cleanBlob(id: string): number | undefined {
    const n = own(this.#next.b, id) ?? own(this.#old.b, id);
    if (n !== undefined) this.#next.b[id] = n;
    return n;
  }

  putCleanBlob(id: string, bytes: number): void {
    this.#next.b[id] = bytes;
  }

  cleanCommit(id: string): [number, string[]] | undefined {
    const e = own(this.#next.c, id) ?? own(this.#old.c, id);
    if (e !== undefined) this.#next.c[id] = e;
    return e;
  }

  putCleanCommit(id: string, bytes: number, paths: string[]): void {
    this.#next.c[id] = [bytes, paths];
  }

  /** What the file will hold: this run's entries, plus the old ones of namespaces this run did not touch. */
  body(): CacheBody {
    const tree = this.#touched.has('tree');
    const history = this.#touched.has('history');
    return {
      t: tree ? this.#next.t : { ...this.#old.t, ...this.#next.t },
      b: history ? this.#next.b : { ...this.#old.b, ...this.#next.b },
      c: history ? this.#next.c : { ...this.#old.c, ...this.#next.c },
    };
  }

  /** Writes the cache (atomically); a failure is a warning: the scan's result stands either way. */
  async save(): Promise<void> {
    try {
      await mkdir(this.dir, { recursive: true, mode: 0o700 });
      await writeAtomic(this.dir, this.fileName, encodeCache(this.body(), this.verdictKey, this.#secret));
    } catch (err) {
      this.warnings.push(`scan cache not saved in ${this.dir}: ${(err as Error).message}`);
    }
  }
}

/** Own properties only: an id like `__proto__` or `constructor` is just an id. */
function own<T>(m: Record<string, T>, k: string): T | undefined {
  return Object.hasOwn(m, k) ? m[k] : undefined;
}

/** One line for logs and the job summary: how much work the cache saved. */
export function describeReuse(s: CacheStats): string {
  const parts: string[] = [];
  const pct = (a: number, b: number) => (a + b ? Math.round((100 * a) / (a + b)) : 0);
  if (s.treeReused + s.treeScanned)
    parts.push(
      `${s.treeReused} of ${s.treeReused + s.treeScanned} files reused (${pct(s.treeReused, s.treeScanned)}%)`,
    );
  if (s.commitsReused + s.commitsRead)
    parts.push(
      `${s.commitsReused} of ${s.commitsReused + s.commitsRead} commits reused (${pct(s.commitsReused, s.commitsRead)}%)`,
    );
  if (s.blobsReused + s.blobsScanned)
    parts.push(`${s.blobsReused} of ${s.blobsReused + s.blobsScanned} history blobs reused`);
  return parts.length ? `scan cache: ${parts.join(', ')}` : 'scan cache: nothing to reuse';
}
