/**
 * The scan cache: what was scanned under one verdict key, so the same bytes are not scanned twice.
 *
 * Decisions:
 * - Everything a scan of given bytes produces is cached, findings included (tree contents, history
 *   blobs, commits, commit lists): a second run replays them and reports byte for byte what a fresh scan
 *   would (same lines, columns, commits, fingerprints, introducing commit, later-commit counts: those are
 *   recomputed from the replayed commits exactly as from read ones). The file is encrypted (file.ts), so
 *   it never holds a key in clear.
 * - A cache can only skip work; what could make it hide a key is an entry that says less than the bytes
 *   hold. Entries are named by content (git blob ids, which name their bytes, or a SHA-256 of the bytes),
 *   by a stat key that any write changes (dev, inode, size, mtime and ctime in ns, and only when older
 *   than git's racy window), or by the refs listing a commit list was read under; the whole file is
 *   sealed and authenticated under a secret the scanned code cannot know: a file from another branch, a
 *   fork or anyone without the secret is ignored with a warning, like a corrupt, truncated or
 *   other-rules file.
 * - Entries not used by a run are dropped when it saves, per namespace it touched: the file stays the
 *   size of the repository, not of its past.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { CachedCommit } from '../sources/git.js';
import type { RawKey } from '../sources/types.js';

export type { CachedCommit };

import {
  type CacheBody,
  type CommitEntry,
  cacheFileName,
  decodeCache,
  emptyBody,
  encodeCache,
  type MemoResult,
  parseCommits,
  readCacheFile,
  writeAtomic,
} from './file.js';

export type { MemoResult };

import { type Snapshot, statKey } from './tree-ids.js';

/** A tree content's scan, as the tree scan uses it. */
export interface CachedTree {
  bytes: number;
  /** Keys found, inline-allowed ones excluded (those are counted in `suppressed`). */
  keys: RawKey[];
  suppressed: number;
}

/** A history blob's scan. */
export interface CachedBlob {
  bytes: number;
  keys: RawKey[];
}

/**
 * Copies of cached keys: what a run gets may be changed by it without changing the cache. A key is flat
 * data with one array (candidates), so a spread is a full copy, and much cheaper than structuredClone.
 */
const copyKey = (k: RawKey): RawKey => ({ ...k, candidates: [...k.candidates] });
const copyKeys = (ks: RawKey[]): RawKey[] => ks.map(copyKey);
const copyPathKeys = (ks: [string, RawKey][]): [string, RawKey][] => ks.map(([p, k]) => [p, copyKey(k)]);

export interface CacheStats {
  /** Tree files whose content was known clean (not read for detection). */
  treeReused: number;
  treeScanned: number;
  /** Of the tree files reused, those named by their stat key alone (no git, no hashing). */
  treeByStat: number;
  /** Commits of history or a range not re-read. */
  commitsReused: number;
  commitsRead: number;
  /** History blobs (binary changes) not re-read. */
  blobsReused: number;
  blobsScanned: number;
  /** History scans whose commit list came from the cache (refs unchanged): no history walk at all. */
  walksSkipped: number;
  /** Of those, the ones whose whole result came from the cache (no commit replayed). */
  historiesReused: number;
  /** Workflow files the workflow guard did not read again (their content known clean). */
  workflowsReused: number;
}

export type Namespace = 'tree' | 'history';

export class ScanCache {
  readonly dir: string;
  readonly verdictKey: string;
  readonly stats: CacheStats = {
    treeReused: 0,
    treeScanned: 0,
    treeByStat: 0,
    commitsReused: 0,
    commitsRead: 0,
    blobsReused: 0,
    blobsScanned: 0,
    walksSkipped: 0,
    historiesReused: 0,
    workflowsReused: 0,
  };
  /** Warnings about the cache itself (shown to the user; never about findings). */
  readonly warnings: string[] = [];
  readonly #secret: Buffer;
  #old: CacheBody = emptyBody();
  /** The old file's commits as read, until a run asks for one (see file.ts: most runs never do). */
  #oldCommitsJson: string | undefined;
  readonly #next: CacheBody = emptyBody();
  readonly #touched = new Set<Namespace>();
  /** Something new was recorded (else a save is needed only when old entries go unused). */
  #changed = false;
  /** The file was read and trusted (else it is written even when nothing is new). */
  #loaded = false;

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
        if (d.ok) {
          c.#old = d.body;
          c.#oldCommitsJson = d.commitsJson;
          c.#loaded = true;
        } else c.warnings.push(`scan cache ${path} ignored: ${d.reason}; everything is scanned afresh`);
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

