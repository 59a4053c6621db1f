import { checkRegex } from '../../src/config/regex-safety.js';

describe('checkRegex', () => {
  it.each([
    ['(a+)+', 'unsafe'],
    ['(a*)*', 'unsafe'],
    ['(a|a)*', 'unsafe'],
    ['(?:a|ab)+c', 'unsafe'],
    ['(?:x+y?){2,}', 'unsafe'],
    ['((ab)+c)*d', 'unsafe'],
    ['(?<key>\\w+)+z', 'unsafe'],
    ['(', 'invalid'],
    ['(?i)sk-[a-z]{8}', 'invalid'],
    ['a?', 'empty'],
    ['(?:)', 'empty'],
  ])('flags %s as %s', (src, kind) => {
    expect(checkRegex(src)?.kind).toBe(kind);
  });

  it.each([
    'sk-[A-Za-z0-9]{48}',
    '\\(a+\\)+',
    '[()+*]+x',
    '(?:ab|cd|ef)+g',
    '(?<=key=)[a-z0-9]{20,}',
    '(?<key>sk-[a-f0-9]{32})',
    '(a|b)?c',
  ])('accepts %s', (src) => {
    expect(checkRegex(src)).toBeUndefined();
  });

  it('hints that inline flags are not supported', () => {
    expect(checkRegex('(?i)abc')?.message).toMatch(/inline flags like \(\?i\) are not supported/);
  });
});
