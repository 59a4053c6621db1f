/** An in-memory SecretStore for saga tests: records every call in the world's event list. */
import type { Secret } from '../../src/scan/secret.js';
import {
  type Holding,
  type PreflightOptions,
  type SecretStore,
  StoreError,
  type StoreWrite,
} from '../../src/stores/types.js';

export class FakeStore implements SecretStore {
  readonly kind = 'webhook' as const;
  readonly label: string;
  value?: Secret;
  versions: Secret[] = [];
  puts = 0;
  /** Next failures of each operation: `true` = transient. */
  readonly fail: Record<'holds' | 'preflight' | 'put' | 'retire', boolean[]> = {
    holds: [],
    preflight: [],
    put: [],
    retire: [],
  };
  readable = true;
  /** Next puts that write the value and then fail (a lost answer: the caller cannot know it worked). */
  lostAnswers = 0;
  followUpItems: string[] = [];

  constructor(
    readonly id: string,
    private readonly events: string[],
    seed?: Secret,
  ) {
    this.label = `fake store ${id}`;
    if (seed) {
      this.value = seed;
      this.versions.push(seed);
    }
  }

  private maybeFail(op: keyof FakeStore['fail']): void {
    const f = this.fail[op].shift();
    if (f !== undefined) throw new StoreError(this.id, `${this.label}: injected ${op} failure`, f);
  }

  async holds(leaked: Secret): Promise<Holding> {
    this.events.push(`holds:${this.id}`);
    this.maybeFail('holds');
    if (!this.readable) return { state: 'unknown', why: 'no read permission' };
    if (!this.value) return { state: 'absent' };
    return this.value.equals(leaked) ? { state: 'holds' } : { state: 'other' };
  }

  /** What preflightNotes() returns after a preflight. */
  notes: string[] = [];

  async preflight(opts: PreflightOptions = {}): Promise<void> {
    this.events.push(`preflight:${this.id}${opts.readOnly ? ':read-only' : ''}`);
    this.maybeFail('preflight');
  }

  async put(value: Secret): Promise<StoreWrite> {
    this.events.push(`put:${this.id}`);
    this.maybeFail('put');
    this.puts++;
    const outcome = this.value ? 'updated' : 'created';
    this.value = value;
    this.versions.push(value);
    if (this.lostAnswers > 0) {
      this.lostAnswers--;
      throw new StoreError(this.id, `${this.label}: no answer to put`, true);
    }
    return { outcome, version: String(this.versions.length) };
  }

  async retire(leaked: Secret): Promise<string[]> {
    this.events.push(`retire:${this.id}`);
    this.maybeFail('retire');
    const before = this.versions.length;
    this.versions = this.versions.filter((v) => !v.equals(leaked));
    return [`${before - this.versions.length} version(s) holding the leaked key destroyed`];
  }

  preflightNotes(): string[] {
    return this.notes;
  }

  async followUps(): Promise<string[]> {
    return this.followUpItems;
  }

  plan(): string {
    return `write the replacement into ${this.label}`;
  }
}
