/**
 * Faithful in-memory fakes of the saga's seams: a provider whose created keys are live until
 * disabled, a secrets sink that records values, and an issue store. All share one event log so
 * tests can assert the order of calls across seams. Every call yields to the event loop, so two
 * concurrent sagas really interleave.
 */
import type {
  IncidentRecord,
  IncidentStore,
  SecretMeta,
  SecretScope,
  SecretsSink,
  SecretTarget,
} from '../../src/github/types.js';
import type {
  KeyPolicy,
  KeyRef,
  KeyState,
  LocateResult,
  NewKey,
  Provider,
  ProviderCapabilities,
} from '../../src/providers/types.js';
import { targetId } from '../../src/rotate/targets.js';
import { Secret } from '../../src/scan/secret.js';
import type { Verification } from '../../src/types.js';
import { KeyGen } from '../helpers/keygen.js';

export const tick = () => new Promise<void>((r) => setImmediate(r));

/** An error shaped like the HTTP layer's: a status the saga reads to decide if it is transient. */
export class FakeHttpError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'FakeHttpError';
  }
}

/** The process "dies" here: not transient, nothing after it in this run happens. */
export class Crash extends Error {
  constructor(where: string) {
    super(`simulated crash in ${where}`);
    this.name = 'Crash';
  }
}

interface Fault {
  op: string;
  error: () => Error;
  times: number;
  after: number;
  /** `after`: the operation takes effect, then the error is thrown (the answer was lost). */
  when: 'before' | 'after';
  seen: number;
}

class Faults {
  private list: Fault[] = [];
  add(
    op: string,
    error: () => Error,
    opts: { times?: number; after?: number; when?: 'before' | 'after' } = {},
  ) {
    this.list.push({
      op,
      error,
      times: opts.times ?? 1,
      after: opts.after ?? 0,
      when: opts.when ?? 'before',
      seen: 0,
    });
  }
  /** Returns the fault to apply to this call, if any. */
  take(op: string): Fault | undefined {
    for (const f of this.list) {
      if (f.op !== op || f.times <= 0) continue;
      f.seen++;
      if (f.seen <= f.after) continue;
      f.times--;
      return f;
    }
    return undefined;
  }
  clear() {
    this.list = [];
  }
}

async function withFault<T>(faults: Faults, op: string, effect: () => T): Promise<T> {
  await tick();
  const f = faults.take(op);
  if (f?.when === 'before') throw f.error();
  const out = effect();
  await tick();
  if (f?.when === 'after') throw f.error();
  return out;
}

export interface FakeKey {
  id: string;
  value: string;
  state: KeyState;
  name?: string;
  created: boolean;
}

export interface FakeProviderOptions {
  id?: string;
  displayName?: string;
  create?: boolean;
  disable?: boolean;
  locate?: boolean;
  /** Shape of keys the fake makes. */
  makeKey?: (gen: KeyGen) => string;
  /** What `create` reports it could not enforce. */
  manual?: string[];
  /** Disable deletes (OpenAI) instead of setting `disabled` (Anthropic, OpenRouter). */
  disableDeletes?: boolean;
  seed?: number;
}

export class FakeProvider implements Provider {
  readonly id: string;
  readonly displayName: string;
  readonly capabilities: ProviderCapabilities;
  readonly limitations: string[] = [];
  readonly keys: FakeKey[] = [];
  readonly faults = new Faults();
  readonly gen: KeyGen;
  /** Called just before a disable takes effect: tests check invariants here. */
  onDisable?: (key: FakeKey) => void;
  private n = 0;

  locate?: (key: Secret) => Promise<LocateResult>;
  create?: (policy: KeyPolicy, near?: KeyRef) => Promise<NewKey>;
  disable?: (ref: KeyRef) => Promise<void>;
  delete?: (ref: KeyRef) => Promise<void>;
  state?: (ref: KeyRef) => Promise<KeyState>;
  describe?: (ref: KeyRef) => Promise<KeyRef | null>;

