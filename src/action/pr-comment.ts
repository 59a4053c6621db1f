/**
 * The action's sticky pull-request comment: posted in pr mode when `pr-comment` is on, never for a
 * fork (its token cannot write, and nothing privileged runs there). A token that may not write
 * comments costs a note, never the check: the annotations and the summary still say everything.
 */
import { GitHubClient } from '../github/client.js';
import { runUrl } from '../github/context.js';
import { GitHubApiError } from '../github/errors.js';
import { graphqlBaseUrl, viewerIdentity } from '../github/identity.js';
import type { RepoContext } from '../github/types.js';
import { upsertPrComment } from '../report/pr-comment.js';
import type { Finding } from '../types.js';
import type { ActionSettings } from './inputs.js';

/** The pull request's number from the event payload, when it is a positive integer. */
function prNumber(settings: ActionSettings): number | undefined {
  const n = (settings.event.payload.pull_request as { number?: unknown } | undefined)?.number;
  return typeof n === 'number' && Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

/** Posts or updates the comment; returns a note for the summary when it could not. */
export async function commentOnPullRequest(
  settings: ActionSettings,
  repo: RepoContext | undefined,
  findings: readonly Finding[],
  log: (line: string) => void,
): Promise<string | undefined> {
  if (settings.mode !== 'pr' || !settings.prComment || settings.fromFork) return undefined;
  const number = prNumber(settings);
  if (!repo || !number || !settings.githubToken) return undefined;
  const client = new GitHubClient({ token: settings.githubToken, baseUrl: repo.apiUrl });
  const graphql = new GitHubClient({ token: settings.githubToken, baseUrl: graphqlBaseUrl(repo.apiUrl) });
  try {
    const me = await viewerIdentity(graphql);
    const r = await upsertPrComment(client, repo, number, findings, me, { repo, runUrl: runUrl(repo) });
    log(
      r.action === 'skipped'
        ? `pull-request comment: ${r.reason}`
        : `pull-request comment ${r.action} on #${number}`,
    );
    return undefined;
  } catch (err) {
    if (err instanceof GitHubApiError && (err.status === 403 || err.status === 404))
      return `no pull-request comment: the github-token may not comment on pull request #${number} (give the job \`pull-requests: write\`, or set \`pr-comment: false\`)`;
    return `no pull-request comment: ${(err as Error).message}`;
  }
}
