import { builtinRules } from '../../src/rules/index.js';
import { Detector } from '../../src/scan/detector.js';
import { seededRandom } from '../helpers/keygen.js';

const detector = new Detector();
const samples = builtinRules()
  // Rules that need context beside the key (LiteLLM's proxy, an AWS secret) are tested with it elsewhere.
  .filter((r) => !r.requiresContext && !r.nearby)
  .map((r, i) => ({ id: r.id, key: r.sample(seededRandom(300 + i)) }));

const keysIn = (text: string) => detector.scan(text).map((f) => f.key);

describe('key boundaries', () => {
  it.each(samples)('does not report $id glued to the end of a longer token', ({ key }) => {
    expect(keysIn(`token=Zq9${key}\n`)).not.toContain(key);
  });

  it.each(samples)('does not report $id when the token goes on after it', ({ key }) => {
    expect(keysIn(`token=${key}Zq9\n`)).not.toContain(key);
  });

  const after = ['"', "'", ',', ';', ')', '\n', '\\n', '\r\n', ' ', '`', '&', '<', '}', ']'];
  it.each(after.flatMap((end) => samples.map((s) => ({ ...s, end, shown: JSON.stringify(end) }))))(
    'reports $id followed by $shown',
    ({ key, end }) => {
      expect(keysIn(`x = (${key}${end}`)).toEqual([key]);
    },
  );

  const before = ['"', "'", '=', ':', ' ', '(', '\\n', '\\t', '%22', '%3D', '\\u0022', '>', '`', '\t'];
  // A character of the key's own alphabet continues the token (a URL's alphabet holds `:`).
  const ownAlphabet = (id: string, start: string) => {
    const alphabet = builtinRules().find((r) => r.id === id)?.alphabet;
    return start.length === 1 && alphabet !== undefined && new RegExp(`[${alphabet}]`).test(start);
  };
  const beforeCases = before.flatMap((start) =>
    samples
      .filter((s) => !ownAlphabet(s.id, start))
      .map((s) => ({ ...s, start, shown: JSON.stringify(start) })),
  );
  it.each(beforeCases)('reports $id preceded by $shown', ({ key, start }) => {
    expect(keysIn(`value${start}${key} end`)).toEqual([key]);
  });

  // CI logs colour values: the key starts right after the `m` (or `K`) that ends an ANSI escape sequence.
  const ansi = ['\x1b[32m', '\x1b[0;1;32m', '\x1b[0K', '\x1b[m'];
  it.each(ansi.flatMap((start) => samples.map((s) => ({ ...s, start, shown: JSON.stringify(start) }))))(
    'reports $id right after the ANSI escape $shown, also through the pre-filter',
    ({ key, start }) => {
      const text = `export OPENAI_API_KEY=${start}${key}\x1b[0m\n`;
      expect(keysIn(text)).toEqual([key]);
      expect(detector.mightMatch(Buffer.from(text))).toBe(true);
    },
  );

  it('still skips a keyword glued inside a word that merely ends in m', () => {
    const key = samples[0]!.key;
    expect(keysIn(`alarm${key}`)).not.toContain(key);
  });

  it('reports a key at the very start and at the very end of a text', () => {
    const key = samples[0]!.key;
    expect(keysIn(key)).toEqual([key]);
  });

  it('reports two keys on one line, in order, with their columns', () => {
    const [a, b] = [samples[3]!.key, samples[5]!.key];
    const found = detector.scan(`A=${a} B=${b}\n`);
    expect(found.map((f) => [f.key, f.column])).toEqual([
      [a, 3],
      [b, a.length + 6],
    ]);
  });

  it('does not report a key shown truncated with an ellipsis', () => {
    const key = samples.find((s) => s.id === 'generic-sk-key')!.key;
    expect(keysIn(`key: ${key}...`)).toEqual([]);
    expect(keysIn(`key: ${key}…`)).toEqual([]);
    expect(keysIn(`key: ${key}.`)).toEqual([key]);
  });
});