  constructor(
    readonly events: string[],
    private readonly opts: FakeProviderOptions = {},
  ) {
    this.id = opts.id ?? 'openai';
    this.displayName = opts.displayName ?? 'OpenAI';
    this.gen = new KeyGen(opts.seed ?? 7);
    const canCreate = opts.create ?? true;
    const canDisable = opts.disable ?? true;
    const canLocate = opts.locate ?? canDisable;
    this.capabilities = {
      verify: true,
      locate: canLocate,
      create: canCreate,
      disable: canDisable,
      usage: false,
    };
    if (canLocate) this.locate = (k) => this.doLocate(k);
    if (canCreate) this.create = (p, near) => this.doCreate(p, near);
    if (canDisable) {
      this.disable = (r) => this.doDisable(r);
      this.delete = (r) => this.doDelete(r);
      this.state = (r) => this.doState(r);
      this.describe = (r) => this.doDescribe(r);
    }
  }

  private makeValue(): string {
    return (this.opts.makeKey ?? ((g) => g.openaiProject()))(this.gen);
  }

  /** A key that exists at the provider (the leaked one, or a standby a human made). */
  addKey(state: KeyState = 'active'): { key: FakeKey; secret: Secret } {
    const key: FakeKey = { id: `key_${++this.n}`, value: this.makeValue(), state, created: false };
    this.keys.push(key);
    return { key, secret: new Secret(key.value) };
  }

  byValue(value: string): FakeKey | undefined {
    return this.keys.find((k) => k.value === value);
  }

  byId(id: string): FakeKey | undefined {
    return this.keys.find((k) => k.id === id);
  }

  /** Keys this fake created that still work. */
  liveCreated(): FakeKey[] {
    return this.keys.filter((k) => k.created && k.state === 'active');
  }

  private ref(k: FakeKey): KeyRef {
    return {
      provider: this.id,
      id: k.id,
      name: k.name,
      redactedValue: `${k.value.slice(0, 8)}...${k.value.slice(-4)}`,
    };
  }

  verify = async (secret: Secret): Promise<Verification> =>
    withFault(this.faults, 'verify', () => {
      const k = this.byValue(secret.reveal());
      this.events.push(`verify:${k?.id ?? 'unknown'}`);
      const live = k?.state === 'active';
      return {
        status: live ? 'live' : 'revoked',
        provider: this.id,
        endpoint: 'GET /v1/models',
        httpStatus: live ? 200 : 401,
        errorCode: live ? undefined : 'invalid_api_key',
        detail: live ? 'the provider accepted the key' : 'the provider rejected the key',
        checkedAt: '2026-01-09T10:00:00.000Z',
      };
    });

  private doLocate(secret: Secret): Promise<LocateResult> {
    return withFault(this.faults, 'locate', () => {
      const k = this.byValue(secret.reveal());
      this.events.push(`locate:${k?.id ?? 'unknown'}`);
      return k ? { status: 'found', ref: this.ref(k) } : { status: 'not-found', reason: 'no key matches' };
    });
  }

  private doCreate(policy: KeyPolicy, _near?: KeyRef): Promise<NewKey> {
    return withFault(this.faults, 'create', () => {
      const key: FakeKey = {
        id: `key_${++this.n}`,
        value: this.makeValue(),
        state: 'active',
        name: policy.name,
        created: true,
      };
      this.keys.push(key);
      this.events.push(`create:${key.id}`);
      return { ref: this.ref(key), secret: new Secret(key.value), manual: [...(this.opts.manual ?? [])] };
    });
  }

  private doDisable(ref: KeyRef): Promise<void> {
    return withFault(this.faults, 'disable', () => {
      const k = this.byId(ref.id);
      this.events.push(`disable:${ref.id}`);
      if (!k || k.state === 'deleted') throw new FakeHttpError(`DELETE key ${ref.id}: 404`, 404);
      this.onDisable?.(k);
      k.state = this.opts.disableDeletes ? 'deleted' : 'disabled';
    });
  }

  private doDelete(ref: KeyRef): Promise<void> {
    return withFault(this.faults, 'delete', () => {
      const k = this.byId(ref.id);
      this.events.push(`delete:${ref.id}`);
      if (!k || k.state === 'deleted') throw new FakeHttpError(`DELETE key ${ref.id}: 404`, 404);
      k.state = 'deleted';
    });
  }

  /** Read-only, like state: no event (the call order tests are about changes). */
  private doDescribe(ref: KeyRef): Promise<KeyRef | null> {
    return withFault(this.faults, 'describe', () => {
      const k = this.byId(ref.id);
      return k && k.state !== 'deleted' ? this.ref(k) : null;
    });
  }

  private doState(ref: KeyRef): Promise<KeyState> {
    return withFault(this.faults, 'state', () => {
      this.events.push(`state:${ref.id}`);
      return this.byId(ref.id)?.state ?? 'deleted';
    });
  }
}

