/**
 * Git sources: full history (every commit reachable from any ref, `refs/pull/*` included) and commit
 * ranges (what a pull request adds). Only ADDED lines are scanned, each at its new-file line number.
 *
 * Decisions:
 * - `git log --all --reverse --date-order -p -U0 --cc -M`: parents before children, so the first commit
 *   that shows a key is the one that introduced it; later additions only bump `laterCommits`. A key is
 *   reported once per fingerprint (whatever the path: a key copied to a second file is still one key to
 *   rotate).
 * - Merges use `--cc`: a line counts as added by a merge only when it is new against every parent, which
 *   is exactly a key introduced in a merge resolution (an "evil merge"); lines brought in from a side
 *   branch were already reported at their own commit.
 * - Renames (`-M`) show no added lines for a moved file, so a rename does not re-report its keys.
 * - Binary changes are not expanded with `-a` (a text diff of an image is noise, and `-diff` files
 *   such as generated bundles would be hidden entirely): instead the new blob of each binary change is
 *   streamed through `git cat-file --batch` into the same binary-aware searcher as the tree scan, and
 *   its keys are attributed to that commit (whole blob, not just the changed bytes).
 * - Paths: `core.quotePath=false` keeps UTF-8 paths readable; quoted paths are unquoted.
 * - git runs only through src/git/pinned.ts (the repository pinned, no discovery, nothing in config can
 *   run a program), with prefixes, colour, external diff and textconv forced off so no config can change
 *   the output format.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { type HistoryWindow, windowArgs } from '../git/history-window.js';
import { execGit, GitSourceError, pinRepository, spawnGit } from '../git/pinned.js';
import type { CommitInfo, ScanWarning } from '../types.js';
import { type AddedBlock, COMMIT_FORMAT, type CommitHeader, DiffParser } from './diff.js';
import { DecodingSearch } from './searcher.js';
import type { Hit, KeyDetector, RawKey, SourceResult } from './types.js';

export { GitSourceError };

const DIFF_FLAGS = [
  '-U0',
  '--no-color',
  '--no-ext-diff',
  '--no-textconv',
  '-M',
  '--src-prefix=a/',
  '--dst-prefix=b/',
];

/** Runs git (in the repository pinned for `cwd`, see src/git/pinned.ts) and returns stdout (small outputs only). */
export async function git(cwd: string, args: string[]): Promise<string> {
  const out = await execGit(cwd, args);
  if (!out.ok) throw new GitSourceError(`git ${args[0]} failed: ${out.stderr.trim()}`);
  return out.stdout;
}

/**
 * Where `root` sits in its repository, for reading git's repository-relative paths as paths below `root`:
 * `''` at the top level; else the prefix with its trailing slash (`services/api/`).
 */
export async function subdirectoryOf(root: string): Promise<string> {
  return pinRepository(root).prefix;
}

/**
 * A repository-relative path as a path below the scanned directory (`prefix` from `subdirectoryOf`), or
 * undefined when it lies outside it. Git sources report paths the way tree scans do: relative to the
 * directory scanned, so allowlists, baselines and the sweep's tree/history merge see one path per file.
 */
export function belowRoot(path: string, prefix: string): string | undefined {
  if (!prefix) return path;
  return path.startsWith(prefix) ? path.slice(prefix.length) : undefined;
}

/**
 * Streams git's stdout line by line into `onLine`; rejects with stderr on a non-zero exit. Lines end at
 * LF (a CR before it is dropped); a lone CR inside a line is content, not a line break, so a hunk of a
 * CR-only file stays one hunk. Splitting by hand is about twice as fast as `readline`.
 */
