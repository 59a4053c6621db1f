/**
 * `fleet plan` against the GitHub emulator (GitHub's REST description enforced, Octokit as the
 * client): the paginated organisation listing, what it costs, GHES's `/api/v3`, hostile listings,
 * the token's source, and the plan's CLI.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { listOrgRepos } from '../../src/fleet/list.js';
import type { FleetMatrix } from '../../src/fleet/types.js';
import { GitHubClient } from '../../src/github/client.js';
import {
  type EmulatedOrgRepo,
  FULL_PERMISSIONS,
  type GitHubEmulator,
  startGitHubEmulator,
} from '../emulators/github.js';
import { cleanTempDirs, runCli, tempDir } from './helpers.js';

const TOKEN = 'fleet-app-token';
const OTHER = 'workflow-token';

/** 250 repositories: every 10th archived, every 7th a fork, every 25th empty, one never pushed. */
function org(n = 250): EmulatedOrgRepo[] {
  return Array.from({ length: n }, (_, i) => ({
    name: `svc-${String(i).padStart(3, '0')}`,
    archived: i % 10 === 3,
    fork: i % 7 === 5,
    size: i % 25 === 11 ? 0 : 50 + i * 13,
    pushed_at: i === 42 ? null : `2026-11-${String(1 + (i % 28)).padStart(2, '0')}T10:00:00Z`,
    default_branch: i % 9 === 0 ? 'trunk' : 'main',
  }));
}

let gh: GitHubEmulator;
beforeAll(async () => {
  gh = await startGitHubEmulator({ tokens: { [TOKEN]: FULL_PERMISSIONS, [OTHER]: FULL_PERMISSIONS } });
  gh.addOrgRepos('acme', org());
});
afterAll(() => gh.stop());
afterEach(() => {
  gh.requests.length = 0;
  cleanTempDirs();
});

const client = (baseUrl = gh.baseUrl) => new GitHubClient({ token: TOKEN, baseUrl });

describe('the organisation listing', () => {
  it('reads every repository, 100 per page, following the Link header', async () => {
    const listing = await listOrgRepos(client(), 'acme');
    expect(listing.repos).toHaveLength(250);
    expect(listing.requests).toBe(3);
    expect(gh.requestsTo('GET', '/orgs/acme/repos')).toHaveLength(3);
  });

  it('asks for every type of repository, sorted by name, 100 a page', async () => {
    await listOrgRepos(client(), 'acme');
    const q = new URLSearchParams(gh.requestsTo('GET', '/orgs/acme/repos')[0]!.query);
    expect(Object.fromEntries(q)).toEqual({ type: 'all', sort: 'full_name', per_page: '100' });
  });

  it('keeps what the plan needs of each repository', async () => {
    const { repos } = await listOrgRepos(client(), 'acme');
    expect(repos.find((r) => r.fullName === 'acme/svc-003')).toEqual({
      fullName: 'acme/svc-003',
      defaultBranch: 'main',
      pushedAt: '2026-11-04T10:00:00Z',
      sizeKb: 89,
      archived: true,
      fork: false,
      private: true,
    });
    expect(repos.find((r) => r.fullName === 'acme/svc-042')!.pushedAt).toBeNull();
  });

  it('reports the rate limit left after the listing', async () => {
    const listing = await listOrgRepos(client(), 'acme');
    expect(listing.rateRemaining).toBeGreaterThan(0);
  });

  it('answers 404 for an organisation that does not exist, as a clear error', async () => {
    await expect(listOrgRepos(client(), 'nobody')).rejects.toThrow(/GET \/orgs\/nobody\/repos.*404/);
  });

  it('refuses an organisation name that is not one before any request', async () => {
    await expect(listOrgRepos(client(), '../acme')).rejects.toThrow(/not an organisation name/);
    expect(gh.requests).toHaveLength(0);
  });

  it('works under GitHub Enterprise Server’s /api/v3', async () => {
    const ghes = await startGitHubEmulator({ tokens: { [TOKEN]: FULL_PERMISSIONS }, apiPrefix: '/api/v3' });
    try {
      ghes.addOrgRepos('acme', org(150));
      expect(ghes.baseUrl).toMatch(/\/api\/v3$/);
      const listing = await listOrgRepos(client(ghes.baseUrl), 'acme');
      expect(listing.repos).toHaveLength(150);
      expect(listing.requests).toBe(2);
    } finally {
      await ghes.stop();
    }
  });
});

