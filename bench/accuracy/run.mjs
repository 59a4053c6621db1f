// Independent accuracy evaluation of `keyguard scan` (red team). Generates the labelled corpus, runs the
// bundled CLI on it, matches findings to truth by (file, line, fingerprint) and prints precision/recall
// overall, per provider, per context and per rule, every miss and false positive (masked), then scans
// node_modules (real code: findings there are almost surely false positives) and any competitor found.
//
//   node bench/accuracy/run.mjs [--seed N] [--cli path/to/cli.js] [--no-node-modules] [--keep]
//
// The corpora hold tens of thousands of key-shaped strings: they are deleted after the run (a scan of the
// work tree does not skip git-ignored paths) unless --keep; `node bench/accuracy/generate.mjs` remakes them.
//
// Writes bench/out/accuracy/results.json. Never prints a whole key: findings carry only the scanner's
// redacted form, and the truth file holds fingerprints and masked forms.

import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate, generateBulk, OUT } from './generate.mjs';

const ROOT = join(OUT, '..', '..', '..');
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};

function newestMtime(dir) {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** Use dist/cli.js if it is newer than src/, else bundle privately (the shared dist/ is not touched). */
function resolveCli() {
  const given = opt('--cli');
  if (given) return given;
  const dist = join(ROOT, 'dist', 'cli.js');
  if (statSync(dist).mtimeMs >= newestMtime(join(ROOT, 'src'))) return dist;
  const outDir = join(OUT, '..', 'accuracy-build');
  const b = spawnSync(process.execPath, ['scripts/bundle.mjs', '--out', outDir], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (b.status !== 0) throw new Error(`bundle failed: ${b.stderr}`);
  return join(outDir, 'cli.js');
}

function scan(cli, target) {
  const out = join(OUT, `scan-${basename(target)}.json`);
  const t0 = process.hrtime.bigint();
  const p = spawnSync(process.execPath, [cli, 'scan', target, '--format', 'json', '--output', out], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (p.status !== 0 && p.status !== 1) throw new Error(`scan exited ${p.status}: ${p.stderr.slice(0, 500)}`);
  return { report: JSON.parse(readFileSync(out, 'utf8')), ms };
}

const pct = (a, b) => (b === 0 ? '   -  ' : `${((100 * a) / b).toFixed(1).padStart(5)}%`);

function bump(map, key, field, n = 1) {
  if (!map.has(key)) map.set(key, { total: 0, hit: 0, fp: 0, tp: 0, attributed: 0, first: 0 });
  map.get(key)[field] += n;
}

export function evaluate(report, truth, traps) {
  const byFile = new Map();
  for (const f of report.findings) {
    if (!byFile.has(f.file)) byFile.set(f.file, []);
    byFile.get(f.file).push({ ...f, used: false });
  }
  const perProvider = new Map();
  const perContext = new Map();
  const perRule = new Map();
  const misses = [];
  const wrongLine = [];
  for (const t of truth) {
    bump(perProvider, t.provider, 'total');
    bump(perContext, t.context, 'total');
    const cands = byFile.get(t.file) ?? [];
    const hit = cands.find((f) => !f.used && f.fingerprint === t.fingerprint);
    if (!hit) {
      const near = cands.find((f) => f.line === t.line);
      misses.push({ ...t, got: near ? { ruleId: near.ruleId, redacted: near.redacted } : null });
      continue;
    }
    hit.used = true;
    if (hit.line !== t.line) wrongLine.push({ file: t.file, expected: t.line, got: hit.line });
    bump(perProvider, t.provider, 'hit');
    bump(perContext, t.context, 'hit');
    bump(perContext, t.context, 'tp');
    bump(perRule, hit.ruleId, 'tp');
    const named = String(hit.provider).split('|');
    if (t.expect.some((e) => named.includes(e))) bump(perProvider, t.provider, 'attributed');
    // verification tries candidates in order: the right provider should come first
    const first = hit.candidates?.[0] ?? named[0];
    if (t.expect.includes(first)) bump(perProvider, t.provider, 'first');
  }
  const trapByFile = new Map(traps.map((t) => [t.file, t]));
  const falsePositives = [];
  for (const list of byFile.values()) {
    for (const f of list) {
      if (f.used) continue;
      const trap = trapByFile.get(f.file);
      const category = trap ? trap.category : 'extra-finding-in-true-positive-file';
      const context = trap ? trap.context : f.file.split('/')[2];
      bump(perRule, f.ruleId, 'fp');
      bump(perContext, context, 'fp');
      falsePositives.push({
        category,
        context,
        file: f.file,
        line: f.line,
        ruleId: f.ruleId,
        redacted: f.redacted,
      });
    }
  }
  const tp = truth.length - misses.length;
  const fp = falsePositives.length;
  return {
    overall: {
      truth: truth.length,
      traps: traps.length,
      findings: report.findings.length,
      tp,
      fp,
      fn: misses.length,
    },
    precision: tp / (tp + fp || 1),
    recall: tp / truth.length,
    perProvider: Object.fromEntries(perProvider),
    perContext: Object.fromEntries(perContext),
    perRule: Object.fromEntries(perRule),
    misses,
    wrongLine,
    falsePositives,
  };
}

function countBy(list, key) {
  const m = new Map();
  for (const x of list) m.set(x[key], (m.get(x[key]) ?? 0) + 1);
  return [...m.entries()].sort((a, b) => b[1] - a[1]);
}

function printReport(r, ms, bytes) {
  const o = r.overall;
  console.log(
    `\n== keyguard accuracy (corpus: ${o.truth} true keys, ${o.traps} trap files; scan ${ms.toFixed(0)} ms, ${(bytes / 1e6).toFixed(1)} MB)`,
  );
  console.log(
    `precision ${pct(o.tp, o.tp + o.fp)}  recall ${pct(o.tp, o.truth)}  (TP ${o.tp}, FP ${o.fp}, FN ${o.fn})`,
  );
  console.log('\n-- per provider: recall; among hits, provider named at all / named first');
  for (const [k, v] of Object.entries(r.perProvider))
    console.log(
      `${k.padEnd(24)} recall ${pct(v.hit, v.total)} (${v.hit}/${v.total})  attributed ${pct(v.attributed, v.hit)}  first ${pct(v.first, v.hit)}`,
    );
  console.log('\n-- per context: recall over 19 providers, false positives from traps in that context');
  for (const [k, v] of Object.entries(r.perContext).sort(
    (a, b) => a[1].hit / (a[1].total || 1) - b[1].hit / (b[1].total || 1),
  ))
    console.log(`${k.padEnd(30)} recall ${pct(v.hit, v.total)} (${v.hit}/${v.total})  FP ${v.fp}`);
  console.log('\n-- per rule: precision');
  for (const [k, v] of Object.entries(r.perRule))
    console.log(`${k.padEnd(28)} precision ${pct(v.tp, v.tp + v.fp)} (TP ${v.tp}, FP ${v.fp})`);
  console.log(`\n-- misses (${r.misses.length}) by provider × context`);
  for (const m of r.misses)
    console.log(
      `MISS ${m.provider.padEnd(22)} ${m.context.padEnd(28)} ${m.masked}${m.got ? `  (same line: ${m.got.ruleId} ${m.got.redacted})` : ''}`,
    );
  if (r.wrongLine.length)
    console.log(`\n-- found on a wrong line (${r.wrongLine.length})`, r.wrongLine.slice(0, 10));
  console.log(`\n-- false positives (${r.falsePositives.length}) by category`);
  for (const [c, n] of countBy(r.falsePositives, 'category')) console.log(`${String(n).padStart(4)}  ${c}`);
  for (const f of r.falsePositives)
    console.log(`FP ${f.category.padEnd(34)} ${f.context.padEnd(26)} ${f.ruleId.padEnd(24)} ${f.redacted}`);
}

function nodeModules(cli) {
  const target = join(ROOT, 'node_modules');
  const { report, ms } = scan(cli, target);
  console.log(
    `\n== node_modules: ${report.summary.scannedFiles} files, ${(report.summary.scannedBytes / 1e6).toFixed(0)} MB in ${ms.toFixed(0)} ms: ${report.findings.length} findings (all presumed false positives)`,
  );
  for (const f of report.findings)
    console.log(`NM ${f.ruleId.padEnd(24)} ${f.redacted.padEnd(24)} ${f.file}:${f.line}`);
  return {
    files: report.summary.scannedFiles,
    bytes: report.summary.scannedBytes,
    ms,
    findings: report.findings.map(({ ruleId, redacted, file, line }) => ({ ruleId, redacted, file, line })),
  };
}

/** How many random, correctly shaped keys each format loses to the filters (2,000 per format). */
function bulkLoss(cli) {
  const { corpus, truth } = generateBulk({});
  const { report, ms } = scan(cli, corpus);
  const r = evaluate(report, truth, []);
  console.log(`\n== filter loss: ${truth.length} random keys, one per line (scan ${ms.toFixed(0)} ms)`);
  const out = {};
  for (const [p, v] of Object.entries(r.perProvider)) {
    out[p] = { total: v.total, lost: v.total - v.hit, attributed: v.attributed };
    console.log(
      `${p.padEnd(24)} lost ${String(v.total - v.hit).padStart(4)} / ${v.total}  attributed ${pct(v.attributed, v.hit)}  first ${pct(v.first, v.hit)}`,
    );
  }
  const byReason = countBy(
    r.misses.map((m) => ({
      k: `${m.provider}: ${m.got ? `same line -> ${m.got.ruleId}` : 'nothing reported'}`,
    })),
    'k',
  );
  for (const [k, n] of byReason) console.log(`  ${String(n).padStart(4)}  ${k}`);
  if (r.falsePositives.length)
    console.log(`  ${r.falsePositives.length} findings that are not the planted key (wrong extent)`);
  return { perProvider: out, misses: byReason, wrongExtent: r.falsePositives.length };
}

/** gitleaks / trufflehog / secretlint only if already installed (never downloaded here). */
function competitors() {
  const found = {};
  for (const tool of ['gitleaks', 'trufflehog', 'secretlint']) {
    const w = spawnSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' });
    found[tool] = w.status === 0 ? w.stdout.trim() : null;
  }
  console.log('\n== competitors installed:', JSON.stringify(found));
  return found;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const seed = Number(opt('--seed', '20251129'));
  const cli = resolveCli();
  const { corpus, truth, traps } = generate({ seed });
  const { report, ms } = scan(cli, corpus);
  const result = evaluate(report, truth, traps);
  printReport(result, ms, report.summary.scannedBytes);
  const bulk = bulkLoss(cli);
  const nm = args.includes('--no-node-modules') ? null : nodeModules(cli);
  const comp = competitors();
  if (!args.includes('--keep')) {
    rmSync(corpus, { recursive: true, force: true });
    rmSync(join(OUT, 'bulk'), { recursive: true, force: true });
  }
  writeFileSync(
    join(OUT, 'results.json'),
    `${JSON.stringify({ seed, cli: relative(ROOT, cli), scanMs: ms, ...result, bulk, nodeModules: nm, competitors: comp }, null, 1)}\n`,
  );
}
