/**
 * Issue 10 points 1 and 6 end to end, through dist/index.js as the runner runs it: a pull request cannot
 * make git run its program (a fake bare repository under `path`), cannot smuggle an option or a command
 * in through the event payload, and cannot weaken its own check (its .keyguard.yml and baseline are not
 * the ones read).
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { markerText, plantFakeBareRepo } from '../helpers/hostile-git.js';
import { KeyGen } from '../helpers/keygen.js';
import { CLI, runAction, runCli, type TestRepo, tempRepos } from './harness.js';

const gen = new KeyGen(6060);
const repo = tempRepos();
const scratch = mkdtempSync(join(tmpdir(), 'kg-trust-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
let n = 0;
const marker = () => join(scratch, `marker-${++n}`);

function prPayload(base: string, head: string, commits: number) {
  return {
    action: 'synchronize',
    number: 7,
    pull_request: {
      number: 7,
      commits,
      base: { sha: base, ref: 'main', repo: { full_name: 'acme/app' } },
      head: { sha: head, ref: 'feature', repo: { full_name: 'acme/app' } },
    },
    repository: { full_name: 'acme/app' },
  };
}

/** A checkout with an `origin` (so the action's fetches really run) and a base commit. */
function checkout(): { r: TestRepo; base: string; origin: string } {
  const r = repo();
  const base = r.commit('init', { 'README.md': '# app\n', 'sub/README.md': 'sub\n' });
  const origin = join(scratch, `origin-${++n}.git`);
  execFileSync('git', ['clone', '-q', '--bare', r.dir, origin]);
  r.git('remote', 'add', 'origin', origin);
  return { r, base, origin };
}

describe('a pull request that plants a fake bare repository under path', () => {
  it('runs none of its programs in pr mode, and the leak in it still fails the check', async () => {
    const mark = marker();
    const { r, base, origin } = checkout();
    plantFakeBareRepo(join(r.dir, 'sub'), mark, origin);
    r.write('sub/notes.txt', `OPENAI_API_KEY=${gen.openaiProject()}\n`);
    const head = r.commit('add sub', {});
    const res = await runAction({
      workspace: r.dir,
      eventName: 'pull_request',
      payload: prPayload(base, head, 1),
      sha: head,
      inputs: { path: 'sub' },
    });
    expect(markerText(mark)).toBe('');
    expect(res.code).toBe(1);
    expect(res.stdout).toMatch(/::error file=sub\/notes\.txt,line=1/);
  });

  it('runs none of its programs in sweep mode (tree, history and the fetch of pull request heads)', async () => {
    const mark = marker();
    const { r, origin } = checkout();
    plantFakeBareRepo(join(r.dir, 'sub'), mark, origin);
    r.write('sub/notes.txt', `DEEPSEEK_API_KEY=${gen.deepseek()}\n`);
    const sha = r.commit('add sub', {});
    const res = await runAction({ workspace: r.dir, eventName: 'schedule', sha, inputs: { path: 'sub' } });
    expect(markerText(mark)).toBe('');
    expect(res.code).toBe(1);
    expect(res.outputs.findings).toBe('1');
  });
});

describe('SHAs and refs from the event payload', () => {
  const out = () => join(scratch, `written-${++n}`);
  it.each([
    [
      'pull_request.head.sha',
      (o: string, base: string) => prPayload(base, `--output=${o}`, 1),
      'pull_request',
    ],
    ['pull_request.base.sha', (_o: string, base: string) => prPayload('HEAD;id', base, 1), 'pull_request'],
    ['after', (o: string, base: string) => ({ before: base, after: `--output=${o}`, commits: [] }), 'push'],
    ['before', (_o: string, base: string) => ({ before: 'HEAD;id', after: base, commits: [] }), 'push'],
    [
      'ref',
      (o: string, base: string) => ({
        before: '0'.repeat(40),
        after: base,
        ref: `--upload-pack=${o}`,
        commits: [],
      }),
      'push',
    ],
  ])(
    'are refused with exit 2 before git runs when %s is not a full SHA or ref',
    async (field, payload, event) => {
      const { r, base } = checkout();
      const o = out();
      const res = await runAction({ workspace: r.dir, eventName: event, payload: payload(o, base) });
      expect(res.code).toBe(2);
      expect(res.stdout).toContain(`::error::keyguard error: event payload ${field}: `);
      expect(res.stdout).toMatch(/refusing to pass it to git/);
      expect(existsSync(o)).toBe(false);
    },
  );
});

