/**
 * One repository of a sweep, fetched: an empty repository keyguard creates in its own temp directory
 * (src/git/pinned.ts `initRepository`), then one `git fetch` of every branch, tag and pull-request head
 * with full history. That is a bare `clone --mirror` minus what a mirror would bring along: no checkout,
 * no hooks (no template, hooksPath /dev/null), no submodules, no remote config written (the URL is an
 * argument, never `.git/config`), no FETCH_HEAD; transports narrowed to https (http for a loopback
 * server), redirects not followed, objects fsck'd as they arrive. The token travels as a header in git's
 * environment (./git-auth.ts).
 *
 * A failure is a `CloneError` whose message says why in one line (refused with its HTTP status, not
 * found, timed out, damaged or interrupted transfer, a limit reached), scrubbed of every form of the token.
 *
 * The server is not trusted, so everything a fetch can make the sweep spend is bounded, and a
 * repository past a bound fails with the bound's name while the shard goes on:
 * - memory: each git process (git, its `git-remote-https`, `index-pack`, `rev-list`) runs under
 *   RLIMIT_DATA (`--max-git-mb`, src/git/pinned.ts `GitLimits`): a v0 ref advertisement is buffered
 *   whole by git-remote-https before git parses any of it, so no count of refs could stop an endless
 *   one in time; the kernel does. `choom` makes git the machine's first victim should clones at once
 *   still exhaust it, never the runner.
 * - refs: git's own packet trace (GIT_TRACE_PACKET on a pipe) is counted as git reads the
 *   advertisement; past `--max-refs` the fetch is stopped before git matches, writes or negotiates them
 *   (a v2 `ls-refs` answer is counted as it streams in).
 * - disk: no file beyond `--max-clone-mb` (RLIMIT_FSIZE), and the repository's allocated size polled
 *   every 500 ms against the same bound.
 * - time: `--timeout` for the whole fetch, and under 1 KB/s for 60 s ends it (./git-auth.ts).
 * Bytes received are bounded by these together: what git keeps is held in memory or on disk, what it
 * drops (progress) costs only time.
 */
import { mkdir, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { gitLimitsAvailable, initRepository, spawnGit } from '../git/pinned.js';
import type { Secret } from '../scan/secret.js';
import { cloneUrl, fetchConfig, headerConfig, withoutToken } from './git-auth.js';

export class CloneError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CloneError';
  }
}

/** A fetch longer than this is stopped and the repository recorded as timed out. */
export const DEFAULT_CLONE_TIMEOUT_MS = 30 * 60_000;

/** A clone above this is stopped (a hosted runner has about 14 GB of free disk). */
export const DEFAULT_MAX_CLONE_MB = 10_240;

/**
 * Memory of each git process of a fetch (RLIMIT_DATA): a clone of a repository of Linux's size (10
 * million objects) stays under it; a hosted runner has 7–16 GB for the two clones `--parallel 2` runs.
 */
export const DEFAULT_MAX_GIT_MB = 2048;

/**
 * Refs a server may advertise (every one it sends, `refs/pull/N/merge` included): GitHub's largest
 * repositories advertise under 900,000 (two per pull request).
 */
export const DEFAULT_MAX_REFS = 1_000_000;

/**
 * Allocated bytes under `dir` (links not followed; what vanishes meanwhile, as git's temp packs do,
 * counts 0): blocks, not sizes, so a million loose refs of 41 bytes count as the 4 GB they take.
 */
export async function bytesUnder(dir: string): Promise<number> {
  let total = 0;
  let entries: import('node:fs').Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const e of entries) {
    const path = join(dir, e.name);
    if (e.isDirectory()) total += await bytesUnder(path);
    else if (e.isFile())
      total += await stat(path).then(
        (st) => Math.max(st.size, st.blocks * 512),
        () => 0,
      );
  }
  return total;
}

/** Branches, tags and pull-request heads (GitHub's `refs/pull/N/merge` are its own test merges: left out). */
export const FETCH_REFSPECS = [
  '+refs/heads/*:refs/heads/*',
  '+refs/tags/*:refs/tags/*',
  '+refs/pull/*/head:refs/pull/*/head',
];

/** Process groups of fetches under way: `stopFetches` ends them (the sweep being stopped). */
const running = new Set<number>();

export function stopFetches(): void {
  for (const pid of running) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {}
  }
  running.clear();
}

