/**
 * Helpers every provider adapter shares: one HTTP client set up from ProviderSettings, error-body
 * parsing for the common wire formats, Verification builders, redacted-value matching for `locate`,
 * cursor/page pagination, URL building with array parameters, and an error type that never carries a key.
 */

import {
  HttpClient,
  type HttpRequest,
  type HttpResponse,
  isRetryableStatus,
  NetworkError,
  type RetryPolicy,
  safePath,
} from '../http/client.js';
import { redact, type Secret, scrub } from '../scan/secret.js';
import type { Liveness, Verification } from '../types.js';
import { type Query, withQuery } from './query.js';
import type { KeyRef, LocateResult, ProviderSettings } from './types.js';

// ---------------------------------------------------------------------------------------------------
// HTTP

export interface AdapterOptions {
  retry?: Partial<RetryPolicy>;
  /** Non-fatal problems (e.g. audit log unavailable) are reported here instead of failing the call. */
  onWarning?: (message: string) => void;
}

/**
 * §11: statuses 401/402/403 and `insufficient_quota` are never retried (waiting will not fix them),
 * even if the server says `x-should-retry: true`; everything else follows the client's default rule.
 */
export function providerRetryable(res: { status: number; headers: Headers; json: unknown }): boolean {
  if (res.status === 401 || res.status === 402 || res.status === 403) return false;
  return isRetryableStatus(res.status, res.headers, res.json);
}

/** The retry policy from ProviderSettings, overridden by an explicit `retry` (tests pass tiny delays). */
export function retryPolicyFrom(
  settings: ProviderSettings,
  retry?: Partial<RetryPolicy>,
): Partial<RetryPolicy> {
  const p: Partial<RetryPolicy> = {};
  if (settings.timeoutMs !== undefined) p.timeoutMs = settings.timeoutMs;
  if (settings.maxRetries !== undefined) p.maxRetries = settings.maxRetries;
  if (settings.maxRetryDelayMs !== undefined) p.maxDelayMs = settings.maxRetryDelayMs;
  return { ...p, ...retry };
}

export function createProviderHttp(
  settings: ProviderSettings,
  retry?: Partial<RetryPolicy>,
  overrides: Partial<RetryPolicy> = {},
): HttpClient {
  return new HttpClient({
    retry: { ...retryPolicyFrom(settings, retry), ...overrides },
    budget: settings.budget,
    fetch: settings.fetch,
    isRetryable: providerRetryable,
  });
}

/** Joins a base URL and a path, adding query parameters serialised per `formatQuery` (./query.ts). */
export function buildUrl(base: string, path: string, query: Query = {}): string {
  return withQuery(`${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`, query);
}

/** `GET /v1/models`: method and path only (the base URL may be a private proxy; queries may hold keys). */
export function endpointOf(method: string, url: string): string {
  return `${method.toUpperCase()} ${safePath(url)}`;
}

// ---------------------------------------------------------------------------------------------------
// Errors

/** What a provider's error body says, whatever its dialect. */
export interface ParsedError {
  /** Machine code: OpenAI `code` (else `type`), Anthropic `error.type`, OpenRouter numeric code as text. */
  code?: string;
  /** The error's `type` when the body has one (`invalid_request_error`, `authentication_error`). */
  type?: string;
  message?: string;
  requestId?: string;
}

/**
 * Parses the error dialects met here:
 * OpenAI / DeepSeek `{error:{message,type,code}}`, Anthropic `{type:"error",error:{type,message},request_id}`,
 * OpenRouter `{error:{code:401,message}}`, LiteLLM `{detail:[{msg}]}` or `{detail:"…"}`, and `{message}`.
 */
export function parseErrorBody(json: unknown, headers?: Headers): ParsedError {
  const out: ParsedError = {};
  const requestId = headers?.get('x-request-id') ?? headers?.get('request-id') ?? undefined;
  if (requestId) out.requestId = requestId;
  if (!json || typeof json !== 'object') return out;
  const body = json as Record<string, unknown>;
  if (typeof body.request_id === 'string') out.requestId = body.request_id;
  const err = body.error;
  if (err && typeof err === 'object') {
    const e = err as Record<string, unknown>;
    if (typeof e.message === 'string') out.message = e.message;
    if (typeof e.type === 'string') out.type = e.type;
    if (typeof e.code === 'string' && e.code) out.code = e.code;
    else if (typeof e.code === 'number') out.code = String(e.code);
    else if (out.type) out.code = out.type;
  } else if (typeof err === 'string') {
    out.message = err;
  }
  if (!out.message && typeof body.message === 'string') out.message = body.message;
  if (!out.message && body.detail !== undefined) {
    if (typeof body.detail === 'string') out.message = body.detail;
    else if (Array.isArray(body.detail)) {
      out.message = body.detail
        .map((d) => (d && typeof d === 'object' ? String((d as { msg?: unknown }).msg ?? '') : String(d)))
        .filter(Boolean)
        .join('; ');
    }
  }
  return out;
}

