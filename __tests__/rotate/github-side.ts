/** keyguard's GitHub side wired to the GitHub emulator, for the rotation tests that run against emulators. */
import { createGitHubSide, type GitHubSideOptions } from '../../src/github/index.js';
import type { RepoContext } from '../../src/github/types.js';
import type { GitHubEmulator } from '../emulators/github.js';

/**
 * The emulator's repository as keyguard sees it, and keyguard's GitHub side (secrets and incidents)
 * for it, signed in with the emulator's token `pat`. Links point at https://github.com.
 */
export function emulatedGitHubSide(github: GitHubEmulator, retry: GitHubSideOptions['retry']) {
  const repo: RepoContext = {
    owner: github.owner,
    repo: github.repo,
    apiUrl: github.baseUrl,
    serverUrl: 'https://github.com',
  };
  return { repo, side: createGitHubSide({ repo, token: 'pat', retry }) };
}
