/**
 * Keys hidden in base64 values (Kubernetes `Secret` data, `.dockerconfigjson`, any long base64 run).
 *
 * Pre-filter: three known bytes at byte offset 0, 1 or 2 of a 3-byte group always produce the same
 * base64 characters, whatever surrounds them. For `sk-` those are `c2st` (offset 0), `NrL` (offset 1)
 * and `zay` (offset 2), so a base64 run without any of them cannot hold an `sk-` key.
 */

const B64_CHAR = new Uint8Array(128);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/')
  B64_CHAR[c.charCodeAt(0)] = 1;

function isB64(code: number): boolean {
  return code < 128 && B64_CHAR[code] === 1;
}

/** The base64 characters fully determined by `seed` (3 bytes) at each of the three byte offsets. */
export function base64Markers(seed: string): string[] {
  const bytes = Buffer.from(seed, 'latin1');
  if (bytes.length !== 3) throw new Error('a base64 marker seed must be 3 bytes');
  const out: string[] = [];
  for (let offset = 0; offset < 3; offset++) {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes, Buffer.alloc(3)]).toString('base64');
    // Character k covers bits [6k, 6k + 6); keep those inside the seed's bits [8·offset, 8·offset + 24).
    const first = Math.ceil((8 * offset) / 6);
    const last = Math.floor((8 * offset + 24) / 6) - 1;
    out.push(encoded.slice(first, last + 1));
  }
  return out;
}

/**
 * Seeds: `sk-` (every OpenAI-style key), `sk_` (Stripe, and Groq's `gsk_`), `rk_` (Stripe restricted).
 * Each seed costs three `indexOf` passes over every text, so rarer families (xAI, Perplexity) are
 * left out.
 */
export const BASE64_SEEDS = ['sk-', 'sk_', 'rk_'];

/** Shortest base64 run worth decoding: a 25-character key needs 36. */
export const MIN_RUN = 32;
/** Characters decoded on each side of a marker in a very long run. */
const WINDOW = 1024;

export interface Base64Segment {
  /** Where the base64 run starts in the text (what a finding points at). */
  runStart: number;
  runEnd: number;
  decoded: string;
}

/**
 * Finds base64 runs containing a marker and decodes them. Runs up to 64 KiB are decoded whole; in
 * longer runs only ±1 KiB around each marker, aligned to the run's 4-character groups. Linear in the
 * text: each run is expanded once.
 */
export function decodeBase64Runs(text: string, markers: readonly string[]): Base64Segment[] {
  const hits: number[] = [];
  for (const m of markers) for (let i = text.indexOf(m); i !== -1; i = text.indexOf(m, i + 1)) hits.push(i);
  if (hits.length === 0) return [];
  hits.sort((a, b) => a - b);
  const out: Base64Segment[] = [];
  let h = 0;
  while (h < hits.length) {
    const hit = hits[h]!;
    let start = hit;
    while (start > 0 && isB64(text.charCodeAt(start - 1))) start--;
    let end = hit;
    while (end < text.length && isB64(text.charCodeAt(end))) end++;
    const runHits: number[] = [];
    while (h < hits.length && hits[h]! < end) runHits.push(hits[h++]!);
    if (end - start < MIN_RUN) continue;
    if (end - start <= 65536) {
      out.push({ runStart: start, runEnd: end, decoded: decode(text, start, end) });
      continue;
    }
    let winEnd = -1;
    for (const r of runHits) {
      if (r < winEnd - WINDOW / 2) continue;
      const ws = start + Math.max(0, Math.floor((r - WINDOW - start) / 4) * 4);
      const we = Math.min(end, ws + 3 * WINDOW);
      out.push({ runStart: start, runEnd: end, decoded: decode(text, ws, we) });
      winEnd = we;
    }
  }
  return out;
}

function decode(text: string, start: number, end: number): string {
  // Drop a ragged tail so Buffer does not guess; `latin1` keeps one character per byte.
  const len = (end - start) & ~3;
  let s = text.slice(start, start + len);
  if (end - start - len >= 2) s = text.slice(start, end) + '='.repeat(4 - (end - start - len));
  return Buffer.from(s, 'base64').toString('latin1');
}