export interface CloneInput {
  fullName: string;
  server: string;
  token?: Secret;
  /** A fresh directory keyguard made: the repository is created in `dir/repo`. */
  dir: string;
  timeoutMs?: number;
  /** Stop the fetch when the repository passes this many MB on disk. */
  maxMb?: number;
  /** Memory of each git process, in MB. */
  maxGitMb?: number;
  /** Refs the server may advertise. */
  maxRefs?: number;
  /** Told once per process when git's memory cannot be limited here (no `prlimit`). */
  warn?: (line: string) => void;
  /** Tests: told the pid of each git process started. */
  onSpawn?: (pid: number) => void;
}

/** One printable line of git's stderr: no token, no controls, bounded. */
function cleanLine(line: string, token: Secret | undefined): string {
  return withoutToken(line, token)
    .replace(/[\x00-\x1f\x7f]/g, ' ')
    .replace(/^(fatal|error|remote): */i, '')
    .trim()
    .slice(0, 300);
}

/**
 * Counts the refs a server advertises, from git's packet trace (`GIT_TRACE_PACKET`), as git and its
 * helpers read them: a line `… packet:   <who>< <object id> <refname>…`. Each reader (`git`,
 * `fetch-pack`, `fetch`: a v0 advertisement is read by the helper and again by fetch-pack) is counted on
 * its own, as a run of consecutive ref lines; `onMax` is told each new longest run.
 */
export class RefCounter {
  #runs = new Map<string, number>();
  #partial = '';
  max = 0;
  constructor(private readonly onMax: (count: number) => void) {}