export function streamGit(
  cwd: string,
  args: string[],
  onLine: (line: string) => void,
  stdin?: string,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawnGit(cwd, args, { stdin: stdin !== undefined });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (d: string) => {
      stderr = (stderr + d).slice(-4000);
    });
    const decoder = new StringDecoder('utf8');
    // Pieces of a line still waiting for its LF (kept apart so a 10 MB line is not re-copied per chunk).
    const pending: string[] = [];
    let failed: unknown;
    const line = (text: string) => onLine(text.charCodeAt(text.length - 1) === 13 ? text.slice(0, -1) : text);
    const feed = (s: string) => {
      let j = s.indexOf('\n');
      if (j === -1) {
        if (s) pending.push(s);
        return;
      }
      let i = 0;
      if (pending.length) {
        pending.push(s.slice(0, j));
        line(pending.join(''));
        pending.length = 0;
        i = j + 1;
        j = s.indexOf('\n', i);
      }
      for (; j !== -1; j = s.indexOf('\n', i)) {
        line(s.slice(i, j));
        i = j + 1;
      }
      if (i < s.length) pending.push(s.slice(i));
    };
    child.stdout.on('data', (chunk: Buffer) => {
      if (failed) return;
      try {
        feed(decoder.write(chunk));
      } catch (e) {
        failed = e;
        child.kill();
      }
    });
    child.stdout.on('end', () => {
      if (failed) return;
      try {
        feed(decoder.end());
        if (pending.length) line(pending.join(''));
      } catch (e) {
        failed = e;
      }
    });
    child.on('error', (e) => reject(new GitSourceError(`cannot run git: ${e.message}`)));
    child.on('close', (c) => {
      if (failed) reject(failed);
      else if (c === 0) resolve();
      else reject(new GitSourceError(`git ${args[0]} failed (exit ${c ?? 1}): ${stderr.trim()}`));
    });
    if (stdin !== undefined && child.stdin) {
      child.stdin.on('error', () => {}); // git may exit before reading everything; 'close' reports it
      child.stdin.end(stdin);
    }
  });
}

/** The commit ids `git rev-list ARGS` prints (revisions optionally on standard input). */
async function revListOf(root: string, args: string[], stdin?: string): Promise<string[]> {
  if (stdin === undefined) return (await git(root, args)).split('\n').filter(Boolean);
  const out: string[] = [];
  await streamGit(root, args, (l) => l && out.push(l), stdin);
  return out;
}

/** The repository's common git directory (a linked worktree's `commondir`, else its git directory). */
function commonDirOf(root: string): string {
  const { gitDir } = pinRepository(root);
  try {
    return resolve(gitDir, readFileSync(resolve(gitDir, 'commondir'), 'utf8').trim());
  } catch {
    return gitDir; // not a linked worktree
  }
}

/**
 * Boundary commits of a shallow clone (empty when the clone is complete): the `shallow` file of the
 * repository keyguard pinned, read directly (what `git rev-parse --is-shallow-repository` reads), so a
 * history scan does not start a git process just to ask.
 */
export async function shallowBoundary(root: string): Promise<string[]> {
  const { readFile } = await import('node:fs/promises');
  let text: string;
  try {
    text = await readFile(resolve(commonDirOf(root), 'shallow'), 'utf8');
  } catch {
    return [];
  }
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => /^[0-9a-f]{40,64}$/.test(l));
}

/**
 * What names a history walk's commit list: every ref and HEAD (`show-ref --head`), the HEADs of linked
 * worktrees when there are any (`--all` walks them too), grafts, and what was asked (revisions, path
 * limits, the shallow boundary). Undefined when git cannot say.
 */
async function refsKey(root: string, asked: unknown): Promise<string | undefined> {
  const refs = await execGit(root, ['show-ref', '--head'], { maxBuffer: 1 << 28 });
  // Exit 1 without output: no refs at all (a new repository).
  if (!refs.ok && (refs.stdout || refs.stderr.trim())) return undefined;
  let worktrees = '';
  const common = commonDirOf(root);
  // Grafts (deprecated, still honoured by git) rewrite parents without moving a ref.
  let grafts = '';
  try {
    grafts = readFileSync(resolve(common, 'info', 'grafts'), 'utf8');
  } catch {
    // none
  }
  if (existsSync(resolve(common, 'worktrees'))) {
    const out = await execGit(root, ['worktree', 'list', '--porcelain']);
    if (!out.ok) return undefined;
    worktrees = out.stdout;
  }
  return createHash('sha256')
    .update(JSON.stringify([asked, refs.stdout, worktrees, grafts]))
    .digest('hex');
}

/** Config sections `git log -p` never reads (credentials, remotes, identity…): a new token is no new history. */
const CONFIG_NOT_READ_BY_LOG =
  /^(?:http|https|credential|remote|branch|user|url|gc|maintenance|fetch|pull|push|protocol|safe|lfs|gpg|commit|tag|init|advice|pack|receive|transfer|uploadpack|submodule|checkout|merge|rebase|rerere|status|sequence|stash|worktree|alias|include|includeif|extensions|sendemail|web|instaweb|gui|guitool|difftool|mergetool|am|apply|clone|feature|index|splitindex|repack|bundle|versionsort|trace2|fsck|fetch)\./i;

/**
 * A fingerprint of what shapes `git log -p` beyond the commits and refs (which `refsKey` names): the
 * repository's config (after includes; the sections log never reads left out), its attributes files
 * (`info/attributes`, and every `.gitattributes` of the work tree and the index: git reads the work
 * tree's, uncommitted ones included), grafts and the alternates that decide which objects exist. A
 * commit's cached record and a cached history result are named by it too, so an edited
 * `.gitattributes` or `diff.*` setting is read afresh. Undefined when git cannot say.
 */
