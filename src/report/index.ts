export { escapeData, escapeProperty, MAX_ANNOTATIONS, renderAnnotations } from './annotations.js';
export {
  countFindings,
  providerName,
  type ReportData,
  sortByLocation,
  sortByUrgency,
  urgency,
} from './common.js';
export {
  buildJsonReport,
  JSON_REPORT_VERSION,
  type JsonFinding,
  type JsonOptions,
  type JsonReport,
  renderJson,
} from './json.js';
export {
  buildSarif,
  DEFAULT_INFORMATION_URI,
  MAX_SARIF_RESULTS,
  type RuleLookup,
  type RuleMeta,
  renderSarif,
  type SarifLog,
  type SarifOptions,
} from './sarif.js';
export { DEFAULT_SUMMARY_BYTES, escapeMarkdown, renderSummary, type SummaryOptions } from './summary.js';
export { renderText, type TextOptions } from './text.js';