  /** The old file's namespace `ns` (its commits parsed on first use; unusable ones: none, with a warning). */
  #oldNs<K extends keyof CacheBody>(ns: K): CacheBody[K] {
    if (ns === 'c' && this.#oldCommitsJson !== undefined) {
      const parsed = parseCommits(this.#oldCommitsJson);
      this.#oldCommitsJson = undefined;
      if (parsed) this.#old.c = parsed;
      else this.warnings.push('scan cache commits ignored: unexpected shape; those commits are read afresh');
    }
    return this.#old[ns];
  }

  /** Marks an old entry of namespace `ns` used (kept on save) and returns it. */
  #get<K extends keyof CacheBody>(ns: K, id: string): CacheBody[K][string] | undefined {
    const next = this.#next[ns] as Record<string, CacheBody[K][string]>;
    const old = this.#oldNs(ns) as Record<string, CacheBody[K][string]>;
    const e = own(next, id) ?? own(old, id);
    if (e !== undefined) (this.#next[ns] as Record<string, unknown>)[id] = e;
    return e;
  }

  /** What the scan of tree content `id` found, or undefined. */
  tree(id: string): CachedTree | undefined {
    const e = this.#get('t', id);
    return e && { bytes: e[0], keys: copyKeys(e[1]), suppressed: e[2] };
  }

  putTree(id: string, entry: CachedTree): void {
    this.#changed = true;
    this.#next.t[id] = [entry.bytes, copyKeys(entry.keys), entry.suppressed];
  }

  /** True when the workflow guard found nothing in tree content `id` (so it need not run on it again). */
  workflowClean(id: string): boolean {
    const clean = this.#get('w', id) === 1;
    if (clean) this.stats.workflowsReused++;
    return clean;
  }

  putWorkflowClean(id: string): void {
    this.#changed = true;
    this.#next.w[id] = 1;
  }

  /** The content id `abs` had when its stat key was `snap`, or undefined. */
  statId(abs: string, snap: Snapshot): string | undefined {
    const e = own(this.#next.s, abs) ?? own(this.#old.s, abs);
    if (!e || e[0] !== statKey(snap)) return undefined;
    this.#next.s[abs] = e;
    return e[1];
  }

  putStat(abs: string, snap: Snapshot, id: string): void {
    this.#changed = true;
    this.#next.s[abs] = [statKey(snap), id];
  }

  blob(id: string): CachedBlob | undefined {
    const e = this.#get('b', id);
    return e && { bytes: e[0], keys: copyKeys(e[1]) };
  }

  putBlob(id: string, entry: CachedBlob): void {
    this.#changed = true;
    this.#next.b[id] = [entry.bytes, copyKeys(entry.keys)];
  }

  commit(id: string): CachedCommit | undefined {
    const e = this.#get('c', id);
    if (!e) return undefined;
    const [bytes, paths, info, keys, binaries, unseen] = e;
    return {
      bytes,
      paths: [...paths],
      ...(info && { info: { author: info[0], email: info[1], date: info[2] } }),
      keys: copyPathKeys(keys),
      binaries: binaries.map(([p, b]) => [p, b]),
      unseen: [...unseen],
    };
  }

  putCommit(id: string, c: CachedCommit): void {
    const e: CommitEntry = [
      c.bytes,
      [...c.paths],
      c.info ? [c.info.author, c.info.email, c.info.date] : null,
      copyPathKeys(c.keys),
      c.binaries.map(([p, b]) => [p, b]),
      [...c.unseen],
    ];
    this.#changed = true;
    this.#next.c[id] = e;
  }

  /** The commits `git rev-list` listed under refs key `key`, or undefined. */
  commitList(key: string): string[] | undefined {
    const e = this.#get('r', key);
    return e && [...e];
  }

  putCommitList(key: string, list: string[]): void {
    this.#changed = true;
    this.#next.r[key] = [...list];
  }

  /**
   * The whole history result recorded under refs key `key` (see file.ts `MemoEntry`) and how many
   * history blobs it searched, or undefined. A copy: the run may change what it gets.
   */
  historyResult(key: string): { result: MemoResult; blobs: number } | undefined {
    const e = this.#get('m', key);
    if (!e) return undefined;
    const [r, blobs] = e;
    return {
      result: {
        ...r,
        hits: r.hits.map((h) => ({
          ...h,
          key: copyKey(h.key),
          ...(h.commit && { commit: { ...h.commit } }),
        })),
        warnings: r.warnings.map((w) => ({ ...w })),
      },
      blobs,
    };
  }

  putHistoryResult(key: string, result: MemoResult, blobs: number): void {
    this.#changed = true;
    this.#next.m[key] = [
      {
        ...result,
        hits: result.hits.map((h) => ({
          key: copyKey(h.key),
          file: h.file,
          source: h.source,
          ...(h.commit && { commit: { ...h.commit } }),
        })),
        warnings: result.warnings.map((w) => ({ ...w })),
      },
      blobs,
    ];
  }

