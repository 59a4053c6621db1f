/**
 * The one way keyguard runs git: against the repository keyguard itself resolved, once, from the path it
 * was given, never one git discovers, and with every config-driven program switched off.
 *
 * Why: git discovers a repository by searching upwards from its working directory, and a directory that
 * merely looks like a bare repository (HEAD, objects/, refs/, config) is one. A pull request can add such
 * a directory under `path:`, and its `config` (core.fsmonitor, remote.*.uploadpack, core.sshCommand,
 * hooks…) would run commands inside the action's process, next to every admin key in its environment.
 *
 * Decisions:
 * - The repository is the nearest `.git` at or above the scanned directory, below the ceiling (the
 *   workspace, in the action). A directory is never taken as a bare repository. A `.git` file (gitdir:
 *   pointer) or link is followed only to a directory inside a path component named `.git` (submodules
 *   keep theirs in `.git/modules/…`, worktrees in `.git/worktrees/…`): git refuses `.git` as a path in
 *   any tree, so no commit can have written one. Anything else is refused with a clear error.
 * - Every command gets `--git-dir`, `--work-tree`, `safe.bareRepository=explicit` and
 *   `GIT_CEILING_DIRECTORIES` (so even a git that git itself starts cannot discover another repository),
 *   plus `-c` overrides (command-line scope beats repository config) for everything that runs a program.
 * - System and global config are ignored (`GIT_CONFIG_NOSYSTEM`, `GIT_CONFIG_GLOBAL=/dev/null`): an
 *   outsider cannot write them, but they change output (colour, prefixes, renames, signatures, pager) and
 *   can run programs of their own (a global fsmonitor or LFS filter). Consequences: credentials and
 *   `insteadOf` rules kept only in global config are not used by the action's fetches (actions/checkout
 *   keeps its token in the repository's config, which is read), and `safe.directory` is given for the
 *   pinned work tree only (a container job's checkout is owned by another user).
 * - Every `GIT_*` variable of our own environment is dropped (GIT_DIR, GIT_EXTERNAL_DIFF,
 *   GIT_SSH_COMMAND, GIT_ASKPASS, GIT_CONFIG_PARAMETERS…): only the ones set here reach git, and a
 *   pre-commit hook's GIT_INDEX_FILE when it lies inside the pinned git directory.
 * - Replace refs are ignored (`GIT_NO_REPLACE_OBJECTS`): history is scanned as it is, not as a
 *   `refs/replace/*` entry would show it.
 */
import { type ChildProcessWithoutNullStreams, execFile, spawn } from 'node:child_process';
import { accessSync, constants, lstatSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';

export class GitSourceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GitSourceError';
  }
}

export interface PinnedRepository {
  /** Absolute, real path of the git directory (`…/.git`, or the one a `.git` file points at). */
  gitDir: string;
  /** Absolute, real path of the work tree: the directory holding `.git`. */
  workTree: string;
  /** The scanned directory (real path): git runs there, so pathspecs like `.` mean it. */
  cwd: string;
  /** Where the scanned directory sits in the work tree: '' at the top, else `sub/dir/`. */
  prefix: string;
  /** Discovery stops here (`GIT_CEILING_DIRECTORIES`). */
  ceiling: string;
}

/**
 * Overrides for every setting that makes git run a program or changes its output; `-c` is git's
 * command-line scope, which wins over the repository's own config.
 */
export const HARDENING: readonly string[] = [
  'safe.bareRepository=explicit',
  'core.fsmonitor=false',
  'core.hooksPath=/dev/null',
  'core.sshCommand=ssh',
  'core.pager=cat',
  'core.askPass=',
  'core.editor=false',
  'credential.helper=',
  'remote.origin.uploadpack=git-upload-pack',
  'gpg.program=false',
  'log.showSignature=false',
  // Only the transports keyguard needs: no ext:: (runs a command), no git:// (core.gitProxy), no
  // remote helpers named in a URL.
  'protocol.allow=never',
  'protocol.https.allow=always',
  'protocol.http.allow=always',
  'protocol.ssh.allow=always',
  'protocol.file.allow=always',
  // A fetch must not recurse into submodules (their config) or start gc/maintenance (hooks).
  'fetch.recurseSubmodules=false',
  'submodule.recurse=false',
  'gc.auto=0',
  'maintenance.auto=false',
  // Output keyguard parses: fixed whatever the repository says.
  'core.quotePath=false',
  'diff.noprefix=false',
  'color.ui=false',
  // What `git log -p` shows: a root commit's diff (else its keys are never seen), every path from the
  // top (`diff.relative` would drop a subdirectory's paths), git's own file order, text and binary by
  // git's defaults, authors as committed (UTF-8), no attributes file outside the repository.
  'log.showRoot=true',
  'diff.relative=false',
  'diff.orderFile=/dev/null',
  'diff.algorithm=myers',
  'diff.indentHeuristic=true',
  'diff.renameLimit=1000',
  'core.bigFileThreshold=512m',
  'i18n.logOutputEncoding=UTF-8',
  'core.attributesFile=/dev/null',
  // How the index judges a work-tree file unchanged (the scan cache names such a file by its blob id).
  'core.checkStat=default',
  'core.trustctime=true',
];

