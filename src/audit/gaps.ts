/**
 * What each source cannot tell, said plainly in the report so nobody reads "0 unknown IPs" as
 * "no attacker" when the source never records IPs.
 */

const SOURCE_GAPS: Record<string, string[]> = {
  'openai-usage': [
    'OpenAI usage API: aggregated buckets only: no per-request HTTP status, source IP or user agent; failed (401/429) calls are not in it.',
  ],
  'openai-audit-log': [
    'OpenAI audit log: management actions only (key created/deleted, logins): it does not list API calls made with the key.',
    'OpenAI audit log: no user agent for any action, and no IP for actions made with an API key (only dashboard sessions carry an IP).',
  ],
  'anthropic-usage': [
    'Anthropic usage report: tokens only: no request count, HTTP status, source IP or user agent.',
  ],
  'openrouter-activity': [
    'OpenRouter activity: one row per day and model: no hourly pattern, HTTP status, source IP or user agent; only the last 30 completed UTC days.',
    "OpenRouter activity: rows do not name the key: they are the key's only because the provider applied the api_key_hash filter.",
  ],
  'litellm-spend-logs': [
    'LiteLLM spend logs: calls rejected before the proxy logs them (e.g. a bad key) are missing; the user agent only when the proxy keeps request headers in metadata.',
  ],
};

/** Gaps for a named source (by exact id or id prefix, e.g. `openai-usage-completions`). */
export function gapsForSource(source: string): string[] {
  for (const [id, gaps] of Object.entries(SOURCE_GAPS)) {
    if (source === id || source.startsWith(`${id}-`) || source.startsWith(`${id}:`)) return gaps;
  }
  return [];
}

export type CsvField =
  | 'time'
  | 'status'
  | 'userAgent'
  | 'ip'
  | 'path'
  | 'keyId'
  | 'model'
  | 'tokens'
  | 'inputTokens'
  | 'outputTokens'
  | 'cost'
  | 'requests';

const CSV_FIELD_GAPS: Partial<Record<CsvField, string>> = {
  status: 'no status column: failed calls (401/403/429) cannot be told from successful ones',
  ip: 'no IP column: requests from unknown networks cannot be found',
  userAgent: 'no user-agent column: SDK vs script traffic cannot be told apart',
};

/** Gaps of a CSV call log from the columns it lacks. */
export function gapsForCsv(name: string, present: Set<CsvField>): string[] {
  const out: string[] = [];
  for (const [field, text] of Object.entries(CSV_FIELD_GAPS) as [CsvField, string][]) {
    if (!present.has(field)) out.push(`${name}: ${text}.`);
  }
  if (!present.has('tokens') && !present.has('inputTokens') && !present.has('outputTokens')) {
    out.push(`${name}: no token columns: token usage and the tpm recommendation are unknown.`);
  }
  return out;
}
