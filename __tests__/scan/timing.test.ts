import { Detector } from '../../src/scan/detector.js';

/**
 * Catastrophic inputs must stay linear. 1500 ms leaves room for a loaded shared machine; the real
 * numbers are far lower (see the report printed with KEYGUARD_TIMING=1).
 */
const LIMIT_MS = 1500;
const MB10 = 10 * 1024 * 1024;
/** Inputs that make every hit run the filters get 4 MB, to stay robust on a loaded machine. */
const MB4 = 4 * 1024 * 1024;
const detector = new Detector();

function timed(text: string): { ms: number; found: number } {
  const t0 = performance.now();
  const found = detector.scan(text).length;
  const ms = performance.now() - t0;
  if (process.env.KEYGUARD_TIMING) process.stdout.write(`${ms.toFixed(0)} ms\n`);
  return { ms, found };
}

describe('catastrophic inputs', () => {
  it.each([
    ['a 10 MB line of sk-sk-sk-', 'sk-'.repeat(MB10 / 3)],
    ['a 10 MB line of sk-aaaa', `sk-${'a'.repeat(MB10)}`],
    ['a 4 MB line of short sk- tokens', 'sk-a1B2c3 '.repeat(MB4 / 10)],
    ['a 4 MB line of key-length sk- tokens', `sk-${'aB3'.repeat(8)} `.repeat(MB4 / 28)],
    ['a 10 MB base64-looking run of markers', 'c2stNrLzay'.repeat(MB10 / 10)],
    ['a 10 MB line of sk-proj- prefixes', 'sk-proj-'.repeat(MB10 / 8)],
    ['4 MB of newlines and sk-', 'sk-\n'.repeat(MB4 / 4)],
  ])('scans %s in well under a second', (_name, text) => {
    const { ms, found } = timed(text);
    expect(found).toBe(0);
    expect(ms).toBeLessThan(LIMIT_MS);
  });

  it('scans a 1 MB line of a custom rule keyword without backtracking blow-up', () => {
    const d = new Detector({
      customRules: [{ id: 'c', regex: 'tok_[a-z0-9]{16,64}\\b', keywords: ['tok_'] }],
    });
    const t0 = performance.now();
    d.scan('tok_'.repeat(256 * 1024));
    expect(performance.now() - t0).toBeLessThan(LIMIT_MS);
  });
});
