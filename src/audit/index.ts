/** The audit: what a leaked key did in the window before it was disabled. */
export { AuditAccumulator, auditFromEvents, resolveWindow } from './analyze.js';
export {
  type Cidr,
  cidrContains,
  formatIp,
  IpAllowlist,
  ipGroup,
  type ParsedIp,
  parseCidr,
  parseIp,
} from './cidr.js';
export { type AuditIo, auditHelp, parseAuditArgs, runAudit } from './cli.js';
export {
  COLUMN_ALIASES,
  type CsvField,
  type CsvReadOptions,
  type CsvReadStats,
  detectColumns,
  readCsvInto,
} from './csv.js';
export { gapsForCsv, gapsForSource } from './gaps.js';
export { auditProvider } from './provider.js';
export { scrubKeys } from './redact.js';
export {
  csvCell,
  renderFlaggedCsv,
  renderJson,
  renderMarkdown,
  renderText,
  requestsChart,
  statusChart,
} from './render.js';
export { parseDuration, parseTimestamp } from './time.js';
export type * from './types.js';
export { DEFAULT_UA_LISTS, UaClassifier } from './useragent.js';
