/** The CLI's PATH argument: a missing directory or a file is a usage error (exit 2) naming it. */
import { cli } from '../../src/cli/main.js';

function io() {
  const out = { stdout: '', stderr: '' };
  return {
    out,
    io: {
      stdout: { write: (s: string) => (out.stdout += s) },
      stderr: { write: (s: string) => (out.stderr += s) },
      stdin: (async function* () {})(),
      env: {},
      cwd: process.cwd(),
    },
  };
}

describe('keyguard scan PATH', () => {
  it.each([
    ['a directory that does not exist', 'no/such/dir'],
    ['a file', 'package.json'],
  ])('exits 2 naming the path when it is %s', async (_what, path) => {
    const { io: cliIo, out } = io();
    expect(await cli(['scan', path], cliIo)).toBe(2);
    expect(out.stderr).toBe(`keyguard: PATH "${path}" is not a directory\n`);
  });

  it('says the same for baseline', async () => {
    const { io: cliIo, out } = io();
    expect(await cli(['baseline', 'no/such/dir'], cliIo)).toBe(2);
    expect(out.stderr).toContain('PATH "no/such/dir" is not a directory');
  });
});

describe('keyguard scan --fail-on live', () => {
  it('warns on stderr when --verify is missing', async () => {
    const { io: cliIo, out } = io();
    await cli(['scan', '__tests__/action', '--fail-on', 'live', '--quiet'], cliIo);
    expect(out.stderr).toContain('--fail-on live without --verify');
  });
});