/**
 * Anything that looks like a key (any `sk-`/`rk_`/`sk_` token of 20+ characters) is replaced by its
 * redacted form: provider messages echo keys, sometimes unmasked (DeepSeek, proxies).
 */
const KEYISH = /\b(?:sk|rk)[-_][A-Za-z0-9_-]{20,}/g;

export function sanitize(text: string, secrets: Iterable<Secret> = []): string {
  const scrubbed = scrub(text, secrets);
  return scrubbed.replace(KEYISH, (m) => redact(m));
}

/**
 * An admin-API call that failed: names the operation, the path and the provider's own words, never a key.
 * `transient` (read by the rotation saga's step retry) defaults from the status: 408/409/429/5xx; pass
 * true for "no answer" failures of calls that are safe to repeat.
 */
export class ProviderApiError extends Error {
  readonly transient: boolean;

  constructor(
    readonly provider: string,
    readonly operation: string,
    message: string,
    readonly status?: number,
    readonly code?: string,
    transient?: boolean,
  ) {
    super(sanitize(`${provider} ${operation}: ${message}`));
    this.name = 'ProviderApiError';
    this.transient =
      transient ??
      (status !== undefined && (status === 408 || status === 409 || status === 429 || status >= 500));
  }
}

/** Builds a ProviderApiError from an unexpected HTTP answer. */
export function apiError(
  provider: string,
  operation: string,
  method: string,
  url: string,
  res: HttpResponse,
) {
  const err = parseErrorBody(res.json, res.headers);
  const what = err.message ? `: ${err.message}` : '';
  const code = err.code ? ` (${err.code})` : '';
  return new ProviderApiError(
    provider,
    operation,
    `${endpointOf(method, url)} answered ${res.status}${code}${what}`,
    res.status,
    err.code,
  );
}

/** Sends a request and returns the 2xx JSON body, or throws ProviderApiError (NetworkError is re-wrapped). */
export async function requestJson<T>(
  http: HttpClient,
  provider: string,
  operation: string,
  req: HttpRequest,
): Promise<T> {
  const method = req.method ?? 'GET';
  let res: HttpResponse;
  try {
    res = await http.request(req);
  } catch (e) {
    if (e instanceof NetworkError) {
      throw new ProviderApiError(
        provider,
        operation,
        `${e.method} ${e.path}: no answer (${e.causeMessage})`,
        undefined,
        undefined,
        true,
      );
    }
    throw e;
  }
  if (res.status < 200 || res.status >= 300) throw apiError(provider, operation, method, req.url, res);
  if (res.json === undefined || res.json === null || typeof res.json !== 'object') {
    throw new ProviderApiError(
      provider,
      operation,
      `${endpointOf(method, req.url)} answered ${res.status} with a body that is not JSON`,
      res.status,
    );
  }
  return res.json as T;
}

// ---------------------------------------------------------------------------------------------------
// Verification

export interface VerdictParts {
  status: Liveness;
  detail: string;
  httpStatus?: number;
  errorCode?: string;
  restricted?: boolean;
}

export function verification(provider: string, endpoint: string, parts: VerdictParts): Verification {
  const v: Verification = {
    status: parts.status,
    provider,
    endpoint,
    detail: sanitize(parts.detail),
    checkedAt: new Date().toISOString(),
  };
  if (parts.httpStatus !== undefined) v.httpStatus = parts.httpStatus;
  if (parts.errorCode) v.errorCode = parts.errorCode;
  if (parts.restricted) v.restricted = true;
  return v;
}

/**
 * Runs a liveness request and hands the answer to `classify`. `provider.id` goes into the
 * Verification, `provider.name` into the sentences. Network failures, and 200s whose body
 * is not the JSON `isWellFormed` expects, become `unknown`: verification never says "safe" on doubt.
 */
export async function runVerify(
  provider: { id: string; name: string },
  http: HttpClient,
  req: HttpRequest,
  classify: (res: HttpResponse, err: ParsedError) => VerdictParts,
  isWellFormed: (json: unknown) => boolean = (j) => !!j && typeof j === 'object',
): Promise<Verification> {
  const endpoint = endpointOf(req.method ?? 'GET', req.url);
  let res: HttpResponse;
  try {
    res = await http.request(req);
  } catch (e) {
    const why = e instanceof NetworkError ? e.causeMessage : e instanceof Error ? e.message : String(e);
    return verification(provider.id, endpoint, {
      status: 'unknown',
      detail: `No answer from ${provider.name} (${why}), so the key's state is unknown.`,
    });
  }
  if (res.status >= 200 && res.status < 300 && !isWellFormed(res.json)) {
    return verification(provider.id, endpoint, {
      status: 'unknown',
      httpStatus: res.status,
      detail: `${provider.name} answered ${res.status} but the body was not the expected JSON (a proxy or captive portal?), so the key's state is unknown.`,
    });
  }
  const parts = classify(res, parseErrorBody(res.json, res.headers));
  return verification(provider.id, endpoint, { httpStatus: res.status, ...parts });
}

