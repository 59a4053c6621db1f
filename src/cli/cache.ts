/**
 * The CLI's side of the scan cache, apart from the rest of the CLI: `--cache DIR` on `scan` (settings
 * and the report line), and `keyguard cache info|clear [DIR]`.
 */
import { rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { listCacheFiles, readCacheFile, readHeader } from '../cache/file.js';
import type { CacheReport } from '../cache/index.js';
import { cliCacheSecret, describeReuse, type ScanCacheSettings } from '../cache/index.js';
import { InputError } from '../config/errors.js';
import { forLog } from '../text/inert.js';
import type { Command } from './command.js';

export const CACHE_USAGE = `  keyguard scan … --cache DIR          reuse what was scanned before (tree, --history, --sweep, --range)
  keyguard cache info|clear DIR        show or delete the scan caches in DIR`;

interface Io {
  stdout: { write(chunk: string): unknown };
  stderr: { write(chunk: string): unknown };
  env: NodeJS.ProcessEnv;
  cwd: string;
}

/** `--cache DIR` → settings (the secret from KEYGUARD_CACHE_KEY or the per-user key file). */
export function cacheSettingsFrom(value: unknown, io: Io): ScanCacheSettings | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !value.trim()) throw new InputError('--cache needs a directory');
  return { dir: resolve(io.cwd, value), secret: cliCacheSecret(io.env) };
}

/** The cache's warnings and how much it saved, on stderr (never in a report: reports stay the same). */
export function reportCache(report: CacheReport | undefined, io: Io): void {
  if (!report) return;
  for (const w of report.warnings) io.stderr.write(`keyguard: warning: ${forLog(w)}\n`);
  io.stderr.write(`keyguard: ${describeReuse(report.stats)}\n`);
}

export async function cmdCache(argv: string[], io: Io): Promise<number> {
  const [action, dirArg, ...extra] = argv;
  if (action !== 'info' && action !== 'clear') throw new InputError('usage: keyguard cache info|clear DIR');
  if (!dirArg || extra.length) throw new InputError(`usage: keyguard cache ${action} DIR`);
  const dir = resolve(io.cwd, dirArg);
  const { caches, temporary } = await listCacheFiles(dir);
  if (action === 'clear') {
    for (const name of [...caches, ...temporary]) await rm(join(dir, name), { force: true });
    io.stdout.write(
      `removed ${caches.length} cache file(s)${temporary.length ? ` and ${temporary.length} temporary file(s)` : ''} from ${forLog(dir)}\n`,
    );
    return 0;
  }
  if (!caches.length) {
    io.stdout.write(`no scan cache in ${forLog(dir)}\n`);
    return 0;
  }
  for (const name of caches) {
    let line: string;
    try {
      const buf = await readCacheFile(join(dir, name));
      const h = buf && readHeader(buf);
      line = h
        ? `${name}: format ${String(h.version)}, verdict key ${String(h.verdictKey).slice(0, 16)}…, ${buf.length} bytes, written ${String(h.written)}`
        : `${name}: not a keyguard scan cache (would be ignored)`;
    } catch (err) {
      line = `${name}: unreadable (${(err as Error).message})`;
    }
    io.stdout.write(`${forLog(line)}\n`);
  }
  return 0;
}

/** `keyguard cache info|clear DIR` as a command of the CLI's table. */
export const cacheCommand: Command = {
  name: 'cache',
  summary: 'show or delete the scan caches in a directory (see scan --cache)',
  usage: ['info|clear DIR'],
  flags: [],
  notes: [
    'Cache files hold what was scanned, findings included, encrypted and sealed with the cache secret (KEYGUARD_CACHE_KEY or the per-user key file): nothing in them is readable without it.',
  ],
  run: ({ positionals }, { io }) => cmdCache(positionals, io),
};
