/**
 * Which files a tree scan reads (the "walker"): every regular file under the root, dotfiles and `.env*`
 * included, `.git` skipped. Symbolic links are never followed: a link to something inside the tree is
 * scanned at its real path anyway, and a link out of the tree or into a loop is exactly what must not be
 * read. Sorted, so results are stable from run to run.
 */
import { type Dirent, readdirSync, realpathSync } from 'node:fs';
import { realpath } from 'node:fs/promises';
import { join, sep } from 'node:path';
import type { ScanWarning } from '../types.js';

export interface WalkOptions {
  /** Called with each file's relative path (forward slashes); false skips the file. */
  include?: (relPath: string) => boolean;
  /** Called with each directory's relative path (forward slashes, no trailing slash); false prunes it. */
  includeDir?: (relDir: string) => boolean;
  /** Receives unreadable directories. */
  onWarning?: (w: ScanWarning) => void;
}

export interface WalkEntry {
  abs: string;
  /** Relative to the root, forward slashes. */
  rel: string;
}

function errorText(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  return e?.code ? `${e.code}: ${e.message}` : String(err);
}

export async function resolveRoot(root: string): Promise<string> {
  return realpath(root);
}

/** Yields the files to scan, depth first, in name order. */
export async function* walkTree(root: string, opts: WalkOptions = {}): AsyncGenerator<WalkEntry> {
  yield* walkTreeSync(await resolveRoot(root), opts);
}

/**
 * The same walk, synchronous (`readdirSync` is several times cheaper per directory than the promise
 * form, and the walk is pure I/O). The root is resolved
 * (`realpathSync`) first.
 */
export function* walkTreeSync(root: string, opts: WalkOptions = {}): Generator<WalkEntry> {
  const base = realpathSync(root);
  const posix = sep === '/' && base !== '/';
  const stack: string[] = [''];
  while (stack.length) {
    const relDir = stack.pop()!;
    let entries: Dirent[];
    try {
      entries = readdirSync(relDir ? join(base, relDir) : base, { withFileTypes: true });
    } catch (err) {
      opts.onWarning?.({ file: relDir || '.', message: `directory not readable (${errorText(err)})` });
      continue;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const dirs: string[] = [];
    for (const e of entries) {
      if (e.name === '.git') continue;
      const rel = relDir ? `${relDir}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (!opts.includeDir || opts.includeDir(rel)) dirs.push(rel);
      } else if (e.isFile()) {
        // Symlinks, sockets, FIFOs and devices are not regular files: never opened.
        // (`join` normalises every path again; on POSIX a plain concatenation is the same string)
        if (!opts.include || opts.include(rel))
          yield { abs: posix ? `${base}/${rel}` : join(base, rel), rel };
      }
    }
    // Push in reverse so the stack pops them in name order.
    for (let i = dirs.length - 1; i >= 0; i--) stack.push(dirs[i]!);
  }
}
