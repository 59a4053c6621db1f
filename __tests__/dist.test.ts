import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

describe('the committed dist/ bundle', () => {
  const out = mkdtempSync(join(tmpdir(), 'kg-dist-'));
  beforeAll(() => {
    execFileSync(
      process.execPath,
      ['scripts/bundle.mjs', '--out', out, '--metafile', join(out, 'meta.json')],
      {
        stdio: 'pipe',
      },
    );
  });
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it.each(['index.js', 'cli.js', 'lib.js', 'fleet-rotate.js'])(
    '%s matches a fresh build of src/ (run npm run bundle and commit)',
    (file) => {
      const fresh = readFileSync(join(out, file), 'utf8');
      const committed = readFileSync(join('dist', file), 'utf8');
      expect(committed === fresh).toBe(true);
    },
  );

  it('is self-contained, so the package declares no runtime dependencies (what dist/ uses is bundled: devDependencies)', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
    expect(pkg.dependencies ?? {}).toEqual({});
  });

  it.each(['index.js', 'cli.js', 'lib.js', 'fleet-rotate.js'])(
    '%s leaves nothing but Node built-ins to load at run time',
    (file) => {
      const meta = JSON.parse(readFileSync(join(out, 'meta.json'), 'utf8'));
      const output = Object.entries<any>(meta.outputs).find(([path]) => path.endsWith(`/${file}`))![1];
      const external = output.imports
        .filter((i: { external?: boolean }) => i.external)
        .map((i: { path: string }) => i.path);
      expect(external.filter((name: string) => !isBuiltin(name))).toEqual([]);
    },
  );
});

describe('the CLI bundle', () => {
  it('leaves out the action-only dependencies (@actions/core, libsodium), which would slow every start', () => {
    const cli = readFileSync(join('dist', 'cli.js'), 'utf8');
    expect(cli.includes('libsodium')).toBe(false);
    expect(cli.includes('GITHUB_STEP_SUMMARY')).toBe(false);
  });

  it('loads Octokit only when a fleet command talks to GitHub, never at start', () => {
    // @actions/github reads GITHUB_EVENT_PATH when it is evaluated and says so when the file is missing:
    // a start that prints only the version evaluated none of it.
    const out = execFileSync(process.execPath, ['dist/cli.js', '--version'], {
      env: { ...process.env, GITHUB_EVENT_PATH: join(tmpdir(), 'kg-no-such-event.json') },
    }).toString();
    expect(out).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});
