/** Shape checks shared by the `linked` rules. */
import { shannonEntropy } from '../../scan/entropy.js';
import { hasPlaceholderText, hasRun, isPeriodic } from '../../scan/placeholder.js';

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/** CRC-32 (IEEE) of an ASCII string. */
export function crc32(text: string): number {
  let c = 0xffffffff;
  for (let i = 0; i < text.length; i++) c = CRC_TABLE[(c ^ text.charCodeAt(i)) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** `n` in base 62 (digits, then upper, then lower case), left-padded with `0` to `width`. */
export function base62(n: number, width: number): string {
  let s = '';
  for (let v = n; v > 0; v = Math.floor(v / 62)) s = BASE62[v % 62]! + s;
  return s.padStart(width, '0');
}

/**
 * GitHub's classic tokens end in a checksum: 30 random base62 characters, then the CRC-32 of those 30
 * in base62, six characters (GitHub's "Behind GitHub's new authentication token formats"). A made-up
 * token passes one time in 62^6.
 */
export function githubChecksumOk(token: string): boolean {
  const body = token.slice(4);
  return body.length === 36 && base62(crc32(body.slice(0, 30)), 6) === body.slice(30);
}

/** Random-looking: no placeholder words, runs or repeated blocks, and at least `floor` bits per char. */
export function looksRandom(body: string, floor: number): boolean {
  return !hasPlaceholderText(body) && !hasRun(body) && !isPeriodic(body) && shannonEntropy(body) >= floor;
}

/** One of each: a random mixed-case alphanumeric body this long practically always has all three. */
export function mixesClasses(body: string): boolean {
  return /[A-Z]/.test(body) && /[a-z]/.test(body) && /[0-9]/.test(body);
}
