/**
 * Gives each hit in a recognised file (Dockerfile, manifest, Compose, Helm values, Terraform, .env,
 * workflow) its context advice, after the scan. Only files that hold a hit, and whose name says they may
 * have a context, are read again: the working-tree file in a tree scan, the blob at the hit's commit in
 * a history or range scan, the index for staged changes (as the workflow guard does, workflow-git.ts).
 * Advice is optional: a file that is too large, gone or unreadable simply gives none.
 */
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import { groupHitsByBlob, readBlob } from '../sources/hit-groups.js';
import type { Hit } from '../sources/types.js';
import { adviseAt } from './detect.js';
import { fileKind } from './files.js';
import { LineIndex } from './window.js';

/** A manifest larger than this is not read again for advice (4 MiB). */
export const MAX_ADVICE_FILE_BYTES = 4 << 20;

/** Where the scanned text of a hit is: the working tree, its commit, or the git index (`staged`). */
export type AdviceSource = 'worktree' | 'commit' | 'index';

async function readWorktree(root: string, rel: string): Promise<string | undefined> {
  const abs = resolve(root, rel);
  const back = relative(resolve(root), abs);
  if (back.startsWith('..') || isAbsolute(back)) return undefined;
  // Non-blocking and no link followed: a FIFO or a link swapped in since the scan is not read.
  const fh = await open(abs, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW).catch(
    () => undefined,
  );
  if (!fh) return undefined;
  try {
    const st = await fh.stat();
    if (!st.isFile() || st.size > MAX_ADVICE_FILE_BYTES) return undefined;
    return await fh.readFile('utf8');
  } catch {
    return undefined;
  } finally {
    await fh.close();
  }
}

/** Sets `advice` on the hits it can place; hits that already have advice are left as they are. */
export async function adviseHits(root: string, hits: readonly Hit[], from: AdviceSource): Promise<void> {
  /** The revision a hit's file is read at ('' for the index and the worktree), or undefined to skip it. */
  const revOf = (h: Hit): string | undefined => {
    if (h.advice || !fileKind(h.file)) return undefined;
    if (from !== 'commit') return '';
    return h.commit?.sha || undefined; // a hit of a commit scan with no commit has no blob to read
  };
  const groups = groupHitsByBlob(hits, revOf);
  for (const g of groups) {
    const text =
      from === 'worktree'
        ? await readWorktree(root, g.file)
        : await readBlob(root, g.rev, g.file, MAX_ADVICE_FILE_BYTES);
    if (text === undefined) continue;
    const index = new LineIndex(text);
    for (const h of g.hits) {
      const advice = adviseAt(g.file, index, {
        line: h.key.line,
        column: h.key.column,
        encoding: h.key.encoding,
        provider: h.key.candidates[0] ?? h.key.provider,
      });
      if (advice) h.advice = advice;
    }
  }
}
