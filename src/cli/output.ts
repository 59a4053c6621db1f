/** `--output FILE` (or `-` for stdout), shared by every command that writes a report. */
import { lstatSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { InputError } from '../config/errors.js';
import { writeReportFile } from '../files/write-report.js';
import type { FlagSpec } from './flags.js';

/** The `--output` flag of a command whose report goes to stdout unless a file is named. */
export const OUTPUT_FLAG: FlagSpec = {
  name: 'output',
  short: 'o',
  type: 'string',
  value: 'FILE',
  description: 'write the report to FILE (- for stdout)',
  default: '-',
};

/** Where a report goes: `stdout`, or a checked absolute path. */
export type Destination = { kind: 'stdout' } | { kind: 'file'; path: string };

/** `--output`, resolved, refused before any work when its directory does not exist; `-` is stdout. */
export function destination(cwd: string, path: string | undefined): Destination {
  if (path === undefined || path === '-') return { kind: 'stdout' };
  return { kind: 'file', path: outputPath(cwd, path) };
}

export function outputPath(cwd: string, path: string): string {
  const full = resolve(cwd, path);
  let dirOk = false;
  try {
    dirOk = statSync(dirname(full)).isDirectory();
  } catch {}
  if (!dirOk) throw new InputError(`--output ${path}: directory ${dirname(full)} does not exist`);
  // Even the user's own link is not followed (a cloned repository may plant one where a report goes):
  // naming the file it points to writes there.
  let link = false;
  try {
    link = lstatSync(full).isSymbolicLink();
  } catch {}
  if (link)
    throw new InputError(
      `--output ${path} is a symbolic link: keyguard never writes through one (name the file it points to, or remove the link)`,
    );
  return full;
}

/** Writes `text` where `dest` says; `onFail` words the error when a file cannot be written. */
export async function deliver(
  dest: Destination,
  text: string,
  stdout: { write(chunk: string): unknown },
  onFail: (reason: string) => string = (r) => r,
): Promise<void> {
  if (dest.kind === 'stdout') {
    stdout.write(text);
    return;
  }
  try {
    await writeReportFile(dest.path, text);
  } catch (err) {
    const reason = `cannot write --output ${dest.path} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`;
    throw new InputError(onFail(reason));
  }
}
