/**
 * Keys hidden in base64 values (Kubernetes `Secret` data, `.dockerconfigjson`, any long base64 run).
 *
 * Pre-filter: three known bytes at byte offset 0, 1 or 2 of a 3-byte group always produce the same
 * base64 characters, whatever surrounds them. For `sk-` those are `c2st` (offset 0), `NrL` (offset 1)
 * and `zay` (offset 2), so a base64 run without any of them cannot hold an `sk-` key.
 * The same holds for every prefix family (`xai-`, `pplx-`, `rk_`…): see `base64Seeds`.
 */

import { findNeedle, planNeedle, rank } from './needles.js';

/** 256 entries, so a byte indexes it without a range check (only ASCII is ever set). */
const B64_CHAR = new Uint8Array(256);
// Standard and url-safe alphabets (JWT payloads, signed cookies): Node decodes both.
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/-_')
  B64_CHAR[c.charCodeAt(0)] = 1;

function isB64(code: number): boolean {
  return code < 128 && B64_CHAR[code] === 1;
}

type Hay = Buffer | string;

function codeAt(h: Hay, i: number): number {
  return typeof h === 'string' ? h.charCodeAt(i) : (h[i] ?? Number.NaN);
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
  for (const k of keywords) if (k.length >= 3) seeds.add(k.length > 5 ? rarestTrigram(k) : k.slice(-3));
  return [...seeds];
}

/**
 * A long keyword's rarest three characters: any three of them are in its base64, and the rarer they
 * are, the fewer base64 runs of ordinary text (`res` of `postgres`, `KEY` of a PEM header) are decoded
 * for nothing.
 */
