// `npm run emulators`: bundles the TypeScript emulators with esbuild and runs them.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

// Inside node_modules so the external packages resolve from the project.
const dir = join('node_modules', '.cache', 'keyguard-emulators');
mkdirSync(dir, { recursive: true });
const out = join(process.cwd(), dir, 'start.mjs');
await build({
  entryPoints: ['__tests__/emulators/start.ts'],
  outfile: out,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
});
await import(pathToFileURL(out).href);
