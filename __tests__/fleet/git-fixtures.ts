/**
 * Repositories for the sweep tests: built in a work repository (real commits at fixed dates), pushed
 * into the git HTTP server's directory, and the CLI (dist/cli.js) run as a separate process, as a
 * matrix job runs it. Also: every form of a token, and a walk of every file under a directory.
 */
import { execFileSync, spawn } from 'node:child_process';
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { GIT_ENV } from '../e2e/harness.js';
import type { GitHttpServer } from '../helpers/git-http-server.js';

export const ROOT = resolve(new URL('../..', import.meta.url).pathname);
export const CLI = join(ROOT, 'dist', 'cli.js');

/** A work repository whose commits are pushed to `owner/name` on the server. */
export class WorkRepo {
  readonly dir: string;
  #tick = 0;
  constructor(
    readonly server: GitHttpServer,
    readonly fullName: string,
    base = tmpdir(),
  ) {
    this.dir = mkdtempSync(join(base, 'kg-work-'));
    this.git('init', '-q', '-b', 'main');
    server.init(fullName);
  }

  git(...args: string[]): string {
    return execFileSync('git', args, {
      cwd: this.dir,
      env: { ...process.env, ...GIT_ENV },
      encoding: 'utf8',
    }).trim();
  }

  /** Writes files (null = delete), commits, returns the SHA. */
  commit(message: string, files: Record<string, string | null>): string {
    for (const [path, content] of Object.entries(files)) {
      const full = join(this.dir, path);
      if (content === null) rmSync(full, { force: true });
      else {
        mkdirSync(dirname(full), { recursive: true });
        writeFileSync(full, content);
      }
    }
    this.git('add', '-A');
    this.#tick++;
    const date = `2026-01-${String(1 + (this.#tick % 28)).padStart(2, '0')}T10:00:${String(this.#tick % 60).padStart(2, '0')}Z`;
    execFileSync('git', ['commit', '-q', '--allow-empty', '-m', message], {
      cwd: this.dir,
      env: { ...process.env, ...GIT_ENV, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date },
    });
    return this.git('rev-parse', 'HEAD');
  }

  /** Every branch and tag to the server (deleted branches too). */
  push(): void {
    this.git('push', '-q', '--mirror', this.server.repoPath(this.fullName));
  }

  cleanup(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  pid: number;
}

/** Runs dist/cli.js with only the environment given (plus PATH), as a matrix job would. */
export function runCliProcess(
  args: string[],
  env: Record<string, string>,
  opts: { cwd?: string; timeoutMs?: number; onStart?: (pid: number) => void } = {},
): Promise<CliRun> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: opts.cwd ?? ROOT,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    if (child.pid !== undefined) opts.onStart?.(child.pid);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 120_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolvePromise({ code: code ?? -1, stdout, stderr, pid: child.pid ?? 0 });
    });
  });
}

/** The token as a leak check must look for it: itself, the Basic credential, base64 of both. */
export function tokenForms(token: string): string[] {
  const basic = Buffer.from(`x-access-token:${token}`).toString('base64');
  const b64 = Buffer.from(token).toString('base64');
  return [token, basic, basic.replace(/=+$/, ''), b64, b64.replace(/=+$/, ''), encodeURIComponent(token)];
}

export function leaksToken(text: string, token: string): string[] {
  return tokenForms(token).filter((f) => text.includes(f));
}

/** Every regular file under `dir` (links not followed), with its content. */
export function filesUnder(
  dir: string,
  out: { path: string; text: string }[] = [],
): { path: string; text: string }[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of names) {
    const path = join(dir, name);
    let st: ReturnType<typeof lstatSync>;
    try {
      st = lstatSync(path);
    } catch {
      continue;
    }
    if (st.isDirectory()) filesUnder(path, out);
    else if (st.isFile()) {
      try {
        out.push({ path, text: readFileSync(path, 'latin1') });
      } catch {}
    }
  }
  return out;
}

/** Command lines of every process of this user now (/proc/PID/cmdline, NULs as spaces). */
export function processCommandLines(): { pid: number; cmdline: string }[] {
  const out: { pid: number; cmdline: string }[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const cmdline = readFileSync(`/proc/${name}/cmdline`, 'latin1').split('\0').join(' ');
      if (cmdline) out.push({ pid: Number(name), cmdline });
    } catch {}
  }
  return out;
}

/** `/proc/PID/stat`'s parent pid, or undefined when the process is gone. */
function parentOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

function rssKb(pid: number): number {
  try {
    return Number(/^VmRSS:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'latin1'))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

export interface TreeMemory {
  /** Highest sum of VmRSS over the descendants of the root (the root itself not counted), in MB. */
  peakTreeMb: number;
  /** Highest VmRSS of any one descendant, in MB. */
  peakProcessMb: number;
  /** Descendants the safety limit killed. */
  killed: number;
  stop(): void;
}

/**
 * Samples every 50 ms the memory of the processes below `root` (git and its helpers, which run in a
 * process group of their own), through /proc. A process once seen is followed even after its parent
 * is gone (orphans are re-parented). Any process above `safetyMb` is killed: a test of an unbounded
 * attack must not take the machine down with it. `stop()` kills whatever is left.
 */
export function watchTreeMemory(root: () => number | undefined, safetyMb = 1536): TreeMemory {
  const seen = new Set<number>();
  const state: TreeMemory = {
    peakTreeMb: 0,
    peakProcessMb: 0,
    killed: 0,
    stop: () => {
      clearInterval(timer);
      sample();
      for (const pid of seen)
        try {
          if (/git/.test(readFileSync(`/proc/${pid}/cmdline`, 'latin1'))) process.kill(pid, 'SIGKILL');
        } catch {}
    },
  };
  const sample = () => {
    const top = root();
    if (top === undefined) return;
    const parents = new Map<number, number>();
    for (const name of readdirSync('/proc')) {
      if (!/^\d+$/.test(name)) continue;
      const ppid = parentOf(Number(name));
      if (ppid !== undefined) parents.set(Number(name), ppid);
    }
    const below = (pid: number): boolean => {
      for (let p = parents.get(pid), n = 0; p !== undefined && n < 64; p = parents.get(p), n++)
        if (p === top) return true;
      return false;
    };
    for (const pid of parents.keys()) if (below(pid)) seen.add(pid);
    let tree = 0;
    for (const pid of seen) {
      if (!parents.has(pid)) {
        seen.delete(pid);
        continue;
      }
      const mb = rssKb(pid) / 1024;
      tree += mb;
      state.peakProcessMb = Math.max(state.peakProcessMb, mb);
      if (mb > safetyMb) {
        state.killed++;
        try {
          process.kill(pid, 'SIGKILL');
        } catch {}
      }
    }
    state.peakTreeMb = Math.max(state.peakTreeMb, tree);
  };
  const timer = setInterval(sample, 50);
  return state;
}
