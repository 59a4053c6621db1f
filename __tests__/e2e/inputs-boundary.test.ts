/**
 * Issue 10, points 7–9, end to end through dist/index.js and dist/cli.js: credentials in URL inputs
 * stay secret, report and config files are where they claim to be, and custom rules cannot stall a
 * scan. Each test builds the attacker's input: a pull request tree with planted links, a hostile
 * `.keyguard.yml`, a base URL with a password in it.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KeyGen } from '../helpers/keygen.js';
import { leakedIn, runAction, runCli, type TestRepo, tempRepos } from './harness.js';

const gen = new KeyGen(1010);
const repo = tempRepos();
/** A password made at run time: the repository holds no credential literal. */
const password = () => `pw${randomBytes(9).toString('hex')}`;

const outsideDirs: string[] = [];
afterAll(() => {
  for (const d of outsideDirs) rmSync(d, { recursive: true, force: true });
});
/** A file outside the workspace that a planted link points at: it must come out untouched. */
function victimFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kg-victim-'));
  outsideDirs.push(dir);
  const file = join(dir, 'victim.txt');
  writeFileSync(file, 'precious\n');
  return file;
}

function prPayload(base: string, head: string) {
  return {
    action: 'synchronize',
    number: 7,
    pull_request: {
      number: 7,
      commits: 1,
      base: { sha: base, ref: 'main', repo: { full_name: 'acme/app' } },
      head: { sha: head, ref: 'feature', repo: { full_name: 'mallory/app' } },
    },
    repository: { full_name: 'acme/app' },
  };
}

/** A fork pull request whose tree commits `links` (path → target) next to a leaked key. */
function prWithLinks(links: Record<string, string>): { r: TestRepo; base: string; head: string } {
  const r = repo();
  const base = r.commit('init', { 'README.md': '# app\n' });
  r.write('src/a.ts', `export const k = "${gen.deepseek()}";\n`);
  for (const [path, target] of Object.entries(links)) symlinkSync(target, join(r.dir, path));
  const head = r.commit('innocent change', {});
  return { r, base, head };
}

describe('point 7: credentials in URL inputs stay secret', () => {
  it('the action refuses a base URL with user info (exit 2) and never prints the password', async () => {
    const r = repo();
    const sha = r.commit('add', { 'k.txt': `${gen.openaiProject()}\n` });
    const pw = password();
    const res = await runAction({
      workspace: r.dir,
      eventName: 'schedule',
      sha,
      inputs: { history: 'false', 'openai-base-url': `https://ci:${pw}@127.0.0.1:9/v1` },
    });
    expect(res.code).toBe(2);
    expect(res.stdout).toContain(
      '::error::keyguard error: input openai-base-url: "https://127.0.0.1:9/v1" carries credentials',
    );
    expect(res.allText).not.toContain(pw);
  });

  it('the action refuses a GITHUB_API_URL with user info and never prints the token in it', async () => {
    const r = repo();
    const sha = r.commit('add', { 'README.md': '# app\n' });
    const pw = password();
    const res = await runAction({
      workspace: r.dir,
      eventName: 'schedule',
      sha,
      inputs: { history: 'false' },
      env: { GITHUB_API_URL: `http://x-access-token:${pw}@127.0.0.1:9` },
    });
    expect(res.code).toBe(2);
    expect(res.stdout).toMatch(/::error::keyguard error: GITHUB_API_URL: .*carries credentials/);
    expect(res.allText).not.toContain(pw);
  });

  it('the action refuses a webhook URL with user info in .keyguard.yml, naming the line', async () => {
    const r = repo();
    const pw = password();
    const sha = r.commit('add', {
      '.keyguard.yml': `providers:\n  acme:\n    type: webhook\n    createUrl: https://ops:${pw}@127.0.0.1:9/create\n`,
    });
    const res = await runAction({
      workspace: r.dir,
      eventName: 'schedule',
      sha,
      inputs: { history: 'false' },
    });
    expect(res.code).toBe(2);
    expect(res.stdout).toMatch(
      /\.keyguard\.yml:4: providers\.acme\.createUrl: "https:\/\/127\.0\.0\.1:9\/create"/,
    );
    expect(res.allText).not.toContain(pw);
  });

  it('the CLI refuses --openai-base-url with user info (exit 2) without echoing it', async () => {
    const pw = password();
    const res = await runCli(['verify', '--openai-base-url', `http://bob:${pw}@127.0.0.1:9/v1`], {
      stdin: `${gen.openaiProject()}\n`,
    });
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(
      /^keyguard: --openai-base-url: "http:\/\/127\.0\.0\.1:9\/v1" carries credentials/,
    );
    expect(res.stdout + res.stderr).not.toContain(pw);
  });
});

