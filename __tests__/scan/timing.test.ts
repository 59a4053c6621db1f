import { Detector } from '../../src/scan/detector.js';

/**
 * Catastrophic inputs must stay linear. These are not timed tests (the speed figures live in bench/): each
 * input is scanned at two sizes, n and 4n, and the CPU time of the larger must stay near 4x the smaller.
 * A quadratic path would take 16x; a ratio bound holds on a loaded shared machine, where a wall-clock limit
 * does not (both sizes are measured back to back, the best of three each).
 */
const GROWTH = 4;
const MAX_RATIO = 8;
const MB = 1024 * 1024;
const detector = new Detector();

function cpuMs(scan: () => unknown): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 3; i++) {
    const t0 = process.cpuUsage();
    scan();
    const d = process.cpuUsage(t0);
    best = Math.min(best, (d.user + d.system) / 1000);
  }
  return best;
}

/** CPU time of the 4n input over the n input, after a warm-up that lets the JIT settle. */
function growth(make: (bytes: number) => string, bytes: number, scan: (text: string) => unknown): number {
  const small = make(bytes / GROWTH);
  const large = make(bytes);
  scan(small);
  const ratio =
    cpuMs(() => scan(large)) /
    Math.max(
      cpuMs(() => scan(small)),
      1,
    );
  if (process.env.KEYGUARD_TIMING) process.stdout.write(`growth ${ratio.toFixed(2)}x\n`);
  return ratio;
}

const repeat = (unit: string) => (bytes: number) => unit.repeat(Math.floor(bytes / unit.length));

describe('catastrophic inputs', () => {
  it.each([
    ['a line of sk-sk-sk-', repeat('sk-'), 8 * MB],
    ['a line of sk-aaaa', (n: number) => `sk-${'a'.repeat(n)}`, 8 * MB],
    ['a line of short sk- tokens', repeat('sk-a1B2c3 '), 4 * MB],
    ['a line of key-length sk- tokens', repeat(`sk-${'aB3'.repeat(8)} `), 4 * MB],
    ['a base64-looking run of markers', repeat('c2stNrLzay'), 8 * MB],
    ['a line of sk-proj- prefixes', repeat('sk-proj-'), 8 * MB],
    ['newlines and sk-', repeat('sk-\n'), 4 * MB],
  ])('scans %s in time linear in its length, finding nothing', (_name, make, bytes) => {
    expect(detector.scan(make(bytes)).length).toBe(0);
    expect(growth(make, bytes, (t) => detector.scan(t))).toBeLessThan(MAX_RATIO);
  });

  it('scans a line of a custom rule keyword in time linear in its length', () => {
    const d = new Detector({
      customRules: [{ id: 'c', regex: 'tok_[a-z0-9]{16,64}\\b', keywords: ['tok_'] }],
    });
    expect(growth(repeat('tok_'), MB, (t) => d.scan(t))).toBeLessThan(MAX_RATIO);
  });
});
