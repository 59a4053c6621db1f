/**
 * The GitHub side in one call: the incident store works with the workflow's GITHUB_TOKEN
 * (`issues: write`), the secrets sink needs a token that may write secrets (`secrets-token`),
 * so each gets its own client.
 */
import type { Secret } from '../scan/secret.js';
import { GitHubClient, type GitHubClientOptions } from './client.js';
import { graphqlBaseUrl, viewerIdentity } from './identity.js';
import { createIncidentStore, type GitHubIncidentStore, type IncidentStoreOptions } from './incidents.js';
import { createSecretsSink, type GitHubSecretsSink } from './secrets.js';
import type { RepoContext } from './types.js';

export interface GitHubSideOptions {
  repo: RepoContext;
  /** For issues (usually GITHUB_TOKEN). */
  token: string | Secret;
  /** For secrets (fine-grained PAT / App token with "Secrets: write"); defaults to `token`. */
  secretsToken?: string | Secret;
  retry?: GitHubClientOptions['retry'];
  onRetry?: GitHubClientOptions['onRetry'];
  /** The run's shared retry budget (both clients draw on it). */
  budget?: GitHubClientOptions['budget'];
  fetch?: typeof fetch;
  incidents?: IncidentStoreOptions;
}

export interface GitHubSide {
  client: GitHubClient;
  secrets: GitHubSecretsSink;
  incidents: GitHubIncidentStore;
}

export function createGitHubSide(opts: GitHubSideOptions): GitHubSide {
  const common = {
    baseUrl: opts.repo.apiUrl,
    retry: opts.retry,
    onRetry: opts.onRetry,
    fetch: opts.fetch,
    budget: opts.budget,
  };
  const client = new GitHubClient({ token: opts.token, ...common });
  // GraphQL lives outside the REST base on GHES (`/api/graphql` next to `/api/v3`): its own client.
  const graphql = new GitHubClient({
    token: opts.token,
    ...common,
    baseUrl: graphqlBaseUrl(opts.repo.apiUrl),
  });
  const secretsClient = opts.secretsToken
    ? new GitHubClient({ token: opts.secretsToken, ...common })
    : client;
  return {
    client,
    secrets: createSecretsSink(secretsClient, opts.repo),
    incidents: createIncidentStore(client, opts.repo, {
      identity: () => viewerIdentity(graphql),
      ...opts.incidents,
    }),
  };
}

export { createGitHubClient, DEFAULT_API_URL, GitHubClient } from './client.js';
export { blobUrl, repoContextFromEnv, runUrl } from './context.js';
export * from './errors.js';
export { type GitHubIdentity, GitHubIdentityError, graphqlBaseUrl, viewerIdentity } from './identity.js';
export {
  createIncidentStore,
  INCIDENT_LABEL,
  incidentMarker,
  redactKeyShapes,
  withMarker,
} from './incidents.js';
export { sealSecret } from './sealed-box.js';
export { createSecretsSink, normaliseSecretName } from './secrets.js';
export type * from './types.js';
