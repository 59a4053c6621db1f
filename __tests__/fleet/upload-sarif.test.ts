/** `fleet report --upload-sarif` against the GitHub emulator (REST description enforced). */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { FULL_PERMISSIONS, type GitHubEmulator, startGitHubEmulator } from '../emulators/github.js';
import { cleanTempDirs, RULES, runCli, tempDir } from './helpers.js';

const TOKEN = 'fleet-app-token';
const READ_ONLY = 'fleet-read-token';
const SHA = 'a'.repeat(40);
let gh: GitHubEmulator;
beforeAll(async () => {
  gh = await startGitHubEmulator({
    tokens: { [TOKEN]: { ...FULL_PERMISSIONS, securityEvents: 'write' }, [READ_ONLY]: FULL_PERMISSIONS },
  });
  gh.addOrgRepos('acme', [{ name: 'a' }, { name: 'b' }]);
});
afterAll(async () => {
  await gh.stop();
  cleanTempDirs();
});

function results(): string {
  const dir = tempDir();
  for (const name of ['a', 'b'])
    writeFileSync(
      join(dir, `acme__${name}.json`),
      JSON.stringify({
        format: 1,
        repository: `acme/${name}`,
        status: 'scanned',
        rulesKey: RULES,
        defaultBranch: 'main',
        covered: { 'refs/heads/main': SHA },
        findings:
          name === 'a'
            ? [
                {
                  repository: 'acme/a',
                  file: '.env',
                  line: 1,
                  ruleId: 'openai-project-key',
                  fingerprint: 'f'.repeat(32),
                  redacted: 'sk-proj-…abcd',
                  seenIn: ['tree'],
                },
              ]
            : [],
        stats: { commitsRead: 1, blobsRead: 1, bytesRead: 1, ms: 1 },
      }),
    );
  return dir;
}

describe('uploading SARIF to each repository’s code scanning', () => {
  it('sends one gzipped, base64 SARIF per repository, on its default branch head', async () => {
    const r = await runCli(['fleet', 'report', '--input', results(), '--upload-sarif'], {
      GITHUB_API_URL: gh.baseUrl,
      KEYGUARD_FLEET_TOKEN: TOKEN,
    });
    expect(r.stderr).toMatch(/uploaded 2 of 2 SARIF/);
    expect(r.code).toBe(1);
    expect(gh.sarifUploads.map((u) => [u.repository, u.ref, u.commit_sha])).toEqual([
      ['acme/a', 'refs/heads/main', SHA],
      ['acme/b', 'refs/heads/main', SHA],
    ]);
    const sarif = gh.sarifUploads[0]!.sarif as { runs: { results: unknown[] }[] };
    expect(sarif.runs[0]!.results).toHaveLength(1);
  });

  it('exits 2 and names the repository when code scanning refuses the token', async () => {
    gh.sarifUploads.length = 0;
    const r = await runCli(['fleet', 'report', '--input', results(), '--upload-sarif'], {
      GITHUB_API_URL: gh.baseUrl,
      KEYGUARD_FLEET_TOKEN: READ_ONLY,
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/SARIF for acme\/a failed: .*403/);
    expect(r.stderr).not.toContain(READ_ONLY);
  });
});
