// Builds the committed, self-contained bundles in dist/ (no node_modules needed at run time).
// `node scripts/bundle.mjs --out DIR` writes elsewhere; the dist-freshness test uses that to compare.
import { writeFileSync } from 'node:fs';
import { build } from 'esbuild';

const outIndex = process.argv.indexOf('--out');
const outdir = outIndex > 0 ? process.argv[outIndex + 1] : 'dist';
// `--metafile FILE` writes esbuild's account of the bundles (what each imports): a test reads it to
// check that nothing but Node built-ins is left for run time.
const metaIndex = process.argv.indexOf('--metafile');

// The scan worker is built first, alone, as a CommonJS script (what `new Worker(code, { eval: true })`
// runs) and embedded in both bundles as a string: workers start from ~60 KB instead of the whole CLI,
// and each dist/ file stays self-contained. See src/engine/worker.ts.
const worker = await build({
  entryPoints: ['src/engine/worker-entry.ts'],
  write: false,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  conditions: ['node'],
  mainFields: ['module', 'main'],
  legalComments: 'none',
  minifyWhitespace: true,
  minifySyntax: true,
  // worker.ts reads import.meta.url only on the main thread (its fallback when no worker is embedded).
  logOverride: { 'empty-import-meta': 'silent' },
  logLevel: 'warning',
});
const workerCode = worker.outputFiles[0].text;

// ESM output still meets CommonJS dependencies (libsodium, csv-parse's helpers): give them `require`.
const banner =
  "import { createRequire as __kgCreateRequire } from 'node:module';\n" +
  'const require = __kgCreateRequire(import.meta.url);';

// Optional packages a dependency tries to `require` inside try/catch (node-fetch, under
// @kubernetes/client-node, asks for `encoding` to convert legacy charsets): bundled as absent, which is
// what they are, instead of being left for run time.
const ABSENT_OPTIONAL = /^encoding$/;
const absentOptional = {
  name: 'absent-optional',
  setup(b) {
    b.onResolve({ filter: ABSENT_OPTIONAL }, (args) => ({ path: args.path, namespace: 'absent-optional' }));
    b.onLoad({ filter: /.*/, namespace: 'absent-optional' }, (args) => ({
      contents: `throw new Error(${JSON.stringify(`${args.path} is not bundled`)});`,
      loader: 'js',
    }));
  },
};

const bundles = await build({
  // index: the action (runs on load); cli: the `bin`; lib: the package's import entry (runs nothing).
  // fleet-rotate: the rotation engine `fleet sweep --rotate` loads at run time, kept out of cli.js so
  // every other command starts without libsodium, Octokit's secrets path and the stores' SDKs.
  entryPoints: {
    index: 'src/index.ts',
    cli: 'src/cli.ts',
    lib: 'src/lib.ts',
    'fleet-rotate': 'src/fleet/rotate.ts',
  },
  outdir,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  splitting: false,
  conditions: ['node'],
  mainFields: ['module', 'main'],
  banner: { js: banner },
  define: { __KEYGUARD_WORKER_CODE__: JSON.stringify(workerCode) },
  legalComments: 'none',
  logLevel: 'warning',
  outExtension: { '.js': '.js' },
  metafile: metaIndex > 0,
  plugins: [absentOptional],
});
if (metaIndex > 0) writeFileSync(process.argv[metaIndex + 1], JSON.stringify(bundles.metafile));
