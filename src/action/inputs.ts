/**
 * The one place that reads the action's inputs: a typed, validated settings object. Errors quote the
 * bad value and the expected form. No other module calls core.getInput.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import * as core from '@actions/core';
import { InputError } from '../config/errors.js';
import { urlProblem } from '../http/url.js';
import { LINKED_POLICIES, type LinkedPolicy } from '../pipeline/linked-policy.js';
import { BASE_URL_PROVIDERS } from '../pipeline/providers.js';
import { Secret } from '../scan/secret.js';
import { modeForEvent, trustedCommitOf } from './event-kind.js';

export type Mode = 'pr' | 'push' | 'sweep' | 'rotate';
export type FailOn = 'any' | 'live' | 'never';
export type RotateMode = 'off' | 'disable' | 'rotate';

export { BASE_URL_PROVIDERS };

export const ADMIN_KEY_INPUTS = {
  openai: 'openai-admin-key',
  anthropic: 'anthropic-admin-key',
  openrouter: 'openrouter-management-key',
  litellm: 'litellm-master-key',
} as const;

/** Event payloads are arbitrary JSON, read defensively field by field. */
// biome-ignore lint/suspicious/noExplicitAny: see above
export type Payload = Record<string, any>;

export interface EventContext {
  name: string;
  payload: Payload;
}

export interface ActionSettings {
  mode: Mode;
  event: EventContext;
  workspace: string;
  /** Absolute directory to scan. */
  root: string;
  configFile: string;
  /** True when the user named a config file other than the default: then it must exist. */
  configRequired: boolean;
  /** True when the `config` input named a file (pull requests then read exactly that one at the base). */
  configNamed: boolean;
  baseline?: string;
  history: boolean;
  /** Input `scan-cache`: auto (sweeps), on (push scans too), off. See src/action/scan-cache.ts. */
  scanCache: 'auto' | 'on' | 'off';
  failOn: FailOn;
  /** What linked credentials (AWS, GitHub, database URLs…) do: fail the step, warn, or nothing. */
  failOnLinked: LinkedPolicy;
  sarifFile?: string;
  reportFile?: string;
  githubToken?: string;
  annotations: boolean;
  summary: boolean;
  /** Input `pr-comment`: the sticky pull-request comment (pr mode, never for forks). */
  prComment: boolean;
  /** Input `notify-webhook`: an incoming-webhook URL (a secret: masked, never shown). */
  notifyWebhook?: string;
  notifyFormat: 'auto' | 'slack' | 'teams' | 'generic';
  verify: boolean;
  rotate: RotateMode;
  dryRun: boolean;
  secretsToken?: string;
  secret?: string;
  maxKeyAgeDays?: number;
  audit: boolean;
  allowedIps: string[];
  adminKeys: Partial<Record<keyof typeof ADMIN_KEY_INPUTS, Secret>>;
  /** Input `state-key`: the secret incident journals are sealed with (else each provider's admin key). */
  stateKey?: Secret;
  baseUrls: Partial<Record<(typeof BASE_URL_PROVIDERS)[number], string>>;
  /** Pull request from a fork: no secrets, nothing privileged. */
  fromFork: boolean;
  /** The commit whose config may name where keys are sent (see config-destinations.ts). */
  trustedCommit?: string;
  /**
   * The directories the action reads settings from and writes reports to: the workspace and RUNNER_TEMP.
   * A file reached through a symbolic link that leads elsewhere is refused.
   */
  fileRoots: string[];
}

type GetInput = (name: string) => string;

const defaultGetInput: GetInput = (name) => core.getInput(name);

/** `mode: auto`: see event-kind.ts (an event about a pull request is checked as one; unknown events are refused). */
export { modeForEvent };

function oneOf<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new InputError(`input ${name}: "${value}" is not one of ${allowed.join(' | ')}`);
}

function bool(name: string, value: string, fallback: boolean): boolean {
  const v = value.trim().toLowerCase();
  if (v === '') return fallback;
  if (['true', 'yes', '1', 'on'].includes(v)) return true;
  if (['false', 'no', '0', 'off'].includes(v)) return false;
  throw new InputError(`input ${name}: "${value}" is not a boolean (true or false)`);
}

function url(name: string, value: string): string | undefined {
  const v = value.trim();
  if (!v) return undefined;
  const problem = urlProblem(v, 'https://api.openai.com/v1');
  if (problem) throw new InputError(`input ${name}: ${problem}`);
  return v.replace(/\/+$/, '');
}

