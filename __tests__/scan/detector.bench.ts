/**
 * Throughput of `Detector.scan` on ~50 MB of real code (node_modules sources) with a few keys mixed in.
 * Not a jest test (too slow for a shared machine). Run:
 *   npx esbuild __tests__/scan/detector.bench.ts --bundle --platform=node --format=esm --outfile=/tmp/kg-bench.mjs && node /tmp/kg-bench.mjs
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Detector } from '../../src/scan/detector.js';
import { KeyGen } from '../helpers/keygen.js';

const TARGET = Number(process.env.BENCH_MB ?? 50) * 1024 * 1024;

function collect(dir: string, out: string[], budget: { left: number }): void {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return;
  }
  for (const e of entries) {
    if (budget.left <= 0) return;
    const p = join(dir, e);
    const st = statSync(p, { throwIfNoEntry: false });
    if (!st) continue;
    if (st.isDirectory()) collect(p, out, budget);
    else if (/\.(js|ts|mjs|cjs|json|md|ya?ml)$/.test(e) && st.size < 2_000_000) {
      const text = readFileSync(p, 'utf8');
      out.push(text);
      budget.left -= text.length;
    }
  }
}

const files: string[] = [];
collect('node_modules', files, { left: TARGET });
const gen = new KeyGen(42);
const keys = [gen.openaiProject(), gen.anthropic(), gen.deepseek(), gen.stripeLive(), gen.openrouter()];
keys.forEach((k, i) => {
  const at = Math.floor(((i + 1) * files.length) / (keys.length + 1));
  files[at] = `${files[at]}\nconst apiKey = "${k}";\n`;
});
const total = files.reduce((n, f) => n + f.length, 0);
const detector = new Detector();

for (const [label, texts] of [
  ['per file', files],
  ['one string', [files.join('\n')]],
] as const) {
  const t0 = performance.now();
  let found = 0;
  const seen: string[] = [];
  for (const t of texts) {
    const r = detector.scan(t);
    found += r.length;
    for (const d of r) if (!keys.includes(d.key)) seen.push(`${d.ruleId} ${d.key.slice(0, 12)}…`);
  }
  const ms = performance.now() - t0;
  console.log(
    `${label}: ${(total / 1e6).toFixed(1)} MB in ${ms.toFixed(0)} ms = ${(total / 1e6 / (ms / 1000)).toFixed(0)} MB/s; ` +
      `${found} findings (${keys.length} planted); others: ${seen.slice(0, 20).join(', ')}`,
  );
}
