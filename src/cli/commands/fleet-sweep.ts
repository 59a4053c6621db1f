/** `keyguard fleet sweep`: one matrix shard → one result file per repository (docs/fleet.md). */
import { resolve } from 'node:path';
import { verdictKeyOf } from '../../cache/index.js';
import { InputError } from '../../config/errors.js';
import type { KeyguardConfig } from '../../config/load.js';
import { DEFAULT_MAX_CLONE_MB, DEFAULT_MAX_GIT_MB, DEFAULT_MAX_REFS } from '../../fleet/clone.js';
import { FLEET_TOKEN_ENV, fleetApiUrl, fleetToken } from '../../fleet/env.js';
import { FleetFileError, readFleetJson } from '../../fleet/files.js';
import { fleetServerUrl } from '../../fleet/git-auth.js';
import type { FleetRotateOptions } from '../../fleet/rotate.js';
import { readState } from '../../fleet/state.js';
import { type FleetSighting, runSweep, sweepExitCode } from '../../fleet/sweep.js';
import { createTransferSeal, type TransferSeal } from '../../fleet/transfer.js';
import { ShapeError, validateShard } from '../../fleet/validate.js';
import { repoContextFromEnv } from '../../github/context.js';
import { buildProviders, verifyBudget, verifyOptionsFrom } from '../../pipeline/providers.js';
import { Secret } from '../../scan/secret.js';
import { forLog } from '../../text/inert.js';
import type { Finding } from '../../types.js';
import { verifyFindings } from '../../verify/index.js';
import { ADMIN_ENV } from '../audit-provider.js';
import type { CliIo, Command } from '../command.js';
import { type Parsed, str } from '../flags.js';
import { atMost, BASE_URL_FLAGS, baseUrlsFrom, CONFIG_FLAG, configFor } from '../shared.js';

async function readShard(file: string) {
  const raw = await readFleetJson(file);
  try {
    return validateShard(raw);
  } catch (err) {
    if (err instanceof ShapeError)
      throw new FleetFileError(file, `not a keyguard fleet shard: ${err.message}`);
    throw err;
  }
}

function whole(value: string | undefined, flag: string, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value.trim());
  if (!/^\d{1,7}$/.test(value.trim()) || n < 1 || n > max)
    throw new InputError(`--${flag} "${value}" is not a whole number from 1 to ${max}`);
  return n;
}

/** `--timeout` / `--deadline`: minutes (`30`), or seconds with an `s` (`90s`). */
export function timeoutMsOf(value: string | undefined, flag = 'timeout'): number | undefined {
  if (value === undefined) return undefined;
  const m = /^(\d{1,5})(s?)$/.exec(value.trim());
  if (!m || Number(m[1]) < 1)
    throw new InputError(`--${flag} "${value}" is not a whole number of minutes (30) or seconds (90s)`);
  return Number(m[1]) * (m[2] ? 1000 : 60_000);
}

/** Admin keys from the environment (never from arguments), masked before anything holds them. */
export function adminKeysFrom(io: CliIo): Partial<Record<string, Secret>> {
  const out: Partial<Record<string, Secret>> = {};
  for (const [id, name] of Object.entries(ADMIN_ENV)) {
    const v = io.env[name]?.trim();
    if (!v) continue;
    io.mask?.(v);
    out[id] = new Secret(v);
  }
  return out;
}

/**
 * `KEYGUARD_STATE_KEY`: the seal of the journals, and the fleet's transfer secret (the sealed keys
 * of `sweep --seal` / `fleet rotate`). Masked before anything holds it.
 */
export function stateKeyFrom(io: CliIo): Secret | undefined {
  const stateValue = io.env.KEYGUARD_STATE_KEY?.trim();
  if (stateValue) io.mask?.(stateValue);
  if (stateValue && stateValue.length < 16)
    throw new InputError('KEYGUARD_STATE_KEY: use a random secret of at least 16 characters');
  return stateValue ? new Secret(stateValue) : undefined;
}

