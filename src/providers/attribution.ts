/**
 * Usage rows count as the leaked key's only when the row names that key. A usage API that ignored
 * the key filter (or the grouping) answers with rows whose key id is null: the whole organisation's
 * usage. Those rows are dropped, counted, and the audit's gaps say the source could not filter.
 */
import type { UsageNotes } from './types.js';

export class UnattributedRows {
  #dropped = 0;
  readonly #where = new Set<string>();

  constructor(
    readonly source: string,
    readonly keyId: string,
  ) {}

  /** True when the row is the key's; false when it names another key or none (remembered). */
  isTheKeys(rowKeyId: unknown, where?: string): boolean {
    if (rowKeyId === this.keyId) return true;
    // Another key's row is simply not ours; a row that names no key is the one to report.
    if (typeof rowKeyId !== 'string' || !rowKeyId) {
      this.#dropped++;
      if (where) this.#where.add(where);
    }
    return false;
  }

  get dropped(): number {
    return this.#dropped;
  }

  /** Says in the gaps when rows without the key's id were left out. */
  report(notes: UsageNotes | undefined): void {
    if (!this.#dropped) return;
    const where = this.#where.size ? ` (${[...this.#where].sort().join(', ')})` : '';
    notes?.gap(
      `${this.source}${where}: the source did not filter by the key: ${this.#dropped} usage row(s) without ` +
        "the key's id were left out, so the key's own usage there is unknown, not zero.",
    );
  }
}
