/**
 * How bytes are read and handed to the detector (the "searcher", in ripgrep's terms): small files in one
 * read, large files streamed in fixed-size chunks so memory stays bounded whatever the file size.
 *
 * Chunks are cut after the last newline so lines stay whole and line numbers stay exact. A line longer
 * than `maxCarry` (minified code, binary blobs) is cut by force: the window is scanned whole, only keys
 * that START before the cut are reported, and the next window re-reads `overlap` bytes before the cut
 * (plus `context` bytes of left context that are never reported) so a key spanning the cut is found
 * exactly once and a token that merely ends in a key shape is not misread as a key.
 *
 * Windows with a NUL byte are binary: like `strings`, only printable ASCII runs of at least `minRun`
 * characters are scanned, and keys are placed back at their byte position in the file.
 */
import { isAscii } from 'node:buffer';
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { wasmCountByte, wasmReadArea } from '../scan/prefilter.js';
import type { KeyDetector, RawKey } from './types.js';
import { detectUtf16, SNIFF_BYTES, type Utf16Encoding, Utf16ToUtf8 } from './utf16.js';

export interface SearchOptions {
  /** Bytes per read; files up to this size are read in one go. Default 1 MiB. */
  chunkSize?: number;
  /** Longest partial line carried to the next chunk before a forced cut. Default = chunkSize. */
  maxCarry?: number;
  /** Bytes re-read after a forced cut: must exceed the longest key. Default 4096. */
  overlap?: number;
  /** Left context kept before the overlap, never reported. Default 256. */
  context?: number;
  /** Shortest printable run extracted from binary data. Default 20. */
  minRun?: number;
}

export interface FileSearch {
  keys: RawKey[];
  bytes: number;
  binary: boolean;
}

const EMPTY = Buffer.alloc(0);

/** Resolved once per options object: a tree scan passes the same one for every file. */
const resolvedCache = new WeakMap<SearchOptions, Required<SearchOptions>>();

function resolved(o: SearchOptions): Required<SearchOptions> {
  let r = resolvedCache.get(o);
  if (!r) {
    r = resolve(o);
    resolvedCache.set(o, r);
  }
  return r;
}

function resolve(o: SearchOptions): Required<SearchOptions> {
  const chunkSize = Math.max(64, o.chunkSize ?? 1 << 20);
  const overlap = o.overlap ?? 4096;
  const context = o.context ?? 256;
  return {
    chunkSize,
    // A forced cut must leave room for overlap + context, or the window would never shrink.
    maxCarry: Math.max(o.maxCarry ?? chunkSize, overlap + context + 1),
    overlap,
    context,
    minRun: o.minRun ?? 20,
  };
}

/** Moves a cut back to the start of a UTF-8 character (never inside a multi-byte sequence). */
function charBoundary(buf: Buffer, i: number): number {
  let j = Math.max(0, Math.min(i, buf.length));
  while (j > 0 && j < buf.length && (buf[j]! & 0xc0) === 0x80) j--;
  return j;
}

/** Length in UTF-16 code units (what JS columns count) of a UTF-8 byte range, without decoding it. */
function utf16Length(buf: Buffer, start: number, end: number): number {
  // ASCII (nearly always): one unit per byte, checked by a native SIMD pass instead of this loop.
  if (end - start >= 64 && isAscii(buf.subarray(start, end))) return end - start;
  let n = 0;
  for (let i = start; i < end; i++) {
    const b = buf[i]!;
    if ((b & 0xc0) !== 0x80) n += b >= 0xf0 ? 2 : 1;
  }
  return n;
}

function countNewlines(buf: Buffer, start: number, end: number): { count: number; last: number } {
  // A read buffer in the WebAssembly memory is counted 16 bytes a step.
  const counted = end > start ? wasmCountByte(buf, start, end, 10) : 0;
  if (counted !== undefined) return { count: counted, last: counted > 0 ? buf.lastIndexOf(10, end - 1) : -1 };
  let count = 0;
  let last = -1;
  let i = buf.indexOf(10, start);
  while (i >= 0 && i < end) {
    count++;
    last = i;
    i = buf.indexOf(10, i + 1);
  }
  return { count, last };
}

