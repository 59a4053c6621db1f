/**
 * The sticky pull-request comment, end to end through dist/index.js on a pull_request event against
 * the GitHub emulator: one comment, updated in place on every push; found by its marker AND its author
 * (keyguard's identity), so a marked comment by someone else is never edited; off for forks and by input.
 */
import { PR_COMMENT_MARKER } from '../../src/report/pr-comment.js';
import { type GitHubEmulator, startGitHubEmulator } from '../emulators/github.js';
import { KeyGen } from '../helpers/keygen.js';
import { leakedIn, type RunResult, runAction, tempRepos } from './harness.js';

const gen = new KeyGen(1313);
const repo = tempRepos();
const TOKEN = 'ghs_workflowtoken0000prcomment';
const READ_ONLY = 'ghs_workflowtoken0000readonly';

let github: GitHubEmulator;
beforeEach(async () => {
  github = await startGitHubEmulator({
    owner: 'acme',
    repo: 'app',
    tokens: {
      [TOKEN]: { issues: 'write', pulls: 'write' },
      [READ_ONLY]: { issues: 'read', pulls: 'read' },
    },
  });
});
afterEach(() => github.stop());

function payload(number: number, base: string, head: string, commits: number, fork = false) {
  return {
    action: 'synchronize',
    number,
    pull_request: {
      number,
      commits,
      base: { sha: base, ref: 'main', repo: { full_name: 'acme/app' } },
      head: { sha: head, ref: 'feature', repo: { full_name: fork ? 'mallory/app' : 'acme/app' } },
    },
    repository: { full_name: 'acme/app' },
  };
}

/** A pull request whose first commit adds a key that its second commit removes again. */
function addedThenRemoved() {
  const r = repo();
  const base = r.commit('init', { 'README.md': '# app\n' });
  const key = gen.openaiProject();
  const added = r.commit('add config', {
    'src/config.ts': `export const cfg = {\n  apiKey: "${key}",\n};\n`,
  });
  const head = r.commit('oops, remove it', { 'src/config.ts': 'export const cfg = {};\n' });
  const pr = github.addPull('Add config');
  return { r, base, added, head, key, pr };
}

function check(
  w: ReturnType<typeof addedThenRemoved>,
  over: {
    token?: string;
    fork?: boolean;
    inputs?: Record<string, string>;
    base?: string;
    head?: string;
    commits?: number;
  } = {},
): Promise<RunResult> {
  const head = over.head ?? w.head;
  return runAction({
    workspace: w.r.dir,
    eventName: 'pull_request',
    payload: payload(w.pr.number, over.base ?? w.base, head, over.commits ?? 2, over.fork),
    sha: head,
    inputs: { verify: 'false', 'github-token': over.token ?? TOKEN, ...over.inputs },
    env: { GITHUB_API_URL: github.baseUrl, GITHUB_REPOSITORY: 'acme/app', GITHUB_RUN_ID: '77' },
  });
}

const ours = (w: ReturnType<typeof addedThenRemoved>) =>
  w.pr.comments.filter((c) => c.body.includes(PR_COMMENT_MARKER) && c.user?.login === 'github-actions[bot]');

describe('the pull-request comment', () => {
  it('lists the key on the line the pull request added, linked at the commit that added it', async () => {
    const w = addedThenRemoved();
    const run = await check(w);
    expect(run.code).toBe(1);
    const [comment] = ours(w);
    expect({
      count: ours(w).length,
      link: comment?.body.includes(`/acme/app/blob/${w.added}/src/config.ts#L2)`),
      todo: comment?.body.includes('**What to do:**'),
      wholeKey: leakedIn(w.pr.comments.map((c) => c.body).join('\n'), [w.key]),
    }).toEqual({ count: 1, link: true, todo: true, wholeKey: [] });
  });

  it('updates its one comment in place on the next push instead of adding another', async () => {
    const w = addedThenRemoved();
    await check(w);
    const first = ours(w)[0]!.id;
    const head = w.r.commit('more', { 'docs/a.md': 'notes\n' });
    await check(w, { head, commits: 3 });
    expect(ours(w).map((c) => c.id)).toEqual([first]);
  });

  it('tells the pull request the keys are gone when a later run finds none', async () => {
    const w = addedThenRemoved();
    await check(w);
    // The base moved past the key's commits (merged elsewhere and rebased): the range holds none now.
    const clean = w.r.commit('clean', { 'src/other.ts': 'export {};\n' });
    await check(w, { base: w.head, head: clean, commits: 1 });
    expect(ours(w)[0]!.body).toContain('no leaked keys in this pull request now');
  });

  it('never edits a marked comment another account wrote, and writes its own', async () => {
    const w = addedThenRemoved();
    const forged = `${PR_COMMENT_MARKER}\nAll clear, merge away!`;
    w.pr.comments.push({
      id: 9001,
      body: forged,
      created_at: '2026-01-01T00:00:00Z',
      user: { login: 'mallory', id: 666, type: 'User' },
    });
    await check(w);
    expect({ forged: w.pr.comments.find((c) => c.id === 9001)?.body, ours: ours(w).length }).toEqual({
      forged,
      ours: 1,
    });
  });

  it('writes no comment on a pull request from a fork', async () => {
    const w = addedThenRemoved();
    await check(w, { fork: true });
    expect(w.pr.comments).toEqual([]);
  });

  it('writes no comment with pr-comment: false', async () => {
    const w = addedThenRemoved();
    await check(w, { inputs: { 'pr-comment': 'false' } });
    expect(w.pr.comments).toEqual([]);
  });

  it('says in the summary that the token may not comment, and the check still fails on the key', async () => {
    const w = addedThenRemoved();
    const run = await check(w, { token: READ_ONLY });
    expect({ code: run.code, note: run.summary.includes('may not comment on pull request') }).toEqual({
      code: 1,
      note: true,
    });
  });
});
