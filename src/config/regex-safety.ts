/**
 * Checks a user-supplied regular expression before it is run over every line of a repository:
 * it must compile, must not match the empty string, and must not backtrack catastrophically.
 *
 * The safety check is a conservative scan of the pattern, not a full analysis: it rejects a
 * repeated group that itself contains an unbounded quantifier (`(a+)+`, `(a*)*`, `(?:\w+\s?)*`)
 * and a repeated group whose alternatives can start with the same text (`(a|a)*`, `(a|ab)+`).
 * Both are the classic shapes of ReDoS; patterns without them run in linear time on V8 in practice.
 */

import { findNestedQuantifier as detectorNestedQuantifier } from '../scan/custom.js';

export type RegexProblem = { kind: 'invalid' | 'unsafe' | 'empty'; message: string };

interface Group {
  /** Some quantifier inside this group (at any depth) can repeat without bound. */
  hasUnbounded: boolean;
  /** Source text of each top-level alternative. */
  alternatives: string[];
  start: number;
}

/** Reads a quantifier at `i`; returns its length and whether its maximum is unbounded, or null. */
function readQuantifier(src: string, i: number): { len: number; unbounded: boolean } | null {
  const c = src[i];
  let len = 0;
  let unbounded = false;
  if (c === '*' || c === '+') {
    len = 1;
    unbounded = true;
  } else if (c === '?') {
    len = 1;
  } else if (c === '{') {
    const m = /^\{(\d+)(,(\d*))?\}/.exec(src.slice(i));
    if (!m) return null;
    len = m[0].length;
    unbounded = m[2] !== undefined && m[3] === '';
  } else {
    return null;
  }
  if (src[i + len] === '?') len++; // lazy: same backtracking behaviour
  return { len, unbounded };
}

/** The first atom of an alternative, normalised enough to compare two alternatives. */
function firstAtom(alt: string): string {
  const s = alt.replace(/^\((\?(:|=|!|<=|<!|<[A-Za-z_][A-Za-z0-9_]*>))?/, '');
  if (s.startsWith('\\')) return s.slice(0, 2);
  if (s.startsWith('[')) {
    const end = s.indexOf(']', 1);
    return end > 0 ? s.slice(0, end + 1) : s;
  }
  return s.slice(0, 1);
}

/** Atoms that match almost anything, so they overlap with any other alternative. */
const BROAD = new Set(['.', '\\w', '\\W', '\\s', '\\S', '\\d', '\\D']);

function alternativesOverlap(alts: string[]): boolean {
  if (alts.length < 2) return false;
  const firsts = alts.map(firstAtom);
  if (firsts.some((f) => f === '')) return true; // an empty alternative overlaps everything
  for (let a = 0; a < alts.length; a++) {
    for (let b = a + 1; b < alts.length; b++) {
      if (alts[a] === alts[b] || firsts[a] === firsts[b]) return true;
      if (BROAD.has(firsts[a]) || BROAD.has(firsts[b])) return true;
      if (firsts[a].startsWith('[^') || firsts[b].startsWith('[^')) return true;
    }
  }
  return false;
}

/** Names the unsafe construct (`a nested quantifier ("(a+)+")`), or undefined. Assumes the pattern compiles. */
export function findNestedQuantifier(src: string): string | undefined {
  const stack: Group[] = [{ hasUnbounded: false, alternatives: [], start: 0 }];
  const altStart: number[] = [0];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (c === '\\') {
      i += 2;
      continue;
    }
    if (c === '[') {
      i++;
      if (src[i] === '^') i++;
      while (i < src.length && src[i] !== ']') i += src[i] === '\\' ? 2 : 1;
      i++;
      continue;
    }
    if (c === '(') {
      stack.push({ hasUnbounded: false, alternatives: [], start: i });
      const prefix = /^\((\?(:|=|!|<=|<!|<[A-Za-z_][A-Za-z0-9_]*>))?/.exec(src.slice(i))![0];
      i += prefix.length;
      altStart.push(i);
      continue;
    }
    if (c === '|') {
      const g = stack[stack.length - 1];
      g.alternatives.push(src.slice(altStart[altStart.length - 1], i));
      altStart[altStart.length - 1] = i + 1;
      i++;
      continue;
    }
    if (c === ')') {
      const g = stack.pop()!;
      g.alternatives.push(src.slice(altStart.pop()!, i));
      i++;
      const q = readQuantifier(src, i);
      if (q) {
        const shown = JSON.stringify(src.slice(g.start, i + q.len));
        if (q.unbounded && g.hasUnbounded) return `a nested quantifier (${shown})`;
        if (q.unbounded && alternativesOverlap(g.alternatives)) {
          return `a repeated group whose alternatives can match the same text (${shown})`;
        }
        if (q.unbounded) g.hasUnbounded = true;
        i += q.len;
      }
      const parent = stack[stack.length - 1];
      if (g.hasUnbounded) parent.hasUnbounded = true;
      continue;
    }
    const q = readQuantifier(src, i);
    if (q) {
      if (q.unbounded) stack[stack.length - 1].hasUnbounded = true;
      i += q.len;
      continue;
    }
    i++;
  }
  return undefined;
}

/** Compiles and checks a pattern; returns the first problem found, or undefined when it is fine. */
export function checkRegex(src: string, flags = ''): RegexProblem | undefined {
  let re: RegExp;
  try {
    re = new RegExp(src, flags);
  } catch (err) {
    const reason = (err as Error).message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, '');
    const hint = /^\(\?[a-z]+\)/.test(src)
      ? ' (inline flags like (?i) are not supported: use [Aa] classes)'
      : '';
    return { kind: 'invalid', message: `is not a valid regular expression: ${reason}${hint}` };
  }
  // The detector's own check also counts bounded repeats (`(?:x{3})+`): run it too, so a rule that
  // loads here never fails later when the detector compiles it.
  const detectorHit = detectorNestedQuantifier(src);
  const unsafe =
    findNestedQuantifier(src) ??
    (detectorHit ? `a nested quantifier (${JSON.stringify(detectorHit)})` : undefined);
  if (unsafe) {
    return {
      kind: 'unsafe',
      message: `has ${unsafe}; it can take exponential time on some inputs: rewrite it so no repeated group repeats again or overlaps itself (e.g. "a+" instead of "(a+)+")`,
    };
  }
  if (re.test(''))
    return { kind: 'empty', message: 'matches the empty string, so it would match every line' };
  return undefined;
}
