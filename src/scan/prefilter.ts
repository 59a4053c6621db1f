/**
 * The detector's byte pre-filter, run in WebAssembly SIMD (prefilter.wat): most files of a tree hold no
 * keyword and no base64 run that could hide a key, and this answers that for them at memory speed
 * instead of the JavaScript loops' ~1 byte per few nanoseconds.
 *
 * It changes no answer, only how fast it comes:
 * - keyword needles are found through one byte pair each (`k-` for `sk-`): WebAssembly flags the
 *   positions through shared buckets, checks each against an exact pair index and the needle's first
 *   8 bytes, and hands back only occurrences (JavaScript compares the rest of a longer needle), so the
 *   caller sees exactly the needle occurrences `AnchorSet.some` would, with no JavaScript per false
 *   candidate;
 * - base64 runs are only screened: a buffer with no unbroken run of 32+ base64 characters holding a
 *   marker's first three characters (and no full wrapped line) cannot hold an encoded key, and anything
 *   else goes on to the exact check in JavaScript.
 *
 * One WebAssembly instance per thread, shared by all detectors (a Memory reserves a large address range,
 * so one per detector would not scale to the tests' thousands). Its memory also holds the thread's read
 * buffer (`readArea`), so bytes read from a file are searched where they landed, without a copy.
 * `KEYGUARD_NO_WASM=1` turns it off: everything then runs in JavaScript, with the same results.
 */
import { endianness } from 'node:os';
import { rank } from './needles.js';
import { PREFILTER_WASM } from './prefilter-wasm.js';

/** The parts of WebAssembly used here (the project's TypeScript libs do not declare the global). */
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: unknown };
}

interface Exports {
  memory: WasmMemory;
  collect(from: number, end: number, base: number, cap: number): number;
  resumeAt(): number;
  sawRun(): number;
  utf16Units(start: number, end: number): number;
  nextRun(start: number, end: number): number;
  runEnd(): number;
  countByte(start: number, end: number, byte: number): number;
}

// Memory layout: see prefilter.wat.
const BITMAP_AT = 0;
const BITMAP_WORDS = 1 << 13;
const VALUES_AT = 32768;
const PAIRS_AT = 33024;
const CLASS_AT = 33088;
const PAIR_INDEX_AT = 65536;
const RECORDS_AT = 196608;
const RECORD_BYTES = 32;
/** Needle records that fit between RECORDS_AT and OCCURRENCES_AT (u16 links, 1-based). */
const MAX_RECORDS = (262144 - RECORDS_AT) / RECORD_BYTES;
const OCCURRENCES_AT = 262144;
/** (needle index, start) pairs `collect` can write before it must hand over. */
const OCCURRENCES_CAP = (327680 - OCCURRENCES_AT) / 8;
const DATA_AT = 327680;
/** The WebAssembly loops read up to 16 bytes past the end of what they search. */
const SLACK = 16;
/** Bytes searched that are not already in the memory are copied here first; larger ones are not. */
const COPY_CAP = 1 << 20;
const READ_AT = DATA_AT + COPY_CAP + SLACK;
const INITIAL_READ_CAP = (2 << 20) + (8 << 10);
const PAGE = 65536;

/** Base64 character values 0–63 (`+`/`-` 62, `/`/`_` 63: both alphabets), 255 for other bytes. */
function base64Values(): Uint8Array {
  const v = new Uint8Array(256).fill(255);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  for (let i = 0; i < 64; i++) v[alphabet.charCodeAt(i)] = i;
  v[0x2d] = 62;
  v[0x5f] = 63;
  return v;
}

/**
 * Nibble tables for a byte class (32 bytes: by low nibble, then by high nibble): each distinct set of
 * low nibbles that some high nibble allows gets a bit, so a byte is in the class exactly when its two
 * table entries share a bit. Needs at most 8 distinct sets (base64 has 5).
 */
function classTables(inClass: (byte: number) => boolean): Uint8Array {
  const out = new Uint8Array(32);
  const bits = new Map<string, number>();
  for (let hi = 0; hi < 16; hi++) {
    const lows: number[] = [];
    for (let lo = 0; lo < 16; lo++) if (inClass((hi << 4) | lo)) lows.push(lo);
    if (!lows.length) continue;
    const key = lows.join(',');
    if (!bits.has(key)) bits.set(key, 1 << bits.size);
    const bit = bits.get(key)!;
    if (bit > 0x80) throw new Error('byte class needs more than 8 nibble sets');
    out[16 + hi]! |= bit;
    for (const lo of lows) out[lo]! |= bit;
  }
  return out;
}

