import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

describe('the committed dist/ bundle', () => {
  const out = mkdtempSync(join(tmpdir(), 'kg-dist-'));
  beforeAll(() => {
    execFileSync(process.execPath, ['scripts/bundle.mjs', '--out', out], { stdio: 'pipe' });
  });
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it.each(['index.js', 'cli.js'])(
    '%s matches a fresh build of src/ (run npm run bundle and commit)',
    (file) => {
      const fresh = readFileSync(join(out, file), 'utf8');
      const committed = readFileSync(join('dist', file), 'utf8');
      expect(committed === fresh).toBe(true);
    },
  );
});

describe('the CLI bundle', () => {
  it('leaves out the action-only dependencies (@actions/core, libsodium), which would slow every start', () => {
    const cli = readFileSync(join('dist', 'cli.js'), 'utf8');
    expect(cli.includes('libsodium')).toBe(false);
    expect(cli.includes('GITHUB_STEP_SUMMARY')).toBe(false);
    expect(cli.includes('octokit')).toBe(false);
  });
});
