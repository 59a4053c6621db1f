/**
 * One retry layer under one budget (issue 10 point 10), end to end through dist/index.js with the
 * production waits (no KEYGUARD_RETRY_SCALE): a persistent fault on one secret write ends the run
 * within 60 s with exit 2, a message naming the call, the status and the attempts, and a journal a
 * re-run finishes from. Each test prints the requests and wall time it measured.
 */
import { fingerprint } from '../../src/scan/secret.js';
import type { GitHubEmulator } from '../emulators/github.js';
import { type OpenAIEmulator, startOpenAIEmulator } from '../emulators/openai.js';
import type { Fault } from '../emulators/server.js';
import type { RunResult, TestRepo } from './harness.js';
import { journalOf, leakRepo, newOpenAILeak, runKeyguard, startGitHub } from './helpers/world.js';

const CONFIG = `rotation:
  openai:
    env: prod
    purpose: chat-api
    secrets:
      - { name: OPENAI_API_KEY }
      - { name: OPENAI_API_KEY, environment: prod }
`;
const PUT_ENV_SECRET = /\/environments\/prod\/secrets\/OPENAI_API_KEY$/;

let github: GitHubEmulator;
let openai: OpenAIEmulator;
let repo: TestRepo | undefined;
beforeEach(async () => {
  github = await startGitHub();
  openai = await startOpenAIEmulator();
});
afterEach(async () => {
  repo?.cleanup();
  repo = undefined;
  await Promise.all([github.stop(), openai.stop()]);
});

function leak() {
  const { leaked, admin } = newOpenAILeak(openai);
  for (const scope of ['repo', 'env:prod']) github.setSecret(scope, 'OPENAI_API_KEY', leaked.value);
  repo = leakRepo(leaked.value, { config: CONFIG });
  return { leaked, admin };
}

async function productionSweep(w: ReturnType<typeof leak>): Promise<{ run: RunResult; ms: number }> {
  const started = Date.now();
  const run = await runKeyguard({
    repo: repo!,
    github,
    inputs: { 'openai-base-url': openai.apiBase, 'openai-admin-key': w.admin.value },
    env: { OPENAI_API_KEY: w.leaked.value, KEYGUARD_RETRY_SCALE: '' },
    timeoutMs: 120_000,
  });
  return { run, ms: Date.now() - started };
}

function report(name: string, requests: number, ms: number): void {
  process.stdout.write(`retry-budget: ${name}: ${requests} request(s) to the faulty call, run ${ms} ms\n`);
}

/**
 * A production sweep during which every write of the environment secret meets `fault`, reported as
 * `name`: the run, how long it took, and the writes it tried.
 */
async function sweepWithFaultyPut(w: ReturnType<typeof leak>, name: string, fault: Fault) {
  github.injectFault({ method: 'PUT', path: PUT_ENV_SECRET, times: 1000, fault });
  const { run, ms } = await productionSweep(w);
  const puts = github.requestsTo('PUT', PUT_ENV_SECRET);
  report(name, puts.length, ms);
  return { run, ms, puts };
}

describe('a persistent fault on one secret write', () => {
  it('ends a persistent 500 within 60 s with exit 2, naming the call, the status and the attempts', async () => {
    const w = leak();
    const { run, ms, puts } = await sweepWithFaultyPut(w, 'persistent 500 on PUT secret', {
      kind: 'status',
      status: 500,
      body: { message: 'Server Error' },
    });
    expect(ms).toBeLessThan(60_000);
    expect(run.code).toBe(2);
    expect(puts).toHaveLength(3);
    expect(run.stdout).toMatch(
      /rotation stopped at step "store": .*GitHub API PUT \/repos\/acme\/app\/environments\/prod\/secrets\/OPENAI_API_KEY → 500 Server Error; after 3 attempts/,
    );
    expect(run.stdout).toContain('1 rotation(s) failed; re-run the workflow to finish them');
    // The bundled action speaks to GitHub through Octokit (getOctokit + plugins).
    const agents = new Set(github.requests.map((r) => String(r.headers['user-agent'])));
    expect([...agents].every((a) => /^keyguard octokit-core\.js\/\d/.test(a))).toBe(true);
    // Re-runnable: the journal says where it stopped, and a re-run once GitHub heals finishes.
    expect(journalOf(github, fingerprint(w.leaked.value)).status).toBe('failed');
    github.server.clearFaults();
    const { run: rerun } = await productionSweep(w);
    expect(rerun.outputs).toMatchObject({ rotated: '1', disabled: '1' });
    expect(journalOf(github, fingerprint(w.leaked.value)).status).toBe('rotated');
  });

  it('stops at once on a 503 whose Retry-After (20 s) does not fit the budget left, instead of sleeping', async () => {
    const w = leak();
    const { run, ms, puts } = await sweepWithFaultyPut(w, '503 Retry-After: 20 on PUT secret', {
      kind: 'status',
      status: 503,
      body: { message: 'Unavailable' },
      headers: { 'retry-after': '20' },
    });
    expect(ms).toBeLessThan(60_000);
    expect(run.code).toBe(2);
    // 20 s fits the 30 s budget once; the second 20 s does not.
    expect(puts.length).toBeLessThanOrEqual(2);
    expect(run.stdout).toMatch(
      /→ 503 Unavailable; after \d attempts?; no retry: the wait of 20 s does not fit/,
    );
    expect(journalOf(github, fingerprint(w.leaked.value)).status).toBe('failed');
  });

  it('stops at once on a 403 secondary rate limit whose wait (60 s) is longer than the budget', async () => {
    const w = leak();
    const { run, ms, puts } = await sweepWithFaultyPut(w, '403 secondary rate limit on PUT secret', {
      kind: 'status',
      status: 403,
      body: {
        message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
      },
    });
    expect(ms).toBeLessThan(60_000);
    expect(run.code).toBe(2);
    expect(puts).toHaveLength(1);
    expect(run.stdout).toMatch(/→ 403 You have exceeded a secondary rate limit.*the wait of 60 s/);
    expect(journalOf(github, fingerprint(w.leaked.value)).status).toBe('failed');
  });
});
