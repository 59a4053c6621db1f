/**
 * The action's `fleet-sweep` mode: the shard taken from the plan file, swept over real git smart HTTP,
 * the keys verified (against the OpenAI emulator, named in the central `.keyguard.yml`) unless
 * `verify: false`; keys found do not fail the job (the report job judges them), a failed repository does.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { getFleetInputs } from '../../src/action/inputs.js';
import { type OpenAIEmulator, startOpenAIEmulator } from '../emulators/openai.js';
import { type GitHttpServer, startGitHttpServer } from '../helpers/git-http-server.js';
import { KeyGen } from '../helpers/keygen.js';
import { runActionFleetMode } from './action-runner.js';
import { WorkRepo } from './git-fixtures.js';
import { cleanTempDirs, RULES, tempDir } from './helpers.js';

const TOKEN = `ghs_${new KeyGen(3131).alnum(36)}`;
let server: GitHttpServer;
let emu: OpenAIEmulator;
let work: WorkRepo;
const saved = { ...process.env };

beforeAll(async () => {
  server = await startGitHttpServer({ root: join(tempDir(), 'served'), token: TOKEN });
  emu = await startOpenAIEmulator();
  work = new WorkRepo(server, 'acme/api', tempDir());
  work.commit('init', { '.env': `OPENAI_API_KEY=${emu.addKey().value}\n` });
  work.push();
});
afterAll(async () => {
  process.env = saved;
  await server.stop();
  await emu.stop();
  work.cleanup();
  cleanTempDirs();
});

async function sweepMode(
  inputs: Record<string, string>,
  repos = ['acme/api'],
  opts: { rotation?: boolean; env?: Record<string, string> } = {},
) {
  const workspace = tempDir();
  const rotation = opts.rotation
    ? 'rotation:\n  openai:\n    secrets:\n      - { name: OPENAI_API_KEY }\n'
    : '';
  writeFileSync(
    join(workspace, '.keyguard.yml'),
    `providers:\n  openai:\n    base-url: ${emu.apiBase}\n${rotation}`,
  );
  const known = Object.fromEntries(repos.map((r) => [r, { defaultBranch: 'main', covered: {} }]));
  writeFileSync(
    join(workspace, 'fleet-plan.json'),
    JSON.stringify({ include: [{ format: 1, shard: 1, repos, known, rulesKey: RULES }], unchanged: [] }),
  );
  const { code, stdout, output } = await runActionFleetMode(
    workspace,
    saved,
    { GITHUB_SERVER_URL: server.url, ...opts.env },
    { mode: 'fleet-sweep', 'fleet-shard': '1', 'fleet-token': TOKEN, ...inputs },
  );
  const read = (name: string) => JSON.parse(readFileSync(join(workspace, 'fleet-results', name), 'utf8'));
  return { code, read, output, stdout };
}

describe('mode: fleet-sweep', () => {
  it('verifies the keys found, as the other modes do, and does not fail the job for them', async () => {
    const { code, read } = await sweepMode({});
    expect(read('acme__api.json').findings.map((f: any) => f.verification?.status)).toEqual(['live']);
    expect(code).toBeUndefined();
  });

  it('verifies nothing with verify: false', async () => {
    const { read } = await sweepMode({ verify: 'false' });
    expect(read('acme__api.json').findings[0].verification).toBeUndefined();
  });

  it('fails the job when a repository could not be swept, after writing every result', async () => {
    const { code, read } = await sweepMode({ verify: 'false' }, ['acme/api', 'acme/gone']);
    expect(read('acme__gone.json')).toMatchObject({ status: 'failed', reason: expect.stringMatching(/404/) });
    expect(read('acme__api.json').status).toBe('scanned');
    expect(code).toBe(1);
  });
});

describe('mode: fleet-sweep bounds', () => {
  it('passes fleet-max-refs to the sweep: a repository over it is recorded as failed, naming the limit', async () => {
    work.git('tag', '-f', 'v1'); // a second ref: the branch and the tag
    work.push();
    const { code, read } = await sweepMode({ verify: 'false', 'fleet-max-refs': '1' });
    expect(read('acme__api.json')).toMatchObject({
      status: 'failed',
      reason: expect.stringMatching(/max-refs/),
    });
    expect(code).toBe(1);
  });

  it.each([
    ['fleet-timeout', 'soon', /input fleet-timeout: "soon" is not a whole number of minutes/],
    ['fleet-deadline', '0', /input fleet-deadline: "0" is not a whole number of minutes/],
    ['fleet-max-git-mb', '2G', /input fleet-max-git-mb: "2G" is not a whole number/],
    ['fleet-upload-scope', 'some', /fleet-upload-scope/],
  ])('refuses %s: %s before anything runs, naming the input', (name, value, message) => {
    expect(() =>
      getFleetInputs(
        process.env,
        (n) => ({ mode: 'fleet-sweep', 'fleet-shard': '1', 'fleet-token': TOKEN, [name]: value })[n] ?? '',
      ),
    ).toThrow(message);
  });
});

describe('mode: fleet-sweep with rotation configured centrally', () => {
  it('verifies but rotates nothing when the run is not on the default branch, and says why', async () => {
    const { read, stdout } = await sweepMode({}, ['acme/api'], {
      rotation: true,
      env: { GITHUB_REF: 'refs/heads/feature', GITHUB_EVENT_PATH: '' },
    });
    const f = read('acme__api.json').findings[0];
    expect(f.verification.status).toBe('live');
    expect(f.rotation).toBeUndefined();
    expect(stdout).toMatch(/live keys are not rotated in this run/);
  });
});
