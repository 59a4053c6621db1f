/**
 * Red-team review of issue 10, as an outsider (no knowledge of src/): a pull-request author, someone who
 * shapes the event payload, someone who commits odd trees. Each test builds the hostile input itself and
 * asserts the SAFE outcome; `it.failing` marks a hole found (the test documents the attack, and the
 * branch stays green until it is fixed; then `it.failing` itself fails and must become `it`).
 * No emulator is needed here: everything is decided before any network call.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KeyGen } from '../helpers/keygen.js';
import { type RunResult, runAction, type TestRepo, tempRepos } from './harness.js';

const gen = new KeyGen(7777);
const repo = tempRepos();
const scratch = mkdtempSync(join(tmpdir(), 'kg-redteam-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
let n = 0;

/** Lines the runner would obey as workflow commands that keyguard never means to send. */
function smuggledCommands(run: RunResult): string[] {
  return run.stdout
    .split(/\r?\n|\r/)
    .filter((l) => /^::(stop-commands|add-mask::nothing|warning::fake|set-output|save-state)/.test(l));
}

/** Everything a user sees except the `::add-mask::` lines (which must name the secret to mask it). */
function outsideMasks(run: RunResult): string {
  return run.allText
    .split('\n')
    .filter((l) => !l.startsWith('::add-mask::'))
    .join('\n');
}

function prPayload(base: string, head: string, over: Record<string, unknown> = {}) {
  return {
    action: 'synchronize',
    number: 7,
    pull_request: {
      number: 7,
      commits: 1,
      title: 'feature',
      base: { sha: base, ref: 'main', repo: { full_name: 'acme/app', fork: false } },
      head: { sha: head, ref: 'feature', repo: { full_name: 'acme/app', fork: false } },
      ...over,
    },
    repository: { full_name: 'acme/app' },
  };
}

function checkout(): { r: TestRepo; base: string } {
  const r = repo();
  const base = r.commit('init', { 'README.md': '# app\n' });
  const origin = join(scratch, `origin-${++n}.git`);
  execFileSync('git', ['clone', '-q', '--bare', r.dir, origin]);
  r.git('remote', 'add', 'origin', origin);
  return { r, base };
}

describe('red team: links in the tree pointing at the runner', () => {
  it('a committed symlink to /proc/self/environ does not make a sweep read the action’s own environment', async () => {
    const r = repo();
    r.commit('init', { 'README.md': '# app\n' });
    symlinkSync('/proc/self/environ', join(r.dir, 'environ.txt'));
    const sha = r.commit('add link', {});
    // A key-shaped value only the action's environment holds (as an admin key input would be).
    const hidden = gen.openrouter();
    const res = await runAction({
      workspace: r.dir,
      eventName: 'schedule',
      sha,
      inputs: { 'openrouter-management-key': hidden },
    });
    expect(res.outputs.findings).toBe('0');
    expect(outsideMasks(res)).not.toContain(hidden.slice(8, -4));
  });

  it('a committed symlink to a file outside the workspace is not followed by a sweep', async () => {
    const r = repo();
    r.commit('init', { 'README.md': '# app\n' });
    const outside = join(scratch, `runner-secret-${++n}.env`);
    writeFileSync(outside, `DEEPSEEK_API_KEY=${gen.deepseek()}\n`);
    symlinkSync(outside, join(r.dir, 'linked.env'));
    const sha = r.commit('add link', {});
    const res = await runAction({ workspace: r.dir, eventName: 'schedule', sha });
    expect(res.outputs.findings).toBe('0');
  });

  it('a committed symlink to /proc/self/environ is not followed in pr mode either', async () => {
    const { r, base } = checkout();
    symlinkSync('/proc/self/environ', join(r.dir, 'environ.txt'));
    const head = r.commit('add link', {});
    const hidden = gen.openrouter();
    const res = await runAction({
      workspace: r.dir,
      eventName: 'pull_request',
      payload: prPayload(base, head),
      sha: head,
      inputs: { 'openrouter-management-key': hidden },
    });
    expect(res.code).toBe(0);
    expect(outsideMasks(res)).not.toContain(hidden.slice(8, -4));
  });
});

