import { InputError } from '../../src/config/errors.js';
import { blobUrl, repoContextFromEnv, runUrl } from '../../src/github/context.js';

describe('repoContextFromEnv', () => {
  it('reads the repository, URLs, commit and run from the Actions variables', () => {
    const ctx = repoContextFromEnv({
      GITHUB_REPOSITORY: 'acme/app',
      GITHUB_API_URL: 'https://ghe.example.com/api/v3/',
      GITHUB_SERVER_URL: 'https://ghe.example.com',
      GITHUB_SHA: 'abc123',
      GITHUB_RUN_ID: '42',
    });
    expect(ctx).toEqual({
      owner: 'acme',
      repo: 'app',
      apiUrl: 'https://ghe.example.com/api/v3',
      serverUrl: 'https://ghe.example.com',
      sha: 'abc123',
      runId: '42',
    });
  });

  it('defaults to github.com', () => {
    const ctx = repoContextFromEnv({ GITHUB_REPOSITORY: 'a/b' });
    expect(ctx.apiUrl).toBe('https://api.github.com');
    expect(ctx.serverUrl).toBe('https://github.com');
    expect(ctx.sha).toBeUndefined();
  });

  it.each([undefined, '', 'no-slash', 'a/b/c'])(
    'rejects GITHUB_REPOSITORY=%j with the expected form',
    (v) => {
      expect(() => repoContextFromEnv({ GITHUB_REPOSITORY: v })).toThrow(InputError);
      expect(() => repoContextFromEnv({ GITHUB_REPOSITORY: v })).toThrow(/owner\/repo/);
    },
  );

  it('builds blob and run links', () => {
    const ctx = repoContextFromEnv({ GITHUB_REPOSITORY: 'a/b', GITHUB_SHA: 's1', GITHUB_RUN_ID: '7' });
    expect(blobUrl(ctx, 'dir/my file.ts', 3)).toBe('https://github.com/a/b/blob/s1/dir/my%20file.ts#L3');
    expect(runUrl(ctx)).toBe('https://github.com/a/b/actions/runs/7');
  });
});
