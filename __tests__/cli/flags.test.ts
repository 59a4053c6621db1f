/** The CLI's conventions, flag by flag: help, unknown flags, --output -, --exit-code, --results, baselines, logging. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { COMMANDS, cli } from '../../src/cli/main.js';
import { KeyGen } from '../helpers/keygen.js';

function io(cwd = process.cwd()) {
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

async function run(args: string[], cwd?: string) {
  const { io: cliIo, out } = io(cwd);
  const code = await cli(args, cliIo);
  return { code, ...out };
}

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
const gen = new KeyGen(2024);
/** A directory with one leaked key in `.env`. */
function leaky(extra: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'kg-flags-'));
  dirs.push(dir);
  writeFileSync(join(dir, '.env'), `OPENROUTER_API_KEY=${gen.openrouter()}\n`);
  for (const [n, c] of Object.entries(extra)) writeFileSync(join(dir, n), c);
  return dir;
}

const everyFlag = COMMANDS.flatMap((c) => c.flags.map((f) => [c.name, f.name] as const));

describe('--help', () => {
  it.each(everyFlag)('keyguard %s --help describes --%s', async (command, flag) => {
    const r = await run([command, '--help']);
    expect(r.code).toBe(0);
    const line = r.stdout
      .split('\n')
      .find((l) => l.includes(`--${flag} `) || l.trimEnd().endsWith(`--${flag}`));
    expect(line).toBeDefined();
  });

  it.each(COMMANDS.map((c) => c.name))('keyguard %s -h prints the same help as --help', async (command) => {
    expect((await run([command, '-h'])).stdout).toBe((await run([command, '--help'])).stdout);
  });

  it('lists every command and the exit codes at the top level', async () => {
    const r = await run(['--help']);
    for (const c of COMMANDS) expect(r.stdout).toContain(`  ${c.name} `);
    expect(r.stdout).toContain('Exit codes');
  });
});

