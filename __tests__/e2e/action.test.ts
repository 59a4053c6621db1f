/**
 * The action end to end, as the runner runs it: `node dist/index.js` with INPUT_* variables, a real
 * event payload, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY, over git repositories built here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { KeyGen } from '../helpers/keygen.js';
import { leakedIn, type RunResult, runAction, tempRepos } from './harness.js';

// ajv-formats is CommonJS: its default export arrives wrapped under ESM.
const addFormats = ((addFormatsModule as any).default ?? addFormatsModule) as (ajv: Ajv) => Ajv;

const gen = new KeyGen(4242);
const repo = tempRepos();

/** Everything a user can see, minus the `::add-mask::` lines that hand keys to the runner's masker. */
function visible(res: RunResult): string {
  return res.allText
    .split('\n')
    .filter((l) => !l.startsWith('::add-mask::'))
    .join('\n');
}

function sarifValidator() {
  const schema = JSON.parse(readFileSync('__tests__/fixtures/sarif-schema-2.1.0.json', 'utf8'));
  if (schema.id && !schema.$id) {
    schema.$id = schema.id;
    delete schema.id;
  }
  delete schema.$schema;
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  return ajv.compile(schema);
}

function prPayload(base: string, head: string, commits: number, fork = false) {
  return {
    action: 'synchronize',
    number: 7,
    pull_request: {
      number: 7,
      commits,
      base: { sha: base, ref: 'main', repo: { full_name: 'acme/app' } },
      head: { sha: head, ref: 'feature', repo: { full_name: fork ? 'mallory/app' : 'acme/app' } },
    },
    repository: { full_name: 'acme/app' },
  };
}

describe('pull-request mode', () => {
  it('fails a PR that adds a key and removes it again, with an annotation on the exact line', async () => {
    const r = repo();
    const base = r.commit('init', { 'README.md': '# app\n' });
    const key = gen.openaiProject();
    r.commit('add config', { 'src/config.ts': `export const cfg = {\n  apiKey: "${key}",\n};\n` });
    const head = r.commit('oops, remove it', {
      'src/config.ts': 'export const cfg = { apiKey: process.env.OPENAI_API_KEY };\n',
    });
    const res = await runAction({
      workspace: r.dir,
      eventName: 'pull_request',
      payload: prPayload(base, head, 2),
      sha: head,
    });
    expect(res.code).toBe(1);
    expect(res.stdout).toMatch(/::error file=src\/config\.ts,line=2,col=\d+,title=[^:]*::/);
    expect(res.outputs['new-findings']).toBe('1');
    expect(leakedIn(visible(res), [key])).toEqual([]);
  });

  it('passes a clean PR and says what it scanned', async () => {
    const r = repo();
    const base = r.commit('init', { 'README.md': '# app\n' });
    const head = r.commit('docs', {
      'docs/setup.md': 'Set OPENAI_API_KEY to sk-your-api-key-here in .env\n',
    });
    const res = await runAction({
      workspace: r.dir,
      eventName: 'pull_request',
      payload: prPayload(base, head, 1),
      sha: head,
    });
    expect(res.code).toBe(0);
    expect(res.outputs.findings).toBe('0');
    expect(res.summary).toContain('keyguard');
  });

  it('only reports keys the PR adds, not keys already on the base branch', async () => {
    const r = repo();
    const old = gen.deepseek();
    const base = r.commit('init', { '.env': `DEEPSEEK_API_KEY=${old}\n` });
    const head = r.commit('feature', { 'src/a.ts': 'export const a = 1;\n' });
    const res = await runAction({
      workspace: r.dir,
      eventName: 'pull_request',
      payload: prPayload(base, head, 1),
      sha: head,
    });
    expect(res.code).toBe(0);
  });

  it('scans a pull request from a fork without attempting anything privileged', async () => {
    const r = repo();
    const base = r.commit('init', { 'README.md': '# app\n' });
    const key = gen.anthropic();
    const head = r.commit('fork change', { 'bot.py': `client = Anthropic(api_key="${key}")\n` });
    const res = await runAction({
      workspace: r.dir,
      eventName: 'pull_request',
      payload: prPayload(base, head, 1, true),
      sha: head,
      inputs: { rotate: 'rotate', 'secrets-token': 'ghs_faketoken' },
    });
    expect(res.code).toBe(1);
    expect(res.summary).toContain('fork');
    expect(res.outputs.rotated).toBe('0');
    expect(leakedIn(visible(res), [key])).toEqual([]);
  });

  it('says which fetch-depth is needed when the PR commits cannot be fetched', async () => {
    const r = repo();
    r.commit('init', { 'README.md': '# app\n' });
    const res = await runAction({
      workspace: r.dir,
      eventName: 'pull_request',
      payload: prPayload('1'.repeat(40), '2'.repeat(40), 3),
    });
    expect(res.code).toBe(2);
    expect(res.stdout).toMatch(/fetch-depth: 4/);
  });
});

