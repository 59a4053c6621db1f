/**
 * The GitHub REST client: a thin adapter with keyguard's `request` / `paginate` signatures over Octokit,
 * made by `@actions/github`'s `getOctokit` (so `GITHUB_API_URL`, the runner's proxy settings and GHES
 * work as in every other action), with `@octokit/plugin-retry` and `@octokit/plugin-throttling`
 * configured for keyguard's promises:
 *
 * - 5xx and no answer: retried by plugin-retry for idempotent requests only (a retried POST could open
 *   a second issue; callers recover those themselves), at most `maxRetries` times.
 * - Rate limits (403/429 with `remaining: 0`, or GitHub's "secondary rate limit"): plugin-throttling
 *   waits `retry-after`, the reset, or `secondaryWaitMs`; for every method (a limited request was not
 *   applied). plugin-retry never sees them, so the two never stack.
 * - Every wait is charged to the run's RetryBudget (../http/budget.ts); a wait longer than `maxWaitMs`
 *   or than what is left is not slept: the call fails at once with a GitHubRateLimitError or the last
 *   GitHubApiError, naming the call, the status and the attempts made.
 * - Errors carry method, path, status and GitHub's message, scrubbed of the token: never Octokit's
 *   RequestError (its `request` holds headers and the body: sealed secrets, incident text).
 *
 * `@actions/github` is imported lazily: at import it parses GITHUB_EVENT_PATH, and a malformed payload
 * must reach the action's own clear error (action/inputs.ts reads it first), not crash the bundle.
 */
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import Bottleneck from 'bottleneck/light.js';
import { isIdempotentMethod, RetryBudget } from '../http/budget.js';
import { NetworkError, retryAfterMs } from '../http/client.js';
import { displayPath } from '../http/url.js';
import { Secret, scrub } from '../scan/secret.js';
import { GitHubApiError, GitHubPermissionError, GitHubRateLimitError } from './errors.js';
import { nextLink } from './link.js';

export { nextLink };

export const DEFAULT_API_URL = 'https://api.github.com';

export interface GitHubRetryPolicy {
  /** Retries after the first attempt, per request (rate-limit waits included). */
  maxRetries: number;
  /** Unit of plugin-retry's backoff for 5xx / network errors: waits 1×, 4×, 9× this. */
  baseDelayMs: number;
  /** Longest wait we accept for one retry; a longer rate-limit wait throws GitHubRateLimitError. */
  maxWaitMs: number;
  /** Wait after a secondary rate limit that gives no hint (GitHub: at least 60 s). */
  secondaryWaitMs: number;
  /** Per-attempt timeout. */
  timeoutMs: number;
  /**
   * Spacing of writes (plugin-throttling's default is 1 s, GitHub's advice for bulk writers). keyguard
   * sends ~15 writes per rotation, far below GitHub's 80 content writes a minute, and every second of
   * spacing delays disabling a leaked key: 0 by default, throttling still answers the limits.
   */
  writeIntervalMs: number;
}

export const DEFAULT_GITHUB_RETRY: GitHubRetryPolicy = {
  maxRetries: 2,
  baseDelayMs: 1000,
  maxWaitMs: 300_000,
  secondaryWaitMs: 60_000,
  timeoutMs: 30_000,
  writeIntervalMs: 0,
};

