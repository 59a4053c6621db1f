/** The one retry layer (issue 10 point 10): bounded attempts per request under one budget per run. */
import { isIdempotentMethod, RetryBudget } from '../../src/http/budget.js';
import { HttpClient, NetworkError } from '../../src/http/client.js';

type Answer = { status: number; headers?: Record<string, string> } | 'drop';

/** A fetch that answers from a script (last entry repeats) and counts calls. */
function scripted(answers: Answer[]) {
  const calls: string[] = [];
  const fetch = (async (_url: string, init: RequestInit) => {
    calls.push(String(init.method));
    const a = answers[Math.min(calls.length - 1, answers.length - 1)]!;
    if (a === 'drop') throw new TypeError('fetch failed', { cause: { code: 'ECONNRESET' } });
    return new Response('{}', { status: a.status, headers: a.headers });
  }) as unknown as typeof globalThis.fetch;
  return { fetch, calls };
}

/** A budget whose sleeps are instant but recorded. */
function instantBudget(totalMs: number) {
  const slept: number[] = [];
  const budget = new RetryBudget({ totalMs, sleep: async (ms) => void slept.push(ms) });
  return { budget, slept };
}

const POLICY = { maxRetries: 2, baseDelayMs: 100, maxDelayMs: 30_000, timeoutMs: 1000 };

describe('HttpClient under a run budget', () => {
  it.each<[string, string, boolean | undefined, Answer[], number, number, number]>([
    // name, method, idempotent, answers, budget ms, attempts expected, sleeps expected
    [
      'a GET that keeps answering 500 gets maxRetries + 1 attempts',
      'GET',
      undefined,
      [{ status: 500 }],
      30_000,
      3,
      2,
    ],
    [
      'a PUT that keeps answering 500 gets maxRetries + 1 attempts',
      'PUT',
      undefined,
      [{ status: 500 }],
      30_000,
      3,
      2,
    ],
    ['a POST answered 500 is not repeated', 'POST', undefined, [{ status: 500 }], 30_000, 1, 0],
    ['a POST answered 503 is not repeated', 'POST', undefined, [{ status: 503 }], 30_000, 1, 0],
    ['a POST the API declares idempotent is repeated on 500', 'POST', true, [{ status: 500 }], 30_000, 3, 2],
    [
      'a POST answered 429 is repeated (it was not processed)',
      'POST',
      undefined,
      [{ status: 429 }, { status: 200 }],
      30_000,
      2,
      1,
    ],
    [
      'a Retry-After within the budget is slept once, then the answer comes',
      'PUT',
      undefined,
      [{ status: 503, headers: { 'retry-after': '20' } }, { status: 200 }],
      30_000,
      2,
      1,
    ],
    [
      'a Retry-After beyond what is left of the budget is answered at once, not slept',
      'PUT',
      undefined,
      [{ status: 503, headers: { 'retry-after': '20' } }],
      10_000,
      1,
      0,
    ],
    [
      'a second Retry-After that no longer fits stops after two attempts',
      'PUT',
      undefined,
      [{ status: 503, headers: { 'retry-after': '20' } }],
      30_000,
      2,
      1,
    ],
    ['an empty budget still makes the first attempt', 'GET', undefined, [{ status: 500 }], 0, 1, 0],
  ])('%s', async (_name, method, idempotent, answers, totalMs, attempts, sleeps) => {
    const { fetch, calls } = scripted(answers);
    const { budget, slept } = instantBudget(totalMs);
    const http = new HttpClient({ fetch, budget, retry: POLICY });
    const res = await http.request({ method, url: 'http://127.0.0.1:1/x', idempotent });
    expect(calls).toHaveLength(attempts);
    expect(res.attempts).toBe(attempts);
    expect(slept).toHaveLength(sleeps);
  });

  it('does not repeat a POST that got no answer, and says it may have taken effect', async () => {
    const { fetch, calls } = scripted(['drop']);
    const http = new HttpClient({ fetch, budget: instantBudget(30_000).budget, retry: POLICY });
    const err = await http.request({ method: 'POST', url: 'http://127.0.0.1:1/keys' }).catch((e) => e);
    expect(err).toBeInstanceOf(NetworkError);
    expect(err.message).toBe(
      'POST /keys failed after 1 attempt(s): ECONNRESET (not retried: it may have taken effect)',
    );
    expect(calls).toHaveLength(1);
  });

  it('shares one budget between clients: what one spent, the other cannot', async () => {
    const { budget, slept } = instantBudget(250);
    const a = new HttpClient({ fetch: scripted([{ status: 500 }]).fetch, budget, retry: POLICY });
    const b = new HttpClient({ fetch: scripted([{ status: 500 }]).fetch, budget, retry: POLICY });
    await a.request({ url: 'http://127.0.0.1:1/a' }); // waits ~100 + ~200 > 250: one retry paid
    const r = await b.request({ url: 'http://127.0.0.1:1/b' });
    expect(r.attempts).toBeLessThanOrEqual(2);
    expect(slept.reduce((x, y) => x + y, 0)).toBeLessThanOrEqual(250);
  });
});

