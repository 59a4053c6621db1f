/**
 * Keys hidden in base64 values (Kubernetes `Secret` data, `.dockerconfigjson`, any long base64 run).
 *
 * Pre-filter: three known bytes at byte offset 0, 1 or 2 of a 3-byte group always produce the same
 * base64 characters, whatever surrounds them. For `sk-` those are `c2st` (offset 0), `NrL` (offset 1)
 * and `zay` (offset 2), so a base64 run without any of them cannot hold an `sk-` key.
 * The same holds for every prefix family (`xai-`, `pplx-`, `rk_`…): see `base64Seeds`.
 */

import { findNeedle, type Needle, planNeedle } from './needles.js';

const B64_CHAR = new Uint8Array(128);
// Standard and url-safe alphabets (JWT payloads, signed cookies): Node decodes both.
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/-_')
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
 * One seed per prefix family: the last three characters of each anchored keyword, so `sk-` covers every
 * OpenAI-style key, `sk_` Stripe and Groq's `gsk_`, `ai-` xAI's `xai-`, `lx-` Perplexity's `pplx-`.
 */
export function base64Seeds(keywords: Iterable<string>): string[] {
  const seeds = new Set<string>();
  for (const k of keywords) if (k.length >= 3) seeds.add(k.slice(-3));
  return [...seeds];
}

/** The seeds of the built-in prefix families (what the detector derives from its rules). */
export const BASE64_SEEDS = base64Seeds(['sk-', 'sk_', 'rk_', 'gsk_', 'xai-', 'pplx-']);

/** Shortest base64 run worth decoding: a 25-character key needs 36. */
export const MIN_RUN = 32;
/** Long runs are decoded in pieces of CHUNK characters overlapping by OVERLAP (both multiples of 4). */
const CHUNK = 65536;
const OVERLAP = 1024;

export interface Base64Segment {
  /** Where the base64 run starts in the text (what a finding points at). */
  runStart: number;
  runEnd: number;
  decoded: string;
}

/** Line widths of wrapped base64 (`base64` wraps at 76, PEM at 64). */
const WRAP_WIDTHS = new Set([64, 76]);

function isBlank(code: number): boolean {
  return code === 0x20 || code === 0x09;
}

/**
 * The base64 run around `hit`, following wrapped lines: a line of exactly 64 or 76 base64 characters
 * continues on the next line after the indentation (`base64` output pasted into a YAML block).
 */
export function expandRun(text: string, hit: number): { start: number; end: number; wrapped: boolean } {
  let start = hit;
  while (start > 0 && isB64(text.charCodeAt(start - 1))) start--;
  let end = hit;
  while (end < text.length && isB64(text.charCodeAt(end))) end++;
  let wrapped = false;
  // Forward: the current line segment is full width and the next line goes on with base64.
  let segStart = start;
  while (WRAP_WIDTHS.has(end - segStart)) {
    let j = end;
    if (text.charCodeAt(j) === 0x0d) j++;
    if (text.charCodeAt(j) !== 0x0a) break;
    j++;
    while (j < text.length && isBlank(text.charCodeAt(j))) j++;
    if (!isB64(text.charCodeAt(j))) break;
    segStart = j;
    end = j;
    while (end < text.length && isB64(text.charCodeAt(end))) end++;
    wrapped = true;
  }
  // Backward: the run starts a line and the previous line ends with a full-width segment.
  for (;;) {
    let k = start - 1;
    while (k >= 0 && isBlank(text.charCodeAt(k))) k--;
    if (k < 0 || text.charCodeAt(k) !== 0x0a) break;
    k--;
    if (k >= 0 && text.charCodeAt(k) === 0x0d) k--;
    const segEnd = k + 1;
    let s = segEnd;
    while (s > 0 && isB64(text.charCodeAt(s - 1))) s--;
    if (!WRAP_WIDTHS.has(segEnd - s)) break;
    start = s;
    wrapped = true;
  }
  return { start, end, wrapped };
}

/**
 * Finds base64 runs containing a marker and decodes them, in 64 KiB pieces that overlap by 1 KiB
 * (a key is at most ~350 base64 characters) so huge runs (embedded images) cost linear time. Each
 * marker's `indexOf` resumes after the run just handled: the text is walked once per marker.
 */
export function decodeBase64Runs(text: string, markers: readonly (string | Needle)[]): Base64Segment[] {
  const out: Base64Segment[] = [];
  const needles = markers.map((m) => (typeof m === 'string' ? planNeedle(m) : m));
  const next = needles.map((m) => findNeedle(text, m));
  for (;;) {
    let hit = -1;
    for (const n of next) if (n !== -1 && (hit === -1 || n < hit)) hit = n;
    if (hit === -1) return out;
    const { start, end, wrapped } = expandRun(text, hit);
    const run = wrapped ? text.slice(start, end).replace(/\s+/g, '') : text.slice(start, end);
    if (run.length >= MIN_RUN) {
      for (let from = 0; ; from += CHUNK - OVERLAP) {
        const to = Math.min(run.length, from + CHUNK);
        out.push({ runStart: start, runEnd: end, decoded: decode(run, from, to) });
        if (to === run.length) break;
      }
    }
    const resume = Math.max(end, hit + 1);
    for (let i = 0; i < next.length; i++) {
      if (next[i] !== -1 && next[i]! < resume) next[i] = findNeedle(text, needles[i]!, resume);
    }
  }
}

/**
 * Values that are base64 of a document that holds base64 itself: `.dockerconfigjson` is base64 of
 * JSON whose `auth` is base64 of `user:password`, so the outer run holds no marker. The run right
 * after one of these names is decoded whatever it holds.
 */
export const DOUBLE_ENCODED_HINTS = ['.dockerconfigjson', '.dockercfg'];

export function decodeHintedRuns(
  text: string,
  hints: readonly string[] = DOUBLE_ENCODED_HINTS,
): Base64Segment[] {
  const out: Base64Segment[] = [];
  // One pass for the common prefix of the hints (`.dockerc`), then the exact name.
  let common = hints[0] ?? '';
  for (const h of hints) while (!h.startsWith(common)) common = common.slice(0, -1);
  if (common.length === 0) return out;
  const needle = planNeedle(common);
  for (let i = findNeedle(text, needle); i !== -1; i = findNeedle(text, needle, i + 1)) {
    for (const hint of hints) {
      if (!text.startsWith(hint, i)) continue;
      let start = i + hint.length;
      const limit = Math.min(text.length, start + 8);
      while (start < limit && !isB64(text.charCodeAt(start))) start++;
      let end = start;
      while (end < text.length && end - start < 65536 && isB64(text.charCodeAt(end))) end++;
      if (end - start >= MIN_RUN)
        out.push({ runStart: start, runEnd: end, decoded: decode(text, start, end) });
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
