/**
 * Content ids for tree files, so a file scanned before is not read again:
 * - tracked and unmodified (git's index says so, `git diff-files` lists no change): `git:<blob id>:<size>`.
 *   The blob id names the committed bytes; the size read from the file must match too, so an
 *   attribute that rewrites the checkout (eol, ident, working-tree-encoding) gives another id;
 * - anything else (untracked, modified, no git at all): `sha256:<hash of the bytes>:<size>`.
 * git runs only through src/git/pinned.ts.
 */
import { createHash } from 'node:crypto';
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync } from 'node:fs';
import { execGit } from '../git/pinned.js';

export interface TrackedBlobs {
  blobs: Map<string, string>;
  /** When git was asked (ns since the epoch): a file changed since then is not taken at its blob id. */
  askedAtNs: bigint;
}

/** Regular-file blobs of the index (stage 0) below `root`, by path relative to it; minus files git sees changed. */
export async function unchangedTrackedBlobs(root: string): Promise<TrackedBlobs> {
  const out = new Map<string, string>();
  const askedAtNs = BigInt(Date.now()) * 1_000_000n;
  const none = { blobs: out, askedAtNs };
  let listed: Awaited<ReturnType<typeof execGit>>;
  let changed: Awaited<ReturnType<typeof execGit>>;
  try {
    [listed, changed] = await Promise.all([
      // `-v`: a file marked assume-unchanged (tag `h`) or skip-worktree (`S`) is one git never looks
      // at, so `diff-files` cannot vouch for it: only plain entries (`H`) are named by their blob.
      execGit(root, ['ls-files', '-s', '-v', '-z', '--', '.'], { maxBuffer: 1 << 30 }),
      execGit(root, ['diff-files', '--name-only', '-z', '--relative', '--', '.'], { maxBuffer: 1 << 30 }),
    ]);
  } catch {
    return none; // not a git checkout: every file goes by its content hash
  }
  if (!listed.ok || !changed.ok) return none;
  for (const rec of listed.stdout.split('\0')) {
    const tab = rec.indexOf('\t');
    if (tab < 0) continue;
    const [tag, mode, blob, stage] = rec.slice(0, tab).split(' ');
    if (
      tag !== 'H' ||
      stage !== '0' ||
      (mode !== '100644' && mode !== '100755') ||
      !/^[0-9a-f]{40,64}$/.test(blob ?? '')
    )
      continue;
    out.set(rec.slice(tab + 1), blob!);
  }
  for (const path of changed.stdout.split('\0')) if (path) out.delete(path);
  return { blobs: out, askedAtNs };
}

/** A stat snapshot: a file whose snapshot differs after the scan is not recorded. */
export interface Snapshot {
  dev: bigint;
  size: number;
  mtimeNs: bigint;
  ctimeNs: bigint;
  ino: bigint;
}

/** Opened without blocking (a FIFO put in a file's place must not hang the scan). */
function openFile(abs: string): number {
  return openSync(abs, constants.O_RDONLY | constants.O_NONBLOCK);
}

export function snapshotOf(fd: number): Snapshot {
  const st = fstatSync(fd, { bigint: true });
  if (!st.isFile()) throw new Error('not a regular file');
  return { dev: st.dev, size: Number(st.size), mtimeNs: st.mtimeNs, ctimeNs: st.ctimeNs, ino: st.ino };
}

/** A snapshot as one string: what the cache compares. */
export function statKey(s: Snapshot): string {
  return `${s.dev}:${s.ino}:${s.size}:${s.mtimeNs}:${s.ctimeNs}`;
}

/** The stat key of `abs` without opening it (no link followed), or undefined when it is not a regular file. */
export function statSnapshot(abs: string): Snapshot | undefined {
  try {
    const st = lstatSync(abs, { bigint: true });
    if (!st.isFile()) return undefined;
    return { dev: st.dev, size: Number(st.size), mtimeNs: st.mtimeNs, ctimeNs: st.ctimeNs, ino: st.ino };
  } catch {
    return undefined;
  }
}

/**
 * True when a stat key may name its content from now on: both times are older than git's racy window,
 * so any later write gives another mtime and ctime (ctime cannot be set from user space).
 */
export function settled(snap: Snapshot, nowNs = BigInt(Date.now()) * 1_000_000n): boolean {
  return snap.mtimeNs < nowNs - RACY_NS && snap.ctimeNs < nowNs - RACY_NS;
}

export function sameSnapshot(a: Snapshot, b: Snapshot): boolean {
  return (
    a.dev === b.dev &&
    a.size === b.size &&
    a.mtimeNs === b.mtimeNs &&
    a.ctimeNs === b.ctimeNs &&
    a.ino === b.ino
  );
}

/** Above this size an untracked file is not hashed (it is simply scanned). */
const MAX_HASHED = 64 << 20;
const RACY_NS = 2_000_000_000n;
const scratch = Buffer.allocUnsafe(1 << 20);

/**
 * The content id of a tree file and its stat snapshot, or undefined when it cannot be named (unreadable,
 * not regular, too large to hash): such a file is just scanned.
 */
export function contentId(
  abs: string,
  blob: string | undefined,
  askedAtNs = 0n,
): { id: string; snap: Snapshot } | undefined {
  let fd: number;
  try {
    fd = openFile(abs);
  } catch {
    return undefined;
  }
  try {
    const snap = snapshotOf(fd);
    // Racy-git rule: a file changed within 2 s of git's answer (or after it) may not be what git saw.
    if (blob && snap.mtimeNs < askedAtNs - RACY_NS && snap.ctimeNs < askedAtNs - RACY_NS)
      return { id: `git:${blob}:${snap.size}`, snap };
    if (snap.size > MAX_HASHED) return undefined;
    const h = createHash('sha256');
    let total = 0;
    for (;;) {
      const n = readSync(fd, scratch, 0, scratch.length, null);
      if (n <= 0) break;
      h.update(scratch.subarray(0, n));
      total += n;
    }
    // Written to while being hashed: no name for it (it is scanned).
    if (total !== snap.size || !sameSnapshot(snap, snapshotOf(fd))) return undefined;
    return { id: `sha256:${h.digest('hex')}:${total}`, snap };
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/** The snapshot of `abs` now, or undefined. */
export function snapshotNow(abs: string): Snapshot | undefined {
  try {
    const fd = openFile(abs);
    try {
      return snapshotOf(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    return undefined;
  }
}