async function diffEnvironment(root: string): Promise<string | undefined> {
  const common = commonDirOf(root);
  const [config, attrs] = await Promise.all([
    execGit(root, ['config', '-z', '--list'], { maxBuffer: 1 << 26 }),
    execGit(
      root,
      ['ls-files', '-z', '-s', '-c', '-o', '--exclude-standard', '--', ':(top,glob)**/.gitattributes'],
      { maxBuffer: 1 << 26 },
    ),
  ]);
  // `git config --list` exits 1 only when there is no config at all.
  if ((!config.ok && config.stdout) || !attrs.ok) return undefined;
  const h = createHash('sha256');
  for (const entry of config.stdout.split('\0').sort())
    if (entry && !CONFIG_NOT_READ_BY_LOG.test(entry)) h.update(`c\0${entry}\0`);
  const { cwd } = pinRepository(root);
  for (const rec of attrs.stdout.split('\0')) {
    if (!rec) continue;
    const m = /^\d{6} [0-9a-f]+ \d\t(.*)$/s.exec(rec);
    const path = m ? m[1]! : rec;
    h.update(`a\0${rec}\0`);
    try {
      h.update(readFileSync(resolve(cwd, path)));
    } catch {
      h.update('\0absent');
    }
    h.update('\0');
  }
  for (const file of [
    ['info', 'attributes'],
    ['info', 'grafts'],
    ['objects', 'info', 'alternates'],
  ]) {
    h.update(`f\0${file.join('/')}\0`);
    try {
      h.update(readFileSync(resolve(common, ...file)));
    } catch {
      h.update('\0absent');
    }
  }
  return h.digest('hex');
}

/**
 * The keys in a diff's added text. Text with NUL characters is UTF-16 (or other binary) content that git
 * was told to diff as text: a `.gitattributes` line `file diff`, which any commit or pull request can
 * add, turns git's binary detection off for that file, so its blob is never searched whole. Its
 * characters are also read with the NULs taken out, which is what a UTF-16 ASCII key is without them.
 */
export function scanAddedText(det: KeyDetector, text: string, firstLine: number): RawKey[] {
  const found = det.mightMatch(text) ? det.scan(text, firstLine) : [];
  if (!text.includes('\0')) return found;
  const plain = text.replaceAll('\0', '');
  if (!det.mightMatch(plain)) return found;
  const seen = new Set(found.map((k) => k.key));
  for (const key of det.scan(plain, firstLine)) if (!seen.has(key.key)) found.push(key);
  return found;
}

export function shallowWarning(boundary: string[]): ScanWarning {
  const shas = boundary.map((s) => s.slice(0, 12)).join(', ');
  return {
    message:
      `shallow clone: history before ${shas} not scanned, and ${boundary.length > 1 ? 'those commits show' : 'that commit shows'} ` +
      'every file as added; fetch with fetch-depth: 0 (or git fetch --unshallow) to scan the full history',
  };
}

