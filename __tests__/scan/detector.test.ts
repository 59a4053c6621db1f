import { Detector } from '../../src/scan/detector.js';
import { KeyGen } from '../helpers/keygen.js';

const gen = new KeyGen(41);
const detector = new Detector();

describe('Detector.scan positions', () => {
  it('counts lines from firstLine', () => {
    const found = detector.scan(`a\nb\nKEY=${gen.groq()}\n`, 100);
    expect(found.map((f) => [f.line, f.column])).toEqual([[102, 5]]);
  });

  it('counts columns after a CRLF line ending from the start of the line', () => {
    const found = detector.scan(`first\r\n  KEY=${gen.openrouter()}\r\n`);
    expect(found.map((f) => [f.line, f.column])).toEqual([[2, 7]]);
  });

  it('returns findings in text order across rules', () => {
    const keys = [gen.stripeLive(), gen.anthropic(), gen.xai(), gen.deepseek()];
    const found = detector.scan(keys.map((k, i) => `${'#\n'.repeat(i)}K=${k}`).join('\n'));
    expect(found.map((f) => f.key)).toEqual(keys);
  });
});

describe('inline allow comments', () => {
  it.each([
    '# keyguard:allow',
    '// keyguard:allow test fixture',
    '<!-- keyguard:allow -->',
    '/* keyguard:allow */',
  ])('marks a key on a line with %s as inlineAllowed', (comment) => {
    const found = detector.scan(`KEY="${gen.perplexity()}" ${comment}\n`);
    expect(found.map((f) => f.inlineAllowed)).toEqual([true]);
  });

  it('does not mark a key on the next line', () => {
    const found = detector.scan(
      `# keyguard:allow\nKEY=${gen.perplexity()}\nOTHER=${gen.groq()} # keyguard:allow\n`,
    );
    expect(found.map((f) => f.inlineAllowed)).toEqual([false, true]);
  });
});

describe('Detector options', () => {
  it('drops keys matching an allow regex', () => {
    const key = gen.deepseek();
    const d = new Detector({ allowRegexes: [`^${key.slice(0, 10)}`] });
    expect(d.scan(`K=${key}\nL=${gen.groq()}`).map((f) => f.ruleId)).toEqual(['groq-api-key']);
  });

  it('throws a clear error for an allow regex that does not compile', () => {
    expect(() => new Detector({ allowRegexes: ['(unclosed'] })).toThrow(
      /allow regex "\(unclosed" is invalid/,
    );
  });

  it('drops keys containing a stopword, in any case', () => {
    const key = `sk-${gen.alnum(20)}Fixture${gen.alnum(9)}9`;
    expect(new Detector({ stopwords: ['FIXTURE'] }).scan(`K=${key}`)).toEqual([]);
    expect(detector.scan(`K=${key}`).map((f) => f.key)).toEqual([key]);
  });

  it('switches off a built-in rule by id', () => {
    expect(new Detector({ disabledRules: ['groq-api-key'] }).scan(`K=${gen.groq()}`)).toEqual([]);
  });

  it('reports Stripe test keys only when stripe-test-key is enabled', () => {
    const key = ['sk', 'test', gen.alnum(24)].join('_');
    expect(detector.scan(`K=${key}`)).toEqual([]);
    expect(new Detector({ enableRules: ['stripe-test-key'] }).scan(`K=${key}`).map((f) => f.ruleId)).toEqual([
      'stripe-test-key',
    ]);
  });

  it('accepts options that survive structured cloning (worker threads)', () => {
    const opts = structuredClone({
      disabledRules: ['xai-api-key'],
      customRules: [{ id: 'acme', regex: 'acme_[a-z0-9]{20}', keywords: ['acme_'] }],
      allowRegexes: ['^nope$'],
      stopwords: ['example'],
      decodeBase64: true,
    });
    expect(new Detector(opts).rules.map((r) => r.id)).toContain('acme');
  });
});

describe('Detector.mightMatch', () => {
  it('says yes for a Buffer holding a key', () => {
    expect(detector.mightMatch(Buffer.from(`x=${gen.anthropic()}`))).toBe(true);
  });

  it('says yes for base64 of a key', () => {
    expect(detector.mightMatch(Buffer.from(Buffer.from(gen.deepseek()).toString('base64')))).toBe(true);
  });

  it('says no for ordinary code', () => {
    expect(detector.mightMatch(Buffer.from('export function add(a, b) {\n  return a + b;\n}\n'))).toBe(false);
    expect(detector.mightMatch('const task = queue.next();')).toBe(false);
  });

  it('never says no when scan finds something', () => {
    const texts = [gen.openaiLegacy(), gen.stripeRestricted(), Buffer.from(gen.groq()).toString('base64')];
    for (const t of texts) {
      expect(detector.scan(t).length).toBe(1);
      expect(detector.mightMatch(Buffer.from(t))).toBe(true);
    }
  });
});
