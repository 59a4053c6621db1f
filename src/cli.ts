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
    // On a runner, a key keyguard makes (fleet sweep --rotate) is masked before any line about it.
    mask:
      process.env.GITHUB_ACTIONS === 'true'
        ? (value: string) => {
            if (value) process.stdout.write(`::add-mask::${value}\n`);
          }
        : undefined,
  });
  process.exitCode = code;
}
