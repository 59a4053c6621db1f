/**
 * `@actions/github` parses GITHUB_EVENT_PATH when it is loaded (its `context`), and would throw on a
 * malformed payload. keyguard loads it lazily, after its own reading of the payload: a hostile or
 * broken payload file gets the action's one-line error and exit 2, never a crash of the bundle.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runAction, tempRepos } from './harness.js';

const repo = tempRepos();

describe('a malformed event payload', () => {
  it.each([
    ['truncated JSON', '{"pull_request": {"head": '],
    ['not JSON at all', '::stop-commands::x\nnot json'],
  ])('ends with exit 2 and one line naming the payload file when it is %s', async (_name, text) => {
    const r = repo();
    r.commit('init', { 'README.md': '# app\n' });
    const eventPath = join(r.dir, '..', `kg-event-${Date.now()}-${Math.random()}.json`);
    writeFileSync(eventPath, text);
    const run = await runAction({
      workspace: r.dir,
      eventName: 'push',
      sha: r.git('rev-parse', 'HEAD'),
      env: { GITHUB_EVENT_PATH: eventPath },
    });
    expect(run.code).toBe(2);
    const errors = run.stdout.split('\n').filter((l) => l.startsWith('::error::'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^::error::keyguard error: GITHUB_EVENT_PATH .*cannot read the event payload/);
    expect(run.stderr).not.toMatch(/SyntaxError|at JSON\.parse/);
  });
});
