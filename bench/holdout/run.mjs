#!/usr/bin/env node
// Held-out accuracy run: build a labelled corpus at run time, scan it with dist/cli.js, score by
// file + line + fingerprint. The truth file holds fingerprints and masked keys only, never a key.
//   node bench/holdout/run.mjs [--suite wild] [--seed N] [--keep] [--only SUBSTR] [--cli dist/cli.js]
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HARD, POSITIVE } from './contexts.mjs';
import { FAMILIES, fingerprint, mask, rng } from './keys.mjs';
import { NEGATIVE } from './negatives.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const seed = Number(opt('--seed', '20261129'));
const keep = args.includes('--keep');
const only = opt('--only', '');
const cli = resolve(root, opt('--cli', 'dist/cli.js'));
// `--suite wild`: the second, separately scored corpus (bench/holdout/wild.mjs); default seed 20261202.
if (opt('--suite', 'default') === 'wild') {
  const { runWild } = await import('./wild.mjs');
  process.exit(runWild({ root, seed: Number(opt('--seed', '20261202')), keep, only, cli }));
}
const outDir = join(root, 'bench/out/holdout');
const corpus = join(outDir, 'corpus');

/** Each file gets its own stream, so one recipe (seed + file id) regenerates one file exactly. */
const streamFor = (id) => rng(seed ^ createHash('sha256').update(id).digest().readUInt32LE(0));
const lineOf = (text, needle) => text.slice(0, text.indexOf(needle)).split('\n').length;
// A generic stand-in for the provider hint: half the files name no provider, env var or base URL.
const UNHINTED = { env: 'API_KEY', url: 'https://llm.internal.acme.dev/v1', provider: 'llm' };

rmSync(outDir, { recursive: true, force: true });
const truth = [];
const negatives = [];
const write = (rel, text) => {
  const p = join(corpus, rel);
  mkdirSync(dirname(p), { recursive: true });
  writeFileSync(p, text);
};

const SETS = [...POSITIVE.map((c) => ['plain', ...c]), ...HARD.map((c) => ['hard', ...c])];
for (const [set, ctx, path, template] of SETS) {
  for (const [family, fam] of Object.entries(FAMILIES)) {
    const id = `${ctx}/${family}`;
    if (only && !id.includes(only)) continue;
    const r = streamFor(id);
    const key = fam.gen(r);
    const hinted = r() < 0.5;
    const out = template(key, hinted ? fam : { ...fam, ...UNHINTED }, r);
    const { text, needle, buffer, line } = typeof out === 'string' ? { text: out, needle: key } : out;
    if (!buffer && !text.includes(needle)) throw new Error(`template ${ctx} lost the key`);
    const file = `pos/${ctx}/${family}/${path}`;
    write(file, buffer ?? text);
    truth.push({
      set,
      file,
      line: line ?? lineOf(text, needle),
      fingerprint: fingerprint(key),
      masked: mask(key),
      family,
      provider: fam.provider,
      context: ctx,
      hinted,
      encoded: needle !== key,
      recipe: `--seed ${seed} --only ${id}`,
    });
  }
}
for (const [kind, path, gen] of NEGATIVE) {
  if (only && !`neg/${kind}`.includes(only)) continue;
  const file = `neg/${kind}/${path}`;
  write(file, gen(streamFor(`neg/${kind}`)));
  negatives.push({ file, kind, recipe: `--seed ${seed} --only neg/${kind}` });
}
writeFileSync(join(outDir, 'truth.json'), JSON.stringify({ seed, truth, negatives }, null, 1));

const t0 = process.hrtime.bigint();
const res = spawnSync(process.execPath, [cli, 'scan', corpus, '--format', 'json', '--quiet'], {
  encoding: 'utf8',
  maxBuffer: 1 << 28,
});
const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
let report;
try {
  if (res.status !== 0 && res.status !== 1) throw new Error(`exit ${res.status}`);
  report = JSON.parse(res.stdout);
} catch (err) {
  console.error(`scan failed (${err.message}): ${res.stderr.slice(0, 2000)}`);
  if (!keep) rmSync(outDir, { recursive: true, force: true });
  process.exit(2);
}
const findings = report.findings.map((f) => ({ ...f, file: f.file.replaceAll('\\', '/') }));