describe('a hostile listing', () => {
  const hostile: [string, Record<string, unknown>, RegExp][] = [
    ['a name that climbs out of a directory', { name: '..' }, /not a repository name/],
    ['a name git would read as an option', { name: '-upload-pack' }, /not a repository name/],
    ['a name ending in .git', { name: 'x.git' }, /not a repository name/],
    ['a name with a slash', { name: 'a/../../etc' }, /not a repository name/],
    [
      'a name with a newline and a workflow command',
      { name: 'x\n::set-output name=a::b' },
      /not a repository name/,
    ],
    ['a name with Markdown', { name: '[x](https://evil.example)' }, /not a repository name/],
    ['a full name that is another repository', { full_name: 'acme/other' }, /full_name/],
    ['an owner that is not the organisation', { owner: { login: 'evil' } }, /not the organisation/],
    ['a default branch git would read as an option', { default_branch: '--upload-pack=sh' }, /branch/],
    ['a default branch with a space', { default_branch: 'main x' }, /branch/],
    ['a size that is not a number', { size: '1e9' }, /size/],
    ['a push time that is not a time', { pushed_at: 'yesterday' }, /pushed_at/],
  ];
  it.each(hostile)('skips %s, saying why, and keeps the rest', async (_, raw, why) => {
    const evil = await startGitHubEmulator({ tokens: { [TOKEN]: FULL_PERMISSIONS } });
    try {
      evil.addOrgRepos('acme', [{ name: 'good' }, { name: 'bad', raw }]);
      const listing = await listOrgRepos(client(evil.baseUrl), 'acme');
      expect(listing.repos.map((r) => r.fullName)).toEqual(['acme/good']);
      expect(listing.invalid).toHaveLength(1);
      expect(listing.invalid[0]!.reason).toMatch(why);
      // The label names the entry by place, never by its (hostile) name.
      expect(listing.invalid[0]!.repo).toMatch(/^\(page 1, entry \d\)$/);
    } finally {
      await evil.stop();
    }
  });

  it('does not send the token to another host named by a Link header', async () => {
    const evil = await startGitHubEmulator({ tokens: { [TOKEN]: FULL_PERMISSIONS } });
    try {
      evil.addOrgRepos('acme', [{ name: 'a' }]);
      evil.injectFault({
        path: '/orgs/acme/repos',
        fault: {
          kind: 'status',
          status: 200,
          headers: { link: '<http://127.0.0.2:1/orgs/acme/repos?page=2>; rel="next"' },
          body: [],
        },
      });
      await expect(listOrgRepos(client(evil.baseUrl), 'acme')).rejects.toThrow(/another host/);
    } finally {
      await evil.stop();
    }
  });
});

