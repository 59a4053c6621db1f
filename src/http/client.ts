/**
 * The one HTTP client every provider adapter and the GitHub secrets sink use: fetch with a timeout,
 * retries with exponential backoff and jitter for transient failures, and honour for the servers'
 * own wait hints (`retry-after-ms`, `retry-after`, GitHub's `x-ratelimit-reset`). Every wait is charged to
 * the run's RetryBudget (./budget.ts): a hint longer than what is left is answered at once, not slept.
 * POST is not retried after a 5xx or no answer (a second create makes a second key) unless the request
 * says the API makes it idempotent; a 429 means "not processed", so it is waited out for every method.
 *
 * Errors name the method and the URL path only: query strings can hold keys (LiteLLM `/key/info?key=`).
 * URLs are shown only through `./url.ts` (Node's fetch refuses a URL with user info, quoting it: scrubbed).
 */

import { isIdempotentMethod, RetryBudget } from './budget.js';
import { displayPath, scrubUrls } from './url.js';

export interface HttpRequest {
  method?: string;
  url: string;
  headers?: Record<string, string>;
  /** Serialised as JSON when not a string. */
  body?: unknown;
  /**
   * May this request be repeated after a 5xx or no answer? Default: every method but POST. Set it on a
   * POST only where the API says repeating it is harmless (setting a key's status, blocking a key).
   */
  idempotent?: boolean;
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  text: string;
  /** Parsed body, or undefined when it is not JSON. */
  json: unknown;
  /** How many attempts were made (1 = no retry). */
  attempts: number;
}

export interface RetryPolicy {
  /** Retries after the first attempt. */
  maxRetries: number;
  baseDelayMs: number;
  /** Longest single wait; a server hint above it is clamped. */
  maxDelayMs: number;
  timeoutMs: number;
  /** Budget of this client's waits when no run-wide RetryBudget is given. */
  budgetMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  maxRetries: 3,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  timeoutMs: 20_000,
  budgetMs: 120_000,
};

/** A request that never got an HTTP answer (DNS, refused, reset, timeout) after all retries. */
export class NetworkError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly causeMessage: string,
    readonly attempts: number,
  ) {
    super(`${method} ${path} failed after ${attempts} attempt(s): ${scrubUrls(causeMessage)}`);
    this.name = 'NetworkError';
  }
}

/** The path of a URL, for errors and logs: never its host's user info, query or fragment. */
export function safePath(url: string): string {
  return displayPath(url);
}