/** The scanned directory's default ceiling: set once by the action (its workspace); the CLI has none. */
let defaultCeiling: string | undefined;

/** Discovery of the repository stops at `dir` (the action's workspace); undefined = no ceiling. */
export function setGitCeiling(dir: string | undefined): void {
  defaultCeiling = dir;
  resolved.clear();
}

const resolved = new Map<string, PinnedRepository>();

function isInside(parent: string, child: string): boolean {
  const rel = relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

function realDir(path: string): string | undefined {
  try {
    const real = realpathSync(path);
    return statSync(real).isDirectory() ? real : undefined;
  } catch {
    return undefined;
  }
}

/** True when a path component is exactly `.git`: no tree can contain one, so git made it. */
function insideDotGit(path: string): boolean {
  return path.split(sep).includes('.git');
}

/** The git directory `dir/.git` names, or undefined when there is none; throws when it is not acceptable. */
function gitDirAt(dir: string): string | undefined {
  const dotGit = join(dir, '.git');
  let st: ReturnType<typeof lstatSync>;
  try {
    st = lstatSync(dotGit);
  } catch {
    return undefined;
  }
  let target: string | undefined;
  if (st.isDirectory()) {
    target = dotGit;
  } else if (st.isSymbolicLink()) {
    target = realDir(dotGit);
  } else if (st.isFile()) {
    const text = readFileSync(dotGit, 'utf8').slice(0, 4096);
    const m = /^gitdir: *(.+?)\s*$/m.exec(text);
    if (!m) throw new GitSourceError(`${dotGit} is a file without a "gitdir:" line: not a git checkout`);
    target = realDir(resolve(dir, m[1]!));
  }
  if (!target || !insideDotGit(target)) {
    throw new GitSourceError(
      `${dotGit} points git at ${target ?? 'something that is not a directory'}, not inside a .git directory: ` +
        'keyguard does not follow it (a submodule or worktree keeps its repository under .git/)',
    );
  }
  return target;
}

function looksLikeGitDir(dir: string): boolean {
  try {
    return statSync(join(dir, 'HEAD')).isFile();
  } catch {
    return false;
  }
}

/**
 * Resolves the repository that holds `root` (see the module comment), without running git. Memoised:
 * every git command of a run uses the repository resolved the first time.
 */
export function pinRepository(root: string, ceiling: string | undefined = defaultCeiling): PinnedRepository {
  const memoKey = `${root}\0${ceiling ?? ''}`;
  const known = resolved.get(memoKey);
  if (known) return known;
  const start = realDir(root);
  if (!start) throw new GitSourceError(`${root} is not a directory`);
  const realCeiling = ceiling === undefined ? undefined : realDir(ceiling);
  // Outside the ceiling (a path outside the workspace) only its own ancestors are searched.
  const stop = realCeiling && isInside(realCeiling, start) ? realCeiling : undefined;
  for (let dir = start; ; dir = dirname(dir)) {
    const gitDir = gitDirAt(dir);
    if (gitDir) {
      if (!looksLikeGitDir(gitDir)) throw new GitSourceError(`${gitDir} is not a git repository (no HEAD)`);
      const rel = relative(dir, start).split(sep).join('/');
      const repo: PinnedRepository = {
        gitDir,
        workTree: dir,
        cwd: start,
        prefix: rel ? `${rel}/` : '',
        ceiling: stop ?? dir,
      };
      resolved.set(memoKey, repo);
      return repo;
    }
    if (dir === stop || dirname(dir) === dir) break;
  }
  throw new GitSourceError(
    `${root} is not in a git checkout (no .git directory${stop ? ` between it and ${stop}` : ' above it'}; ` +
      'a bare repository is never used implicitly)',
  );
}

/**
 * A pre-commit hook runs with GIT_INDEX_FILE naming the index being committed (a temporary one for
 * `git commit -a`): `--staged` must read that one. Kept only when it lies inside the pinned git directory.
 */
function indexFile(repo: PinnedRepository): { GIT_INDEX_FILE?: string } {
  const file = process.env.GIT_INDEX_FILE;
  if (!file) return {};
  const abs = resolve(repo.workTree, file);
  const dir = realDir(dirname(abs));
  return dir && isInside(repo.gitDir, dir) ? { GIT_INDEX_FILE: join(dir, basename(abs)) } : {};
}

/** The environment git runs with: ours without any GIT_* variable, plus the pinned settings. */
export function gitEnv(repo: PinnedRepository): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!k.toUpperCase().startsWith('GIT_') && k !== 'SSH_ASKPASS' && k !== 'PAGER') env[k] = v;
  }
  return {
    ...env,
    ...indexFile(repo),
    GIT_DIR: repo.gitDir,
    GIT_WORK_TREE: repo.workTree,
    GIT_CEILING_DIRECTORIES: repo.ceiling,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_NO_REPLACE_OBJECTS: '1',
    GIT_OPTIONAL_LOCKS: '0',
    GIT_TERMINAL_PROMPT: '0',
    GIT_PAGER: 'cat',
    PAGER: 'cat',
    LC_ALL: 'C',
  };
}

