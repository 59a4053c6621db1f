/**
 * `mode: auto`: an event that carries a pull request is checked as one, whatever its name; only known
 * events sweep or rotate; an event keyguard does not know is refused, never guessed to be a sweep.
 */
import { carriesPullRequest, modeForEvent, pullRequestRefs } from '../../src/action/event-kind.js';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const pr = { number: 7, base: { sha: A }, head: { sha: B } };

describe('mode auto', () => {
  const cases: [string, string, Record<string, unknown>, string][] = [
    ['a pull_request', 'pull_request', { pull_request: pr }, 'pr'],
    ['a pull_request_target', 'pull_request_target', { pull_request: pr }, 'pr'],
    ['a pull_request_review', 'pull_request_review', { review: {}, pull_request: pr }, 'pr'],
    ['a pull_request_review_comment', 'pull_request_review_comment', { comment: {}, pull_request: pr }, 'pr'],
    ['a merge_group', 'merge_group', { merge_group: { base_sha: A, head_sha: B } }, 'pr'],
    [
      'an issue_comment on a pull request',
      'issue_comment',
      { issue: { number: 7, pull_request: { url: 'x' } } },
      'pr',
    ],
    [
      'a workflow_run that lists a pull request',
      'workflow_run',
      { workflow_run: { event: 'pull_request', pull_requests: [pr] } },
      'pr',
    ],
    [
      'a workflow_run after a fork’s pull request (empty list)',
      'workflow_run',
      { workflow_run: { event: 'pull_request', pull_requests: [] } },
      'pr',
    ],
    [
      'a workflow_run after a pull_request_target',
      'workflow_run',
      { workflow_run: { event: 'pull_request_target', pull_requests: [] } },
      'pr',
    ],
    [
      'a workflow_run after an issue_comment',
      'workflow_run',
      { workflow_run: { event: 'issue_comment', pull_requests: [] } },
      'pr',
    ],
    ['a check_suite on a pull request', 'check_suite', { check_suite: { pull_requests: [pr] } }, 'pr'],
    ['a check_run on a pull request', 'check_run', { check_run: { pull_requests: [pr] } }, 'pr'],
    ['an unknown event carrying a pull_request', 'pull_request_something_new', { pull_request: pr }, 'pr'],
    ['a push', 'push', { ref: 'refs/heads/main' }, 'push'],
    ['a workflow_dispatch', 'workflow_dispatch', {}, 'rotate'],
    ['a schedule', 'schedule', { schedule: '0 3 * * *' }, 'sweep'],
    ['a repository_dispatch', 'repository_dispatch', { action: 'rescan' }, 'sweep'],
    [
      'a workflow_run after a push',
      'workflow_run',
      { workflow_run: { event: 'push', pull_requests: [] } },
      'sweep',
    ],
  ];
  it.each(cases)('checks %s in mode %s', (_label, name, payload, mode) => {
    expect(modeForEvent(name, payload)).toBe(mode);
  });

  const unknown: [string, Record<string, unknown>][] = [
    ['issue_comment', { issue: { number: 3 }, comment: { body: '/rescan' } }],
    ['issues', { issue: { number: 3 } }],
    ['release', { release: { tag_name: 'v1' } }],
    ['check_suite', { check_suite: { pull_requests: [] } }],
    ['discussion_comment', {}],
    ['', {}],
  ];
  it.each(unknown)('refuses the event "%s" it does not know, naming the mode input', (name, payload) => {
    expect(() => modeForEvent(name, payload)).toThrow(
      /mode auto: keyguard does not know the event .*set the mode input/,
    );
  });
});

describe('which pull request an event is about', () => {
  it('takes the one listed pull request of a workflow_run', () => {
    expect(pullRequestRefs({ workflow_run: { head_sha: B, pull_requests: [pr] } })).toMatchObject({
      base: A,
      head: B,
    });
  });

  it('picks, among several, the one whose head is the run’s head', () => {
    const other = { base: { sha: A }, head: { sha: 'c'.repeat(40) } };
    expect(pullRequestRefs({ workflow_run: { head_sha: B, pull_requests: [other, pr] } })).toMatchObject({
      head: B,
    });
  });

  it('names none when several match nothing (the caller then refuses)', () => {
    const other = { base: { sha: A }, head: { sha: 'c'.repeat(40) } };
    expect(
      pullRequestRefs({ workflow_run: { head_sha: 'd'.repeat(40), pull_requests: [other, pr] } }).head,
    ).toBeUndefined();
  });

  it('does not call a scheduled run a pull request', () => {
    expect(carriesPullRequest('schedule', { schedule: '0 3 * * *' })).toBe(false);
  });
});
