/**
 * Orchestration cases found in review, run on the bundled action: leaks are reported even when the
 * rotation stage fails, push events that delete or tag, and `path` below the workspace.
 */
import { mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KeyGen } from '../helpers/keygen.js';
import { leakedIn, runAction, tempRepos } from './harness.js';

const gen = new KeyGen(1313);
const repo = tempRepos();
const ZERO = '0'.repeat(40);

describe('a failure after the scan', () => {
  it('still reports the leaks (annotations, outputs, SARIF, summary) and exits 2', async () => {
    const r = repo();
    const key = gen.deepseek();
    const sha = r.commit('add', { '.env': `DEEPSEEK_API_KEY=${key}\n` });
    // A manual rotation whose secret value the workflow forgot to map: the rotation stage cannot start.
    const res = await runAction({
      workspace: r.dir,
      eventName: 'workflow_dispatch',
      sha,
      inputs: { secret: 'OPENAI_API_KEY', 'github-token': 'x', history: 'false' },
    });
    expect(res.code).toBe(2);
    expect(res.stdout).toMatch(/::error file=\.env,line=1/);
    expect(res.stdout).toContain('::error::keyguard error: input secret: the value of OPENAI_API_KEY');
    expect(res.outputs.findings).toBe('1');
    expect(res.outputs['sarif-file']).toBeTruthy();
    expect(res.summary).toContain('.env');
    expect(leakedIn(res.allText.replace(/^::add-mask::.*$/gm, ''), [key])).toEqual([]);
  });

  it('still sets the outputs and the summary when a report file cannot be written', async () => {
    const r = repo();
    const sha = r.commit('add', { 'k.txt': `${gen.openrouter()}\n` });
    // A SARIF path below a regular file: not writable, even for root.
    const res = await runAction({
      workspace: r.dir,
      eventName: 'schedule',
      sha,
      inputs: { history: 'false', 'sarif-file': join(r.dir, 'k.txt', 'k.sarif') },
    });
    expect(res.code).toBe(2);
    expect(res.stdout).toMatch(/::error::keyguard error: .*k\.txt/);
    expect(res.outputs.findings).toBe('1');
    expect(res.outputs['report-file']).toBeTruthy();
    expect(res.summary).toContain('k.txt');
  });
});

describe('push events', () => {
  it('scans nothing and passes when the push deleted a branch', async () => {
    const r = repo();
    const sha = r.commit('add', { 'k.txt': `${gen.deepseek()}\n` });
    const res = await runAction({
      workspace: r.dir,
      eventName: 'push',
      sha,
      payload: { ref: 'refs/heads/old', before: sha, after: ZERO, deleted: true },
    });
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('the push deleted a branch');
    expect(res.outputs.findings).toBe('0');
  });

  it('scans the commits a new branch brings, catching a key added and removed within them', async () => {
    const r = repo();
    const base = r.commit('base', { 'README.md': '# app\n' });
    r.git('checkout', '-q', '-b', 'feature');
    r.commit('add key', { 'app.env': `KEY=${gen.openrouter()}\n` });
    const head = r.commit('remove key', { 'app.env': null });
    r.git('update-ref', 'refs/remotes/origin/main', base);
    r.git('update-ref', 'refs/remotes/origin/feature', head);
    const res = await runAction({
      workspace: r.dir,
      eventName: 'push',
      sha: head,
      payload: { ref: 'refs/heads/feature', before: ZERO, after: head, created: true },
    });
    expect(res.code).toBe(1);
    expect(res.stdout).toContain('a new branch brings');
    expect(res.outputs.findings).toBe('1');
  });

  it('scans the tree of a new tag and calls it a tag', async () => {
    const r = repo();
    const sha = r.commit('add', { 'k.txt': `${gen.deepseek()}\n` });
    const res = await runAction({
      workspace: r.dir,
      eventName: 'push',
      sha,
      payload: { ref: 'refs/tags/v1.0.0', before: ZERO, after: sha, created: true },
    });
    expect(res.code).toBe(1);
    expect(res.stdout).toContain('a new tag');
  });
});

