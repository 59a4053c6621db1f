/**
 * Custom rules run on RE2 (the re2js port): an automaton, not a backtracking engine, so the time a
 * rule takes grows linearly with the text whatever the pattern (`(a+)+$`, `(a|aa)*b`, `(.*a){20}`).
 * Built-in rules stay on native RegExp: they are written here, bounded, and much faster there.
 *
 * The source is the JavaScript syntax users know; what RE2 cannot do in linear time (back-references,
 * look-ahead) is refused with a reason. Look-behind without captures is supported.
 */
import { RE2JS } from 're2js';

/** A pattern RE2 refuses, with a reason a user can act on (callers name the rule and line). */
export class LinearRegexError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'LinearRegexError';
  }
}

const LOOK_AHEAD =
  'uses a look-ahead ("(?=" or "(?!"), which custom rules do not support (they run on a linear-time engine): end the key with \\b or a character class instead';
const BACK_REFERENCE =
  'uses a back-reference ("\\1" or "\\k<name>"), which custom rules do not support (they run on a linear-time engine)';

/** The reason a construct with no linear-time equivalent is refused, or undefined. */
function unsupported(source: string): string | undefined {
  // Escapes are read pairwise, left to right: `\\1` is a backslash and "1", not a back-reference.
  for (const [, escaped] of source.matchAll(/\\(.)/gs)) if (/[1-9k]/.test(escaped!)) return BACK_REFERENCE;
  if (/\(\?[=!]/.test(structureOf(source))) return LOOK_AHEAD;
  return undefined;
}

/**
 * JavaScript escapes RE2 spells differently: `\uXXXX` and `\u{X}` are `\x{X}` there. Escapes are
 * walked pairwise so `\\u0041` (a backslash, then "u0041") stays as it is.
 */
function toRe2Syntax(source: string): string {
  return source.replace(/\\(u\{([0-9A-Fa-f]+)\}|u([0-9A-Fa-f]{4})|.)/gs, (all, _e, braced, plain) =>
    braced || plain ? `\\x{${braced ?? plain}}` : all,
  );
}

/** Removes escapes and character classes, so a check for `(?=` does not fire on `\(?=` or `[(?=]`. */
function structureOf(source: string): string {
  return source.replace(/\\./gs, '__').replace(/\[(?:\\.|[^\]\\])*\]/gs, '__');
}

export class LinearRegex {
  readonly #pattern: RE2JS;
  /** The named group `key` holds the key, when the pattern has one. */
  readonly hasKeyGroup: boolean;

  private constructor(pattern: RE2JS) {
    this.#pattern = pattern;
    this.hasKeyGroup = 'key' in (pattern.namedGroups() as Record<string, number>);
  }

  /** Compiles a JavaScript-syntax source, or throws a LinearRegexError saying what RE2 refuses. */
  static compile(source: string): LinearRegex {
    const reason = unsupported(source);
    if (reason) throw new LinearRegexError(reason);
    try {
      return new LinearRegex(RE2JS.compile(toRe2Syntax(source), RE2JS.LOOKBEHINDS));
    } catch (err) {
      const reason = (err as Error).message.replace(/^error parsing regexp: /, '');
      throw new LinearRegexError(`is not a valid regular expression: ${reason}`);
    }
  }

  /** True when the whole of the empty string matches: such a rule would match every line. */
  matchesEmpty(): boolean {
    return this.#pattern.matches('');
  }

  /**
   * The [start, end) of each successive match's key (`group`: 0 = the whole match, a number or `'key'`),
   * in UTF-16 code units like String indices. A match whose group did not take part is skipped.
   */
  *keySpans(text: string, group: number | 'key' = this.hasKeyGroup ? 'key' : 0): Generator<[number, number]> {
    // Most texts hold no match: RE2's DFA says so several times faster than a capturing search.
    if (!this.#pattern.test(text)) return;
    const m = this.#pattern.matcher(text);
    while (m.find()) {
      const start = m.start(group);
      if (start < 0) continue;
      yield [start, m.end(group)];
    }
  }
}
