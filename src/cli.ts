#!/usr/bin/env node
// CLI entry point. A worker thread started by the scan engine runs this same bundle: it must take over
// before anything else happens.
import { maybeRunWorker } from './engine/index.js';

if (!maybeRunWorker()) {
  const { cli } = await import('./cli/main.js');
  const code = await cli(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    cwd: process.cwd(),
  });
  process.exitCode = code;
}
