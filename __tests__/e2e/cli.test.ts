/** The bundled CLI (dist/cli.js) end to end: commands, exit codes, formats, and no key in any output. */
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type OpenAIEmulator, startOpenAIEmulator } from '../emulators/openai.js';
import { KeyGen } from '../helpers/keygen.js';
import { CLI, leakedIn, ROOT, runCli, TestRepo } from './harness.js';

const gen = new KeyGen(99);
const dirs: string[] = [];
function tempDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'kg-cli-'));
  dirs.push(dir);
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('keyguard scan', () => {
  it('exits 0 on a clean directory', async () => {
    const res = await runCli(['scan', tempDir({ 'a.js': 'const model = "gpt-4o";\n' })]);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/No leaked keys/i);
  });

  it('exits 1 and prints a readable, redacted report when keys are found', async () => {
    const key = gen.openaiProject();
    const res = await runCli(['scan', tempDir({ '.env': `OPENAI_API_KEY=${key}\n` }), '--no-color']);
    expect(res.code).toBe(1);
    expect(res.stdout).toContain('.env');
    expect(res.stdout).toContain(`sk-proj-${key.slice(8, 12)}…${key.slice(-4)}`);
    expect(leakedIn(res.stdout + res.stderr, [key])).toEqual([]);
  });

  it.each(['json', 'sarif'])('writes the %s format without any whole key', async (format) => {
    const keys = [gen.anthropic(), gen.openrouter(), gen.deepseek()];
    const dir = tempDir({ 'k.txt': keys.join('\n') });
    const out = join(dir, `out.${format}`);
    const res = await runCli(['scan', dir, '--format', format, '--output', out]);
    expect(res.code).toBe(1);
    const text = readFileSync(out, 'utf8');
    expect(JSON.parse(text)).toBeTruthy();
    expect(leakedIn(text, keys)).toEqual([]);
  });

  it('exits 2 with a one-line reason on an unknown flag', async () => {
    const res = await runCli(['scan', '.', '--formatt', 'json']);
    expect(res.code).toBe(2);
    expect(res.stderr.trim().split('\n')).toHaveLength(1);
    expect(res.stderr).toMatch(/^keyguard: .*formatt/);
  });

  it('exits 2 naming the line of a bad config file', async () => {
    const dir = tempDir({ '.keyguard.yml': 'rules:\n  custom:\n    - id: x\n      regex: "x(?=y)"\n' });
    const res = await runCli(['scan', dir]);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/\.keyguard\.yml:4/);
  });

  it('survives a symlink loop and a link out of the tree', async () => {
    const dir = tempDir({ 'a.txt': 'hello\n' });
    symlinkSync(dir, join(dir, 'loop'));
    symlinkSync('/etc', join(dir, 'outside'));
    const res = await runCli(['scan', dir]);
    expect(res.code).toBe(0);
  });

  it('honours an inline keyguard:allow comment', async () => {
    const key = gen.deepseek();
    const res = await runCli([
      'scan',
      tempDir({ 'test.py': `KEY = "${key}"  # keyguard:allow test fixture\n` }),
    ]);
    expect(res.code).toBe(0);
  });

  it('scans staged changes for the pre-commit hook', async () => {
    const repo = new TestRepo();
    try {
      repo.commit('init', { 'README.md': '# x\n' });
      const key = gen.openrouter();
      repo.write('app.js', `const k = "${key}";\n`);
      repo.git('add', 'app.js');
      const res = await runCli(['scan', repo.dir, '--staged', '--no-color']);
      expect(res.code).toBe(1);
      expect(res.stdout).toContain('app.js');
      repo.git('reset', '-q', 'app.js');
      const clean = await runCli(['scan', repo.dir, '--staged']);
      expect(clean.code).toBe(0);
    } finally {
      repo.cleanup();
    }
  });

  it('scans a 10 MB line of sk-sk-sk… without catastrophic backtracking', async () => {
    const dir = tempDir({ 'line.txt': 'sk-'.repeat(3_500_000) });
    const started = Date.now();
    const res = await runCli(['scan', dir, '--format', 'json', '--output', join(dir, 'o.json')]);
    expect(res.code).toBe(0);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});

