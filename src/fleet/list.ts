/**
 * The organisation's repositories, from `GET /orgs/{org}/repos` (100 per page, following `Link:
 * rel="next"`): one request per 100 repositories, so 10,000 repositories cost 100 of the 5,000 (or,
 * for a GitHub App installation, 5,000–12,500) requests an hour. Every entry is checked before it is
 * used (the API is outside input): a name GitHub could not have given, a branch git would refuse, a
 * size or time of the wrong type makes the entry "invalid" (skipped, with why), never a path or URL.
 */
import { InputError } from '../config/errors.js';
import type { GitHubClient } from '../github/client.js';
import { nextLink } from '../github/link.js';
import { isBranchName, isFullName, isOwnerName, isRepoName } from './repo-names.js';
import type { FleetRepo } from './types.js';

/** 100 pages of 100 = 100,000 repositories: beyond that (or a `next` link seen twice) the listing stops. */
export const MAX_LIST_PAGES = 1000;

export interface OrgListing {
  repos: FleetRepo[];
  /** Entries that are not a repository GitHub could have sent: a label for the entry, and why. */
  invalid: { repo: string; reason: string }[];
  /** API requests made (pages). */
  requests: number;
  /** `x-ratelimit-remaining` after the last page, when GitHub said. */
  rateRemaining?: number;
}

function entryProblem(item: unknown, org: string): string | FleetRepo {
  if (!item || typeof item !== 'object' || Array.isArray(item)) return 'not an object';
  const r = item as Record<string, unknown>;
  if (!isRepoName(r.name)) return 'the name is not a repository name';
  const login = (r.owner as Record<string, unknown> | null | undefined)?.login;
  if (!isOwnerName(login)) return 'the owner is not an account name';
  if (login.toLowerCase() !== org.toLowerCase()) return 'the owner is not the organisation';
  const fullName = `${login}/${r.name}`;
  if (r.full_name !== fullName || !isFullName(fullName)) return 'full_name is not owner/name';
  if (!isBranchName(r.default_branch)) return 'default_branch is not a branch name';
  if (typeof r.size !== 'number' || !Number.isFinite(r.size) || r.size < 0) return 'size is not a number';
  if (r.pushed_at !== null && r.pushed_at !== undefined) {
    if (typeof r.pushed_at !== 'string' || Number.isNaN(Date.parse(r.pushed_at)) || r.pushed_at.length > 40)
      return 'pushed_at is not a time';
  }
  for (const f of ['archived', 'fork', 'private'])
    if (r[f] !== undefined && typeof r[f] !== 'boolean') return `${f} is not a boolean`;
  return {
    fullName,
    defaultBranch: r.default_branch,
    pushedAt: typeof r.pushed_at === 'string' ? r.pushed_at : null,
    sizeKb: Math.round(r.size),
    archived: r.archived === true,
    fork: r.fork === true,
    private: r.private === true,
  };
}

export async function listOrgRepos(client: GitHubClient, org: string): Promise<OrgListing> {
  if (!isOwnerName(org)) throw new InputError(`--org "${org}" is not an organisation name`);
  const out: OrgListing = { repos: [], invalid: [], requests: 0 };
  const seenLinks = new Set<string>();
  const seenRepos = new Set<string>();
  let next: string | undefined = client.url(`/orgs/${org}/repos`, {
    type: 'all',
    sort: 'full_name',
    per_page: 100,
  });
  while (next) {
    if (out.requests >= MAX_LIST_PAGES)
      throw new InputError(`the listing of ${org} has more than ${MAX_LIST_PAGES} pages: refusing to go on`);
    seenLinks.add(next);
    const res: { data: unknown; headers: Headers } = await client.request('GET', next);
    out.requests++;
    if (!Array.isArray(res.data))
      throw new InputError(`GET /orgs/${org}/repos (page ${out.requests}) did not answer a list`);
    res.data.forEach((item, i) => {
      const r = entryProblem(item, org);
      if (typeof r === 'string')
        out.invalid.push({ repo: `(page ${out.requests}, entry ${i + 1})`, reason: r });
      else if (seenRepos.has(r.fullName.toLowerCase())) return;
      else {
        seenRepos.add(r.fullName.toLowerCase());
        out.repos.push(r);
      }
    });
    const remaining = Number(res.headers.get('x-ratelimit-remaining') ?? Number.NaN);
    if (Number.isFinite(remaining)) out.rateRemaining = remaining;
    next = nextLink(res.headers.get('link'));
    if (next && seenLinks.has(next)) break;
  }
  return out;
}