describe('red team: git obeys only the repository keyguard names', () => {
  it('a .gitmodules with an ext:: url and a gitlink runs nothing in a sweep', async () => {
    const r = repo();
    const mark = join(scratch, `marker-${++n}`);
    const evil = join(scratch, `evil-${n}.sh`);
    writeFileSync(evil, `#!/bin/sh\necho ran >> '${mark}'\n`, { mode: 0o755 });
    const sub = r.commit('init', { 'README.md': '# app\n' });
    r.write(
      '.gitmodules',
      `[submodule "x"]\n\tpath = x\n\turl = ext::${evil} %S\n\tupdate = !${evil}\n[core]\n\tfsmonitor = ${evil}\n`,
    );
    r.git('update-index', '--add', '--cacheinfo', `160000,${sub},x`);
    const sha = r.commit('add submodule', {});
    const res = await runAction({ workspace: r.dir, eventName: 'schedule', sha });
    expect(existsSync(mark)).toBe(false);
    expect(res.code).toBe(0);
  });

  it('a branch whose name looks like an option is scanned as a ref, not obeyed as an option', async () => {
    const r = repo();
    const sha = r.commit('init', { 'README.md': '# app\n' });
    const out = join(scratch, `written-${++n}`);
    // git refuses "-" at the start of a branch name through `git branch`, but update-ref writes it.
    r.git('update-ref', `refs/heads/--output=${out}`, sha);
    const res = await runAction({ workspace: r.dir, eventName: 'schedule', sha });
    expect(existsSync(out)).toBe(false);
    expect(res.code).toBe(0);
  });
});

describe('red team: event payload fields that are not SHAs', () => {
  it('a head branch name carrying workflow commands does not reach the runner as a command', async () => {
    const { r, base } = checkout();
    const head = r.commit('feature', { 'a.txt': `${gen.deepseek()}\n` });
    const hostile = 'feature\n::stop-commands::pwned\n::add-mask::nothing\n::warning::fake';
    const res = await runAction({
      workspace: r.dir,
      eventName: 'pull_request',
      payload: prPayload(base, head, {
        title: hostile,
        head: { sha: head, ref: hostile, label: hostile, repo: { full_name: 'acme/app' } },
      }),
      sha: head,
    });
    expect(smuggledCommands(res)).toEqual([]);
    expect(res.code).toBe(1);
  });

  it('a pull request number that is not a number is refused or ignored, never echoed raw', async () => {
    const { r, base } = checkout();
    const head = r.commit('feature', { 'a.txt': 'hello\n' });
    const hostile = '7\n::stop-commands::pwned\n[x](https://evil)';
    const res = await runAction({
      workspace: r.dir,
      eventName: 'pull_request',
      payload: { ...prPayload(base, head, { number: hostile }), number: hostile },
      sha: head,
    });
    expect(smuggledCommands(res)).toEqual([]);
    expect(res.summary).not.toContain('](https://evil)');
  });

  // Was a hole (see redteam-exfil.test.ts for the admin-key consequence): `auto` mapped pull_request_review to sweep,
  // and sweep reads .keyguard.yml from the checkout, which for this event is the PR's merge commit.
  it('a pull_request_review event does not read .keyguard.yml from the PR head', async () => {
    const { r, base } = checkout();
    const key = gen.openaiProject();
    const head = r.commit('add key and allowlist it', {
      'src/app.ts': `const k = "${key}";\n`,
      '.keyguard.yml': 'allowlist:\n  paths:\n    - src/**\n',
    });
    const res = await runAction({
      workspace: r.dir,
      eventName: 'pull_request_review',
      payload: { ...prPayload(base, head), action: 'submitted', review: { state: 'commented' } },
      sha: head,
    });
    // Safe: the PR's own allowlist does not silence its own leak.
    expect(res.code).toBe(1);
    expect(Number(res.outputs.findings)).toBeGreaterThan(0);
  });
});

describe('red team: config errors quoting hostile lines', () => {
  it('a malformed .keyguard.yml whose line carries workflow commands gives an inert error', async () => {
    const r = repo();
    const sha = r.commit('bad config', {
      '.keyguard.yml': 'allowlist:\n  paths: [x\n::stop-commands::pwned\n::add-mask::nothing\n',
    });
    const res = await runAction({ workspace: r.dir, eventName: 'schedule', sha });
    expect(res.code).toBe(2);
    expect(smuggledCommands(res)).toEqual([]);
  });

  it('a config value with a CR-separated workflow command gives an inert error', async () => {
    const r = repo();
    const sha = r.commit('bad config', {
      '.keyguard.yml': 'rules:\n  disable: ["x\\r::stop-commands::pwned\\n::warning::fake"]\n',
    });
    const res = await runAction({ workspace: r.dir, eventName: 'schedule', sha });
    expect(smuggledCommands(res)).toEqual([]);
  });
});