function isPrintable(b: number): boolean {
  return (b >= 0x20 && b <= 0x7e) || b === 0x09;
}

/**
 * Printable ASCII runs of at least `minRun` bytes in [start, end), as `strings` would list them.
 * Skips ahead like Boyer-Moore: a run of `minRun` bytes starting at or after `i` must contain byte
 * `i + minRun - 1`, so when that byte is not printable the whole stretch is skipped unread (binary data is
 * mostly short runs, so most bytes are never looked at).
 */
export function printableRuns(buf: Buffer, start: number, end: number, minRun: number): [number, number][] {
  const runs: [number, number][] = [];
  const span = Math.max(1, minRun);
  // Invariant: i is `start` or the byte right after a non-printable one.
  let i = start;
  while (i + span <= end) {
    const probe = i + span - 1;
    if (!isPrintable(buf[probe]!)) {
      i = probe + 1;
      continue;
    }
    let s = probe;
    while (s > i && isPrintable(buf[s - 1]!)) s--;
    let e = probe + 1;
    while (e < end && isPrintable(buf[e]!)) e++;
    if (e - s >= minRun) runs.push([s, e]);
    i = e + 1;
  }
  return runs;
}

/**
 * Feeds a byte stream through the detector window by window. `push` every chunk, then `end()`.
 * Reported line/column are for the whole stream.
 */
export class StreamSearch {
  readonly keys: RawKey[] = [];
  binary = false;
  bytes = 0;
  readonly #det: KeyDetector;
  readonly #o: Required<SearchOptions>;
  #carry: Buffer = EMPTY;
  /** Bytes at the start of the carry that were already searched (left context after a forced cut). */
  #skip = 0;
  /** Line number and column (0-based, UTF-16 units) of the first byte of the carry. */
  #line = 1;
  #col = 0;

  constructor(det: KeyDetector, opts: SearchOptions = {}) {
    this.#det = det;
    this.#o = resolved(opts);
  }

