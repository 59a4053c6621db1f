export {
  applyFilters,
  compileAllowlist,
  type FilterConfig,
  type FilterResult,
  type SuppressReason,
} from './apply.js';
export {
  type Baseline,
  type BaselineEntry,
  baselineMatcher,
  buildBaseline,
  parseBaseline,
  readBaseline,
  serializeBaseline,
  writeBaseline,
} from './baseline.js';
export { normalizeGlob, type PathAllowlist, pathAllowlist } from './paths.js';
