import { createGitHubSide } from '../../src/github/index.js';
import { Secret } from '../../src/scan/secret.js';
import { FULL_PERMISSIONS, GITHUB_TOKEN_PERMISSIONS, type GitHubEmulator } from '../emulators/github.js';
import { FAST_RETRY, setup } from './helpers.js';

let ctx: Awaited<ReturnType<typeof setup>>;
let emulator: GitHubEmulator;
beforeEach(async () => {
  ctx = await setup({ tokens: { actions: GITHUB_TOKEN_PERMISSIONS, pat: FULL_PERMISSIONS } });
  emulator = ctx.emulator;
});
afterEach(() => emulator.stop());

describe('createGitHubSide', () => {
  it('writes secrets with the secrets token and issues with the workflow token', async () => {
    const side = createGitHubSide({
      repo: ctx.repo,
      token: 'actions',
      secretsToken: new Secret('pat'),
      retry: FAST_RETRY,
    });
    await side.secrets.put({ name: 'K', scope: { kind: 'repo' } }, new Secret('value-abc-123'));
    await side.incidents.create('abc', 't', 'b');
    const auth = (m: string, p: RegExp) => emulator.requestsTo(m, p).map((r) => r.headers.authorization);
    expect(auth('PUT', /secrets\/K$/)).toEqual(['token pat']);
    expect(auth('POST', /\/issues$/)).toEqual(['token actions']);
  });
});
