/**
 * The IncidentStore on GitHub issues: one issue per leaked key, found again by a hidden marker in its
 * body (`<!-- keyguard:fingerprint=<fp> -->`) and labelled `keyguard`.
 *
 * Finding: the labelled issues (open and closed) are listed first; when the label could not be used
 * (token without push access) or someone removed it, all issues are listed once. Both listings are
 * indexed for the rest of the run, so many findings cost a few requests, not a search each.
 * A re-leak of a key whose issue is closed should reopen that issue (`reopen`): its history stays in
 * one place.
 *
 * Safety net: titles, bodies and comments pass through `redactKeyShapes` before they are sent, so a
 * caller's slip cannot publish a whole key in an issue.
 */
import { NetworkError } from '../http/client.js';
import { redact } from '../scan/secret.js';
import type { GitHubClient } from './client.js';
import { GitHubApiError, GitHubPermissionError, IssuesDisabledError } from './errors.js';
import type { IncidentRecord, IncidentStore, RepoContext } from './types.js';

export const INCIDENT_LABEL = 'keyguard';

export interface IncidentStoreOptions {
  label?: string;
  /** List every issue when the labelled ones do not hold the fingerprint (default true). */
  fullScan?: boolean;
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
}

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
const KEY_SHAPES = [
  /sk-(?:proj-|svcacct-|admin-|ant-(?:api|admin)[0-9]{2}-|or-v1-)?[A-Za-z0-9_-]{32,}/g,
  /(?:sk|rk)_live_[A-Za-z0-9]{20,}/g,
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
  const byFingerprint = new Map<string, IncidentRecord>();
  const fingerprintOf = new Map<number, string>();
  let scannedLabelled = false;
  let scannedAll = false;
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

  function remember(issue: IssueJson): IncidentRecord {
    const rec = toRecord(issue);
    for (const fp of fingerprintsIn(issue.body)) {
      const known = byFingerprint.get(fp);
      // Duplicates (made by hand, or by an older run): the open one wins, then the newest.
      if (!known || known.number === rec.number || (known.state === 'closed' && rec.state === 'open')) {
        byFingerprint.set(fp, rec);
      } else if (known.state === rec.state && rec.number > known.number) {
        byFingerprint.set(fp, rec);
      }
      fingerprintOf.set(rec.number, fp);
    }
    return rec;
  }

  async function scan(query: Record<string, string>): Promise<void> {
    const pick = (d: unknown) => (Array.isArray(d) ? (d as IssueJson[]) : []);
    for await (const issue of client.paginate(`${base}/issues`, { state: 'all', ...query }, pick)) {
      if (issue.pull_request) continue;
      remember(issue);
    }
  }

  async function find(fingerprint: string): Promise<IncidentRecord | null> {
    incidentMarker(fingerprint);
    const hit = () => byFingerprint.get(fingerprint) ?? null;
    if (hit()) return hit();
    if (!scannedLabelled) {
      await scan({ labels: label });
      scannedLabelled = true;
      if (hit()) return hit();
    }
    if (options.fullScan !== false && !scannedAll) {
      await scan({});
      scannedAll = true;
    }
    return hit();
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
          scannedLabelled = scannedAll = false;
          byFingerprint.delete(fingerprint);
          const existing = await find(fingerprint);
          if (existing) return existing;
          issue = await post(safeTitle, text, labels);
        }
        return remember(issue);
      }),

    update: (number, body) =>
      guarded(async () => {
        const fp = fingerprintOf.get(number);
        const safe = redactKeyShapes(body);
        return remember(await patch(number, { body: fp ? withMarker(safe, fp) : safe }));
      }),

    comment: (number, body) => guarded(() => comment(number, body)),

    close: (number, text) =>
      guarded(async () => {
        if (text) await comment(number, text);
        remember(await patch(number, { state: 'closed', state_reason: 'completed' }));
      }),

    reopen: (number, text) =>
      guarded(async () => {
        remember(await patch(number, { state: 'open' }));
        if (text) await comment(number, text);
      }),
  };
}