function rarestTrigram(k: string): string {
  let best = k.slice(-3);
  let score = Number.POSITIVE_INFINITY;
  for (let i = 0; i + 3 <= k.length; i++) {
    const s = rank(k.charCodeAt(i)) + rank(k.charCodeAt(i + 1)) + rank(k.charCodeAt(i + 2));
    if (s < score) {
      score = s;
      best = k.slice(i, i + 3);
    }
  }
  return best;
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

/** What may sit inside a wrapped base64 run: the line break and the next line's indentation. */
function isWrapSpace(code: number): boolean {
  return code === 0x0a || code === 0x0d || code === 0x20 || code === 0x09;
}

/**
 * Where the unbroken base64 run reaching back from `i` starts, and where the one from `i` ends: the
 * long loops of `expandRun`, one per type so each stays monomorphic (a run can be megabytes long).
 */
function runStart(h: Hay, i: number): number {
  let s = i;
  if (typeof h === 'string') {
    while (s > 0) {
      const c = h.charCodeAt(s - 1);
      if (c > 255 || B64_CHAR[c] === 0) break;
      s--;
    }
  } else {
    while (s > 0 && B64_CHAR[h[s - 1]!] === 1) s--;
  }
  return s;
}

function runEnd(h: Hay, i: number): number {
  let e = i;
  const n = h.length;
  if (typeof h === 'string') {
    while (e < n) {
      const c = h.charCodeAt(e);
      if (c > 255 || B64_CHAR[c] === 0) break;
      e++;
    }
  } else {
    while (e < n && B64_CHAR[h[e]!] === 1) e++;
  }
  return e;
}

/**
 * The base64 run around `hit`, following wrapped lines: a line of exactly 64 or 76 base64 characters
 * continues on the next line after the indentation (`base64` output pasted into a YAML block).
 */
export function expandRun(text: Hay, hit: number): { start: number; end: number; wrapped: boolean } {
  let start = runStart(text, hit);
  let end = runEnd(text, hit);
  let wrapped = false;
  // Forward: the current line segment is full width and the next line goes on with base64.
  let segStart = start;
  while (WRAP_WIDTHS.has(end - segStart)) {
    let j = end;
    if (codeAt(text, j) === 0x0d) j++;
    if (codeAt(text, j) !== 0x0a) break;
    j++;
    while (j < text.length && isBlank(codeAt(text, j))) j++;
    if (!isB64(codeAt(text, j))) break;
    segStart = j;
    end = runEnd(text, j);
    wrapped = true;
  }
  // Backward: the run starts a line and the previous line ends with a full-width segment.
  for (;;) {
    let k = start - 1;
    while (k >= 0 && isBlank(codeAt(text, k))) k--;
    if (k < 0 || codeAt(text, k) !== 0x0a) break;
    k--;
    if (k >= 0 && codeAt(text, k) === 0x0d) k--;
    const segEnd = k + 1;
    const s = runStart(text, segEnd);
    if (!WRAP_WIDTHS.has(segEnd - s)) break;
    start = s;
    wrapped = true;
  }
  return { start, end, wrapped };
}

/** Base64 character values 0–63 (`+`/`-` are 62, `/`/`_` 63: both alphabets), -1 for others. */
const B64_VALUE = new Int8Array(256).fill(-1);
for (let v = 0; v < 64; v++) {
  B64_VALUE['ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'.charCodeAt(v)] = v;
}
B64_VALUE[0x2d] = 62;
B64_VALUE[0x5f] = 63;

/**
 * Calls `visit` for every base64 run that has a stretch of MIN_RUN unbroken characters (wrapped runs
 * whole, from their first line to their last), until it returns true. It probes the last character
 * of a MIN_RUN window and walks back to the last break, then starts the next window after it: code
 * and prose break every few characters, so most of the text is never looked at.
 */
export function someLongRun(
  h: Hay,
  visit: (start: number, end: number, wrapped: boolean) => boolean,
): boolean {
  const n = h.length;
  let start = 0;
  if (typeof h === 'string') {
    while (start + MIN_RUN <= n) {
      let j = start + MIN_RUN - 1;
      while (j >= start) {
        const c = h.charCodeAt(j);
        if (c > 255 || B64_VALUE[c]! < 0) break;
        j--;
      }
      if (j >= start) {
        start = j + 1;
        continue;
      }
      const run = expandRun(h, start);
      if (visit(run.start, run.end, run.wrapped)) return true;
      start = Math.max(run.end, start + MIN_RUN) + 1;
    }
  } else {
    while (start + MIN_RUN <= n) {
      let j = start + MIN_RUN - 1;
      while (j >= start && B64_VALUE[h[j]!]! >= 0) j--;
      if (j >= start) {
        start = j + 1;
        continue;
      }
      let end = start + MIN_RUN;
      while (end < n && B64_VALUE[h[end]!]! >= 0) end++;
      const next = visitLongRun(h, start, end, visit);
      if (next < 0) return true;
      start = next + 1;
    }
  }
  return false;
}

/**
 * `someLongRun`'s step for one unbroken run h[start, end) of at least MIN_RUN base64 bytes: visits it,
 * expanded when it may belong to a wrapped run. Returns where the search goes on (the end of what was
 * visited), or -1 when `visit` returned true. The WebAssembly pre-filter calls it for the runs it flags.
 */
export function visitLongRun(
  h: Buffer,
  start: number,
  end: number,
  visit: (start: number, end: number, wrapped: boolean) => boolean,
): number {
  // Only a full-width line or one that starts a line can be part of a wrapped run.
  const before = start > 0 ? h[start - 1]! : 0x0a;
  if (WRAP_WIDTHS.has(end - start) || before === 0x0a || isBlank(before)) {
    const run = expandRun(h, start);
    if (visit(run.start, run.end, run.wrapped)) return -1;
    return Math.max(run.end, end);
  }
  return visit(start, end, false) ? -1 : end;
}

/**
 * The base64 markers of the prefix families as a bitmap of their first three characters' values
 * (18 bits): a run is checked in one pass over its characters, without a search per marker.
 */
export class MarkerTable {
  readonly #bits = new Uint32Array(1 << 13);
  readonly #markers: string[];

  constructor(markers: readonly string[]) {
    this.#markers = [...markers];
    for (const m of markers) {
      const code =
        (B64_VALUE[m.charCodeAt(0)]! << 12) |
        (B64_VALUE[m.charCodeAt(1)]! << 6) |
        B64_VALUE[m.charCodeAt(2)]!;
      this.#bits[code >>> 5]! |= 1 << (code & 31);
    }
  }

  get size(): number {
    return this.#markers.length;
  }

  /** The bitmap itself (read-only use: the WebAssembly pre-filter copies it). */
  get bitmap(): Uint32Array {
    return this.#bits;
  }

  /**
   * Does `h[start, end)` hold one of the markers (either base64 alphabet)? Line breaks and indentation
   * inside the range are skipped, so a marker split by the wrap of a wrapped run is still seen.
   */
  // One loop per input type on purpose: each stays monomorphic (string or Buffer), which V8 runs faster.
  within(h: Hay, start: number, end: number): boolean {
    return typeof h === 'string' ? this.#withinText(h, start, end) : this.#withinBytes(h, start, end);
  }

  // The two forms of `within` differ only in how a character is read: kept apart so each loop sees one
  // type (a run can be megabytes long, e.g. a line of `sk-sk-sk-…`, which is all base64 characters).
  #withinText(h: string, start: number, end: number): boolean {
    const bits = this.#bits;
    let code = 0;
    let valid = 0;
    for (let i = start; i < end; i++) {
      const c = h.charCodeAt(i);
      const v = c > 255 ? -1 : B64_VALUE[c]!;
      if (v < 0) {
        if (!isWrapSpace(c)) valid = 0;
        continue;
      }
      code = ((code << 6) | v) & 0x3ffff;
      if (++valid >= 3 && (bits[code >>> 5]! & (1 << (code & 31))) !== 0) {
        if (this.#full(h, markerStart(h, i), end)) return true;
      }
    }
    return false;
  }

  #withinBytes(h: Buffer, start: number, end: number): boolean {
    const bits = this.#bits;
    let code = 0;
    let valid = 0;
    for (let i = start; i < end; i++) {
      const c = h[i]!;
      const v = B64_VALUE[c]!;
      if (v < 0) {
        if (!isWrapSpace(c)) valid = 0;
        continue;
      }
      code = ((code << 6) | v) & 0x3ffff;
      if (++valid >= 3 && (bits[code >>> 5]! & (1 << (code & 31))) !== 0) {
        if (this.#full(h, markerStart(h, i), end)) return true;
      }
    }
    return false;
  }

  /** The whole marker (3 or 4 base64 characters, spaces skipped) at `at`; `-`/`+`, `_`/`/` agree. */
  #full(h: Hay, at: number, end: number): boolean {
    outer: for (const m of this.#markers) {
      let i = at;
      for (let k = 0; k < m.length; k++, i++) {
        let c = i < end ? (typeof h === 'string' ? h.charCodeAt(i) : h[i]!) : -1;
        while (k > 0 && isWrapSpace(c) && i + 1 < end)
          c = typeof h === 'string' ? h.charCodeAt(++i) : h[++i]!;
        if (c < 0 || c > 255 || B64_VALUE[c] !== B64_VALUE[m.charCodeAt(k)]) continue outer;
      }
      return true;
    }
    return false;
  }
}

