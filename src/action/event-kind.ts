/**
 * What `mode: auto` does for an event. The rule: an event whose payload carries a pull request is a pull
 * request check, whatever its name (a workflow_run after a PR, an issue_comment on a PR, a review): its
 * policy comes from the base commit, no admin key reaches an adapter, nothing rotates. Only the events
 * listed here sweep or rotate; any other event is refused with an error naming the `mode` input, never
 * guessed to be a sweep (a sweep rotates, and reads `.keyguard.yml` from whatever is checked out).
 */
import { InputError } from '../config/errors.js';
import type { Mode, Payload } from './inputs.js';

/** Events that run on a ref already pushed by someone with write access, and carry no pull request. */
const SWEEP_EVENTS = new Set(['schedule', 'repository_dispatch', 'workflow_run']);

/** Pull request objects the payload carries: `pull_request`, or a list (workflow_run, check_suite/run). */
function pullRequestsOf(payload: Payload): unknown[] {
  const found: unknown[] = [];
  if (payload.pull_request) found.push(payload.pull_request);
  for (const holder of [payload.workflow_run, payload.check_suite, payload.check_run, payload]) {
    const list = holder?.pull_requests;
    if (Array.isArray(list)) found.push(...list.filter(Boolean));
  }
  return found;
}

/**
 * True when the event is about a pull request: it carries one, it is a comment on one (an issue with a
 * `pull_request` field), or it follows a workflow that a pull request triggered (a fork's PR leaves
 * `workflow_run.pull_requests` empty, so the triggering event's name decides too).
 */
export function carriesPullRequest(name: string, payload: Payload): boolean {
  if (name.startsWith('pull_request') || name === 'merge_group' || payload.merge_group) return true;
  if (pullRequestsOf(payload).length) return true;
  if (payload.issue?.pull_request) return true;
  const triggeredBy = payload.workflow_run?.event;
  if (
    typeof triggeredBy === 'string' &&
    !['push', 'schedule', 'workflow_dispatch', 'repository_dispatch'].includes(triggeredBy)
  )
    return true;
  return false;
}

export function modeForEvent(name: string, payload: Payload = {}): Mode {
  if (carriesPullRequest(name, payload)) return 'pr';
  if (name === 'push') return 'push';
  if (name === 'workflow_dispatch') return 'rotate';
  if (SWEEP_EVENTS.has(name)) return 'sweep';
  throw new InputError(
    `mode auto: keyguard does not know the event "${name || 'unknown'}", so it will not guess (a sweep rotates keys and trusts the checkout's .keyguard.yml); set the mode input (pr, push, sweep or rotate) for this workflow`,
  );
}

export interface PullRequestCommits {
  base?: string;
  head?: string;
  /** How many commits the pull request has, when the payload says. */
  commits?: number;
}

/**
 * The base and head of the one pull request the payload is about, as the payload gives them (unchecked:
 * see prCommits in git-refs.ts). A list with several pull requests picks the one whose head is the
 * workflow run's head; none, or several, gives nothing (the caller refuses).
 */
export function pullRequestRefs(payload: Payload): {
  base?: unknown;
  head?: unknown;
  commits?: unknown;
  field: string;
} {
  if (payload.pull_request) {
    const pr = payload.pull_request;
    return { base: pr.base?.sha, head: pr.head?.sha, commits: pr.commits, field: 'pull_request' };
  }
  const holder = payload.workflow_run ?? payload.check_suite ?? payload.check_run;
  const list: Payload[] = Array.isArray(holder?.pull_requests) ? holder.pull_requests.filter(Boolean) : [];
  const headSha = holder?.head_sha;
  const matching = list.length === 1 ? list : list.filter((p) => headSha && p.head?.sha === headSha);
  if (matching.length === 1) {
    const pr = matching[0]!;
    const name = payload.workflow_run ? 'workflow_run' : payload.check_suite ? 'check_suite' : 'check_run';
    return { base: pr.base?.sha, head: pr.head?.sha, field: `${name}.pull_requests[]` };
  }
  return { field: 'pull_request' };
}

/** A full lowercase SHA, or undefined: used only for comparison, never passed on unchecked. */
function fullSha(value: unknown): string | undefined {
  return typeof value === 'string' && /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/.test(value.toLowerCase())
    ? value.toLowerCase()
    : undefined;
}

/**
 * The commit whose `.keyguard.yml` may say where keys are sent (config-destinations.ts): the pull
 * request's base when the event is about one (its GITHUB_SHA is the merge commit, the PR's content), or
 * nothing when such an event names no base; else the commit the run is for.
 */
export function trustedCommitOf(
  name: string,
  payload: Payload,
  githubSha: string | undefined,
): string | undefined {
  if (carriesPullRequest(name, payload)) {
    if (payload.merge_group && !payload.pull_request) return fullSha(payload.merge_group.base_sha);
    return fullSha(pullRequestRefs(payload).base);
  }
  return fullSha(githubSha?.trim());
}