  /** What the file will hold: this run's entries, plus the old ones of namespaces this run did not touch. */
  body(): CacheBody {
    return this.#body(true).body;
  }

  /**
   * `body()`, and the old commits as read when this run neither touched history nor read a commit (so
   * they are written back without being parsed).
   */
  #body(parseCommitsNow: boolean): { body: CacheBody; commitsJson?: string } {
    const tree = this.#touched.has('tree');
    const history = this.#touched.has('history');
    const keepRaw =
      !parseCommitsNow &&
      !history &&
      this.#oldCommitsJson !== undefined &&
      Object.keys(this.#next.c).length === 0;
    const pick = <K extends keyof CacheBody>(ns: K, touched: boolean): CacheBody[K] =>
      touched ? this.#next[ns] : { ...this.#oldNs(ns), ...this.#next[ns] };
    return {
      body: {
        t: pick('t', tree),
        s: pick('s', tree),
        w: pick('w', tree),
        b: pick('b', history),
        c: keepRaw ? {} : pick('c', history),
        r: pick('r', history),
        m: pick('m', history),
      },
      ...(keepRaw && { commitsJson: this.#oldCommitsJson }),
    };
  }

  /** True when the file would hold what it already holds (nothing new, nothing dropped). */
  unchanged(): boolean {
    if (!this.#loaded || this.#changed) return false;
    const ns: (keyof CacheBody)[] = [];
    if (this.#touched.has('tree')) ns.push('t', 's', 'w');
    if (this.#touched.has('history')) ns.push('b', 'c', 'r', 'm');
    return ns.every((k) => Object.keys(this.#oldNs(k)).length === Object.keys(this.#next[k]).length);
  }

  /**
   * Writes the cache (atomically), unless it would hold what it holds; a failure is a warning: the
   * scan's result stands either way.
   */
  async save(): Promise<void> {
    if (this.unchanged()) return;
    try {
      await mkdir(this.dir, { recursive: true, mode: 0o700 });
      const { body, commitsJson } = this.#body(false);
      await writeAtomic(
        this.dir,
        this.fileName,
        encodeCache(body, this.verdictKey, this.#secret, new Date(), commitsJson),
      );
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
  // Rounded down: 599 of 601 is not "100%".
  const pct = (a: number, b: number) => (a + b ? Math.floor((100 * a) / (a + b)) : 0);
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
  if (s.walksSkipped) parts.push('history walk skipped (refs unchanged)');
  return parts.length ? `scan cache: ${parts.join(', ')}` : 'scan cache: nothing to reuse';
}
