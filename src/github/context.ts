/** The repository a run works on, from the variables every Actions runner sets. */
import { InputError } from '../config/errors.js';
import { urlProblem } from '../http/url.js';
import type { RepoContext } from './types.js';

const trimSlash = (u: string) => u.replace(/\/+$/, '');

/** An http(s) URL without credentials: the API URL is requested, the server URL goes into issue links. */
function serviceUrl(env: NodeJS.ProcessEnv, name: string, fallback: string): string {
  const value = env[name]?.trim() || fallback;
  const problem = urlProblem(value, fallback);
  if (problem) throw new InputError(`${name}: ${problem}`);
  return trimSlash(value);
}

export function repoContextFromEnv(env: NodeJS.ProcessEnv = process.env): RepoContext {
  const full = env.GITHUB_REPOSITORY?.trim();
  const m = full ? /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)$/.exec(full) : null;
  if (!m) {
    throw new InputError(
      full
        ? `GITHUB_REPOSITORY is "${full}"; expected the form owner/repo`
        : 'GITHUB_REPOSITORY is not set; expected the form owner/repo (set by Actions, or pass it yourself)',
    );
  }
  const ctx: RepoContext = {
    owner: m[1]!,
    repo: m[2]!,
    apiUrl: serviceUrl(env, 'GITHUB_API_URL', 'https://api.github.com'),
    serverUrl: serviceUrl(env, 'GITHUB_SERVER_URL', 'https://github.com'),
  };
  if (env.GITHUB_SHA?.trim()) ctx.sha = env.GITHUB_SHA.trim();
  if (env.GITHUB_RUN_ID?.trim()) ctx.runId = env.GITHUB_RUN_ID.trim();
  return ctx;
}

/** Link to a file at the run's commit (blob URL), for issues and reports. */
export function blobUrl(ctx: RepoContext, file: string, line?: number): string {
  const ref = ctx.sha ?? 'HEAD';
  const path = file.split('/').map(encodeURIComponent).join('/');
  return `${ctx.serverUrl}/${ctx.owner}/${ctx.repo}/blob/${ref}/${path}${line ? `#L${line}` : ''}`;
}

/** Link to the run's log page, when the run id is known. */
export function runUrl(ctx: RepoContext): string | undefined {
  return ctx.runId ? `${ctx.serverUrl}/${ctx.owner}/${ctx.repo}/actions/runs/${ctx.runId}` : undefined;
}