describe('keyguard scan of a directory below the top of a repository', () => {
  it('sweeps tree and history there as one finding per key, with paths relative to it', async () => {
    const repo = new TestRepo();
    try {
      const key = gen.openrouter();
      repo.commit('keys', {
        'services/api/.env': `OPENROUTER_API_KEY=${key}\n`,
        'web/.env': `KEY=${gen.deepseek()}\n`,
      });
      const res = await runCli(['scan', join(repo.dir, 'services'), '--sweep', '--format', 'json']);
      expect(res.code).toBe(1);
      const report = JSON.parse(res.stdout) as { findings: { file: string; commit?: unknown }[] };
      expect(report.findings.map((f) => [f.file, Boolean(f.commit)])).toEqual([['api/.env', true]]);
    } finally {
      repo.cleanup();
    }
  });

  it('scans only what is staged there, for a pre-commit hook run in a subdirectory', async () => {
    const repo = new TestRepo();
    try {
      repo.commit('init', { 'README.md': '# x\n' });
      repo.write('pkg/app.js', `const k = "${gen.openrouter()}";\n`);
      repo.write('other/app.js', `const k = "${gen.openrouter()}";\n`);
      repo.git('add', '-A');
      const res = await runCli(['scan', join(repo.dir, 'pkg'), '--staged', '--format', 'json']);
      const report = JSON.parse(res.stdout) as { findings: { file: string }[] };
      expect(report.findings.map((f) => f.file)).toEqual(['app.js']);
    } finally {
      repo.cleanup();
    }
  });
});

describe('keyguard scan FILE', () => {
  it('scans one file given as PATH, reports it by name and exits 1 on its key', async () => {
    const key = gen.openrouter();
    const dir = tempDir({
      'settings.env': `OPENROUTER_API_KEY=${key}\n`,
      'other.env': `KEY=${gen.deepseek()}\n`,
    });
    const res = await runCli(['scan', join(dir, 'settings.env'), '--format', 'json']);
    expect(res.code).toBe(1);
    const report = JSON.parse(res.stdout) as { findings: { file: string; line: number }[] };
    expect(report.findings.map((f) => [f.file, f.line])).toEqual([['settings.env', 1]]);
    expect(leakedIn(res.stdout + res.stderr, [key])).toEqual([]);
  });
});

describe('keyguard scan -', () => {
  it('scans standard input as one stream, with the line of each key', async () => {
    const key = gen.anthropic();
    const stdin = `${'plain log line\n'.repeat(20_000)}ANTHROPIC_API_KEY=${key}\ndone\n`;
    const res = await runCli(['scan', '-', '--format', 'json'], { stdin });
    expect(res.code).toBe(1);
    const report = JSON.parse(res.stdout) as { findings: { file: string; line: number; column: number }[] };
    expect(report.findings.map((f) => [f.file, f.line, f.column])).toEqual([['<stdin>', 20_001, 19]]);
    expect(leakedIn(res.stdout + res.stderr, [key])).toEqual([]);
  });

  it('exits 0 on clean standard input', async () => {
    const res = await runCli(['scan', '-', '--quiet'], { stdin: 'nothing here\n' });
    expect([res.code, res.stdout]).toEqual([0, '']);
  });

  it('refuses --history with standard input', async () => {
    const res = await runCli(['scan', '-', '--history'], { stdin: '' });
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('--history cannot read standard input');
  });
});

