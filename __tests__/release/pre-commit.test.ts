/**
 * .pre-commit-hooks.yaml under the real pre-commit framework: a user's repository pins this repository's
 * hook by `rev`, `pre-commit install` wires it into git, and `git commit` runs it. The hook repository is
 * a local git repository made from this worktree's hook file and dist/cli.js (pre-commit clones it; no
 * network). .ci/run installs pre-commit when it is missing.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { GIT_ENV, ROOT } from '../e2e/harness.js';
import { KeyGen } from '../helpers/keygen.js';

const preCommit = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' });
const available = preCommit.status === 0;
if (!available) {
  // Loud on purpose: a skipped hook test must not pass for a tested one. `.ci/run` installs it.
  console.warn(
    'keyguard: SKIPPING the pre-commit hook tests: the pre-commit framework is not installed ' +
      '(apt-get install pre-commit, or pip install pre-commit; .ci/run does this)',
  );
}

const gen = new KeyGen(4242);
const work = mkdtempSync(join(tmpdir(), 'kg-precommit-'));
const bin = join(work, 'bin');

const baseEnv: NodeJS.ProcessEnv = {
  PATH: `${bin}:${process.env.PATH}`,
  HOME: join(work, 'home'),
  PRE_COMMIT_HOME: join(work, 'pre-commit-cache'),
  ...GIT_ENV,
  LANG: 'C.UTF-8',
};

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, env: baseEnv, encoding: 'utf8' }).trim();
}

/** This worktree's hook file and CLI bundle, committed in a repository of their own: what pre-commit clones. */
function hookRepository(): { path: string; rev: string } {
  const path = join(work, 'keyguard-hooks');
  mkdirSync(join(path, 'dist'), { recursive: true });
  copyFileSync(join(ROOT, '.pre-commit-hooks.yaml'), join(path, '.pre-commit-hooks.yaml'));
  copyFileSync(join(ROOT, 'dist', 'cli.js'), join(path, 'dist', 'cli.js'));
  chmodSync(join(path, 'dist', 'cli.js'), 0o755);
  git(path, 'init', '-q', '-b', 'main');
  git(path, 'add', '-A');
  git(path, 'commit', '-q', '-m', 'hooks');
  return { path, rev: git(path, 'rev-parse', 'HEAD') };
}

let hooks: { path: string; rev: string };
let counter = 0;

beforeAll(() => {
  mkdirSync(bin);
  mkdirSync(join(work, 'home'));
  // `keyguard` on PATH for the `language: system` hook, as `npm install -g keyguard` would put it.
  symlinkSync(join(ROOT, 'dist', 'cli.js'), join(bin, 'keyguard'));
  hooks = hookRepository();
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A user's repository with the hook configured and installed, and one commit of the config. */
function userRepository(hookId: string): string {
  const dir = join(work, `user-${++counter}`);
  mkdirSync(dir);
  git(dir, 'init', '-q', '-b', 'main');
  writeFileSync(
    join(dir, '.pre-commit-config.yaml'),
    `repos:\n  - repo: ${hooks.path}\n    rev: ${hooks.rev}\n    hooks:\n      - id: ${hookId}\n`,
  );
  git(dir, 'add', '.pre-commit-config.yaml');
  git(dir, 'commit', '-q', '--no-verify', '-m', 'pre-commit config');
  execFileSync('pre-commit', ['install'], { cwd: dir, env: baseEnv, stdio: 'pipe' });
  return dir;
}

function commit(dir: string, file: string, content: string): { code: number; output: string } {
  writeFileSync(join(dir, file), content);
  git(dir, 'add', file);
  const res = spawnSync('git', ['commit', '-m', `add ${file}`], { cwd: dir, env: baseEnv, encoding: 'utf8' });
  return { code: res.status ?? -1, output: res.stdout + res.stderr };
}

(available ? describe : describe.skip).each(['keyguard', 'keyguard-system'])(
  'the %s pre-commit hook',
  (hookId) => {
    it('refuses a commit that stages a leaked key, naming the file and never the whole key', () => {
      const dir = userRepository(hookId);
      const key = gen.openaiProject();
      const res = commit(dir, 'settings.env', `OPENAI_API_KEY=${key}\n`);
      expect(res.code).not.toBe(0);
      expect(res.output).toContain('settings.env');
      expect(res.output).not.toContain(key.slice(8, -4));
      expect(git(dir, 'log', '--format=%s')).toBe('pre-commit config');
    });

    it('lets a commit without a key through', () => {
      const dir = userRepository(hookId);
      const res = commit(dir, 'app.py', 'MODEL = "gpt-4o"\n');
      expect([res.code, git(dir, 'log', '-1', '--format=%s')]).toEqual([0, 'add app.py']);
    });
  },
);

describe('.pre-commit-hooks.yaml', () => {
  it('offers only hooks that download nothing (language system or script), on the staged changes', () => {
    const hooks = parse(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Record<
      string,
      unknown
    >[];
    expect(hooks.map((h) => [h.id, h.language, h.pass_filenames])).toEqual([
      ['keyguard', 'script', false],
      ['keyguard-system', 'system', false],
    ]);
    for (const h of hooks) expect(String(h.entry)).toMatch(/ scan --staged$/);
  });
});
