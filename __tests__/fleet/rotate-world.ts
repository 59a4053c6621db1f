/**
 * The world the fleet rotation tests (fleet-rotate, redteam-rotate, org-rotate) run dist/cli.js in:
 * a scratch directory holding the central repository acme/security and its `.keyguard.yml`, the
 * GitHub emulator, the OpenAI emulator and real git smart HTTP, every request to either emulator
 * recorded in order; the CLI run as a process of its own with the central job's env. Also: the
 * repositories pushed to the server, the results a sweep wrote, and the check that nothing it
 * wrote holds a whole key or the token.
 */
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from '@jest/globals';
import { watchRequests } from '../e2e/helpers/world.js';
import { FULL_PERMISSIONS, type GitHubEmulator, startGitHubEmulator } from '../emulators/github.js';
import { type OpenAIEmulator, type OpenAIKeyRecord, startOpenAIEmulator } from '../emulators/openai.js';
import { type GitHttpServer, startGitHttpServer } from '../helpers/git-http-server.js';
import { KeyGen } from '../helpers/keygen.js';
import { type CliRun, filesUnder, leaksToken, runCliProcess, WorkRepo } from './git-fixtures.js';

export interface FleetRotateWorldOptions {
  /** The scratch directory's name prefix (`kg-fleet-rotate-`). */
  prefix: string;
  /** The token comes from this seed, the transfer secret (KEYGUARD_STATE_KEY) from the next one. */
  seed: number;
  runId: string;
  centralConfig: string;
  /** Organisation secrets the central workflow maps into the job's env (`secrets.NAME`). */
  mappedOrgSecrets?: string[];
  cliTimeoutMs: number;
}

export class FleetRotateWorld {
  readonly token: string;
  readonly stateKey: string;
  readonly scratch: string;
  readonly central: string;
  gh!: GitHubEmulator;
  openai!: OpenAIEmulator;
  server!: GitHttpServer;
  /** The OpenAI admin key the central job holds (set once the emulator is up). */
  admin = '';
  readonly work: WorkRepo[] = [];
  readonly runs: CliRun[] = [];
  /** Every request to either emulator, in the order they arrived. */
  readonly events: string[] = [];
  #sweeps = 0;

  constructor(readonly options: FleetRotateWorldOptions) {
    this.token = `ghs_${new KeyGen(options.seed).alnum(36)}`;
    this.stateKey = new KeyGen(options.seed + 1).alnum(40);
    this.scratch = realpathSync(mkdtempSync(join(tmpdir(), options.prefix)));
    this.central = join(this.scratch, 'central');
  }

  async start(): Promise<this> {
    for (const d of ['home', 'tmp', 'central']) mkdirSync(join(this.scratch, d), { recursive: true });
    writeFileSync(join(this.central, '.keyguard.yml'), this.options.centralConfig);
    this.gh = await startGitHubEmulator({
      owner: 'acme',
      repo: 'security',
      tokens: { [this.token]: FULL_PERMISSIONS },
    });
    this.openai = await startOpenAIEmulator();
    this.server = await startGitHttpServer({ root: join(this.scratch, 'served'), token: this.token });
    // Recorded as each request arrives (the saga awaits each answer before the next call).
    watchRequests(this.gh.server, (r) => this.events.push(`github ${r.method} ${r.path} `));
    watchRequests(this.openai.server, (r) => this.events.push(`openai ${r.method} ${r.path} `));
    return this;
  }

  async stop(): Promise<void> {
    await Promise.all([this.gh?.stop(), this.openai?.stop(), this.server?.stop()]);
    for (const w of this.work) w.cleanup();
    rmSync(this.scratch, { recursive: true, force: true });
  }

  /** The central job's env; the mapped organisation secrets hold their value right now. */
  env(extra: Record<string, string> = {}): Record<string, string> {
    const mapped: Record<string, string> = {};
    for (const name of this.options.mappedOrgSecrets ?? [])
      mapped[name] = this.gh.secretValue('org:acme', name) ?? '';
    return {
      HOME: join(this.scratch, 'home'),
      TMPDIR: join(this.scratch, 'tmp'),
      GITHUB_API_URL: this.gh.baseUrl,
      GITHUB_SERVER_URL: this.server.url,
      GITHUB_REPOSITORY: 'acme/security',
      GITHUB_RUN_ID: this.options.runId,
      KEYGUARD_FLEET_TOKEN: this.token,
      KEYGUARD_STATE_KEY: this.stateKey,
      OPENAI_ADMIN_KEY: this.admin,
      KEYGUARD_RETRY_SCALE: '0.01',
      ...mapped,
      ...extra,
    };
  }