  push(chunk: string): void {
    const text = this.#partial + chunk;
    const lines = text.split('\n');
    // A trace line holds one packet (at most 64 KB): a longer tail is not a line we count.
    this.#partial = (lines.pop() ?? '').slice(-70_000);
    for (const line of lines) {
      const m = /packet: +(\S+)< (.{0,64})/.exec(line);
      if (!m) continue;
      const who = m[1]!;
      if (/^[0-9a-f]{40}(?:[0-9a-f]{24})? /.test(m[2]!)) {
        const n = (this.#runs.get(who) ?? 0) + 1;
        this.#runs.set(who, n);
        if (n > this.max) {
          this.max = n;
          this.onMax(n);
        }
      } else this.#runs.set(who, 0);
    }
  }
}

let warnedNoLimits = false;

/** Why git's fetch failed, from its stderr, in words a report can show. */
export function cloneFailure(stderr: string, token: Secret | undefined): string {
  const lines = stderr
    .split('\n')
    .map((l) => cleanLine(l, token))
    .filter(Boolean);
  const all = lines.join('\n');
  const status = /returned error: (\d{3})/.exec(all)?.[1];
  if (
    status === '401' ||
    /could not read Username|Authentication failed|terminal prompts disabled/i.test(all)
  )
    return 'clone refused (HTTP 401): the token is missing, expired or cannot read this repository';
  if (status === '403') return 'clone refused (HTTP 403): the token is not allowed to read this repository';
  if (status === '404' || /repository '.*' not found|not found/i.test(all))
    return 'clone refused (HTTP 404): the repository does not exist or the token cannot see it';
  if (status && /^30[1278]$/.test(status))
    return `clone refused (HTTP ${status}): the repository moved (renamed or transferred); redirects are not followed, since they would carry the token to the new address: the next plan lists it under its new name`;
  if (status === '429')
    return 'clone refused (HTTP 429): rate limited by the server; the next night tries again';
  if (status) return `clone failed: the server answered HTTP ${status}`;
  if (/Operation too slow|timed out/i.test(all)) return 'clone timed out: the server stopped sending';
  if (/died of signal 9\b/.test(all))
    return 'clone stopped: a git process was killed (SIGKILL), most likely by the kernel for lack of memory on the runner';
  if (
    /fsck|bad object|corrupt|invalid index-pack|index-pack failed|did not send all necessary objects|early EOF|unexpected disconnect|hung up|RPC failed|Empty reply|expected flush|protocol error|unpack/i.test(
      all,
    )
  )
    return `clone failed: damaged or interrupted transfer (${(lines.find((l) => /fsck|bad|corrupt|pack|EOF|disconnect|hung up|RPC|reply|flush|protocol/i.test(l)) ?? lines[0] ?? 'no detail').slice(0, 200)})`;
  return `clone failed: ${lines[lines.length - 1] ?? 'git gave no reason'}`;
}

/** Fetches `fullName` into `dir/repo`; returns that directory (pinned by src/git/pinned.ts). */
export async function cloneRepository(input: CloneInput): Promise<string> {
  const root = join(input.dir, 'repo');
  await mkdir(root, { recursive: true });
  await initRepository(root);
  const args: string[] = [];
  for (const [k, v] of fetchConfig(input.server)) args.push('-c', `${k}=${v}`);
  args.push(
    'fetch',
    '--quiet',
    '--no-tags',
    '--no-write-fetch-head',
    '--no-recurse-submodules',
    '--no-auto-gc',
    '--end-of-options',
    cloneUrl(input.server, input.fullName),
    ...FETCH_REFSPECS,
  );
  const timeoutMs = input.timeoutMs ?? DEFAULT_CLONE_TIMEOUT_MS;
  await new Promise<void>((resolve, reject) => {
    const maxMb = input.maxMb ?? DEFAULT_MAX_CLONE_MB;
    const maxGitMb = input.maxGitMb ?? DEFAULT_MAX_GIT_MB;
    const maxRefs = input.maxRefs ?? DEFAULT_MAX_REFS;
    if (!gitLimitsAvailable() && !warnedNoLimits) {
      warnedNoLimits = true;
      input.warn?.(
        'prlimit (util-linux) is not on PATH: the memory of git and the size of its files are not limited (--max-git-mb); refs, disk and time still are',
      );
    }
    const child = spawnGit(root, args, {
      env: { config: headerConfig(input.server, input.token) },
      group: true,
      limits: { memoryBytes: maxGitMb * 1024 * 1024, fileBytes: maxMb * 1024 * 1024 },
      tracePackets: true,
    });
    const pid = child.pid;
    if (pid !== undefined) {
      input.onSpawn?.(pid);
      running.add(pid);
    }
    const stop = () => {
      try {
        if (pid !== undefined) process.kill(-pid, 'SIGKILL');
      } catch {}
    };
    let stderr = '';
    let timedOut = false;
    let tooManyRefs = false;
    const refs = new RefCounter((n) => {
      if (n > maxRefs && !tooManyRefs) {
        tooManyRefs = true;
        stop();
      }
    });
    const trace = child.stdio[3] as Readable | null | undefined;
    trace?.setEncoding('latin1');
    trace?.on('data', (d: string) => refs.push(d));
    trace?.on('error', () => {});
    child.stdout.resume();
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (d: string) => {
      stderr = (stderr + d).slice(-8000);
    });
    const timer = setTimeout(() => {
      timedOut = true;
      stop();
    }, timeoutMs);
    // The pack grows on disk as it arrives: a repository too large for the runner is stopped early.
    const maxBytes = maxMb * 1024 * 1024;
    let tooLarge = false;
    let measuring = false;
    const watch = setInterval(() => {
      if (measuring) return;
      measuring = true;
      bytesUnder(join(root, '.git'))
        .then((n) => {
          if (n > maxBytes) {
            tooLarge = true;
            stop();
          }
        })
        .finally(() => {
          measuring = false;
        });
    }, 500);
    child.on('error', (e) => {
      clearTimeout(timer);
      clearInterval(watch);
      if (pid !== undefined) running.delete(pid);
      reject(new CloneError(`clone failed: cannot run git (${e.message})`));
    });
    child.on('close', async (code, signal) => {
      clearTimeout(timer);
      clearInterval(watch);
      if (pid !== undefined) running.delete(pid);
      // git's own words only: a hostile server can print anything after "remote:".
      const own = stderr
        .split('\n')
        .filter((l) => !/^\s*remote:/i.test(l))
        .join('\n');
      const tooLargeError = () =>
        new CloneError(`clone stopped: the repository is larger than ${maxMb} MB (--max-clone-mb)`);
      if (tooManyRefs)
        reject(
          new CloneError(
            `clone stopped: the server advertised more than ${maxRefs.toLocaleString('en-US')} refs (--max-refs)`,
          ),
        );
      else if (tooLarge || signal === 'SIGXFSZ' || /died of signal 25\b|File too large/.test(own))
        reject(tooLargeError());
      else if (timedOut) reject(new CloneError(`clone timed out after ${Math.round(timeoutMs / 1000)} s`));
      else if (/Out of memory|Cannot allocate memory|(?:malloc|realloc|calloc|mmap) failed/i.test(own))
        reject(
          new CloneError(
            `clone stopped: git needed more than ${maxGitMb} MB of memory (--max-git-mb): the server sent more than that holds (an endless or enormous ref advertisement, say)`,
          ),
        );
      else if (signal === 'SIGKILL')
        reject(
          new CloneError(
            'clone stopped: git was killed (SIGKILL), most likely by the kernel for lack of memory on the runner',
          ),
        );
      else if (code !== 0) reject(new CloneError(cloneFailure(stderr, input.token)));
      else if ((await bytesUnder(join(root, '.git'))) > maxBytes) reject(tooLargeError());
      else resolve();
    });
  });
  return root;
}