describe('a pull request cannot weaken its own check', () => {
  it('fails even though its .keyguard.yml allowlists its own leaked key, and the summary says so', async () => {
    const { r, base } = checkout();
    const key = gen.openaiProject();
    const head = r.commit('add key and allowlist it', {
      'src/app.ts': `const k = "${key}";\n`,
      '.keyguard.yml': 'allowlist:\n  paths:\n    - src/**\n',
    });
    const res = await runAction({
      workspace: r.dir,
      eventName: 'pull_request',
      payload: prPayload(base, head, 1),
      sha: head,
    });
    expect(res.code).toBe(1);
    expect(res.outputs['new-findings']).toBe('1');
    expect(res.summary).toMatch(
      /this pull request adds \\?\.keyguard\.yml; the check used the base branch's configuration/,
    );
    // The same commit pushed (not a pull request) is judged by its own config: the file does allowlist it.
    const push = await runAction({
      workspace: r.dir,
      eventName: 'push',
      payload: { before: base, after: head, commits: [{ id: head }] },
      sha: head,
    });
    expect(push.code).toBe(0);
  });

  it('fails even though it changes the base branch .keyguard.yml to disable the rule that finds its key', async () => {
    const { r } = checkout();
    const base = r.commit('config', { '.keyguard.yml': 'allowlist:\n  paths:\n    - fixtures/**\n' });
    const key = gen.deepseek();
    const head = r.commit('weaken', {
      'app.env': `DEEPSEEK_API_KEY=${key}\n`,
      '.keyguard.yml': 'allowlist:\n  paths:\n    - "**"\n',
    });
    const res = await runAction({
      workspace: r.dir,
      eventName: 'pull_request',
      payload: prPayload(base, head, 1),
      sha: head,
    });
    expect(res.code).toBe(1);
    expect(res.summary).toMatch(
      /this pull request changes \\?\.keyguard\.yml; the check used the base branch's version/,
    );
  });

  it("uses the base branch's .keyguard.yml: what it allowlists passes", async () => {
    const { r } = checkout();
    const base = r.commit('config', { '.keyguard.yml': 'allowlist:\n  paths:\n    - fixtures/**\n' });
    const head = r.commit('fixture', { 'fixtures/k.txt': `${gen.deepseek()}\n` });
    const res = await runAction({
      workspace: r.dir,
      eventName: 'pull_request',
      payload: prPayload(base, head, 1),
      sha: head,
    });
    expect(res.code).toBe(0);
    expect(res.summary).not.toMatch(/this pull request (adds|changes)/);
  });

  it('fails even though its baseline holds its own fingerprint, and the summary names the baseline', async () => {
    const { r, base } = checkout();
    const key = gen.anthropic();
    r.write('bot.py', `client = Anthropic(api_key="${key}")\n`);
    const made = await runCli(['baseline', r.dir, '--output', join(r.dir, '.keyguard-baseline.json')]);
    expect(made.code).toBe(0);
    const head = r.commit('add key and baseline it', {});
    expect(readFileSync(join(r.dir, '.keyguard-baseline.json'), 'utf8')).toMatch(/[0-9a-f]{32}/);
    const inputs = { baseline: '.keyguard-baseline.json' };
    const res = await runAction({
      workspace: r.dir,
      eventName: 'pull_request',
      payload: prPayload(base, head, 1),
      sha: head,
      inputs,
    });
    expect(res.code).toBe(1);
    expect(res.outputs['new-findings']).toBe('1');
    expect(res.summary).toMatch(
      /this pull request adds \.keyguard-baseline\.json; the check used the base branch's baseline/,
    );
    // Pushed, the same baseline is honoured.
    const push = await runAction({
      workspace: r.dir,
      eventName: 'push',
      payload: { before: base, after: head, commits: [{ id: head }] },
      sha: head,
      inputs,
    });
    expect(push.code).toBe(0);
  });
});

describe('the CLI on the same trees', () => {
  it.each([['--history'], ['--staged'], ['--sweep']])(
    'runs none of the planted programs when scanning the fake bare repository with %s',
    async (flag) => {
      const mark = marker();
      const { r, origin } = checkout();
      plantFakeBareRepo(join(r.dir, 'sub'), mark, origin);
      r.write('sub/notes.txt', `OPENROUTER_API_KEY=${gen.openrouter()}\n`);
      r.commit('add sub', {});
      r.write('sub/staged.txt', `OPENROUTER_API_KEY=${gen.openrouter()}\n`);
      r.git('add', 'sub/staged.txt');
      const res = await runCli(['scan', join(r.dir, 'sub'), flag]);
      expect(markerText(mark)).toBe('');
      expect(res.code).toBe(1);
    },
  );

  it('blocks git commit -a from its pre-commit hook (it reads the index git is committing)', async () => {
    const { r } = checkout();
    const hook = join(r.dir, '.git', 'hooks', 'pre-commit');
    writeFileSync(hook, `#!/bin/sh\nexec '${process.execPath}' '${CLI}' scan --staged\n`);
    chmodSync(hook, 0o755);
    const before = r.git('rev-parse', 'HEAD');
    r.write('README.md', `# app\nOPENAI_API_KEY=${gen.openaiProject()}\n`);
    expect(() => r.git('commit', '-q', '-a', '-m', 'oops')).toThrow();
    expect(r.git('rev-parse', 'HEAD')).toBe(before);
  });
});
