import { hasPlaceholderText } from '../../src/scan/placeholder.js';
import { KeyGen } from '../helpers/keygen.js';

const gen = new KeyGen(41);

describe('placeholder words in a key body', () => {
  it.each([
    ['xxxx at the start', `xxxx${gen.lower(44)}`],
    ['xxxx at the end', `${gen.lower(44)}xxxx`],
    ['your at the start of a segment', 'proj-your-key-goes-here'],
    ['YOUR at the start', `YOUR${gen.alnum(40)}`],
    ['a longer word anywhere', `${gen.lower(20)}example${gen.lower(20)}`],
    ['a long word in capitals anywhere', `${gen.alnum(10)}PLACEHOLDER${gen.alnum(10)}`],
  ])('marks %s as a placeholder', (_name, body) => {
    expect(hasPlaceholderText(body)).toBe(true);
  });

  it.each([
    [
      'xxxx in the middle of random lowercase letters (a SiliconFlow body)',
      `${gen.lower(20)}xxxx${gen.lower(24)}`,
    ],
    ['your in the middle of random letters', `${gen.alnum(20)}your${gen.alnum(20)}`],
    ['mixed-case yOuR anywhere', `yOuR${gen.alnum(40)}`],
  ])('does not mark %s as a placeholder', (_name, body) => {
    expect(hasPlaceholderText(body)).toBe(false);
  });
});