describe('red team: custom rules cannot stall a scan', () => {
  it.each([
    ['nested counted repetitions', '(?:(?:(?:sk-[a-z]{1,100}){1,100}){1,100})'],
    ['a huge counted repetition', 'sk-(?:[a-zA-Z0-9]{1,1000}){1,1000}'],
  ])(
    '%s end within 30 s (rejected as a config error or scanned)',
    async (_name, pattern) => {
      const r = repo();
      const sha = r.commit('rule', {
        '.keyguard.yml': `rules:\n  custom:\n    - id: acme\n      regex: '${pattern}'\n`,
        'big.txt': `${'sk-abcdefghij'.repeat(80_000)}\n`,
      });
      const started = Date.now();
      const res = await runAction({ workspace: r.dir, eventName: 'schedule', sha, timeoutMs: 60_000 });
      expect(Date.now() - started).toBeLessThan(30_000);
      expect([0, 1, 2]).toContain(res.code);
    },
    70_000,
  );
});

describe('red team: a pull request hiding its key from the diff keyguard reads', () => {
  async function prRun(r: TestRepo, base: string, head: string, commits: number) {
    return runAction({
      workspace: r.dir,
      eventName: 'pull_request',
      payload: { ...prPayload(base, head), pull_request: { ...prPayload(base, head).pull_request, commits } },
      sha: head,
    });
  }

  it('a .gitattributes in the PR that marks every file -diff does not hide the key it adds', async () => {
    const { r, base } = checkout();
    const head = r.commit('add', {
      '.gitattributes': '* -diff\n',
      'app/settings.py': `OPENAI_API_KEY = "${gen.openaiProject()}"\n`,
    });
    const res = await prRun(r, base, head, 1);
    expect(res.code).toBe(1);
    expect(res.outputs['new-findings']).toBe('1');
  });

  it('a .gitattributes in the PR that marks every file binary does not hide the key it adds', async () => {
    const { r, base } = checkout();
    const head = r.commit('add', {
      '.gitattributes': '* binary\n',
      'app/settings.py': `OPENAI_API_KEY = "${gen.openaiProject()}"\n`,
    });
    const res = await prRun(r, base, head, 1);
    expect(res.code).toBe(1);
    expect(res.outputs['new-findings']).toBe('1');
  });

  it('a key that only an evil merge commit of the PR adds still fails the check', async () => {
    const { r } = checkout();
    r.git('checkout', '-q', '-b', 'feature');
    r.commit('feature work', { 'feature.txt': 'feature\n' });
    r.git('checkout', '-q', 'main');
    r.commit('main work', { 'main.txt': 'main\n' });
    const mainTip = r.git('rev-parse', 'HEAD');
    r.git('checkout', '-q', 'feature');
    // Merge main into the PR branch and slip the key into the merge commit itself.
    r.git('merge', '-q', '--no-ff', '--no-commit', 'main');
    r.write('app/settings.py', `OPENAI_API_KEY = "${gen.openaiProject()}"\n`);
    r.git('add', '-A');
    r.git('commit', '-q', '-m', 'Merge branch main into feature');
    const head = r.git('rev-parse', 'HEAD');
    execFileSync('git', ['push', '-q', 'origin', 'main', 'feature'], { cwd: r.dir });
    const res = await prRun(r, mainTip, head, 2);
    expect(res.code).toBe(1);
    expect(res.outputs['new-findings']).toBe('1');
  });

  it('a key in a file with a NUL byte near its start still fails the check', async () => {
    const { r, base } = checkout();
    const head = r.commit('add', { 'app/cache.db': `\0\0SQLite\0OPENAI_API_KEY=${gen.openaiProject()}\n` });
    const res = await prRun(r, base, head, 1);
    expect(res.code).toBe(1);
  });

  it('a merge_group run does not read .keyguard.yml from the queued head', async () => {
    const { r, base } = checkout();
    const head = r.commit('add key and allowlist it', {
      'src/app.ts': `const k = "${gen.openaiProject()}";\n`,
      '.keyguard.yml': 'allowlist:\n  paths:\n    - src/**\n',
    });
    const res = await runAction({
      workspace: r.dir,
      eventName: 'merge_group',
      payload: {
        action: 'checks_requested',
        merge_group: {
          head_sha: head,
          head_ref: 'refs/heads/gh-readonly-queue/main/pr-7-abc',
          base_sha: base,
          base_ref: 'refs/heads/main',
        },
        repository: { full_name: 'acme/app' },
      },
      sha: head,
    });
    expect(res.code).toBe(1);
  });
});

