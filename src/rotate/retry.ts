/**
 * Saga-level retry of a step that is safe to repeat. With the run's RetryBudget (the action always
 * passes one) the request layer is the only retry layer: `budgeted` makes every step run once, and
 * charges the verify polling waits to the same budget. Without one (library use, tests with fakes
 * that do not retry themselves) the step retry below applies.
 */
import { type RetryBudget, RetryBudgetExhaustedError } from '../http/budget.js';
import { isTransient } from './errors.js';

export interface StepRetry {
  /** Total attempts of a step, including the first (default 3). */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Attempts to see a new key live / an old key revoked: providers take a moment to propagate. */
  verifyAttempts: number;
  sleep: (ms: number) => Promise<void>;
}

export const DEFAULT_STEP_RETRY: StepRetry = {
  attempts: 3,
  baseDelayMs: 2_000,
  maxDelayMs: 30_000,
  verifyAttempts: 4,
  sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
};

/** The step policy under a run budget: one attempt per step, waits paid from the budget or refused. */
export function budgeted(r: StepRetry, budget?: RetryBudget): StepRetry {
  if (!budget) return r;
  return {
    ...r,
    attempts: 1,
    sleep: async (ms) => {
      if (!(await budget.wait(ms))) throw new RetryBudgetExhaustedError(ms, budget);
    },
  };
}

export function delayFor(attempt: number, r: StepRetry): number {
  return Math.min(r.maxDelayMs, r.baseDelayMs * 2 ** attempt);
}

/**
 * Runs `fn` until it succeeds, a non-transient error is thrown, or attempts run out. `beforeRetry`
 * may short-cut: it returns true when the goal is already reached (a retried DELETE that 404s).
 */
export async function withRetry<T>(
  fn: () => Promise<T>,
  r: StepRetry,
  opts: {
    onRetry?: (attempt: number, err: unknown) => void;
    beforeRetry?: () => Promise<T | undefined>;
  } = {},
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (!isTransient(err) || attempt + 1 >= r.attempts) throw err;
      opts.onRetry?.(attempt + 1, err);
      await r.sleep(delayFor(attempt, r));
      if (opts.beforeRetry) {
        const done = await opts.beforeRetry();
        if (done !== undefined) return done;
      }
    }
  }
}
