import { Limiter } from '../../src/verify/limiter.js';

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('Limiter', () => {
  it('runs no more than its concurrency at once', async () => {
    const l = new Limiter(2);
    let peak = 0;
    await Promise.all(
      Array.from({ length: 6 }, () =>
        l.run(async () => {
          peak = Math.max(peak, l.active);
          await tick(5);
        }),
      ),
    );
    expect(peak).toBe(2);
    expect(l.active).toBe(0);
  });

  it('spaces task starts by the minimum interval', async () => {
    const l = new Limiter(5, 20);
    const starts: number[] = [];
    await Promise.all(Array.from({ length: 3 }, () => l.run(async () => void starts.push(Date.now()))));
    expect(starts[2]! - starts[0]!).toBeGreaterThanOrEqual(38);
  });

  it('frees the slot when a task throws', async () => {
    const l = new Limiter(1);
    await expect(l.run(async () => Promise.reject(new Error('x')))).rejects.toThrow('x');
    await expect(l.run(async () => 1)).resolves.toBe(1);
  });

  it('refuses a concurrency below 1', () => {
    expect(() => new Limiter(0)).toThrow(RangeError);
  });
});