describe('red team: short custom-rule keys cannot be recovered from what keyguard publishes', () => {
  it('publishes neither the digits of an 8-digit key nor its fast SHA-256 fingerprint', async () => {
    const r = repo();
    const digits = gen.chars('0123456789', 8);
    const key = `acmepin_${digits}`;
    const sha = r.commit('pin', {
      '.keyguard.yml':
        "rules:\n  custom:\n    - id: acme-pin\n      regex: 'acmepin_(?<key>[0-9]{8})'\n      keywords: [acmepin_]\n      entropy: 0\n",
      'app.env': `PIN=${key}\n`,
    });
    const res = await runAction({ workspace: r.dir, eventName: 'schedule', sha });
    expect(res.outputs.findings).toBe('1');
    const { createHash } = await import('node:crypto');
    const fast = [digits, key].flatMap((k) => [
      createHash('sha256').update(`keyguard:v1:${k}`).digest('hex').slice(0, 32),
      createHash('sha256').update(k).digest('hex').slice(0, 32),
    ]);
    const visible = outsideMasks(res);
    expect(fast.filter((f) => visible.includes(f))).toEqual([]);
    // Runs of decimal digits as they could show a key's digits: commit ids, delimiters' UUIDs and
    // fingerprints are hex, where four chosen digits turn up by chance in about one run in a hundred.
    const decimalRuns =
      visible
        .replace(/\b[0-9a-f]{7,}\b|\b[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}\b/g, ' ')
        .match(/\d+/g) ?? [];
    const shows = (part: string) => decimalRuns.filter((run) => run.includes(part) && run.length < 12);
    expect(shows(digits.slice(0, 4))).toEqual([]);
    expect(shows(digits.slice(-4))).toEqual([]);
    expect(visible).not.toContain(`acmepin_${digits.slice(0, 2)}`);
  });
});

describe('red team: files keyguard writes or reads are where they claim to be', () => {
  it('a sarif-file input that climbs out of the workspace with .. is not written there', async () => {
    const r = repo();
    const sha = r.commit('add', { 'k.txt': `${gen.deepseek()}\n` });
    const name = `escape-${++n}-${Date.now()}.sarif`;
    const target = join(r.dir, '..', name);
    const res = await runAction({
      workspace: r.dir,
      eventName: 'schedule',
      sha,
      inputs: { 'sarif-file': `../${name}` },
    });
    const written = existsSync(target);
    rmSync(target, { force: true });
    expect(written).toBe(false);
    expect(res.code).toBe(2);
  });

  it('a path input that is a committed symlink to a directory outside the workspace scans nothing outside', async () => {
    const r = repo();
    const outside = mkdtempSync(join(scratch, 'outside-'));
    writeFileSync(join(outside, 'creds.env'), `DEEPSEEK_API_KEY=${gen.deepseek()}\n`);
    r.commit('init', { 'README.md': '# app\n' });
    symlinkSync(outside, join(r.dir, 'services'));
    const sha = r.commit('link services', {});
    const res = await runAction({
      workspace: r.dir,
      eventName: 'schedule',
      sha,
      inputs: { path: 'services' },
    });
    expect(res.outputs.findings ?? '0').toBe('0');
    expect(res.stdout).not.toContain('creds.env');
  });

  it('a config that sets providers.openai.base-url with user info is refused without echoing the password', async () => {
    const r = repo();
    const pw = gen.alnum(24);
    const sha = r.commit('cfg', {
      '.keyguard.yml': `providers:\n  openai:\n    base-url: https://ops:${pw}@127.0.0.1:9/v1\n`,
    });
    const res = await runAction({ workspace: r.dir, eventName: 'schedule', sha });
    expect(res.code).toBe(2);
    expect(res.allText).not.toContain(pw);
  });

  it('a litellm-base-url with the password percent-encoded in its user info is refused without echoing it', async () => {
    const r = repo();
    const pw = gen.alnum(24);
    const sha = r.commit('add', { 'README.md': '# app\n' });
    const res = await runAction({
      workspace: r.dir,
      eventName: 'schedule',
      sha,
      inputs: { 'litellm-base-url': `http://ops%40corp:${pw}%21@127.0.0.1:9` },
    });
    expect(res.code).toBe(2);
    expect(res.allText).not.toContain(pw);
  });
});