/** Teddy tables for byte pairs (64 bytes): first byte by low, high nibble; second byte the same. */
function pairTables(pairs: readonly Pair[]): Uint8Array {
  const out = new Uint8Array(64);
  bucketsOf(pairs).forEach((bucket, k) => {
    const bit = 1 << k;
    for (const p of bucket) {
      out[p.first & 15]! |= bit;
      out[16 + (p.first >> 4)]! |= bit;
      out[32 + (p.second & 15)]! |= bit;
      out[48 + (p.second >> 4)]! |= bit;
    }
  });
  return out;
}

/** A bucket's nibbles as four 16-bit sets: first byte low, high; second byte low, high. */
type Nibbles = [number, number, number, number];

const nibbles = (p: Pair): Nibbles => [
  1 << (p.first & 15),
  1 << (p.first >> 4),
  1 << (p.second & 15),
  1 << (p.second >> 4),
];

function bitCount(v: number): number {
  let n = 0;
  for (let x = v; x !== 0; x &= x - 1) n++;
  return n;
}

/** How many byte pairs a bucket with these nibbles matches: the product of its four nibble-set sizes. */
function space(set: Nibbles): number {
  return bitCount(set[0]) * bitCount(set[1]) * bitCount(set[2]) * bitCount(set[3]);
}

function union(a: Nibbles, b: Nibbles): Nibbles {
  return [a[0] | b[0], a[1] | b[1], a[2] | b[2], a[3] | b[3]];
}

/**
 * The 8 buckets of the nibble tables. A bucket matches every byte pair whose four nibbles each appear in
 * one of its pairs, so with more than 8 pairs the buckets are built by merging, again and again, the two
 * whose union widens the match space least (pairs sharing nibbles, `k_` with `k-`): fewer false
 * candidates than dealing pairs out in turn, never a missed pair.
 */
function bucketsOf(pairs: readonly Pair[]): Pair[][] {
  const buckets = pairs.map((p) => ({ pairs: [p], set: nibbles(p) }));
  while (buckets.length > 8) {
    let best: [number, number] = [0, 1];
    let bestCost = Number.POSITIVE_INFINITY;
    for (let i = 0; i < buckets.length; i++)
      for (let j = i + 1; j < buckets.length; j++) {
        const a = buckets[i]!;
        const b = buckets[j]!;
        const cost = space(union(a.set, b.set)) - space(a.set) - space(b.set);
        if (cost < bestCost) {
          bestCost = cost;
          best = [i, j];
        }
      }
    const [i, j] = best;
    const b = buckets.splice(j, 1)[0]!;
    buckets[i]!.pairs.push(...b.pairs);
    buckets[i]!.set = union(buckets[i]!.set, b.set);
  }
  return buckets.map((b) => b.pairs);
}

class Engine {
  readonly #x: Exports;
  #readCap = INITIAL_READ_CAP;
  /** The memory's current ArrayBuffer (see `#grow`). */
  #memory: ArrayBuffer;
  #bytes: Uint8Array;
  #readView: Buffer | undefined;
  /** The plan whose pairs and bitmap are in memory now. */
  #loaded: BytePlan | undefined;