export function splitList(value: string): string[] {
  return value
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function readEvent(env: NodeJS.ProcessEnv): EventContext {
  const name = env.GITHUB_EVENT_NAME ?? '';
  const path = env.GITHUB_EVENT_PATH;
  let payload: Payload = {};
  if (path) {
    try {
      payload = JSON.parse(readFileSync(path, 'utf8'));
    } catch (err) {
      throw new InputError(
        `GITHUB_EVENT_PATH ${path}: cannot read the event payload (${(err as Error).message})`,
      );
    }
  }
  return { name, payload };
}

export function getInputs(
  env: NodeJS.ProcessEnv = process.env,
  getInput: GetInput = defaultGetInput,
): ActionSettings {
  const event = readEvent(env);
  // The runner's own URLs are inputs too (GHES sets them): the API URL is requested, the server URL
  // goes into issue links, so neither may carry credentials.
  for (const name of ['GITHUB_API_URL', 'GITHUB_SERVER_URL']) {
    const value = env[name]?.trim();
    const problem = value ? urlProblem(value, 'https://api.github.com') : undefined;
    if (problem) throw new InputError(`${name}: ${problem}`);
  }
  const modeInput = getInput('mode').trim() || 'auto';
  const mode: Mode =
    modeInput === 'auto'
      ? modeForEvent(event.name, event.payload)
      : oneOf('mode', modeInput, ['pr', 'push', 'sweep', 'rotate'] as const);

  const workspace = env.GITHUB_WORKSPACE || process.cwd();
  const pathInput = getInput('path').trim() || '.';
  const root = isAbsolute(pathInput) ? pathInput : resolve(workspace, pathInput);
  if (!isDirectory(root)) throw new InputError(`input path: "${pathInput}" is not a directory (${root})`);

  const configInput = getInput('config').trim();
  // Like the CLI: the default file may also be spelled `.keyguard.yaml`.
  const configFile = resolve(
    workspace,
    configInput ||
      (!existsSync(resolve(workspace, '.keyguard.yml')) && existsSync(resolve(workspace, '.keyguard.yaml'))
        ? '.keyguard.yaml'
        : '.keyguard.yml'),
  );

  const pr = event.payload.pull_request;
  const run = event.payload.workflow_run;
  // A fork whose repository was deleted since has `head.repo: null`: still a fork, never trusted.
  const fromFork = Boolean(
    (pr &&
      (pr.head?.repo === null ||
        (pr.head?.repo?.full_name &&
          pr.base?.repo?.full_name &&
          pr.head.repo.full_name !== pr.base.repo.full_name))) ||
      // A workflow_run after a fork's pull request: the run's head is in another repository.
      (run &&
        (run.head_repository === null ||
          run.head_repository?.fork === true ||
          (run.head_repository?.full_name &&
            run.repository?.full_name &&
            run.head_repository.full_name !== run.repository.full_name))),
  );

  const rotateInput = getInput('rotate').trim();
  let rotate: RotateMode = rotateInput
    ? oneOf('rotate', rotateInput, ['off', 'disable', 'rotate'] as const)
    : mode === 'pr' || mode === 'push'
      ? 'off'
      : 'rotate';
  // A pull request never rotates: fork PRs have no secrets, and a PR check must not act on production.
  if (mode === 'pr') rotate = 'off';

  const maxAge = getInput('max-key-age').trim();
  let maxKeyAgeDays: number | undefined;
  if (maxAge) {
    maxKeyAgeDays = Number(maxAge);
    if (!Number.isInteger(maxKeyAgeDays) || maxKeyAgeDays < 1) {
      throw new InputError(`input max-key-age: "${maxAge}" is not a whole number of days (e.g. 30)`);
    }
  }

  const adminKeys: ActionSettings['adminKeys'] = {};
  for (const [provider, input] of Object.entries(ADMIN_KEY_INPUTS)) {
    const v = getInput(input).trim();
    if (v) {
      core.setSecret(v);
      adminKeys[provider as keyof typeof ADMIN_KEY_INPUTS] = new Secret(v);
    }
  }
  const notifyWebhook = getInput('notify-webhook').trim() || undefined;
  if (notifyWebhook) {
    // The URL is the credential (Slack and Teams webhooks carry their token in the path): masked first.
    core.setSecret(notifyWebhook);
    const problem = urlProblem(notifyWebhook, 'https://hooks.slack.com/services/…');
    if (problem) throw new InputError(`input notify-webhook: ${problem}`);
  }
  const notifyFormat = oneOf('notify-format', getInput('notify-format').trim() || 'auto', [
    'auto',
    'slack',
    'teams',
    'generic',
  ] as const);
  const baseUrls: ActionSettings['baseUrls'] = {};
  for (const p of BASE_URL_PROVIDERS) {
    const v = url(`${p}-base-url`, getInput(`${p}-base-url`));
    if (v) baseUrls[p] = v;
  }
  const stateKeyValue = getInput('state-key').trim();
  if (stateKeyValue) core.setSecret(stateKeyValue);
  if (stateKeyValue && stateKeyValue.length < 16)
    throw new InputError(
      'input state-key: use a random secret of at least 16 characters (e.g. openssl rand -hex 32)',
    );
  const stateKey = stateKeyValue ? new Secret(stateKeyValue) : undefined;
  const secretsToken = getInput('secrets-token').trim() || undefined;
  if (secretsToken) core.setSecret(secretsToken);
  // The runner masks its own github.token, but not a PAT passed in its place.
  const githubToken = getInput('github-token').trim() || undefined;
  if (githubToken) core.setSecret(githubToken);
  const secret = getInput('secret').trim() || undefined;
  if (secret && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(secret)) {
    throw new InputError(
      `input secret: "${secret}" is not a secret name ([A-Za-z0-9_], not starting with a digit)`,
    );
  }

  const optionalPath = (name: string, fallback: string) => {
    const v = getInput(name).trim() || fallback;
    return v ? resolve(workspace, v) : undefined;
  };

  return {
    mode,
    event,
    workspace,
    root,
    configFile,
    configRequired: Boolean(configInput) && configInput !== '.keyguard.yml',
    configNamed: Boolean(configInput),
    baseline: optionalPath('baseline', ''),
    history: bool('history', getInput('history'), mode === 'sweep' || mode === 'rotate'),
    scanCache: oneOf('scan-cache', getInput('scan-cache').trim() || 'auto', ['auto', 'on', 'off'] as const),
    failOn: oneOf('fail-on', getInput('fail-on').trim() || 'any', ['any', 'live', 'never'] as const),
    failOnLinked: oneOf('fail-on-linked', getInput('fail-on-linked').trim() || 'fail', LINKED_POLICIES),
    sarifFile: optionalPath('sarif-file', ''),
    reportFile: optionalPath('report-file', ''),
    githubToken,
    annotations: bool('annotations', getInput('annotations'), true),
    summary: bool('summary', getInput('summary'), true),
    prComment: bool('pr-comment', getInput('pr-comment'), true),
    notifyWebhook,
    notifyFormat,
    verify: bool('verify', getInput('verify'), true),
    rotate,
    dryRun: bool('dry-run', getInput('dry-run'), false),
    secretsToken,
    secret,
    maxKeyAgeDays,
    audit: bool('audit', getInput('audit'), true),
    allowedIps: splitList(getInput('allowed-ips')),
    adminKeys,
    stateKey,
    baseUrls,
    fromFork,
    trustedCommit: trustedCommitOf(event.name, event.payload, env.GITHUB_SHA),
    fileRoots: [workspace, ...(env.RUNNER_TEMP?.trim() ? [resolve(env.RUNNER_TEMP.trim())] : [])],
  };
}

export type FleetMode = 'fleet-plan' | 'fleet-sweep' | 'fleet-report';
export const FLEET_MODES: readonly FleetMode[] = ['fleet-plan', 'fleet-sweep', 'fleet-report'];

/** The settings of the fleet modes (docs/fleet.md): each becomes a `keyguard fleet …` run in-process. */
export interface FleetSettings {
  mode: FleetMode;
  workspace: string;
  /** Where temporary shard and summary files go (RUNNER_TEMP, else the workspace). */
  temp: string;
  /** KEYGUARD_FLEET_TOKEN for the run: input `fleet-token`, else the environment's, else `github-token`. */
  token?: string;
  org?: string;
  jobs?: string;
  include: string[];
  exclude: string[];
  maxRepos?: string;
  /** fleet-plan `--max-age` (days). */
  maxAge?: string;
  /** fleet-sweep bounds: `--parallel`, `--timeout`, `--deadline`, `--max-clone-mb`, `--max-git-mb`, `--max-refs`. */
  parallel?: string;
  timeout?: string;
  deadline?: string;
  maxCloneMb?: string;
  maxGitMb?: string;
  maxRefs?: string;
  /** fleet-report `--upload-scope` and `--max-uploads`. */
  uploadScope?: 'changed' | 'all';
  maxUploads?: string;
  includeArchived: boolean;
  includeForks: boolean;
  state?: string;
  stateOut?: string;
  planFile: string;
  shard?: string;
  results: string;
  reportFile?: string;
  uploadSarif: boolean;
  summary: boolean;
  /** fleet-sweep: ask the providers whether found keys are live (input `verify`, on as in the other modes). */
  verify: boolean;
  config?: string;
  /**
   * fleet-sweep: rotate live keys (input `rotate`, empty = rotate as in sweep mode), only when the run
   * is on the central repository's default branch (`rotateOff` says why not otherwise).
   */
  rotate: RotateMode;
  rotateOff?: string;
  /**
   * `org` (default): the sweep jobs seal each live key (`fleet sweep --seal`, under `state-key`) and the
   * report job rotates each key once with every place in every shard (`fleet rotate`); `shard`: each
   * sweep job rotates what it found (`fleet sweep --rotate`), safe only when no key spans two shards.
   */
  rotationScope: 'org' | 'shard';
  dryRun: boolean;
  /** Environment for the sweep's rotation: admin keys (OPENAI_ADMIN_KEY, …) and KEYGUARD_STATE_KEY. */
  rotationEnv: Record<string, string>;
}

/** Admin-key inputs → the environment variables `keyguard fleet sweep --rotate` reads them from. */
const FLEET_ADMIN_ENV: Record<keyof typeof ADMIN_KEY_INPUTS, string> = {
  openai: 'OPENAI_ADMIN_KEY',
  anthropic: 'ANTHROPIC_ADMIN_KEY',
  openrouter: 'OPENROUTER_MANAGEMENT_KEY',
  litellm: 'LITELLM_MASTER_KEY',
};

/**
 * Why the fleet may not rotate from this run, or undefined when it may: rotation changes production
 * secrets across the organisation, so only a run of the central repository's default branch does it
 * (as a repository's own rotation runs from its default branch's config), never a branch or a PR.
 */
export function fleetRotationRefusal(env: NodeJS.ProcessEnv): string | undefined {
  let payload: Payload;
  try {
    payload = readEvent(env).payload;
  } catch (err) {
    return (err as Error).message;
  }
  if (env.GITHUB_EVENT_NAME === 'pull_request' || env.GITHUB_EVENT_NAME === 'pull_request_target')
    return 'a pull request never rotates';
  const named = payload?.repository?.default_branch;
  // A `schedule` payload carries no repository at all (github/codeql-action#1211): GitHub runs scheduled
  // workflows only on the latest commit of the default branch, so there GITHUB_REF is that branch.
  const scheduled = env.GITHUB_EVENT_NAME === 'schedule' && named === undefined && !payload?.repository;
  if (scheduled) {
    if (!/^refs\/heads\/[^\s]+$/.test(env.GITHUB_REF ?? ''))
      return `a scheduled run on ${env.GITHUB_REF || 'no ref'}`;
    return undefined;
  }
  const branch = named;
  if (typeof branch !== 'string' || !branch) return 'the event payload does not name the default branch';
  if (env.GITHUB_REF !== `refs/heads/${branch}`)
    return `the run is on ${env.GITHUB_REF || 'no ref'}, not the default branch ${branch}`;
  return undefined;
}

/** The fleet settings when `mode` is a fleet mode, else undefined (the repository modes read getInputs). */
export function getFleetInputs(
  env: NodeJS.ProcessEnv = process.env,
  getInput: GetInput = defaultGetInput,
): FleetSettings | undefined {
  const mode = getInput('mode').trim();
  if (!mode.startsWith('fleet-')) return undefined;
  const fleetMode = oneOf('mode', mode, FLEET_MODES);
  const workspace = env.GITHUB_WORKSPACE || process.cwd();
  const path = (name: string, fallback = '') => {
    const v = getInput(name).trim() || fallback;
    return v ? resolve(workspace, v) : undefined;
  };
  const token =
    getInput('fleet-token').trim() ||
    env.KEYGUARD_FLEET_TOKEN?.trim() ||
    getInput('github-token').trim() ||
    undefined;
  if (token) core.setSecret(token);
  const count = (name: string) => {
    const v = getInput(name).trim();
    if (v && !/^\d{1,6}$/.test(v)) throw new InputError(`input ${name}: "${v}" is not a whole number`);
    return v || undefined;
  };
  /** Minutes (`30`) or seconds (`90s`), as the CLI's `--timeout` and `--deadline` take them. */
  const duration = (name: string) => {
    const v = getInput(name).trim();
    if (v && !/^[1-9]\d{0,4}s?$/.test(v))
      throw new InputError(`input ${name}: "${v}" is not a whole number of minutes (30) or seconds (90s)`);
    return v || undefined;
  };
  const uploadScopeInput = getInput('fleet-upload-scope').trim();
  const org = getInput('fleet-org').trim() || undefined;
  if (fleetMode === 'fleet-plan' && !org)
    throw new InputError('input fleet-org: the organisation to sweep is required in mode fleet-plan');
  const shard = count('fleet-shard');
  if (fleetMode === 'fleet-sweep' && !shard)
    throw new InputError(
      'input fleet-shard: the matrix entry (matrix.shard) is required in mode fleet-sweep',
    );
  const configInput = getInput('config').trim();
  const rotateInput = getInput('rotate').trim();
  const scopeInput = getInput('fleet-rotation-scope').trim();
  const rotationScope = scopeInput
    ? oneOf('fleet-rotation-scope', scopeInput, ['org', 'shard'] as const)
    : 'org';
  // Rotation runs in the sweep jobs (scope shard) or, sealed there, once in the report job (scope org).
  const rotates = fleetMode === 'fleet-sweep' || (fleetMode === 'fleet-report' && rotationScope === 'org');
  const rotate: RotateMode = !rotates
    ? 'off'
    : rotateInput
      ? oneOf('rotate', rotateInput, ['off', 'disable', 'rotate'] as const)
      : 'rotate';
  const rotationEnv: Record<string, string> = {};
  if (rotate !== 'off') {
    for (const [id, input] of Object.entries(ADMIN_KEY_INPUTS)) {
      const v = getInput(input).trim();
      if (!v) continue;
      core.setSecret(v);
      rotationEnv[FLEET_ADMIN_ENV[id as keyof typeof ADMIN_KEY_INPUTS]] = v;
    }
    const stateKey = getInput('state-key').trim();
    if (stateKey) {
      core.setSecret(stateKey);
      rotationEnv.KEYGUARD_STATE_KEY = stateKey;
    }
  }
  return {
    mode: fleetMode,
    rotationScope,
    rotate,
    rotateOff: rotate === 'off' ? undefined : fleetRotationRefusal(env),
    dryRun: bool('dry-run', getInput('dry-run'), false),
    rotationEnv,
    workspace,
    temp: env.RUNNER_TEMP?.trim() ? resolve(env.RUNNER_TEMP.trim()) : workspace,
    token,
    org,
    jobs: count('fleet-jobs'),
    include: splitList(getInput('fleet-include')),
    exclude: splitList(getInput('fleet-exclude')),
    maxRepos: count('fleet-max-repos'),
    maxAge: count('fleet-max-age'),
    parallel: count('fleet-parallel'),
    timeout: duration('fleet-timeout'),
    deadline: duration('fleet-deadline'),
    maxCloneMb: count('fleet-max-clone-mb'),
    maxGitMb: count('fleet-max-git-mb'),
    maxRefs: count('fleet-max-refs'),
    uploadScope: uploadScopeInput
      ? oneOf('fleet-upload-scope', uploadScopeInput, ['changed', 'all'] as const)
      : undefined,
    maxUploads: count('fleet-max-uploads'),
    includeArchived: bool('fleet-include-archived', getInput('fleet-include-archived'), false),
    includeForks: bool('fleet-include-forks', getInput('fleet-include-forks'), false),
    state: path('fleet-state', 'fleet-state.json'),
    stateOut: path('fleet-state-out'),
    planFile: path('fleet-plan', 'fleet-plan.json')!,
    shard,
    results: path('fleet-results', 'fleet-results')!,
    reportFile: path('report-file', 'fleet-report.json'),
    uploadSarif: bool('fleet-upload-sarif', getInput('fleet-upload-sarif'), false),
    summary: bool('summary', getInput('summary'), true),
    verify: bool('verify', getInput('verify'), true),
    // The default `.keyguard.yml` is used only when it is there (the central repository's own config).
    config:
      configInput && configInput !== '.keyguard.yml'
        ? resolve(workspace, configInput)
        : existsSync(resolve(workspace, '.keyguard.yml'))
          ? resolve(workspace, '.keyguard.yml')
          : undefined,
  };
}
