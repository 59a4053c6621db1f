/**
 * The pull-request comment: the keys a pull request adds, on the lines it touches, and what to do.
 * One comment per pull request, updated in place ("sticky"): it is found by a hidden marker AND by
 * its author being keyguard's own identity, so a comment anyone else wrote with the marker is never
 * edited (nor trusted). Never a whole key: locations, rule ids and redacted keys only, every outside
 * string through text/inert.ts.
 */
import { type GitHubIdentity, isAuthoredBy } from '../github/identity.js';
import type { RepoContext } from '../github/types.js';
import { forMarkdown, forMarkdownCode, forMarkdownUrl } from '../text/inert.js';
import type { Finding } from '../types.js';
import { adviceText, plural, providerName, safeText, shortSha, verdict } from './common.js';

export const PR_COMMENT_MARKER = '<!-- keyguard:pr-comment -->';
/** Rows in the comment at most; GitHub caps a comment at 65,536 characters. */
export const PR_COMMENT_ROWS = 50;

export interface PrCommentOptions {
  repo?: Pick<RepoContext, 'owner' | 'repo' | 'serverUrl'>;
  /** The run's page, for "details". */
  runUrl?: string;
}

function base(repo: NonNullable<PrCommentOptions['repo']>): string {
  return `${repo.serverUrl.replace(/\/+$/, '')}/${encodeURIComponent(repo.owner)}/${encodeURIComponent(repo.repo)}`;
}

function where(f: Finding, opts: PrCommentOptions): string {
  const label = forMarkdownCode(`${f.file}:${f.line}`);
  const sha = f.commit?.sha;
  if (!opts.repo || !sha || !/^[0-9a-f]{7,64}$/i.test(sha)) return label;
  const path = f.file.split('/').map(encodeURIComponent).join('/');
  // The commit that added the line: the file may be gone at the head (added, then removed).
  const url = forMarkdownUrl(`${base(opts.repo)}/blob/${sha}/${path}#L${f.line}`);
  return url ? `[${label}](${url}) (${forMarkdownCode(shortSha(sha))})` : label;
}

function status(f: Finding): string {
  const v = verdict(f);
  return v === 'live'
    ? '🔴 **live**'
    : v === 'revoked'
      ? 'revoked'
      : v === 'unknown'
        ? '❔ unknown'
        : 'not checked';
}

/** What to do about one finding: its context advice, the rule's own message, or the default. */
function todo(f: Finding): string {
  if (f.advice) return forMarkdown(safeText(adviceText(f.advice), [f]));
  if (f.message) return forMarkdown(safeText(f.message, [f]));
  return verdict(f) === 'live'
    ? 'rotate it at the provider now, then remove the line'
    : 'remove the line; rotate the key unless it is a test key (then baseline it)';
}

/** The comment's body; `undefined` findings-free with no comment yet to correct (say nothing). */
export function renderPrComment(findings: readonly Finding[], opts: PrCommentOptions = {}): string {
  const out = [PR_COMMENT_MARKER];
  if (findings.length === 0) {
    out.push('### ✅ keyguard: no leaked keys in this pull request now', '');
    out.push(
      'An earlier push had one; it is gone from the lines this pull request adds. A key that was pushed stays in the branch history: rotate it if it was real.',
    );
    return `${out.join('\n')}\n`;
  }
  const live = findings.filter((f) => verdict(f) === 'live').length;
  out.push(
    `### ❌ keyguard: ${plural(findings.length, 'leaked key')} on lines this pull request adds${live ? ` (${live} live)` : ''}`,
    '',
    '| Where | Rule | Provider | Key | Status | What to do |',
    '| --- | --- | --- | --- | --- | --- |',
  );
  for (const f of findings.slice(0, PR_COMMENT_ROWS)) {
    out.push(
      `| ${where(f, opts)} | ${forMarkdownCode(f.ruleId)} | ${forMarkdown(providerName(f.provider))} | ${forMarkdownCode(f.redacted)} | ${status(f)} | ${todo(f)} |`,
    );
  }
  if (findings.length > PR_COMMENT_ROWS)
    out.push('', `…and ${plural(findings.length - PR_COMMENT_ROWS, 'more finding')}: see the job summary.`);
  out.push(
    '',
    '**What to do:** a key pushed to a branch is exposed even after the line is removed (the commit stays in the history and in forks): ' +
      'rotate it at the provider, store the new one as a GitHub secret and read it from the environment. ' +
      'Test keys and documentation examples can be accepted with a baseline or `allowlist.fingerprints` in `.keyguard.yml`.',
  );
  const run = opts.runUrl ? forMarkdownUrl(opts.runUrl) : undefined;
  if (run) out.push('', `<sub>[Details in the run](${run}) · this comment is updated on every push</sub>`);
  else out.push('', '<sub>This comment is updated on every push.</sub>');
  return `${out.join('\n')}\n`;
}

/** The REST calls the sticky comment needs (a GitHubClient fits). */
export interface CommentClient {
  request<T = unknown>(
    method: string,
    path: string,
    options?: { body?: unknown; query?: Record<string, string | number | undefined> },
  ): Promise<{ status: number; data: T }>;
  paginate<T>(
    path: string,
    query: Record<string, string | number | undefined>,
    pick: (data: unknown) => T[],
  ): AsyncGenerator<T>;
}

interface CommentJson {
  id: number;
  body?: string | null;
  user?: { login?: unknown; id?: unknown } | null;
  html_url?: string;
}

export type StickyResult =
  | { action: 'created' | 'updated'; id: number; url?: string }
  | { action: 'skipped'; reason: string };

/**
 * Creates or updates keyguard's comment on pull request `number`. Our comment is the first with the
 * marker whose author is `me`; a marked comment by anyone else is left alone. With no findings and
 * no comment of ours there is nothing to say; with no findings and one, it is corrected.
 */
export async function upsertPrComment(
  client: CommentClient,
  repo: Pick<RepoContext, 'owner' | 'repo'>,
  number: number,
  findings: readonly Finding[],
  me: GitHubIdentity,
  opts: PrCommentOptions = {},
): Promise<StickyResult> {
  const path = `/repos/${encodeURIComponent(repo.owner)}/${encodeURIComponent(repo.repo)}/issues`;
  let ours: CommentJson | undefined;
  const pick = (d: unknown) => (Array.isArray(d) ? (d as CommentJson[]) : []);
  for await (const c of client.paginate<CommentJson>(`${path}/${number}/comments`, {}, pick)) {
    if (typeof c.body === 'string' && c.body.includes(PR_COMMENT_MARKER) && isAuthoredBy(c.user, me)) {
      ours = c;
      break;
    }
  }
  if (!ours && findings.length === 0)
    return { action: 'skipped', reason: 'no findings and no earlier comment' };
  const body = renderPrComment(findings, opts);
  if (ours) {
    if (ours.body === body) return { action: 'skipped', reason: 'comment already up to date' };
    const res = await client.request<CommentJson>('PATCH', `${path}/comments/${ours.id}`, { body: { body } });
    return { action: 'updated', id: ours.id, url: res.data?.html_url };
  }
  const res = await client.request<CommentJson>('POST', `${path}/${number}/comments`, { body: { body } });
  return { action: 'created', id: res.data.id, url: res.data?.html_url };
}
