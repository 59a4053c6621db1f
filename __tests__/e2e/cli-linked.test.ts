/** `--fail-on-linked` end to end through dist/cli.js: linked credentials fail, warn or are left out. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { linkedRules } from '../../src/rules/linked/index.js';
import { seededRandom } from '../helpers/keygen.js';
import { leakedIn, runCli } from './harness.js';

const token = linkedRules.find((r) => r.id === 'github-token')!.sample(seededRandom(12));
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kg-linked-'));
  writeFileSync(join(dir, '.env'), `GITHUB_TOKEN=${token}\n`);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('keyguard scan --fail-on-linked', () => {
  it('fails by default on a linked credential and reports it redacted, of the linked kind', async () => {
    const out = join(dir, 'r.json');
    const res = await runCli(['scan', dir, '--format', 'json', '--output', out]);
    expect(res.code).toBe(1);
    const report = JSON.parse(readFileSync(out, 'utf8'));
    expect(report.findings.map((f: { ruleId: string; kind: string }) => [f.ruleId, f.kind])).toEqual([
      ['github-token', 'linked'],
    ]);
    expect(leakedIn(readFileSync(out, 'utf8') + res.stdout + res.stderr, [token])).toEqual([]);
  });

  it('reports but exits 0 with warn', async () => {
    const res = await runCli(['scan', dir, '--fail-on-linked', 'warn', '--no-color']);
    expect([res.code, res.stdout.includes('github-token')]).toEqual([0, true]);
  });

  it('leaves linked credentials out with off', async () => {
    const res = await runCli(['scan', dir, '--fail-on-linked', 'off', '--no-color']);
    expect([res.code, res.stdout.includes('github-token')]).toEqual([0, false]);
  });

  it('exits 2 on a value it does not know', async () => {
    const res = await runCli(['scan', dir, '--fail-on-linked', 'maybe']);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/fail-on-linked "maybe"/);
  });
});