// Match: same file and fingerprint is the key found; the line must agree as well to count as exact.
const byFileFp = new Map(truth.map((t) => [`${t.file}\0${t.fingerprint}`, t]));
const found = new Map();
const fps = [];
for (const f of findings) {
  const t = byFileFp.get(`${f.file}\0${f.fingerprint}`);
  if (!t) {
    fps.push(f);
    continue;
  }
  const prev = found.get(t);
  if (!prev || (prev.line !== t.line && f.line === t.line)) found.set(t, f);
}
const negKind = (file) =>
  negatives.find((n) => file === n.file)?.kind ?? `inside positive file: ${file.split('/')[1]}`;

const pct = (a, b) => (b === 0 ? '  n/a' : `${((100 * a) / b).toFixed(1).padStart(5)}%`);
function table(title, keyOf) {
  const rows = new Map();
  const row = (k) => rows.get(k) ?? rows.set(k, { tp: 0, fn: 0, fp: 0, attr: 0 }).get(k);
  for (const t of truth) {
    const f = found.get(t);
    const r = row(keyOf(t));
    if (f) {
      r.tp++;
      if ((f.candidates ?? []).includes(t.provider)) r.attr++;
    } else r.fn++;
  }
  console.log(
    `\n${title}\n${'group'.padEnd(26)} ${'TP'.padStart(4)} ${'FN'.padStart(4)} recall  provider-right`,
  );
  for (const [k, r] of [...rows].sort())
    console.log(
      `${String(k).padEnd(26)} ${String(r.tp).padStart(4)} ${String(r.fn).padStart(4)} ${pct(r.tp, r.tp + r.fn)}  ${pct(r.attr, r.tp)}`,
    );
}

const tp = found.size;
const fn = truth.length - tp;
const lineOff = [...found].filter(([t, f]) => f.line !== t.line);
console.log(
  `keyguard hold-out: seed ${seed}, ${truth.length} planted keys in ${truth.length} files, ${negatives.length} hard-negative files (${negatives.length} kinds), scan ${wallMs.toFixed(0)} ms wall`,
);
console.log(
  `OVERALL  TP ${tp}  FN ${fn}  FP ${fps.length}  precision ${pct(tp, tp + fps.length)}  recall ${pct(tp, truth.length)}  right key wrong line ${lineOff.length}`,
);
table('per set (plain: ordinary places; hard: glued, encoded, binary, long lines)', (t) => t.set);
table('per key family', (t) => t.family);
table('per provider', (t) => t.provider);
table('per context', (t) => t.context);
table('hinted (provider env var + base URL nearby) vs not', (t) => (t.hinted ? 'hinted' : 'unhinted'));

const misses = truth.filter((t) => !found.has(t));
console.log(`\nMISSES (${misses.length})`);
for (const m of misses)
  console.log(
    `  ${m.family.padEnd(20)} ${m.context.padEnd(24)} ${m.hinted ? 'hinted  ' : 'unhinted'} ${m.file}:${m.line}  ${m.masked}  recipe: ${m.recipe}`,
  );
const fpKinds = new Set(fps.map((f) => negKind(f.file)));
console.log(
  `\nFALSE POSITIVES (${fps.length}; hard-negative kinds with at least one: ${fpKinds.size} of ${negatives.length})`,
);
for (const f of fps)
  console.log(
    `  ${negKind(f.file).padEnd(28)} ${f.ruleId.padEnd(26)} ${f.file}:${f.line}  ${f.redacted}  recipe: --seed ${seed} --only ${f.file.startsWith('neg/') ? `neg/${f.file.split('/')[1]}` : f.file.split('/').slice(1, 3).join('/')}`,
  );
if (lineOff.length) {
  console.log(`\nRIGHT KEY, WRONG LINE (${lineOff.length})`);
  for (const [t, f] of lineOff)
    console.log(`  ${t.context}/${t.family}: expected line ${t.line}, got ${f.line}`);
}

const summary = {
  seed,
  wallMs,
  planted: truth.length,
  negativeFiles: negatives.length,
  tp,
  fn,
  fp: fps.length,
  misses: misses.map(({ file, line, masked, family, context, hinted, recipe }) => ({
    file,
    line,
    masked,
    family,
    context,
    hinted,
    recipe,
  })),
  falsePositives: fps.map((f) => ({
    file: f.file,
    line: f.line,
    ruleId: f.ruleId,
    redacted: f.redacted,
    kind: negKind(f.file),
  })),
};
mkdirSync(join(root, 'bench/out'), { recursive: true });
writeFileSync(join(root, 'bench/out/holdout-result.json'), JSON.stringify(summary, null, 1));
if (!keep) rmSync(outDir, { recursive: true, force: true });
