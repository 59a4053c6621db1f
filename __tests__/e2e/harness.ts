/**
 * Runs the bundled action (dist/index.js) or CLI (dist/cli.js) exactly as a runner or a user would:
 * a separate node process, INPUT_* variables, a real event payload file, GITHUB_OUTPUT and
 * GITHUB_STEP_SUMMARY files, over git repositories the tests build in temp directories.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

export const ROOT = resolve(new URL('../..', import.meta.url).pathname);
export const ACTION = join(ROOT, 'dist', 'index.js');
export const CLI = join(ROOT, 'dist', 'cli.js');

/** git as a fixed author (Ann Author), with no system or global config: the same commits on every machine. */
export const GIT_ENV = {
  GIT_AUTHOR_NAME: 'Ann Author',
  GIT_AUTHOR_EMAIL: 'ann@example.com',
  GIT_COMMITTER_NAME: 'Ann Author',
  GIT_COMMITTER_EMAIL: 'ann@example.com',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
};

/** A git repository in a temp dir, with helpers to commit files at fixed dates. */
export class TestRepo {
  readonly dir: string;
  #tick = 0;

  constructor(prefix = 'kg-repo-') {
    this.dir = mkdtempSync(join(tmpdir(), prefix));
    this.git('init', '-q', '-b', 'main');
  }

  git(...args: string[]): string {
    return execFileSync('git', args, {
      cwd: this.dir,
      env: { ...process.env, ...GIT_ENV },
      encoding: 'utf8',
    }).trim();
  }

  write(path: string, content: string): void {
    const full = join(this.dir, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, content);
  }

  remove(path: string): void {
    rmSync(join(this.dir, path), { force: true });
  }

  /** Writes the files (null = delete) and commits them; returns the new commit's SHA. */
  commit(message: string, files: Record<string, string | null>): string {
    for (const [path, content] of Object.entries(files)) {
      if (content === null) this.git('rm', '-q', '--', path);
      else this.write(path, content);
    }
    this.git('add', '-A');
    this.#tick++;
    const date = `2026-01-${String(1 + (this.#tick % 28)).padStart(2, '0')}T10:00:00Z`;
    execFileSync('git', ['commit', '-q', '--allow-empty', '-m', message], {
      cwd: this.dir,
      env: { ...process.env, ...GIT_ENV, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date },
    });
    return this.git('rev-parse', 'HEAD');
  }

  cleanup(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A `repo()` factory whose repositories are all removed after the test file (call at module level). */
export function tempRepos(): () => TestRepo {
  const repos: TestRepo[] = [];
  afterAll(() => {
    for (const r of repos) r.cleanup();
  });
  return () => {
    const r = new TestRepo();
    repos.push(r);
    return r;
  };
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
  /** Parsed GITHUB_OUTPUT. */
  outputs: Record<string, string>;
  /** GITHUB_STEP_SUMMARY content. */
  summary: string;
  /** Every file the run wrote that a user could see, for the "no whole key anywhere" checks. */
  allText: string;
  dir: string;
}

/** Parses the GITHUB_OUTPUT file format (`name<<DELIM\nvalue\nDELIM`, or `name=value`). */
export function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const [, name, delim] = heredoc;
      const value: string[] = [];
      for (i++; i < lines.length && lines[i] !== delim; i++) value.push(lines[i]!);
      out[name!] = value.join('\n');
    } else if (line.includes('=')) {
      const at = line.indexOf('=');
      out[line.slice(0, at)] = line.slice(at + 1);
    }
  }
  return out;
}

export interface ActionRun {
  workspace: string;
  eventName: string;
  payload?: Record<string, unknown>;
  inputs?: Record<string, string>;
  env?: Record<string, string>;
  sha?: string;
  timeoutMs?: number;
}

/**
 * The Node binary that runs dist/: the one running jest (Node 20 here and in CI) unless
 * KEYGUARD_E2E_NODE names another (`npm run e2e:node24` sets it to Node 24, the runtime that
 * `runs.using: node24` gives the action on GitHub's runners).
 */
export const E2E_NODE = process.env.KEYGUARD_E2E_NODE || process.execPath;

function runNode(
  script: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  cwd: string,
  timeoutMs: number,
  stdin?: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(E2E_NODE, [script, ...args], { cwd, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${script} timed out after ${timeoutMs} ms\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolvePromise({ code: code ?? -1, stdout, stderr });
    });
    child.stdin.end(stdin ?? '');
  });
}

/** Runs dist/index.js as the runner does. */
export async function runAction(opts: ActionRun): Promise<RunResult> {
  const dir = mkdtempSync(join(tmpdir(), 'kg-run-'));
  const eventPath = join(dir, 'event.json');
  const outputPath = join(dir, 'output.txt');
  const summaryPath = join(dir, 'summary.md');
  writeFileSync(eventPath, JSON.stringify(opts.payload ?? {}));
  writeFileSync(outputPath, '');
  writeFileSync(summaryPath, '');
  const inputEnv: Record<string, string> = {};
  for (const [k, v] of Object.entries(opts.inputs ?? {})) inputEnv[`INPUT_${k.toUpperCase()}`] = v;
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    ...GIT_ENV,
    GITHUB_ACTIONS: 'true',
    CI: 'true',
    GITHUB_EVENT_NAME: opts.eventName,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_WORKSPACE: opts.workspace,
    GITHUB_OUTPUT: outputPath,
    GITHUB_STEP_SUMMARY: summaryPath,
    GITHUB_SHA: opts.sha ?? '',
    GITHUB_REPOSITORY: 'acme/app',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: 'http://127.0.0.1:9',
    GITHUB_RUN_ID: '4242',
    RUNNER_TEMP: dir,
    // Report files land in the run dir unless a test says otherwise.
    'INPUT_SARIF-FILE': join(dir, 'keyguard.sarif'),
    'INPUT_REPORT-FILE': join(dir, 'keyguard-report.json'),
    INPUT_VERIFY: 'false',
    ...inputEnv,
    ...opts.env,
  };
  const { code, stdout, stderr } = await runNode(ACTION, [], env, opts.workspace, opts.timeoutMs ?? 60_000);
  const read = (p: string) => (existsSync(p) ? readFileSync(p, 'utf8') : '');
  const outputs = parseOutputs(read(outputPath));
  const summary = read(summaryPath);
  const files = [env['INPUT_SARIF-FILE'], env['INPUT_REPORT-FILE']].filter(Boolean) as string[];
  const allText = [stdout, stderr, read(outputPath), summary, ...files.map(read)].join('\n');
  return { code, stdout, stderr, outputs, summary, allText, dir };
}

/** Runs dist/cli.js with arguments (and optional stdin). */
export async function runCli(
  args: string[],
  opts: { cwd?: string; env?: Record<string, string>; stdin?: string; timeoutMs?: number } = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, ...GIT_ENV, ...opts.env };
  return runNode(CLI, args, env, opts.cwd ?? ROOT, opts.timeoutMs ?? 60_000, opts.stdin);
}

/** Asserts-by-return: the keys (whole, or their body between first and last 4 chars) found in a text. */
export function leakedIn(text: string, keys: string[]): string[] {
  return keys.filter((k) => text.includes(k) || (k.length > 16 && text.includes(k.slice(8, -4))));
}
