/**
 * UTF-16 text recognised and turned into UTF-8, chunk by chunk, so the byte searcher reads it like any
 * other text file (same lines, same JS columns: a UTF-16 code unit is a column either way). Windows
 * tools write UTF-16 (PowerShell 5 `>` redirection, `.reg` exports, some `.ps1` editors); its bytes
 * interleave NULs, so a byte scan sees binary data with no printable run long enough to hold a key.
 *
 * One detector for every source (a file of the tree, a blob git streams, stdin), so all of them decode
 * alike. With a byte-order mark the encoding is certain; without one it is a guess from the first bytes
 * (`guessed`), and the caller also searches the raw bytes, so a binary file that merely looks like
 * UTF-16 at its start loses nothing.
 */

export interface Utf16Encoding {
  bigEndian: boolean;
  /** Bytes of byte-order mark to skip (0 when guessed). */
  bom: number;
  guessed: boolean;
}

/** Bytes looked at to guess BOM-less UTF-16. */
export const SNIFF_BYTES = 512;

function printableOrSpace(b: number): boolean {
  return (b >= 0x20 && b < 0x7f) || b === 0x09 || b === 0x0a || b === 0x0d;
}

/**
 * The UTF-16 encoding of data starting with `head`, or undefined when it is not UTF-16. Without a BOM:
 * at least 8 bytes, and every pair in the first SNIFF_BYTES is ASCII text (a printable byte or TAB/CR/LF
 * next to a NUL) on the same side; one stray pair is allowed per 32.
 */
export function detectUtf16(head: Buffer): Utf16Encoding | undefined {
  if (head.length >= 2) {
    if (head[0] === 0xff && head[1] === 0xfe) {
      // FF FE 00 00 is the UTF-32LE mark, not text keyguard decodes.
      if (head.length >= 4 && head[2] === 0 && head[3] === 0) return undefined;
      return { bigEndian: false, bom: 2, guessed: false };
    }
    if (head[0] === 0xfe && head[1] === 0xff) return { bigEndian: true, bom: 2, guessed: false };
  }
  const n = Math.min(head.length, SNIFF_BYTES) & ~1;
  if (n < 8) return undefined;
  let le = 0;
  let be = 0;
  for (let i = 0; i < n; i += 2) {
    const a = head[i]!;
    const b = head[i + 1]!;
    if (b === 0 && printableOrSpace(a)) le++;
    else if (a === 0 && printableOrSpace(b)) be++;
  }
  const pairs = n / 2;
  const stray = Math.floor(pairs / 32);
  if (le >= pairs - stray) return { bigEndian: false, bom: 0, guessed: true };
  if (be >= pairs - stray) return { bigEndian: true, bom: 0, guessed: true };
  return undefined;
}

/**
 * Streams UTF-16 bytes (BOM included, as they come) into UTF-8 bytes. A code unit or surrogate pair
 * split between chunks is kept for the next one; a lone surrogate becomes U+FFFD, as in Node's decoder.
 */
export class Utf16ToUtf8 {
  readonly #enc: Utf16Encoding;
  #skipBom: number;
  #odd: Buffer | undefined;
  /** A high surrogate that ended the previous chunk. */
  #high = '';

  constructor(enc: Utf16Encoding) {
    this.#enc = enc;
    this.#skipBom = enc.bom;
  }

  push(chunk: Buffer): Buffer {
    let bytes = chunk;
    if (this.#skipBom > 0) {
      const skip = Math.min(this.#skipBom, bytes.length);
      this.#skipBom -= skip;
      bytes = bytes.subarray(skip);
    }
    if (this.#odd) {
      bytes = Buffer.concat([this.#odd, bytes]);
      this.#odd = undefined;
    }
    const even = bytes.length & ~1;
    if (even < bytes.length) this.#odd = Buffer.from(bytes.subarray(even));
    let units = bytes.subarray(0, even);
    if (this.#enc.bigEndian) {
      units = Buffer.from(units); // swap a copy: the caller's buffer is not ours to change
      units.swap16();
    }
    let text = this.#high + units.toString('utf16le');
    this.#high = '';
    const lastUnit = text.charCodeAt(text.length - 1);
    if (lastUnit >= 0xd800 && lastUnit <= 0xdbff) {
      this.#high = text.slice(-1);
      text = text.slice(0, -1);
    }
    return Buffer.from(text, 'utf8');
  }

  /** What is left: a lone high surrogate or an odd last byte, as U+FFFD. */
  end(): Buffer {
    const rest = (this.#high ? '\ufffd' : '') + (this.#odd ? '\ufffd' : '');
    this.#high = '';
    this.#odd = undefined;
    return Buffer.from(rest, 'utf8');
  }
}
