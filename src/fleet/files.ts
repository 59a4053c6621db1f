/**
 * Reading and writing the fleet's files (plan, shard, results, state). They travel between jobs as
 * artifacts and caches, so a reader treats each as hostile until proven: a regular file (no FIFO, no
 * link leading nowhere), bounded in size, valid JSON; the error names the file and stops at the first
 * problem. Writes never follow a link at the name (../files/write-report.ts).
 */
import { stat } from 'node:fs/promises';
import { InputError } from '../config/errors.js';
import { readRegularFile } from '../files/read-regular.js';
import { writeReportFile } from '../files/write-report.js';
import { forLog } from '../text/inert.js';

/** A result, a shard or a state file above this is refused (10,000 repositories of state is ~5 MB). */
export const MAX_FLEET_FILE_BYTES = 64 * 1024 * 1024;

export class FleetFileError extends InputError {
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(`${forLog(file)}: ${reason}`);
    this.name = 'FleetFileError';
  }
}

/** Parsed JSON of `file`, or a FleetFileError; `missing: 'undefined'` answers undefined for ENOENT. */
export async function readFleetJson(
  file: string,
  opts: { missing?: 'error' | 'undefined' } = {},
): Promise<unknown> {
  let text: string;
  try {
    const st = await stat(file);
    if (st.isFile() && st.size > MAX_FLEET_FILE_BYTES)
      throw new FleetFileError(file, `${st.size} bytes is more than ${MAX_FLEET_FILE_BYTES}`);
    text = await readRegularFile(file);
  } catch (err) {
    if (err instanceof FleetFileError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && opts.missing === 'undefined') return undefined;
    throw new FleetFileError(file, `cannot read it (${code ?? (err as Error).message})`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    // Node's message quotes the text around the error: only where it is, never what.
    const at = /position (\d+)/.exec((err as Error).message)?.[1];
    throw new FleetFileError(file, `not JSON${at ? ` (at character ${at})` : ''}`);
  }
}

export async function writeFleetJson(file: string, value: unknown): Promise<void> {
  try {
    await writeReportFile(file, `${JSON.stringify(value, null, 2)}\n`);
  } catch (err) {
    throw new FleetFileError(
      file,
      `cannot write it (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
    );
  }
}
