/** src/git/pinned.ts: which repository keyguard pins for a path, and what every git command gets. */
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execGit, GitSourceError, gitArgv, gitEnv, HARDENING, pinRepository } from '../../src/git/pinned.js';
import { plantFakeBareRepo } from '../helpers/hostile-git.js';
import { TestRepo } from '../sources/gitrepo.js';

const scratch = realpathSync(mkdtempSync(join(tmpdir(), 'kg-pinned-')));
const repos: TestRepo[] = [];
afterAll(() => {
  for (const r of repos) r.cleanup();
  rmSync(scratch, { recursive: true, force: true });
});
function repo(): TestRepo {
  const r = new TestRepo();
  repos.push(r);
  r.write('README.md', '# x\n').commit('init');
  return r;
}

describe('pinRepository', () => {
  it('pins the checkout above a subdirectory, with the subdirectory as prefix', () => {
    const r = repo();
    mkdirSync(join(r.dir, 'a', 'b'), { recursive: true });
    const pinned = pinRepository(join(r.dir, 'a', 'b'));
    const top = realpathSync(r.dir);
    expect(pinned).toMatchObject({ gitDir: join(top, '.git'), workTree: top, prefix: 'a/b/' });
  });

  it('never takes a directory that looks like a bare repository for one', () => {
    const fake = join(scratch, 'fake-bare');
    plantFakeBareRepo(fake, join(scratch, 'marker'));
    expect(() => pinRepository(fake, scratch)).toThrow(
      /not in a git checkout .*bare repository is never used/,
    );
  });

  it('stops at the ceiling: a checkout above the workspace is not used', () => {
    const r = repo();
    const workspace = join(r.dir, 'ws');
    mkdirSync(join(workspace, 'sub'), { recursive: true });
    expect(() => pinRepository(join(workspace, 'sub'), workspace)).toThrow(GitSourceError);
    expect(pinRepository(join(workspace, 'sub'), r.dir).prefix).toBe('ws/sub/');
  });

  it.each([
    ['a directory of the tree', 'gitdir: ../elsewhere\n'],
    ['nothing at all', 'gitdir: /nonexistent/kg/path\n'],
    ['no gitdir line', 'hello\n'],
  ])('refuses a .git file pointing at %s', (_what, text) => {
    const r = repo();
    mkdirSync(join(r.dir, 'elsewhere'), { recursive: true });
    mkdirSync(join(r.dir, 'pkg'), { recursive: true });
    writeFileSync(join(r.dir, 'pkg', '.git'), text);
    expect(() => pinRepository(join(r.dir, 'pkg'))).toThrow(/pkg\/\.git /);
  });
});

describe('every git command', () => {
  it('names the git directory and work tree and carries every override', () => {
    const r = repo();
    const pinned = pinRepository(r.dir);
    const argv = gitArgv(pinned, ['log']);
    expect(argv.slice(0, 3)).toEqual([
      '--no-pager',
      `--git-dir=${pinned.gitDir}`,
      `--work-tree=${pinned.workTree}`,
    ]);
    for (const setting of HARDENING) expect(argv).toContain(setting);
    expect(argv.at(-1)).toBe('log');
  });

  it('runs without any GIT_* variable of our own environment, and without system or global config', () => {
    const r = repo();
    const saved = { ...process.env };
    process.env.GIT_EXTERNAL_DIFF = '/bin/false';
    process.env.GIT_SSH_COMMAND = '/bin/false';
    process.env.GIT_CONFIG_PARAMETERS = "'core.fsmonitor'='/bin/false'";
    try {
      const env = gitEnv(pinRepository(r.dir));
      expect(env.GIT_EXTERNAL_DIFF).toBeUndefined();
      expect(env.GIT_SSH_COMMAND).toBeUndefined();
      expect(env.GIT_CONFIG_PARAMETERS).toBeUndefined();
      expect(env).toMatchObject({ GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' });
    } finally {
      process.env = saved;
    }
  });

  it('reports the overrides as git sees them (command-line scope wins over the repository config)', async () => {
    const r = repo();
    r.git('config', 'core.fsmonitor', '/bin/false');
    r.git('config', 'remote.origin.uploadpack', '/bin/false');
    const fsmonitor = await execGit(r.dir, ['config', '--get', 'core.fsmonitor']);
    const uploadpack = await execGit(r.dir, ['config', '--get', 'remote.origin.uploadpack']);
    expect([fsmonitor.stdout.trim(), uploadpack.stdout.trim()]).toEqual(['false', 'git-upload-pack']);
  });

  it.each([
    ['inside the git directory (a pre-commit hook of git commit -a)', true],
    ['outside it', false],
  ])("keeps the hook's GIT_INDEX_FILE only when it lies %s", (_where, kept) => {
    const r = repo();
    const pinned = pinRepository(r.dir);
    const file = kept ? join(pinned.gitDir, 'next-index.lock') : join(scratch, 'index');
    const saved = process.env.GIT_INDEX_FILE;
    process.env.GIT_INDEX_FILE = file;
    try {
      expect(gitEnv(pinned).GIT_INDEX_FILE).toBe(kept ? file : undefined);
    } finally {
      if (saved === undefined) delete process.env.GIT_INDEX_FILE;
      else process.env.GIT_INDEX_FILE = saved;
    }
  });
});
