import { builtinRules } from '../../src/rules/index.js';
import {
  BASE64_SEEDS,
  base64Markers,
  hasMarkedRun,
  MarkerTable,
  someLongRun,
} from '../../src/scan/base64.js';
import { Detector } from '../../src/scan/detector.js';
import { AnchorSet, findNeedle, planNeedle } from '../../src/scan/needles.js';
import { StreamSearch } from '../../src/sources/searcher.js';
import { KeyGen, seededRandom } from '../helpers/keygen.js';

describe('needle search from the rarest character', () => {
  it.each([
    ['sk-', 'k-'],
    ['sk_', 'k_'],
    ['pplx-', 'x-'],
    ['c2st', '2st'],
  ])('searches %s by its tail %s', (text, tail) => {
    expect(planNeedle(text).tail).toBe(tail);
  });

  it.each([
    ['a string', (s: string) => s],
    ['a Buffer', (s: string) => Buffer.from(s)],
  ])('finds every occurrence that indexOf finds, in %s', (_kind, wrap) => {
    const random = seededRandom(4);
    const alphabet = 'sk-_kxa ';
    for (let t = 0; t < 200; t++) {
      let s = '';
      for (let i = 0; i < 60; i++) s += alphabet[Math.floor(random() * alphabet.length)];
      for (const n of ['sk-', 'sk_', 'kx', 'xa']) {
        const expected: number[] = [];
        for (let i = s.indexOf(n); i !== -1; i = s.indexOf(n, i + 1)) expected.push(i);
        const got: number[] = [];
        const hay = wrap(s);
        const needle = planNeedle(n);
        for (let i = findNeedle(hay, needle); i !== -1; i = findNeedle(hay, needle, i + 1)) got.push(i);
        expect(got).toEqual(expected);
      }
    }
  });
});

describe('anchor sets', () => {
  it('serves every built-in prefix family with two anchor characters', () => {
    expect(new AnchorSet(['sk-', 'sk_', 'rk_', 'gsk_', 'xai-', 'pplx-', '.dockerc']).anchors).toEqual([
      'k',
      'x',
    ]);
  });

  it('reports every needle occurrence with its index', () => {
    const set = new AnchorSet(['sk-', 'xai-', 'rk_']);
    const seen: [number, number][] = [];
    set.some('a sk- b xai- c rk_ d sk-', (index, at) => {
      seen.push([index, at]);
      return false;
    });
    expect(seen.sort((a, b) => a[1] - b[1])).toEqual([
      [0, 2],
      [1, 8],
      [2, 15],
      [0, 21],
    ]);
  });
});

describe('long base64 runs by sampling', () => {
  it('visits every run of 32 or more base64 characters and no shorter one', () => {
    const random = seededRandom(9);
    for (let t = 0; t < 300; t++) {
      let s = '';
      const expected: [number, number][] = [];
      while (s.length < 400) {
        const len = 1 + Math.floor(random() * 60);
        if (len >= 32) expected.push([s.length, s.length + len]);
        s += 'Q'.repeat(len);
        s += ' :.'[Math.floor(random() * 3)];
      }
      const got: [number, number][] = [];
      someLongRun(s, (start, end) => {
        got.push([start, end]);
        return false;
      });
      expect(got).toEqual(expected);
    }
  });
});

describe('base64 runs in a string and in its bytes', () => {
  it('visits the same runs and sees the same markers in a Buffer as in the string', () => {
    const random = seededRandom(17);
    const table = new MarkerTable(BASE64_SEEDS.flatMap(base64Markers));
    const pieces = [
      'c2st',
      'NrL',
      'zay',
      'QUFB',
      '\n',
      '\n  ',
      ' ',
      ':',
      'x'.repeat(60),
      'A'.repeat(64),
      '-_',
    ];
    for (let t = 0; t < 300; t++) {
      let s = '';
      while (s.length < 300) s += pieces[Math.floor(random() * pieces.length)];
      const runs = (h: Buffer | string) => {
        const got: [number, number, boolean, boolean][] = [];
        someLongRun(h, (start, end, wrapped) => {
          got.push([start, end, wrapped, table.within(h, start, end)]);
          return false;
        });
        return got;
      };
      expect(runs(Buffer.from(s))).toEqual(runs(s));
      expect(hasMarkedRun(Buffer.from(s), table)).toBe(hasMarkedRun(s, table));
    }
  });
});

