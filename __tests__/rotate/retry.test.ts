/** The saga's step retry under the run's budget: the request layer is the one retry layer. */
import { RetryBudget, RetryBudgetExhaustedError } from '../../src/http/budget.js';
import { budgeted, DEFAULT_STEP_RETRY, withRetry } from '../../src/rotate/retry.js';

const transient = () => Object.assign(new Error('503 from the provider'), { status: 503 });

describe('step retry', () => {
  it.each([
    ['without a budget, a transient failure is retried up to `attempts`', false, 3],
    ['with the run budget, a step runs once: its requests had their retries', true, 1],
  ])('%s', async (_name, withBudget, calls) => {
    let n = 0;
    const budget = new RetryBudget({ totalMs: 60_000, sleep: async () => {} });
    const policy = budgeted(
      { ...DEFAULT_STEP_RETRY, sleep: async () => {} },
      withBudget ? budget : undefined,
    );
    await expect(
      withRetry(async () => {
        n++;
        throw transient();
      }, policy),
    ).rejects.toThrow('503');
    expect(n).toBe(calls);
  });

  it('charges the saga waits (verify polling) to the budget and refuses one that does not fit', async () => {
    const slept: number[] = [];
    const budget = new RetryBudget({ totalMs: 5_000, sleep: async (ms) => void slept.push(ms) });
    const policy = budgeted(DEFAULT_STEP_RETRY, budget);
    await policy.sleep(4_000);
    await expect(policy.sleep(2_000)).rejects.toBeInstanceOf(RetryBudgetExhaustedError);
    expect(slept).toEqual([4_000]);
    expect(budget.remainingMs()).toBe(1_000);
  });
});