/**
 * Position of the base64 character two before the one at `i`, skipping line breaks and indentation:
 * where a marker whose third character is at `i` starts (the marker may straddle a line break). Only
 * called on a bitmap hit, so the scan loop need not track positions.
 */
function markerStart(h: Hay, i: number): number {
  let p = i;
  for (let k = 0; k < 2; k++) {
    p--;
    // Only line breaks and indentation can sit between them (anything else resets `valid`).
    while (isWrapSpace(codeAt(h, p))) p--;
  }
  return p;
}

/** Does `h` hold a base64 run with one of the markers (the exact pre-check of `decodeBase64Runs`)? */
export function hasMarkedRun(h: Hay, markers: MarkerTable): boolean {
  return someLongRun(h, (start, end) => markers.within(h, start, end));
}

/**
 * Does a base64 run with a marker decode to something `test` accepts? The runs and their decoding are
 * exactly those of `decodeBase64Runs` (64 KiB pieces, wrapped runs joined), read from raw bytes or
 * text alike: a run is ASCII, so its bytes read as latin1 are the characters the decoded text holds.
 */
export function someMarkedRunDecodes(
  h: Hay,
  markers: MarkerTable,
  test: (decoded: string) => boolean,
): boolean {
  return someLongRun(h, markedRunVisitor(h, markers, test));
}

/**
 * The visit `someMarkedRunDecodes` makes for each long run: true when the run holds a marker and some
 * piece of its decoding passes `test`.
 */
export function markedRunVisitor(
  h: Hay,
  markers: MarkerTable,
  test: (decoded: string) => boolean,
): (start: number, end: number, wrapped: boolean) => boolean {
  return (start, end, wrapped) => {
    if (!markers.within(h, start, end)) return false;
    const raw = typeof h === 'string' ? h.slice(start, end) : h.toString('latin1', start, end);
    const run = wrapped ? raw.replace(/\s+/g, '') : raw;
    if (run.length < MIN_RUN) return false;
    for (let from = 0; ; from += CHUNK - OVERLAP) {
      const to = Math.min(run.length, from + CHUNK);
      if (test(decode(run, from, to))) return true;
      if (to === run.length) return false;
    }
  };
}

/**
 * Finds base64 runs containing a marker and decodes them, in 64 KiB pieces that overlap by 1 KiB
 * (a key is at most ~350 base64 characters) so huge runs (embedded images) cost linear time. Markers
 * are looked for only inside long runs (see `someLongRun`).
 */
export function decodeBase64Runs(text: string, markers: MarkerTable | readonly string[]): Base64Segment[] {
  const out: Base64Segment[] = [];
  const table = markers instanceof MarkerTable ? markers : new MarkerTable(markers);
  someLongRun(text, (start, end, wrapped) => {
    if (!table.within(text, start, end)) return false;
    const run = wrapped ? text.slice(start, end).replace(/\s+/g, '') : text.slice(start, end);
    if (run.length >= MIN_RUN) {
      for (let from = 0; ; from += CHUNK - OVERLAP) {
        const to = Math.min(run.length, from + CHUNK);
        out.push({ runStart: start, runEnd: end, decoded: decode(run, from, to) });
        if (to === run.length) break;
      }
    }
    return false;
  });
  return out;
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
      while (start < limit && !isB64(codeAt(text, start))) start++;
      let end = start;
      while (end < text.length && end - start < 65536 && isB64(codeAt(text, end))) end++;
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
