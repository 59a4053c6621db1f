/**
 * A provider that never answers (holds every request open) must not stretch verification past its
 * budget, however many keys there are: the verification stage's deadline is shared by the verifier
 * and the providers' RetryBudget, so no request starts after it and none outlives it.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyBudget } from '../../src/pipeline/providers.js';
import { createCompatibleProvider } from '../../src/providers/compatible.js';
import type { Provider } from '../../src/providers/types.js';
import { Secret } from '../../src/scan/secret.js';
import type { Finding } from '../../src/types.js';
import { BUDGET_EXHAUSTED, verifyFindings } from '../../src/verify/index.js';
import { KeyGen } from '../helpers/keygen.js';

const gen = new KeyGen(4242);
let server: Server;
let base = '';
/** When each request arrived (ms since the test's start) and which requests are still held open. */
const seen: number[] = [];
const held = new Set<ServerResponse>();
let t0 = 0;

beforeAll(async () => {
  server = createServer((_req: IncomingMessage, res: ServerResponse) => {
    seen.push(Date.now() - t0);
    held.add(res);
    res.on('close', () => held.delete(res));
    // never answers
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

function finding(key: string, n: number): Finding {
  const secret = new Secret(key);
  return {
    ruleId: 'siliconflow',
    provider: 'siliconflow',
    candidates: ['siliconflow'],
    description: 'test',
    file: 'app.env',
    line: n + 1,
    column: 1,
    secret,
    redacted: secret.redacted,
    fingerprint: secret.fingerprint,
    source: 'tree',
  };
}

describe('verification against a provider that never answers', () => {
  it('ends 40 keys within the budget, each unknown, with no request sent after the deadline', async () => {
    t0 = Date.now();
    const budgetMs = 800;
    const opts = { concurrency: 4, budgetMs, deadline: t0 + budgetMs };
    // The provider's own limits are the production ones (20 s per request, 3 retries): only the
    // stage's deadline can end this in time.
    const provider: Provider = createCompatibleProvider(
      { id: 'siliconflow', displayName: 'SiliconFlow', defaultBaseUrl: base, verifyPath: '/user/info' },
      { timeoutMs: 20_000, maxRetries: 3, budget: verifyBudget(opts) },
    );
    const findings = Array.from({ length: 40 }, (_, i) => finding(gen.siliconflow(), i));
    await verifyFindings(findings, new Map([['siliconflow', provider]]), opts);
    const took = Date.now() - t0;
    expect(took).toBeLessThan(budgetMs + 400);
    expect(findings.map((f) => f.verification?.status)).toEqual(findings.map(() => 'unknown'));
    expect(findings.filter((f) => !f.verification?.detail.startsWith(BUDGET_EXHAUSTED))).toEqual([]);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.filter((at) => at > budgetMs)).toEqual([]);
    // Every request the deadline cut was aborted: nothing is left holding the process open.
    await new Promise((r) => setTimeout(r, 100));
    expect(held.size).toBe(0);
  });
});
