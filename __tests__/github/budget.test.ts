/** The Octokit-based client's retry rules, one row each: attempts, Retry-After and the run's budget. */
import { RetryBudget } from '../../src/http/budget.js';
import { FULL_PERMISSIONS, type GitHubEmulator } from '../emulators/github.js';
import { FAST_RETRY, rejection, setup } from './helpers.js';

const TOKEN = 'tok-full';
const SECRET = '/repos/acme/app/actions/secrets/K';
const ISSUES = '/repos/acme/app/issues';

interface Row {
  method: 'PUT' | 'POST' | 'GET';
  path: string;
  status: number;
  headers?: Record<string, string>;
  message?: string;
  idempotent?: boolean;
  budgetMs: number;
  requests: number;
  error: RegExp;
}

describe('GitHubClient under the run budget', () => {
  let ctx: Awaited<ReturnType<typeof setup>>;
  let emulator: GitHubEmulator;
  beforeEach(async () => {
    ctx = await setup({ tokens: { [TOKEN]: FULL_PERMISSIONS } });
    emulator = ctx.emulator;
  });
  afterEach(() => emulator.stop());

  it.each<[string, Row]>([
    [
      'a PUT answered 500 every time gets 1 + maxRetries attempts',
      {
        method: 'PUT',
        path: SECRET,
        status: 500,
        budgetMs: 30_000,
        requests: 3,
        error: /→ 500 .*; after 3 attempts$/,
      },
    ],
    [
      'a POST answered 500 is sent once (it may have been applied)',
      { method: 'POST', path: ISSUES, status: 500, budgetMs: 30_000, requests: 1, error: /POST not retried/ },
    ],
    [
      'a POST the caller declares idempotent is retried like a PUT',
      {
        method: 'POST',
        path: ISSUES,
        status: 502,
        idempotent: true,
        budgetMs: 30_000,
        requests: 3,
        error: /after 3 attempts/,
      },
    ],
    [
      'a 503 whose Retry-After is beyond the budget left is answered at once',
      {
        method: 'PUT',
        path: SECRET,
        status: 503,
        headers: { 'retry-after': '20' },
        budgetMs: 10_000,
        requests: 1,
        error: /no retry: the wait of 20 s does not fit/,
      },
    ],
    [
      'a 500 is not retried once the budget is spent',
      {
        method: 'PUT',
        path: SECRET,
        status: 500,
        budgetMs: 0,
        requests: 1,
        error: /no retry: the wait of \d+ s does not fit/,
      },
    ],
    [
      'a secondary rate limit whose hint-less wait is beyond the budget stops at once, for a POST too',
      {
        method: 'POST',
        path: ISSUES,
        status: 403,
        message: 'You have exceeded a secondary rate limit',
        budgetMs: 10,
        requests: 1,
        error: /→ 403 You have exceeded a secondary rate limit.*does not fit the retry budget/,
      },
    ],
    [
      'a 404 is final: no retry at all',
      {
        method: 'GET',
        path: '/repos/acme/app/nothing',
        status: 404,
        budgetMs: 30_000,
        requests: 1,
        error: /→ 404/,
      },
    ],
  ])('%s', async (_name, row) => {
    emulator.server.injectFault({
      method: row.method,
      fault: {
        kind: 'status',
        status: row.status,
        headers: row.headers,
        body: { message: row.message ?? 'boom' },
      },
      times: 100,
    });
    const budget = new RetryBudget({ totalMs: row.budgetMs });
    const client = ctx.client(TOKEN, {
      budget,
      retry: { ...FAST_RETRY, maxRetries: 2, secondaryWaitMs: 60_000, maxWaitMs: 300_000 },
    });
    const started = Date.now();
    const err = await rejection(
      client.request(row.method, row.path, { body: {}, idempotent: row.idempotent }),
    );
    expect(err.message).toMatch(row.error);
    expect(emulator.requests.filter((r) => r.method === row.method)).toHaveLength(row.requests);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('waits a Retry-After that fits, charging it to the budget', async () => {
    emulator.server.injectFault({
      method: 'GET',
      fault: { kind: 'status', status: 503, headers: { 'retry-after': '1' }, body: { message: 'later' } },
    });
    const budget = new RetryBudget({ totalMs: 30_000 });
    const r = await ctx.client(TOKEN, { budget }).request('GET', '/repos/acme/app');
    expect(r.status).toBe(200);
    expect(budget.remainingMs()).toBeLessThanOrEqual(29_000);
    expect(emulator.requests).toHaveLength(2);
  });
});
