/**
 * Where a cache directory is kept between runs: one small interface, two stores. In the action the
 * toolkit's `@actions/cache` (the Actions cache service); in tests, and wherever that service is absent,
 * a plain directory. `cacheStoreFor` picks one from the environment.
 *
 * Nothing a store returns is trusted: it only puts files in the cache directory, and the scan cache
 * checks every file it reads (checksum, verdict key, seal). A store that fails is a warning, never an error.
 */
import { cp, mkdir, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

export interface CacheStore {
  /** Fills `dir` from the newest entry named `key` or starting with a restore key; the key matched, or undefined. */
  restore(dir: string, key: string, restoreKeys: string[]): Promise<string | undefined>;
  /** Keeps `dir` under `key` (a new, unique key each run: entries are immutable). */
  save(dir: string, key: string): Promise<void>;
}

/** The part of `@actions/cache` the adapter uses (so unit tests pass a stub). */
export interface ActionsCacheLib {
  restoreCache(paths: string[], primaryKey: string, restoreKeys?: string[]): Promise<string | undefined>;
  saveCache(paths: string[], key: string): Promise<number>;
  isFeatureAvailable(): boolean;
}

/** `@actions/cache` behind `CacheStore`. */
export function actionsCacheStore(lib: ActionsCacheLib): CacheStore {
  return {
    async restore(dir, key, restoreKeys) {
      if (!lib.isFeatureAvailable()) return undefined;
      await mkdir(dir, { recursive: true });
      return lib.restoreCache([dir], key, restoreKeys);
    },
    async save(dir, key) {
      if (!lib.isFeatureAvailable()) return;
      await lib.saveCache([dir], key);
    },
  };
}

/** A directory of entries, one subdirectory per key (the newest matching entry wins a restore-key lookup). */
export function directoryCacheStore(root: string): CacheStore {
  return {
    async restore(dir, key, restoreKeys) {
      let names: string[] = [];
      try {
        // Oldest first, by when each entry was saved (as the service picks the newest match).
        const entries = await readdir(root);
        const times = new Map(
          await Promise.all(entries.map(async (n) => [n, (await stat(join(root, n))).mtimeMs] as const)),
        );
        names = entries.sort((a, b) => times.get(a)! - times.get(b)! || (a < b ? -1 : 1));
      } catch {
        return undefined;
      }
      const match =
        names.find((n) => n === key) ??
        restoreKeys.map((p) => names.filter((n) => n.startsWith(p)).pop()).find((n) => n !== undefined);
      if (!match) return undefined;
      await mkdir(dir, { recursive: true });
      await cp(join(root, match), dir, { recursive: true });
      return match;
    },
    async save(dir, key) {
      await mkdir(root, { recursive: true });
      await rm(join(root, key), { recursive: true, force: true });
      await cp(dir, join(root, key), { recursive: true });
    },
  };
}

/**
 * `KEYGUARD_CACHE_STORE_DIR` set (tests, self-hosted runners without the cache service): that directory;
 * else the Actions cache service through `@actions/cache`, loaded only when used.
 */
export async function cacheStoreFor(env: NodeJS.ProcessEnv = process.env): Promise<CacheStore> {
  const dir = env.KEYGUARD_CACHE_STORE_DIR?.trim();
  if (dir) return directoryCacheStore(dir);
  const lib = await import('@actions/cache');
  return actionsCacheStore(lib);
}
