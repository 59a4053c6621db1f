/** Custom rules on RE2: JavaScript syntax in, linear-time matching, clear refusals. */
import { Detector } from '../../src/scan/detector.js';
import { LinearRegex, LinearRegexError } from '../../src/scan/linear-regex.js';
import { KeyGen } from '../helpers/keygen.js';

const gen = new KeyGen(909);
const spans = (source: string, text: string) => [...LinearRegex.compile(source).keySpans(text)];

describe('LinearRegex', () => {
  it('gives the span of the named group key', () => {
    expect(spans('acme_(?<key>[a-z]{4})!', 'x acme_abcd! acme_efgh!')).toEqual([
      [7, 11],
      [18, 22],
    ]);
  });

  it('gives spans in UTF-16 code units, like String indices', () => {
    const text = 'é😀 tok_abcd';
    const [[start, end]] = spans('tok_[a-z]{4}', text) as [[number, number]];
    expect(text.slice(start, end)).toBe('tok_abcd');
  });

  it('reads JavaScript \\u escapes', () => {
    expect(spans('\\u0041\\u{42}', 'xAB')).toEqual([[1, 3]]);
  });

  it('keeps an escaped backslash before "u" literal', () => {
    expect(spans('\\\\u0041', 'a\\u0041')).toEqual([[1, 7]]);
  });

  it('supports a look-behind for a token boundary', () => {
    expect(spans('(?<![A-Za-z0-9])acme_[a-z]{3}', 'xacme_abc acme_def')).toEqual([[10, 18]]);
  });

  it('supports inline flags such as (?i)', () => {
    expect(spans('(?i)acme_[a-z]{3}', 'ACME_ABC')).toEqual([[0, 8]]);
  });

  it.each([
    ['a look-ahead', 'a(?=b)', /look-ahead/],
    ['a negative look-ahead', 'a(?!b)', /look-ahead/],
    ['a numbered back-reference', '(a)\\1', /back-reference/],
    ['a named back-reference', '(?<q>a)\\k<q>', /back-reference/],
    ['an unclosed class', 'acme_[a-z', /is not a valid regular expression: missing closing \]/],
  ])('refuses %s with a reason', (_name, source, reason) => {
    expect(() => LinearRegex.compile(source)).toThrow(LinearRegexError);
    expect(() => LinearRegex.compile(source)).toThrow(reason);
  });

  it.each([
    ['an escaped parenthesis before ?=', 'a\\(?=b'],
    ['?= inside a character class', 'a[(?=]b'],
    ['an escaped backslash before 1', 'a\\\\1'],
  ])('accepts %s (no look-ahead or back-reference there)', (_name, source) => {
    expect(() => LinearRegex.compile(source)).not.toThrow();
  });
});

/**
 * Patterns that backtrack exponentially or polynomially on native RegExp, over 1 MB lines built to
 * trigger them: on RE2 each finishes with the right answer (the times are in bench/custom-rules.mjs).
 */
describe('adversarial custom rules on long lines', () => {
  const MB = 1024 * 1024;
  const cases: [string, string, string, number][] = [
    ['(a+)+$ against a run of a and one b', '(a+)+$', `${'a'.repeat(MB)}b`, 0],
    ['(a|aa)*b against a run of a', '(a|aa)*b', 'a'.repeat(MB), 0],
    ['(\\w+\\s?)*$ against words and a final !', ':(\\w+\\s?)*$', `:${'ab '.repeat(MB / 3)}!`, 0],
    // The costliest for RE2 (about 20 NFA states per character): a quarter of the line keeps the suite
    // light on a shared machine; bench/custom-rules.mjs times it on the full 1 MB.
    ['(.*a){20} against a run of a', 'k(.*a){20}', `k${'a'.repeat(MB / 4)}`, 1],
    ['the overlapping alternation (a|a?)+$', 'k(a|a?)+$', `k${'a'.repeat(MB)}!`, 0],
    ['the overlapping alternation (\\d+|\\d+x)*y', '(\\d+|\\d+x)*y', '1'.repeat(MB), 0],
  ];
  it.each(cases)(
    'runs %s to the end and finds what it should',
    (_name, regex, text, expected) => {
      expect(spans(regex, text).length).toBe(expected);
    },
    60_000,
  );

  it('scans such a line through the detector, keyword pre-filter included', () => {
    const d = new Detector({ customRules: [{ id: 'adv', regex: '(a+)+$', keywords: ['a'] }] });
    expect(d.scan(`${'a'.repeat(MB)}b`)).toEqual([]);
  }, 60_000);
});

describe('custom rules through the detector', () => {
  it('still reports a key found by a pattern native RegExp would backtrack on', () => {
    const token = gen.alnum(32);
    const d = new Detector({
      customRules: [{ id: 'acme', regex: '(?:acme_)+(?<key>[A-Za-z0-9]{32})', keywords: ['acme_'] }],
    });
    expect(d.scan(`KEY=acme_acme_${token}\n`).map((f) => f.key)).toEqual([token]);
  });
});
