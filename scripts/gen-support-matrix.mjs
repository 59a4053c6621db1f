#!/usr/bin/env node
// Regenerates docs/providers.md from the adapters' capabilities and limitations.
// The renderer is TypeScript (src/providers/matrix.ts); the registry test writes the file when asked.
import { spawnSync } from 'node:child_process';

const r = spawnSync('npx', ['jest', '__tests__/providers/registry', '-t', 'docs/providers.md'], {
  stdio: 'inherit',
  env: { ...process.env, KEYGUARD_UPDATE_DOCS: '1', NODE_OPTIONS: '--experimental-vm-modules' },
});
process.exit(r.status ?? 1);
