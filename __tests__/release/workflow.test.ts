/**
 * The release workflow (.github/workflows/release.yml) and its gate (scripts/release-notes.mjs): what it
 * runs on, what it may do, what it pins, and its checks run for real on repositories built here.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ROOT } from '../e2e/harness.js';

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  env?: Record<string, string>;
}
const text = readFileSync(join(ROOT, '.github/workflows/release.yml'), 'utf8');
const workflow = parse(text);
const steps: Step[] = workflow.jobs.release.steps;
const stepIndex = (pattern: RegExp) => steps.findIndex((s) => pattern.test(s.name ?? s.run ?? ''));

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

describe('the release workflow', () => {
  it('runs only on a pushed vX.Y.Z tag', () => {
    expect(workflow.on).toEqual({ push: { tags: ['v[0-9]+.[0-9]+.[0-9]+'] } });
  });

  it('grants nothing by default and the release job only contents: write', () => {
    expect(workflow.permissions).toEqual({});
    expect(workflow.jobs.release.permissions).toEqual({ contents: 'write' });
  });

  it('pins every action it uses by full commit SHA, with the version in a comment', () => {
    const uses = [...text.matchAll(/uses:\s*(\S+)(.*)$/gm)].map((m) => [m[1]!, m[2]!.trim()]);
    expect(uses.length).toBeGreaterThan(0);
    for (const [ref, comment] of uses) {
      expect([ref, /^[\w.-]+\/[\w.-]+(\/[\w./-]+)?@[0-9a-f]{40}$/.test(ref!)]).toEqual([ref, true]);
      expect([ref, comment]).toEqual([ref, expect.stringMatching(/^# v\d+\.\d+\.\d+$/)]);
    }
  });

  it('keeps the checkout token off disk while install scripts run', () => {
    expect(steps.find((s) => s.uses?.startsWith('actions/checkout@'))).toMatchObject({
      with: { 'persist-credentials': false },
    });
  });

  it('puts no ${{ }} expression inside a shell script (outside values come in through env)', () => {
    for (const step of steps)
      expect([step.name, step.run?.includes('${{') ?? false]).toEqual([step.name, false]);
  });

  it('checks the tag, dist/ and the tests before it releases, and moves the major tag last', () => {
    const order = [
      stepIndex(/tag, package\.json and CHANGELOG/),
      stepIndex(/tag is on main/),
      stepIndex(/dist\/ matches the source/),
      stepIndex(/^npm test$/),
      stepIndex(/Pack the npm tarball/),
      stepIndex(/Create the GitHub release/),
      stepIndex(/Move the major tag/),
    ];
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('attaches only the tarball it packed and its SHA-256', () => {
    const create = steps[stepIndex(/Create the GitHub release/)]!.run!;
    const assets = create.match(/"\$RUNNER_TEMP\/assets\/[^"]+"/g);
    expect(assets).toEqual([
      '"$RUNNER_TEMP/assets/keyguard-${TAG#v}.tgz"',
      '"$RUNNER_TEMP/assets/keyguard-${TAG#v}.tgz.sha256"',
    ]);
  });
});

describe("the release workflow's dist/ check, run on a copy of this repository", () => {
  const script = steps[stepIndex(/dist\/ matches the source/)]!.run!;

  /** A git repository with what `npm run bundle` needs, dist/ as committed here, and node_modules. */
  function copyRepo(): string {
    const dir = tempDir('kg-release-dist-');
    for (const path of ['package.json', 'scripts', 'src', 'dist', 'tsconfig.json'])
      cpSync(join(ROOT, path), join(dir, path), { recursive: true });
    writeFileSync(join(dir, '.gitignore'), 'node_modules\n');
    // Hard links, not a symbolic link: esbuild names modules by their real path in the bundle's comments.
    execFileSync('cp', ['-al', join(ROOT, 'node_modules'), join(dir, 'node_modules')]);
    const env = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };
    execFileSync('git', ['init', '-q'], { cwd: dir, env });
    execFileSync('git', ['add', '-A'], { cwd: dir, env });
    execFileSync('git', ['-c', 'user.name=R', '-c', 'user.email=r@example.com', 'commit', '-qm', 'release'], {
      cwd: dir,
      env,
    });
    return dir;
  }
  const runStep = (dir: string) =>
    spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null' },
    });

  it('passes when the committed dist/ is what the source builds', () => {
    expect(runStep(copyRepo()).status).toBe(0);
  });

  it('fails when the committed dist/ differs from what the source builds', () => {
    const dir = copyRepo();
    writeFileSync(join(dir, 'src', 'version.ts'), "export const VERSION = '9.9.9';\n");
    execFileSync(
      'git',
      ['-c', 'user.name=R', '-c', 'user.email=r@example.com', 'commit', '-qam', 'source moved on'],
      { cwd: dir },
    );
    const res = runStep(dir);
    expect(res.status).toBe(1);
    expect(res.stdout).toContain('::error::dist/ does not match a fresh build of the tagged source');
  });
});

