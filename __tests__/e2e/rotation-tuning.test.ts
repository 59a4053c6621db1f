/** KEYGUARD_RETRY_SCALE: the test-only knob that shrinks every retry wait of an e2e run. */
import { retryTuning } from '../../src/action/rotation.js';

describe('retryTuning', () => {
  it.each([
    ['unset', undefined],
    ['empty', ''],
    ['not a number', 'fast'],
    ['zero', '0'],
    ['negative', '-0.5'],
    ['one (production)', '1'],
    ['above one', '3'],
  ])('keeps production waits when the scale is %s', (_, value) => {
    expect(retryTuning(value === undefined ? {} : { KEYGUARD_RETRY_SCALE: value })).toBeUndefined();
  });

  it('scales provider, GitHub, saga and lock waits by the factor', () => {
    expect(retryTuning({ KEYGUARD_RETRY_SCALE: '0.01' })).toEqual({
      provider: { maxRetryDelayMs: 300 },
      github: { baseDelayMs: 10, secondaryWaitMs: 600, maxWaitMs: 3000 },
      step: { baseDelayMs: 20, maxDelayMs: 300 },
      lockSettleMs: 15,
      budgetMs: 300,
    });
  });

  it('never scales a wait below one millisecond', () => {
    const t = retryTuning({ KEYGUARD_RETRY_SCALE: '0.0000001' })!;
    expect(Math.min(t.lockSettleMs, t.github.baseDelayMs!, t.step.baseDelayMs!)).toBe(1);
  });
});
