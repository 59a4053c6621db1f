import { GitHubClient, nextLink, type RetryInfo, rateLimitWait } from '../../src/github/client.js';
import { GitHubApiError, GitHubRateLimitError } from '../../src/github/errors.js';
import { RetryBudget } from '../../src/http/budget.js';
import { FULL_PERMISSIONS, type GitHubEmulator } from '../emulators/github.js';
import { FAST_RETRY, rejection, setup } from './helpers.js';

const TOKEN = 'tok-full';
const policy = { secondaryWaitMs: 60_000 };
const NOW = 1_700_000_000_000;

function res(status: number, headers: Record<string, string> = {}) {
  return { status, headers: new Headers(headers) };
}

describe('rateLimitWait (reference §11)', () => {
  it.each([
    ['a 403 that is a plain permission error', res(403, { 'x-ratelimit-remaining': '4999' }), {}, undefined],
    ['a 404', res(404), {}, undefined],
    ['a 429 with retry-after 7', res(429, { 'retry-after': '7' }), {}, 7000],
    ['a 403 with retry-after 2', res(403, { 'retry-after': '2' }), { message: 'secondary rate limit' }, 2000],
    [
      'a 403 with remaining 0: until the reset',
      res(403, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(NOW / 1000 + 30) }),
      {},
      30_000,
    ],
    [
      'a 429 with remaining 0 and a past reset: no wait',
      res(429, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(NOW / 1000 - 5) }),
      {},
      0,
    ],
    [
      'a 403 secondary limit without hints: 60 s',
      res(403, { 'x-ratelimit-remaining': '4000' }),
      { message: 'You have exceeded a secondary rate limit' },
      60_000,
    ],
    ['a bare 429: 60 s', res(429), {}, 60_000],
  ])('waits right for %s', (_name, r, body, expected) => {
    expect(rateLimitWait(r, body, policy, 0, NOW)?.waitMs).toBe(expected);
  });

  it('doubles the hint-less secondary wait on each repeat', () => {
    expect(rateLimitWait(res(429), {}, policy, 2, NOW)?.waitMs).toBe(240_000);
  });
});

describe('nextLink', () => {
  it('finds the next page among other relations', () => {
    const link =
      '<https://x/a?page=1>; rel="prev", <https://x/a?page=3>; rel="next", <https://x/a?page=9>; rel="last"';
    expect(nextLink(link)).toBe('https://x/a?page=3');
  });

  it('says undefined on the last page', () => {
    expect(nextLink('<https://x/a?page=1>; rel="first"')).toBeUndefined();
    expect(nextLink(null)).toBeUndefined();
  });
});

