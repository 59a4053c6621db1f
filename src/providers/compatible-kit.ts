/**
 * Small helpers shared by the verify-only and self-hosted adapters in this folder (OpenRouter, LiteLLM,
 * DeepSeek, the OpenAI-compatible family, webhook): one HTTP client per adapter built from
 * ProviderSettings, error-body parsing, and the status → verdict table.
 *
 * Rule everywhere: a verdict is `revoked` only when the provider itself rejected the key (401); any
 * doubt (network error, 5xx, 429 after retries, a body that is not the provider's JSON) is `unknown`.
 */
import { type HttpClient, type HttpResponse, NetworkError } from '../http/client.js';
import { type Secret, scrub } from '../scan/secret.js';
import type { Verification } from '../types.js';
import { createProviderHttp, ProviderApiError, parseErrorBody, sanitize } from './common.js';
import type { ProviderSettings } from './types.js';

export { ProviderApiError };

/** The shared provider client (common.ts): no retries of 401/402/403; delays from settings. */
export function createClient(settings: ProviderSettings): HttpClient {
  return createProviderHttp(settings);
}

/** `https://x/v1` + `/models` → `https://x/v1/models` (no double slash, base path kept). */
export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}

/** Path with the query string dropped: what a Verification's `endpoint` shows. */
export function endpointOf(method: string, path: string): string {
  return `${method} ${path.split('?')[0]}`;
}

export interface ErrorInfo {
  code?: string;
  message?: string;
}

/** The provider's error code and message, whatever the dialect (common.ts `parseErrorBody`). */
export function errorInfo(json: unknown): ErrorInfo {
  const e = parseErrorBody(json);
  return { code: e.code, message: e.message };
}

/** Throws ProviderApiError for a non-2xx answer, with the provider's message scrubbed of any key. */
export function ensureOk(
  provider: string,
  endpoint: string,
  res: HttpResponse,
  secrets: Secret[] = [],
): HttpResponse {
  if (res.status >= 200 && res.status < 300) return res;
  const info = errorInfo(res.json);
  const msg = sanitize(info.message ?? (res.text.slice(0, 200) || 'no body'), secrets);
  const code = info.code ? ` (${info.code})` : '';
  throw new ProviderApiError(
    provider,
    endpoint,
    `answered ${res.status}${code}: ${msg}`,
    res.status,
    info.code,
  );
}

/** The same error with every given secret scrubbed from its message and stack (class and fields kept). */
export function scrubError(err: unknown, secrets: Secret[]): Error {
  if (!(err instanceof Error)) return new Error(scrub(String(err), secrets));
  const clean = scrub(err.message, secrets);
  if (clean !== err.message) {
    err.stack = err.stack ? scrub(err.stack, secrets) : err.stack;
    err.message = clean;
  }
  return err;
}

export function now(): string {
  return new Date().toISOString();
}

export interface VerdictOptions {
  provider: string;
  endpoint: string;
  key: Secret;
  /** 403 means a live key with limited rights (Stripe `rk_`). Default: 403 is unknown. */
  restrictedOn403?: boolean;
  /** Statuses that mean "this key does not exist" besides 401 (xAI answers 400). */
  revokedStatuses?: number[];
  /** Extra reading of a 2xx body: may turn it into revoked (a disabled key) or add detail. */
  onOk?: (json: unknown) => Partial<Verification> | undefined;
}

/** The one status → verdict table (reference §11: never "safe" on doubt). */
export function verdictFromResponse(res: HttpResponse, o: VerdictOptions): Verification {
  const info = errorInfo(res.json);
  const base = {
    provider: o.provider,
    endpoint: o.endpoint,
    httpStatus: res.status,
    checkedAt: now(),
    ...(info.code && { errorCode: info.code }),
  };
  const said = info.message ? `: ${sanitize(info.message, [o.key]).slice(0, 160)}` : '';
  const s = res.status;
  if (s >= 200 && s < 300) {
    if (res.json === undefined || typeof res.json !== 'object') {
      return {
        ...base,
        status: 'unknown',
        detail: `answered ${s} but the body was not ${o.provider}'s JSON (a proxy or portal in the way?)`,
      };
    }
    const extra = o.onOk?.(res.json);
    return { ...base, status: 'live', detail: `the key was accepted (${s})`, ...extra };
  }
  if (s === 401 || o.revokedStatuses?.includes(s)) {
    return { ...base, status: 'revoked', detail: `the key was rejected (${s})${said}` };
  }
  if (s === 402) {
    return {
      ...base,
      status: 'live',
      detail: `the key authenticated but the account has no credit (402)${said}`,
    };
  }
  if (s === 403 && o.restrictedOn403) {
    return {
      ...base,
      status: 'live',
      restricted: true,
      detail: `the key is valid but restricted: it may not call this endpoint (403)${said}`,
    };
  }
  if (s === 429 && (info.code === 'insufficient_quota' || /quota/i.test(info.message ?? ''))) {
    return { ...base, status: 'live', detail: `the key authenticated but its quota is used up (429)${said}` };
  }
  const why =
    s === 429
      ? `still rate limited after ${res.attempts} attempt(s) (429)`
      : s >= 500
        ? `the provider failed (${s}) after ${res.attempts} attempt(s)`
        : s === 403
          ? 'access was forbidden (403): the key may be valid without rights here, or the region is blocked'
          : `unexpected answer ${s}`;
  return { ...base, status: 'unknown', detail: `${why}${said}` };
}

/** A request that never got an answer: always unknown, never revoked. */
export function verdictFromError(
  err: unknown,
  o: { provider: string; endpoint: string; key: Secret },
): Verification {
  const why =
    err instanceof NetworkError
      ? `no answer: ${/TimeoutError|due to timeout/.test(err.causeMessage) ? 'timed out' : err.causeMessage} after ${err.attempts} attempt(s)`
      : `request failed: ${err instanceof Error ? err.message : String(err)}`;
  return {
    status: 'unknown',
    provider: o.provider,
    endpoint: o.endpoint,
    detail: scrub(why, [o.key]),
    checkedAt: now(),
  };
}

/** Sends one GET with the key as Bearer and maps the answer. */
export async function bearerCheck(
  client: HttpClient,
  baseUrl: string,
  path: string,
  o: Omit<VerdictOptions, 'endpoint'> & { headers?: Record<string, string> },
): Promise<Verification> {
  const endpoint = endpointOf('GET', path);
  try {
    const res = await client.request({
      url: joinUrl(baseUrl, path),
      headers: o.headers ?? { authorization: `Bearer ${o.key.reveal()}` },
    });
    return verdictFromResponse(res, { ...o, endpoint });
  } catch (err) {
    return verdictFromError(err, { provider: o.provider, endpoint, key: o.key });
  }
}

export function bearer(key: Secret): Record<string, string> {
  return { authorization: `Bearer ${key.reveal()}` };
}

export function requireAdmin(provider: string, adminKey: Secret | undefined, what: string): Secret {
  if (!adminKey) {
    throw new ProviderApiError(
      provider,
      what,
      'needs an admin/management key in config',
      undefined,
      'no_admin_key',
    );
  }
  return adminKey;
}
