/** `fleet report --upload-sarif` against the GitHub emulator (REST description enforced). */
import { existsSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
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
        shard: 1,
      }),
    );
  return dir;
}

/** The plan those results were swept from (the state records coverage only for what it listed). */
function plan(): string {
  const file = join(tempDir(), 'plan.json');
  writeFileSync(
    file,
    JSON.stringify({
      include: [{ format: 1, shard: 1, repos: ['acme/a', 'acme/b'], rulesKey: RULES }],
      unchanged: [],
      skipped: [],
      deferred: [],
    }),
  );
  return file;
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

describe('the order and the scope of uploads', () => {
  it('writes the state and the report before the first upload (a job killed mid-upload keeps both)', async () => {
    const dir = tempDir();
    const stateOut = join(dir, 'state.json');
    const reportOut = join(dir, 'report.md');
    const seen: boolean[] = [];
    const api = createServer((req, res) => {
      seen.push(existsSync(stateOut) && existsSync(reportOut));
      req.resume();
      req.on('end', () => {
        res.writeHead(202, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ id: 'x', url: 'http://127.0.0.1/x' }));
      });
    });
    await new Promise<void>((ok) => api.listen(0, '127.0.0.1', ok));
    try {
      const port = (api.address() as AddressInfo).port;
      const r = await runCli(
        [
          'fleet',
          'report',
          '--input',
          results(),
          '--plan',
          plan(),
          '--upload-sarif',
          '--state-out',
          stateOut,
          '--org',
          'acme',
          '--format',
          'markdown',
          '--output',
          reportOut,
        ],
        { GITHUB_API_URL: `http://127.0.0.1:${port}`, KEYGUARD_FLEET_TOKEN: TOKEN },
      );
      expect(r.stderr).toMatch(/uploaded 2 of 2/);
      expect(seen).toEqual([true, true]);
    } finally {
      await new Promise((ok) => api.close(ok));
    }
  });

  it('uploads at most --max-uploads, most urgent first, and names the rest as skipped', async () => {
    gh.sarifUploads.length = 0;
    const r = await runCli(
      ['fleet', 'report', '--input', results(), '--upload-sarif', '--max-uploads', '1'],
      {
        GITHUB_API_URL: gh.baseUrl,
        KEYGUARD_FLEET_TOKEN: TOKEN,
      },
    );
    expect(gh.sarifUploads.map((u) => u.repository)).toEqual(['acme/a']);
    expect(r.stderr).toMatch(/SARIF for acme\/b skipped: over --max-uploads 1/);
    expect(r.code).toBe(1);
  });

  it('sends unchanged repositories from the state only with --upload-scope all', async () => {
    const stateDir = tempDir();
    const state = join(stateDir, 'state.json');
    const carried = {
      repository: 'acme/c',
      file: '.env',
      line: 2,
      ruleId: 'openai-project-key',
      fingerprint: 'c'.repeat(32),
      redacted: 'sk-proj-…cccc',
      seenIn: ['history'],
      foundOn: '2026-11-01T00:00:00Z',
    };
    writeFileSync(
      state,
      JSON.stringify({
        format: 1,
        org: 'acme',
        rulesKey: RULES,
        updatedAt: '2026-11-01T00:00:00Z',
        repos: {
          'acme/c': {
            pushedAt: null,
            defaultBranch: 'main',
            covered: { 'refs/heads/main': SHA },
            sweptAt: '2026-11-01T00:00:00Z',
            findings: [carried],
          },
        },
      }),
    );
    gh.addOrgRepos('acme', [{ name: 'c' }]);
    const env = { GITHUB_API_URL: gh.baseUrl, KEYGUARD_FLEET_TOKEN: TOKEN };
    gh.sarifUploads.length = 0;
    await runCli(['fleet', 'report', '--input', results(), '--state', state, '--upload-sarif'], env);
    expect(gh.sarifUploads.map((u) => u.repository)).toEqual(['acme/a', 'acme/b']);
    gh.sarifUploads.length = 0;
    const r = await runCli(
      ['fleet', 'report', '--input', results(), '--state', state, '--upload-sarif', '--upload-scope', 'all'],
      env,
    );
    expect(r.stderr).toMatch(/uploaded 3 of 3/);
    expect(gh.sarifUploads.map((u) => u.repository).sort()).toEqual(['acme/a', 'acme/b', 'acme/c']);
  });

  it('refuses plain http to another host before any upload', async () => {
    const r = await runCli(['fleet', 'report', '--input', results(), '--upload-sarif'], {
      GITHUB_API_URL: 'http://192.0.2.10/api/v3',
      KEYGUARD_FLEET_TOKEN: TOKEN,
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/GITHUB_API_URL: http:\/\/192\.0\.2\.10 would send the token unencrypted/);
  });
});