describe('GitHubClient against the emulator', () => {
  let ctx: Awaited<ReturnType<typeof setup>>;
  let emulator: GitHubEmulator;
  beforeEach(async () => {
    ctx = await setup({ tokens: { [TOKEN]: FULL_PERMISSIONS } });
    emulator = ctx.emulator;
  });
  afterEach(() => emulator.stop());

  it('takes its base URL from GITHUB_API_URL when no option is given', () => {
    const c = new GitHubClient({ token: TOKEN, env: { GITHUB_API_URL: 'https://ghe.example.com/api/v3/' } });
    expect(c.baseUrl).toBe('https://ghe.example.com/api/v3');
  });

  it('defaults to api.github.com', () => {
    expect(new GitHubClient({ token: TOKEN, env: {} }).baseUrl).toBe('https://api.github.com');
  });

  it('sends the token, the API version and the GitHub media type', async () => {
    await ctx.client(TOKEN).request('GET', `/repos/acme/app`);
    const h = emulator.requests.at(-1)!.headers;
    expect(h.authorization).toBe(`token ${TOKEN}`);
    expect(h['x-github-api-version']).toBe('2022-11-28');
    expect(h.accept).toBe('application/vnd.github+json');
  });

  it("sends Octokit's user agent (the client is @octokit/core with keyguard's prefix)", async () => {
    await ctx.client(TOKEN).request('GET', '/repos/acme/app');
    expect(emulator.requests.at(-1)!.headers['user-agent']).toMatch(
      /^keyguard octokit-core\.js\/\d+\.\d+\.\d+ /,
    );
  });

  it('repeats a PUT that keeps answering 500 at most maxRetries times and names the attempts', async () => {
    emulator.server.injectFault({
      method: 'PUT',
      fault: { kind: 'status', status: 500, body: { message: 'Server Error' } },
      times: 100,
    });
    const c = ctx.client(TOKEN, { retry: { ...FAST_RETRY, maxRetries: 2 } });
    const err = await rejection(c.request('PUT', '/repos/acme/app/actions/secrets/K', { body: {} }));
    expect(err.message).toBe(
      'GitHub API PUT /repos/acme/app/actions/secrets/K → 500 Server Error; after 3 attempts',
    );
    expect((err as GitHubApiError).retryable).toBe(false); // the saga must not repeat it
    expect(emulator.requests.filter((r) => r.method === 'PUT')).toHaveLength(3);
  });

  it('stops at once when a 503 asks for a Retry-After longer than the budget left', async () => {
    emulator.server.injectFault({
      fault: {
        kind: 'status',
        status: 503,
        body: { message: 'Unavailable' },
        headers: { 'retry-after': '20' },
      },
      times: 100,
    });
    const started = Date.now();
    const c = ctx.client(TOKEN, { budget: new RetryBudget({ totalMs: 10_000 }) });
    const err = await rejection(c.request('GET', '/repos/acme/app'));
    expect(Date.now() - started).toBeLessThan(2000);
    expect(err.message).toMatch(
      /→ 503 Unavailable; no retry: the wait of 20 s does not fit \(10 s of the run's 10 s/,
    );
    expect(emulator.requests).toHaveLength(1);
  });

  it('keeps the token out of the error of a refused request, whose message echoes it', async () => {
    emulator.server.injectFault({
      fault: { kind: 'status', status: 500, body: { message: `echo ${TOKEN}` } },
      times: 100,
    });
    const err = await rejection(
      ctx.client(TOKEN).request('POST', '/repos/acme/app/issues', { body: { title: 'BODY-MARKER' } }),
    );
    expect(err.message).not.toContain(TOKEN);
    // Octokit's RequestError holds the request (headers, body): it never leaves the client.
    expect(JSON.stringify(err)).not.toContain('BODY-MARKER');
    expect(err).not.toHaveProperty('request');
    expect(JSON.stringify(err)).not.toContain(TOKEN);
    expect(err.message).toMatch(/POST not retried: it may have taken effect/);
  });

  it('waits for the primary limit reset and then succeeds', async () => {
    emulator.exhaustRateLimit({ status: 403, resetInSeconds: 1 });
    const waits: RetryInfo[] = [];
    const c = ctx.client(TOKEN, { onRetry: (i) => waits.push(i) });
    const r = await c.request('GET', '/repos/acme/app');
    expect(r.status).toBe(200);
    expect(waits[0]?.reason).toBe('primary-rate-limit');
    // plugin-throttling waits the whole seconds to the reset plus one.
    expect(waits[0]!.waitMs).toBeLessThanOrEqual(3000);
  });

  it('throws a rate-limit error naming the reset instead of waiting an hour', async () => {
    emulator.exhaustRateLimit({ status: 429, resetInSeconds: 3600 });
    const err = await rejection(ctx.client(TOKEN).request('GET', '/repos/acme/app'));
    expect(err).toBeInstanceOf(GitHubRateLimitError);
    expect(err.message).toMatch(/resets at \d{4}-/);
    expect(emulator.requests).toHaveLength(1);
  });

  it('honours retry-after on a secondary limit', async () => {
    emulator.triggerSecondaryRateLimit({ times: 1, retryAfterSeconds: 1 });
    const waits: RetryInfo[] = [];
    await ctx.client(TOKEN, { onRetry: (i) => waits.push(i) }).request('GET', '/repos/acme/app');
    expect(waits.map((w) => w.waitMs)).toEqual([1000]);
    expect(emulator.requests).toHaveLength(2);
  });

  it('waits the configured secondary delay when no hint is given (plugin-throttling does not double it)', async () => {
    emulator.triggerSecondaryRateLimit({ times: 2 });
    const waits: RetryInfo[] = [];
    await ctx.client(TOKEN, { onRetry: (i) => waits.push(i) }).request('GET', '/repos/acme/app');
    expect(waits.map((w) => [w.reason, w.waitMs])).toEqual([
      ['secondary-rate-limit', 20],
      ['secondary-rate-limit', 20],
    ]);
  });

  it('does not retry a POST after a 500 (it may have been applied)', async () => {
    emulator.server.injectFault({ method: 'POST', fault: { kind: 'status', status: 502 } });
    const err = await rejection(
      ctx.client(TOKEN).request('POST', '/repos/acme/app/issues', { body: { title: 't' } }),
    );
    expect((err as GitHubApiError).status).toBe(502);
    expect(emulator.requestsTo('POST', '/repos/acme/app/issues')).toHaveLength(1);
  });

  it('retries a POST after a rate limit (it was not applied)', async () => {
    emulator.triggerSecondaryRateLimit({ times: 1, retryAfterSeconds: 0 });
    const r = await ctx.client(TOKEN).request('POST', '/repos/acme/app/issues', { body: { title: 't' } });
    expect(r.status).toBe(201);
  });

  it('gives up after maxRetries server errors with the GitHub status in the message', async () => {
    emulator.server.injectFault({
      fault: { kind: 'status', status: 503, body: { message: 'down' } },
      times: 10,
    });
    const err = await rejection(ctx.client(TOKEN).request('GET', '/repos/acme/app'));
    expect(err.message).toBe('GitHub API GET /repos/acme/app → 503 down; after 5 attempts');
    expect(emulator.requests).toHaveLength(5);
  });

  it('returns an accepted non-2xx status instead of throwing', async () => {
    const r = await ctx
      .client(TOKEN)
      .request('GET', '/repos/acme/app/actions/secrets/NOPE', { accept: [404] });
    expect(r.status).toBe(404);
    expect(r.data).toMatchObject({ message: 'Not Found', status: '404' });
  });

  it('refuses to follow a URL to another host with the token', async () => {
    await expect(ctx.client(TOKEN).request('GET', 'https://evil.example/steal')).rejects.toThrow(
      /another host/,
    );
  });

  it('sends rate-limit headers on every answer', async () => {
    const r = await ctx.client(TOKEN).request('GET', '/repos/acme/app');
    expect(r.headers.get('x-ratelimit-limit')).toBe('5000');
    expect(Number(r.headers.get('x-ratelimit-remaining'))).toBeLessThan(5000);
    expect(r.headers.get('x-ratelimit-resource')).toBe('core');
  });

  it('lists open pulls (and only pulls)', async () => {
    emulator.addIssue({ title: 'an issue' });
    emulator.addPull('a pull');
    const r = await ctx.client(TOKEN).request<{ title: string }[]>('GET', '/repos/acme/app/pulls', {
      query: { state: 'open' },
    });
    expect(r.data.map((p) => p.title)).toEqual(['a pull']);
  });
});

describe('error retryability (read by the rotation saga)', () => {
  it.each([
    ['a 502', true, new GitHubApiError('m', 502, 'GET', '/x')],
    ['a 408', true, new GitHubApiError('m', 408, 'GET', '/x')],
    ['a 404', false, new GitHubApiError('m', 404, 'GET', '/x')],
    ['a rate limit we would wait an hour for', false, new GitHubRateLimitError('GET', '/x', 429, 3_600_000)],
  ])('marks %s as retryable: %s', (_name, expected, err) => {
    expect(err.retryable).toBe(expected);
  });
});