/** A verdict for statuses every provider treats alike: rate limits and server errors after retries. */
export function transientVerdict(
  provider: string,
  res: { status: number; attempts: number },
  err: ParsedError,
): VerdictParts | undefined {
  const tries = res.attempts > 1 ? ` after ${res.attempts} attempts` : '';
  if (res.status === 429) {
    return {
      status: 'unknown',
      errorCode: err.code,
      detail: `${provider} kept answering 429 (rate limited)${tries}, so the key's state is unknown.`,
    };
  }
  if (res.status >= 500) {
    return {
      status: 'unknown',
      errorCode: err.code,
      detail: `${provider} answered ${res.status} (server error)${tries}, so the key's state is unknown.`,
    };
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------
// Matching a key against the provider's redacted form

const MASK = /[.*…]/;

/**
 * Does `redacted` (`sk-proj-...9f2c`, `sk-ant-api03-R2D...igAA`, `sk-proj-****…****9f2c`) describe `key`?
 * Prefix = text before the first mask character, suffix = the trailing unmasked run; a form masked to the
 * key's length (only `*` in the middle) must also have the key's length. A form with no suffix matches nothing.
 */
export function matchesRedacted(key: string, redacted: string | undefined | null): boolean {
  if (!redacted) return false;
  const first = redacted.search(MASK);
  if (first < 0) return redacted === key;
  const prefix = redacted.slice(0, first);
  let end = redacted.length;
  while (end > first && !MASK.test(redacted[end - 1]!)) end--;
  const suffix = redacted.slice(end);
  if (!suffix) return false;
  if (prefix.length + suffix.length > key.length) return false;
  if (!key.startsWith(prefix) || !key.endsWith(suffix)) return false;
  const middle = redacted.slice(first, end);
  if (/^\*+$/.test(middle) && redacted.length !== key.length) return false;
  return true;
}

/** Characters of the key a redacted form actually reveals, beyond the well-known provider prefix. */
export function informativeChars(redacted: string, knownPrefix = ''): number {
  const first = redacted.search(MASK);
  if (first < 0) return redacted.length;
  let end = redacted.length;
  while (end > first && !MASK.test(redacted[end - 1]!)) end--;
  return Math.max(0, first - knownPrefix.length) + (redacted.length - end);
}

/** found / ambiguous / not-found from the refs whose redacted value matched (deduplicated by id). */
export function locateResult(provider: string, matches: KeyRef[], searched: string): LocateResult {
  const unique = [...new Map(matches.map((m) => [m.id, m])).values()];
  if (unique.length === 1) return { status: 'found', ref: unique[0]! };
  if (unique.length === 0) {
    return {
      status: 'not-found',
      reason: `No ${provider} key's redacted value matches the key (${searched}).`,
    };
  }
  const shown = unique.map((m) => `${m.id}${m.projectId ? ` in ${m.projectId}` : ''}`).join(', ');
  return {
    status: 'ambiguous',
    matches: unique,
    reason:
      `${unique.length} ${provider} keys (${shown}) show the same redacted value ${unique[0]!.redactedValue ?? ''}: ` +
      'the provider reveals only a few characters of each key, so keyguard will not choose one; confirm the key id by hand.',
  };
}

// ---------------------------------------------------------------------------------------------------
// Pagination

/**
 * Walks every page of a list. `fetchPage(cursor)` returns the items, whether there is more, and the
 * cursor for the next page (`last_id`, `next_page`, an offset...). Stops on a repeated cursor.
 */
export async function collectPages<T>(
  fetchPage: (cursor: string | undefined) => Promise<{ items: T[]; next?: string | null; hasMore: boolean }>,
  maxPages = 1000,
): Promise<T[]> {
  const all: T[] = [];
  const seen = new Set<string>();
  let cursor: string | undefined;
  for (let page = 0; page < maxPages; page++) {
    const { items, next, hasMore } = await fetchPage(cursor);
    all.push(...items);
    if (!hasMore || !next || seen.has(next)) break;
    seen.add(next);
    cursor = next;
  }
  return all;
}

/** Runs `fn` over items with at most `limit` in flight, keeping input order in the result. */
export async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Unix seconds of an ISO time. */
export function unixSeconds(iso: string): number {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) throw new ProviderApiError('keyguard', 'time window', `not an ISO 8601 time: ${iso}`);
  return Math.floor(t / 1000);
}