export interface GitHubClientOptions {
  token: string | Secret;
  /** Default: `GITHUB_API_URL`, else https://api.github.com. */
  baseUrl?: string;
  retry?: Partial<GitHubRetryPolicy>;
  /** The run's shared retry budget (default: a private one of 30 s). */
  budget?: RetryBudget;
  /** Tests: the emulator's fetch. Unset, Octokit uses `@actions/github`'s proxy-aware fetch. */
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

/** What one call's hooks learn about it: read back when the call fails. */
interface CallState {
  method: string;
  path: string;
  idempotent: boolean;
  attempts: number;
  /** Set when a retry was refused: why, for the error message. */
  stopped?: string;
  rateLimit?: { waitMs: number; reason: RetryInfo['reason']; resetAt?: number };
  /**
   * The `retry-after` of the last rate-limited answer, as GitHub sent it. plugin-throttling reads
   * `retry-after: 0` as "no hint" and would wait `secondaryWaitMs`; GitHub's word wins.
   */
  retryAfterHintMs?: number;
}

/** The part of an Octokit instance the adapter uses. */
interface OctokitLike {
  request: (options: Record<string, unknown>) => Promise<{ status: number; headers: object; data: unknown }>;
}

/** Octokit's RequestError, read structurally (the class comes from a lazily loaded module). */
interface RequestErrorLike {
  status?: number;
  message?: string;
  response?: { status: number; headers: Record<string, string | number | undefined>; data: unknown };
}

export class GitHubClient {
  readonly baseUrl: string;
  readonly policy: GitHubRetryPolicy;
  readonly budget: RetryBudget;
  readonly #token: Secret;
  readonly #fetch?: typeof fetch;
  readonly #onRetry?: (info: RetryInfo) => void;
  #octokit?: Promise<OctokitLike>;