describe("the release workflow's pack step, run on this repository", () => {
  it('packs the tarball the release step attaches, with a SHA-256 that verifies', () => {
    const runnerTemp = tempDir('kg-release-pack-');
    const version = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version;
    const env = { ...process.env, RUNNER_TEMP: runnerTemp, TAG: `v${version}` };
    const pack = steps[stepIndex(/Pack the npm tarball/)]!.run!;
    const res = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', pack], {
      cwd: ROOT,
      encoding: 'utf8',
      env,
    });
    expect(res.status).toBe(0);
    const create = steps[stepIndex(/Create the GitHub release/)]!.run!;
    const assets = [...create.matchAll(/"(\$RUNNER_TEMP\/assets\/[^"]+)"/g)].map((m) =>
      m[1]!.replace('$RUNNER_TEMP', runnerTemp).replace('${TAG#v}', version),
    );
    const check = spawnSync('sha256sum', ['-c', assets[1]!], {
      cwd: join(runnerTemp, 'assets'),
      encoding: 'utf8',
    });
    expect([check.status, check.stdout.trim()]).toEqual([0, `keyguard-${version}.tgz: OK`]);
    expect(assets[0]).toBe(join(runnerTemp, 'assets', `keyguard-${version}.tgz`));
  });
});

describe('the release gate (scripts/release-notes.mjs)', () => {
  function project(version: string, changelog: string): string {
    const dir = tempDir('kg-release-notes-');
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'keyguard', version }));
    writeFileSync(join(dir, 'CHANGELOG.md'), changelog);
    return dir;
  }
  const gate = (tag: string, dir: string) =>
    spawnSync(process.execPath, [join(ROOT, 'scripts/release-notes.mjs'), tag, '--root', dir], {
      encoding: 'utf8',
    });
  const changelog = [
    '# Changelog',
    '',
    '## [Unreleased]',
    '',
    '## [1.2.0] - 2026-12-01',
    '',
    '### Added',
    '- the new thing',
    '',
    '## [1.1.0] - 2026-11-01',
    '- the old thing',
    '',
    '[Unreleased]: https://example.com/compare',
    '[1.2.0]: https://example.com/1.2.0',
    '',
  ].join('\n');

  it("prints the tagged version's CHANGELOG section as the release notes", () => {
    const res = gate('v1.2.0', project('1.2.0', changelog));
    expect([res.status, res.stdout]).toEqual([0, '### Added\n- the new thing\n']);
  });

  it("leaves link definitions out of the last section's notes", () => {
    const res = gate('v1.1.0', project('1.1.0', changelog));
    expect([res.status, res.stdout]).toEqual([0, '- the old thing\n']);
  });

  it.each([
    ['a tag with a suffix', 'v1.2.0-rc.1', '1.2.0', /must be vMAJOR\.MINOR\.PATCH/],
    ['a tag with a workflow command', 'v1.2.0\n::error::x', '1.2.0', /must be vMAJOR\.MINOR\.PATCH/],
    [
      'a tag package.json disagrees with',
      'v1.2.1',
      '1.2.0',
      /tag v1\.2\.1 but package\.json says version 1\.2\.0/,
    ],
    ['a version without a CHANGELOG section', 'v1.3.0', '1.3.0', /no entries under "## \[1\.3\.0\]"/],
    ['an empty CHANGELOG section', 'v0.0.1', '0.0.1', /no entries under "## \[0\.0\.1\]"/],
  ])('refuses %s with one line and no notes', (_what, tag, version, reason) => {
    const res = gate(tag, project(version, `${changelog}\n## [0.0.1]\n\n`));
    expect(res.status).toBe(1);
    expect(res.stdout).toBe('');
    expect(res.stderr).toMatch(reason);
    expect(res.stderr.trim().split('\n')).toHaveLength(1);
  });

  it("accepts this repository as it is: package.json's version has its CHANGELOG section", () => {
    const version = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version;
    const res = gate(`v${version}`, ROOT);
    expect([res.status, res.stderr]).toEqual([0, '']);
    expect(res.stdout.length).toBeGreaterThan(100);
  });
});
