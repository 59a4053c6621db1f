import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAuditArgs, runAudit } from '../../src/audit/cli.js';
import { InputError } from '../../src/config/errors.js';
import { KeyGen } from '../helpers/keygen.js';
import { ALLOWED_CIDRS, callLogCsv } from './helpers/calllog.js';

const H = 3_600_000;
const END = Date.UTC(2026, 10, 20);
const LEAK = END - 30 * H;
const iso = (ms: number) => new Date(ms).toISOString();

let dir: string;
let csv: string;
let truth: ReturnType<typeof callLogCsv>['truth'];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kg-audit-cli-'));
  csv = join(dir, 'calls.csv');
  const gen = callLogCsv({
    endMs: END,
    leakMs: LEAK,
    hours: 72,
    normalPerHour: 10,
    burstPerHour: 10,
    quoted: true,
  });
  truth = gen.truth;
  writeFileSync(csv, gen.text);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runAudit(args, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
  });
  return { code, stdout, stderr };
}

const base = () => [
  '--csv',
  csv,
  '--end',
  iso(END),
  '--leak-time',
  iso(LEAK),
  '--allow-ip',
  ALLOWED_CIDRS.join(','),
];

describe('runAudit', () => {
  it('prints the verdict as text and exits 0', async () => {
    const r = await run(base());
    expect([r.code, r.stdout.split('\n')[0]]).toEqual([
      0,
      expect.stringMatching(
        new RegExp(`^${truth.attack} requests from ${truth.attackIps.size} unknown IPs after leak`),
      ),
    ]);
  });

  it('prints a JSON report with --format json', async () => {
    const r = await run([...base(), '--format', 'json']);
    expect(JSON.parse(r.stdout).totals.requests).toBe(truth.normal + truth.attack);
  });

  it('prints markdown with mermaid charts with --format markdown', async () => {
    const r = await run([...base(), '--format=markdown']);
    expect(r.stdout).toMatch(/```mermaid\n(%%\{init: .*\}%%\n)?xychart-beta\n/);
  });

  it('writes the flagged requests to --flagged-csv', async () => {
    const out = join(dir, 'flagged.csv');
    await run([...base(), '--flagged-csv', out]);
    expect(readFileSync(out, 'utf8').trim().split('\r\n')).toHaveLength(truth.attack + 1);
  });

  it('accepts the leading "audit" word and a column mapping', async () => {
    const r = await run(['audit', ...base(), '--column', 'time=created_at', '--window', '3d']);
    expect(r.code).toBe(0);
  });

  it('reads several --csv files into one report', async () => {
    const r = await run([...base(), '--csv', csv, '--format', 'json']);
    expect(JSON.parse(r.stdout).totals.requests).toBe(2 * (truth.normal + truth.attack));
  });

  it.each([
    [[], /--csv FILE is required/],
    [['--csv'], /--csv needs a value/],
    [['--csv', 'x.csv', '--bogus'], /unknown flag --bogus for "keyguard audit"/],
    [['--csv', 'x.csv', '--key-id', 'k'], /--key-id is for audit --provider/],
    [['--csv', 'x.csv', '--allow-ip', '10.0.0.0/33'], /--allow-ip: CIDR prefix too long/],
    [['--csv', 'x.csv', '--window', 'a week'], /--window "a week" is not a duration/],
    [['--csv', 'x.csv', '--end', 'tomorrow'], /--end "tomorrow" is not a time/],
    [['--csv', 'x.csv', '--window', '400d'], /--window "400d" is longer than 366 days/],
    [['--csv', 'x.csv', '--format', 'xml'], /--format "xml" is not one of/],
    [['--csv', 'x.csv', '--column', 'when=created'], /--column "when=created" is not FIELD=HEADER/],
  ])('rejects %j with exit 2 and a one-line reason', async (args, reason) => {
    const r = await run(args);
    expect([r.code, r.stderr]).toEqual([2, expect.stringMatching(reason)]);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('exits 2 when a CSV file cannot be read', async () => {
    const r = await run(['--csv', join(dir, 'missing.csv')]);
    expect([r.code, r.stderr]).toEqual([2, expect.stringMatching(/cannot read --csv/)]);
  });

  it('exits 2 when the CSV has no time column', async () => {
    const bad = join(dir, 'notime.csv');
    writeFileSync(bad, 'a,b\n1,2\n');
    const r = await run(['--csv', bad]);
    expect([r.code, r.stderr]).toEqual([2, expect.stringMatching(/no time column/)]);
  });

  it('prints usage and exits 0 with --help', async () => {
    const r = await run(['--help']);
    expect([r.code, r.stdout]).toEqual([0, expect.stringMatching(/^keyguard audit: /)]);
  });

  it('never prints a key found in the log', async () => {
    const key = new KeyGen(9).openaiProject();
    const file = join(dir, 'withkey.csv');
    writeFileSync(file, `time,ip,ua,path\n${iso(END - H)},203.0.113.1,curl/8 ${key},/v1/x?key=${key}\n`);
    const outs = await Promise.all(
      ['text', 'json', 'markdown'].map((f) => run(['--csv', file, '--end', iso(END), '--format', f])),
    );
    expect(outs.map((o) => o.stdout).join('')).not.toContain(key);
  });
});

describe('runAudit on a log that ended long ago', () => {
  let old: string;
  const OLD_END = Date.UTC(2025, 0, 10);
  beforeAll(() => {
    old = join(dir, 'old.csv');
    const gen = callLogCsv({
      endMs: OLD_END,
      leakMs: OLD_END - 30 * H,
      hours: 72,
      normalPerHour: 10,
      burstPerHour: 10,
    });
    writeFileSync(old, gen.text);
  });

  it("ends the window at the log's last event when --end is not given, and says so", async () => {
    const r = await run(['--csv', old, '--allow-ip', ALLOWED_CIDRS.join(','), '--format', 'json']);
    const report = JSON.parse(r.stdout);
    expect([r.code, report.totals.ignored, r.stderr]).toEqual([
      0,
      0,
      expect.stringContaining("--end not given: the window ends at the log's last event"),
    ]);
    expect(Date.parse(report.window.end)).toBeLessThanOrEqual(OLD_END + 1000);
  });

  it('exits 3 and says NOT AUDITED, never "no use", when the window holds none of the rows', async () => {
    const r = await run(['--csv', old, '--end', iso(END)]);
    expect([r.code, r.stdout, r.stderr]).toEqual([
      3,
      expect.stringMatching(/^NOT AUDITED: the window .* holds none of the \d+ events in the log/),
      expect.stringMatching(/^keyguard: warning: NOT AUDITED/),
    ]);
    expect(r.stdout).not.toMatch(/^No use/);
  });
});

describe('parseAuditArgs', () => {
  it('collects repeated and comma-separated --allow-ip values', () => {
    const a = parseAuditArgs(['--csv', 'f', '--allow-ip', '10.0.0.0/8,::1', '--allow-ip', '2001:db8::/32']);
    expect(a.allowIps).toEqual(['10.0.0.0/8', '::1', '2001:db8::/32']);
  });

  it('throws InputError for a usage problem', () => {
    expect(() => parseAuditArgs(['--window'])).toThrow(InputError);
  });
});
