import type { Rule } from '../rules/types.js';
import { LinearRegex } from './linear-regex.js';

/** A custom rule's `regex`: never run (the detector matches with `linear`), and matches nothing. */
const NEVER = /(?!)/g;

/** A user rule from `.keyguard.yml`: plain data, so it can be sent to worker threads. */
export interface CustomRuleSpec {
  id: string;
  /**
   * Regex source in JavaScript syntax, run on a linear-time engine (RE2: no look-ahead, no
   * back-references). The key is the named group `key` if present, else the whole match.
   */
  regex: string;
  /** Substrings (case-insensitive) that must appear in a text for the rule to run. Strongly advised. */
  keywords?: string[];
  /** Minimum Shannon entropy (bits per character) of the key. */
  entropy?: number;
  description?: string;
  provider?: string;
}

const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/**
 * For regexes run on native RegExp (allowlist regexes; custom rules run on RE2 and need no such check).
 * Rejects patterns that can backtrack exponentially: a repeated group that itself contains a
 * repetition, like `(a+)+`, `(\w*)*` or `(?:x+y?){2,}`. A small scanner of the source is enough:
 * it tracks groups, skips escapes and character classes, and notes quantifiers. (Overlapping
 * alternatives under a repetition, `(a|a)*`, are not detected.)
 */
export function findNestedQuantifier(source: string): string | undefined {
  /** `repeats`: the group holds a variable repetition. */
  const stack: { start: number; repeats: boolean }[] = [];
  let i = 0;
  // `repeats`: may match its atom more than once; `variable`: and how many times is open (`+`, `{2,5}`),
  // which is what makes a repetition around it ambiguous. A fixed count (`{4}`) is not.
  const quantifierAt = (j: number): { repeats: boolean; variable: boolean; length: number } | undefined => {
    const c = source[j];
    if (c === '*' || c === '+') return { repeats: true, variable: true, length: 1 };
    if (c === '?') return { repeats: false, variable: false, length: 1 };
    if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(j));
      if (!m) return undefined;
      const min = Number(m[1]);
      const max = m[2] === undefined ? min : m[3] === '' ? Number.POSITIVE_INFINITY : Number(m[3]);
      return { repeats: max > 1, variable: max > 1 && max !== min, length: m[0].length };
    }
    return undefined;
  };
  while (i < source.length) {
    const c = source[i];
    if (c === '\\') {
      i += 2;
      continue;
    }
    if (c === '[') {
      i++;
      while (i < source.length && source[i] !== ']') i += source[i] === '\\' ? 2 : 1;
      i++;
      continue;
    }
    if (c === '(') {
      stack.push({ start: i, repeats: false });
      i++;
      continue;
    }
    if (c === ')') {
      const group = stack.pop();
      i++;
      const q = quantifierAt(i);
      if (group && q?.repeats && group.repeats) return source.slice(group.start, i + q.length);
      const parent = stack[stack.length - 1];
      if (parent && (group?.repeats || q?.variable)) parent.repeats = true;
      continue;
    }
    const q = quantifierAt(i);
    if (q) {
      const top = stack[stack.length - 1];
      if (top && q.variable) top.repeats = true;
      i += q.length;
      continue;
    }
    i++;
  }
  return undefined;
}

/** Turns a user rule into a `Rule`, or throws an Error that names the rule and says what is wrong. */
export function compileCustomRule(spec: CustomRuleSpec): Rule {
  const id = spec?.id;
  if (typeof id !== 'string' || !ID.test(id)) {
    throw new Error(
      `custom rule id ${JSON.stringify(id)} is invalid: expected letters, digits, '.', '_' or '-' (at most 64)`,
    );
  }
  if (typeof spec.regex !== 'string' || spec.regex.length === 0) {
    throw new Error(`custom rule "${id}": regex must be a non-empty string`);
  }
  let linear: LinearRegex;
  try {
    linear = LinearRegex.compile(spec.regex);
  } catch (e) {
    throw new Error(`custom rule "${id}": regex ${(e as Error).message}`);
  }
  if (linear.matchesEmpty()) {
    throw new Error(`custom rule "${id}": regex matches the empty string`);
  }
  if (spec.entropy !== undefined && (typeof spec.entropy !== 'number' || !(spec.entropy >= 0))) {
    throw new Error(`custom rule "${id}": entropy must be a number of bits per character, e.g. 3.5`);
  }
  const keywords = spec.keywords ?? [];
  if (!Array.isArray(keywords) || keywords.some((k) => typeof k !== 'string' || k.length === 0)) {
    throw new Error(`custom rule "${id}": keywords must be a list of non-empty strings`);
  }
  const provider = spec.provider ?? 'custom';
  return {
    id,
    provider,
    candidates: spec.provider ? [spec.provider] : [],
    description: spec.description ?? `Custom rule ${id}`,
    keywords: keywords.map((k) => k.toLowerCase()),
    regex: NEVER,
    linear,
    group: linear.hasKeyGroup ? 'key' : 0,
    entropyFloor: spec.entropy,
    prefixLength: 0,
    custom: true,
    sample: () => {
      throw new Error(`custom rule "${id}" has no sample generator`);
    },
  };
}
