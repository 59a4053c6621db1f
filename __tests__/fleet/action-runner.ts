/**
 * The action's fleet modes run in-process as a runner runs a step: process.env set to the runner's
 * (GITHUB_WORKSPACE, RUNNER_TEMP under it, an empty GITHUB_OUTPUT) over the env the test started
 * with, the inputs read from a record, stdout captured, and process.exitCode taken and cleared. Also:
 * the servers the action's rotation tests run against.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runFleetMode } from '../../src/action/fleet-mode.js';
import { getFleetInputs } from '../../src/action/inputs.js';
import { FULL_PERMISSIONS, type GitHubEmulator, startGitHubEmulator } from '../emulators/github.js';
import { type OpenAIEmulator, type OpenAIKeyRecord, startOpenAIEmulator } from '../emulators/openai.js';
import { type GitHttpServer, startGitHttpServer } from '../helpers/git-http-server.js';
import { tempDir } from './helpers.js';

export interface FleetModeRun {
  /** process.exitCode the step left. */
  code: number | undefined;
  /** What the step printed (workflow commands such as `::add-mask::` included). */
  stdout: string;
  /** The GITHUB_OUTPUT file as the step left it. */
  output: string;
}

/** Runs the fleet mode `inputs` names in `workspace`, with `env` over `base` (the test's starting env). */
export async function runActionFleetMode(
  workspace: string,
  base: NodeJS.ProcessEnv,
  env: Record<string, string>,
  inputs: Record<string, string>,
): Promise<FleetModeRun> {
  const out = join(workspace, 'github-output');
  writeFileSync(out, '');
  mkdirSync(join(workspace, 'tmp'), { recursive: true });
  process.env = {
    ...base,
    GITHUB_WORKSPACE: workspace,
    RUNNER_TEMP: join(workspace, 'tmp'),
    GITHUB_OUTPUT: out,
    ...env,
  };
  process.exitCode = undefined;
  const lines: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string) => {
    lines.push(String(chunk));
    return true;
  }) as typeof process.stdout.write;
  let code: number | undefined;
  try {
    await runFleetMode(getFleetInputs(process.env, (n) => inputs[n] ?? '')!);
  } finally {
    process.stdout.write = write;
    code = process.exitCode as number | undefined;
    process.exitCode = undefined;
  }
  return { code, stdout: lines.join(''), output: readFileSync(out, 'utf8') };
}

export interface ActionRotationServers {
  server: GitHttpServer;
  gh: GitHubEmulator;
  emu: OpenAIEmulator;
  /** A live key of the OpenAI project prod, to leak. */
  leaked: OpenAIKeyRecord;
  /** The OpenAI admin key the central job is given. */
  admin: string;
}

/**
 * What an action rotation test runs against: real git smart HTTP (served from a temp dir, `token`
 * its only credential), the GitHub emulator with the central repository acme/security (`token` may
 * do anything), and the OpenAI emulator holding a live key of the project prod and an admin key.
 */
export async function startActionRotationServers(token: string): Promise<ActionRotationServers> {
  const server = await startGitHttpServer({ root: join(tempDir(), 'served'), token });
  const gh = await startGitHubEmulator({
    owner: 'acme',
    repo: 'security',
    tokens: { [token]: FULL_PERMISSIONS },
  });
  const emu = await startOpenAIEmulator();
  const leaked = emu.addKey({ projectId: emu.addProject('prod').id });
  const admin = emu.addAdminKey().value;
  return { server, gh, emu, leaked, admin };
}