describe('RetryBudget', () => {
  it('charges what it sleeps and refuses a wait that does not fit, without sleeping', async () => {
    const { budget, slept } = instantBudget(1000);
    expect(await budget.wait(600)).toBe(true);
    expect(await budget.wait(600)).toBe(false);
    expect(slept).toEqual([600]);
    expect(budget.remainingMs()).toBe(400);
  });

  it('reserves waits someone else sleeps (Octokit plugins), and renews for a new stage', () => {
    const budget = new RetryBudget({ totalMs: 1000 });
    expect(budget.reserve(900)).toBe(true);
    expect(budget.reserve(200)).toBe(false);
    budget.renew(5000);
    expect(budget.remainingMs()).toBe(5000);
  });

  it('refuses a wait that would end past the stage deadline, and a renewal for the next stage drops it', () => {
    let now = 1_000;
    const budget = new RetryBudget({ totalMs: 60_000, deadline: 5_000, now: () => now });
    expect(budget.wallLeftMs()).toBe(4_000);
    expect(budget.allows(3_999)).toBe(true);
    expect(budget.allows(4_000)).toBe(false);
    now = 6_000;
    expect(budget.wallLeftMs()).toBe(0);
    expect(budget.allows(0)).toBe(false);
    budget.renew(30_000);
    expect(budget.wallLeftMs()).toBeUndefined();
    expect(budget.allows(10_000)).toBe(true);
  });

  it('sends nothing once the stage deadline has passed, and cuts a hanging request at it', async () => {
    const calls: number[] = [];
    const started = Date.now();
    const budget = new RetryBudget({ totalMs: 60_000, deadline: started + 300 });
    const client = new HttpClient({
      budget,
      retry: { maxRetries: 3, timeoutMs: 20_000, baseDelayMs: 1, maxDelayMs: 1 },
      fetch: ((_url: string, init: RequestInit) => {
        calls.push(Date.now() - started);
        return new Promise((_resolve, reject) => {
          init.signal?.addEventListener('abort', () => reject(init.signal?.reason));
        });
      }) as unknown as typeof fetch,
    });
    await expect(client.request({ url: 'http://127.0.0.1:9/v1/models' })).rejects.toThrow(NetworkError);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(calls.filter((at) => at >= 300)).toEqual([]);
    await expect(client.request({ url: 'http://127.0.0.1:9/v1/models' })).rejects.toThrow(
      /not sent: time budget spent/,
    );
  });

  it.each([
    ['GET', true],
    ['PUT', true],
    ['DELETE', true],
    ['PATCH', true],
    ['POST', false],
    ['post', false],
  ])('treats %s as idempotent: %s', (method, expected) => {
    expect(isIdempotentMethod(method)).toBe(expected);
  });
});