  constructor(x: Exports) {
    this.#x = x;
    const needed = READ_AT + INITIAL_READ_CAP + SLACK;
    const have = x.memory.buffer.byteLength;
    if (needed > have) x.memory.grow(Math.ceil((needed - have) / PAGE));
    this.#memory = x.memory.buffer;
    this.#bytes = new Uint8Array(this.#memory);
    const values = base64Values();
    this.#bytes.set(values, VALUES_AT);
    this.#bytes.set(
      classTables((b) => values[b] !== 255),
      CLASS_AT,
    );
  }

  /**
   * Views must be made again after the memory grows (growing detaches the old ArrayBuffer). It grows
   * only here and in the constructor (the module has no `memory.grow`), so the current ArrayBuffer is
   * kept: reading `memory.buffer` on every call cost more than the screens of small files.
   */
  #grow(pages: number): void {
    this.#x.memory.grow(pages);
    this.#memory = this.#x.memory.buffer;
    this.#bytes = new Uint8Array(this.#memory);
    this.#readView = undefined;
    this.#occurrencesOut = undefined;
    this.#copyView = undefined;
  }

  #copyView: Buffer | undefined;

  /** See `wasmUtf8`. */
  encode(text: string): Buffer | undefined {
    // At most 3 bytes per UTF-16 unit: a text this short can never be cut off.
    if (text.length * 3 > COPY_CAP) return undefined;
    this.#copyView ??= Buffer.from(this.#memory, DATA_AT, COPY_CAP);
    return this.#copyView.subarray(0, this.#copyView.write(text, 'utf8'));
  }

  /**
   * The thread's read buffer: at least `size` bytes, valid until the next call with a larger size; or
   * undefined when the memory cannot grow that far (the caller then reads into a buffer of its own).
   */
  readArea(size: number): Buffer | undefined {
    if (size > this.#readCap) {
      const cap = Math.max(size, this.#readCap * 2);
      const needed = READ_AT + cap + SLACK;
      const have = this.#memory.byteLength;
      try {
        if (needed > have) this.#grow(Math.ceil((needed - have) / PAGE));
      } catch {
        return undefined; // out of address space or over 4 GiB
      }
      this.#readCap = cap;
    }
    this.#readView ??= Buffer.from(this.#memory, READ_AT, this.#readCap);
    return this.#readView;
  }

  /** Where `buf` is in the memory (copied there when it is elsewhere), or -1 when it does not fit. */
  #place(buf: Buffer): number {
    if (buf.buffer === this.#memory) {
      if (buf.byteOffset >= DATA_AT && buf.byteOffset + buf.length + SLACK <= this.#bytes.length)
        return buf.byteOffset;
    }
    if (buf.length > COPY_CAP) return -1;
    this.#bytes.set(buf, DATA_AT);
    return DATA_AT;
  }

  #load(plan: BytePlan): void {
    if (this.#loaded === plan) return;
    new Uint32Array(this.#memory, BITMAP_AT, BITMAP_WORDS).set(plan.bitmap);
    this.#bytes.set(plan.pairTables, PAIRS_AT);
    this.#bytes.set(plan.pairIndex, PAIR_INDEX_AT);
    this.#bytes.set(plan.records, RECORDS_AT);
    this.#loaded = plan;
  }

  /** See `BytePlan.screen`. */
  screen(plan: BytePlan, buf: Buffer, hit: NeedleHit): Screen | undefined {
    const found = this.occurrences(plan, buf, hit);
    if (found === undefined) return undefined;
    if (found) return 'keyword';
    if (plan.bitmapEmpty) return 'nothing';
    // One `collect` call screened the base64 runs on the way; after several, `nextRun` must.
    if (this.#calls === 1) return this.#x.sawRun() === 1 ? 'base64-run' : 'nothing';
    const at = this.#place(buf);
    return this.#x.nextRun(at, at + buf.length) === -1 ? 'nothing' : 'base64-run';
  }

  #occurrencesOut: Int32Array | undefined;

  /** The output area of `collect`, as a view made again only after the memory grew. */
  #occurrenceView(): Int32Array {
    this.#occurrencesOut ??= new Int32Array(this.#memory, OCCURRENCES_AT, OCCURRENCES_CAP * 2);
    return this.#occurrencesOut;
  }

  /** `collect` calls the last `occurrences` made. */
  #calls = 0;

  /** See `BytePlan.occurrences`. */
  occurrences(plan: BytePlan, buf: Buffer, hit: NeedleHit, utf16 = false): boolean | undefined {
    const at = this.#place(buf);
    if (at < 0) return undefined;
    this.#load(plan);
    const end = at + buf.length;
    const x = this.#x;
    const cap = OCCURRENCES_CAP - plan.longestChain;
    // UTF-16 positions: counted from the last occurrence (a needle starts with an ASCII byte, so at a
    // character boundary; occurrences come nearly in order, a step back is subtracted).
    let byteAt = 0;
    let unitAt = 0;
    let from = at;
    this.#calls = 0;
    while (from !== -1) {
      const n = x.collect(from, end, at, cap);
      this.#calls++;
      from = x.resumeAt();
      if (n === 0) continue;
      // Read after the call: `hit` may grow the memory (a nested scan), which detaches older views.
      const out = this.#occurrenceView();
      const list = plan.needles;
      const long = plan.longNeedles;
      for (let k = 0; k < n; k++) {
        const index = out[2 * k]!;
        const start = out[2 * k + 1]!;
        // WebAssembly compared the first 8 bytes; the rest of a longer needle is compared here.
        if (long[index] === 1 && !bytesEqual(buf, start, list[index]!)) continue;
        if (utf16) {
          unitAt +=
            start >= byteAt ? x.utf16Units(at + byteAt, at + start) : -x.utf16Units(at + start, at + byteAt);
          byteAt = start;
        }
        if (hit(index, utf16 ? unitAt : start)) return true;
      }
    }
    return false;
  }

  /** See `BytePlan.someRun`. */
  someRun(plan: BytePlan, buf: Buffer, visit: RunVisit): boolean | undefined {
    if (plan.bitmapEmpty) return false;
    const at = this.#place(buf);
    if (at < 0) return undefined;
    this.#load(plan);
    const end = at + buf.length;
    const x = this.#x;
    for (let s = x.nextRun(at, end); s !== -1; s = x.nextRun(s, end)) {
      const e = x.runEnd();
      if (visit(s - at, e - at)) return true;
      s = e;
    }
    return false;
  }

  /** UTF-16 code units of valid UTF-8 bytes, or -1 when they do not fit the memory. */
  utf16Length(buf: Buffer): number {
    const at = this.#place(buf);
    return at < 0 ? -1 : this.#x.utf16Units(at, at + buf.length);
  }

  /** Occurrences of `byte` in buf[start, end), or -1 when `buf` is not in the memory already. */
  count(buf: Buffer, start: number, end: number, byte: number): number {
    if (buf.buffer !== this.#memory || buf.byteOffset < DATA_AT) return -1;
    const at = buf.byteOffset;
    if (at + end + SLACK > this.#memory.byteLength) return -1;
    return this.#x.countByte(at + start, at + end, byte);
  }
}

/** Visits an unbroken base64 run buf[start, end) the pre-filter flagged; true stops the search. */
export type RunVisit = (start: number, end: number) => boolean;

function bytesEqual(buf: Buffer, start: number, text: string): boolean {
  for (let i = 0; i < text.length; i++) if (buf[start + i] !== text.charCodeAt(i)) return false;
  return true;
}

let engine: Engine | null | undefined;

function threadEngine(): Engine | undefined {
  if (engine === undefined) {
    engine = null;
    const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
    // The marker bitmap is written through a Uint32Array (host byte order) and read by WebAssembly
    // (little-endian): on a big-endian host the JavaScript path does the work.
    if (process.env.KEYGUARD_NO_WASM !== '1' && wasm && endianness() === 'LE') {
      try {
        const mod = new wasm.Module(Buffer.from(PREFILTER_WASM, 'base64'));
        engine = new Engine(new wasm.Instance(mod).exports as Exports);
      } catch {
        engine = null; // no SIMD support or no memory: the JavaScript path does the same work
      }
    }
  }
  return engine ?? undefined;
}

/** The thread's read buffer inside the WebAssembly memory, or undefined when WebAssembly is off. */
export function wasmReadArea(size: number): Buffer | undefined {
  return threadEngine()?.readArea(size);
}

/**
 * The UTF-8 bytes of `text`, written into the WebAssembly memory where screens copy bytes from elsewhere
 * (so they are screened in place): valid until the next screen of bytes that are not in the memory, or
 * the next call. Undefined when WebAssembly is off or the text is over a third of that area.
 */
export function wasmUtf8(text: string): Buffer | undefined {
  return threadEngine()?.encode(text);
}

/**
 * How many bytes of buf[start, end) equal `byte`, counted in WebAssembly when `buf` lies in its memory
 * (a read buffer from `wasmReadArea`); undefined otherwise.
 */
export function wasmCountByte(buf: Buffer, start: number, end: number, byte: number): number | undefined {
  const n = threadEngine()?.count(buf, start, end, byte) ?? -1;
  return n < 0 ? undefined : n;
}

/** Called for each occurrence of needle `index` at `start`; true stops the search. */
export type NeedleHit = (index: number, start: number) => boolean;

/**
 * The outcome of a screen: a needle occurrence the caller accepted (`keyword`), none but a base64 run
 * the exact check must look at (`base64-run`), or neither (`nothing`).
 */
export type Screen = 'keyword' | 'base64-run' | 'nothing';

interface Pair {
  first: number;
  second: number;
  needles: { text: string; at: number; index: number }[];
}

/** One detector's needles and base64 markers, laid out for the WebAssembly pre-filter. */
export class BytePlan {
  readonly pairs: Pair[];
  readonly needles: readonly string[];
  /**
   * 1 for each needle JavaScript must still compare: longer than the 8 bytes WebAssembly compares, or
   * with a character no byte equals (WebAssembly saw only its low byte).
   */
  readonly longNeedles: Uint8Array;
  readonly pairTables: Uint8Array;
  /** Pair (first << 8 | second) → 1 + its first needle record, for WebAssembly (see prefilter.wat). */
  readonly pairIndex: Uint8Array;
  readonly records: Uint8Array;
  /** Most needles searched through one pair: `collect` keeps room for one whole chain. */
  readonly longestChain: number;
  readonly bitmap: Uint32Array;
  readonly bitmapEmpty: boolean;

  private constructor(pairs: Pair[], needles: readonly string[], bitmap: Uint32Array) {
    this.pairs = pairs;
    this.needles = needles;
    this.longNeedles = Uint8Array.from(needles, (n) => (n.length > 8 || /[^\x00-\xff]/.test(n) ? 1 : 0));
    this.pairTables = pairTables(pairs);
    const index = new Uint16Array(65536);
    const records = new DataView(
      new ArrayBuffer(RECORD_BYTES * pairs.reduce((n, p) => n + p.needles.length, 0)),
    );
    let r = 0;
    for (const p of pairs) {
      let next = 0;
      // Chained back to front, so the chain runs in the pair's needle order.
      for (let k = p.needles.length - 1; k >= 0; k--) {
        const n = p.needles[k]!;
        const rec = r * RECORD_BYTES;
        records.setUint16(rec, next, true);
        records.setInt32(rec + 4, n.index, true);
        records.setInt32(rec + 8, n.at, true);
        records.setInt32(rec + 12, n.text.length, true);
        for (let j = 0; j < Math.min(8, n.text.length); j++) {
          records.setUint8(rec + 16 + j, n.text.charCodeAt(j) & 0xff);
          records.setUint8(rec + 24 + j, 0xff);
        }
        next = ++r;
      }
      index[(p.first << 8) | p.second] = next;
    }
    this.pairIndex = new Uint8Array(index.buffer);
    this.records = new Uint8Array(records.buffer);
    this.longestChain = Math.max(0, ...pairs.map((p) => p.needles.length));
    this.bitmap = bitmap;
    this.bitmapEmpty = bitmap.every((w) => w === 0);
  }

  /**
   * A plan for these needles (each searched through its rarest pair of adjacent bytes) and this marker
   * bitmap (MarkerTable's), or undefined when they do not suit the WebAssembly loops (a one-character
   * needle) or WebAssembly is off.
   */
  static build(needles: readonly string[], bitmap: Uint32Array): BytePlan | undefined {
    if (!threadEngine() || bitmap.length !== BITMAP_WORDS) return undefined;
    const byPair = new Map<number, Pair>();
    for (let index = 0; index < needles.length; index++) {
      const text = needles[index]!;
      if (text.length === 0) continue;
      if (text.length < 2) return undefined;
      let at = 0;
      let best = Number.POSITIVE_INFINITY;
      for (let j = 0; j + 1 < text.length; j++) {
        const score = rank(text.charCodeAt(j)) + rank(text.charCodeAt(j + 1));
        if (score < best) {
          best = score;
          at = j;
        }
      }
      const first = text.charCodeAt(at) & 0xff;
      const second = text.charCodeAt(at + 1) & 0xff;
      const key = (first << 8) | second;
      let pair = byPair.get(key);
      if (!pair) {
        pair = { first, second, needles: [] };
        byPair.set(key, pair);
      }
      pair.needles.push({ text, at, index });
    }
    if (needles.length > MAX_RECORDS) return undefined;
    return new BytePlan([...byPair.values()], needles, bitmap);
  }

  /**
   * Screens raw bytes: calls `hit` for every occurrence of a needle (in text order) until it returns
   * true, then checks for base64 runs that could hide a key. Undefined when it could not run (WebAssembly
   * off, or bytes over 1 MiB that are not already in its memory): the caller then does the work itself.
   */
  screen(buf: Buffer, hit: NeedleHit): Screen | undefined {
    return threadEngine()?.screen(this, buf, hit);
  }

  /**
   * Calls `hit` for every occurrence of a needle in raw bytes, in text order, until it returns true;
   * returns whether it did. Undefined when it could not run (see `screen`). `utf16`: the bytes are valid
   * UTF-8 and each start is given in UTF-16 code units of their text (what a string index counts).
   */
  occurrences(buf: Buffer, hit: NeedleHit, utf16 = false): boolean | undefined {
    return threadEngine()?.occurrences(this, buf, hit, utf16);
  }

  /** The UTF-16 length of valid UTF-8 bytes' text, or undefined when it could not run. */
  utf16Length(buf: Buffer): number | undefined {
    const n = threadEngine()?.utf16Length(buf) ?? -1;
    return n < 0 ? undefined : n;
  }

  /**
   * Visits, in order, each unbroken run of 32+ base64 bytes that could hide a key (it holds a marker's
   * first three characters, or is a full line of wrapped base64) until `visit` returns true. Every run
   * the exact check would decode is one of these or the wrapped run one of them starts. Undefined when
   * it could not run (see `screen`).
   */
  someRun(buf: Buffer, visit: RunVisit): boolean | undefined {
    return threadEngine()?.someRun(this, buf, visit);
  }
}
