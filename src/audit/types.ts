/**
 * Types of the audit: what a leaked key did in the window before it was disabled.
 * Everything here is JSON-serialisable and carries no key (key-shaped text is redacted on output).
 */
import type { KeyPolicy, UsageEvent } from '../providers/types.js';

/**
 * One observation fed to the accumulator: a single request (call-log row, spend-log entry) or an
 * aggregated bucket (`bucketSeconds` set, `requests` > 1, no status/ip/userAgent).
 */
export interface AuditRecord extends Omit<UsageEvent, 'time'> {
  /** Epoch milliseconds (start of the request or bucket). */
  timeMs: number;
  /** Total tokens when the source gives only a total. */
  totalTokens?: number;
  /** `''` = the source has a user-agent field and it was empty; undefined = the source has none. */
  userAgent?: string;
  /** CSV row number: the record number with the header as row 1 (a quoted multi-line field is one row). */
  row?: number;
}

export type UaClass = 'sdk' | 'generic' | 'other' | 'unknown';

export interface UaLists {
  /** Case-insensitive substrings that mark an official SDK or framework. */
  sdk: string[];
  /** Case-insensitive substrings that mark a generic HTTP client (scripts, scanners). */
  generic: string[];
}

export interface AuditOptions {
  /** Analysis window; default: `windowHours` before `end`. */
  window?: { start: string; end: string };
  /** ISO 8601 end of the window (the disable time); default now. */
  end?: string;
  /** Window length in hours when `window` is not given; default 168 (7×24 h). */
  windowHours?: number;
  /** ISO 8601 leak time (date of the commit that introduced the key). */
  leakTime?: string;
  /** CIDRs (IPv4 and IPv6) of the owner's infrastructure. */
  allowIps?: string[];
  /** User-agent lists; default `DEFAULT_UA_LISTS`. */
  userAgents?: Partial<UaLists>;
  /** Only count events of these key ids (others are ignored and counted). */
  keyIds?: string[];
  /** Flagged requests kept in the report (the rest are only counted); default 1000. */
  flaggedLimit?: number;
  /** A jump is an hour above `jumpFactor` × the median hourly of the before-period… default 3. */
  jumpFactor?: number;
  /** …and at least this many requests (or tokens × 100 for token-only sources); default 20. */
  jumpMinimum?: number;
  /** Provider id when auditing one provider's usage API (picks gaps and budget wording). */
  provider?: string;
  /** Current time for the default window end (tests). */
  now?: () => Date;
}

export interface StatusSummary {
  /** Requests with a known HTTP status. */
  known: number;
  /** Requests whose source gives no status. */
  unknown: number;
  ok2xx: number;
  non2xx: number;
  s401: number;
  s403: number;
  s429: number;
  s5xx: number;
  /** Per status code, e.g. `{ "200": 950, "401": 20 }`. */
  byCode: Record<string, number>;
}

export interface HourPoint {
  /** ISO 8601 start of the hour. */
  hour: string;
  requests: number;
  tokens: number;
  costUsd: number;
  non2xx: number;
  s401: number;
  s403: number;
  s429: number;
  /** Requests from outside the IP allowlist. */
  flagged: number;
}

export interface UaCount {
  userAgent: string;
  uaClass: UaClass;
  requests: number;
}

export interface IpGroup {
  /** `203.0.113.0/24` or `2001:db8:1::/48`, or `(invalid)` for unparsable addresses. */
  group: string;
  allowed: boolean;
  requests: number;
  afterLeak: number;
  non2xx: number;
  /** Distinct addresses seen (capped at 20 listed; `distinctIps` counts up to 10 000). */
  ips: string[];
  distinctIps: number;
  firstSeen: string;
  lastSeen: string;
}

export interface FlaggedRequest {
  time: string;
  ip: string;
  ipGroup: string;
  userAgent?: string;
  uaClass: UaClass;
  status?: number;
  path?: string;
  model?: string;
  source: string;
  row?: number;
  afterLeak: boolean;
}

export interface PeriodTotals {
  /** ISO 8601. */
  start: string;
  end: string;
  hours: number;
  requests: number;
  tokens: number;
  costUsd: number;
  requestsPerHour: number;
}

export interface Jump {
  hour: string;
  metric: 'requests' | 'tokens';
  value: number;
  /** Median hourly value of the before-period the jump is measured against. */
  baseline: number;
  factor: number;
  afterLeak: boolean;
}

export type RecommendedPolicy = Pick<
  KeyPolicy,
  'rpm' | 'tpm' | 'dailyRequests' | 'budgetUsd' | 'budgetReset'
>;

export interface Recommendations {
  /** Merge into the replacement key's `KeyPolicy`. */
  policy: RecommendedPolicy;
  /** How each number was derived, in plain words. */
  basis: string[];
}

export interface SourceSummary {
  source: string;
  events: number;
  requests: number;
  /** Finest time resolution seen: `request`, `minute`, `hour`, `day`. */
  resolution: 'request' | 'minute' | 'hour' | 'day' | 'mixed';
}

export interface ManagementEvent {
  time: string;
  eventType: string;
  source: string;
  ip?: string;
  userAgent?: string;
}

export interface MalformedRow {
  /** Source name, e.g. the CSV file path. */
  source: string;
  /** CSV row number (header = 1; a quoted multi-line field is one row), or the index + 1 of a provider event. */
  row: number;
  reason: string;
}

export interface AuditReport {
  window: { start: string; end: string };
  leakTime?: string;
  sources: SourceSummary[];
  /** Questions the sources cannot answer, in plain words. */
  gaps: string[];
  totals: {
    events: number;
    requests: number;
    tokens: number;
    inputTokens: number;
    outputTokens: number;
    costUsd: number;
    /** Events outside the window, or of other key ids. */
    ignored: number;
    ignoredOtherKeys: number;
    /** When events fell outside the window: the time span they cover. */
    outsideWindow?: { first: string; last: string };
  };
  statusCounts: StatusSummary;
  perHour: HourPoint[];
  uaClasses: Record<UaClass, number>;
  topUserAgents: UaCount[];
  /** Distinct user agents beyond the tracked cap were folded into `otherUserAgents`. */
  otherUserAgents: number;
  ipGroups: IpGroup[];
  allowIps: string[];
  flagged: FlaggedRequest[];
  flaggedTotal: number;
  /** Distinct unknown IPs that sent requests after the leak time (or in the window without one). */
  unknownIpsAfterLeak: number;
  beforeAfter?: { before: PeriodTotals; after: PeriodTotals; ratioPerHour: number | null };
  jumps: Jump[];
  recommendations: Recommendations;
  managementEvents: ManagementEvent[];
  malformedRows: { count: number; examples: MalformedRow[] };
  verdict: string;
}
