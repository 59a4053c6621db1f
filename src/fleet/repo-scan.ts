/**
 * What a sweep reads of one fetched repository (./clone.ts): its refs, the default branch's tree and
 * the history the state has not covered; the findings come back as `Finding`s (with their keys, for
 * verification), one per key, placed in the tree when the key is still there, with the introducing
 * commit when history saw it.
 *
 * - The tree is read from git's objects (`ls-tree -z` → `cat-file --batch`), never checked out: a file
 *   name with a newline, a leading `-` or a `..` never becomes a path on disk or an argument.
 * - History: every commit reachable from a fetched ref and from none of the covered heads that are
 *   still in the clone (a force-push drops a head; what it alone reached is gone with it).
 * - Ref names are read from git's own list, passed back to git only as object ids; a ref whose name
 *   is outside what the fleet's files accept (src/fleet/repo-names.ts) is still scanned, but not
 *   recorded as covered (it is read again next night).
 */
import { compareFindings, toFinding } from '../engine/findings.js';
import { execGit, spawnGit } from '../git/pinned.js';
import { scanBlobs, scanGit } from '../sources/git.js';
import type { Hit, KeyDetector } from '../sources/types.js';
import type { Finding, ScanWarning } from '../types.js';
import { isRefName } from './repo-names.js';

const SHA = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;

/** Runs git, collects stdout as bytes (ls-tree of a large tree is megabytes). */
function gitBytes(root: string, args: string[], stdin?: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawnGit(root, args, { stdin: stdin !== undefined });
    const chunks: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (d: string) => {
      stderr = (stderr + d).slice(-2000);
    });
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0
        ? resolve(Buffer.concat(chunks))
        : reject(new Error(`git ${args[0]} failed (exit ${code}): ${stderr.trim().split('\n')[0] ?? ''}`)),
    );
    if (stdin !== undefined && child.stdin) {
      child.stdin.on('error', () => {});
      child.stdin.end(stdin);
    }
  });
}

/** Each object id (hex, from git or a validated file) → the commit it is or peels to, when present. */
export async function commitsOf(root: string, ids: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const wanted = [...new Set(ids.filter((id) => SHA.test(id)))];
  if (!wanted.length) return out;
  const text = (
    await gitBytes(
      root,
      ['cat-file', '--batch-check'],
      `${wanted.map((id) => `${id}^{commit}`).join('\n')}\n`,
    )
  ).toString('latin1');
  const lines = text.split('\n');
  wanted.forEach((id, i) => {
    const [sha, type] = (lines[i] ?? '').split(' ');
    if (type === 'commit' && sha && SHA.test(sha)) out.set(id, sha);
  });
  return out;
}

export interface RefHeads {
  /** Every fetched ref that peels to a commit: name → commit. */
  all: Map<string, string>;
  /** The subset whose names the fleet's files accept (what `covered` records). */
  recordable: Record<string, string>;
}

export async function refHeads(root: string): Promise<RefHeads> {
  // Up to --max-refs lines (a million refs/pull/N/head is about 65 MB).
  const out = await execGit(root, ['for-each-ref', '--format=%(objectname) %(refname)'], {
    encoding: 'latin1',
    maxBuffer: 256 << 20,
  });
  if (!out.ok) throw new Error(`git for-each-ref failed: ${out.stderr.trim().split('\n')[0] ?? ''}`);
  const refs: [string, string][] = [];
  for (const line of out.stdout.split('\n')) {
    const sp = line.indexOf(' ');
    if (sp > 0) refs.push([line.slice(sp + 1), line.slice(0, sp)]);
  }
  const peeled = await commitsOf(
    root,
    refs.map(([, id]) => id),
  );
  const all = new Map<string, string>();
  const recordable: Record<string, string> = {};
  for (const [name, id] of refs) {
    const commit = peeled.get(id);
    if (!commit) continue; // a tag of a blob or tree: no history to scan
    all.set(name, commit);
    if (isRefName(name)) recordable[name] = commit;
  }
  return { all, recordable };
}

export interface TreeEntry {
  path: string;
  blob: string;
}

/** The blobs of `commit`'s tree (regular and executable files; links and submodules are not content). */
export async function treeBlobs(root: string, commit: string): Promise<TreeEntry[]> {
  if (!SHA.test(commit)) throw new Error('not a commit id');
  const raw = await gitBytes(root, ['ls-tree', '-r', '-z', '--full-tree', '--end-of-options', commit]);
  const out: TreeEntry[] = [];
  let i = 0;
  while (i < raw.length) {
    const end = raw.indexOf(0, i);
    const entry = raw.subarray(i, end === -1 ? raw.length : end);
    i = end === -1 ? raw.length : end + 1;
    const tab = entry.indexOf(9);
    if (tab < 0) continue;
    const [mode, type, id] = entry.subarray(0, tab).toString('latin1').split(' ');
    if (type !== 'blob' || !id || !SHA.test(id) || (mode !== '100644' && mode !== '100755')) continue;
    out.push({ path: entry.subarray(tab + 1).toString('utf8'), blob: id });
  }
  return out;
}

