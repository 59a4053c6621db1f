/** `scanGit` on a repository that lacks objects (a partial clone, a damaged mirror): warn, scan the rest. */
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { Detector } from '../../src/scan/detector.js';
import { scanGit } from '../../src/sources/git.js';
import { KeyGen } from '../helpers/keygen.js';
import { TestRepo } from './gitrepo.js';

const gen = new KeyGen(57);
const det = new Detector();
const repos: TestRepo[] = [];
afterAll(() => {
  for (const r of repos) r.cleanup();
});

/** A history whose middle commit's blob is gone from the object store, as a damaged mirror has it. */
function damaged() {
  const r = new TestRepo();
  repos.push(r);
  const before = gen.openaiProject();
  const lost = gen.anthropic();
  const after = gen.openrouter();
  r.write('a.env', `A=${before}\n`).commit('first');
  const broken = r.write('b.env', `B=${lost}\n`).commit('second');
  r.write('c.env', `C=${after}\n`).commit('third');
  const blob = execFileSync('git', ['rev-parse', `${broken}:b.env`], { cwd: r.dir, encoding: 'utf8' }).trim();
  rmSync(join(r.dir, '.git', 'objects', blob.slice(0, 2), blob.slice(2)));
  return { r, before, after, broken };
}

describe('scanGit with missing objects', () => {
  it('scans every readable commit and warns about the one it could not read', async () => {
    const { r, before, after, broken } = damaged();
    const res = await scanGit(r.dir, det);
    expect(res.hits.map((h) => h.key.key).sort()).toEqual([before, after].sort());
    expect(res.warnings.map((w) => w.message).join('\n')).toContain(broken.slice(0, 12));
    expect(res.warnings.map((w) => w.message).join('\n')).toMatch(/1 commit\(s\) in history not scanned/);
  });

  it('scans the same way when the history is split over parallel git processes', async () => {
    const { r, before, after } = damaged();
    const res = await scanGit(r.dir, det, { parallel: 2, minSliceCommits: 1 });
    expect(res.hits.map((h) => h.key.key).sort()).toEqual([before, after].sort());
    expect(res.warnings).toHaveLength(1);
  });
});
