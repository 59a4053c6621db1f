/**
 * Shared pieces of the fleet tests: repositories as the listing gives them, a state, a sweep's result
 * and its findings, the CLI in-process.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from '../../src/cli/main.js';
import {
  FLEET_FORMAT,
  type FleetFinding,
  type FleetRepo,
  type FleetRepoResult,
  type FleetState,
} from '../../src/fleet/types.js';

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

/** The commit every result() covers on its default branch. */
export const COVERED_SHA = 'd'.repeat(40);

/** A finding of a redacted OpenAI project key in config/.env (tree), its fingerprint `fp` padded. */
export function finding(repository: string, fp: string, fields: Partial<FleetFinding> = {}): FleetFinding {
  return {
    repository,
    file: 'config/.env',
    line: 3,
    ruleId: 'openai-project-key',
    fingerprint: fp.padEnd(32, '0'),
    redacted: 'sk-proj-…wxyz',
    seenIn: ['tree'],
    ...fields,
  };
}

/** A sweep's result for one repository of shard 1: scanned under RULES, main covered at COVERED_SHA. */
export function result(
  repository: string,
  findings: FleetFinding[] = [],
  fields: Partial<FleetRepoResult> = {},
): FleetRepoResult {
  return {
    format: 1,
    repository,
    status: 'scanned',
    rulesKey: RULES,
    defaultBranch: 'main',
    covered: { 'refs/heads/main': COVERED_SHA },
    pushedAt: '2026-11-20T00:00:00Z',
    findings,
    stats: { commitsRead: 10, blobsRead: 20, bytesRead: 3000, ms: 50 },
    shard: 1,
    ...fields,
  };
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
