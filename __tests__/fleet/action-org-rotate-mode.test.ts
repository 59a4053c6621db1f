/**
 * The action's fleet modes with org-wide rotation (the default `fleet-rotation-scope: org`): the same
 * live key in two listed repositories of two shards. Each `fleet-sweep` job only seals it (no secret
 * written, no key disabled, no admin key needed); the `fleet-report` job rotates it once, with both
 * repositories' secrets, before the report. Without `state-key` the sweep rotates nothing and says so.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { verdictKeyOf } from '../../src/cache/index.js';
import { parseConfig } from '../../src/config/load.js';
import type { GitHubEmulator } from '../emulators/github.js';
import type { OpenAIEmulator, OpenAIKeyRecord } from '../emulators/openai.js';
import type { GitHttpServer } from '../helpers/git-http-server.js';
import { KeyGen } from '../helpers/keygen.js';
import { runActionFleetMode, startActionRotationServers } from './action-runner.js';
import { WorkRepo } from './git-fixtures.js';
import { cleanTempDirs, tempDir } from './helpers.js';

const gen = new KeyGen(6262);
const TOKEN = `ghs_${gen.alnum(36)}`;
const STATE_KEY = gen.alnum(40);
const PLAN_ID = gen.hex(32);
const REPOS = ['acme/api', 'acme/web'];
let server: GitHttpServer;
let gh: GitHubEmulator;
let emu: OpenAIEmulator;
let works: WorkRepo[];
let leaked: OpenAIKeyRecord;
let admin: string;
let workspace: string;
const saved = { ...process.env };

beforeAll(async () => {
  ({ server, gh, emu, leaked, admin } = await startActionRotationServers(TOKEN));
  gh.addOrgRepos('acme', [{ name: 'api' }, { name: 'web' }]);
  works = REPOS.map((name) => {
    gh.setSecret(`repo:${name}`, 'OPENAI_API_KEY', leaked.value);
    const w = new WorkRepo(server, name, tempDir());
    w.commit('init', { '.env': `OPENAI_API_KEY=${leaked.value}\n` });
    w.push();
    return w;
  });
  workspace = tempDir();
  const central = `providers:\n  openai:\n    base-url: ${emu.apiBase}\nrotation:\n  openai:\n    secrets:\n      - { name: OPENAI_API_KEY }\n    fleet-repository-secrets: [acme/api, acme/web]\n`;
  writeFileSync(join(workspace, '.keyguard.yml'), central);
  // The plan's rules key, as `fleet plan` computes it from the same central config.
  const rulesKey = verdictKeyOf(parseConfig(central));
  // One repository a shard: a key in both is what per-shard rotation got wrong.
  const shard = (n: number, repo: string) => ({
    format: 1,
    shard: n,
    planId: PLAN_ID,
    repos: [repo],
    known: { [repo]: { defaultBranch: 'main', covered: {} } },
    rulesKey,
  });
  writeFileSync(
    join(workspace, 'fleet-plan.json'),
    JSON.stringify({
      planId: PLAN_ID,
      createdAt: new Date().toISOString(),
      include: [shard(1, 'acme/api'), shard(2, 'acme/web')],
      unchanged: [],
    }),
  );
  writeFileSync(
    join(workspace, 'event.json'),
    JSON.stringify({ repository: { default_branch: 'main', full_name: 'acme/security' } }),
  );
});
afterAll(async () => {
  process.env = saved;
  await Promise.all([server.stop(), gh.stop(), emu.stop()]);
  for (const w of works) w.cleanup();
  cleanTempDirs();
});

async function runMode(inputs: Record<string, string>) {
  writeFileSync(join(workspace, 'summary.md'), '');
  const { code, stdout } = await runActionFleetMode(
    workspace,
    saved,
    {
      GITHUB_STEP_SUMMARY: join(workspace, 'summary.md'),
      GITHUB_SERVER_URL: server.url,
      GITHUB_API_URL: gh.baseUrl,
      GITHUB_REPOSITORY: 'acme/security',
      GITHUB_RUN_ID: '778',
      GITHUB_EVENT_NAME: 'schedule',
      GITHUB_EVENT_PATH: join(workspace, 'event.json'),
      GITHUB_REF: 'refs/heads/main',
      KEYGUARD_RETRY_SCALE: '0.01',
    },
    { 'fleet-token': TOKEN, ...inputs },
  );
  return { code, stdout };
}

const result = (repo: string) =>
  JSON.parse(readFileSync(join(workspace, 'fleet-results', `${repo.replace('/', '__')}.json`), 'utf8'));

describe('the action with org-wide fleet rotation', () => {
  it('rotates nothing in a sweep job without state-key, and says why', async () => {
    const r = await runMode({ mode: 'fleet-sweep', 'fleet-shard': '1', 'openai-admin-key': admin });
    expect(r.stdout).toMatch(/live keys are not rotated: org-wide fleet rotation .* set state-key/);
    expect(result('acme/api').findings[0].rotation).toBeUndefined();
    expect(gh.secretValue('repo:acme/api', 'OPENAI_API_KEY')).toBe(leaked.value);
  });

  describe('with state-key in every job', () => {
    let report: Awaited<ReturnType<typeof runMode>>;
    const writesDuringSweeps: string[] = [];
    beforeAll(async () => {
      // The sweep jobs get the state key only: no admin key.
      for (const shard of ['1', '2'])
        await runMode({ mode: 'fleet-sweep', 'fleet-shard': shard, 'state-key': STATE_KEY });
      writesDuringSweeps.push(
        ...[...gh.requests, ...emu.requests]
          .filter((q) => q.method !== 'GET')
          .map((q) => `${q.method} ${q.path}`),
      );
      report = await runMode({
        mode: 'fleet-report',
        'state-key': STATE_KEY,
        'openai-admin-key': admin,
      });
    });

    it('writes no secret and disables no key in the sweep jobs (each live key is only sealed)', () => {
      expect(writesDuringSweeps.filter((w) => !/\/issues|\/graphql/.test(w))).toEqual([]);
    });

    it('rotates the key once in the report job, into both repositories of both shards', () => {
      const a = gh.secretValue('repo:acme/api', 'OPENAI_API_KEY');
      const b = gh.secretValue('repo:acme/web', 'OPENAI_API_KEY');
      expect(a).not.toBe(leaked.value);
      expect(b).toBe(a);
      expect(emu.keys.get(leaked.id)!.deleted).toBe(true);
      expect(result('acme/api').findings[0].rotation).toMatchObject({ status: 'rotated' });
      expect(result('acme/web').findings[0].rotation).toMatchObject({ status: 'rotated' });
    });

    it('opens one incident in the central repository', () => {
      expect(gh.issues).toHaveLength(1);
    });

    it('never prints the leaked key or its replacement', () => {
      const replacement = gh.secretValue('repo:acme/api', 'OPENAI_API_KEY')!;
      const rest = report.stdout.split('\n').filter((l) => !l.startsWith('::add-mask::'));
      expect(rest.join('\n')).not.toContain(replacement);
      expect(rest.join('\n')).not.toContain(leaked.value);
      const files = ['acme/api', 'acme/web'].map((r) => JSON.stringify(result(r))).join('\n');
      expect(files).not.toContain(leaked.value);
      expect(files).not.toContain(replacement);
    });
  });
});
