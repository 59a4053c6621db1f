/**
 * Reads a file keyguard takes settings from (`.keyguard.yml`, `--config`, the baseline): a regular
 * file, and, when `within` is given, one whose real path (every link resolved) lies inside those
 * directories. A pull request can plant `.keyguard.yml -> /etc/passwd` (whose lines a parse error
 * would quote) or a FIFO (which would hang the read): both are refused with the reason. A path named
 * outside those directories (the workflow's own `config: ${{ github.action_path }}/kg.yml`) is not
 * under the tree's control and is read where it is, if it is a regular file.
 */
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { FileRefusedError, insideAny, kindOf, namedInsideAny, resolvedPath } from './where.js';

export interface ReadRegularOptions {
  /**
   * Directories a file named inside them must really be in (the workspace, the scanned repository):
   * no link may lead out. Unset: anywhere.
   */
  within?: readonly string[];
  /** How the directories are named in the refusal: `the workspace`, `the repository`. */
  withinName?: string;
}

/**
 * The file's text. A missing file throws Node's ENOENT error unchanged (callers treat it as absent);
 * a refused one throws FileRefusedError.
 */
export async function readRegularFile(path: string, opts: ReadRegularOptions = {}): Promise<string> {
  const real = await resolvedPath(path);
  if (opts.within && (await namedInsideAny(path, opts.within)) && !(await insideAny(real, opts.within))) {
    throw new FileRefusedError(
      `it resolves (through a symbolic link) to a file outside ${opts.withinName ?? 'the workspace'}; keyguard reads settings only from inside it`,
    );
  }
  // Non-blocking: opening a FIFO returns at once instead of waiting for a writer; no link is followed
  // past the check above.
  const fh = await open(real, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW).catch(
    (err) => {
      // A link left unresolved above leads nowhere (or loops).
      if ((err as NodeJS.ErrnoException).code === 'ELOOP')
        throw new FileRefusedError('it is a symbolic link that leads to no file');
      throw err;
    },
  );
  try {
    const st = await fh.stat();
    if (!st.isFile()) throw new FileRefusedError(`it is ${kindOf(st)}, not a regular file`);
    return await fh.readFile('utf8');
  } finally {
    await fh.close();
  }
}
