/**
 * Files as a commit has them, read through the pinned git as data (never checked out): what the PR check's
 * policy (base-policy.ts) and the trusted-config comparison (config-destinations.ts) both read.
 */
import { isAbsolute, relative, sep } from 'node:path';
import { ConfigError } from '../config/errors.js';
import { execGit } from '../git/pinned.js';

/** Larger files at the base are refused: a config is a few kB, a baseline of 100,000 findings ~20 MB. */
export const MAX_CONFIG_BYTES = 1 << 20;
export const MAX_BASELINE_BYTES = 32 << 20;

export interface TreeEntry {
  mode: string;
  type: string;
  oid: string;
}

/** The entry at `path` (top-level relative) in `commit`'s tree, or undefined when there is none. */
export async function entryAt(root: string, commit: string, path: string): Promise<TreeEntry | undefined> {
  const out = await execGit(root, [
    '--literal-pathspecs',
    'ls-tree',
    '-z',
    '--full-tree',
    '--end-of-options',
    commit,
    '--',
    path,
  ]);
  if (!out.ok) throw new ConfigError(`cannot list commit ${commit.slice(0, 12)}: ${out.stderr.trim()}`, path);
  for (const record of out.stdout.split('\0')) {
    const tab = record.indexOf('\t');
    if (tab < 0 || record.slice(tab + 1) !== path) continue;
    const [mode = '', type = '', oid = ''] = record.slice(0, tab).split(' ');
    return { mode, type, oid };
  }
  return undefined;
}

/** The text of a regular file at `commit`, or undefined when the commit has no file there. */
export async function fileAt(
  root: string,
  commit: string,
  path: string,
  maxBytes: number,
  shown: string,
): Promise<string | undefined> {
  const entry = await entryAt(root, commit, path);
  if (!entry) return undefined;
  if (entry.type !== 'blob' || (entry.mode !== '100644' && entry.mode !== '100755')) {
    const what =
      entry.mode === '120000'
        ? 'a symbolic link'
        : entry.type === 'tree'
          ? 'a directory'
          : 'not a regular file';
    throw new ConfigError(`is ${what} on the base branch; keyguard reads only regular files`, shown);
  }
  const size = await execGit(root, ['cat-file', '-s', '--end-of-options', entry.oid]);
  const bytes = Number(size.stdout.trim());
  if (!size.ok || !Number.isFinite(bytes))
    throw new ConfigError(`cannot read it: ${size.stderr.trim()}`, shown);
  if (bytes > maxBytes) {
    throw new ConfigError(
      `is ${bytes} bytes on the base branch, more than the ${maxBytes} keyguard reads`,
      shown,
    );
  }
  const blob = await execGit(root, ['cat-file', 'blob', '--end-of-options', entry.oid], {
    maxBuffer: maxBytes + 1024,
  });
  if (!blob.ok) throw new ConfigError(`cannot read it: ${blob.stderr.trim()}`, shown);
  return blob.stdout;
}

/** `file` relative to the top of the pinned work tree (forward slashes), or undefined when outside it. */
export function inWorkTree(workTree: string, file: string): string | undefined {
  const rel = relative(workTree, file);
  if (!rel || rel.startsWith('..') || isAbsolute(rel)) return undefined;
  return rel.split(sep).join('/');
}
