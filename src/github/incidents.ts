/**
 * The IncidentStore on GitHub issues: one issue per leaked key, found again by a hidden marker in its
 * body (`<!-- keyguard:fingerprint=<fp> -->`) and labelled `keyguard`.
 *
 * Finding always re-reads GitHub (the incident journal's lock depends on it): the labelled issues,
 * open and closed, on every call; when the label could not be used (token without push access) or
 * someone removed it, all issues once, then only those updated since (`since=`). Typically one or two
 * requests per find. When duplicates carry one fingerprint, the open issue wins, then the oldest.
 * A re-leak of a key whose issue is closed should reopen that issue (`reopen`): its history stays in
 * one place.
 *
 * Safety net: titles, bodies and comments pass through `redactKeyShapes` before they are sent, so a
 * caller's slip cannot publish a whole key in an issue.
 *
 * Trust: an issue counts as an incident only when keyguard's own identity (the token's account,
 * learned once per run: identity.ts) opened it. An issue anyone else opened is ignored, whatever its
 * body says, and mentioned in the log by number and author only. State is read from issue bodies
 * only, never from comments; what a body says is then checked by its seal (incident/seal.ts).
 */
import { NetworkError } from '../http/client.js';
import { redact } from '../scan/secret.js';
import type { GitHubClient } from './client.js';
import { GitHubApiError, GitHubPermissionError, IssuesDisabledError } from './errors.js';
import {
  type GitHubIdentity,
  GitHubIdentityError,
  isAuthoredBy,
  printableLogin,
  viewerIdentity,
} from './identity.js';
import type { IncidentRecord, IncidentStore, RepoContext } from './types.js';

export const INCIDENT_LABEL = 'keyguard';

export interface IncidentStoreOptions {
  label?: string;
  /** List every issue when the labelled ones do not hold the fingerprint (default true). */
  fullScan?: boolean;
  /** keyguard's own identity (default: GraphQL `viewer` through the same client). */
  identity?: () => Promise<GitHubIdentity>;
  /** Where issues by other authors are mentioned (number and author only). */
  log?: (line: string) => void;
}

export interface GitHubIncidentStore extends IncidentStore {
  reopen(number: number, comment?: string): Promise<void>;
}

interface IssueJson {
  number: number;
  html_url: string;
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  pull_request?: unknown;
  user?: { login?: unknown; id?: unknown } | null;
}

/** Listing issues "updated since" our last look starts this much earlier, for clock skew. */
const SINCE_MARGIN_MS = 5 * 60_000;

const MARKER = /<!-- keyguard:fingerprint=([A-Za-z0-9_-]+) -->/g;

export function incidentMarker(fingerprint: string): string {
  if (!/^[A-Za-z0-9_-]+$/.test(fingerprint))
    throw new Error('a fingerprint is letters, digits, _ and - only');
  return `<!-- keyguard:fingerprint=${fingerprint} -->`;
}

/** The body with its marker (appended when missing). */
export function withMarker(body: string, fingerprint: string): string {
  const marker = incidentMarker(fingerprint);
  return body.includes(marker) ? body : `${body.replace(/\s+$/, '')}\n\n${marker}\n`;
}

export function fingerprintsIn(body: string | null | undefined): string[] {
  return [...(body ?? '').matchAll(MARKER)].map((m) => m[1]!);
}

// The shapes the repository's own hook refuses; a last line of defence for text we publish.
// Not after a letter or digit, so words like `task-…` are left alone.
const KEY_SHAPES = [
  /(?<![A-Za-z0-9])sk-(?:proj-|svcacct-|admin-|ant-(?:api|admin)[0-9]{2}-|or-v1-)?[A-Za-z0-9_-]{32,}/g,
  /(?<![A-Za-z0-9])(?:sk|rk)_live_[A-Za-z0-9]{20,}/g,
];

export function redactKeyShapes(text: string): string {
  return KEY_SHAPES.reduce((t, re) => t.replace(re, (k) => redact(k)), text);
}

