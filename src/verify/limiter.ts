/**
 * A small async limiter: at most `concurrency` tasks at once, and starts spaced at least
 * `minIntervalMs` apart (a per-provider request rate). No timers when the interval is 0.
 */
export class Limiter {
  #active = 0;
  readonly #waiting: (() => void)[] = [];
  #nextStart = 0;

  constructor(
    readonly concurrency: number,
    readonly minIntervalMs = 0,
  ) {
    if (!(concurrency >= 1)) throw new RangeError('concurrency must be at least 1');
  }

  get active(): number {
    return this.#active;
  }

  /** Starts nothing new for `ms` (a provider that answered 429: let it breathe before the next key). */
  pause(ms: number): void {
    this.#nextStart = Math.max(this.#nextStart, Date.now() + ms);
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.#active >= this.concurrency) {
      await new Promise<void>((resolve) => this.#waiting.push(resolve));
    } else {
      this.#active++;
    }
    try {
      if (this.minIntervalMs > 0 || this.#nextStart > Date.now()) {
        const now = Date.now();
        const at = Math.max(now, this.#nextStart);
        this.#nextStart = at + this.minIntervalMs;
        if (at > now) await new Promise((r) => setTimeout(r, at - now));
      }
      return await fn();
    } finally {
      const next = this.#waiting.shift();
      // Hand the slot straight to the next waiter (active count unchanged), or free it.
      if (next) next();
      else this.#active--;
    }
  }
}