describe('keyguard fleet plan', () => {
  const env = (extra: NodeJS.ProcessEnv = {}) => ({
    GITHUB_API_URL: gh.baseUrl,
    KEYGUARD_FLEET_TOKEN: TOKEN,
    ...extra,
  });

  it('writes the matrix: shards of changed repositories, skipped ones with why', async () => {
    const dir = tempDir();
    const out = join(dir, 'matrix.json');
    const r = await runCli(['fleet', 'plan', '--org', 'acme', '--jobs', '8', '--output', out], env(), dir);
    expect(r.stderr).toMatch(/listed 250 repositories in 3 API request\(s\)/);
    expect(r.code).toBe(0);
    const m = JSON.parse(readFileSync(out, 'utf8')) as FleetMatrix;
    expect(m.include).toHaveLength(8);
    expect(m.include.map((s) => s.shard)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const swept = m.include.flatMap((s) => s.repos);
    expect(new Set(swept).size).toBe(swept.length);
    const reasons = new Set(m.skipped.map((s) => s.reason));
    expect(reasons).toEqual(new Set(['archived', 'fork', 'empty']));
    expect(swept.length + m.skipped.length).toBe(250);
    expect(m.stats).toMatchObject({ listed: 250, requests: 3 });
  });

  it('takes KEYGUARD_FLEET_TOKEN over GITHUB_TOKEN', async () => {
    await runCli(['fleet', 'plan', '--org', 'acme'], env({ GITHUB_TOKEN: OTHER }));
    const auth = gh.requestsTo('GET', '/orgs/acme/repos').map((q) => q.headers.authorization);
    expect(auth.every((a) => a === `token ${TOKEN}`)).toBe(true);
  });

  it('falls back to GITHUB_TOKEN', async () => {
    const r = await runCli(['fleet', 'plan', '--org', 'acme'], {
      GITHUB_API_URL: gh.baseUrl,
      GITHUB_TOKEN: OTHER,
    });
    expect(r.code).toBe(0);
    expect(gh.requestsTo('GET', '/orgs/acme/repos')[0]!.headers.authorization).toBe(`token ${OTHER}`);
  });

  it('refuses plain http to another host before sending the token', async () => {
    const before = gh.requestsTo('GET', '/orgs/acme/repos').length;
    const r = await runCli(
      ['fleet', 'plan', '--org', 'acme'],
      env({ GITHUB_API_URL: 'http://192.0.2.10/api/v3' }),
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/GITHUB_API_URL: http:\/\/192\.0\.2\.10 would send the token unencrypted/);
    expect(gh.requestsTo('GET', '/orgs/acme/repos')).toHaveLength(before);
    expect(r.stderr + r.stdout).not.toContain(TOKEN);
  });

  it('refuses a query string in GITHUB_API_URL with a precise error', async () => {
    const r = await runCli(['fleet', 'plan', '--org', 'acme'], env({ GITHUB_API_URL: `${gh.baseUrl}?x=1` }));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/GITHUB_API_URL: the token is sent to this URL, so it has no query/);
  });

  it('says where the token comes from when there is none', async () => {
    const r = await runCli(['fleet', 'plan', '--org', 'acme'], { GITHUB_API_URL: gh.baseUrl });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/KEYGUARD_FLEET_TOKEN/);
  });

  it('never prints the token, even when GitHub refuses it', async () => {
    const r = await runCli(
      ['fleet', 'plan', '--org', 'acme'],
      env({ KEYGUARD_FLEET_TOKEN: 'refused-token-42' }),
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/401/);
    expect(r.stderr + r.stdout).not.toContain('refused-token-42');
  });

  it('lists only what changed on the second night', async () => {
    const dir = tempDir();
    const first = JSON.parse(
      (await runCli(['fleet', 'plan', '--org', 'acme'], env(), dir)).stdout,
    ) as FleetMatrix;
    // The state a report would write after the first night.
    const repos: Record<string, unknown> = {};
    for (const s of first.include)
      for (const name of s.repos)
        repos[name] = {
          pushedAt: s.known![name]!.pushedAt,
          defaultBranch: s.known![name]!.defaultBranch,
          covered: { 'refs/heads/main': 'c'.repeat(40) },
          sweptAt: '2026-12-01T00:00:00Z',
        };
    const state = join(dir, 'state.json');
    writeFileSync(
      state,
      JSON.stringify({
        format: 1,
        org: 'acme',
        rulesKey: first.rulesKey,
        updatedAt: '2026-12-01T00:00:00Z',
        repos,
      }),
    );
    gh.pushTo('acme', 'svc-001');
    const second = JSON.parse(
      (await runCli(['fleet', 'plan', '--org', 'acme', '--state', state], env(), dir)).stdout,
    ) as FleetMatrix;
    expect(second.include.flatMap((s) => s.repos)).toEqual(['acme/svc-001']);
    expect(second.why).toEqual({ 'acme/svc-001': 'pushed' });
    expect(second.unchanged.length).toBe(Object.keys(repos).length - 1);
  });

  it('refuses a malformed state, naming the file, before any request', async () => {
    const dir = tempDir();
    const state = join(dir, 'state.json');
    writeFileSync(
      state,
      JSON.stringify({ format: 1, org: 'acme', rulesKey: 'zz', updatedAt: 'x', repos: {} }),
    );
    const r = await runCli(['fleet', 'plan', '--org', 'acme', '--state', state], env(), dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${state}: not a keyguard fleet state: rulesKey`);
    expect(gh.requests).toHaveLength(0);
  });

  it('refuses the state of another organisation', async () => {
    const dir = tempDir();
    const state = join(dir, 'state.json');
    writeFileSync(
      state,
      JSON.stringify({
        format: 1,
        org: 'other',
        rulesKey: 'a'.repeat(64),
        updatedAt: '2026-12-01T00:00:00Z',
        repos: {},
      }),
    );
    const r = await runCli(['fleet', 'plan', '--org', 'acme', '--state', state], env(), dir);
    expect(r.stderr).toMatch(/of organisation "other", not "acme"/);
  });

  it('takes a missing state for the first night', async () => {
    const dir = tempDir();
    const r = await runCli(['fleet', 'plan', '--org', 'acme', '--state', join(dir, 'none.json')], env(), dir);
    expect(r.code).toBe(0);
  });

  it.each([
    [['--jobs', '300'], /from 1 to 256/],
    [['--jobs', 'many'], /not a whole number/],
    [[], /needs --org/],
  ])('refuses %j', async (args, why) => {
    const r = await runCli(['fleet', 'plan', ...(args.length ? ['--org', 'acme'] : []), ...args], env());
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(why);
  });
});

describe('keyguard fleet', () => {
  it('lists its subcommands', async () => {
    const r = await runCli(['fleet', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/fleet plan[\s\S]*fleet sweep[\s\S]*fleet report/);
  });

  it('names the subcommands when given an unknown one', async () => {
    const r = await runCli(['fleet', 'plann']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown subcommand "plann" of fleet \(expected plan, sweep, rotate, report/);
  });

  it('shows a subcommand’s own flags', async () => {
    const r = await runCli(['fleet', 'plan', '--help']);
    expect(r.stdout).toMatch(/keyguard fleet plan --org ORG/);
    expect(r.stdout).toMatch(/--max-repos N/);
  });
});