describe('red team: keys that ride in the metadata keyguard echoes', () => {
  /** The key appears nowhere a user sees it unless an `::add-mask::` of it came first. */
  function expectMaskedOrAbsent(run: RunResult, key: string): void {
    const lines = run.stdout.split('\n');
    const masked = lines.indexOf(`::add-mask::${key}`);
    const first = lines.findIndex((l) => !l.startsWith('::add-mask::') && l.includes(key.slice(8, -4)));
    if (first >= 0) expect({ maskedBefore: masked >= 0 && masked < first }).toEqual({ maskedBefore: true });
    // Files the runner never masks (summary, SARIF, JSON report) must not hold it at all.
    const files = [
      run.summary,
      ...[join(run.dir, 'keyguard.sarif'), join(run.dir, 'keyguard-report.json')].map(read),
    ];
    expect(files.filter((f) => f.includes(key.slice(8, -4))).length).toBe(0);
  }
  const read = (p: string) => (existsSync(p) ? readFileSync(p, 'utf8') : '');

  // Was a hole (fixed: src/pipeline/metadata-keys.ts): findings = 1 (the key in the path is no finding), and the annotation line
  // `::error file=keys/<whole key>.txt,...` is printed with no `::add-mask::` of it; SARIF and summary hold it too.
  it('a key used as a file name is masked before, and kept out of the reports, when another finding in that file is reported', async () => {
    const r = repo();
    const inName = gen.openrouter();
    const sha = r.commit('add', { [`keys/${inName}.txt`]: `DEEPSEEK_API_KEY=${gen.deepseek()}\n` });
    const res = await runAction({ workspace: r.dir, eventName: 'schedule', sha });
    expect(res.code).toBe(1);
    expectMaskedOrAbsent(res, inName);
  });

  // Observed: `... Found in history at <sha> by <whole key>.` in the annotation, the summary and the reports.
  it('a key used as the commit author name is masked before, and kept out of the reports', async () => {
    const r = repo();
    r.commit('init', { 'README.md': '# app\n' });
    const asAuthor = gen.openrouter();
    r.write('app.env', `DEEPSEEK_API_KEY=${gen.deepseek()}\n`);
    r.git('add', '-A');
    r.git('commit', '-q', '-m', 'add env', '--author', `${asAuthor} <a@example.com>`);
    const sha = r.git('rev-parse', 'HEAD');
    r.git('rm', '-q', 'app.env');
    r.git('commit', '-q', '-m', 'drop env');
    const res = await runAction({ workspace: r.dir, eventName: 'schedule', sha: r.git('rev-parse', 'HEAD') });
    expect(res.code).toBe(1);
    expect(sha).toBeTruthy();
    expectMaskedOrAbsent(res, asAuthor);
  });
});

describe('red team: git metadata that rewrites what history shows', () => {
  it('a refs/replace object that swaps the leaked blob for a clean one does not hide a history-only key', async () => {
    const r = repo();
    r.commit('init', { 'README.md': '# app\n' });
    r.commit('add env', { 'app.env': `DEEPSEEK_API_KEY=${gen.deepseek()}\n` });
    const dirty = r.git('rev-parse', 'HEAD:app.env');
    r.commit('drop env', { 'app.env': null });
    // Anyone who can push a ref can push refs/replace/*: git then shows the clean blob in its place.
    const clean = execFileSync('git', ['hash-object', '-w', '--stdin'], {
      cwd: r.dir,
      input: 'DEEPSEEK_API_KEY=\n',
      encoding: 'utf8',
    }).trim();
    r.git('replace', dirty, clean);
    const res = await runAction({ workspace: r.dir, eventName: 'schedule', sha: r.git('rev-parse', 'HEAD') });
    expect(res.outputs.findings).toBe('1');
    expect(res.code).toBe(1);
  });

  it('a .mailmap the pull request adds cannot pin its leak on somebody else', async () => {
    const { r, base } = checkout();
    const head = r.commit('add', {
      '.mailmap': 'Innocent Bob <bob@example.com> Ann Author <ann@example.com>\n',
      'app.env': `DEEPSEEK_API_KEY=${gen.deepseek()}\n`,
    });
    const res = await runAction({
      workspace: r.dir,
      eventName: 'pull_request',
      payload: prPayload(base, head),
      sha: head,
    });
    expect(res.code).toBe(1);
    expect(res.allText).not.toContain('Innocent Bob');
  });
});