describe('unknown flags', () => {
  it.each([
    ['scan', '--formatt', 'did you mean --format?'],
    ['baseline', '--histroy', 'did you mean --history?'],
    ['verify', '--bogus', ''],
    ['audit', '--csvv', 'did you mean --csv?'],
  ])('keyguard %s %s: exit 2 naming the flag and the command', async (command, flag, hint) => {
    const r = await run([command, flag]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^keyguard: unknown flag ${flag} for "keyguard ${command}"`));
    expect(r.stderr).toContain(hint);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('names a switch given a value', async () => {
    const r = await run(['scan', '--history=yes']);
    expect([r.code, r.stderr]).toEqual([2, 'keyguard: --history takes no value; see keyguard scan --help\n']);
  });
});

describe('scan --output', () => {
  it('writes the report to stdout for -', async () => {
    const r = await run(['scan', leaky(), '--format', 'json', '--output', '-']);
    expect([r.code, JSON.parse(r.stdout).summary.findings]).toEqual([1, 1]);
  });
});

describe('scan --exit-code', () => {
  it.each([
    ['0', 0],
    ['1', 1],
    ['7', 7],
    ['125', 125],
  ])('exits %s when leaks are found with --exit-code %s', async (n, code) => {
    expect((await run(['scan', leaky(), '--quiet', '--exit-code', n])).code).toBe(code);
  });

  it.each(['2', '3', '126', '255', 'x', '1.5'])('refuses --exit-code %s (exit 2)', async (n) => {
    const r = await run(['scan', leaky(), '--exit-code', n]);
    expect([r.code, r.stderr]).toEqual([2, expect.stringContaining(`--exit-code "${n}"`)]);
  });

  it('exits 0 on a clean tree whatever --exit-code says', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kg-clean-'));
    dirs.push(dir);
    expect((await run(['scan', dir, '--exit-code', '9'])).code).toBe(0);
  });
});

describe('scan --results', () => {
  it.each([['live'], ['unknown,revoked'], ['live,unknown,revoked']])(
    'needs verification for --results %s',
    async (v) => {
      const r = await run(['scan', leaky(), '--results', v]);
      expect([r.code, r.stderr]).toEqual([
        2,
        expect.stringContaining('--results filters by verification result'),
      ]);
    },
  );

  // Verification against a closed loopback port: the provider cannot be asked, so the key is "unknown".
  const offline = ['--openrouter-base-url', 'http://127.0.0.1:9/api/v1'];

  it.each(['verified', 'live,dead', ''])('refuses --results "%s"', async (v) => {
    const r = await run(['scan', leaky(), '--verify', '--results', v, ...offline]);
    expect([r.code, r.stderr]).toEqual([2, expect.stringContaining('--results')]);
  });

  it.each([
    ['unknown', 1, 1],
    ['live', 0, 0],
    ['live,revoked', 0, 0],
  ])('with --results %s a key that cannot be verified is shown %s time(s)', async (v, shown, code) => {
    const r = await run(['scan', leaky(), '--verify', '--results', v, '--format', 'json', ...offline]);
    expect([r.code, JSON.parse(r.stdout).findings.length]).toEqual([code, shown]);
  });

  it('verify.enabled: true in .keyguard.yml turns verification on in the CLI too', async () => {
    const dir = leaky({ '.keyguard.yml': 'verify:\n  enabled: true\n' });
    const r = await run(['scan', dir, '--results', 'unknown', '--format', 'json', ...offline]);
    expect([r.code, JSON.parse(r.stdout).findings[0].verification.status]).toEqual([1, 'unknown']);
  });

  it('--no-verify wins over verify.enabled: true', async () => {
    const dir = leaky({ '.keyguard.yml': 'verify:\n  enabled: true\n' });
    const r = await run(['scan', dir, '--no-verify', '--format', 'json']);
    expect(JSON.parse(r.stdout).findings[0].verification).toBeUndefined();
  });
});

describe('scan and the baseline file', () => {
  async function withBaseline(): Promise<string> {
    const dir = leaky();
    expect((await run(['baseline', dir])).code).toBe(0);
    return dir;
  }

  it('loads .keyguard-baseline.json of the scanned directory by itself, and says so', async () => {
    const dir = await withBaseline();
    const r = await run(['scan', dir]);
    expect([r.code, r.stderr]).toEqual([0, expect.stringContaining('using baseline')]);
  });

  it('reports every finding again with --no-baseline', async () => {
    const dir = await withBaseline();
    expect((await run(['scan', dir, '--no-baseline', '--quiet'])).code).toBe(1);
  });

  it('keeps quiet about the baseline with --log-level warn', async () => {
    const dir = await withBaseline();
    expect((await run(['scan', dir, '--log-level', 'warn'])).stderr).toBe('');
  });

  it('refuses --baseline together with --no-baseline', async () => {
    expect((await run(['scan', leaky(), '--baseline', 'x.json', '--no-baseline'])).code).toBe(2);
  });

  it('never writes a key into the baseline', async () => {
    const dir = await withBaseline();
    const key = readFileSync(join(dir, '.env'), 'utf8').trim().split('=')[1]!;
    expect(readFileSync(join(dir, '.keyguard-baseline.json'), 'utf8')).not.toContain(key);
  });
});

describe('logging', () => {
  it.each([['-v'], ['--verbose'], ['--log-level', 'debug']])(
    '%s logs the config used and the files scanned',
    async (...flags) => {
      const r = await run(['scan', leaky(), '--quiet', ...flags]);
      expect(r.stderr).toMatch(/keyguard: config: none \(defaults\)\nkeyguard: scanned \d+ file\(s\)/);
    },
  );

  it('refuses an unknown --log-level', async () => {
    const r = await run(['scan', leaky(), '--log-level', 'chatty']);
    expect([r.code, r.stderr]).toEqual([
      2,
      'keyguard: --log-level "chatty" is not one of error, warn, info, debug\n',
    ]);
  });
});

describe('exit codes and error prefixes are the same for every command', () => {
  it.each([
    [['scan', 'no/such/dir']],
    [['baseline', 'no/such/dir']],
    [['audit', '--csv', 'no/such.csv']],
    [['audit', '--provider', 'openai']],
    [['verify', '--provider']],
    [['nonsense']],
  ])('%j: exit 2 and one "keyguard: " line', async (args) => {
    const r = await run(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^keyguard: [^\n]+\n$/);
  });
});