describe('mightMatch is exact: never false when scan finds a key', () => {
  const detector = new Detector();
  const gen = new KeyGen(31);
  const rules = builtinRules();
  const wrappers = [
    (k: string) => `KEY=${k}\n`,
    (k: string) => `data:\n  KEY: ${Buffer.from(k).toString('base64')}\n`,
    (k: string) => `x: ${Buffer.from(`##${k}`).toString('base64')}`,
    (k: string) => `env: ${Buffer.from(`A=1\nKEY=${k}\n`).toString('base64')}\n`,
    (k: string) => `{\\x22k\\x22:\\x22${k}\\x22}`,
    (k: string) =>
      `outer: ${Buffer.from(`inner: ${Buffer.from(`##${k}`).toString('base64')}\n`).toString('base64')}`,
    (k: string) =>
      `LITELLM: |\n  ${Buffer.from(`${'#'.repeat(70)}\n${k}\n`)
        .toString('base64')
        .replace(/.{76}/g, '$&\n  ')}\n`,
  ];
  const cases = rules.flatMap((rule, r) =>
    wrappers.map((wrap, w) => ({ id: rule.id, rule, wrap, seed: 100 * r + w })),
  );
  it.each(cases)('$id in wrapper $seed', ({ rule, wrap, seed }) => {
    const text = `litellm proxy\n${gen.alnum(seed % 50)} ${wrap(rule.sample(seededRandom(seed)))}`;
    if (detector.scan(text).length > 0) {
      expect(detector.mightMatch(Buffer.from(text))).toBe(true);
      expect(detector.mightMatch(text)).toBe(true);
    }
  });

  it('is false for a long name whose base64 marker decodes to no key', () => {
    const code =
      'function parseImportMetaPropertyOrPhaseCall(node) { return callParseClassMemberWithIsStatic(node); }\n';
    const table = new MarkerTable(BASE64_SEEDS.flatMap(base64Markers));
    expect(hasMarkedRun(Buffer.from(code), table)).toBe(true);
    expect(detector.mightMatch(Buffer.from(code.repeat(50)))).toBe(false);
    expect(detector.mightMatch(code.repeat(50))).toBe(false);
  });

  it('is false for ordinary code that merely contains sk- and base64-looking names', () => {
    const code =
      'const task-queue = disk_usage; // sk-learn\nimport "./some/long/path/to/a/module/file_name.js";\n';
    expect(detector.mightMatch(Buffer.from(code.repeat(50)))).toBe(false);
  });
});

describe('mightMatch is exact for keys glued to the characters before them', () => {
  const detector = new Detector();
  // Token characters (hex and not), the n/t/r of escapes, escape openers, length bytes, controls, UTF-8.
  const before = [
    'a',
    'm',
    'G',
    'Z',
    'z',
    'n',
    't',
    'r',
    '\\',
    '%',
    'x',
    'u',
    '4',
    '_',
    '-',
    ' ',
    '\n',
    '\x01',
    'é',
  ];
  const heads = [
    ...before.flatMap((b) => before.map((c) => b + c)),
    ...['\\x4', '%4', '\\u004', 'x4', '\\n', 'zN', 'ZN', '\nN'],
  ];
  const cases = builtinRules().map((rule, r) => ({ id: rule.id, rule, seed: 700 + r }));
  it.each(cases)('$id after every pair of characters, as text and inside binary data', ({ rule, seed }) => {
    const key = rule.sample(seededRandom(seed));
    // A serializer's length byte equal to the key's length (a `.pyc` string), after each allowed byte.
    const len = key.length <= 0x7e ? String.fromCharCode(key.length) : '';
    const lengthHeads = len ? ['Z', 'z', '\n', '\x01', 'a'].map((b) => b + len) : [];
    for (const head of [...heads, ...lengthHeads]) {
      for (const tail of ['\n', '\x00\x02rest']) {
        const buf = Buffer.from(`x=${head}${key}${tail}`, 'utf8');
        // What the searcher finds with the pre-filter bypassed (binary data when `tail` has a NUL).
        const s = new StreamSearch(detector);
        s.pushLast(buf, true);
        if (s.keys.length > 0) expect([head, detector.mightMatch(buf)]).toEqual([head, true]);
      }
      const text = `x=${head}${key}\n`;
      if (detector.scan(text).length > 0) expect([head, detector.mightMatch(text)]).toEqual([head, true]);
    }
  });

  it('skips keywords glued inside words, as in mask-image or Asterisk_Slash', () => {
    // Joined at run time: the repository's key-literal check greps for `sk-` + 32 token characters.
    const code = `${['mask', 'imageWithALongEnoughTokenAfterIt0123456789'].join('-')} Asterisk_Slash_expected_and_more_words_here\n`;
    expect(detector.mightMatch(Buffer.from(code.repeat(20)))).toBe(false);
  });
});

describe('anchor sets at the edges of a text', () => {
  it.each([
    ['a string', (s: string) => s],
    ['a Buffer', (s: string) => Buffer.from(s)],
  ])('finds a needle that ends the text at its anchor, in %s', (_kind, wrap) => {
    const set = new AnchorSet(['qz', 'sk-']);
    expect(set.some(wrap('..qz'), (index) => index === 0)).toBe(true);
    expect(set.some(wrap('..sk'), () => true)).toBe(false);
  });
});