describe('keyguard scan with and without the WebAssembly pre-filter', () => {
  it('reports the same findings, lines and columns from a tree of many files either way', async () => {
    const files: Record<string, string> = {};
    const b64 = (s: string) => Buffer.from(s).toString('base64');
    for (let i = 0; i < 120; i++) {
      const key = [gen.openaiProject(), gen.deepseek(), gen.anthropic(), gen.stripeLive(), gen.groq()][
        i % 5
      ]!;
      files[`plain-${i}.js`] = `${'const x = 1; // task-queue sk-learn\n'.repeat(i)}const k = "${key}";\n`;
      if (i % 3 === 0) files[`secret-${i}.yaml`] = `data:\n  KEY: ${b64(`KEY=${key}\n`)}\n`;
      if (i % 7 === 0) files[`blob-${i}.bin`] = `\u0000\u0001${key}\u0000${'\u00ff'.repeat(50)}`;
      files[`clean-${i}.txt`] = 'nothing to see here, only words and numbers 12345\n'.repeat(50);
    }
    // Over 64 files, so worker threads scan too.
    const dir = tempDir(files);
    const scan = async (env: Record<string, string>) => {
      const out = join(dir, '..', `${dir.split('/').pop()}-${env.KEYGUARD_NO_WASM ?? 'wasm'}.json`);
      dirs.push(out);
      const res = await runCli(['scan', dir, '--format', 'json', '--output', out], { env });
      expect(res.code).toBe(1);
      const report = JSON.parse(readFileSync(out, 'utf8')) as { findings: Record<string, unknown>[] };
      return report.findings.map((f) => [f.file, f.line, f.column, f.ruleId, f.fingerprint, f.encoding]);
    };
    const withWasm = await scan({});
    expect(withWasm.length).toBe(178);
    expect(await scan({ KEYGUARD_NO_WASM: '1' })).toEqual(withWasm);
  });
});

describe('keyguard baseline', () => {
  it('writes fingerprints, never keys, and a later scan with it is clean', async () => {
    const key = gen.moonshot();
    const dir = tempDir({ 'old.env': `MOONSHOT_API_KEY=${key}\n` });
    const file = join(dir, 'baseline.json');
    const res = await runCli(['baseline', dir, '--output', file]);
    expect(res.code).toBe(0);
    expect(leakedIn(readFileSync(file, 'utf8'), [key])).toEqual([]);
    const rescan = await runCli(['scan', dir, '--baseline', file]);
    expect(rescan.code).toBe(0);
  });
});

describe('keyguard verify', () => {
  let emu: OpenAIEmulator;
  beforeAll(async () => {
    emu = await startOpenAIEmulator();
  });
  afterAll(() => emu.stop());

  it('reads the key from stdin and exits 1 when it is live', async () => {
    const key = emu.addKey().value;
    const res = await runCli(['verify', '--openai-base-url', emu.apiBase], { stdin: `${key}\n` });
    expect(res.stdout).toMatch(/^live\topenai\t/);
    expect(res.code).toBe(1);
    expect(leakedIn(res.stdout + res.stderr, [key])).toEqual([]);
  });

  it('exits 0 for a revoked key', async () => {
    const res = await runCli(['verify', '--openai-base-url', emu.apiBase], { stdin: gen.openaiProject() });
    expect(res.stdout).toMatch(/^revoked\t/);
    expect(res.code).toBe(0);
  });

  it('exits 3 (unknown) when the provider cannot be reached', async () => {
    const res = await runCli(['verify', '--openai-base-url', 'http://127.0.0.1:9/v1'], {
      stdin: gen.openaiProject(),
    });
    expect(res.stdout).toMatch(/^unknown\t/);
    expect(res.code).toBe(3);
  });

  it('refuses a key given as an argument instead of stdin', async () => {
    const res = await runCli(['verify', gen.openaiProject()]);
    expect(res.code).toBe(2);
  });
});

describe('keyguard audit', () => {
  it('audits an exported call-log CSV and flags requests from unknown networks', async () => {
    const rows = ['timestamp,status,ip,user_agent'];
    for (let h = 0; h < 24; h++)
      rows.push(`2026-01-05T${String(h).padStart(2, '0')}:10:00Z,200,203.0.113.5,OpenAI/Python 1.40.0`);
    rows.push('2026-01-06T03:00:00Z,401,198.51.100.7,curl/8.5.0');
    rows.push('2026-01-06T03:01:00Z,429,198.51.100.7,python-requests/2.31');
    const dir = tempDir({ 'calls.csv': `${rows.join('\n')}\n` });
    const res = await runCli([
      'audit',
      '--csv',
      join(dir, 'calls.csv'),
      '--allow-ip',
      '203.0.113.0/24',
      '--end',
      '2026-01-07T00:00:00Z',
      '--leak-time',
      '2026-01-06T00:00:00Z',
      '--format',
      'json',
    ]);
    expect(res.code).toBe(0);
    const report = JSON.parse(res.stdout);
    expect(report.flaggedTotal).toBe(2);
  });
});

