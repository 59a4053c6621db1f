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

/** How common a character is in source code: 1 for the rarest listed, 0 for unlisted (rare). */
export function rank(code: number): number {
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

function headMatches(hay: Buffer, at: number, n: Needle): boolean {
  if (at < 0) return false;
  for (let i = 0; i < n.skip; i++) if (hay[at + i] !== n.text.charCodeAt(i)) return false;
  return true;
}

/** Position of the first occurrence of `n.text` in `hay` at or after `from`, or -1. */
export function findNeedle(hay: Haystack, n: Needle, from = 0): number {
  if (typeof hay === 'string') return findInText(hay, n, from);
  for (let i = hay.indexOf(n.tail, from + n.skip); i !== -1; i = hay.indexOf(n.tail, i + 1)) {
    if (headMatches(hay, i - n.skip, n)) return i - n.skip;
  }
  return -1;
}

/**
 * The string form, kept apart so each loop sees one type. The head (`n.skip` characters, usually one)
 * is compared by character codes: where hits are dense (a line of `sk-sk-sk-…`) a `startsWith` call per
 * hit cost more than the search itself.
 */
function findInText(hay: string, n: Needle, from: number): number {
  const { skip, tail, text } = n;
  for (let i = hay.indexOf(tail, from + skip); i !== -1; i = hay.indexOf(tail, i + 1)) {
    const at = i - skip;
    if (at < 0) continue;
    let k = 0;
    while (k < skip && hay.charCodeAt(at + k) === text.charCodeAt(k)) k++;
    if (k === skip) return at;
  }
  return -1;
}

/**
 * Several needles found through a few shared anchor bytes: `k` serves `sk-`, `sk_`, `rk_`, `gsk_` and
 * `.dockerc`, `x` serves `xai-` and `pplx-`. One `memchr` pass per anchor (not per needle) walks every
 * hit of the anchor and compares the needles around it, so adding a prefix family costs no extra pass
 * when it shares a letter with another.
 */
export class AnchorSet {
  readonly #anchors: {
    code: number;
    needles: { text: string; at: number; index: number }[];
    /** Bytes that may follow the anchor in one of its needles (most hits fail this one lookup). */
    follow: Uint8Array;
  }[] = [];

  constructor(needles: readonly string[]) {
    const left = needles.map((text, index) => ({ text, index })).filter((n) => n.text.length > 0);
    while (left.length > 0) {
      // Greedy cover: the character in most remaining needles, the rarer one on a tie.
      const count = new Map<number, number>();
      for (const n of left)
        for (const c of new Set(n.text)) count.set(c.charCodeAt(0), (count.get(c.charCodeAt(0)) ?? 0) + 1);
      let best = -1;
      for (const [c, k] of count) {
        const b = count.get(best) ?? 0;
        if (k > b || (k === b && rank(c) < rank(best))) best = c;
      }
      const group = {
        code: best,
        needles: [] as { text: string; at: number; index: number }[],
        follow: new Uint8Array(256),
      };
      for (let i = left.length - 1; i >= 0; i--) {
        const n = left[i]!;
        const at = n.text.indexOf(String.fromCharCode(best));
        if (at === -1) continue;
        group.needles.push({ text: n.text, at, index: n.index });
        if (at + 1 < n.text.length) group.follow[n.text.charCodeAt(at + 1) & 0xff] = 1;
        else group.follow.fill(1);
        left.splice(i, 1);
      }
      this.#anchors.push(group);
    }
  }

  /** The anchor characters, one search pass each. */
  get anchors(): string[] {
    return this.#anchors.map((a) => String.fromCharCode(a.code));
  }

  /**
   * Calls `hit(needleIndex, position)` for occurrences of the needles (grouped by anchor, not in text
   * order) until it returns true; returns whether it did.
   */
  some(hay: Buffer | string, hit: (index: number, position: number) => boolean): boolean {
    for (const a of this.#anchors) {
      const next =
        typeof hay === 'string'
          ? (from: number) => hay.indexOf(String.fromCharCode(a.code), from)
          : (from: number) => hay.indexOf(a.code, from);
      const follow = a.follow;
      for (let p = next(0); p !== -1; p = next(p + 1)) {
        const f = typeof hay === 'string' ? hay.charCodeAt(p + 1) : hay[p + 1];
        // Past the end only a needle that ends at its anchor can match (its `follow` is all ones).
        if (f === undefined || Number.isNaN(f) ? follow[0] === 0 : follow[f & 0xff] === 0) continue;
        for (const n of a.needles) {
          const start = p - n.at;
          if (start < 0 || start + n.text.length > hay.length) continue;
          const same =
            typeof hay === 'string' ? hay.startsWith(n.text, start) : bytesEqual(hay, start, n.text);
          if (same && hit(n.index, start)) return true;
        }
      }
    }
    return false;
  }
}

function bytesEqual(buf: Buffer, start: number, text: string): boolean {
  for (let i = 0; i < text.length; i++) if (buf[start + i] !== text.charCodeAt(i)) return false;
  return true;
}
