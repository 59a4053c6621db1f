/**
 * `--log-opts` and `--since-commit`: user text becomes a validated window, never git arguments as typed.
 * The attacks are the options git would honour: writing files, running programs, reading other repositories.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from '../../src/cli/main.js';
import { parseLogOpts, revisionProblem, windowArgs } from '../../src/git/history-window.js';
import { TestRepo } from '../e2e/harness.js';
import { KeyGen } from '../helpers/keygen.js';

describe('parseLogOpts accepts the documented subset', () => {
  it.each([
    ['main..feature', { revisions: ['main..feature'] }],
    ['v1.2.0...HEAD~3', { revisions: ['v1.2.0...HEAD~3'] }],
    ['--since=2026-01-01 --until=2026-02-01', { revisions: [], since: '2026-01-01', until: '2026-02-01' }],
    ['--after "2 weeks ago"', { revisions: [], since: '2 weeks ago' }],
    ['--author="Jane Doe" -n 5', { revisions: [], author: 'Jane Doe', maxCount: 5 }],
    ['-n20 --max-count=30', { revisions: [], maxCount: 30 }],
    ['--all', { revisions: [] }],
    [
      '0123456789abcdef0123456789abcdef01234567..HEAD',
      { revisions: ['0123456789abcdef0123456789abcdef01234567..HEAD'] },
    ],
  ])('%s', (text, window) => {
    expect(parseLogOpts(text)).toEqual(window);
  });
});

describe('parseLogOpts refuses everything else, naming it', () => {
  it.each([
    '--output=/tmp/pwned',
    '-o /tmp/pwned',
    '--ext-diff',
    '--textconv',
    '-c core.pager=id',
    '--exec-path=/tmp',
    '--git-dir=/tmp/other',
    '--no-index /etc/passwd /dev/null',
    '--format=%(trailers)',
    '--since=--output=/tmp/x',
    '--author=--output=/tmp/x',
    '--max-count=1e9',
    'HEAD;id',
    '$(id)',
    '`id`',
    'a..b..c',
    '--end-of-options --output=x',
    'main@{yesterday}',
    'refs/heads/x.lock',
    '"unclosed',
    '--all main',
  ])('%s', (text) => {
    expect(() => parseLogOpts(text)).toThrow(/--log-opts/);
  });
});

describe('windowArgs', () => {
  it('puts every option in --name=value form and every revision after --end-of-options', () => {
    expect(
      windowArgs({ revisions: ['main..dev'], since: '2 weeks ago', author: 'Jane Doe', maxCount: 3 }),
    ).toEqual(['--since=2 weeks ago', '--author=Jane Doe', '--max-count=3', '--end-of-options', 'main..dev']);
  });

  it('re-checks revisions built elsewhere', () => {
    expect(() => windowArgs({ revisions: ['--output=x'] })).toThrow(/revision/);
  });

  it.each(['-x', '--output', 'a b', 'a\nb', '..', 'x..', '.hidden', 'a//b'])(
    'revisionProblem refuses %j',
    (r) => {
      expect(revisionProblem(r)).toBeDefined();
    },
  );
});

function io(cwd: string) {
  const out = { stdout: '', stderr: '' };
  return {
    out,
    io: {
      stdout: { write: (s: string) => (out.stdout += s) },
      stderr: { write: (s: string) => (out.stderr += s) },
      stdin: (async function* () {})(),
      env: {},
      cwd,
    },
  };
}

describe('keyguard scan with a history window, on a real repository', () => {
  const gen = new KeyGen(77);
  let repo: TestRepo;
  let first: string;
  beforeAll(() => {
    repo = new TestRepo('kg-window-');
    first = repo.commit('old key', { 'old.env': `OPENAI_API_KEY=${gen.openaiProject()}\n` });
    repo.commit('new key', { 'new.env': `DEEPSEEK_API_KEY=${gen.deepseek()}\n` });
  });
  afterAll(() => repo.cleanup());

  async function files(args: string[]): Promise<{ code: number; files: string[]; stderr: string }> {
    const { io: cliIo, out } = io(repo.dir);
    const code = await cli(['scan', '.', '--format', 'json', '--no-baseline', ...args], cliIo);
    const files = out.stdout ? JSON.parse(out.stdout).findings.map((f: { file: string }) => f.file) : [];
    return { code, files, stderr: out.stderr };
  }

  it('--since-commit REF scans only the commits after REF', async () => {
    expect(await files(['--since-commit', first])).toMatchObject({ code: 1, files: ['new.env'] });
  });

  it('--log-opts "--max-count=1" scans only the newest commit', async () => {
    expect(await files(['--log-opts', '--max-count=1'])).toMatchObject({ code: 1, files: ['new.env'] });
  });

  it('--log-opts with an author nobody is scans nothing', async () => {
    expect(await files(['--log-opts', '--author=nobody-at-all'])).toMatchObject({ code: 0, files: [] });
  });

  it('--log-opts "--output=FILE" exits 2 and writes no file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kg-pwn-'));
    try {
      const target = join(dir, 'pwned');
      const r = await files(['--log-opts', `--output=${target}`]);
      expect([r.code, r.stderr, existsSync(target)]).toEqual([
        2,
        expect.stringContaining('is not allowed'),
        false,
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each(['--upload-pack=id', 'HEAD;id', '-oFILE'])(
    '--since-commit %s exits 2 before git runs',
    async (ref) => {
      const r = await files([`--since-commit=${ref}`]);
      expect([r.code, r.stderr]).toEqual([2, expect.stringMatching(/^keyguard: --since-commit/)]);
    },
  );
});