describe('the path input', () => {
  it('reports files below path relative to the repository, where annotations and SARIF point', async () => {
    const r = repo();
    const sha = r.commit('add', { 'services/api/.env': `OPENROUTER_API_KEY=${gen.openrouter()}\n` });
    const res = await runAction({
      workspace: r.dir,
      eventName: 'schedule',
      sha,
      inputs: { path: 'services', history: 'false' },
    });
    expect(res.code).toBe(1);
    expect(res.stdout).toMatch(/::error file=services\/api\/\.env,line=1/);
    expect(res.allText).toContain('"uri": "services/api/.env"');
  });

  it('reports paths relative to the repository when it is checked out below the workspace', async () => {
    const r = repo();
    const sha = r.commit('add', { 'services/api/.env': `OPENROUTER_API_KEY=${gen.openrouter()}\n` });
    // actions/checkout with `path: app`: the workspace is the parent of the repository.
    const workspace = mkdtempSync(join(tmpdir(), 'kg-ws-'));
    renameSync(r.dir, join(workspace, 'app'));
    const res = await runAction({
      workspace,
      eventName: 'schedule',
      sha,
      inputs: { path: 'app/services', history: 'false' },
    });
    rmSync(workspace, { recursive: true, force: true });
    expect(res.code).toBe(1);
    expect(res.stdout).toMatch(/::error file=services\/api\/\.env,line=1/);
  });

  it('reports a key found by the tree and the history below path once, relative to the repository', async () => {
    const r = repo();
    const sha = r.commit('add', {
      'services/api/.env': `OPENROUTER_API_KEY=${gen.openrouter()}\n`,
      'web/.env': `KEY=${gen.deepseek()}\n`,
    });
    const res = await runAction({
      workspace: r.dir,
      eventName: 'schedule',
      sha,
      inputs: { path: 'services' },
    });
    expect(res.code).toBe(1);
    expect(res.stdout.match(/::error file=[^,]+/g)).toEqual(['::error file=services/api/.env']);
  });

  it('fails with exit code 2 naming a path that does not exist', async () => {
    const r = repo();
    const sha = r.commit('init', { 'README.md': '# app\n' });
    const res = await runAction({ workspace: r.dir, eventName: 'schedule', sha, inputs: { path: 'nope' } });
    expect(res.code).toBe(2);
    expect(res.stdout).toContain('input path: "nope" is not a directory');
  });
});

describe('fail-on: live without verification', () => {
  it('fails with exit 2 before scanning: a check that could never fail is a false all-clear', async () => {
    const r = repo();
    const sha = r.commit('add', { 'k.txt': `${gen.deepseek()}\n` });
    const res = await runAction({
      workspace: r.dir,
      eventName: 'schedule',
      sha,
      inputs: { 'fail-on': 'live', verify: 'false', history: 'false' },
    });
    expect(res.code).toBe(2);
    expect(res.stdout).toContain('::error::keyguard error: fail-on: live needs verification');
    expect(res.summary).toContain('keyguard could not run');
  });
});

describe('a configuration error in the action', () => {
  it.each([
    ['rotation', 'rotation:\n  contain-frist: true\n', 2],
    ['audit', 'audit:\n  allow-ip: [10.0.0.0/8]\n', 2],
  ])('under %s: exit 2, the job summary says so, and the config line is annotated', async (_s, yml, line) => {
    const r = repo();
    const sha = r.commit('add', { '.keyguard.yml': yml, 'README.md': '# app\n' });
    const res = await runAction({
      workspace: r.dir,
      eventName: 'schedule',
      sha,
      inputs: { history: 'false' },
    });
    expect(res.code).toBe(2);
    expect(res.stdout).toContain(
      `::error title=keyguard%3A configuration error,file=.keyguard.yml,line=${line}::`,
    );
    expect(res.summary).toMatch(/keyguard could not run: configuration error[\s\S]*\.keyguard\.yml:2/);
  });
});