function toRecord(i: IssueJson): IncidentRecord {
  return { number: i.number, url: i.html_url, title: i.title, body: i.body ?? '', state: i.state };
}

export function createIncidentStore(
  client: GitHubClient,
  repo: RepoContext,
  options: IncidentStoreOptions = {},
): GitHubIncidentStore {
  const label = options.label ?? INCIDENT_LABEL;
  const base = `/repos/${encodeURIComponent(repo.owner)}/${encodeURIComponent(repo.repo)}`;
  const full = `${repo.owner}/${repo.repo}`;
  /** Every issue seen this run, as last read or written. */
  const seen = new Map<number, { rec: IncidentRecord; fps: string[]; ours: boolean; author: unknown }>();
  /** Foreign issues already mentioned in the log this run. */
  const mentioned = new Set<number>();
  let me: Promise<GitHubIdentity> | undefined;
  const identity = (): Promise<GitHubIdentity> => {
    me ??= (options.identity ?? (() => viewerIdentity(client)))();
    // A failed look-up is not cached: the next call asks again.
    me.catch(() => {
      me = undefined;
    });
    return me;
  };
  const fingerprintOf = new Map<number, string>();
  /** Epoch ms (minus a margin for clock skew) of the last listing of all issues. */
  let lastFullLook: number | undefined;
  let labelUsable: Promise<boolean> | undefined;

  function mapError(err: unknown): unknown {
    if (!(err instanceof GitHubApiError)) return err;
    if (err.status === 410) return new IssuesDisabledError(full, err.method, err.path, err.githubMessage);
    if (err.status === 403 && /not accessible by integration/i.test(err.githubMessage ?? '')) {
      return new GitHubPermissionError(
        `cannot manage incident issues in ${full}: GitHub answered 403 "${err.githubMessage}" on ` +
          `${err.method} ${err.path}. Give the token "Issues: write" (in the workflow: permissions: issues: write).`,
        err.status,
        err.method,
        err.path,
        err.githubMessage,
      );
    }
    return err;
  }

  async function guarded<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      throw mapError(err);
    }
  }

  function remember(issue: IssueJson, self: GitHubIdentity): IncidentRecord {
    const rec = toRecord(issue);
    const fps = fingerprintsIn(issue.body);
    const ours = isAuthoredBy(issue.user, self);
    seen.set(rec.number, { rec, fps, ours, author: issue.user?.login });
    if (fps[0] && ours) fingerprintOf.set(rec.number, fps[0]);
    return rec;
  }

  /**
   * Duplicates (two runs at once, or made by hand): the open one wins, then the oldest. Only issues
   * keyguard's identity opened are candidates; another author's issue with the marker is logged.
   */
  function best(fingerprint: string): IncidentRecord | null {
    let out: IncidentRecord | null = null;
    for (const { rec, fps, ours, author } of seen.values()) {
      if (!fps.includes(fingerprint)) continue;
      if (!ours) {
        if (!mentioned.has(rec.number)) {
          mentioned.add(rec.number);
          options.log?.(
            `issue #${rec.number} carries keyguard's marker but was opened by another account (${printableLogin(author)}): ignored (keyguard trusts only issues its own identity opened)`,
          );
        }
        continue;
      }
      const better =
        !out ||
        (rec.state === 'open' && out.state === 'closed') ||
        (rec.state === out.state && rec.number < out.number);
      if (better) out = rec;
    }
    return out;
  }

  async function scan(query: Record<string, string>): Promise<void> {
    const self = await identity();
    const pick = (d: unknown) => (Array.isArray(d) ? (d as IssueJson[]) : []);
    for await (const issue of client.paginate(`${base}/issues`, { state: 'all', ...query }, pick)) {
      if (issue.pull_request) continue;
      remember(issue, self);
    }
  }

  /**
   * Always re-reads GitHub (the journal's lock is taken by write → wait → re-read, so a cached answer
   * would hide a concurrent run): the labelled issues every time; all issues once, when the labelled
   * ones do not hold the fingerprint, and from then on only those updated since the last look.
   */
  async function find(fingerprint: string): Promise<IncidentRecord | null> {
    incidentMarker(fingerprint);
    await scan({ labels: label });
    if (options.fullScan !== false) {
      const started = Date.now() - SINCE_MARGIN_MS;
      if (lastFullLook !== undefined) {
        await scan({ since: new Date(lastFullLook).toISOString() });
        lastFullLook = started;
      } else if (!best(fingerprint)) {
        await scan({});
        lastFullLook = started;
      }
    }
    return best(fingerprint);
  }

  /** Creates the label once per run; false when the token may not (the issue is then made without it). */
  function ensureLabel(): Promise<boolean> {
    labelUsable ??= (async () => {
      const got = await client.request('GET', `${base}/labels/${encodeURIComponent(label)}`, {
        accept: [404],
      });
      if (got.status !== 404) return true;
      const made = await client.request('POST', `${base}/labels`, {
        body: { name: label, color: 'b60205', description: 'Leaked API key found by keyguard' },
        accept: [403, 404, 422],
      });
      // 422 already_exists: someone made it meanwhile; 403/404: no push access.
      return made.status === 201 || made.status === 422;
    })();
    return labelUsable;
  }

  async function post(title: string, body: string, labels: string[]): Promise<IssueJson> {
    const res = await client.request<IssueJson>('POST', `${base}/issues`, {
      body: { title, body, ...(labels.length ? { labels } : {}) },
    });
    return res.data;
  }

  async function patch(number: number, fields: Record<string, unknown>): Promise<IssueJson> {
    const res = await client.request<IssueJson>('PATCH', `${base}/issues/${number}`, { body: fields });
    return res.data;
  }

  async function comment(number: number, body: string): Promise<void> {
    // A duplicated comment after a retry is better than a lost one.
    await client.request('POST', `${base}/issues/${number}/comments`, {
      body: { body: redactKeyShapes(body) },
      idempotent: true,
    });
  }

  return {
    find: (fingerprint) => guarded(() => find(fingerprint)),

    create: (fingerprint, title, body) =>
      guarded(async () => {
        const text = withMarker(redactKeyShapes(body), fingerprint);
        const safeTitle = redactKeyShapes(title);
        const labels = (await ensureLabel()) ? [label] : [];
        let issue: IssueJson;
        try {
          issue = await post(safeTitle, text, labels);
        } catch (err) {
          const unanswered =
            err instanceof NetworkError || (err instanceof GitHubApiError && err.status >= 500);
          if (!unanswered) throw err;
          // POST is not retried blindly: the issue may exist already. Look before trying once more.
          const existing = await find(fingerprint);
          if (existing) return existing;
          issue = await post(safeTitle, text, labels);
        }
        const self = await identity();
        if (!isAuthoredBy(issue.user, self))
          // The viewer look-up and GitHub's attribution disagree: every later read would ignore this issue.
          throw new GitHubIdentityError(
            `GitHub attributes the incident keyguard just opened (#${issue.number}) to ${printableLogin(issue.user?.login)}, ` +
              `not to ${printableLogin(self.login)} as the GraphQL viewer said: its state could not be read back. Nothing at the provider was changed.`,
          );
        return remember(issue, self);
      }),

    update: (number, body) =>
      guarded(async () => {
        if (!fingerprintOf.has(number)) {
          // An issue this run has not read yet: read its marker so the new body keeps it.
          remember(
            (await client.request<IssueJson>('GET', `${base}/issues/${number}`)).data,
            await identity(),
          );
        }
        const fp = fingerprintOf.get(number);
        const safe = redactKeyShapes(body);
        return remember(await patch(number, { body: fp ? withMarker(safe, fp) : safe }), await identity());
      }),

    comment: (number, body) => guarded(() => comment(number, body)),

    close: (number, text) =>
      guarded(async () => {
        if (text) await comment(number, text);
        remember(await patch(number, { state: 'closed', state_reason: 'completed' }), await identity());
      }),

    reopen: (number, text) =>
      guarded(async () => {
        remember(await patch(number, { state: 'open' }), await identity());
        if (text) await comment(number, text);
      }),
  };
}
