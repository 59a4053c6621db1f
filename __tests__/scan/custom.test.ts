import { compileCustomRule, Detector } from '../../src/scan/detector.js';
import { KeyGen } from '../helpers/keygen.js';

const gen = new KeyGen(31);
const acme = {
  id: 'acme-token',
  regex: 'acme_(?<key>[A-Za-z0-9]{32})\\b',
  keywords: ['ACME_'],
  provider: 'acme',
};

describe('custom rules', () => {
  it('reports the named group key of a custom rule with its provider', () => {
    const token = gen.alnum(32);
    const found = new Detector({ customRules: [acme] }).scan(`token: acme_${token}\n`);
    expect(found.map((f) => [f.ruleId, f.provider, f.key, f.column])).toEqual([
      ['acme-token', 'acme', token, 13],
    ]);
  });

  it('reports the whole match when the regex has no key group', () => {
    const token = `tok_${gen.alnum(24)}`;
    const found = new Detector({ customRules: [{ id: 'tok', regex: 'tok_[A-Za-z0-9]{24}' }] }).scan(
      ` ${token} `,
    );
    expect(found.map((f) => [f.key, f.provider, f.candidates])).toEqual([[token, 'custom', []]]);
  });

  it('runs only on texts containing a keyword, in any case', () => {
    const d = new Detector({ customRules: [{ ...acme, keywords: ['zzz-not-here'] }] });
    expect(d.scan(`acme_${gen.alnum(32)}`)).toEqual([]);
    expect(d.mightMatch('nothing here')).toBe(false);
    expect(new Detector({ customRules: [acme] }).mightMatch(Buffer.from('Acme_ something'))).toBe(true);
  });

  it('drops matches under the entropy floor', () => {
    const d = new Detector({ customRules: [{ ...acme, entropy: 3.5 }] });
    expect(d.scan(`acme_${'ab'.repeat(16)}`)).toEqual([]);
  });

  it('wins over the generic rule but not over a specific one', () => {
    const generic = `sk-${gen.alnum(40)}`;
    const broad = { id: 'broad', regex: 'sk-[A-Za-z0-9_-]{20,200}', keywords: ['sk-'] };
    const d = new Detector({ customRules: [broad] });
    expect(d.scan(generic).map((f) => f.ruleId)).toEqual(['broad']);
    expect(d.scan(gen.anthropic()).map((f) => f.ruleId)).toEqual(['anthropic-api-key']);
  });

  it('can be switched off by id', () => {
    expect(
      new Detector({ customRules: [acme], disabledRules: ['acme-token'] }).scan(`acme_${gen.alnum(32)}`),
    ).toEqual([]);
  });
});

describe('compileCustomRule', () => {
  it('throws a clear error for a regex that does not compile', () => {
    expect(() => compileCustomRule({ id: 'bad', regex: 'acme_([a-z' })).toThrow(
      /custom rule "bad": regex is not a valid regular expression/,
    );
  });

  // RE2 runs them in linear time: the shapes that backtrack on native RegExp are no longer refused.
  it.each(['(a+)+', '(\\w*)*b', '(?:x+y?){2,}', '((ab)*c)+', '([a-z]+-?)*x', '(a+){3}'])(
    'accepts the nested quantifier in %s',
    (regex) => {
      expect(() => compileCustomRule({ id: 'nested', regex })).not.toThrow();
    },
  );

  it.each([
    ['a look-ahead', 'acme_[a-z]{8}(?=\\s)', /custom rule "la": regex uses a look-ahead/],
    ['a negative look-ahead', 'acme_[a-z]{8}(?![a-z])', /custom rule "la": regex uses a look-ahead/],
    ['a back-reference', '(["\'])[a-z]{8}\\1', /custom rule "la": regex uses a back-reference/],
  ])('refuses %s, which has no linear-time equivalent', (_name, regex, expected) => {
    expect(() => compileCustomRule({ id: 'la', regex })).toThrow(expected);
  });

  it.each([
    '(?:ab){2}[0-9]+',
    'key_[a-z(+)]{10,}',
    '(foo|bar)_[A-Za-z0-9]{32}',
    '\\(a+\\)+',
    '(ab)?c+',
    '(?:[a-f0-9]{4}){8}',
  ])('accepts the linear pattern %s', (regex) => {
    expect(() => compileCustomRule({ id: 'ok', regex })).not.toThrow();
  });

  it('rejects a regex that matches the empty string', () => {
    expect(() => compileCustomRule({ id: 'empty', regex: '[a-z]*' })).toThrow(/matches the empty string/);
  });

  it('rejects an id that cannot be named in a config file', () => {
    expect(() => compileCustomRule({ id: 'has space', regex: 'x' })).toThrow(
      /custom rule id "has space" is invalid/,
    );
  });

  it('rejects a negative entropy', () => {
    expect(() => compileCustomRule({ id: 'e', regex: 'x', entropy: -1 })).toThrow(/entropy/);
  });
});

describe('rules passed in directly', () => {
  it('reads the key from a numbered capture group of a non-anchored rule', () => {
    const token = gen.alnum(32);
    const rule = { ...compileCustomRule({ id: 'grp', regex: 'grp=([A-Za-z0-9]{32})' }), group: 1 };
    const found = new Detector({ rules: [rule] }).scan(`x grp=${token}`);
    expect(found.map((f) => [f.key, f.column])).toEqual([[token, 7]]);
  });
});