  push(chunk: Buffer): void {
    this.bytes += chunk.length;
    if (!this.#carry.length) this.#window(chunk, true);
    else this.#window(Buffer.concat([this.#carry, chunk]), false);
  }

  /** What the next window must start with: a reader can place it in front of its next read itself. */
  get carry(): Buffer {
    return this.#carry;
  }

  /**
   * Like `push`, for a window the caller built as `carry` followed by fresh bytes (read straight after
   * it), which saves copying every chunk. `win` may be reused by the caller afterwards.
   */
  pushJoined(win: Buffer): void {
    this.bytes += win.length - this.#carry.length;
    this.#window(win, true);
  }

  /** `volatile`: `win` belongs to the caller and must be copied if kept. */
  #window(win: Buffer, volatile: boolean): void {
    const nl = win.lastIndexOf(10);
    if (nl >= 0 && win.length - (nl + 1) <= this.#o.maxCarry) {
      this.#search(win, nl + 1, nl + 1, nl + 1);
      return;
    }
    if (win.length <= this.#o.maxCarry + this.#o.overlap + this.#o.context) {
      // A long line still growing: keep it whole a little longer.
      this.#carry = volatile ? Buffer.from(win) : win;
      return;
    }
    const cut = charBoundary(win, win.length - this.#o.overlap);
    const carryStart = charBoundary(win, cut - this.#o.context);
    this.#search(win, win.length, cut, carryStart);
  }

  /**
   * Searches `buf` as the whole (or final) input at once; `end()` is then not needed. `prefiltered`:
   * the caller has already seen `mightMatch(buf)` return true.
   */
  pushLast(buf: Buffer, prefiltered = false): void {
    this.bytes += buf.length;
    const joined = this.#carry.length > 0;
    const win = joined ? Buffer.concat([this.#carry, buf]) : buf;
    if (win.length) this.#search(win, win.length, win.length, win.length, true, prefiltered && !joined);
    this.#carry = EMPTY;
  }

  end(): void {
    const win = this.#carry;
    if (win.length) this.#search(win, win.length, win.length, win.length, true);
    this.#carry = EMPTY;
  }

  /**
   * Searches win[0, scanEnd), reports keys starting in [skip, reportEnd), then keeps win[carryStart..]
   * as the next carry. `last`: nothing follows, so the line/column bookkeeping is skipped.
   * `prefiltered`: the caller already ran the pre-filter on exactly this region.
   */
  #search(
    win: Buffer,
    scanEnd: number,
    reportEnd: number,
    carryStart: number,
    last = false,
    prefiltered = false,
  ): void {
    const region = win.subarray(0, scanEnd);
    if (prefiltered || this.#det.mightMatch(region)) {
      if (region.indexOf(0) >= 0) {
        this.binary = true;
        this.#searchBinary(win, scanEnd, reportEnd);
      } else {
        this.#searchText(region, reportEnd, this.#det.base64Clear?.(region) === true);
      }
    }
    if (last) return;
    // Advance the line/column of the carry's first byte past the consumed bytes.
    const nl = countNewlines(win, 0, carryStart);
    if (nl.count > 0) {
      this.#line += nl.count;
      this.#col = utf16Length(win, nl.last + 1, carryStart);
    } else {
      this.#col += utf16Length(win, 0, carryStart);
    }
    const rest = win.subarray(carryStart);
    this.#carry = rest.length ? Buffer.from(rest) : EMPTY;
    this.#skip = Math.max(0, Math.max(reportEnd, this.#skip) - carryStart);
  }

  #place(key: RawKey, relLine: number, relCol: number): void {
    this.keys.push({
      ...key,
      line: this.#line + relLine - 1,
      column: relLine === 1 ? this.#col + relCol : relCol,
    });
  }

  #searchText(region: Buffer, reportEnd: number, base64Clear: boolean): void {
    const text = region.toString('utf8');
    // The detector can find its keywords in the bytes, where they already are.
    const found = this.#det.scan(text, 1, { base64Clear, utf8Bytes: region });
    if (!found.length) return;
    const partial = this.#skip > 0 || reportEnd < region.length;
    let lineStarts: number[] | undefined;
    const skipChars = this.#skip > 0 ? utf16Length(region, 0, this.#skip) : 0;
    const endChars = reportEnd < region.length ? utf16Length(region, 0, reportEnd) : text.length;
    for (const k of found) {
      if (partial) {
        if (!lineStarts) {
          lineStarts = [0];
          for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
        }
        const at = (lineStarts[k.line - 1] ?? 0) + k.column - 1;
        if (at < skipChars || at >= endChars) continue;
      }
      this.#place(k, k.line, k.column);
    }
  }

  #searchBinary(win: Buffer, scanEnd: number, reportEnd: number): void {
    const runs = printableRuns(win, 0, scanEnd, this.#o.minRun);
    if (!runs.length) return;
    const text = runs.map(([s, e]) => win.toString('latin1', s, e)).join('\n');
    // Binary mode: a length byte glued to a key (.pyc, protobuf) is cut off by the detector.
    for (const k of this.#det.scan(text, 1, { binary: true })) {
      const run = runs[k.line - 1];
      if (!run) continue;
      const at = run[0] + k.column - 1;
      if (at < this.#skip || at >= reportEnd) continue;
      const { count, last } = countNewlines(win, 0, at);
      this.#place(k, count + 1, count > 0 ? at - last : at + 1);
    }
  }
}

/**
 * A StreamSearch that first looks at what the bytes are: UTF-16 (with a byte-order mark, or guessed
 * from the first bytes) is turned into UTF-8 before it is searched, so it reads like any text file
 * with the same line numbers and columns. Every source of bytes (tree files, git blobs, stdin) goes
 * through this one class, so they all decode alike. When UTF-16 is only guessed the raw bytes are
 * searched as well, and a key found both ways (same place, same value) is reported once.
 */
export class DecodingSearch {
  bytes = 0;
  readonly #det: KeyDetector;
  readonly #opts: SearchOptions;
  /** Bytes held until enough are seen to tell the encoding. */
  #head: Buffer[] = [];
  #headLen = 0;
  #raw: StreamSearch | undefined;
  #decoded: { search: StreamSearch; dec: Utf16ToUtf8 } | undefined;
  #decided = false;

  constructor(det: KeyDetector, opts: SearchOptions = {}) {
    this.#det = det;
    this.#opts = opts;
  }

  /** The encoding found, once decided (undefined: bytes searched as they are). */
  encoding: Utf16Encoding | undefined;

  push(chunk: Buffer): void {
    this.bytes += chunk.length;
    if (this.#decided) {
      this.#feed(chunk);
      return;
    }
    this.#head.push(Buffer.from(chunk));
    this.#headLen += chunk.length;
    if (this.#headLen >= SNIFF_BYTES) this.#decide();
  }

  end(): void {
    if (!this.#decided) this.#decide();
    this.#raw?.end();
    if (this.#decoded) {
      const { search, dec } = this.#decoded;
      const rest = dec.end();
      if (rest.length) search.push(rest);
      search.end();
    }
  }

  get binary(): boolean {
    // Decoded UTF-16 is text, whatever its raw bytes looked like.
    return !this.#decoded && (this.#raw?.binary ?? false);
  }

  get keys(): RawKey[] {
    const raw = this.#raw?.keys ?? [];
    const decoded = this.#decoded?.search.keys ?? [];
    if (!decoded.length) return raw;
    if (!raw.length) return decoded;
    const seen = new Set(decoded.map((k) => `${k.line}:${k.column}:${k.key}`));
    return [...decoded, ...raw.filter((k) => !seen.has(`${k.line}:${k.column}:${k.key}`))];
  }

  #decide(): void {
    this.#decided = true;
    const head = this.#head.length === 1 ? this.#head[0]! : Buffer.concat(this.#head);
    this.#head = [];
    this.encoding = detectUtf16(head);
    if (this.encoding) {
      this.#decoded = {
        search: new StreamSearch(this.#det, this.#opts),
        dec: new Utf16ToUtf8(this.encoding),
      };
    }
    if (!this.encoding || this.encoding.guessed) this.#raw = new StreamSearch(this.#det, this.#opts);
    if (head.length) this.#feed(head);
  }

  #feed(chunk: Buffer): void {
    this.#raw?.push(chunk);
    if (this.#decoded) {
      const utf8 = this.#decoded.dec.push(chunk);
      if (utf8.length) this.#decoded.search.push(utf8);
    }
  }
}

/** Non-blocking open, so a FIFO put where a file was cannot hang the scan (the flag is POSIX-only). */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/** Thrown by `searchFile` when the path is no longer a regular file (nothing was read). */
export class NotRegularFile extends Error {
  readonly code = 'ENOTREG';
  constructor() {
    super('not a regular file');
  }
}

/** Thrown by `searchFile` when a file is over `maxSize` (nothing was read). */
export class FileTooLarge extends Error {
  constructor(readonly size: number) {
    super(`file is ${size} bytes`);
  }
}

/**
 * A read buffer reused from file to file (one per thread): most files fit it, so a tree scan allocates
 * almost nothing per file. Grows on demand up to the chunk size. With the WebAssembly pre-filter on, it is
 * the thread's area of WebAssembly memory (every ReadBuffer of a thread shares it: hold one file's bytes
 * at a time, as the synchronous searches here do), so the bytes are screened where they were read.
 */
export class ReadBuffer {
  #buf: Buffer | undefined;
  get(size: number): Buffer {
    const area = wasmReadArea(size);
    if (area) return area;
    if (!this.#buf || this.#buf.length < size)
      this.#buf = Buffer.allocUnsafe(Math.max(size, 64 * 1024, (this.#buf?.length ?? 0) * 2));
    return this.#buf;
  }
}

const shared = new ReadBuffer();

/**
 * Searches one file: one read when it fits a chunk, streamed otherwise (one open + fstat either way).
 * Synchronous on purpose: the profile showed the promise-based FileHandle calls (open, stat, read, close
 * each a round trip through libuv) costing twice the reads themselves; a thread that only scans can block.
 * Throws on I/O errors and `FileTooLarge` when over `maxSize`.
 */
export function searchFileSync(
  path: string,
  det: KeyDetector,
  opts: SearchOptions & { maxSize?: number } = {},
  scratch: ReadBuffer = shared,
): FileSearch {
  const o = resolved(opts);
  const fd = openSync(path, OPEN_FLAGS);
  try {
    const st = fstatSync(fd);
    // The walk only lists regular files, but a path can be swapped for a FIFO or device before it is
    // opened: never block a thread reading one.
    if (!st.isFile()) throw new NotRegularFile();
    const size = st.size;
    if (opts.maxSize !== undefined && size > opts.maxSize) throw new FileTooLarge(size);
    if (size <= o.chunkSize) {
      const buf = scratch.get(size);
      let n = 0;
      while (n < size) {
        const r = readSync(fd, buf, n, size - n, n);
        if (r === 0) break;
        n += r;
      }
      return searchBuffer(buf.subarray(0, n), det, o);
    }
    return streamFd(fd, det, o, scratch);
  } finally {
    closeSync(fd);
  }
}

function streamFd(fd: number, det: KeyDetector, o: Required<SearchOptions>, scratch: ReadBuffer): FileSearch {
  const s = new StreamSearch(det, o);
  // Room for the longest carry plus a chunk: each read lands right after the carry, no concatenation.
  const buf = scratch.get(o.chunkSize + o.maxCarry + o.overlap + o.context);
  const first = readSync(fd, buf, 0, SNIFF_BYTES, 0);
  if (detectUtf16(buf.subarray(0, first))) return streamFdDecoded(fd, det, o, buf);
  let pos = 0;
  for (;;) {
    const carry = s.carry;
    carry.copy(buf, 0);
    const n = readSync(fd, buf, carry.length, o.chunkSize, pos);
    if (n === 0) break;
    pos += n;
    s.pushJoined(buf.subarray(0, carry.length + n));
  }
  s.end();
  return { keys: s.keys, bytes: s.bytes, binary: s.binary };
}

/** A large UTF-16 file: read chunk by chunk into the decoding search (its chunks are copied). */
function streamFdDecoded(fd: number, det: KeyDetector, o: Required<SearchOptions>, buf: Buffer): FileSearch {
  const s = new DecodingSearch(det, o);
  let pos = 0;
  for (;;) {
    const n = readSync(fd, buf, 0, o.chunkSize, pos);
    if (n === 0) break;
    pos += n;
    s.push(buf.subarray(0, n));
  }
  s.end();
  return { keys: s.keys, bytes: s.bytes, binary: s.binary };
}

/** Promise form of `searchFileSync` (same work; kept for callers that await). */
export async function searchFile(
  path: string,
  det: KeyDetector,
  opts: SearchOptions & { maxSize?: number } = {},
): Promise<FileSearch> {
  return searchFileSync(path, det, opts);
}

/** Searches bytes already in memory (small files, git blobs) as one window. */
export function searchBuffer(buf: Buffer, det: KeyDetector, opts: SearchOptions = {}): FileSearch {
  // UTF-16 (PowerShell 5 `echo KEY=… > .env` writes it): decoded first, since its NUL-interleaved
  // bytes hide every keyword from the raw-byte pre-filter.
  if (detectUtf16(buf)) {
    const s = new DecodingSearch(det, opts);
    s.push(buf);
    s.end();
    return { keys: s.keys, bytes: s.bytes, binary: s.binary };
  }
  // Hot path: most files match no keyword, and then nothing is decoded.
  if (!det.mightMatch(buf)) return { keys: [], bytes: buf.length, binary: false };
  const s = new StreamSearch(det, opts);
  s.pushLast(buf, true);
  return { keys: s.keys, bytes: s.bytes, binary: s.binary };
}