/** The options of the rotation engine (src/fleet/rotate.ts) for `sweep --rotate` and `fleet rotate`. */
export function fleetRotateOptions(
  command: string,
  values: Parsed['values'],
  io: CliIo,
  config: KeyguardConfig,
  token: Secret | undefined,
  adminKeys: Partial<Record<string, Secret>>,
  log: (line: string) => void,
): FleetRotateOptions {
  if (!token) throw new InputError(`${command} needs ${FLEET_TOKEN_ENV} (or GITHUB_TOKEN)`);
  const rotation = config.parsed.rotation;
  const centralArg = str(values, 'central-repo');
  const central = repoContextFromEnv({
    ...io.env,
    ...(centralArg !== undefined ? { GITHUB_REPOSITORY: centralArg } : {}),
  });
  // Rotation's GitHub client gets the token too: the same https-or-loopback rule as listing and uploads.
  central.apiUrl = fleetApiUrl(io.env);
  const stateKey = stateKeyFrom(io);
  const baseUrls = baseUrlsFrom(values);
  return {
    central,
    token,
    rotation,
    providers: () => buildProviders(config, { baseUrls, env: io.env, adminKeys, mask: io.mask }),
    mode: values['disable-only'] ? 'disable' : 'rotate',
    dryRun: Boolean(values['dry-run']),
    stateKey,
    adminKeys,
    mask: (v) => io.mask?.(v),
    log,
    env: io.env,
  };
}

/** `--rotate`: the rotation of the shard's live keys, grouped by key (src/fleet/rotate.ts). */
function rotationFor(
  values: Parsed['values'],
  io: CliIo,
  config: KeyguardConfig,
  token: Secret | undefined,
  adminKeys: Partial<Record<string, Secret>>,
  log: (line: string) => void,
) {
  const opts = fleetRotateOptions('fleet sweep --rotate', values, io, config, token, adminKeys, log);
  if (!Object.keys(config.parsed.rotation.providers).length)
    log(
      '--rotate: the central .keyguard.yml has no rotation: section for any provider, so no key is rotated',
    );
  return async (batch: FleetSighting[]) => (await rotationEngine()).rotateFleetKeys(opts, batch);
}

/**
 * Verifies a batch of findings with their providers: the central config's verify options and budget,
 * the base URLs and admin keys given, io's env and mask.
 */
export function fleetVerifier(
  config: KeyguardConfig,
  baseUrls: Record<string, string>,
  io: CliIo,
  adminKeys: Partial<Record<string, Secret>>,
): (findings: Finding[]) => Promise<void> {
  return async (findings) => {
    const opts = verifyOptionsFrom(config);
    const providers = buildProviders(config, {
      baseUrls,
      env: io.env,
      adminKeys,
      mask: io.mask,
      defaults: { budget: verifyBudget(opts) },
    });
    await verifyFindings(findings, providers, opts);
  };
}

/**
 * The rotation engine (src/fleet/rotate.ts), loaded only by `--rotate`: from a bundle it is
 * dist/fleet-rotate.js beside it (so the CLI's start carries none of libsodium, the secrets
 * client or the stores' SDKs); from the sources, the module itself. The specifiers are not literals,
 * so the bundler leaves both imports to run time.
 */
export async function rotationEngine(): Promise<typeof import('../../fleet/rotate.js')> {
  // Bundled (dist/cli.js, or dist/index.js running the CLI in-process) unless run from the .ts source.
  const bundled = !/\.ts$/.test(new URL(import.meta.url).pathname);
  const spec = bundled ? new URL('./fleet-rotate.js', import.meta.url).href : '../../fleet/rotate.js';
  return import(spec);
}

