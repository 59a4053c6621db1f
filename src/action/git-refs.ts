/**
 * What the scan target is for each event, and making sure the commits it needs are in the (often
 * shallow) checkout: fetch missing commits by SHA, or say precisely which fetch-depth is needed.
 */
import { InputError } from '../config/errors.js';
import { execGit } from '../git/pinned.js';
import type { ScanTarget } from '../pipeline/scan.js';
import { subdirectoryOf } from '../sources/git.js';
import { pullRequestRefs } from './event-kind.js';
import { payloadRef, payloadSha } from './event-refs.js';
import type { ActionSettings } from './inputs.js';

const ZERO = /^0+$/;

/** git quotes the remote URL in its errors; a remote configured as https://user:token@host must not show it. */
export function withoutCredentials(text: string): string {
  return text.replace(/([a-z][a-z0-9+.-]*:\/\/)[^/@\s'"]+@/gi, '$1***@');
}

/** git in the pinned repository (src/git/pinned.ts); a failure is a result, not an exception. */
async function git(root: string, args: string[]): Promise<{ ok: boolean; out: string; err: string }> {
  const r = await execGit(root, args, { maxBuffer: 16 * 1024 * 1024 });
  return { ok: r.ok, out: r.stdout.trim(), err: r.stderr.trim() };
}

async function hasCommit(root: string, sha: string): Promise<boolean> {
  return (await git(root, ['cat-file', '-e', '--end-of-options', `${sha}^{commit}`])).ok;
}

/** Fetches the commits by SHA from `origin` when they are missing. Returns what is still missing. */
async function ensureCommits(root: string, shas: string[], depth?: number): Promise<string[]> {
  const missing: string[] = [];
  for (const sha of shas) if (!(await hasCommit(root, sha))) missing.push(sha);
  if (!missing.length) return [];
  const args = ['fetch', '--no-tags', '--quiet'];
  if (depth) args.push(`--depth=${depth}`);
  await git(root, [...args, 'origin', '--end-of-options', ...missing]);
  const still: string[] = [];
  for (const sha of missing) if (!(await hasCommit(root, sha))) still.push(sha);
  return still;
}

/** A shallow PR checkout has the head but not its ancestors: deepen so base..head is complete. */
async function deepenForRange(root: string, head: string, commits: number): Promise<void> {
  const shallow = (await git(root, ['rev-parse', '--is-shallow-repository'])).out === 'true';
  if (!shallow) return;
  await git(root, [
    'fetch',
    '--no-tags',
    '--quiet',
    `--depth=${commits + 1}`,
    'origin',
    '--end-of-options',
    head,
  ]);
}

/**
 * Where `root` sits inside its git repository (`services/api`, or '' at the top or outside git): annotations
 * and code scanning resolve paths against the repository's top level, whatever the workspace is.
 */
export async function repoPrefix(root: string): Promise<string> {
  try {
    return (await subdirectoryOf(root)).replace(/\/+$/, '');
  } catch {
    return ''; // not a git checkout
  }
}

/**
 * The base and head commits of a pull request (or merge group) event, validated as full SHAs before
 * they reach git; undefined when the payload has none.
 */
export function prCommits(payload: ActionSettings['event']['payload']): { base?: string; head?: string } {
  const group = payload.merge_group;
  if (group && !payload.pull_request)
    return {
      base: payloadSha(group.base_sha, 'merge_group.base_sha'),
      head: payloadSha(group.head_sha, 'merge_group.head_sha'),
    };
  // pull_request (reviews and review comments too), or the one pull request of a workflow_run / check.
  const refs = pullRequestRefs(payload);
  return {
    base: payloadSha(refs.base, `${refs.field}.base.sha`),
    head: payloadSha(refs.head, `${refs.field}.head.sha`),
  };
}

export interface TargetChoice {
  /** Undefined when there is nothing to scan (a push that deleted a branch or tag). */
  target?: ScanTarget;
  /** Shown in the log and summary: what exactly was scanned. */
  description: string;
  warnings: string[];
}

export async function chooseTarget(settings: ActionSettings): Promise<TargetChoice> {
  const { payload } = settings.event;
  const root = settings.root;
  const warnings: string[] = [];
  if (settings.mode === 'pr') {
    const { base, head } = prCommits(payload);
    const pr = payload.pull_request;
    if (!base || !head) {
      throw new InputError(
        `mode pr needs a pull_request (or merge_group) event payload with base and head SHAs; event was "${settings.event.name || 'unknown'}"` +
          (settings.event.name &&
          !settings.event.name.startsWith('pull_request') &&
          settings.event.name !== 'merge_group'
            ? ': this event is about a pull request, so keyguard checks it as one (policy from the base commit, no admin key, no rotation), but its payload does not name the base and head commits; check pull requests on pull_request or pull_request_target'
            : ''),
      );
    }
    const commits = Number(pr?.commits) || 50;
    const missing = await ensureCommits(root, [head, base], commits + 1);
    if (missing.length) {
      throw new InputError(
        `the checkout lacks commit(s) ${missing.map((s) => s.slice(0, 12)).join(', ')} and fetching them from origin failed: ` +
          `set fetch-depth: ${commits + 1} (or 0) on actions/checkout`,
      );
    }
    await deepenForRange(root, head, commits);
    return {
      target: { kind: 'range', range: `${base}..${head}` },
      description: `the ${commits} commit(s) of the pull request (${base.slice(0, 7)}..${head.slice(0, 7)})`,
      warnings,
    };
  }
  if (settings.mode === 'push') {
    // Validated before any git command: these become git arguments.
    const before = payloadSha(payload.before, 'before');
    const after = payloadSha(payload.after, 'after');
    const ref = payloadRef(payload.ref, 'ref') ?? '';
    const what = ref.startsWith('refs/tags/') ? 'tag' : 'branch';
    if (payload.deleted === true || (after && ZERO.test(after))) {
      // A deletion adds no commit and no file: the checkout is not even of the deleted ref.
      return { description: `nothing (the push deleted a ${what})`, warnings };
    }
    if (after && ref.startsWith('refs/heads/') && (!before || ZERO.test(before) || payload.forced)) {
      // A new or force-pushed branch: its commits that no other remote branch has, so a key added and
      // removed again within them is still seen (a tree scan would miss it).
      const branch = ref.replace(/^refs\/heads\//, '');
      const why = payload.forced ? 'a force push' : 'a new branch';
      return {
        target: { kind: 'range', range: `${'0'.repeat(40)}..${after}`, branch },
        description: `the commits ${why} brings that no other remote branch has (${after.slice(0, 7)})`,
        warnings,
      };
    }
    if (!before || !after || ZERO.test(before) || payload.forced) {
      const why =
        !before || !after ? 'no push range in the event' : payload.forced ? 'a force push' : `a new ${what}`;
      return { target: { kind: 'tree' }, description: `the tree (${why}: no range to scan)`, warnings };
    }
    const missing = await ensureCommits(root, [after, before], Number(payload.commits?.length ?? 20) + 1);
    if (missing.length) {
      warnings.push(
        `could not fetch ${missing.map((s) => s.slice(0, 12)).join(', ')}: scanned the tree instead of the pushed range`,
      );
      return { target: { kind: 'tree' }, description: 'the tree (pushed range not available)', warnings };
    }
    await deepenForRange(root, after, Number(payload.commits?.length ?? 20));
    return {
      target: { kind: 'range', range: `${before}..${after}` },
      description: `the pushed commits (${before.slice(0, 7)}..${after.slice(0, 7)})`,
      warnings,
    };
  }
  // sweep and rotate: the tree plus (by default) the whole history, open PR heads included.
  if (!settings.history) return { target: { kind: 'tree' }, description: 'the tree', warnings };
  const fetched = await git(root, [
    'fetch',
    '--no-tags',
    '--quiet',
    'origin',
    '--end-of-options',
    '+refs/pull/*/head:refs/remotes/origin/pull/*',
  ]);
  if (
    !fetched.ok &&
    fetched.err &&
    !/does not appear to be a git repository|No such remote/i.test(fetched.err)
  ) {
    warnings.push(
      `could not fetch open pull request heads (refs/pull/*/head): ${withoutCredentials(fetched.err.split('\n')[0] ?? '')}`,
    );
  }
  return { target: { kind: 'sweep' }, description: 'the tree and the full history of every ref', warnings };
}
