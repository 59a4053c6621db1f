/**
 * Fast substring search for many short needles. `indexOf('sk-')` runs `memchr` on the needle's FIRST
 * character and compares at every hit: `s` is one byte in twenty of source code, so the search crawls.
 * Here each needle is searched from its rarest character instead (`k-` for `sk-`, `2st` for `c2st`)
 * and the skipped head is compared at each hit: the same answers, a `memchr` that rarely stops.
 */

/**
 * Printable ASCII from rarest to most common in source code (measured on node_modules + generated
 * files); characters not listed (controls, non-ASCII) count as rare.
 */
const BY_FREQUENCY =
  '!%&>?@\\^|~QWRUGMZDHLVF9425687"3#*<wCXJTYz1K0x$[]qjBNbSg+EIO_`vPA=:{k}-y/(),f\';mhup.dclnosairte ';

const RANK = new Uint8Array(128);
for (let i = 0; i < BY_FREQUENCY.length; i++) RANK[BY_FREQUENCY.charCodeAt(i)] = i + 1;

function rank(code: number): number {
  return code < 128 ? RANK[code]! : 0;
}

/** A needle and the tail of it (from its rarest character) that the search actually looks for. */
export interface Needle {
  text: string;
  /** Offset of the searched tail inside `text`. */
  skip: number;
  tail: string;
}

export function planNeedle(text: string): Needle {
  if (text.length < 2) return { text, skip: 0, tail: text };
  // Keep at least two characters in the tail: one-character searches stop at every hit.
  let skip = 0;
  for (let j = 1; j < text.length - 1; j++)
    if (rank(text.charCodeAt(j)) < rank(text.charCodeAt(skip))) skip = j;
  return { text, skip, tail: text.slice(skip) };
}

type Haystack = Buffer | string;

function headMatches(hay: Haystack, at: number, n: Needle): boolean {
  if (at < 0) return false;
  if (typeof hay === 'string') return hay.startsWith(n.text, at);
  for (let i = 0; i < n.skip; i++) if (hay[at + i] !== n.text.charCodeAt(i)) return false;
  return true;
}

/** Position of the first occurrence of `n.text` in `hay` at or after `from`, or -1. */
export function findNeedle(hay: Haystack, n: Needle, from = 0): number {
  for (let i = hay.indexOf(n.tail, from + n.skip); i !== -1; i = hay.indexOf(n.tail, i + 1)) {
    if (headMatches(hay, i - n.skip, n)) return i - n.skip;
  }
  return -1;
}
