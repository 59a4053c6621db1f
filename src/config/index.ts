export { ConfigError, type ConfigPath, InputError, type LineOf } from './errors.js';
export {
  type CustomRule,
  camelKey,
  DEFAULT_CONFIG_FILES,
  defaultConfig,
  type KeyguardConfig,
  loadConfig,
  type ProviderConfig,
  parseConfig,
} from './load.js';
export { keyShaped, quote } from './quote.js';
export { checkRegex, type RegexProblem } from './regex-safety.js';
export { detectorOptionsFrom, scanPathFilters } from './wiring.js';
