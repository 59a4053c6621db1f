/**
 * An in-house secret store behind keyguard's store webhook protocol (docs/stores.md): refuses any
 * request whose signature (HMAC-SHA256 over "<timestamp>.<body>") does not check out, that is older
 * than the 5-minute replay window, or whose delivery id it has seen; keeps every version of every
 * secret (field) and answers holds / preflight / put / retire as the protocol says.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { ServedEmulator } from './served.js';
import { type EmulatorRequest, type EmulatorResponse, EmulatorServer } from './server.js';

export const REPLAY_WINDOW_S = 300;

interface Version {
  value: string;
  current: boolean;
  destroyed: boolean;
}

export class StoreWebhookReceiver extends ServedEmulator {
  readonly server = new EmulatorServer('store-webhook');
  /** `name#field` → versions, oldest first. */
  readonly secrets = new Map<string, Version[]>();
  /** Every refused request's reason. */
  readonly refused: string[] = [];
  /** Accepted operations in order: `put:name#field`. */
  readonly ops: string[] = [];
  readonly #seen = new Set<string>();
  /** Names keyguard may not write (preflight says no). */
  readonly readOnly = new Set<string>();
  /** Names whose value the receiver will not prove (answers unknown). */
  readonly unreadable = new Set<string>();
  now: () => number = () => Math.floor(Date.now() / 1000);

  constructor(readonly key: string) {
    super();
    this.server.route('POST', '/store', (req) => this.#handle(req));
  }

  get url(): string {
    return `${this.server.baseUrl}/store`;
  }

  seed(name: string, value: string, field?: string): void {
    this.secrets.set(this.#key(name, field), [{ value, current: true, destroyed: false }]);
  }

  /** The current value of a secret (field), if any. */
  current(name: string, field?: string): string | undefined {
    return this.secrets.get(this.#key(name, field))?.find((v) => v.current)?.value;
  }

  versions(name: string, field?: string): Version[] {
    return this.secrets.get(this.#key(name, field)) ?? [];
  }

  #key(name: string, field?: string | null): string {
    return field ? `${name}#${field}` : name;
  }

  #refuse(status: number, reason: string): EmulatorResponse {
    this.refused.push(reason);
    return { status, body: { error: reason } };
  }

  #handle(req: EmulatorRequest): EmulatorResponse {
    const sig = req.headers['x-keyguard-signature'];
    const ts = req.headers['x-keyguard-timestamp'];
    const delivery = req.headers['x-keyguard-delivery'];
    if (typeof sig !== 'string' || typeof ts !== 'string' || typeof delivery !== 'string')
      return this.#refuse(401, 'signature headers missing');
    const expected = `sha256=${createHmac('sha256', this.key).update(`${ts}.${req.text}`).digest('hex')}`;
    if (sig.length !== expected.length || !timingSafeEqual(Buffer.from(sig), Buffer.from(expected)))
      return this.#refuse(401, 'bad signature');
    const b = req.body as Record<string, unknown> | undefined;
    if (b?.version !== 1 || b.timestamp !== Number(ts) || b.delivery !== delivery)
      return this.#refuse(400, 'body does not match the signed headers');
    if (Math.abs(this.now() - Number(ts)) > REPLAY_WINDOW_S)
      return this.#refuse(401, 'outside the replay window');
    if (this.#seen.has(delivery)) return this.#refuse(409, 'replayed delivery');
    this.#seen.add(delivery);
    if (typeof b.store !== 'string' || !b.store) return this.#refuse(400, 'store is required');
    const name = b.store;
    const k = this.#key(name, b.field as string | null);
    const versions = this.secrets.get(k);
    const live = versions?.find((v) => v.current);
    this.ops.push(`${String(b.op)}:${k}`);
    switch (b.op) {
      case 'holds': {
        if (typeof b.challenge !== 'string') return this.#refuse(400, 'challenge is required');
        if (this.unreadable.has(name))
          return { status: 200, body: { state: 'unknown', reason: 'not readable' } };
        if (!live) return { status: 200, body: { state: 'absent' } };
        const proof = createHmac('sha256', b.challenge).update(live.value).digest('hex');
        return { status: 200, body: { state: 'present', proof } };
      }
      case 'preflight':
        if (this.readOnly.has(name))
          return { status: 200, body: { ok: false, reason: `${name} is read-only for keyguard` } };
        return { status: 200, body: { ok: true } };
      case 'put': {
        if (typeof b.value !== 'string' || !b.value) return this.#refuse(400, 'value is required');
        if (this.readOnly.has(name)) return this.#refuse(403, `${name} is read-only for keyguard`);
        if (live?.value === b.value)
          return { status: 200, body: { outcome: 'updated', version: String(versions!.length) } };
        const list = versions ?? [];
        for (const v of list) v.current = false;
        list.push({ value: b.value, current: true, destroyed: false });
        this.secrets.set(k, list);
        return {
          status: 200,
          body: {
            outcome: versions ? 'updated' : 'created',
            version: String(list.length),
            followUps: [`restart the ${name} workers`],
          },
        };
      }
      case 'retire': {
        const m = b.match as { challenge?: unknown; proof?: unknown } | undefined;
        if (typeof m?.challenge !== 'string' || typeof m.proof !== 'string')
          return this.#refuse(400, 'match is required');
        let n = 0;
        for (const v of versions ?? []) {
          const p = createHmac('sha256', m.challenge).update(v.value).digest('hex');
          if (p === m.proof && !v.destroyed) {
            v.destroyed = true;
            v.current = false;
            n++;
          }
        }
        return { status: 200, body: { done: [`${n} version(s) holding the leaked key destroyed`] } };
      }
      default:
        return this.#refuse(400, `unknown op ${String(b.op)}`);
    }
  }
}

export async function startStoreWebhook(key: string): Promise<StoreWebhookReceiver> {
  const r = new StoreWebhookReceiver(key);
  await r.start();
  return r;
}