export interface RepoScan {
  findings: Finding[];
  warnings: ScanWarning[];
  commitsRead: number;
  blobsRead: number;
  bytesRead: number;
  /** Commits git could not read (a damaged repository): the sweep is then not coverage. */
  unreadable: boolean;
  /**
   * Fingerprints of the keys whose every sighting (tree and history) carries an inline allow comment
   * (`keyguard:allow`, `gitleaks:allow`, `trufflehog:ignore`). They are in `findings` like any key: in
   * the fleet a swept repository's own comment does not drop a key (./silenced.ts).
   */
  inlineAllowed: Set<string>;
}

/**
 * Scans `tree` (the default branch's head, when there is one) and the history not reachable from
 * `exclude`. Paths go through `include` (the central config's path allowlist).
 */
export async function scanRepository(
  root: string,
  det: KeyDetector,
  opts: { tree?: string; exclude: readonly string[]; include?: (path: string) => boolean },
): Promise<RepoScan> {
  const hits: Hit[] = [];
  let blobsRead = 0;
  let bytesRead = 0;
  if (opts.tree) {
    const entries = (await treeBlobs(root, opts.tree)).filter((e) => !opts.include || opts.include(e.path));
    const blobs = [...new Set(entries.map((e) => e.blob))];
    const found = await scanBlobs(root, blobs, det);
    blobsRead += found.size;
    for (const [, r] of found) bytesRead += r.bytes;
    for (const e of entries) {
      // Inline-allowed keys too: the swept repository's comment does not silence a key in the fleet.
      for (const key of found.get(e.blob)?.keys ?? []) hits.push({ key, file: e.path, source: 'tree' });
    }
  }
  const history = await scanGit(root, det, {
    exclude: opts.exclude,
    include: opts.include,
    keepInlineAllowed: true,
  });
  bytesRead += history.bytes;
  const tree = hits.map(toFinding);
  const past = history.hits.map(toFinding);
  // A key is silenced only when no sighting of it, in the tree or in history, lacks the comment.
  const allowed = new Map<string, boolean>();
  const sighting = (fp: string, inlineAllowed: boolean) => {
    allowed.set(fp, (allowed.get(fp) ?? true) && inlineAllowed);
  };
  for (const [i, h] of hits.entries()) sighting(tree[i]!.fingerprint, h.key.inlineAllowed);
  for (const [i, h] of history.hits.entries()) sighting(past[i]!.fingerprint, h.key.inlineAllowed);
  const introduced = new Map<string, Finding>();
  for (const h of past) if (!introduced.has(h.fingerprint)) introduced.set(h.fingerprint, h);
  const findings: Finding[] = [];
  const inTree = new Set<string>();
  for (const t of tree.sort(compareFindings)) {
    if (inTree.has(t.fingerprint)) continue; // one finding per key: its first place in the tree
    inTree.add(t.fingerprint);
    const h = introduced.get(t.fingerprint);
    findings.push(h?.commit ? { ...t, commit: { ...h.commit } } : t);
  }
  for (const h of past) if (!inTree.has(h.fingerprint)) findings.push(h);
  const unreadable = history.warnings.some((w) => /could not read their objects/.test(w.message));
  return {
    findings,
    warnings: history.warnings,
    commitsRead: history.commits ?? 0,
    blobsRead,
    bytesRead,
    unreadable,
    inlineAllowed: new Set([...allowed].filter(([, a]) => a).map(([fp]) => fp)),
  };
}

/** Where a finding of `scanRepository` was seen: a tree finding with a commit was in history too. */
export function seenIn(f: Finding): ('tree' | 'history')[] {
  if (f.source !== 'tree') return ['history'];
  return f.commit ? ['history', 'tree'] : ['tree'];
}

/**
 * The commits reachable from `heads` but not from `branch` (the default branch's head): what only
 * pull-request heads, other branches and tags hold. Without a branch head, every commit of `heads`.
 */
export async function offBranchCommits(
  root: string,
  heads: readonly string[],
  branch: string | undefined,
): Promise<Set<string>> {
  const tips = [...new Set(heads.filter((h) => SHA.test(h) && h !== branch))];
  if (!tips.length) return new Set();
  const input = [...tips, ...(branch && SHA.test(branch) ? [`^${branch}`] : [])].join('\n');
  const out = (await gitBytes(root, ['rev-list', '--stdin'], `${input}\n`)).toString('latin1');
  return new Set(out.split('\n').filter((l) => SHA.test(l)));
}

/**
 * Fingerprints of `findings` seen on the default branch: in its tree, or introduced by a commit it
 * reaches. A key seen only in `offBranch` commits (a pull request head, a branch anyone with write
 * access can push) is not: its place there proves nothing about which secret holds it.
 */
export function onDefaultBranch(findings: readonly Finding[], offBranch: ReadonlySet<string>): Set<string> {
  const out = new Set<string>();
  for (const f of findings) {
    if (f.source === 'tree' || (f.commit && !offBranch.has(f.commit.sha))) out.add(f.fingerprint);
  }
  return out;
}