describe('push mode', () => {
  it('scans the pushed range', async () => {
    const r = repo();
    const before = r.commit('init', { 'README.md': '# app\n' });
    const key = gen.openrouter();
    const after = r.commit('add', { 'app.js': `const k = '${key}';\n` });
    const res = await runAction({
      workspace: r.dir,
      eventName: 'push',
      payload: { before, after, forced: false, commits: [{ id: after }] },
      sha: after,
    });
    expect(res.code).toBe(1);
    expect(res.outputs['new-findings']).toBe('1');
  });

  it('falls back to the tree on a force push', async () => {
    const r = repo();
    const key = gen.openrouter();
    const after = r.commit('add', { 'app.js': `const k = '${key}';\n` });
    const res = await runAction({
      workspace: r.dir,
      eventName: 'push',
      payload: { before: '3'.repeat(40), after, forced: true, commits: [] },
      sha: after,
    });
    expect(res.code).toBe(1);
    expect(res.summary).toMatch(/force push/);
  });
});

describe('sweep mode', () => {
  it('finds a key that only lives in history and names the commit that introduced it', async () => {
    const r = repo();
    const key = gen.openaiLegacy();
    const sha = r.commit('add', {
      'notebook.ipynb': JSON.stringify({ cells: [{ source: [`key = "${key}"\n`] }] }),
    });
    r.commit('remove', { 'notebook.ipynb': null });
    const res = await runAction({ workspace: r.dir, eventName: 'schedule', sha });
    expect(res.code).toBe(1);
    const report = JSON.parse(readFileSync(join(res.dir, 'keyguard-report.json'), 'utf8'));
    expect(report.findings[0].commit.sha).toBe(sha);
    expect(leakedIn(visible(res), [key])).toEqual([]);
  });

  it('writes SARIF that validates against the 2.1.0 schema', async () => {
    const r = repo();
    const keys = [gen.openaiProject(), gen.deepseek(), gen.stripeLive()];
    const sha = r.commit('many', {
      'a.py': `OPENAI_API_KEY = "${keys[0]}"\n`,
      '.env': `DEEPSEEK_API_KEY=${keys[1]}\n`,
      'pay/config.yml': `stripe:\n  secret: ${keys[2]}\n`,
    });
    const res = await runAction({ workspace: r.dir, eventName: 'schedule', sha });
    expect(res.code).toBe(1);
    const sarif = JSON.parse(readFileSync(join(res.dir, 'keyguard.sarif'), 'utf8'));
    const validate = sarifValidator();
    expect(validate(sarif) ? [] : validate.errors).toEqual([]);
    expect(sarif.runs[0].results).toHaveLength(3);
    expect(leakedIn(visible(res), keys)).toEqual([]);
  });

  it('masks every key before printing anything else about it', async () => {
    const r = repo();
    const key = gen.anthropic();
    const sha = r.commit('add', { 'k.txt': `${key}\n` });
    const res = await runAction({ workspace: r.dir, eventName: 'schedule', sha });
    const lines = res.stdout.split('\n');
    const mask = lines.indexOf(`::add-mask::${key}`);
    const firstMention = lines.findIndex((l) => !l.startsWith('::add-mask::') && /sk-ant-/.test(l));
    expect(mask).toBeGreaterThanOrEqual(0);
    expect(mask).toBeLessThan(firstMention);
  });

  it('passes with fail-on: never but still reports', async () => {
    const r = repo();
    const sha = r.commit('add', { 'k.txt': `${gen.deepseek()}\n` });
    const res = await runAction({
      workspace: r.dir,
      eventName: 'schedule',
      sha,
      inputs: { 'fail-on': 'never' },
    });
    expect(res.code).toBe(0);
    expect(res.outputs.findings).toBe('1');
  });

  it('reports only what is not in the baseline', async () => {
    const r = repo();
    const accepted = gen.deepseek();
    const sha1 = r.commit('old', { 'old.txt': `${accepted}\n` });
    const { runCli } = await import('./harness.js');
    const base = await runCli(['baseline', r.dir, '--output', join(r.dir, '.keyguard-baseline.json')]);
    expect(base.code).toBe(0);
    r.commit('baseline', {
      '.keyguard-baseline.json': readFileSync(join(r.dir, '.keyguard-baseline.json'), 'utf8'),
    });
    const fresh = gen.openrouter();
    const sha2 = r.commit('new', { 'new.txt': `${fresh}\n` });
    const res = await runAction({
      workspace: r.dir,
      eventName: 'schedule',
      sha: sha2,
      inputs: { baseline: '.keyguard-baseline.json', history: 'false' },
    });
    expect(sha1).not.toBe(sha2);
    expect(res.code).toBe(1);
    expect(res.outputs.findings).toBe('2');
    expect(res.outputs['new-findings']).toBe('1');
  });
});

