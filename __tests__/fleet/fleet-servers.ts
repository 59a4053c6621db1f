/**
 * The fleet benchmark's servers in a process of their own (bench/fleet.mjs bundles and starts it), so
 * their CPU (the GitHub emulator, `git http-backend` for every fetch) is not counted as the sweep's:
 * builds the organisation (./fleet-org.ts), prints one JSON line (URLs, token, sizes), then takes
 * commands on stdin: `push NAME` (night two: one new commit with a new key), `quit`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { FULL_PERMISSIONS, startGitHubEmulator } from '../emulators/github.js';
import { startGitHttpServer } from '../helpers/git-http-server.js';
import { KeyGen } from '../helpers/keygen.js';
import { buildFleetOrg, pushNewKey } from './fleet-org.js';

const active = Number(process.env.BENCH_FLEET_REPOS ?? 40);
const commitsPerRepo = Number(process.env.BENCH_FLEET_COMMITS ?? 200);
const token = `ghs_${new KeyGen(8080).alnum(36)}`;
const root = mkdtempSync(join(tmpdir(), 'kg-fleet-bench-served-'));
const gh = await startGitHubEmulator({ tokens: { [token]: FULL_PERMISSIONS } });
const server = await startGitHttpServer({ root, token });
const started = Date.now();
const org = buildFleetOrg(gh, server, { active, inactive: 75, commitsPerRepo });
process.stdout.write(
  `${JSON.stringify({
    apiUrl: gh.baseUrl,
    serverUrl: server.url,
    token,
    org: org.org,
    active: org.active.length,
    commits: org.commits,
    planted: org.planted.length,
    buildMs: Date.now() - started,
  })}\n`,
);
for await (const line of createInterface({ input: process.stdin })) {
  const [cmd, arg] = line.trim().split(' ');
  if (cmd === 'push' && arg) {
    const p = pushNewKey(server, `${org.org}/${arg}`);
    gh.pushTo(org.org, arg, new Date().toISOString());
    process.stdout.write(`${JSON.stringify({ pushed: arg, fingerprint: p.fingerprint })}\n`);
  } else if (cmd === 'quit') break;
}
await server.stop();
await gh.stop();
rmSync(root, { recursive: true, force: true });
process.exit(0);
