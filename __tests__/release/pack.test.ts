/**
 * The npm package as a user gets it: `npm pack`, installed from the tarball into an empty project with
 * no network (registry on 127.0.0.1:1, an empty cache, --offline), then `npx keyguard scan` there.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, TestRepo } from '../e2e/harness.js';
import { KeyGen } from '../helpers/keygen.js';

const gen = new KeyGen(1313);
const work = mkdtempSync(join(tmpdir(), 'kg-pack-'));
const consumer = join(work, 'consumer');
const repos: TestRepo[] = [];
let tarball = '';
let packedFiles: string[] = [];

/** npm with nothing from the user's setup or the surrounding `npm test`: no cache, no registry reachable. */
function npmEnv(): NodeJS.ProcessEnv {
  const userrc = join(work, 'user-npmrc');
  const globalrc = join(work, 'global-npmrc');
  writeFileSync(userrc, '');
  writeFileSync(globalrc, '');
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^npm_/i.test(k)) env[k] = v;
  return {
    ...env,
    HOME: join(work, 'home'),
    npm_config_userconfig: userrc,
    npm_config_globalconfig: globalrc,
    npm_config_cache: join(work, 'empty-cache'),
    npm_config_registry: 'http://127.0.0.1:1/',
    npm_config_offline: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
  };
}

function npx(args: string[], cwd = consumer): { code: number; stdout: string; stderr: string } {
  const res = spawnSync('npx', ['--offline', ...args], {
    cwd,
    env: npmEnv(),
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { code: res.status ?? -1, stdout: res.stdout, stderr: res.stderr };
}

beforeAll(() => {
  mkdirSync(join(work, 'home'));
  mkdirSync(join(work, 'empty-cache'));
  const packed = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], {
      cwd: ROOT,
      env: npmEnv(),
      encoding: 'utf8',
    }),
  ) as { filename: string; files: { path: string }[] }[];
  tarball = join(work, packed[0]!.filename);
  packedFiles = packed[0]!.files.map((f) => f.path);
  mkdirSync(consumer);
  writeFileSync(join(consumer, 'package.json'), '{ "name": "consumer", "private": true }\n');
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--offline', tarball], {
    cwd: consumer,
    env: npmEnv(),
    stdio: 'pipe',
  });
}, 60_000);

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
  for (const r of repos) rmSync(r.dir, { recursive: true, force: true });
});

function repoWith(files: Record<string, string>): string {
  const repo = new TestRepo('kg-pack-repo-');
  repos.push(repo);
  repo.commit('first', files);
  return repo.dir;
}

describe('the npm package', () => {
  it('ships the CLI and the library bundles, the docs and the changelog, and no sources or tests', () => {
    expect(packedFiles).toEqual(
      expect.arrayContaining(['dist/cli.js', 'dist/lib.js', 'package.json', 'LICENSE']),
    );
    expect(packedFiles.filter((f) => /^(src|__tests__|bench|scripts|tools|node_modules)\//.test(f))).toEqual(
      [],
    );
  });

  it('installs from the tarball with no network and brings no other package', () => {
    expect(readdirSync(join(consumer, 'node_modules')).filter((n) => !n.startsWith('.'))).toEqual([
      'keyguard',
    ]);
  });

  it('exits 1 from `npx keyguard scan` on a repository with a leaked key, without printing it', () => {
    const key = gen.openaiProject();
    const res = npx(['keyguard', 'scan', repoWith({ '.env': `OPENAI_API_KEY=${key}\n` }), '--no-color']);
    expect(res.code).toBe(1);
    expect(res.stdout).toContain('.env');
    expect(res.stdout + res.stderr).not.toContain(key.slice(8, -4));
  });

  it('exits 0 from `npx keyguard scan` on a clean repository', () => {
    const res = npx(['keyguard', 'scan', repoWith({ 'app.js': 'const model = "gpt-4o";\n' })]);
    expect([res.code, res.stderr]).toEqual([0, '']);
  });

  it('prints the packaged version from `npx keyguard --version`', () => {
    const version = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version;
    expect(npx(['keyguard', '--version']).stdout.trim()).toBe(version);
  });

  it('runs nothing when imported, even where a runner would give the action its inputs', () => {
    const output = join(work, 'github-output');
    writeFileSync(output, '');
    const res = spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        "const m = await import('keyguard'); console.log(Object.keys(m).sort().join(','));",
      ],
      {
        cwd: consumer,
        encoding: 'utf8',
        env: { PATH: process.env.PATH, GITHUB_ACTIONS: 'true', GITHUB_OUTPUT: output, INPUT_MODE: 'sweep' },
      },
    );
    expect([res.status, res.stdout.trim(), res.stderr]).toEqual([0, 'VERSION,scanDirectory', '']);
    expect(readFileSync(output, 'utf8')).toBe('');
  });

  it('finds a key through the library entry and serialises it redacted', () => {
    const key = gen.anthropic();
    const dir = repoWith({ 'config.py': `ANTHROPIC_API_KEY = "${key}"\n` });
    const res = spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        "const { scanDirectory } = await import('keyguard'); console.log(JSON.stringify(await scanDirectory(process.argv[1])));",
        dir,
      ],
      { cwd: consumer, encoding: 'utf8', env: { PATH: process.env.PATH } },
    );
    expect(res.status).toBe(0);
    const result = JSON.parse(res.stdout);
    expect(result.newFindings.map((f: { file: string; provider: string }) => [f.file, f.provider])).toEqual([
      ['config.py', 'anthropic'],
    ]);
    expect(res.stdout).not.toContain(key.slice(8, -4));
  });
});