describe('the workflow-file guard', () => {
  it('reports a literal key in a workflow env and suggests the secret to use', async () => {
    const r = repo();
    const key = gen.openaiProject();
    const wf = [
      'name: deploy',
      'on: push',
      'jobs:',
      '  deploy:',
      '    runs-on: ubuntu-latest',
      '    env:',
      `      OPENAI_API_KEY: ${key}`,
      '    steps:',
      '      - run: ./deploy.sh',
      '',
    ].join('\n');
    const sha = r.commit('wf', { '.github/workflows/deploy.yml': wf });
    const res = await runAction({
      workspace: r.dir,
      eventName: 'schedule',
      sha,
      inputs: { history: 'false' },
    });
    expect(res.code).toBe(1);
    expect(res.stdout).toContain('secrets.OPENAI_API_KEY');
    expect(res.stdout).toMatch(/::error file=\.github\/workflows\/deploy\.yml,line=7/);
    expect(leakedIn(visible(res), [key])).toEqual([]);
  });

  it('warns about a malformed workflow and still scans it as text', async () => {
    const r = repo();
    const key = gen.deepseek();
    const sha = r.commit('bad wf', {
      '.github/workflows/bad.yml': `jobs:\n  x:\n    env: [unclosed\n    run: echo ${key}\n`,
    });
    const res = await runAction({
      workspace: r.dir,
      eventName: 'schedule',
      sha,
      inputs: { history: 'false' },
    });
    expect(res.code).toBe(1);
    expect(res.stdout).toMatch(/::warning file=\.github\/workflows\/bad\.yml/);
    expect(res.outputs.findings).toBe('1');
  });
});

describe('errors in the action itself', () => {
  it('fails with exit code 2 and a one-line reason on an invalid input', async () => {
    const r = repo();
    r.commit('init', { 'README.md': '# app\n' });
    const res = await runAction({
      workspace: r.dir,
      eventName: 'schedule',
      inputs: { 'fail-on': 'sometimes' },
    });
    expect(res.code).toBe(2);
    expect(res.stdout).toContain(
      '::error::keyguard error: input fail-on: "sometimes" is not one of any | live | never',
    );
  });

  it('fails with exit code 2 naming the line of a malformed config file', async () => {
    const r = repo();
    r.commit('init', { '.keyguard.yml': 'allowlist:\n  paths: [unclosed\n' });
    const res = await runAction({ workspace: r.dir, eventName: 'schedule' });
    expect(res.code).toBe(2);
    expect(res.stdout).toMatch(/::error::keyguard error: .*\.keyguard\.yml:\d+/);
  });
});
