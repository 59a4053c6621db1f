/** Shared wiring for the GitHub tests: an emulator, a fast client, a repo context. */
import { GitHubClient, type GitHubClientOptions } from '../../src/github/client.js';
import type { RepoContext } from '../../src/github/types.js';
import { type GitHubEmulator, type GitHubEmulatorOptions, startGitHubEmulator } from '../emulators/github.js';

/** Tiny waits so retries cost milliseconds. */
export const FAST_RETRY = {
  baseDelayMs: 5,
  secondaryWaitMs: 20,
  maxWaitMs: 3000,
  timeoutMs: 400,
  maxRetries: 4,
  writeIntervalMs: 0,
};

export async function setup(opts: GitHubEmulatorOptions = {}) {
  const emulator: GitHubEmulator = await startGitHubEmulator({ environments: ['production'], ...opts });
  const repo: RepoContext = {
    owner: emulator.owner,
    repo: emulator.repo,
    apiUrl: emulator.baseUrl,
    serverUrl: 'https://github.com',
  };
  const client = (token: string, extra: Partial<GitHubClientOptions> = {}) =>
    new GitHubClient({ token, baseUrl: emulator.baseUrl, retry: FAST_RETRY, ...extra });
  return { emulator, repo, client };
}

/** The message of what `p` rejects with (fails the test when it resolves). */
export async function rejection(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected a rejection');
}