/** The full argument list: pinned repository and hardening first, then the command's own arguments. */
export function gitArgv(repo: PinnedRepository, args: readonly string[]): string[] {
  const argv = [
    '--no-pager',
    `--git-dir=${repo.gitDir}`,
    `--work-tree=${repo.workTree}`,
    '-c',
    `safe.directory=${repo.workTree}`,
  ];
  for (const setting of HARDENING) argv.push('-c', setting);
  return [...argv, ...args];
}

/**
 * Kernel limits on one git command and every process it starts (they are inherited): git's helpers
 * (`git-remote-https`, `index-pack`, `rev-list`) are each held to them. Set through util-linux's
 * `prlimit` (no shell: it sets its own limits, then execs), which needs no privilege to lower a limit.
 */
export interface GitLimits {
  /**
   * RLIMIT_DATA of each process: heap and private writable mappings (what a buffered ref advertisement
   * or an object table grows), not the read-only mappings of pack files. Past it, allocation fails and
   * git stops with "Out of memory".
   */
  memoryBytes: number;
  /** RLIMIT_FSIZE: no file written beyond this size (SIGXFSZ stops the writer: a pack too large). */
  fileBytes: number;
}

/** A program's path on PATH (executable), or undefined. */
function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(':')) {
    if (!dir || !isAbsolute(dir)) continue;
    const path = join(dir, name);
    try {
      accessSync(path, constants.X_OK);
      if (statSync(path).isFile()) return path;
    } catch {}
  }
  return undefined;
}

let wrappers: { prlimit?: string; choom?: string } | undefined;

/**
 * Whether `GitLimits` can be applied here: util-linux's `prlimit` is on PATH (Linux; every Debian and
 * Ubuntu runner has it). `choom` (util-linux 2.33+) is used too when present.
 */
export function gitLimitsAvailable(): boolean {
  wrappers ??= { prlimit: onPath('prlimit'), choom: onPath('choom') };
  return wrappers.prlimit !== undefined;
}

/**
 * The program and argument prefix that run git under `limits`: `prlimit --data=N --fsize=N -- choom -n
 * 1000 -- git …`. `choom` makes git and its helpers the kernel's first choice should the machine still
 * run out of memory (several clones at once): the runner and keyguard itself survive. Each execs the
 * next, so the pid spawn returns is git's.
 */
function limitedGit(limits: GitLimits | undefined): [string, string[]] {
  if (!limits || !gitLimitsAvailable()) return ['git', []];
  const whole = (n: number) => String(Math.max(1, Math.floor(n)));
  const prefix = [`--data=${whole(limits.memoryBytes)}`, `--fsize=${whole(limits.fileBytes)}`, '--'];
  if (wrappers!.choom) prefix.push(wrappers!.choom, '-n', '1000', '--');
  return [wrappers!.prlimit!, [...prefix, 'git']];
}

/**
 * Starts git for the repository holding `root`, stdout and stderr piped; stdin piped only when asked
 * (typed as piped either way: callers check `child.stdin` before writing); `env.config` adds config
 * through git's environment (see `GitExtraEnv`).
 */
