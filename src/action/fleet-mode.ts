/**
 * The action's fleet modes: each is the CLI's `keyguard fleet …` run in-process (the same engine, the
 * same files), with the inputs as flags, the token in the run's environment (never an argument), the
 * log lines through core.info (the CLI has made them inert), and the outputs set:
 *
 * - `fleet-plan`: writes `fleet-plan` (the whole plan, for an artifact) and the output `matrix`
 *   (shard numbers only: GitHub caps a job's outputs at 1 MB), plus `plan-file`.
 * - `fleet-sweep`: takes shard `fleet-shard` out of the plan file and sweeps it into `fleet-results`
 *   (verifying the keys found unless `verify: false`, as the other modes do).
 * - `fleet-report`: the Markdown report into the job summary, the JSON report into `report-file`, the
 *   next state into `fleet-state-out`, SARIF uploads with `fleet-upload-sarif` (after the state);
 *   with the `fleet-plan` file, a planned repository without a result is failed ("no result"). Exit 1 (leaks) and 2
 *   (errors, failed repositories) fail the step.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as core from '@actions/core';
import { cli } from '../cli/main.js';
import { InputError } from '../config/errors.js';
import { readFleetJson, writeFleetJson } from '../fleet/files.js';
import { matrixOutput } from '../fleet/plan.js';
import type { FleetMatrix } from '../fleet/types.js';
import { validateShard } from '../fleet/validate.js';
import type { FleetSettings } from './inputs.js';

/** Runs `keyguard fleet ARGS` in-process; stdout is returned, stderr lines go to the log. */
async function fleetCli(
  args: string[],
  s: FleetSettings,
  extraEnv: Record<string, string> = {},
): Promise<{ code: number; stdout: string }> {
  let stdout = '';
  let pending = '';
  const env = { ...process.env, ...extraEnv, ...(s.token ? { KEYGUARD_FLEET_TOKEN: s.token } : {}) };
  const code = await cli(['fleet', ...args], {
    stdout: { write: (c: string) => (stdout += c) },
    stderr: {
      write: (c: string) => {
        pending += c;
        const lines = pending.split('\n');
        pending = lines.pop() ?? '';
        for (const l of lines) core.info(l);
      },
    },
    stdin: (async function* () {})(),
    env,
    cwd: s.workspace,
    // Every key the rotation makes is masked before any line about it.
    mask: (value) => core.setSecret(value),
  });
  if (pending) core.info(pending);
  return { code, stdout };
}

const flag = (name: string, value: string | undefined) => (value ? [`--${name}`, value] : []);
const flags = (name: string, values: string[]) => values.flatMap((v) => [`--${name}`, v]);

