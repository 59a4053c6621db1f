/**
 * Where a path really is: every link in it resolved, also for a file that does not exist yet (its
 * deepest existing directory is resolved and the rest appended). Used to keep keyguard's reads and
 * writes inside the directories it may touch, whatever links a pull request planted on the way.
 */
import { realpath } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';

/** A file keyguard will not read or write, with the reason (no file content, no link target). */
export class FileRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FileRefusedError';
  }
}

/** The real path of `path`, or of its deepest existing ancestor with the missing rest appended. */
export async function resolvedPath(path: string): Promise<string> {
  const full = resolve(path);
  const missing: string[] = [];
  let at = full;
  for (;;) {
    try {
      return join(await realpath(at), ...missing.reverse());
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      const parent = dirname(at);
      if ((code !== 'ENOENT' && code !== 'ENOTDIR') || parent === at) throw err;
      missing.push(basename(at));
      at = parent;
    }
  }
}

/** True when `path` (already resolved) is `root` or below it. */
function isInside(path: string, root: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !rel.startsWith(sep));
}

/** True when `path`, as written (no link resolved), lies inside one of `roots` (as written or resolved). */
export async function namedInsideAny(path: string, roots: readonly string[]): Promise<boolean> {
  const full = resolve(path);
  for (const root of roots) {
    if (isInside(full, resolve(root)) || isInside(full, await resolvedPath(root))) return true;
  }
  return false;
}

/** True when the resolved `path` lies inside one of `roots` (each resolved too). */
export async function insideAny(path: string, roots: readonly string[]): Promise<boolean> {
  const real = await resolvedPath(path);
  for (const root of roots) if (isInside(real, await resolvedPath(root))) return true;
  return false;
}

/** `a FIFO`, `a directory`…: what a non-regular file is, for messages. */
export function kindOf(st: {
  isDirectory(): boolean;
  isFIFO(): boolean;
  isSocket(): boolean;
  isCharacterDevice(): boolean;
  isBlockDevice(): boolean;
  isSymbolicLink(): boolean;
}): string {
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a FIFO (named pipe)';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  if (st.isSymbolicLink()) return 'a symbolic link';
  return 'not a regular file';
}