/** Default rule: 408, 409, 429, 5xx and 529 are transient unless the server says otherwise. */
export function isRetryableStatus(status: number, headers: Headers, json?: unknown): boolean {
  const should = headers.get('x-should-retry');
  if (should === 'true') return true;
  if (should === 'false') return false;
  if (isQuotaExhausted(json)) return false;
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/** OpenAI's `insufficient_quota` (no credit) must never be retried: waiting will not fix it. */
function isQuotaExhausted(json: unknown): boolean {
  const err = (json as { error?: { code?: unknown; type?: unknown } } | undefined)?.error;
  return err?.code === 'insufficient_quota' || err?.type === 'insufficient_quota';
}

/** The server's own wait hint in ms, if any. */
export function retryAfterMs(headers: Headers, now = Date.now()): number | undefined {
  const ms = headers.get('retry-after-ms');
  if (ms && /^\d+(\.\d+)?$/.test(ms.trim())) return Number(ms);
  const ra = headers.get('retry-after');
  if (ra) {
    if (/^\d+(\.\d+)?$/.test(ra.trim())) return Number(ra) * 1000;
    const date = Date.parse(ra);
    if (!Number.isNaN(date)) return Math.max(0, date - now);
  }
  // GitHub primary rate limit: remaining 0 and a reset time in epoch seconds.
  if (headers.get('x-ratelimit-remaining') === '0') {
    const reset = Number(headers.get('x-ratelimit-reset'));
    if (reset > 0) return Math.max(0, reset * 1000 - now);
  }
  return undefined;
}

export function backoffMs(attempt: number, policy: RetryPolicy, random = Math.random): number {
  const exp = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  // Up to 25 % jitter below the exponential value, so concurrent clients spread out.
  return Math.round(exp * (1 - 0.25 * random()));
}

export interface HttpClientOptions {
  retry?: Partial<RetryPolicy>;
  /** The run's shared budget for retry waits (default: a private one of `retry.budgetMs`). */
  budget?: RetryBudget;
  fetch?: typeof fetch;
  /** Called before each wait: for logging (`waiting 2s after 429 on GET /v1/models`). */
  onRetry?: (info: { attempt: number; waitMs: number; status?: number; path: string }) => void;
  /** Override which answers are transient. */
  isRetryable?: (res: { status: number; headers: Headers; json: unknown }) => boolean;
}

export class HttpClient {
  readonly policy: RetryPolicy;
  readonly budget: RetryBudget;
  readonly #fetch: typeof fetch;

  constructor(private readonly options: HttpClientOptions = {}) {
    this.policy = { ...DEFAULT_RETRY, ...options.retry };
    this.budget = options.budget ?? new RetryBudget({ totalMs: this.policy.budgetMs });
    this.#fetch = options.fetch ?? fetch;
  }

  /**
   * A retry wait for adapters that run their own loop over a one-attempt client (OpenAI's POST and
   * DELETE): capped at `maxDelayMs`, charged to the budget; false (no sleep) when it does not fit.
   */
  pause(ms: number): Promise<boolean> {
    return this.budget.wait(Math.min(ms, this.policy.maxDelayMs));
  }

  /**
   * Sends the request, retrying transient failures. Returns the last HTTP answer, whatever its
   * status (callers map statuses to meaning); throws NetworkError only when no answer ever came.
   */
  async request(req: HttpRequest): Promise<HttpResponse> {
    const method = (req.method ?? 'GET').toUpperCase();
    const path = safePath(req.url);
    const idempotent = req.idempotent ?? isIdempotentMethod(method);
    const headers: Record<string, string> = { 'user-agent': 'keyguard', ...req.headers };
    let body: string | undefined;
    if (req.body !== undefined) {
      body = typeof req.body === 'string' ? req.body : JSON.stringify(req.body);
      if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
        headers['content-type'] = 'application/json';
      }
    }
    let lastNetworkError = '';
    for (let attempt = 0; ; attempt++) {
      const attempts = attempt + 1;
      let waitMs: number | undefined;
      let status: number | undefined;
      // A stage deadline (verification's): nothing starts after it, and no attempt outlives it.
      const wallLeft = this.budget.wallLeftMs();
      if (wallLeft !== undefined && wallLeft <= 0) {
        throw new NetworkError(
          method,
          path,
          `${lastNetworkError ? `${lastNetworkError}; ` : ''}not sent: time budget spent (${this.budget.describe()})`,
          attempt,
        );
      }
      try {
        const res = await this.#fetch(req.url, {
          method,
          headers,
          body,
          signal: AbortSignal.timeout(Math.min(this.policy.timeoutMs, wallLeft ?? Number.POSITIVE_INFINITY)),
          redirect: 'manual',
        });
        const text = await res.text();
        let json: unknown;
        try {
          json = text ? JSON.parse(text) : undefined;
        } catch {
          json = undefined;
        }
        const retryable = this.options.isRetryable
          ? this.options.isRetryable({ status: res.status, headers: res.headers, json })
          : isRetryableStatus(res.status, res.headers, json);
        // A 429 was not processed; any other transient answer to a POST may have been.
        const repeatable = idempotent || res.status === 429;
        const answer = { status: res.status, headers: res.headers, text, json, attempts };
        if (!retryable || !repeatable || attempt >= this.policy.maxRetries) return answer;
        status = res.status;
        waitMs = retryAfterMs(res.headers);
        // A wait longer than we may spend (one wait, or what is left of the run's budget): give the
        // caller the answer at once instead of sleeping for it.
        if (waitMs !== undefined && waitMs > this.policy.maxDelayMs) return answer;
        if (!this.budget.allows(waitMs ?? backoffMs(attempt, this.policy, () => 0))) return answer;
      } catch (err) {
        lastNetworkError = describeNetworkError(err);
        if (!idempotent) {
          throw new NetworkError(
            method,
            path,
            `${lastNetworkError} (not retried: it may have taken effect)`,
            attempts,
          );
        }
        if (attempt >= this.policy.maxRetries)
          throw new NetworkError(method, path, lastNetworkError, attempts);
      }
      const wait = waitMs ?? backoffMs(attempt, this.policy);
      if (!this.budget.allows(wait)) {
        throw new NetworkError(
          method,
          path,
          `${lastNetworkError}; retry budget used up (${this.budget.describe()})`,
          attempts,
        );
      }
      this.options.onRetry?.({ attempt: attempts, waitMs: wait, status, path });
      await this.budget.wait(wait);
    }
  }
}

function describeNetworkError(err: unknown): string {
  if (err instanceof Error) {
    const cause = (err as { cause?: { code?: string; message?: string; name?: string } }).cause;
    // Node 20 may wrap the abort from AbortSignal.timeout in a TypeError whose cause is the TimeoutError.
    const names = [err.name, cause?.name];
    if (
      names.includes('TimeoutError') ||
      names.includes('AbortError') ||
      /due to timeout/.test(err.message)
    ) {
      return 'timed out';
    }
    return scrubUrls(cause?.code ?? cause?.message ?? err.message);
  }
  return scrubUrls(String(err));
}
