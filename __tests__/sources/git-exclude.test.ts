/** scanGit's `exclude` (the fleet's covered heads): commits they reach are not read, however many there are. */
import { afterAll, describe, expect, it } from '@jest/globals';
import { Detector } from '../../src/scan/detector.js';
import { scanGit } from '../../src/sources/git.js';
import { KeyGen } from '../helpers/keygen.js';
import { TestRepo } from './gitrepo.js';

const det = new Detector();
const gen = new KeyGen(6060);
const repos: TestRepo[] = [];
afterAll(() => {
  for (const r of repos) r.cleanup();
});

function repoWithTwoKeys() {
  const r = new TestRepo();
  repos.push(r);
  const old = gen.openaiProject();
  const fresh = gen.anthropic();
  r.write('a.env', `K=${old}\n`).commit('old');
  const covered = r.git('rev-parse', 'HEAD');
  r.write('b.env', `K=${fresh}\n`).commit('new');
  return { r, covered, old, fresh };
}

describe('scanGit with exclude', () => {
  it('reads only the commits the excluded heads do not reach', async () => {
    const { r, covered, fresh } = repoWithTwoKeys();
    const res = await scanGit(r.dir, det, { exclude: [covered] });
    expect([res.commits, res.hits.map((h) => h.key.key)]).toEqual([1, [fresh]]);
  });

  it('takes more heads than an argument list could hold (they go on standard input)', async () => {
    const { r, covered } = repoWithTwoKeys();
    // 80,000 ids × 41 bytes is over Linux's 2 MB limit on arguments.
    const res = await scanGit(r.dir, det, {
      exclude: new Array(80_000).fill(covered),
      parallel: 2,
      minSliceCommits: 1,
    });
    expect(res.commits).toBe(1);
  });

  it('refuses an id that is not a full commit id (it would be a revision or an option)', async () => {
    const { r } = repoWithTwoKeys();
    await expect(scanGit(r.dir, det, { exclude: ['--output=/tmp/x'] })).rejects.toThrow(/not a commit id/);
    await expect(scanGit(r.dir, det, { exclude: ['HEAD~1'] })).rejects.toThrow(/not a commit id/);
  });
});
