/**
 * Files keyguard reads settings from and writes reports to are where they claim to be: each test plants
 * what a pull request (or a cloned repository) can plant: a link to a file outside, a linked parent
 * directory, a FIFO.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readRegularFile } from '../../src/files/read-regular.js';
import { FileRefusedError } from '../../src/files/where.js';
import { writeReportFile } from '../../src/files/write-report.js';

let workspace: string;
let outside: string;
let victim: string;
beforeEach(() => {
  workspace = mkdtempSync(join(tmpdir(), 'kg-ws-'));
  outside = mkdtempSync(join(tmpdir(), 'kg-outside-'));
  victim = join(outside, 'victim.txt');
  writeFileSync(victim, 'precious\n');
});
afterEach(() => {
  rmSync(workspace, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

describe('writeReportFile', () => {
  it('writes a new report inside the workspace, creating its directory', async () => {
    await writeReportFile(join(workspace, 'out', 'k.sarif'), '{}', { within: [workspace], mkdirs: true });
    expect(readFileSync(join(workspace, 'out', 'k.sarif'), 'utf8')).toBe('{}');
  });

  it('replaces an existing regular report', async () => {
    writeFileSync(join(workspace, 'k.sarif'), 'old and longer');
    await writeReportFile(join(workspace, 'k.sarif'), 'new', { within: [workspace] });
    expect(readFileSync(join(workspace, 'k.sarif'), 'utf8')).toBe('new');
  });

  it('refuses a planted link at the report path and leaves its target untouched', async () => {
    symlinkSync(victim, join(workspace, 'keyguard.sarif'));
    await expect(
      writeReportFile(join(workspace, 'keyguard.sarif'), 'x', { within: [workspace] }),
    ).rejects.toThrow(/it is a symbolic link: keyguard never writes through one/);
    expect(readFileSync(victim, 'utf8')).toBe('precious\n');
  });

  it('refuses a link at the report path even with no directory limit (the CLI)', async () => {
    symlinkSync(victim, join(workspace, 'report.json'));
    await expect(writeReportFile(join(workspace, 'report.json'), 'x')).rejects.toThrow(FileRefusedError);
    expect(readFileSync(victim, 'utf8')).toBe('precious\n');
  });

  it('refuses a link to a report that does not exist yet (a dangling link would create it outside)', async () => {
    symlinkSync(join(outside, 'new.txt'), join(workspace, 'keyguard.sarif'));
    await expect(writeReportFile(join(workspace, 'keyguard.sarif'), 'x')).rejects.toThrow(/symbolic link/);
    expect(() => readFileSync(join(outside, 'new.txt'))).toThrow();
  });

  it('refuses a report below a linked directory that leads outside the workspace', async () => {
    symlinkSync(outside, join(workspace, 'reports'));
    await expect(
      writeReportFile(join(workspace, 'reports', 'victim.txt'), 'x', { within: [workspace], mkdirs: true }),
    ).rejects.toThrow(/it is outside the allowed directories/);
    expect(readFileSync(victim, 'utf8')).toBe('precious\n');
  });

  it('refuses a missing directory below a linked one before creating anything outside', async () => {
    symlinkSync(outside, join(workspace, 'reports'));
    await expect(
      writeReportFile(join(workspace, 'reports', 'deep', 'k.sarif'), 'x', {
        within: [workspace],
        mkdirs: true,
      }),
    ).rejects.toThrow(/outside/);
    expect(() => readFileSync(join(outside, 'deep', 'k.sarif'))).toThrow();
  });

  it('refuses a report path outside the workspace', async () => {
    await expect(writeReportFile(join(outside, 'k.sarif'), 'x', { within: [workspace] })).rejects.toThrow(
      /outside/,
    );
  });

  it('refuses a FIFO at the report path instead of waiting for a reader', async () => {
    execFileSync('mkfifo', [join(workspace, 'k.sarif')]);
    await expect(writeReportFile(join(workspace, 'k.sarif'), 'x', { within: [workspace] })).rejects.toThrow(
      /it is a FIFO \(named pipe\), not a regular file/,
    );
  });
});

describe('readRegularFile', () => {
  it('reads a regular file inside the workspace, also through a link that stays inside', async () => {
    writeFileSync(join(workspace, 'real.yml'), 'rules: {}\n');
    symlinkSync('real.yml', join(workspace, '.keyguard.yml'));
    await expect(readRegularFile(join(workspace, '.keyguard.yml'), { within: [workspace] })).resolves.toBe(
      'rules: {}\n',
    );
  });

  it('refuses a config linked to /etc/passwd, without reading it', async () => {
    symlinkSync('/etc/passwd', join(workspace, '.keyguard.yml'));
    await expect(readRegularFile(join(workspace, '.keyguard.yml'), { within: [workspace] })).rejects.toThrow(
      /resolves \(through a symbolic link\) to a file outside the workspace/,
    );
  });

  it('refuses a config below a linked directory that leads outside', async () => {
    symlinkSync(outside, join(workspace, 'conf'));
    await expect(
      readRegularFile(join(workspace, 'conf', 'victim.txt'), {
        within: [workspace],
        withinName: 'the repository',
      }),
    ).rejects.toThrow(/outside the repository/);
  });

  it('refuses a FIFO without hanging', async () => {
    execFileSync('mkfifo', [join(workspace, '.keyguard.yml')]);
    await expect(readRegularFile(join(workspace, '.keyguard.yml'), { within: [workspace] })).rejects.toThrow(
      /it is a FIFO \(named pipe\), not a regular file/,
    );
  });

  it('refuses a directory', async () => {
    mkdirSync(join(workspace, '.keyguard.yml'));
    await expect(readRegularFile(join(workspace, '.keyguard.yml'))).rejects.toThrow(/it is a directory/);
  });

  it('refuses a device', async () => {
    await expect(readRegularFile('/dev/zero')).rejects.toThrow(/it is a device, not a regular file/);
  });

  it('passes a missing file on as ENOENT, so callers can treat it as absent', async () => {
    await expect(readRegularFile(join(workspace, 'nope.yml'), { within: [workspace] })).rejects.toMatchObject(
      {
        code: 'ENOENT',
      },
    );
  });
});

describe('readRegularFile for a path the workflow names outside the workspace', () => {
  it('reads it where it is: no pull request controls a path outside the tree', async () => {
    await expect(readRegularFile(victim, { within: [workspace] })).resolves.toBe('precious\n');
  });

  it('still refuses it when it is not a regular file', async () => {
    execFileSync('mkfifo', [join(outside, 'fifo')]);
    await expect(readRegularFile(join(outside, 'fifo'), { within: [workspace] })).rejects.toThrow(/FIFO/);
  });
});
