/** Shared pieces of the fleet tests: repositories as the listing gives them, a state, the CLI in-process. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from '../../src/cli/main.js';
import { FLEET_FORMAT, type FleetRepo, type FleetState } from '../../src/fleet/types.js';

export const RULES = 'a'.repeat(64);
export const OTHER_RULES = 'b'.repeat(64);

export function repo(name: string, fields: Partial<FleetRepo> = {}): FleetRepo {
  return {
    fullName: name.includes('/') ? name : `acme/${name}`,
    defaultBranch: 'main',
    pushedAt: '2026-11-01T00:00:00Z',
    sizeKb: 100,
    archived: false,
    fork: false,
    private: true,
    ...fields,
  };
}

export function stateOf(
  repos: FleetRepo[],
  opts: { rulesKey?: string; sweptAt?: (r: FleetRepo) => string } = {},
): FleetState {
  const out: FleetState = {
    format: FLEET_FORMAT,
    org: 'acme',
    rulesKey: opts.rulesKey ?? RULES,
    updatedAt: '2026-11-02T00:00:00Z',
    repos: {},
  };
  for (const r of repos)
    out.repos[r.fullName] = {
      pushedAt: r.pushedAt,
      defaultBranch: r.defaultBranch,
      covered: { 'refs/heads/main': '1'.repeat(40) },
      sweptAt: opts.sweptAt?.(r) ?? '2026-11-02T00:00:00Z',
    };
  return out;
}

const dirs: string[] = [];
export function tempDir(prefix = 'kg-fleet-'): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(d);
  return d;
}
export function cleanTempDirs(): void {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
}

export async function runCli(args: string[], env: NodeJS.ProcessEnv = {}, cwd = process.cwd()) {
  const out = { stdout: '', stderr: '' };
  const code = await cli(args, {
    stdout: { write: (s: string) => (out.stdout += s) },
    stderr: { write: (s: string) => (out.stderr += s) },
    stdin: (async function* () {})(),
    env,
    cwd,
  });
  return { code, ...out };
}
