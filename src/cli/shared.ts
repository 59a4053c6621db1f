/** Pieces more than one command uses: the config lookup, provider base URLs, the PATH argument. */
import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { InputError } from '../config/errors.js';
import { type KeyguardConfig, loadConfig } from '../config/load.js';
import { urlProblem } from '../http/url.js';
import { BASE_URL_PROVIDERS } from '../pipeline/providers.js';
import type { FlagSpec, FlagValues } from './flags.js';

export const CONFIG_FLAG: FlagSpec = {
  name: 'config',
  short: 'c',
  type: 'string',
  value: 'FILE',
  description: 'configuration file (default: .keyguard.yml or .keyguard.yaml in the scanned directory)',
};

export const BASE_URL_FLAGS: readonly FlagSpec[] = BASE_URL_PROVIDERS.map((p) => ({
  name: `${p}-base-url`,
  type: 'string' as const,
  value: 'URL',
  description: `${p} API base URL (a proxy or gateway; https, or http on loopback)`,
}));

export function baseUrlsFrom(values: FlagValues): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of BASE_URL_PROVIDERS) {
    const v = values[`${p}-base-url`];
    if (typeof v === 'string' && v) {
      const problem = urlProblem(v, 'https://api.openai.com/v1');
      if (problem) throw new InputError(`--${p}-base-url: ${problem}`);
      out[p] = v.replace(/\/+$/, '');
    }
  }
  return out;
}

/**
 * `--config FILE` is the user's own choice (a regular file, wherever it is); a config found in the
 * scanned directory comes with the tree, so it must really be inside it (no link leading out).
 */
export async function configFor(
  root: string,
  file: string | undefined,
  cwd: string,
): Promise<KeyguardConfig> {
  if (file) return loadConfig(resolve(cwd, file), { required: true });
  for (const name of ['.keyguard.yml', '.keyguard.yaml']) {
    const candidate = join(root, name);
    const cfg = await loadConfig(candidate, {
      required: false,
      within: [root],
      withinName: 'the scanned directory',
    });
    if (cfg.source.file) return cfg;
  }
  return loadConfig(join(root, '.keyguard.yml'), { required: false });
}

/** The PATH argument, resolved: a directory, or a one-line usage error naming it. */
export function directory(cwd: string, path = '.'): string {
  const root = resolve(cwd, path);
  let ok = false;
  try {
    ok = statSync(root).isDirectory();
  } catch {}
  if (!ok) throw new InputError(`PATH "${path}" is not a directory`);
  return root;
}

/** At most `n` positionals, or a usage error. */
export function atMost(command: string, positionals: string[], n: number, what: string): void {
  if (positionals.length > n)
    throw new InputError(
      n === 0
        ? `${command} takes no arguments (got "${positionals[0]}"); see keyguard ${command} --help`
        : `${command} takes one ${what} (got ${positionals.length})`,
    );
}
