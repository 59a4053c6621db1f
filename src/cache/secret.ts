/**
 * The secret that seals scan caches (see file.ts). It must be something the scanned code cannot read or
 * write: for the CLI, `KEYGUARD_CACHE_KEY` when set, else a random per-user key kept outside any
 * repository and outside the cache directory (`$XDG_STATE_HOME/keyguard/cache.key`, mode 0600); for the
 * action, derived from its `state-key` input (or an admin key), the secrets it already guards.
 */
import { hkdfSync, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

const SALT = 'keyguard/scan-cache/v1';

/** 32 bytes derived from secret material (domain-separated from every other use of it). */
export function deriveCacheSecret(material: string, context = ''): Buffer {
  return Buffer.from(hkdfSync('sha256', material, SALT, context, 32));
}

export function userKeyPath(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_STATE_HOME?.trim() || join(homedir(), '.local', 'state');
  return join(base, 'keyguard', 'cache.key');
}

/** The CLI's cache secret: from the environment, else the per-user key file (created on first use). */
export function cliCacheSecret(env: NodeJS.ProcessEnv = process.env): Buffer {
  const fromEnv = env.KEYGUARD_CACHE_KEY?.trim();
  if (fromEnv) {
    if (fromEnv.length < 16)
      throw new Error('KEYGUARD_CACHE_KEY: use a random secret of at least 16 characters');
    return deriveCacheSecret(fromEnv);
  }
  const path = userKeyPath(env);
  try {
    const hex = readFileSync(path, 'utf8').trim();
    if (/^[0-9a-f]{64}$/.test(hex)) return deriveCacheSecret(hex);
  } catch {
    // created below
  }
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const hex = randomBytes(32).toString('hex');
  try {
    writeFileSync(path, `${hex}\n`, { mode: 0o600, flag: 'wx' });
    return deriveCacheSecret(hex);
  } catch {
    // Another run created it at the same moment: use theirs.
    const other = readFileSync(path, 'utf8').trim();
    if (!/^[0-9a-f]{64}$/.test(other)) throw new Error(`${path} is not a keyguard cache key`);
    return deriveCacheSecret(other);
  }
}
