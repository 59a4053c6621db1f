#!/usr/bin/env node
// Custom rules on adversarial patterns: each pattern as a `.keyguard.yml` custom rule, over one 1 MB
// line built to make a backtracking engine blow up, scanned by `dist/cli.js scan` (RE2, linear time).
// Beside it, the same regex on native RegExp in a child process, killed after NATIVE_LIMIT_MS: what
// custom rules cost before they ran on RE2. Prints wall time per pattern (median of RUNS runs).
// Not a test: run with `node bench/custom-rules.mjs` after `npm run bundle`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(new URL('..', import.meta.url).pathname);
const CLI = join(ROOT, 'dist', 'cli.js');
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const NATIVE_LIMIT_MS = Number(process.env.NATIVE_LIMIT_MS ?? 10_000);
const MB = 1024 * 1024;

const CASES = [
  ['(a+)+$', '(a+)+$', `${'a'.repeat(MB)}b`],
  ['(a|aa)*b', '(a|aa)*b', 'a'.repeat(MB)],
  ['(\\w+\\s?)*$', ':(\\w+\\s?)*$', `:${'ab '.repeat(MB / 3)}!`],
  ['(.*a){20}', 'k(.*a){20}', `k${'a'.repeat(MB)}`],
  ['(a|a?)+$', 'k(a|a?)+$', `k${'a'.repeat(MB)}!`],
  ['(\\d+|\\d+x)*y', '(\\d+|\\d+x)*y', '1'.repeat(MB)],
  ['[a-z0-9]{32} (a plain rule)', 'tok_[a-z0-9]{32}', `${'tok_'.repeat(MB / 4)}`],
];

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const yamlQuote = (s) => `'${s.replace(/'/g, "''")}'`;

function keyguardMs(regex, line) {
  const dir = mkdtempSync(join(tmpdir(), 'kg-bench-custom-'));
  try {
    writeFileSync(
      join(dir, '.keyguard.yml'),
      `rules:\n  custom:\n    - id: adversarial\n      regex: ${yamlQuote(regex)}\n      keywords: [${yamlQuote(line[0])}]\n`,
    );
    writeFileSync(join(dir, 'line.txt'), `${line}\n`);
    const times = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      const r = spawnSync(process.execPath, [CLI, 'scan', dir, '--threads', '1', '--format', 'json'], {
        encoding: 'utf8',
      });
      times.push(performance.now() - t0);
      if (r.status !== 0 && r.status !== 1) throw new Error(`keyguard exited ${r.status}: ${r.stderr}`);
    }
    return median(times);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function nativeMs(regex, line) {
  const script = `const t=performance.now();new RegExp(process.argv[1],'g').test(require('fs').readFileSync(0,'utf8'));process.stdout.write(String(performance.now()-t))`;
  const r = spawnSync(process.execPath, ['-e', script, regex], {
    input: line,
    encoding: 'utf8',
    timeout: NATIVE_LIMIT_MS,
  });
  return r.error || r.status !== 0 ? `> ${NATIVE_LIMIT_MS} ms (killed)` : `${Number(r.stdout).toFixed(0)} ms`;
}

const startup = keyguardMs('zzzz_[a-z]{8}', 'no match here');
console.log(`keyguard start-up and a tiny scan: ${startup.toFixed(0)} ms (included in the times below)`);
console.log('| pattern | keyguard scan, 1 MB line (RE2) | native RegExp, same line |');
console.log('| --- | --- | --- |');
for (const [name, regex, line] of CASES) {
  console.log(`| \`${name}\` | ${keyguardMs(regex, line).toFixed(0)} ms | ${nativeMs(regex, line)} |`);
}
