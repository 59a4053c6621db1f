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
 * found, timed out, damaged or interrupted transfer), scrubbed of every form of the token.
 */
import { mkdir, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { initRepository, spawnGit } from '../git/pinned.js';
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

/** Bytes under `dir` (links not followed; what vanishes meanwhile, as git's temp packs do, counts 0). */
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
        (st) => st.size,
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
  /** Stop the fetch when the repository's objects pass this many MB. */
  maxMb?: number;
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
    const child = spawnGit(root, args, {
      env: { config: headerConfig(input.server, input.token) },
      group: true,
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
    const maxBytes = (input.maxMb ?? DEFAULT_MAX_CLONE_MB) * 1024 * 1024;
    let tooLarge = false;
    let measuring = false;
    const watch = setInterval(() => {
      if (measuring) return;
      measuring = true;
      bytesUnder(join(root, '.git', 'objects'))
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
    child.on('close', async (code) => {
      clearTimeout(timer);
      clearInterval(watch);
      if (pid !== undefined) running.delete(pid);
      const tooLargeError = () =>
        new CloneError(
          `clone stopped: the repository is larger than ${input.maxMb ?? DEFAULT_MAX_CLONE_MB} MB (--max-clone-mb)`,
        );
      if (tooLarge) reject(tooLargeError());
      else if (timedOut) reject(new CloneError(`clone timed out after ${Math.round(timeoutMs / 1000)} s`));
      else if (code !== 0) reject(new CloneError(cloneFailure(stderr, input.token)));
      else if ((await bytesUnder(join(root, '.git', 'objects'))) > maxBytes) reject(tooLargeError());
      else resolve();
    });
  });
  return root;
}
