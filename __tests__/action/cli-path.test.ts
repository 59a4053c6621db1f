/** The CLI's PATH argument: a directory, or one file for a tree scan; anything else is a usage error (exit 2). */
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from '../../src/cli/main.js';
import { KeyGen } from '../helpers/keygen.js';

function io() {
  const out = { stdout: '', stderr: '' };
  return {
    out,
    io: {
      stdout: { write: (s: string) => (out.stdout += s) },
      stderr: { write: (s: string) => (out.stderr += s) },
      stdin: (async function* () {})(),
      env: {},
      cwd: process.cwd(),
    },
  };
}

describe('keyguard scan PATH', () => {
  it('exits 2 naming a path that does not exist', async () => {
    const { io: cliIo, out } = io();
    expect(await cli(['scan', 'no/such/dir'], cliIo)).toBe(2);
    expect(out.stderr).toBe('keyguard: PATH "no/such/dir" does not exist\n');
  });

  it('scans a file given as PATH alone, reporting it by its name', async () => {
    const { io: cliIo, out } = io();
    expect(await cli(['scan', 'package.json', '--format', 'json'], cliIo)).toBe(0);
    expect(JSON.parse(out.stdout).summary).toMatchObject({ scannedFiles: 1, findings: 0 });
  });

  it('follows a link named as PATH to the file it points at', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kg-link-'));
    try {
      writeFileSync(join(dir, 'real.env'), `OPENROUTER_API_KEY=${new KeyGen(13).openrouter()}\n`);
      symlinkSync(join(dir, 'real.env'), join(dir, 'link.env'));
      const { io: cliIo, out } = io();
      expect(await cli(['scan', join(dir, 'link.env'), '--format', 'json'], cliIo)).toBe(1);
      expect(JSON.parse(out.stdout).findings.map((f: { file: string }) => f.file)).toEqual(['real.env']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each(['--history', '--sweep', '--staged'])(
    'exits 2 for %s with a file PATH, naming the file',
    async (flag) => {
      const { io: cliIo, out } = io();
      expect(await cli(['scan', 'package.json', flag], cliIo)).toBe(2);
      expect(out.stderr).toContain('needs a directory PATH (a git checkout), not the file "package.json"');
    },
  );

  it('keeps baseline to directories, naming a missing one', async () => {
    const { io: cliIo, out } = io();
    expect(await cli(['baseline', 'no/such/dir'], cliIo)).toBe(2);
    expect(out.stderr).toContain('PATH "no/such/dir" is not a directory');
  });
});

describe('keyguard scan --output', () => {
  it('refuses a file in a directory that does not exist, before scanning', async () => {
    const { io: cliIo, out } = io();
    expect(await cli(['scan', 'package.json', '--output', 'no/such/dir/report.json'], cliIo)).toBe(2);
    expect(out.stderr).toMatch(
      /^keyguard: --output no\/such\/dir\/report.json: directory .*no\/such\/dir does not exist\n$/,
    );
  });

  it('says how many leaked keys the scan found when the report cannot be written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kg-out-'));
    try {
      writeFileSync(join(dir, '.env'), `OPENROUTER_API_KEY=${new KeyGen(12).openrouter()}\n`);
      const { io: cliIo, out } = io();
      // A directory where the report file should go: the write fails after the scan.
      expect(await cli(['scan', dir, '--output', dir], cliIo)).toBe(2);
      expect(out.stderr).toContain('(it is a directory, not a regular file); the scan found 1 leaked key');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('keyguard scan --fail-on live', () => {
  it('is a usage error (exit 2) without verification: a check that can never fail is a false all-clear', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kg-live-'));
    try {
      writeFileSync(join(dir, '.env'), `OPENROUTER_API_KEY=${new KeyGen(14).openrouter()}\n`);
      const { io: cliIo, out } = io();
      expect(await cli(['scan', dir, '--fail-on', 'live', '--quiet'], cliIo)).toBe(2);
      expect(out.stderr).toMatch(/^keyguard: --fail-on live needs verification/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is a usage error when .keyguard.yml turns verification off, even with --verify', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kg-live-'));
    try {
      writeFileSync(join(dir, '.keyguard.yml'), 'verify:\n  enabled: false\n');
      const { io: cliIo, out } = io();
      expect(await cli(['scan', dir, '--fail-on', 'live', '--verify'], cliIo)).toBe(2);
      expect(out.stderr).toContain('--fail-on live needs verification');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
