/** `scanGit` on a repository that lacks objects (a partial clone, a damaged mirror): warn, scan the rest. */
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { emptyBody } from '../../src/cache/file.js';
import { deriveCacheSecret, ScanCache } from '../../src/cache/index.js';
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
  const object = join(r.dir, '.git', 'objects', blob.slice(0, 2), blob.slice(2));
  const saved = readFileSync(object);
  rmSync(object);
  return { r, before, lost, after, broken, restore: () => writeFileSync(object, saved) };
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

  it.each([
    ['one git log', {}],
    ['parallel git logs', { parallel: 2, minSliceCommits: 1 }],
  ])('counts each commit once when it falls back to reading commit by commit (%s)', async (_, opts) => {
    const { r, before, after } = damaged();
    const res = await scanGit(r.dir, det, opts);
    // Only the readable commits' added lines: `A=…` and `C=…`, each with its line break.
    expect(res.bytes).toBe(`A=${before}`.length + 1 + `C=${after}`.length + 1);
    expect(res.commits).toBe(3);
  });

  it('never records an unreadable commit as clean: once its object is back, a cached scan finds its key', async () => {
    const { r, lost, broken, restore } = damaged();
    const secret = deriveCacheSecret('git-missing-test-secret');
    const first = ScanCache.fromBody(r.dir, 'vk', secret, emptyBody());
    const damagedRun = await scanGit(r.dir, det, { cache: first });
    expect(damagedRun.hits.map((h) => h.key.key)).not.toContain(lost);
    restore();
    const second = ScanCache.fromBody(r.dir, 'vk', secret, first.body());
    const res = await scanGit(r.dir, det, { cache: second });
    const hit = res.hits.find((h) => h.key.key === lost);
    expect(hit?.commit?.sha).toBe(broken);
    expect(res.warnings).toEqual([]);
  });

  it('a cached rerun of a damaged history reports the same totals as an uncached one', async () => {
    const { r } = damaged();
    const secret = deriveCacheSecret('git-missing-test-secret');
    const plain = await scanGit(r.dir, det);
    const first = ScanCache.fromBody(r.dir, 'vk', secret, emptyBody());
    await scanGit(r.dir, det, { cache: first });
    const again = await scanGit(r.dir, det, { cache: ScanCache.fromBody(r.dir, 'vk', secret, first.body()) });
    expect({ bytes: again.bytes, commits: again.commits, files: again.files }).toEqual({
      bytes: plain.bytes,
      commits: plain.commits,
      files: plain.files,
    });
    expect(again.warnings).toEqual(plain.warnings);
  });
});
