// Action entry point: the runner executes dist/index.js. A worker thread started by the scan engine
// runs this same bundle and must take over first; otherwise run() does everything.
import { maybeRunWorker } from './engine/index.js';

if (!maybeRunWorker()) {
  const { run } = await import('./main.js');
  await run();
}