/** Throws a clear error when a commit named by a range is not in this clone; else its id. */
async function requireCommit(root: string, rev: string, range: string): Promise<string> {
  try {
    return (
      await git(root, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`])
    ).trim();
  } catch {
    throw new GitSourceError(
      `commit ${rev} (from range ${range}) is not in this clone: fetch it first ` +
        `(git fetch origin ${rev}, or actions/checkout with fetch-depth: 0)`,
    );
  }
}

/** Splits `A..B` / `A...B`. */
export function parseRange(range: string): { base: string; head: string; dots: '..' | '...' } {
  const m = /^([^.\s]+)(\.\.\.?)([^.\s]+)$/.exec(range.trim());
  if (!m) throw new GitSourceError(`range must look like BASE..HEAD (got "${range}")`);
  return { base: m[1]!, head: m[3]!, dots: m[2] as '..' | '...' };
}

/** Git's complaints about an object it does not have (a partial clone's blob, a damaged pack). */
const MISSING_OBJECT =
  /unable to read [0-9a-f]{7,}|missing blob|bad object|could not fetch|promisor remote|did not receive expected object|is corrupt/i;

export function isMissingObject(err: unknown): boolean {
  return err instanceof GitSourceError && MISSING_OBJECT.test(err.message);
}

function missingObjectsWarning(shas: string[], source: string): ScanWarning {
  const sample = shas.slice(0, 5).map((s) => s.slice(0, 12));
  return {
    message: `${shas.length} commit(s) in ${source} not scanned: git could not read their objects (a partial clone or a damaged repository): ${sample.join(', ')}${shas.length > 5 ? ', …' : ''}; every other commit was scanned`,
  };
}

export interface GitScanOptions {
  /** `A..B` for a range scan; omitted = full history. */
  range?: string;
  /**
   * With a range from the null SHA (a push that created `branch`): leave out the commits some other
   * remote-tracking branch already has, so the scan is what the branch brings, not all of its history.
   */
  branch?: string;
  /** History mode: only these commits (see src/git/history-window.ts); default `--all`. */
  window?: HistoryWindow;
  /** Called for each added block before scanning (e.g. path allowlists). */
  include?: (relPath: string) => boolean;
  /**
   * History mode: commits whose history is already scanned (the fleet's covered ref heads): every
   * commit reachable from one of them is left out. Full commit ids only, each present in the clone.
   */
  exclude?: readonly string[];
  /**
   * `git log` processes run side by side, each on a contiguous slice of the commit list (git's diffing
   * is single-threaded and is most of the cost). Default 1.
   */
  parallel?: number;
  /** Fewest commits per slice (default `MIN_SPLIT_COMMITS`): smaller histories run one `git log`. */
  minSliceCommits?: number;
  /**
   * Commits, blobs and commit lists already read (src/cache/): a known commit is not re-read, a known
   * blob not searched, and with the refs unchanged the history is not walked; their findings are
   * replayed. Everything else is scanned as without it, and recorded.
   */
  cache?: HistoryCache;
  /**
   * Keep the keys an inline allow comment marks (`keyguard:allow` and the like) instead of dropping
   * them: each hit's `key.inlineAllowed` then says whether every sighting of that key carried the
   * comment. The fleet uses it: a swept repository's own comment does not silence a key there.
   */
  keepInlineAllowed?: boolean;
}

/** A commit as the cache keeps it: what reading it gave (see `CommitRecord`). */
export interface CachedCommit {
  bytes: number;
  paths: string[];
  /** Author and date, kept for commits that hold a key or a binary change. */
  info?: { author: string; email: string; date: string };
  keys: [string, RawKey][];
  binaries: [string, string][];
  unseen: string[];
}

/** What the history scan needs from the scan cache (structural: the sources do not import it). */
export interface HistoryCache {
  touch(ns: 'history'): void;
  commit(id: string): CachedCommit | undefined;
  putCommit(id: string, c: CachedCommit): void;
  blob(id: string): { bytes: number; keys: RawKey[] } | undefined;
  putBlob(id: string, b: { bytes: number; keys: RawKey[] }): void;
  commitList(key: string): string[] | undefined;
  putCommitList(key: string, list: string[]): void;
  /** The whole result of a history scan under refs key `key`, and the history blobs it searched. */
  historyResult?(key: string): { result: SourceResult & { commits: number }; blobs: number } | undefined;
  putHistoryResult?(key: string, result: SourceResult & { commits: number }, blobs: number): void;
  readonly stats: {
    commitsReused: number;
    commitsRead: number;
    blobsReused: number;
    blobsScanned: number;
    walksSkipped: number;
    historiesReused?: number;
  };
}

/**
 * One commit as read from `git log` (or replayed from the cache): what it added, in stream order.
 * Totals and findings are computed from these records at the end, so a commit read twice (a fallback
 * after a failed `git log`) replaces its first record instead of counting twice.
 */
export interface CommitRecord {
  /** The commit id ('' for lines outside any commit). */
  sha: string;
  /** Author and date: known when read, and kept in the cache for commits that hold a key. */
  info?: CommitInfo;
  /** Position in the log (parents first): lower is older. */
  order: number;
  /** Bytes of added lines. */
  bytes: number;
  /** Paths with added lines. */
  paths: Set<string>;
  /** Keys found in added lines, with their path, in the order git showed them. */
  keys: [string, RawKey][];
  /** Binary changes with their new blob: [path, blob id]. */
  binaries: [string, string][];
  /** Binary changes git gave no blob id for. */
  unseen: string[];
  /** git could not read this commit (a missing object): never cached, always read again. */
  unreadable?: boolean;
}

function newRecord(sha: string, order: number, info?: CommitInfo): CommitRecord {
  return { sha, info, order, bytes: 0, paths: new Set(), keys: [], binaries: [], unseen: [] };
}

const COMMIT_ID = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;

/** Below this many commits per slice, a second `git log` costs more than it saves. */
export const MIN_SPLIT_COMMITS = 200;

/** Cuts a list into `n` contiguous slices of near-equal length. */
export function slices<T>(list: T[], n: number): T[][] {
  const out: T[][] = [];
  for (let k = 0; k < n; k++) {
    const part = list.slice(Math.floor((k * list.length) / n), Math.floor(((k + 1) * list.length) / n));
    if (part.length) out.push(part);
  }
  return out;
}

interface Seen {
  hit: Hit;
  /** Position of the hit's commit in the log (parents first): lower is older. */
  order: number;
  /** Other commits that added the same key. */
  commits: Set<string>;
}

/**
 * Streams blobs through `git cat-file --batch` into the searcher (bounded memory, binary-aware), one
 * process for all of them. Returns the keys found per blob id.
 */
export function scanBlobs(
  root: string,
  blobs: string[],
  det: KeyDetector,
): Promise<Map<string, { keys: RawKey[]; bytes: number }>> {
  const out = new Map<string, { keys: RawKey[]; bytes: number }>();
  if (!blobs.length) return Promise.resolve(out);
  return new Promise((resolve, reject) => {
    const child = spawnGit(root, ['cat-file', '--batch'], { stdin: true });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (d: string) => {
      stderr = (stderr + d).slice(-4000);
    });
    let state: 'head' | 'body' | 'lf' = 'head';
    let head = '';
    let remaining = 0;
    let sha = '';
    let search: DecodingSearch | undefined;
    const finishBlob = () => {
      search!.end();
      out.set(sha, { keys: search!.keys, bytes: search!.bytes });
      search = undefined;
      state = 'lf';
    };
    child.stdout.on('data', (chunk: Buffer) => {
      let i = 0;
      while (i < chunk.length) {
        if (state === 'head') {
          const nl = chunk.indexOf(10, i);
          if (nl < 0) {
            head += chunk.toString('latin1', i);
            break;
          }
          head += chunk.toString('latin1', i, nl);
          i = nl + 1;
          const [id = '', type, size] = head.split(' ');
          head = '';
          if (type === 'missing' || size === undefined) continue;
          sha = id;
          remaining = Number(size);
          search = new DecodingSearch(det);
          if (remaining === 0) finishBlob();
          else state = 'body';
        } else if (state === 'body') {
          const n = Math.min(remaining, chunk.length - i);
          search!.push(chunk.subarray(i, i + n));
          i += n;
          remaining -= n;
          if (remaining === 0) finishBlob();
        } else {
          i++; // the LF git writes after each blob
          state = 'head';
        }
      }
    });
    child.on('error', (e) => reject(new GitSourceError(`cannot run git: ${e.message}`)));
    child.on('close', (code) => {
      if (code === 0) resolve(out);
      else reject(new GitSourceError(`git cat-file failed (exit ${code}): ${stderr.trim()}`));
    });
    child.stdin.end(`${blobs.join('\n')}\n`);
  });
}

/** Scans the added lines of history or a range; each key reported once, at the commit that introduced it. */
export async function scanGit(
  root: string,
  det: KeyDetector,
  opts: GitScanOptions = {},
): Promise<SourceResult> {
  const res: SourceResult = { hits: [], warnings: [], suppressed: 0, files: 0, bytes: 0, commits: 0 };
  const source = opts.range ? 'range' : 'history';
  // Shallow: history mode always misses something; a range only when it reaches the boundary.
  const boundary = new Set(await shallowBoundary(root));
  const boundaryHit: string[] = [];
  let revs: string[];
  /** Revisions given on standard input (`--stdin` in `revs`), when there are many. */
  let revStdin: string | undefined;
  /**
   * The commits the revisions name now: a name the refs listing does not show (`FETCH_HEAD`,
   * `ORIG_HEAD`, an abbreviated id) can name another commit with every ref where it was.
   */
  let resolved: string[] | undefined = [];
  if (opts.range) {
    const { base, head } = parseRange(opts.range);
    resolved = [await requireCommit(root, head, opts.range)];
    if (/^0+$/.test(base)) {
      // A push that creates a branch has no "before": scan what the head brings that no other remote
      // branch has (without other remote refs in the clone, all of the head's history).
      const others = opts.branch ? ['--not', `--exclude=*/${opts.branch}`, '--remotes', '--not'] : [];
      revs = [...others, '--end-of-options', head];
    } else {
      resolved.push(await requireCommit(root, base, opts.range));
      revs = ['--end-of-options', opts.range.trim()];
    }
  } else {
    // Rebuilt from validated parts: options as --name=value, revisions after --end-of-options.
    revs = opts.window ? windowArgs(opts.window) : ['--all'];
    if (opts.exclude?.length) {
      if (opts.exclude.some((sha) => !COMMIT_ID.test(sha)))
        throw new GitSourceError('a commit to leave out of the history scan is not a commit id');
      // On standard input, not the argument list: a repository with 50,000 pull-request heads would
      // pass the kernel's limit on arguments. `--stdin` is an option: before `--end-of-options`.
      const end = revs.indexOf('--end-of-options');
      revs.splice(end === -1 ? revs.length : end, 0, '--stdin');
      revStdin = `${opts.exclude.map((sha) => `^${sha}`).join('\n')}\n`;
    }
  }
  // Below the top level, only that directory's history, with paths relative to it (`-- .` in root).
  // `--full-history`: git's default history simplification would drop a side branch that added a key
  // and removed it again before its merge, exactly the leak history scanning is for.
  const prefix = await subdirectoryOf(root);
  // (`--full-history` is an option: it goes before the revisions, which follow `--end-of-options`.)
  const simplify = prefix ? ['--full-history'] : [];
  const pathspec = prefix ? ['--', '.'] : ['--'];
  // A commit's entry depends on the directory scanned (paths are below it), on what git's diff reads
  // besides the commit (`diffEnvironment`) and on whether git sees its parents (a shallow boundary
  // commit shows every file as added): all are part of its id. Without a fingerprint, no cache.
  const env = opts.cache ? await diffEnvironment(root) : undefined;
  const cache = env === undefined ? undefined : opts.cache;
  const commitId = (sha: string) =>
    `${sha}\0${prefix}\0${env!.slice(0, 32)}${boundary.has(sha) ? '\0shallow' : ''}`;
  if (cache && opts.window?.revisions.length) {
    const out = await execGit(root, [
      'rev-parse',
      '--revs-only',
      '--end-of-options',
      ...opts.window.revisions,
    ]);
    resolved = out.ok ? out.stdout.split('\n').filter(Boolean) : undefined;
  }
  /** Commits read by this run (by sha), and commits taken from the cache. */
  const read = new Map<string, CommitRecord>();
  const reused: CommitRecord[] = [];
  /** One parser per `git log` process: each knows which commit its lines belong to. */
  const parserFor = (orderOf?: Map<string, number>) => {
    let rec: CommitRecord | undefined;
    let order = 0;
    const current = (): CommitRecord => {
      // Lines before any commit header (not expected from our format): kept, without a commit.
      if (!rec) {
        rec = newRecord('', order);
        read.set(`\0orphan${read.size}`, rec);
      }
      return rec;
    };
    return new DiffParser({
      onCommit: (c: CommitHeader) => {
        order = orderOf?.get(c.sha) ?? order + 1;
        rec = newRecord(c.sha, order, { sha: c.sha, author: c.author, email: c.email, date: c.date });
        read.set(c.sha, rec);
      },
      onBlock: (b: AddedBlock) => {
        const path = belowRoot(b.path, prefix);
        if (path === undefined || (opts.include && !opts.include(path))) return;
        const r = current();
        const text = b.lines.length === 1 ? b.lines[0]! : b.lines.join('\n');
        r.bytes += text.length + 1;
        r.paths.add(path);
        for (const key of scanAddedText(det, text, b.firstLine)) r.keys.push([path, key]);
      },
      onBinary: (repoPath, blob) => {
        const path = belowRoot(repoPath, prefix);
        if (path === undefined || (opts.include && !opts.include(path))) return;
        const r = current();
        if (blob && r.info) r.binaries.push([path, blob]);
        else r.unseen.push(path);
      },
    });
  };
  const logArgs = ['log', '-p', '--cc', '--full-index', ...DIFF_FLAGS, `--format=${COMMIT_FORMAT}`];
  const revList = () =>
    revListOf(root, ['rev-list', '--reverse', '--date-order', ...simplify, ...revs, ...pathspec], revStdin);
  /**
   * A partial clone or a damaged mirror: one unreadable blob ends `git log`. Read the commits still to
   * read one by one instead (what the failed run recorded is dropped first, so nothing counts twice),
   * report the ones git cannot read, and keep everything else. An unreadable commit keeps the keys git
   * showed before failing, and is never cached.
   */
  const oneByOne = async (listed: string[] | undefined, pending: string[] | undefined) => {
    const all = listed ?? (await revList());
    const orderOf = new Map(all.map((sha, i) => [sha, i + 1]));
    read.clear();
    const unreadable: string[] = [];
    for (const sha of pending ?? all) {
      const one = parserFor(orderOf);
      try {
        await streamGit(root, [...logArgs, '--no-walk', '--end-of-options', sha, ...pathspec], (l) =>
          one.line(l),
        );
        one.end();
      } catch (e) {
        if (!isMissingObject(e)) throw e;
        unreadable.push(sha);
        const r = read.get(sha) ?? newRecord(sha, orderOf.get(sha) ?? 0);
        r.unreadable = true;
        read.set(sha, r);
      }
    }
    if (unreadable.length) res.warnings.push(missingObjectsWarning(unreadable, source));
  };
  const parallel = Math.max(1, Math.floor(opts.parallel ?? 1));
  let list: string[] | undefined;
  // With a cache and the refs as they were: the commit list of the last walk, and no walk at all.
  // Not with a date window: "--since=2.weeks.ago" lists other commits tomorrow with the same refs.
  // Nor when git could not say which commits the revisions name.
  const listable = cache && !opts.window?.since && !opts.window?.until && resolved !== undefined;
  const listKeyParts = [revs, revStdin, simplify, pathspec, prefix, [...boundary], resolved, env];
  const listKey = listable ? await refsKey(root, listKeyParts) : undefined;
  // The refs, what was asked and the rules as they were: the last run's whole result, and nothing read
  // (not even the cached commits: replaying thousands of them was most of such a run).
  const memo = cache && listKey ? cache.historyResult?.(listKey) : undefined;
  if (cache && memo) {
    cache.stats.walksSkipped++;
    cache.stats.historiesReused = (cache.stats.historiesReused ?? 0) + 1;
    cache.stats.commitsReused += memo.result.commits;
    cache.stats.blobsReused += memo.blobs;
    return memo.result;
  }
  cache?.touch('history');
  if (cache && listKey) {
    list = cache.commitList(listKey);
    if (list) cache.stats.walksSkipped++;
  }
  if (!list && (parallel > 1 || cache)) {
    list = await revList();
    // Kept only when no ref moved while git listed (else the list may belong to other refs).
    if (cache && listKey && (await refsKey(root, listKeyParts)) === listKey)
      cache.putCommitList(listKey, list);
  }
  // With a cache: commits read before are not read again; their record is replayed as it was read.
  let toRead = list ?? [];
  if (cache && list) {
    toRead = [];
    const orderOf = new Map(list.map((sha, i) => [sha, i + 1]));
    for (const sha of list) {
      const known = cache.commit(commitId(sha));
      if (!known) {
        toRead.push(sha);
        continue;
      }
      const r = newRecord(sha, orderOf.get(sha)!, known.info && { sha, ...known.info });
      r.bytes = known.bytes;
      r.paths = new Set(known.paths);
      r.keys = known.keys;
      r.binaries = known.binaries;
      r.unseen = known.unseen;
      reused.push(r);
    }
    cache.stats.commitsReused += reused.length;
    cache.stats.commitsRead += toRead.length;
  }
  if (list) {
    // Each slice is shown exactly as listed (`--no-walk=unsorted --stdin`): every commit once, diffed
    // against its own parents as in one walk; order numbers come from the full list.
    const minSlice = Math.max(1, opts.minSliceCommits ?? MIN_SPLIT_COMMITS);
    const parts = slices(toRead, Math.max(1, Math.min(parallel, Math.floor(toRead.length / minSlice))));
    const orderOf = new Map(list.map((sha, i) => [sha, i + 1]));
    try {
      await Promise.all(
        parts.map((part) => {
          const parser = parserFor(orderOf);
          return streamGit(
            root,
            [...logArgs, '--no-walk=unsorted', '--stdin', ...simplify, ...pathspec],
            (l) => parser.line(l),
            `${part.join('\n')}\n`,
          ).then(() => parser.end());
        }),
      );
    } catch (err) {
      if (!isMissingObject(err)) throw err;
      await oneByOne(list, toRead);
    }
  } else {
    const parser = parserFor();
    try {
      await streamGit(
        root,
        [...logArgs, '--reverse', '--date-order', ...simplify, ...revs, ...pathspec],
        (l) => parser.line(l),
        revStdin,
      );
      parser.end();
    } catch (err) {
      if (!isMissingObject(err)) throw err;
      await oneByOne(undefined, undefined);
    }
  }

  const records = [...reused, ...read.values()].sort((x, y) => x.order - y.order);
  const files = new Set<string>();
  const seen = new Map<string, Seen>();
  /** With `keepInlineAllowed`: keys seen at least once without an allow comment. */
  const openly = new Set<string>();
  const recordKey = (key: RawKey, path: string, at: CommitInfo | undefined, atOrder: number) => {
    if (key.inlineAllowed) {
      res.suppressed++;
      if (!opts.keepInlineAllowed) return;
    } else openly.add(key.key);
    const hit: Hit = { key, file: path, source, commit: at && { ...at } };
    const prev = seen.get(key.key);
    if (!prev) {
      seen.set(key.key, { hit, order: atOrder, commits: new Set() });
    } else if (atOrder < prev.order) {
      if (prev.hit.commit) prev.commits.add(prev.hit.commit.sha);
      if (at) prev.commits.delete(at.sha);
      prev.hit = hit;
      prev.order = atOrder;
    } else if (at && at.sha !== prev.hit.commit?.sha) {
      prev.commits.add(at.sha);
    }
  };
  const unseenBinaries: string[] = [];
  for (const r of records) {
    res.bytes += r.bytes;
    for (const p of r.paths) files.add(p);
    for (const [path, key] of r.keys) recordKey(key, path, r.info, r.order);
    unseenBinaries.push(...r.unseen);
    if (boundary.has(r.sha)) boundaryHit.push(r.sha);
  }
  res.commits = list ? list.length : read.size;

  // Binary changes (and files marked `-diff`, like generated bundles): search the whole new blob, once.
  const wanted = [...new Set(records.flatMap((r) => r.binaries.map(([, blob]) => blob)))];
  const known = new Map<string, { bytes: number; keys: RawKey[] }>();
  if (cache) {
    for (const id of wanted) {
      const b = cache.blob(id);
      if (b) known.set(id, b);
    }
    cache.stats.blobsReused += known.size;
    cache.stats.blobsScanned += wanted.length - known.size;
  }
  const blobs = await scanBlobs(
    root,
    wanted.filter((id) => !known.has(id)),
    det,
  );
  for (const [id, b] of known) blobs.set(id, b);
  for (const [, r] of blobs) res.bytes += r.bytes;
  for (const r of records) {
    for (const [path, blob] of r.binaries) {
      files.add(path);
      for (const key of blobs.get(blob)?.keys ?? []) recordKey(key, path, r.info, r.order);
    }
  }
  if (cache) {
    for (const [id, b] of blobs) if (!known.has(id)) cache.putBlob(id, b);
    for (const [sha, r] of read) {
      // A commit git could not read whole is read again next time.
      if (!r.info || r.unreadable) continue;
      const holds = r.keys.length || r.binaries.length;
      cache.putCommit(commitId(sha), {
        bytes: r.bytes,
        paths: [...r.paths],
        ...(holds && { info: { author: r.info.author, email: r.info.email, date: r.info.date } }),
        keys: r.keys,
        binaries: r.binaries,
        unseen: r.unseen,
      });
    }
  }

  for (const { hit, commits } of seen.values()) {
    if (hit.commit) hit.commit.laterCommits = commits.size;
    // Kept allowed keys: silenced only when no sighting of the key lacked the comment.
    if (opts.keepInlineAllowed) hit.key = { ...hit.key, inlineAllowed: !openly.has(hit.key.key) };
    res.hits.push(hit);
  }
  res.files = files.size;
  const missed = opts.range ? boundaryHit : [...boundary];
  if (missed.length) res.warnings.unshift(shallowWarning(missed));
  if (unseenBinaries.length) {
    const sample = [...new Set(unseenBinaries)].slice(0, 5).join(', ');
    res.warnings.push({
      message: `${unseenBinaries.length} binary file change(s) in ${source} not scanned (${sample}${unseenBinaries.length > 5 ? ', …' : ''}): git gave no blob id`,
    });
  }
  // The whole result, for the next run under the same refs: only when every commit was read whole and
  // no ref moved while this run read them (else it may belong to other refs).
  if (
    cache?.putHistoryResult &&
    listKey &&
    ![...read.values()].some((r) => r.unreadable) &&
    (await refsKey(root, listKeyParts)) === listKey
  )
    cache.putHistoryResult(listKey, { ...res, commits: res.commits ?? 0 }, wanted.length);
  return res;
}

/**
 * The lines a pull request adds, net: `git diff BASE...HEAD` (from the merge base), as new-file line
 * numbers per path. For a PR check that only annotates what the PR changed.
 */
export async function addedLinesOfRange(
  root: string,
  base: string,
  head: string,
): Promise<Map<string, Set<number>>> {
  const range = `${base}...${head}`;
  await requireCommit(root, base, range);
  await requireCommit(root, head, range);
  const out = new Map<string, Set<number>>();
  const parser = new DiffParser({
    onBlock: (b) => {
      const set = out.get(b.path) ?? new Set<number>();
      out.set(b.path, set);
      for (let i = 0; i < b.lines.length; i++) set.add(b.firstLine + i);
    },
  });
  await streamGit(root, ['diff', ...DIFF_FLAGS, '--end-of-options', range, '--'], (l) => parser.line(l));
  parser.end();
  return out;
}
