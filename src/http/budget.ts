/**
 * One time budget for every retry wait of a run (issue 10 point 10). Each request still has its own
 * bounded number of attempts (its client's `maxRetries`); the budget bounds the sum of all waits across
 * the run, so a persistent failure ends the run in bounded time instead of multiplying through nested
 * layers. A first attempt is never refused (the journal and the incident must still be written after a
 * failure): only a *wait before a retry* is charged, and a wait the budget cannot pay is not slept.
 *
 * One object is created per run and passed down to the provider HTTP clients, the GitHub client and the
 * rotation saga; clients built without one get a private budget of their own policy's size.
 *
 * A stage may also have a wall-clock deadline (verification has one: a provider that holds every request
 * open must not stretch the run past issue 10's 60 s however many keys there are). With a deadline, no
 * request starts after it, each request's timeout is cut to what is left, and no wait runs past it.
 */

export interface RetryBudgetOptions {
  /** Total milliseconds all retry waits of the run may take together. */
  totalMs: number;
  /** Epoch ms after which nothing more is sent or waited for (a stage's wall-clock limit). */
  deadline?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/** Default budget of a run: a persistent failure ends well within 60 s (waits + the last attempts). */
export const DEFAULT_RUN_BUDGET_MS = 30_000;

export class RetryBudget {
  totalMs: number;
  readonly #now: () => number;
  readonly #sleep: (ms: number) => Promise<void>;
  #spentMs = 0;
  #deadline: number | undefined;

  constructor(options: Partial<RetryBudgetOptions> = {}) {
    this.totalMs = options.totalMs ?? DEFAULT_RUN_BUDGET_MS;
    this.#deadline = options.deadline;
    this.#now = options.now ?? Date.now;
    this.#sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  }

  /** Milliseconds of waiting still allowed. */
  remainingMs(): number {
    return Math.max(0, this.totalMs - this.#spentMs);
  }

  /** Milliseconds until the stage's deadline (may be 0), or undefined when it has none. */
  wallLeftMs(): number | undefined {
    return this.#deadline === undefined ? undefined : Math.max(0, this.#deadline - this.#now());
  }

  /** Whether a wait of `ms` before a retry fits in what is left (and ends before the deadline). */
  allows(ms: number): boolean {
    const wall = this.wallLeftMs();
    return ms <= this.remainingMs() && (wall === undefined || ms < wall);
  }

  /**
   * Sleeps `ms` and charges it, or returns false at once (without sleeping) when the wait does not fit:
   * the caller then stops retrying and reports the last failure.
   */
  async wait(ms: number): Promise<boolean> {
    const wait = Math.max(0, Math.round(ms));
    if (!this.allows(wait)) return false;
    const started = this.#now();
    this.#spentMs += wait;
    await this.#sleep(wait);
    // Charge what the sleep really took when timers ran late (a loaded runner), never less than asked.
    this.#spentMs += Math.max(0, this.#now() - started - wait);
    return true;
  }

  /**
   * Charges a wait that someone else sleeps (Octokit's retry and throttling plugins schedule their own
   * waits): true when it fits and was charged, false (nothing charged) when it does not.
   */
  reserve(ms: number): boolean {
    const wait = Math.max(0, Math.round(ms));
    if (!this.allows(wait)) return false;
    this.#spentMs += wait;
    return true;
  }

  /**
   * Starts a new stage with a fresh allowance (the action gives verification and rotation one budget
   * each): every client holding this object sees the new allowance.
   */
  renew(totalMs: number, deadline?: number): void {
    this.totalMs = totalMs;
    this.#spentMs = 0;
    this.#deadline = deadline;
  }

  /** `12.3 s of 30 s`: for error messages. */
  describe(): string {
    const s = (ms: number) => `${Math.round(ms / 100) / 10} s`;
    const wall = this.wallLeftMs();
    const deadline = wall === undefined ? '' : `, ${s(wall)} before the stage's deadline`;
    return `${s(this.remainingMs())} of the run's ${s(this.totalMs)} retry budget left${deadline}`;
  }
}

/** A wait before a retry that the run's budget cannot pay: the step stops instead of sleeping. */
export class RetryBudgetExhaustedError extends Error {
  constructor(
    readonly waitMs: number,
    budget: RetryBudget,
  ) {
    super(`a wait of ${Math.ceil(waitMs / 1000)} s does not fit: ${budget.describe()}`);
    this.name = 'RetryBudgetExhaustedError';
  }
}

/**
 * Whether a request may be repeated blindly after a 5xx or no answer. POST is not: a second create
 * makes a second key (or issue). PATCH is treated as repeatable: every PATCH keyguard sends sets fields
 * to values (an issue body, a key's status), so sending it twice ends in the same state.
 */
export function isIdempotentMethod(method: string): boolean {
  return method.toUpperCase() !== 'POST';
}