describe('red team: inline allows a pull request adds', () => {
  // Observed: "## ✅ keyguard: no leaked keys", nothing about the two keys the one marker silenced.
  // Was a hole (low): the summary blamed the allowlist and never said the PR added an inline allow.
  it('a pull request whose inline keyguard:allow silences a key is called out in the summary', async () => {
    const { r, base } = checkout();
    // One minified line: the marker sits in an unrelated value, yet it is "a line that contains" it.
    const head = r.commit('add bundle', {
      'public/app.min.js': `var a={note:"keyguard:allow"},b={k:"${gen.openaiProject()}"},c={k:"${gen.anthropic()}"};\n`,
    });
    const res = await runAction({
      workspace: r.dir,
      eventName: 'pull_request',
      payload: prPayload(base, head),
      sha: head,
    });
    expect(res.summary).toMatch(/keyguard:allow|inline/i);
  });
});

describe('red team: encodings that hide a key from a byte scanner', () => {
  const utf16 = (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);

  // Was a hole: the tree scan decoded UTF-16, the diff-based scans did not (fixed: src/sources/utf16.ts).
  it('a key in a UTF-16 file (a Windows script with a BOM) fails a pull request', async () => {
    const { r, base } = checkout();
    writeFileSync(join(r.dir, 'setup.ps1'), utf16(`$env:OPENAI_API_KEY = "${gen.openaiProject()}"\r\n`));
    const head = r.commit('add setup script', {});
    const res = await runAction({
      workspace: r.dir,
      eventName: 'pull_request',
      payload: prPayload(base, head),
      sha: head,
    });
    expect(res.code).toBe(1);
  });

  it('a key in a UTF-16 file is found by a sweep', async () => {
    const r = repo();
    r.commit('init', { 'README.md': '# app\n' });
    writeFileSync(join(r.dir, 'setup.ps1'), utf16(`$env:OPENAI_API_KEY = "${gen.openaiProject()}"\r\n`));
    const sha = r.commit('add setup script', {});
    const res = await runAction({ workspace: r.dir, eventName: 'schedule', sha });
    expect(res.outputs.findings).toBe('1');
  });

  // Was a hole: findings 0 for a key that only lived in history in a UTF-16 file.
  it('a key in a UTF-16 file that only lives in history is found by a sweep', async () => {
    const r = repo();
    r.commit('init', { 'README.md': '# app\n' });
    writeFileSync(join(r.dir, 'setup.ps1'), utf16(`$env:OPENAI_API_KEY = "${gen.openaiProject()}"\r\n`));
    r.commit('add setup script', {});
    const sha = r.commit('drop it', { 'setup.ps1': null });
    const res = await runAction({ workspace: r.dir, eventName: 'schedule', sha });
    expect(res.outputs.findings).toBe('1');
  });

  it('a key in a UTF-16 file fails a push', async () => {
    const r = repo();
    const before = r.commit('init', { 'README.md': '# app\n' });
    writeFileSync(join(r.dir, 'setup.ps1'), utf16(`$env:OPENAI_API_KEY = "${gen.openaiProject()}"\r\n`));
    const after = r.commit('add setup script', {});
    const res = await runAction({
      workspace: r.dir,
      eventName: 'push',
      payload: { before, after, ref: 'refs/heads/main', commits: [{ id: after }] },
      sha: after,
    });
    expect(res.code).toBe(1);
  });
});

describe('red team: git refusing the checkout must not read as a clean scan', () => {
  // A checkout owned by another user (a container step that ran as root, a cache restored with other
  // ownership) makes git refuse it as "dubious ownership". The scan must fail loudly, never pass empty.
  const asRoot = process.getuid?.() === 0;
  (asRoot ? it : it.skip)(
    'a checkout git calls dubious still fails on the key in it (never exit 0)',
    async () => {
      const { r, base } = checkout();
      const head = r.commit('add', { 'app.env': `DEEPSEEK_API_KEY=${gen.deepseek()}\n` });
      execFileSync('chown', ['-R', '65534:65534', r.dir]);
      try {
        const sweep = await runAction({ workspace: r.dir, eventName: 'schedule', sha: head });
        const pr = await runAction({
          workspace: r.dir,
          eventName: 'pull_request',
          payload: prPayload(base, head),
          sha: head,
        });
        expect({ sweep: sweep.code, pr: pr.code }).toEqual({
          sweep: expect.any(Number),
          pr: expect.any(Number),
        });
        expect([sweep.code === 0, pr.code === 0]).toEqual([false, false]);
      } finally {
        execFileSync('chown', ['-R', `${process.getuid?.()}:${process.getgid?.()}`, r.dir]);
      }
    },
  );
});