export const fleetSweepCommand: Command = {
  name: 'fleet sweep',
  summary: 'clone and scan the repositories of one matrix shard; one result file per repository',
  usage: [
    '--shard FILE [--state FILE] --output-dir DIR [--verify] [--seal | --rotate [--disable-only] [--dry-run] [--central-repo OWNER/REPO]] [--parallel N] [--timeout MIN|Ns] [--deadline MIN|Ns] [--max-clone-mb MB] [--max-git-mb MB] [--max-refs N]',
  ],
  flags: [
    { name: 'shard', type: 'string', value: 'FILE', description: 'one entry of the plan matrix (JSON)' },
    {
      name: 'state',
      type: 'string',
      value: 'FILE',
      description: 'the fleet state (what earlier sweeps covered); the plan already copies it into the shard',
    },
    {
      name: 'output-dir',
      type: 'string',
      value: 'DIR',
      description: 'where to write one result per repository (<owner>__<name>.json)',
    },
    {
      name: 'verify',
      type: 'boolean',
      description: 'ask each provider whether found keys are live (read-only calls); the report ranks by it',
    },
    {
      name: 'rotate',
      type: 'boolean',
      description:
        'rotate each live key (implies --verify) with the rotation: section of the central config: secrets of the repository and the organization, incident in the central repository',
    },
    {
      name: 'seal',
      type: 'boolean',
      description:
        'org-wide rotation (implies --verify): rotate nothing here; seal each live key into the result for `fleet rotate` (AES-256-GCM under a key derived from KEYGUARD_STATE_KEY, bound to the plan, repository and finding)',
    },
    {
      name: 'disable-only',
      type: 'boolean',
      description: 'with --rotate: disable live keys without making replacements (rotate: disable)',
    },
    {
      name: 'dry-run',
      type: 'boolean',
      description: 'with --rotate: print each rotation plan and change nothing',
    },
    {
      name: 'central-repo',
      type: 'string',
      value: 'OWNER/REPO',
      description: 'with --rotate: where incidents and their journals live (default: GITHUB_REPOSITORY)',
    },
    {
      name: 'timeout',
      type: 'string',
      value: 'MINUTES|Ns',
      description: "stop one repository's fetch after this long and record it as failed",
      default: '30',
    },
    {
      name: 'deadline',
      type: 'string',
      value: 'MINUTES|Ns',
      description:
        'start no repository after this many minutes; those left are written as failed ("not started: deadline"); set it below the job\'s timeout-minutes',
    },
    {
      name: 'max-clone-mb',
      type: 'string',
      value: 'MB',
      description: "stop a repository's fetch when its objects pass this size, and record it as failed",
      default: String(DEFAULT_MAX_CLONE_MB),
    },
    {
      name: 'max-git-mb',
      type: 'string',
      value: 'MB',
      description:
        'memory each git process of a fetch may use (an endless ref advertisement stops there); the repository is recorded as failed',
      default: String(DEFAULT_MAX_GIT_MB),
    },
    {
      name: 'max-refs',
      type: 'string',
      value: 'N',
      description:
        'refs the server may advertise for one repository (pull requests count twice); above it the repository is recorded as failed',
      default: String(DEFAULT_MAX_REFS),
    },
    {
      name: 'parallel',
      short: 'p',
      type: 'string',
      value: 'N',
      description: 'repositories swept at once in this job, 1 to 16 (clones mostly wait on the network)',
      default: '2',
    },
    CONFIG_FLAG,
    ...BASE_URL_FLAGS,
  ],
  notes: [
    'Clones each repository bare (every branch, tag and pull-request head, full history) into a temp',
    "directory that is always removed; scans the default branch's tree and every commit the state has",
    'not covered. Environment: GITHUB_SERVER_URL (clone URLs), KEYGUARD_FLEET_TOKEN (else GITHUB_TOKEN),',
    'given to git as an HTTP header in its environment only.',
    '--rotate also reads GITHUB_API_URL, GITHUB_REPOSITORY (the central repository), GITHUB_RUN_ID, the',
    'admin keys (OPENAI_ADMIN_KEY, ANTHROPIC_ADMIN_KEY, OPENROUTER_MANAGEMENT_KEY, LITELLM_MASTER_KEY) and',
    'KEYGUARD_STATE_KEY (the seal of the journals); the token needs Secrets write (repositories and',
    'organization) and Issues write on the central repository (docs/fleet.md).',
    '--seal (org-wide rotation, one rotation per key across every shard: docs/fleet.md "Across shards")',
    'rotates nothing: each live key is written only sealed, for `keyguard fleet rotate` after all shards;',
    'it needs KEYGUARD_STATE_KEY (the transfer secret) and a plan made by this keyguard (its plan id).',
    'Exit (as fleet report): 0 clean, 1 keys found, 2 usage error, any repository failed (its result says why)',
    'or a rotation stopped part-way (re-run the job: its journal finishes it).',
  ],
  async run({ values, positionals }, { io, log }) {
    atMost('fleet sweep', positionals, 0, '');
    const shardArg = str(values, 'shard');
    if (!shardArg) throw new InputError('fleet sweep needs --shard FILE (one entry of the plan matrix)');
    const outArg = str(values, 'output-dir');
    if (!outArg) throw new InputError('fleet sweep needs --output-dir DIR');
    const timeoutMs = timeoutMsOf(str(values, 'timeout'));
    const maxCloneMb = whole(str(values, 'max-clone-mb'), 'max-clone-mb', 10_000_000);
    const maxGitMb = whole(str(values, 'max-git-mb'), 'max-git-mb', 1_000_000);
    const maxRefs = whole(str(values, 'max-refs'), 'max-refs', 9_999_999);
    const parallel = whole(str(values, 'parallel'), 'parallel', 16) ?? 2;
    const deadlineMs = timeoutMsOf(str(values, 'deadline'), 'deadline');
    const shard = await readShard(resolve(io.cwd, shardArg));
    const stateArg = str(values, 'state');
    const state = stateArg
      ? await readState(resolve(io.cwd, stateArg), { warn: (l) => log.warn(forLog(l)) })
      : undefined;
    const shardOrg = shard.repos[0]?.split('/')[0];
    if (state && shardOrg && state.org.toLowerCase() !== shardOrg.toLowerCase())
      throw new InputError(`the shard's repositories are of "${shardOrg}", the state is of "${state.org}"`);
    const config = await configFor(io.cwd, str(values, 'config'), io.cwd);
    const rulesKey = verdictKeyOf(config);
    const hasCoverage = Object.values(shard.known ?? {}).some((k) => Object.keys(k.covered).length > 0);
    if (rulesKey !== shard.rulesKey && hasCoverage)
      log.warn(
        'fleet sweep: the shard was planned under other rules or config: every commit is read again (nothing counts as covered)',
      );
    const server = fleetServerUrl(io.env);
    const token = fleetToken(io.env);
    if (!token)
      log.warn(
        'fleet sweep: no KEYGUARD_FLEET_TOKEN or GITHUB_TOKEN: only public repositories can be cloned',
      );
    let verify: ((f: Finding[]) => Promise<void>) | undefined;
    const rotating = Boolean(values.rotate);
    for (const f of ['disable-only', 'dry-run', 'central-repo'])
      if (values[f] !== undefined && values[f] !== false && !rotating)
        throw new InputError(`--${f} is an option of --rotate`);
    const sealing = values.seal === true;
    if (sealing && rotating)
      throw new InputError(
        '--seal (org-wide rotation, in `fleet rotate`) and --rotate (rotation in this job) exclude each other',
      );
    let seal: TransferSeal | undefined;
    if (sealing) {
      const secret = stateKeyFrom(io);
      if (!secret)
        throw new InputError(
          'fleet sweep --seal needs KEYGUARD_STATE_KEY (the secret the live keys are sealed with for `fleet rotate`): keyguard does not invent one, and never writes a key unsealed',
        );
      if (!shard.planId)
        throw new InputError(
          'fleet sweep --seal: the shard carries no plan id (a plan made by an older keyguard): make the plan again',
        );
      seal = createTransferSeal(secret, shard.planId);
    }
    const adminKeys = rotating ? adminKeysFrom(io) : {};
    if (values.verify || rotating || sealing)
      verify = fleetVerifier(config, baseUrlsFrom(values), io, adminKeys);
    const rotate = rotating
      ? rotationFor(values, io, config, token, adminKeys, (line) => log.info(forLog(`fleet sweep ${line}`)))
      : undefined;
    const started = Date.now();
    const { results } = await runSweep({
      ...(deadlineMs ? { deadline: started + deadlineMs } : {}),
      shard,
      state,
      outputDir: resolve(io.cwd, outArg),
      config,
      rulesKey,
      server,
      token,
      timeoutMs,
      maxCloneMb,
      maxGitMb,
      maxRefs,
      parallel,
      verify,
      rotate,
      ...(seal ? { seal } : {}),
      log: (line) => log.info(forLog(`fleet sweep ${line}`)),
    });
    const failed = results.filter((r) => r.status === 'failed').length;
    const commits = results.reduce((n, r) => n + r.stats.commitsRead, 0);
    const findings = results.reduce((n, r) => n + r.findings.length, 0);
    log.info(
      forLog(
        `fleet sweep shard ${shard.shard}: ${results.length} repositories (${failed} failed), ${commits} commits read, ${findings} finding(s), ${Date.now() - started} ms`,
      ),
    );
    return sweepExitCode(results);
  },
};