  constructor(options: GitHubClientOptions) {
    const env = options.env ?? process.env;
    this.baseUrl = (options.baseUrl || env.GITHUB_API_URL || DEFAULT_API_URL).replace(/\/+$/, '');
    this.policy = { ...DEFAULT_GITHUB_RETRY, ...options.retry };
    this.budget = options.budget ?? new RetryBudget();
    this.#token = typeof options.token === 'string' ? new Secret(options.token) : options.token;
    this.#onRetry = options.onRetry;
    this.#fetch = options.fetch;
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
    const call: CallState = {
      method,
      path: pathOf(url),
      idempotent: options.idempotent ?? isIdempotentMethod(method),
      attempts: 0,
    };
    const octokit = await this.#client();
    try {
      const res = await octokit.request({
        method,
        url,
        headers: { accept: 'application/vnd.github+json', 'x-github-api-version': '2022-11-28' },
        ...(options.body !== undefined ? { data: options.body } : {}),
        // No per-request `retries` here: plugin-retry would then repeat even statuses it must not
        // (it reads the count back from the error); the budget gate vetoes per error instead.
        request: { keyguard: call },
      });
      return { status: res.status, headers: toHeaders(res.headers), data: emptyAsUndefined(res.data) as T };
    } catch (err) {
      const e = err as RequestErrorLike;
      if (e.response && options.accept?.includes(e.response.status)) {
        const r = e.response;
        return { status: r.status, headers: toHeaders(r.headers), data: r.data as T };
      }
      throw this.#error(call, err);
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

  #client(): Promise<OctokitLike> {
    this.#octokit ??= this.#create();
    return this.#octokit;
  }

  async #create(): Promise<OctokitLike> {
    const { getOctokit } = await import('@actions/github');
    const policy = this.policy;
    const budget = this.budget;
    const onRetry = this.#onRetry;
    const writes = () => new Bottleneck.Group({ maxConcurrent: 1, minTime: policy.writeIntervalMs });
    const silent = () => {};
    // Charged before the throttling plugin sleeps; a refusal records why, for the final error.
    const onLimit =
      (reason: 'primary-rate-limit' | 'secondary-rate-limit') =>
      (retryAfterS: number, options: object, _o: unknown, retryCount: number) => {
        const call = (options as HookOptions).request?.keyguard;
        const hinted = reason === 'secondary-rate-limit' ? call?.retryAfterHintMs : undefined;
        const waitMs = Math.max(0, Math.round(hinted ?? retryAfterS * 1000));
        const resetAt = reason === 'primary-rate-limit' ? Date.now() + waitMs : undefined;
        if (call) call.rateLimit = { waitMs, reason, resetAt };
        if (retryCount >= policy.maxRetries) {
          if (call) call.stopped = `gave up after ${retryCount + 1} attempt(s)`;
          return false;
        }
        if (waitMs > policy.maxWaitMs) return false;
        if (!budget.reserve(waitMs)) {
          if (call) call.stopped = `the wait does not fit the retry budget (${budget.describe()})`;
          return false;
        }
        if (call)
          onRetry?.({ method: call.method, path: call.path, attempt: retryCount + 1, waitMs, reason });
        return true;
      };
    const octokit = getOctokit(
      this.#token.reveal(),
      {
        baseUrl: this.baseUrl,
        userAgent: 'keyguard',
        // Octokit's own logging is off: its warnings may quote requests.
        log: { debug: silent, info: silent, warn: silent, error: silent },
        ...(this.#fetch ? { request: { fetch: this.#fetch } } : {}),
        retry: {
          retries: policy.maxRetries,
          retryAfterBaseValue: policy.baseDelayMs,
          // 403 and 429 are rate limits (plugin-throttling's) or final; the rest of 4xx is final.
          doNotRetry: [400, 401, 403, 404, 409, 410, 422, 429, 451],
        },
        throttle: {
          onRateLimit: onLimit('primary-rate-limit'),
          onSecondaryRateLimit: onLimit('secondary-rate-limit'),
          fallbackSecondaryRateRetryAfter: policy.secondaryWaitMs / 1000,
          write: writes(),
          notifications: writes(),
        },
      },
      // Order matters: the budget gate's error hook must run inside plugin-retry's, to veto its retry.
      budgetGate(policy, budget, onRetry),
      retry,
      throttling,
    );
    return octokit as unknown as OctokitLike;
  }

  #error(call: CallState, err: unknown): Error {
    const e = err as RequestErrorLike;
    const attempts = Math.max(1, call.attempts);
    if (!e.response) {
      if (err instanceof GitHubApiError) return err;
      const cause = this.#scrub(causeOf(err));
      const why = call.idempotent ? cause : `${cause} (not retried: it may have taken effect)`;
      return new NetworkError(
        call.method,
        call.path,
        call.stopped ? `${why}; ${call.stopped}` : why,
        attempts,
      );
    }
    const { status } = e.response;
    const body = (
      e.response.data && typeof e.response.data === 'object' ? e.response.data : {}
    ) as GitHubErrorBody;
    const message = typeof body.message === 'string' ? this.#scrub(body.message) : undefined;
    const headers = toHeaders(e.response.headers);
    const limit = call.rateLimit ?? rateLimitWait({ status, headers }, body, this.policy);
    if ((status === 403 || status === 429) && limit) {
      const err = new GitHubRateLimitError(
        call.method,
        call.path,
        status,
        limit.waitMs,
        limit.resetAt,
        message,
      );
      err.message += ` (${attempts} attempt(s)${call.stopped ? `; ${call.stopped}` : ''})`;
      return err;
    }
    const base = GitHubApiError.describe(call.method, call.path, status, message);
    if (status === 401) {
      return new GitHubPermissionError(
        `${base}: the GitHub token was refused (expired, revoked or mistyped)`,
        status,
        call.method,
        call.path,
        message,
      );
    }
    const details = validationDetails(body.errors);
    const notes: string[] = [];
    if (attempts > 1) notes.push(`after ${attempts} attempts`);
    if (status >= 500 && !call.idempotent) notes.push(`${call.method} not retried: it may have taken effect`);
    if (call.stopped) notes.push(call.stopped);
    const text = `${base}${details ? ` (${this.#scrub(details)})` : ''}${notes.length ? `; ${notes.join('; ')}` : ''}`;
    const out = new GitHubApiError(text, status, call.method, call.path, message, body.documentation_url);
    // This request had its retries: the rotation saga must not repeat it (one retry layer).
    if (attempts > 1 || call.stopped) out.retryable = false;
    return out;
  }

  #scrub(text: string): string {
    return scrub(text, [this.#token]);
  }
}

/**
 * The plugin that ties Octokit to keyguard's rules: counts attempts, gives each one its own timeout,
 * and vetoes plugin-retry's retry of a non-idempotent request or of one whose wait the budget cannot pay
 * (plugin-retry waits (n+1)² × `retryAfterBaseValue` before retry n+1).
 */
function budgetGate(policy: GitHubRetryPolicy, budget: RetryBudget, onRetry?: (info: RetryInfo) => void) {
  const RETRY_PLUGIN_SKIPS = new Set([400, 401, 403, 404, 409, 410, 422, 429, 451]);
  return (octokit: {
    hook: {
      before: (name: 'request', fn: (o: HookOptions) => void) => void;
      error: (name: 'request', fn: (e: RequestErrorLike, o: HookOptions) => Promise<unknown>) => void;
    };
  }) => {
    octokit.hook.before('request', (options) => {
      const call = options.request?.keyguard;
      if (call) call.attempts++;
      if (options.request) options.request.signal = AbortSignal.timeout(policy.timeoutMs);
    });
    octokit.hook.error('request', async (error, options) => {
      const call = options.request?.keyguard;
      const req = options.request;
      const status = error.status ?? 500;
      markSecondaryLimit(error);
      if (call && (status === 429 || status === 403)) {
        const ra = error.response ? toHeaders(error.response.headers).get('retry-after') : null;
        call.retryAfterHintMs = ra && /^\d+(\.\d+)?$/.test(ra.trim()) ? Number(ra) * 1000 : undefined;
      }
      if (!call || !req || RETRY_PLUGIN_SKIPS.has(status) || status < 400) throw error;
      const retryCount = req.retryCount ?? 0;
      const backoffMs = (retryCount + 1) ** 2 * policy.baseDelayMs;
      // plugin-retry ignores Retry-After (a 503's hint): the gate sleeps the rest of it itself.
      const hint = error.response ? retryAfterMs(toHeaders(error.response.headers)) : undefined;
      const waitMs = Math.max(backoffMs, hint ?? 0);
      // plugin-retry repeats every 4xx not on its list (405, 413...): only 5xx, 408 and no answer are.
      const transient = !error.response || status >= 500 || status === 408;
      if (!transient || !call.idempotent || call.attempts > policy.maxRetries) {
        req.retries = 0;
      } else if (waitMs > policy.maxWaitMs || !budget.allows(waitMs)) {
        call.stopped = `no retry: the wait of ${Math.ceil(waitMs / 1000)} s does not fit (${budget.describe()})`;
        req.retries = 0;
      } else {
        budget.reserve(backoffMs);
        if (waitMs > backoffMs) await budget.wait(waitMs - backoffMs);
        onRetry?.({
          method: call.method,
          path: call.path,
          attempt: call.attempts,
          waitMs,
          status: error.response ? status : undefined,
          reason: error.response ? 'server-error' : 'network',
        });
      }
      throw error;
    });
    return {};
  };
}

/**
 * plugin-throttling knows a secondary limit only by "secondary rate" in the message. GitHub's docs say
 * any 429, and a 403 with `retry-after`, is a rate limit too: name them so, so that throttling (and
 * nothing else) waits them out, honouring `retry-after` (or `secondaryWaitMs` without one).
 */
function markSecondaryLimit(error: RequestErrorLike): void {
  const res = error.response;
  if (!res || (res.status !== 429 && res.status !== 403)) return;
  const h = toHeaders(res.headers);
  if (h.get('x-ratelimit-remaining') === '0' || /\bsecondary rate\b/i.test(error.message ?? '')) return;
  if (res.status === 403 && !h.get('retry-after')) return;
  error.message = `${error.message ?? ''} (secondary rate limit)`;
}

interface HookOptions {
  request?: { keyguard?: CallState; retries?: number; retryCount?: number; signal?: AbortSignal };
}

export function createGitHubClient(options: GitHubClientOptions): GitHubClient {
  return new GitHubClient(options);
}

function toHeaders(h: object | undefined): Headers {
  const out = new Headers();
  for (const [k, v] of Object.entries(h ?? {})) if (v !== undefined && v !== null) out.set(k, String(v));
  return out;
}

/** Octokit gives `""` for an empty body; keyguard's callers expect undefined, as before. */
function emptyAsUndefined(data: unknown): unknown {
  return data === '' ? undefined : data;
}

function causeOf(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause = (err as { cause?: { code?: string; name?: string; message?: string } }).cause;
  const names = [err.name, cause?.name];
  if (
    names.includes('TimeoutError') ||
    names.includes('AbortError') ||
    /aborted|timeout/i.test(err.message)
  ) {
    return 'timed out';
  }
  return cause?.code ?? cause?.message ?? err.message;
}

/** URLs are shown through the one URL-display helper (never user info or a query). */
function pathOf(url: string): string {
  return displayPath(url);
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