  /** dist/cli.js run in the central repository, its run kept for the no-whole-key check. */
  async cli(args: string[], extra: Record<string, string> = {}): Promise<CliRun> {
    const r = await runCliProcess(args, this.env(extra), {
      cwd: this.central,
      timeoutMs: this.options.cliTimeoutMs,
    });
    this.runs.push(r);
    return r;
  }

  /** A repository whose default branch holds `files`, and extra refs (`refs/pull/7/head`) on top of it. */
  repo(fullName: string, files: Record<string, string>, refs: Record<string, Record<string, string>> = {}) {
    const w = new WorkRepo(this.server, fullName, this.scratch);
    this.work.push(w);
    const main = w.commit('init', files);
    for (const [ref, extra] of Object.entries(refs)) {
      w.git('checkout', '-q', '--detach', main);
      w.git('update-ref', ref, w.commit(`change for ${ref}`, extra));
      w.git('checkout', '-q', 'main');
    }
    w.push();
  }

  /** `fleet plan` of acme into scratch/plan.json, or throws. */
  async plan(jobs: number): Promise<{ file: string; plan: any }> {
    const file = join(this.scratch, 'plan.json');
    const planned = await this.cli([
      'fleet',
      'plan',
      '--org',
      'acme',
      '--jobs',
      String(jobs),
      '--output',
      file,
    ]);
    if (planned.code !== 0) throw new Error(`plan failed: ${planned.stderr}`);
    return { file, plan: JSON.parse(readFileSync(file, 'utf8')) };
  }

  /** `fleet sweep --rotate` of one shard into a new directory, then `fleet report --format json` of it. */
  async sweepAndReport(shardFile: string, extra: string[] = []): Promise<RotatingSweep> {
    const dir = join(this.scratch, `sweep-${++this.#sweeps}`);
    const run = await this.cli([
      'fleet',
      'sweep',
      '--shard',
      shardFile,
      '--output-dir',
      dir,
      '--rotate',
      '--parallel',
      '1',
      '--openai-base-url',
      this.openai.apiBase,
      ...extra,
    ]);
    const results = resultsByRepository(dir);
    const json = await this.cli(['fleet', 'report', '--input', dir, '--format', 'json']);
    return { dir, run, results, report: JSON.parse(json.stdout), reportCode: json.code };
  }

  /** A key the OpenAI emulator holds that is not one of `ours`: a replacement keyguard made. */
  replacementFor(value: string | undefined, ours: OpenAIKeyRecord[]): OpenAIKeyRecord | undefined {
    return [...this.openai.keys.values()].find(
      (x) => x.value === value && !ours.some((o) => o.value === x.value),
    );
  }

  deleted(key: OpenAIKeyRecord): boolean {
    return this.openai.keys.get(key.id)!.deleted;
  }

  /** The PUTs to a GitHub path among `list` (every request by default). */
  puts(path: string, list = this.events): string[] {
    return list.filter((e) => e.startsWith(`github PUT ${path} `));
  }

  /** The key was deleted in `list`, and only after every GitHub path was PUT. */
  expectDeletedAfterPuts(key: OpenAIKeyRecord, paths: string[], list = this.events): void {
    const del = list.findIndex((e) => e.startsWith('openai DELETE ') && e.includes(key.id));
    const puts = paths.map((p) => list.findIndex((e) => e.startsWith(`github PUT ${p} `)));
    expect(del).toBeGreaterThan(-1);
    for (const put of puts) expect(put).toBeGreaterThan(-1);
    for (const put of puts) expect(put).toBeLessThan(del);
  }

  /** No whole key of `keys` and no form of the token in any output, file under scratch or incident. */
  expectNoKeyOrTokenWritten(keys: string[]): void {
    const texts = [
      ...this.runs.flatMap((r) => [r.stdout, r.stderr]),
      ...filesUnder(this.scratch)
        .filter((f) => !f.path.includes('/served/') && !f.path.includes('kg-work-'))
        .map((f) => f.text),
      ...this.gh.issues.flatMap((i) => [i.title, i.body ?? '', ...i.comments.map((c) => c.body)]),
    ].join('\n');
    for (const key of keys) expect(texts.includes(key)).toBe(false);
    expect(leaksToken(texts, this.token)).toEqual([]);
  }
}

export interface RotatingSweep {
  dir: string;
  run: CliRun;
  results: Record<string, any>;
  report: any;
  reportCode: number;
}

/** The result files under `dir`, by repository. */
export function resultsByRepository(dir: string): Record<string, any> {
  const results: Record<string, any> = {};
  for (const f of filesUnder(dir)) {
    const r = JSON.parse(f.text);
    results[r.repository] = r;
  }
  return results;
}