describe('point 8: reports are never written through a planted link', () => {
  it('a fork PR that commits keyguard.sarif -> a file outside cannot make the action write there', async () => {
    const victim = victimFile();
    const { r, base, head } = prWithLinks({ 'keyguard.sarif': victim });
    const res = await runAction({
      workspace: r.dir,
      eventName: 'pull_request',
      payload: prPayload(base, head),
      sha: head,
      // The action's default: keyguard.sarif in the workspace, exactly where the PR planted its link.
      inputs: { 'sarif-file': join(r.dir, 'keyguard.sarif') },
    });
    expect(readFileSync(victim, 'utf8')).toBe('precious\n');
    expect(res.code).toBe(2);
    expect(res.stdout).toMatch(
      /::error::keyguard error: input sarif-file .*keyguard\.sarif: it is a symbolic link: keyguard never writes through one/,
    );
    // The rest of the report still comes out: the findings are not lost.
    expect(res.outputs['new-findings']).toBe('1');
    expect(res.summary).toContain('src/a.ts');
  });

  it('a fork PR that commits a linked directory cannot lead the JSON report outside the workspace', async () => {
    const victim = victimFile();
    const { r, base, head } = prWithLinks({ reports: join(victim, '..') });
    const res = await runAction({
      workspace: r.dir,
      eventName: 'pull_request',
      payload: prPayload(base, head),
      sha: head,
      inputs: { 'report-file': join(r.dir, 'reports', 'victim.txt') },
    });
    expect(readFileSync(victim, 'utf8')).toBe('precious\n');
    expect(res.code).toBe(2);
    expect(res.stdout).toMatch(/input report-file .*: it is outside the workspace and RUNNER_TEMP/);
  });

  it('the CLI does not follow an --output that is a link planted in a cloned repository', async () => {
    const victim = victimFile();
    const dir = mkdtempSync(join(tmpdir(), 'kg-clone-'));
    outsideDirs.push(dir);
    writeFileSync(join(dir, 'k.txt'), `${gen.deepseek()}\n`);
    symlinkSync(victim, join(dir, 'report.json'));
    const res = await runCli(['scan', dir, '--format', 'json', '--output', join(dir, 'report.json')]);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/report\.json is a symbolic link: keyguard never writes through one/);
    expect(readFileSync(victim, 'utf8')).toBe('precious\n');
  });
});

describe('point 8: config files are where they claim to be', () => {
  it('a .keyguard.yml committed as a link to /etc/passwd is refused, and nothing of it is shown', async () => {
    const { r, head } = prWithLinks({ '.keyguard.yml': '/etc/passwd' });
    const res = await runAction({
      workspace: r.dir,
      eventName: 'schedule',
      sha: head,
      inputs: { history: 'false' },
    });
    expect(res.code).toBe(2);
    expect(res.stdout).toMatch(
      /::error::keyguard error: .*\.keyguard\.yml: cannot read the config file: it resolves \(through a symbolic link\) to a file outside the workspace/,
    );
    expect(res.allText).not.toMatch(/root:x?:0:/);
  });

  it('a .keyguard.yml that is a FIFO is refused at once instead of hanging the run', async () => {
    const r = repo();
    const sha = r.commit('add', { 'README.md': '# app\n' });
    execFileSync('mkfifo', [join(r.dir, '.keyguard.yml')]);
    const res = await runAction({
      workspace: r.dir,
      eventName: 'schedule',
      sha,
      inputs: { history: 'false' },
      timeoutMs: 30_000,
    });
    expect(res.code).toBe(2);
    expect(res.stdout).toMatch(
      /cannot read the config file: it is a FIFO \(named pipe\), not a regular file/,
    );
  });

  it('a baseline linked outside the workspace is refused', async () => {
    const victim = victimFile();
    const { r, head } = prWithLinks({ 'baseline.json': victim });
    const res = await runAction({
      workspace: r.dir,
      eventName: 'schedule',
      sha: head,
      inputs: { history: 'false', baseline: 'baseline.json' },
    });
    expect(res.code).toBe(2);
    expect(res.stdout).toMatch(
      /baseline\.json: cannot read the baseline: it resolves .* outside the workspace/,
    );
  });

  it('the CLI refuses a .keyguard.yml in the scanned directory that links out of it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kg-clone-'));
    outsideDirs.push(dir);
    symlinkSync('/etc/passwd', join(dir, '.keyguard.yml'));
    const res = await runCli(['scan', dir]);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/outside the scanned directory/);
    expect(res.stderr).not.toMatch(/root:x?:0:/);
  });
});

describe('point 9: custom rules cannot stall a scan', () => {
  it('a custom rule with a nested quantifier scans a 1 MB line to the end and still finds keys', async () => {
    const r = repo();
    const token = gen.alnum(32);
    const sha = r.commit('add', {
      '.keyguard.yml':
        "rules:\n  custom:\n    - id: acme\n      regex: '(?:acme_)+(?<key>[A-Za-z0-9]{32})|(a+)+$'\n      keywords: [acme_, a]\n",
      'big.txt': `${'a'.repeat(1024 * 1024)}b\n`,
      'k.txt': `ACME=acme_${token}\n`,
    });
    const res = await runAction({
      workspace: r.dir,
      eventName: 'schedule',
      sha,
      inputs: { history: 'false' },
    });
    expect(res.code).toBe(1);
    expect(res.outputs['new-findings']).toBe('1');
    expect(res.stdout).toMatch(/::error file=k\.txt,line=1/);
    expect(leakedIn(res.allText.replace(/^::add-mask::.*$/gm, ''), [token])).toEqual([]);
  });

  it('a custom rule with a look-ahead is a config error naming the rule and the line', async () => {
    const r = repo();
    const sha = r.commit('add', {
      '.keyguard.yml': "rules:\n  custom:\n    - id: acme\n      regex: 'acme_[a-z0-9]{32}(?![a-z0-9])'\n",
    });
    const res = await runAction({
      workspace: r.dir,
      eventName: 'schedule',
      sha,
      inputs: { history: 'false' },
    });
    expect(res.code).toBe(2);
    expect(res.stdout).toMatch(/\.keyguard\.yml:4: rules\.custom\[0\]\.regex: .* uses a look-ahead/);
  });
});
