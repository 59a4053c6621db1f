/**
 * A small GitHub REST client on top of the project's HttpClient (used for one attempt at a time: the
 * timeout, the JSON parsing and the path-only NetworkError), with GitHub's own retry rules on top:
 *
 * - 5xx, 408 and network errors: exponential backoff with jitter, for idempotent requests only
 *   (a retried POST could open a second issue; callers recover those themselves).
 * - Rate limits (§11): 429, or 403 with `remaining: 0` / `retry-after` / a "rate limit" message.
 *   Wait `retry-after` seconds, else until `x-ratelimit-reset` when remaining is 0, else
 *   `secondaryWaitMs` (60 s on GitHub), doubling on repeats. A wait above `maxWaitMs` is not slept:
 *   a GitHubRateLimitError says when the limit resets.
 *
 * Why not @octokit/rest: its retry plugin does not handle rate limits (that is plugin-throttling, not
 * installed), its waits are not easy to shrink for tests, and this keeps one HTTP stack, one error
 * style (paths only) and a smaller bundle.
 */
import { HttpClient, type HttpResponse, NetworkError } from '../http/client.js';
import { displayPath } from '../http/url.js';
import { Secret, scrub } from '../scan/secret.js';
import { GitHubApiError, GitHubPermissionError, GitHubRateLimitError } from './errors.js';

export const DEFAULT_API_URL = 'https://api.github.com';

export interface GitHubRetryPolicy {
  /** Retries after the first attempt (rate-limit waits included). */
  maxRetries: number;
  /** First backoff for 5xx / network errors; doubles each time. */
  baseDelayMs: number;
  /** Longest wait we accept for one retry; a longer rate-limit wait throws GitHubRateLimitError. */
  maxWaitMs: number;
  /** Wait after a secondary rate limit that gives no hint (GitHub: at least 60 s). */
  secondaryWaitMs: number;
  /** Per-request timeout. */
  timeoutMs: number;
}

export const DEFAULT_GITHUB_RETRY: GitHubRetryPolicy = {
  maxRetries: 4,
  baseDelayMs: 1000,
  maxWaitMs: 300_000,
  secondaryWaitMs: 60_000,
  timeoutMs: 30_000,
};

export interface GitHubClientOptions {
  token: string | Secret;
  /** Default: `GITHUB_API_URL`, else https://api.github.com. */
  baseUrl?: string;
  retry?: Partial<GitHubRetryPolicy>;
  fetch?: typeof fetch;
  /** Called before each wait, for logging. */
  onRetry?: (info: RetryInfo) => void;
  env?: NodeJS.ProcessEnv;
}

export interface RetryInfo {
  method: string;
  path: string;
  attempt: number;
  waitMs: number;
  status?: number;
  reason: 'server-error' | 'network' | 'primary-rate-limit' | 'secondary-rate-limit';
}

export type Query = Record<string, string | number | boolean | undefined>;

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  /** Non-2xx statuses to return instead of throwing (e.g. `[404]` for "does it exist?"). */
  accept?: number[];
  /** Retry 5xx and network errors (default: every method but POST). */
  idempotent?: boolean;
}

export interface GitHubResponse<T> {
  status: number;
  headers: Headers;
  data: T;
}

export interface GitHubErrorBody {
  message?: string;
  documentation_url?: string;
  errors?: unknown[];
}

export class GitHubClient {
  readonly baseUrl: string;
  readonly policy: GitHubRetryPolicy;
  readonly #token: Secret;
  readonly #http: HttpClient;
  readonly #onRetry?: (info: RetryInfo) => void;

