// Builds the committed, self-contained bundles in dist/ (no node_modules needed at run time).
// `node scripts/bundle.mjs --out DIR` writes elsewhere; the dist-freshness test uses that to compare.
import { build } from 'esbuild';

const outIndex = process.argv.indexOf('--out');
const outdir = outIndex > 0 ? process.argv[outIndex + 1] : 'dist';

// ESM output still meets CommonJS dependencies (libsodium, csv-parse's helpers): give them `require`.
const banner =
  "import { createRequire as __kgCreateRequire } from 'node:module';\n" +
  'const require = __kgCreateRequire(import.meta.url);';

await build({
  entryPoints: { index: 'src/index.ts', cli: 'src/cli.ts' },
  outdir,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  splitting: false,
  conditions: ['node'],
  mainFields: ['module', 'main'],
  banner: { js: banner },
  legalComments: 'none',
  logLevel: 'warning',
  outExtension: { '.js': '.js' },
});
