/**
 * Writes a report (SARIF, JSON, a baseline) without ever following a symbolic link at its name: a pull
 * request can plant `keyguard.sarif -> ~/.bashrc` (or at the runner's GITHUB_OUTPUT file) where the
 * action writes by default. With `within`, the file must also really be inside those directories
 * (every link in its directory resolved), so a linked parent directory cannot lead outside either.
 */
import { constants } from 'node:fs';
import { lstat, mkdir, open } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { FileRefusedError, insideAny, kindOf } from './where.js';

export interface WriteReportOptions {
  /** Directories the file must really be in (the action: workspace and runner temp). Unset: anywhere. */
  within?: readonly string[];
  /** How the directories are named in the refusal. */
  withinName?: string;
  /** Create missing parent directories (after the `within` check). */
  mkdirs?: boolean;
}

export async function writeReportFile(
  path: string,
  text: string,
  opts: WriteReportOptions = {},
): Promise<void> {
  const full = resolve(path);
  const dir = dirname(full);
  const outside = () =>
    new FileRefusedError(
      `it is outside ${opts.withinName ?? 'the allowed directories'} (through a symbolic link or its path): keyguard does not write there`,
    );
  if (opts.within && !(await insideAny(dir, opts.within))) throw outside();
  if (opts.mkdirs) {
    await mkdir(dir, { recursive: true });
    if (opts.within && !(await insideAny(dir, opts.within))) throw outside();
  }
  const st = await lstat(full).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return undefined;
    throw err;
  });
  if (st?.isSymbolicLink())
    throw new FileRefusedError(
      'it is a symbolic link: keyguard never writes through one (name the file it points to, or remove the link)',
    );
  if (st && !st.isFile()) throw new FileRefusedError(`it is ${kindOf(st)}, not a regular file`);
  // O_NOFOLLOW: a link created after the check is refused too (ELOOP); O_NONBLOCK: never wait on a FIFO.
  const flags =
    constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | constants.O_NOFOLLOW | constants.O_NONBLOCK;
  let fh: Awaited<ReturnType<typeof open>>;
  try {
    fh = await open(full, flags, 0o644);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ELOOP')
      throw new FileRefusedError('it is a symbolic link: keyguard never writes through one');
    throw err;
  }
  try {
    await fh.writeFile(text, 'utf8');
  } finally {
    await fh.close();
  }
}
