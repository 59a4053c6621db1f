#!/usr/bin/env node
/**
 * Benchmark of the call-log audit: generates an N-row CSV (default 1 000 000) in a temp dir,
 * streams it through the audit in a fresh child process and prints rows/second and peak RSS.
 * Runs against the TypeScript source through a quick esbuild bundle (or a built module with
 * --module PATH that exports AuditAccumulator and readCsvInto).
 *
 *   node bench/audit-csv.mjs [--rows 1000000] [--module dist/audit.js] [--keep]
 */
import { spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const rows = Number(opt('--rows', '1000000'));
const modulePath = opt('--module');
const keep = args.includes('--keep');

const dir = mkdtempSync(join(tmpdir(), 'kg-audit-bench-'));
try {
  // 1. Bundle the generator (test helper) and, unless --module is given, the audit itself.
  const entry = join(dir, 'entry.ts');
  writeFileSync(
    entry,
    [
      `export * from ${JSON.stringify(join(root, '__tests__/audit/helpers/calllog.ts'))};`,
      modulePath
        ? ''
        : `export { AuditAccumulator, readCsvInto } from ${JSON.stringify(join(root, 'src/audit/index.ts'))};`,
    ].join('\n'),
  );
  const bundle = join(dir, 'audit-bench.mjs');
  const t0 = performance.now();
  await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: bundle,
    logLevel: 'error',
  });
  const bundleMs = performance.now() - t0;
  const lib = await import(pathToFileURL(bundle).href);

  // 2. Generate the CSV: ~1 request per row, 168 hours, a burst from unknown networks after the leak.
  const hours = 168;
  const endMs = Date.UTC(2026, 10, 20);
  const leakMs = endMs - 24 * 3_600_000;
  const burstPerHour = Math.round(rows / hours / 3);
  // The generator varies each hour by ±10 %: aim 1 % high so the file has at least `rows` rows.
  const normalPerHour = Math.ceil(((rows - burstPerHour * 24) / hours) * 1.01);
  const csv = join(dir, 'calls.csv');
  const truth = lib.newTruth();
  const out = createWriteStream(csv);
  const g0 = performance.now();
  for (const chunk of lib.callLogChunks(
    {
      endMs,
      leakMs,
      hours,
      normalPerHour,
      burstPerHour,
      malformed: true,
      quoted: true,
      crlf: true,
      bom: true,
      mixedTimes: true,
    },
    truth,
  )) {
    if (!out.write(chunk)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  const genMs = performance.now() - g0;
  const bytes = statSync(csv).size;

  // 3. Audit it in a fresh process so peak RSS is the audit's alone.
  const runner = join(dir, 'run.mjs');
  writeFileSync(
    runner,
    `import { AuditAccumulator, readCsvInto } from ${JSON.stringify(pathToFileURL(modulePath ? resolve(modulePath) : bundle).href)};
const rss0 = process.memoryUsage().rss;
const t0 = performance.now();
const acc = new AuditAccumulator({ end: ${JSON.stringify(new Date(endMs).toISOString())}, leakTime: ${JSON.stringify(new Date(leakMs).toISOString())}, allowIps: ${JSON.stringify(lib.ALLOWED_CIDRS)} });
const stats = await readCsvInto(acc, ${JSON.stringify(csv)});
const report = acc.finish();
const ms = performance.now() - t0;
console.log(JSON.stringify({ rows: stats.rows, malformed: stats.malformed, ms, rss0, maxRssKb: process.resourceUsage().maxRSS, cpuMs: (process.resourceUsage().userCPUTime + process.resourceUsage().systemCPUTime) / 1000, requests: report.totals.requests, flaggedTotal: report.flaggedTotal, verdict: report.verdict }));
`,
  );
  const child = spawnSync(process.execPath, [runner], { encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`audit run failed: ${child.stderr}`);
  const res = JSON.parse(child.stdout.trim().split('\n').pop());
  const ok = res.requests === truth.normal + truth.attack && res.malformed === truth.malformed;
  console.log(
    `audit-csv benchmark (${modulePath ? modulePath : 'src via esbuild'}, bundle ${bundleMs.toFixed(0)} ms)`,
  );
  console.log(
    `  file:        ${res.rows.toLocaleString('en-US')} rows, ${(bytes / 1e6).toFixed(1)} MB (generated in ${(genMs / 1000).toFixed(1)} s)`,
  );
  console.log(
    `  audit:       ${(res.ms / 1000).toFixed(2)} s, ${Math.round(res.rows / (res.ms / 1000)).toLocaleString('en-US')} rows/s, ${(bytes / 1e6 / (res.ms / 1000)).toFixed(1)} MB/s wall; ${Math.round(res.rows / (res.cpuMs / 1000)).toLocaleString('en-US')} rows per CPU-second`,
  );
  console.log(
    `  memory:      peak RSS ${(res.maxRssKb / 1024).toFixed(0)} MB (RSS at start ${(res.rss0 / 1048576).toFixed(0)} MB)`,
  );
  console.log(
    `  check:       ${ok ? 'totals match the generator' : 'MISMATCH with the generator'}; ${res.malformed} malformed rows; ${res.flaggedTotal.toLocaleString('en-US')} flagged`,
  );
  console.log(`  verdict:     ${res.verdict}`);
  if (!ok) process.exitCode = 1;
} finally {
  if (keep) console.log(`  kept:        ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
}
