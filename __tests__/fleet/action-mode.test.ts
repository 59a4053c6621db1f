/** The action's fleet modes: inputs → `keyguard fleet …` in-process → outputs (GITHUB_OUTPUT), against the emulator. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { runFleetMode } from '../../src/action/fleet-mode.js';
import { getFleetInputs } from '../../src/action/inputs.js';
import { FULL_PERMISSIONS, type GitHubEmulator, startGitHubEmulator } from '../emulators/github.js';
import { cleanTempDirs, RULES, tempDir } from './helpers.js';

const TOKEN = 'fleet-app-token';
let gh: GitHubEmulator;
const saved = { ...process.env };
beforeAll(async () => {
  gh = await startGitHubEmulator({ tokens: { [TOKEN]: FULL_PERMISSIONS } });
  gh.addOrgRepos(
    'acme',
    Array.from({ length: 12 }, (_, i) => ({ name: `r${i}`, archived: i === 0 })),
  );
});
afterAll(async () => {
  process.env = saved;
  await gh.stop();
  cleanTempDirs();
});

/** Runs one mode in a fresh workspace; returns the outputs the step set. */
async function mode(inputs: Record<string, string>, workspace = tempDir()) {
  const out = join(workspace, 'github-output');
  writeFileSync(out, '');
  process.env = {
    ...saved,
    GITHUB_WORKSPACE: workspace,
    RUNNER_TEMP: workspace,
    GITHUB_OUTPUT: out,
    GITHUB_API_URL: gh.baseUrl,
  };
  delete process.env.GITHUB_STEP_SUMMARY;
  process.exitCode = undefined;
  const settings = getFleetInputs(process.env, (n) => inputs[n] ?? '')!;
  await runFleetMode(settings);
  const outputs: Record<string, string> = {};
  const text = readFileSync(out, 'utf8');
  for (const m of text.matchAll(/^(\S+)<<(\S+)\n([\s\S]*?)\n\2$/gm)) outputs[m[1]!] = m[3]!;
  const code = process.exitCode;
  process.exitCode = undefined;
  return { outputs, workspace, code };
}

describe('mode: fleet-plan', () => {
  it('sets the matrix output (shard numbers) and writes the plan file', async () => {
    const { outputs, workspace } = await mode({
      mode: 'fleet-plan',
      'fleet-org': 'acme',
      'fleet-jobs': '4',
      'fleet-token': TOKEN,
    });
    expect(JSON.parse(outputs.matrix!)).toEqual({
      include: [1, 2, 3, 4].map((shard) => ({ shard, repos: expect.any(Number) })),
    });
    expect(outputs.shards).toBe('4');
    const plan = JSON.parse(readFileSync(join(workspace, 'fleet-plan.json'), 'utf8'));
    expect(plan.include.flatMap((s: { repos: string[] }) => s.repos)).toHaveLength(11);
  });

  it('refuses a plan without an organisation', () => {
    expect(() => getFleetInputs({}, (n) => (n === 'mode' ? 'fleet-plan' : ''))).toThrow(/fleet-org/);
  });

  it('refuses a fleet mode it does not know', () => {
    expect(() => getFleetInputs({}, (n) => (n === 'mode' ? 'fleet-everything' : ''))).toThrow(
      /not one of fleet-plan/,
    );
  });

  it('leaves the repository modes to getInputs', () => {
    expect(getFleetInputs({}, (n) => (n === 'mode' ? 'sweep' : ''))).toBeUndefined();
  });
});

describe('mode: fleet-report', () => {
  it('writes the JSON report, the state, sets findings and fails the step on leaks', async () => {
    const workspace = tempDir();
    const results = join(workspace, 'fleet-results', 'keyguard-results-1');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(results, { recursive: true });
    writeFileSync(
      join(results, 'acme__r1.json'),
      JSON.stringify({
        format: 1,
        repository: 'acme/r1',
        status: 'scanned',
        rulesKey: RULES,
        defaultBranch: 'main',
        covered: { 'refs/heads/main': 'a'.repeat(40) },
        pushedAt: '2026-11-01T00:00:00Z',
        findings: [
          {
            repository: 'acme/r1',
            file: '.env',
            line: 1,
            ruleId: 'openai-project-key',
            fingerprint: 'f'.repeat(32),
            redacted: 'sk-proj-…abcd',
            seenIn: ['tree', 'history'],
          },
        ],
        stats: { commitsRead: 1, blobsRead: 1, bytesRead: 1, ms: 1 },
        shard: 1,
      }),
    );
    // The plan: the state records coverage only for what it listed, from the shard it listed it in.
    writeFileSync(
      join(workspace, 'fleet-plan.json'),
      JSON.stringify({
        include: [{ format: 1, shard: 1, repos: ['acme/r1'], rulesKey: RULES }],
        unchanged: [],
        skipped: [],
        deferred: [],
      }),
    );
    const { outputs, code } = await mode(
      { mode: 'fleet-report', 'fleet-org': 'acme', 'fleet-state-out': 'next-state.json' },
      workspace,
    );
    expect(outputs.findings).toBe('1');
    expect(code).toBe(1);
    const state = JSON.parse(readFileSync(join(workspace, 'next-state.json'), 'utf8'));
    expect(Object.keys(state.repos)).toEqual(['acme/r1']);
  });

  it('fails a planned repository without a result ("no result") when the plan file is there', async () => {
    const workspace = tempDir();
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(workspace, 'fleet-results'), { recursive: true });
    writeFileSync(
      join(workspace, 'fleet-plan.json'),
      JSON.stringify({
        include: [{ format: 1, shard: 1, repos: ['acme/r2'], rulesKey: RULES }],
        unchanged: [],
        skipped: [],
        deferred: [],
      }),
    );
    const { code } = await mode({ mode: 'fleet-report', 'fleet-org': 'acme' }, workspace);
    expect(code).toBe(1);
    const report = JSON.parse(readFileSync(join(workspace, 'fleet-report.json'), 'utf8'));
    expect(report.failed).toEqual([{ repository: 'acme/r2', reason: expect.stringMatching(/^no result/) }]);
  });
});
