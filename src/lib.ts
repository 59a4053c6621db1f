/**
 * The package's library entry (`import { scanDirectory } from 'keyguard'`). Importing it runs nothing:
 * the action is dist/index.js (run by the runner, never imported) and the CLI is dist/cli.js (the `bin`).
 *
 * A deliberately small surface: scan a directory the way `keyguard scan` does and get the findings.
 * Each finding's `secret` serialises as its redacted form (JSON.stringify, util.inspect), so logging a
 * finding never prints a whole key.
 */
import { join, resolve } from 'node:path';
import { type KeyguardConfig, loadConfig } from './config/load.js';
import { readBaseline } from './filters/index.js';
import { runScan } from './pipeline/scan.js';
import type { Finding, ScanWarning } from './types.js';

export type { Finding, ScanWarning } from './types.js';
export { VERSION } from './version.js';

export interface ScanDirectoryOptions {
  /** `tree` (default): the files as they are; `history`: every commit of every ref; `sweep`: both; `staged`: what `git add` staged. */
  target?: 'tree' | 'history' | 'sweep' | 'staged';
  /** A config file to use instead of the directory's own `.keyguard.yml`. */
  configFile?: string;
  /** A baseline file (`keyguard baseline`): its fingerprints do not count as new. */
  baselineFile?: string;
}

export interface ScanDirectoryResult {
  /** After allowlists and inline `keyguard:allow`. */
  findings: Finding[];
  /** Not in the baseline: what `keyguard scan` fails on. */
  newFindings: Finding[];
  warnings: ScanWarning[];
}

/** The directory's own config must really be inside it (no link leading out), as in the CLI. */
async function configOf(root: string, file: string | undefined): Promise<KeyguardConfig> {
  if (file !== undefined) return loadConfig(resolve(file), { required: true });
  for (const name of ['.keyguard.yml', '.keyguard.yaml']) {
    const cfg = await loadConfig(join(root, name), {
      required: false,
      within: [root],
      withinName: 'the scanned directory',
    });
    if (cfg.source.file) return cfg;
  }
  return loadConfig(join(root, '.keyguard.yml'), { required: false });
}

/** Scans `dir` for leaked keys; a bad config or baseline rejects with a message naming the file. */
export async function scanDirectory(
  dir: string,
  opts: ScanDirectoryOptions = {},
): Promise<ScanDirectoryResult> {
  const root = resolve(dir);
  const config = await configOf(root, opts.configFile);
  const baseline =
    opts.baselineFile !== undefined ? await readBaseline(resolve(opts.baselineFile)) : undefined;
  const outcome = await runScan({ root, target: { kind: opts.target ?? 'tree' }, config, baseline });
  return { findings: outcome.findings, newFindings: outcome.newFindings, warnings: outcome.result.warnings };
}
