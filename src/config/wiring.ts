/**
 * What the rest of keyguard takes from the config: detector options and the engine's path filters.
 * Kept here so main.ts and cli.ts wire the config the same way.
 */
import { pathAllowlist } from '../filters/paths.js';
import type { DetectorOptions } from '../scan/detector.js';
import type { KeyguardConfig } from './load.js';

/** Disabled, enabled and custom rules, allow regexes and stopwords: the detector drops these early. */
export function detectorOptionsFrom(
  config: KeyguardConfig,
): Pick<DetectorOptions, 'disabledRules' | 'enableRules' | 'customRules' | 'allowRegexes' | 'stopwords'> {
  return {
    disabledRules: [...config.rules.disable],
    enableRules: [...config.rules.enable],
    customRules: config.rules.custom.map((r) => ({ ...r })),
    allowRegexes: [...config.allowlist.regexes],
    stopwords: [...config.allowlist.stopwords],
  };
}

/** `include` / `includeDir` for the scan engine: allowlisted paths are never read. */
export function scanPathFilters(config: KeyguardConfig): {
  include?: (relPath: string) => boolean;
  includeDir?: (relDir: string) => boolean;
} {
  if (config.allowlist.paths.length === 0) return {};
  const allow = pathAllowlist(config.allowlist.paths);
  return { include: allow.include, includeDir: allow.includeDir };
}