export async function runFleetMode(s: FleetSettings): Promise<void> {
  const config = flag('config', s.config);
  if (s.mode === 'fleet-plan') {
    const { code } = await fleetCli(
      [
        'plan',
        ...flag('org', s.org),
        ...flag('jobs', s.jobs),
        ...flags('include', s.include),
        ...flags('exclude', s.exclude),
        ...flag('max-repos', s.maxRepos),
        ...flag('max-age', s.maxAge),
        ...(s.includeArchived ? ['--include-archived'] : []),
        ...(s.includeForks ? ['--include-forks'] : []),
        ...flag('state', s.state),
        '--output',
        s.planFile,
        ...config,
      ],
      s,
    );
    if (code !== 0) throw new InputError('fleet plan failed (see the log above)');
    const plan = (await readFleetJson(s.planFile)) as FleetMatrix;
    core.setOutput('matrix', matrixOutput(plan));
    core.setOutput('plan-file', s.planFile);
    core.setOutput('shards', String(plan.include.length));
    return;
  }
  if (s.mode === 'fleet-sweep') {
    const plan = (await readFleetJson(s.planFile)) as FleetMatrix;
    const entry = Array.isArray(plan?.include)
      ? plan.include.find((e) => e?.shard === Number(s.shard))
      : undefined;
    if (!entry) throw new InputError(`fleet-plan ${s.planFile} has no shard ${s.shard}`);
    const shardFile = join(s.temp, `keyguard-shard-${Number(s.shard)}.json`);
    await writeFleetJson(shardFile, validateShard(entry));
    const wanted = s.rotate !== 'off' && !s.rotateOff;
    if (s.rotate !== 'off' && s.rotateOff)
      core.info(`keyguard: live keys are not rotated in this run: ${s.rotateOff}`);
    // Org-wide rotation: the keys leave this job only sealed, for the report job's `fleet rotate`.
    const sealing = wanted && s.rotationScope === 'org' && !!s.rotationEnv.KEYGUARD_STATE_KEY;
    if (wanted && s.rotationScope === 'org' && !sealing)
      core.warning(
        'keyguard: live keys are not rotated: org-wide fleet rotation (fleet-rotation-scope: org) seals each live key for the report job under state-key; set state-key to the same secret in the sweep and report jobs',
      );
    const rotating = wanted && s.rotationScope === 'shard';
    const { code } = await fleetCli(
      [
        'sweep',
        '--shard',
        shardFile,
        ...flag('state', s.state),
        '--output-dir',
        s.results,
        ...(s.verify && !sealing ? ['--verify'] : []),
        ...(sealing ? ['--seal'] : []),
        ...(rotating ? ['--rotate'] : []),
        ...(rotating && s.rotate === 'disable' ? ['--disable-only'] : []),
        ...(rotating && s.dryRun ? ['--dry-run'] : []),
        ...flag('parallel', s.parallel),
        ...flag('timeout', s.timeout),
        ...flag('deadline', s.deadline),
        ...flag('max-clone-mb', s.maxCloneMb),
        ...flag('max-git-mb', s.maxGitMb),
        ...flag('max-refs', s.maxRefs),
        ...config,
      ],
      s,
      rotating ? s.rotationEnv : sealing ? { KEYGUARD_STATE_KEY: s.rotationEnv.KEYGUARD_STATE_KEY! } : {},
    );
    core.setOutput('results-dir', s.results);
    // Keys found are the report job's to judge (exit 1): this job fails only when it could not sweep.
    if (code === 1) core.info('keys found in this shard: the fleet-report job reports them');
    else if (code !== 0) core.setFailed(`fleet sweep exited ${code} (see the log above)`);
    return;
  }
  const md = join(s.temp, 'keyguard-fleet-summary.md');
  // The plan (an artifact of the plan job): a planned repository without a result is failed, not absent.
  const plan = existsSync(s.planFile) ? ['--plan', s.planFile] : [];
  if (!plan.length)
    core.warning(
      `keyguard: no fleet-plan file ${s.planFile}: a sweep job that wrote no result would go unnoticed, and no state is written (coverage is recorded only for what the plan listed)`,
    );
  const common = ['--input', s.results, ...plan, ...flag('state', s.state), ...flag('org', s.org)];
  // Org-wide rotation: each sealed key once, with every place in every shard, before the report (which
  // then shows the outcomes). Only with the plan (it says which results to trust) and the state key.
  let rotation = 0;
  if (s.rotate !== 'off' && s.rotateOff)
    core.info(`keyguard: live keys are not rotated in this run: ${s.rotateOff}`);
  else if (s.rotate !== 'off' && plan.length && s.rotationEnv.KEYGUARD_STATE_KEY) {
    ({ code: rotation } = await fleetCli(
      [
        'rotate',
        '--input',
        s.results,
        ...plan,
        ...(s.rotate === 'disable' ? ['--disable-only'] : []),
        ...(s.dryRun ? ['--dry-run'] : []),
        ...config,
      ],
      s,
      s.rotationEnv,
    ));
  }
  const main = await fleetCli(
    [
      'report',
      ...common,
      ...flag('state-out', s.stateOut),
      '--format',
      'markdown',
      '--output',
      md,
      ...(s.uploadSarif
        ? ['--upload-sarif', ...flag('upload-scope', s.uploadScope), ...flag('max-uploads', s.maxUploads)]
        : []),
    ],
    s,
  );
  if (s.reportFile) {
    await fleetCli(
      ['report', ...common, '--format', 'json', '--output', s.reportFile, '--log-level', 'error'],
      s,
    );
    core.setOutput('report-file', s.reportFile);
    try {
      const report = JSON.parse(await readFile(s.reportFile, 'utf8'));
      core.setOutput('findings', String(report.summary?.findings ?? 0));
      core.setOutput('live', String(report.summary?.live ?? 0));
    } catch {}
  }
  if (s.summary && process.env.GITHUB_STEP_SUMMARY) {
    try {
      await core.summary.addRaw(await readFile(md, 'utf8')).write();
    } catch {}
  }
  if (rotation !== 0)
    core.setFailed(
      `fleet rotate exited ${rotation}: a rotation stopped part-way or a sealed key could not be opened (see the log above); re-run this job to finish`,
    );
  else if (main.code === 1) core.setFailed('leaked keys found across the fleet (see the job summary)');
  else if (main.code !== 0)
    core.setFailed(
      'the fleet report is incomplete: a result file was unusable, a repository failed or an upload failed',
    );
}
