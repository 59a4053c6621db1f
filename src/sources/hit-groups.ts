/**
 * Hits grouped by the blob their text came from (a file at one commit, or in the git index), so that
 * a pass after the scan that needs the whole file (the workflow guard, context advice) reads each file
 * from git once for all its hits; and that read.
 */
import { execGit } from '../git/pinned.js';
import type { Hit } from './types.js';

/** The hits in one file at one revision: `rev` is a commit SHA, or '' for the index. */
export interface BlobHits {
  rev: string;
  file: string;
  hits: Hit[];
}

/**
 * Groups `hits` by revision and file, in the order first seen. `revOf` gives a hit's revision (a
 * commit SHA, or '' for the index), or undefined to leave the hit out.
 */
export function groupHitsByBlob(hits: readonly Hit[], revOf: (h: Hit) => string | undefined): BlobHits[] {
  const groups = new Map<string, BlobHits>();
  for (const h of hits) {
    const rev = revOf(h);
    if (rev === undefined) continue;
    const k = `${rev}\n${h.file}`;
    let g = groups.get(k);
    if (!g) {
      g = { rev, file: h.file, hits: [] };
      groups.set(k, g);
    }
    g.hits.push(h);
  }
  return [...groups.values()];
}

/**
 * The text of `file` at `rev` ('' for the index), or undefined when it is larger than `maxBytes`,
 * gone or unreadable. Read as `SHA:./path` (or `:./path`): the path is relative to `root`, where git
 * runs, and the argument starts with a hex SHA or ':', so it can never be read as an option (a `rev`
 * that is not a full SHA is refused).
 */
export async function readBlob(
  root: string,
  rev: string,
  file: string,
  maxBytes: number,
): Promise<string | undefined> {
  if (rev && !/^[0-9a-f]{40,64}$/.test(rev)) return undefined;
  const out = await execGit(root, ['cat-file', 'blob', `${rev}:./${file}`], { maxBuffer: maxBytes });
  return out.ok ? out.stdout : undefined;
}