export function spawnGit(
  root: string,
  args: readonly string[],
  opts: {
    stdin?: boolean;
    env?: GitExtraEnv;
    group?: boolean;
    /** Kernel limits for git and its helpers (see `GitLimits`); ignored where `prlimit` is missing. */
    limits?: GitLimits;
    /**
     * Pipes `GIT_TRACE_PACKET` (every pkt-line git and its helpers read or write, pack data excepted) to
     * `child.stdio[3]`: how a caller counts the refs a server advertises while git reads them.
     */
    tracePackets?: boolean;
  } = {},
): ChildProcessWithoutNullStreams {
  const repo = pinRepository(root);
  const [program, prefix] = limitedGit(opts.limits);
  return spawn(program, [...prefix, ...gitArgv(repo, args)], {
    cwd: repo.cwd,
    env: {
      ...gitEnv(repo),
      ...extraEnv(opts.env),
      ...(opts.tracePackets ? { GIT_TRACE_PACKET: '3' } : {}),
    },
    shell: false,
    // A process group of its own (`group`): git and the helpers it starts (git-remote-https) can be
    // stopped together with `process.kill(-pid)`; killing git alone leaves the helper waiting.
    ...(opts.group ? { detached: true } : {}),
    stdio: [opts.stdin ? 'pipe' : 'ignore', 'pipe', 'pipe', ...(opts.tracePackets ? ['pipe' as const] : [])],
  }) as ChildProcessWithoutNullStreams;
}

/**
 * Config given to one command through git's environment (`GIT_CONFIG_COUNT`/`GIT_CONFIG_KEY_n`/
 * `GIT_CONFIG_VALUE_n`, command-line scope): how a credential reaches git without being in its argument
 * list (`/proc/PID/cmdline` is world-readable; a child's environment is not) or in a file.
 */
export interface GitExtraEnv {
  config?: readonly (readonly [key: string, value: string])[];
}

function extraEnv(extra: GitExtraEnv | undefined): NodeJS.ProcessEnv {
  const config = extra?.config ?? [];
  if (!config.length) return {};
  const env: NodeJS.ProcessEnv = { GIT_CONFIG_COUNT: String(config.length) };
  config.forEach(([key, value], i) => {
    if (!/^[A-Za-z0-9.-]+(?:\.[^\n\0]+)?\.[A-Za-z0-9-]+$/.test(key) || /[\0\n]/.test(value))
      throw new GitSourceError('a git config entry for the environment is malformed');
    env[`GIT_CONFIG_KEY_${i}`] = key;
    env[`GIT_CONFIG_VALUE_${i}`] = value;
  });
  return env;
}

/**
 * Creates an empty repository keyguard owns at `dir/.git` (bare: objects and refs only, never a
 * checkout), for fetching into: `dir` must be a fresh directory keyguard made (a temp dir). No template
 * (no sample hooks), no system or global config. Afterwards `dir` pins like any checkout.
 */
export function initRepository(dir: string): Promise<void> {
  if (!isAbsolute(dir)) return Promise.reject(new GitSourceError(`${dir} is not an absolute path`));
  const gitDir = join(dir, '.git');
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!k.toUpperCase().startsWith('GIT_') && k !== 'SSH_ASKPASS' && k !== 'PAGER') env[k] = v;
  }
  return new Promise((resolvePromise, reject) => {
    execFile(
      'git',
      ['--no-pager', '-c', 'init.templateDir=', 'init', '--bare', '--quiet', '--template=', gitDir],
      {
        cwd: dir,
        env: {
          ...env,
          GIT_CEILING_DIRECTORIES: dir,
          GIT_CONFIG_NOSYSTEM: '1',
          GIT_CONFIG_GLOBAL: '/dev/null',
          GIT_TERMINAL_PROMPT: '0',
          LC_ALL: 'C',
        },
        shell: false,
      },
      (err, _stdout, stderr) => {
        if (err) reject(new GitSourceError(`git init failed: ${String(stderr || err.message).trim()}`));
        else resolvePromise();
      },
    );
  });
}

export interface GitOutput {
  ok: boolean;
  stdout: string;
  stderr: string;
}

/** Runs git for the repository holding `root` and collects its output (small outputs only). */
export function execGit(
  root: string,
  args: readonly string[],
  opts: { maxBuffer?: number; encoding?: 'utf8' | 'latin1'; env?: GitExtraEnv } = {},
): Promise<GitOutput> {
  let repo: PinnedRepository;
  try {
    repo = pinRepository(root);
  } catch (err) {
    return Promise.reject(err);
  }
  return new Promise((resolvePromise) => {
    execFile(
      'git',
      gitArgv(repo, args),
      {
        cwd: repo.cwd,
        env: { ...gitEnv(repo), ...extraEnv(opts.env) },
        maxBuffer: opts.maxBuffer ?? 64 << 20,
        encoding: opts.encoding ?? 'utf8',
        shell: false,
      },
      (err, stdout, stderr) => {
        resolvePromise({ ok: !err, stdout: String(stdout), stderr: String(stderr || err?.message || '') });
      },
    );
  });
}