  constructor(options: GitHubClientOptions) {
    const env = options.env ?? process.env;
    this.baseUrl = (options.baseUrl || env.GITHUB_API_URL || DEFAULT_API_URL).replace(/\/+$/, '');
    this.policy = { ...DEFAULT_GITHUB_RETRY, ...options.retry };
    this.#token = typeof options.token === 'string' ? new Secret(options.token) : options.token;
    this.#onRetry = options.onRetry;
    // One attempt per call: the retry loop below knows GitHub's rules.
    this.#http = new HttpClient({
      fetch: options.fetch,
      retry: { maxRetries: 0, timeoutMs: this.policy.timeoutMs, budgetMs: Number.MAX_SAFE_INTEGER },
    });
  }

  url(path: string, query?: Query): string {
    const u = new URL(path.startsWith('http') ? path : `${this.baseUrl}${path}`);
    for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) u.searchParams.set(k, String(v));
    return u.toString();
  }

  async request<T = unknown>(
    method: string,
    pathOrUrl: string,
    options: RequestOptions = {},
  ): Promise<GitHubResponse<T>> {
    method = method.toUpperCase();
    const url = this.url(pathOrUrl, options.query);
    if (!url.startsWith(`${this.baseUrl}/`)) {
      // A Link header pointing elsewhere must not receive the token.
      throw new GitHubApiError(`refusing to send the GitHub token to another host`, 0, method, pathOf(url));
    }
    const path = pathOf(url);
    const idempotent = options.idempotent ?? method !== 'POST';
    let secondaryHits = 0;
    for (let attempt = 0; ; attempt++) {
      let res: HttpResponse;
      try {
        res = await this.#http.request({
          method,
          url,
          headers: {
            accept: 'application/vnd.github+json',
            'x-github-api-version': '2022-11-28',
            authorization: `Bearer ${this.#token.reveal()}`,
          },
          body: options.body,
        });
      } catch (err) {
        if (!(err instanceof NetworkError) || !idempotent || attempt >= this.policy.maxRetries) {
          throw this.#scrubbed(err);
        }
        await this.#wait({
          method,
          path,
          attempt: attempt + 1,
          waitMs: this.#backoff(attempt),
          reason: 'network',
        });
        continue;
      }

      if ((res.status >= 200 && res.status < 300) || options.accept?.includes(res.status)) {
        return { status: res.status, headers: res.headers, data: res.json as T };
      }
      const body = (res.json ?? {}) as GitHubErrorBody;
      const limit = rateLimitWait(res, body, this.policy, secondaryHits);
      if (limit) {
        if (limit.reason === 'secondary-rate-limit') secondaryHits++;
        if (limit.waitMs > this.policy.maxWaitMs || attempt >= this.policy.maxRetries) {
          throw new GitHubRateLimitError(method, path, res.status, limit.waitMs, limit.resetAt, body.message);
        }
        await this.#wait({
          method,
          path,
          attempt: attempt + 1,
          waitMs: limit.waitMs,
          status: res.status,
          reason: limit.reason,
        });
        continue;
      }
      if ((res.status >= 500 || res.status === 408) && idempotent && attempt < this.policy.maxRetries) {
        await this.#wait({
          method,
          path,
          attempt: attempt + 1,
          waitMs: this.#backoff(attempt),
          status: res.status,
          reason: 'server-error',
        });
        continue;
      }
      throw this.#error(method, path, res.status, body);
    }
  }

  /** Every item of a list endpoint, following `Link: rel="next"` (GitHub's pagination). */
  async *paginate<T>(
    path: string,
    query: Query,
    pick: (data: unknown) => T[],
    options: Omit<RequestOptions, 'query' | 'body'> = {},
  ): AsyncGenerator<T> {
    let next: string | undefined = this.url(path, { per_page: 100, ...query });
    while (next) {
      const res: GitHubResponse<unknown> = await this.request('GET', next, options);
      if (res.status >= 300) return;
      yield* pick(res.data);
      next = nextLink(res.headers.get('link'));
    }
  }

  #backoff(attempt: number): number {
    const exp = this.policy.baseDelayMs * 2 ** attempt;
    return Math.min(this.policy.maxWaitMs, Math.round(exp * (1 - 0.25 * Math.random())));
  }

  async #wait(info: RetryInfo): Promise<void> {
    this.#onRetry?.(info);
    await new Promise((r) => setTimeout(r, info.waitMs));
  }

  #error(method: string, path: string, status: number, body: GitHubErrorBody): GitHubApiError {
    const message = typeof body.message === 'string' ? this.#scrub(body.message) : undefined;
    const base = GitHubApiError.describe(method, path, status, message);
    if (status === 401) {
      return new GitHubPermissionError(
        `${base}: the GitHub token was refused (expired, revoked or mistyped)`,
        status,
        method,
        path,
        message,
      );
    }
    const details = validationDetails(body.errors);
    return new GitHubApiError(
      details ? `${base} (${this.#scrub(details)})` : base,
      status,
      method,
      path,
      message,
      body.documentation_url,
    );
  }

  #scrub(text: string): string {
    return scrub(text, [this.#token]);
  }

  #scrubbed(err: unknown): unknown {
    if (err instanceof Error) err.message = this.#scrub(err.message);
    return err;
  }
}

export function createGitHubClient(options: GitHubClientOptions): GitHubClient {
  return new GitHubClient(options);
}

/** URLs are shown through the one URL-display helper (never user info or a query). */
function pathOf(url: string): string {
  return displayPath(url);
}

/** `<https://api.github.com/...&page=2>; rel="next", <...>; rel="last"` → the next URL. */
export function nextLink(link: string | null): string | undefined {
  if (!link) return undefined;
  for (const part of link.split(',')) {
    const m = /<([^>]+)>\s*;\s*rel="?next"?/.exec(part);
    if (m) return m[1];
  }
  return undefined;
}

/** §11: how long GitHub wants us to wait, or undefined when this is not a rate limit. */
export function rateLimitWait(
  res: { status: number; headers: Headers },
  body: GitHubErrorBody,
  policy: Pick<GitHubRetryPolicy, 'secondaryWaitMs'>,
  previousSecondaryHits = 0,
  now = Date.now(),
): { waitMs: number; reason: RetryInfo['reason']; resetAt?: number } | undefined {
  if (res.status !== 403 && res.status !== 429) return undefined;
  const h = res.headers;
  const remaining = h.get('x-ratelimit-remaining');
  const retryAfter = h.get('retry-after');
  const mentionsLimit = /rate limit/i.test(body.message ?? '');
  if (res.status === 403 && remaining !== '0' && !retryAfter && !mentionsLimit) return undefined;
  if (retryAfter && /^\d+(\.\d+)?$/.test(retryAfter.trim())) {
    return { waitMs: Number(retryAfter) * 1000, reason: 'secondary-rate-limit' };
  }
  if (remaining === '0') {
    const reset = Number(h.get('x-ratelimit-reset'));
    if (reset > 0) {
      return { waitMs: Math.max(0, reset * 1000 - now), reason: 'primary-rate-limit', resetAt: reset * 1000 };
    }
  }
  return { waitMs: policy.secondaryWaitMs * 2 ** previousSecondaryHits, reason: 'secondary-rate-limit' };
}

/** 422 `errors: [{field, code, message}]` → a short human string (never values). */
function validationDetails(errors: unknown[] | undefined): string | undefined {
  if (!Array.isArray(errors) || errors.length === 0) return undefined;
  return errors
    .map((e) => {
      if (typeof e === 'string') return e;
      const o = e as { field?: string; code?: string; message?: string };
      return [o.field, o.code, o.message].filter(Boolean).join(' ');
    })
    .filter(Boolean)
    .join('; ');
}