export class FakeSink implements SecretsSink {
  readonly values = new Map<string, Secret>();
  readonly meta = new Map<string, SecretMeta>();
  readonly faults = new Faults();
  puts = 0;

  constructor(
    readonly events: string[],
    private readonly now: () => Date = () => new Date('2026-01-09T10:00:00Z'),
  ) {}

  /** A secret that already exists (e.g. holding the leaked key). */
  seed(target: SecretTarget, value: Secret, updatedAt = '2025-01-01T00:00:00Z'): void {
    this.values.set(targetId(target), value);
    this.meta.set(targetId(target), {
      name: target.name.toUpperCase(),
      scope: target.scope,
      createdAt: updatedAt,
      updatedAt,
    });
  }

  put(target: SecretTarget, value: Secret): Promise<'created' | 'updated'> {
    return withFault(this.faults, 'put', () => {
      const id = targetId(target);
      this.events.push(`put:${id}`);
      this.puts++;
      const existed = this.values.has(id);
      this.values.set(id, value);
      const at = this.now().toISOString();
      this.meta.set(id, {
        name: target.name.toUpperCase(),
        scope: target.scope,
        createdAt: this.meta.get(id)?.createdAt ?? at,
        updatedAt: at,
      });
      return existed ? 'updated' : 'created';
    });
  }

  async get(target: SecretTarget): Promise<SecretMeta | null> {
    await tick();
    return this.meta.get(targetId(target)) ?? null;
  }

  async list(scope: SecretScope): Promise<SecretMeta[]> {
    await tick();
    return [...this.meta.values()].filter((m) => JSON.stringify(m.scope) === JSON.stringify(scope));
  }
}

interface FakeIssue extends IncidentRecord {
  fingerprint: string;
  comments: string[];
}

export class FakeIncidents implements IncidentStore {
  readonly issues: FakeIssue[] = [];
  readonly faults = new Faults();
  writes = 0;

  constructor(readonly events: string[] = []) {}

  private view(i: FakeIssue): IncidentRecord {
    return { number: i.number, url: i.url, title: i.title, body: i.body, state: i.state };
  }

  /** The open issue for this fingerprint with the lowest number (a closed one if none is open). */
  find(fingerprint: string): Promise<IncidentRecord | null> {
    return withFault(this.faults, 'find', () => {
      const mine = this.issues.filter((i) => i.fingerprint === fingerprint);
      const hit = mine.find((i) => i.state === 'open') ?? mine[0];
      return hit ? this.view(hit) : null;
    });
  }

  create(fingerprint: string, title: string, body: string): Promise<IncidentRecord> {
    return withFault(this.faults, 'create', () => {
      this.writes++;
      const number = this.issues.length + 1;
      const issue: FakeIssue = {
        number,
        url: `https://github.test/acme/app/issues/${number}`,
        title,
        body,
        state: 'open',
        fingerprint,
        comments: [],
      };
      this.issues.push(issue);
      this.events.push(`issue.create:${number}`);
      return this.view(issue);
    });
  }

  update(number: number, body: string): Promise<IncidentRecord> {
    return withFault(this.faults, 'update', () => {
      this.writes++;
      const issue = this.get(number);
      issue.body = body;
      return this.view(issue);
    });
  }

  comment(number: number, body: string): Promise<void> {
    return withFault(this.faults, 'comment', () => {
      this.writes++;
      this.get(number).comments.push(body);
    });
  }

  close(number: number, comment?: string): Promise<void> {
    return withFault(this.faults, 'close', () => {
      this.writes++;
      const issue = this.get(number);
      if (comment) issue.comments.push(comment);
      issue.state = 'closed';
      this.events.push(`issue.close:${number}`);
    });
  }

  reopen(number: number, comment?: string): Promise<void> {
    return withFault(this.faults, 'reopen', () => {
      this.writes++;
      const issue = this.get(number);
      issue.state = 'open';
      if (comment) issue.comments.push(comment);
    });
  }

  get(number: number): FakeIssue {
    const issue = this.issues.find((i) => i.number === number);
    if (!issue) throw new FakeHttpError(`issue ${number}: 404`, 404);
    return issue;
  }

  /** Every text the store holds: titles, bodies and comments. */
  allText(): string {
    return this.issues.map((i) => [i.title, i.body, ...i.comments].join('\n')).join('\n');
  }
}
