/**
 * Entry of the embedded scan worker: scripts/bundle.mjs builds this file alone (CommonJS, ~60 KB) and
 * injects it into the bundles, which start it with `new Worker(code, { eval: true })`. Starting the
 * whole CLI bundle in every worker instead cost ~20 ms more per worker before its first file.
 */
import { maybeRunWorker } from './worker.js';

maybeRunWorker();
