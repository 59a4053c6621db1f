// Writes the labelled corpus: bench/out/accuracy/corpus/{tp,fp}/… plus truth.json and traps.json beside
// (not inside) the corpus, so the scanner never reads the labels. Usage: node bench/accuracy/generate.mjs [seed]

import { createHash } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONTEXTS } from './contexts.mjs';
import { makeRng, PROVIDERS } from './keys.mjs';
import { FILE_TRAPS, TRAP_CONTEXTS_PER_CATEGORY, VALUE_TRAPS } from './traps.mjs';

const MARK = '\u0001KEY\u0001';
export const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'out', 'accuracy');

/** The scanner's documented fingerprint (src/scan/secret.ts): lets the runner match without the key. */
export function fingerprint(key) {
  return createHash('sha256').update(`keyguard:v1:${key}`).digest('hex').slice(0, 32);
}

/** Our own display form for reports: never more than 4+4 characters of a body. */
export function mask(key) {
  const m =
    /^(sk-ant-[a-z]+\d\d-|sk-(?:proj|svcacct|admin|or-v1)-|[sr]k_(?:live|test|prod)_|gsk_|xai-|pplx-|sk-)/.exec(
      key,
    );
  const prefix = m ? m[0] : '';
  const body = key.slice(prefix.length);
  if (body.length < 12) return `${prefix}${'*'.repeat(Math.min(4, body.length))}…`;
  return `${prefix}${body.slice(0, 4)}…${body.slice(-4)}`;
}

function lineOf(text, index) {
  let line = 1;
  for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** Renders a context around `value` and writes it; returns the 1-based line of the value. */
function plant(root, rel, ctx, provider, value, rng) {
  const raw = ctx.render({ K: MARK, v: provider.varName, u: provider.baseUrl, r: rng });
  const at = raw.indexOf(MARK);
  if (at < 0) throw new Error(`context ${ctx.id} lost the marker`);
  const encoded = ctx.encode ? ctx.encode(value) : value;
  // a context may need the key's length inside its bytes (marshal's length prefix): \u0001 stands for it
  let text = raw
    .split(MARK)
    .join(encoded)
    .replace('\u0001', String.fromCharCode(encoded.length & 0xff));
  const line = lineOf(raw, at);
  if (ctx.crlf) text = text.replace(/\n/g, '\r\n');
  const bytes = ctx.latin1
    ? Buffer.from(text, 'latin1')
    : ctx.utf16
      ? Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])
      : Buffer.from(text);
  const path = join(root, rel);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, bytes);
  return line;
}

export function generate({ seed = 20251129, out = OUT } = {}) {
  const corpus = join(out, 'corpus');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(corpus, { recursive: true });
  const rng = makeRng(seed);
  const truth = [];
  const traps = [];

  for (const provider of PROVIDERS) {
    for (const ctx of CONTEXTS) {
      if (ctx.only && !ctx.only.includes(provider.id)) continue;
      const key = provider.gen(rng);
      const rel = `tp/${provider.id}/${ctx.id}/${ctx.file}`;
      const line = plant(corpus, rel, ctx, provider, key, rng);
      truth.push({
        file: rel,
        line,
        provider: provider.id,
        expect: provider.expect,
        context: ctx.id,
        fingerprint: fingerprint(key),
        masked: mask(key),
        length: key.length,
      });
    }
  }

  // Each value trap goes into a fixed, seeded sample of contexts, with a neutral provider frame.
  const neutral = PROVIDERS.find((p) => p.id === 'openai-project');
  const categories = Object.keys(VALUE_TRAPS);
  const TRAP_POOL = CONTEXTS.filter((c) => !c.only);
  categories.forEach((category, ci) => {
    for (let j = 0; j < TRAP_CONTEXTS_PER_CATEGORY; j++) {
      const ctx = TRAP_POOL[(ci * 7 + j * 11) % TRAP_POOL.length];
      const value = VALUE_TRAPS[category](rng);
      const rel = `fp/${category}/${ctx.id}/${ctx.file}`;
      const line = plant(corpus, rel, ctx, neutral, value, rng);
      traps.push({ file: rel, line, category, context: ctx.id, masked: mask(value) });
    }
  });
  for (const t of FILE_TRAPS) {
    const rel = `fp/${t.category}/${t.file}`;
    const path = join(corpus, rel);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, t.gen(rng));
    traps.push({ file: rel, line: null, category: t.category, context: 'whole-file' });
  }

  writeFileSync(join(out, 'truth.json'), `${JSON.stringify({ seed, truth }, null, 1)}\n`);
  writeFileSync(join(out, 'traps.json'), `${JSON.stringify({ seed, traps }, null, 1)}\n`);
  return { corpus, truth, traps };
}

/**
 * Filter-loss sample: `perProvider` fresh keys of every format, one `VAR=key` line each, to measure how
 * many random real-shaped keys the entropy/placeholder/identifier filters throw away.
 */
export function generateBulk({ seed = 7, perProvider = 2000, out = OUT } = {}) {
  const corpus = join(out, 'bulk');
  rmSync(corpus, { recursive: true, force: true });
  mkdirSync(corpus, { recursive: true });
  const rng = makeRng(seed);
  const truth = [];
  // LiteLLM once more with no name nearby: its rule needs context, the generic rule must take over.
  const bare = { ...PROVIDERS.find((p) => p.id === 'litellm'), id: 'litellm-no-context', varName: null };
  for (const provider of [...PROVIDERS, bare]) {
    const lines = [];
    const file = `${provider.id}.${provider.varName ? 'env' : 'txt'}`;
    for (let i = 0; i < perProvider; i++) {
      const key = provider.gen(rng);
      lines.push(provider.varName ? `${provider.varName}=${key}` : `token: ${key}`);
      truth.push({
        file,
        line: i + 1,
        provider: provider.id,
        expect: provider.expect,
        context: 'bulk-env',
        fingerprint: fingerprint(key),
        masked: mask(key),
        length: key.length,
      });
    }
    writeFileSync(join(corpus, file), `${lines.join('\n')}\n`);
  }
  return { corpus, truth };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const seed = process.argv[2] ? Number(process.argv[2]) : undefined;
  const { corpus, truth, traps } = generate({ seed });
  console.log(`wrote ${truth.length} true keys and ${traps.length} traps under ${corpus}`);
}
