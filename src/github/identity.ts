/**
 * keyguard's own GitHub identity: the account its issues token acts as. Incident state is trusted
 * only from issues that identity wrote (incidents.ts).
 *
 * Learned with GraphQL `query { viewer { login databaseId } }`, the one call that answers for every
 * kind of token keyguard is given: a PAT (the user), the workflow's GITHUB_TOKEN
 * (`github-actions[bot]`) and a GitHub App installation token (`<app>[bot]`). REST `GET /user`
 * answers 403 "Resource not accessible by integration" for the last two, and `GET /app` needs the
 * App's JWT. Issues are matched by the numeric account id (REST `user.id` = GraphQL `databaseId`),
 * which survives renames; the login only when GitHub gives no id.
 */

import type { GitHubClient } from './client.js';
import { GitHubApiError } from './errors.js';

export interface GitHubIdentity {
  login: string;
  id?: number;
}

export class GitHubIdentityError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GitHubIdentityError';
  }
}

/** GraphQL's base for a REST base: `https://api.github.com`, or `https://host/api` for GHES `/api/v3`. */
export function graphqlBaseUrl(apiUrl: string): string {
  const base = apiUrl.replace(/\/+$/, '');
  return base.replace(/\/api\/v3$/, '/api');
}

const QUERY = 'query { viewer { login databaseId } }';

export async function viewerIdentity(client: GitHubClient): Promise<GitHubIdentity> {
  let data: unknown;
  try {
    // A read-only query: safe to retry although it is a POST.
    data = (await client.request('POST', '/graphql', { body: { query: QUERY }, idempotent: true })).data;
  } catch (err) {
    const why =
      err instanceof GitHubApiError ? `${err.status} ${err.githubMessage ?? err.message}` : String(err);
    throw new GitHubIdentityError(
      `cannot learn which account keyguard's github-token acts as (GraphQL viewer: ${oneLine(why)}): ` +
        'without it no incident state can be trusted, so nothing was changed. Re-run; if it persists, check github-token.',
    );
  }
  const viewer = (data as { data?: { viewer?: { login?: unknown; databaseId?: unknown } } })?.data?.viewer;
  if (!viewer || typeof viewer.login !== 'string' || !viewer.login) {
    throw new GitHubIdentityError(
      'cannot learn which account keyguard\'s github-token acts as: GitHub\'s GraphQL "viewer" answered no login. ' +
        'Nothing was changed.',
    );
  }
  const id =
    typeof viewer.databaseId === 'number' && Number.isSafeInteger(viewer.databaseId)
      ? viewer.databaseId
      : undefined;
  return { login: viewer.login, ...(id !== undefined && { id }) };
}

/** Whether an issue's or comment's `user` is keyguard's own identity. */
export function isAuthoredBy(
  user: { login?: unknown; id?: unknown } | null | undefined,
  me: GitHubIdentity,
): boolean {
  if (!user) return false;
  if (me.id !== undefined) return typeof user.id === 'number' && user.id === me.id;
  return typeof user.login === 'string' && sameLogin(user.login, me.login);
}

/** Bots are `name[bot]` in REST and sometimes plain `name` in GraphQL; logins ignore case. */
function sameLogin(a: string, b: string): boolean {
  const norm = (s: string) => s.toLowerCase().replace(/\[bot\]$/, '');
  return norm(a) === norm(b);
}

/** An account name as printed in our log: GitHub's login alphabet only, never a line break. */
export function printableLogin(login: unknown): string {
  return typeof login === 'string' ? login.replace(/[^A-Za-z0-9_.[\]-]/g, '?').slice(0, 60) : '(unknown)';
}

function oneLine(s: string): string {
  return s.replace(/[\r\n]+/g, ' ').slice(0, 300);
}
