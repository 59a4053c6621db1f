/**
 * The action's `fleet-sweep` mode rotates a live key of a swept repository when it runs on the central
 * repository's default branch with `rotation:` in the central `.keyguard.yml` (acme/api listed in
 * `fleet-repository-secrets`): the replacement lands in the swept repository's secret, is masked
 * (core.setSecret) before any line about it, and the incident opens in the central repository. The same run on another branch rotates nothing.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { GitHubEmulator } from '../emulators/github.js';
import type { OpenAIEmulator, OpenAIKeyRecord } from '../emulators/openai.js';
import type { GitHttpServer } from '../helpers/git-http-server.js';
import { KeyGen } from '../helpers/keygen.js';
import { runActionFleetMode, startActionRotationServers } from './action-runner.js';
import { WorkRepo } from './git-fixtures.js';
import { cleanTempDirs, RULES, tempDir } from './helpers.js';

const TOKEN = `ghs_${new KeyGen(6161).alnum(36)}`;
const STATE_KEY = new KeyGen(6162).alnum(40);
let server: GitHttpServer;
let gh: GitHubEmulator;
let emu: OpenAIEmulator;
let work: WorkRepo;
let leaked: OpenAIKeyRecord;
let admin: string;
const saved = { ...process.env };

beforeAll(async () => {
  ({ server, gh, emu, leaked, admin } = await startActionRotationServers(TOKEN));
  gh.addOrgRepos('acme', [{ name: 'api' }]);
  gh.setSecret('repo:acme/api', 'OPENAI_API_KEY', leaked.value);
  work = new WorkRepo(server, 'acme/api', tempDir());
  work.commit('init', { '.env': `OPENAI_API_KEY=${leaked.value}\n` });
  work.push();
});
afterAll(async () => {
  process.env = saved;
  await Promise.all([server.stop(), gh.stop(), emu.stop()]);
  work.cleanup();
  cleanTempDirs();
});

async function sweepMode(ref: string) {
  const workspace = tempDir();
  writeFileSync(
    join(workspace, '.keyguard.yml'),
    `providers:\n  openai:\n    base-url: ${emu.apiBase}\nrotation:\n  openai:\n    secrets:\n      - { name: OPENAI_API_KEY }\n    fleet-repository-secrets: [acme/api]\n`,
  );
  const known = { 'acme/api': { defaultBranch: 'main', covered: {} } };
  writeFileSync(
    join(workspace, 'fleet-plan.json'),
    JSON.stringify({
      include: [{ format: 1, shard: 1, repos: ['acme/api'], known, rulesKey: RULES }],
      unchanged: [],
    }),
  );
  const event = join(workspace, 'event.json');
  writeFileSync(
    event,
    JSON.stringify({ repository: { default_branch: 'main', full_name: 'acme/security' } }),
  );
  const { stdout } = await runActionFleetMode(
    workspace,
    saved,
    {
      GITHUB_SERVER_URL: server.url,
      GITHUB_API_URL: gh.baseUrl,
      GITHUB_REPOSITORY: 'acme/security',
      GITHUB_RUN_ID: '777',
      GITHUB_EVENT_NAME: 'schedule',
      GITHUB_EVENT_PATH: event,
      GITHUB_REF: ref,
      KEYGUARD_RETRY_SCALE: '0.01',
    },
    {
      mode: 'fleet-sweep',
      'fleet-shard': '1',
      'fleet-token': TOKEN,
      'openai-admin-key': admin,
      'state-key': STATE_KEY,
      'fleet-rotation-scope': 'shard',
    },
  );
  const result = JSON.parse(readFileSync(join(workspace, 'fleet-results', 'acme__api.json'), 'utf8'));
  return { finding: result.findings[0], stdout };
}

describe('mode: fleet-sweep with rotation in the central config', () => {
  it('rotates nothing on another branch than the default one', async () => {
    const { finding, stdout } = await sweepMode('refs/heads/try-it');
    expect(finding.verification.status).toBe('live');
    expect(finding.rotation).toBeUndefined();
    expect(stdout).toMatch(/not rotated in this run: the run is on refs\/heads\/try-it/);
    expect(gh.secretValue('repo:acme/api', 'OPENAI_API_KEY')).toBe(leaked.value);
  });

  describe('on the default branch', () => {
    let run: Awaited<ReturnType<typeof sweepMode>>;
    beforeAll(async () => {
      run = await sweepMode('refs/heads/main');
    });

    it("rotates the key into the swept repository's secret", () => {
      expect(run.finding.rotation).toMatchObject({ status: 'rotated' });
      expect(gh.secretValue('repo:acme/api', 'OPENAI_API_KEY')).not.toBe(leaked.value);
      expect(emu.keys.get(leaked.id)!.deleted).toBe(true);
    });

    it('masks the replacement before any line about it, and never prints it', () => {
      const replacement = gh.secretValue('repo:acme/api', 'OPENAI_API_KEY')!;
      const mask = run.stdout.indexOf(`::add-mask::${replacement}`);
      expect(mask).toBeGreaterThan(-1);
      const rest = run.stdout.split('\n').filter((l) => !l.startsWith('::add-mask::'));
      expect(rest.join('\n')).not.toContain(replacement);
      expect(rest.join('\n')).not.toContain(leaked.value);
      expect(run.stdout.indexOf('create: replacement')).toBeGreaterThan(mask);
    });

    it('opens the incident in the central repository', () => {
      expect(gh.issues).toHaveLength(1);
      expect(gh.issues[0]!.title).toMatch(/in acme\/api$/);
    });
  });
});
