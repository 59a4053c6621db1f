/** The scan cache's entry point for the pipeline: open it for a config, and what a run reports about it. */
import type { KeyguardConfig } from '../config/load.js';
import { detectorOptionsFrom } from '../config/wiring.js';
import { type CacheStats, ScanCache } from './scan-cache.js';
import { verdictKey } from './verdict-key.js';

export { type CacheStats, describeReuse, ScanCache } from './scan-cache.js';
export { cliCacheSecret, deriveCacheSecret } from './secret.js';

/** Where the cache lives and the secret that seals it. */
export interface ScanCacheSettings {
  dir: string;
  secret: Buffer;
}

/** What a run tells about its cache: work saved, and why a file was not trusted or not saved. */
export interface CacheReport {
  dir: string;
  stats: CacheStats;
  warnings: string[];
}

export function verdictKeyOf(config: KeyguardConfig): string {
  return verdictKey({ detector: detectorOptionsFrom(config), allowPaths: config.allowlist.paths });
}

export function openScanCache(settings: ScanCacheSettings, config: KeyguardConfig): Promise<ScanCache> {
  return ScanCache.open(settings.dir, verdictKeyOf(config), settings.secret);
}