describe('keyguard --help and --version', () => {
  it('prints the version from package.json', async () => {
    const res = await runCli(['--version']);
    expect(res.stdout.trim()).toBe(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
  });

  it('prints usage with every command', async () => {
    const res = await runCli(['--help']);
    for (const cmd of ['scan', 'baseline', 'verify', 'audit'])
      expect(res.stdout).toContain(`keyguard ${cmd}`);
    expect(CLI.endsWith('cli.js')).toBe(true);
  });
});

describe('the bundled CLI follows the ecosystem conventions', () => {
  it.each([
    ['scan', ['--log-opts', '--exit-code', '--results', '--since-commit', '--no-baseline', '--log-level']],
    ['baseline', ['--output', '--history', '--config']],
    ['verify', ['--provider', '--openai-base-url']],
    ['audit', ['--csv', '--output', '--provider', '--key-id', '--end', '--allow-ip']],
  ])('keyguard %s --help describes its flags and exits 0', async (command, flags) => {
    const res = await runCli([command, '--help']);
    expect(res.code).toBe(0);
    for (const f of flags) expect(res.stdout).toContain(f);
  });

  it('names an unknown flag in a keyguard message and exits 2', async () => {
    const res = await runCli(['audit', '--csv', 'x.csv', '--allow-ips', '10.0.0.0/8']);
    expect([res.code, res.stderr]).toEqual([
      2,
      'keyguard: unknown flag --allow-ips for "keyguard audit" (did you mean --allow-ip?); see keyguard audit --help\n',
    ]);
  });

  it('writes the report to stdout with --output - and exits with --exit-code N on leaks', async () => {
    const key = gen.deepseek();
    const res = await runCli([
      'scan',
      tempDir({ 'k.txt': `${key}\n` }),
      '--output',
      '-',
      '--format',
      'json',
      '--exit-code',
      '5',
    ]);
    expect([res.code, JSON.parse(res.stdout).findings.length]).toEqual([5, 1]);
    expect(leakedIn(res.stdout + res.stderr, [key])).toEqual([]);
  });

  it('scans a --since-commit window of a real repository', async () => {
    const repo = new TestRepo();
    try {
      const first = repo.commit('old', { 'old.env': `K=${gen.openrouter()}\n` });
      repo.commit('new', { 'new.env': `K=${gen.anthropic()}\n` });
      const res = await runCli(['scan', '--since-commit', first, '--format', 'json'], { cwd: repo.dir });
      expect([res.code, JSON.parse(res.stdout).findings.map((f: { file: string }) => f.file)]).toEqual([
        1,
        ['new.env'],
      ]);
    } finally {
      repo.cleanup();
    }
  });

  it('refuses a --log-opts option that would write a file, before git runs', async () => {
    const repo = new TestRepo();
    try {
      repo.commit('init', { 'a.txt': 'a\n' });
      const res = await runCli(['scan', '--log-opts', '--output=pwned.txt'], { cwd: repo.dir });
      expect([res.code, res.stderr]).toEqual([
        2,
        expect.stringMatching(/^keyguard: --log-opts: "--output=pwned.txt" is not allowed/),
      ]);
    } finally {
      repo.cleanup();
    }
  });

  it('audits an old call log where its rows are, writes --output, and says which end it chose', async () => {
    const dir = tempDir({
      'calls.csv':
        'time,ip,status\n2025-01-09T10:00:00Z,10.0.0.1,200\n2025-01-09T11:00:00Z,203.0.113.9,200\n',
    });
    const out = join(dir, 'audit.json');
    const res = await runCli(['audit', '--csv', join(dir, 'calls.csv'), '--format', 'json', '--output', out]);
    const report = JSON.parse(readFileSync(out, 'utf8'));
    expect([res.code, res.stdout, report.totals.events]).toEqual([0, '', 2]);
    expect(res.stderr).toContain("the window ends at the log's last event");
  });

  it('exits 3 with NOT AUDITED when --end puts the window where the log has no rows', async () => {
    const dir = tempDir({ 'calls.csv': 'time,ip,status\n2025-01-09T10:00:00Z,10.0.0.1,200\n' });
    const res = await runCli(['audit', '--csv', join(dir, 'calls.csv'), '--end', '2026-11-20T00:00:00Z']);
    expect([res.code, res.stdout]).toEqual([3, expect.stringMatching(/^NOT AUDITED/)]);
  });
});
