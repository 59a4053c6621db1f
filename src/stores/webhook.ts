/**
 * The generic webhook sink: an in-house secret store behind a signed HTTPS endpoint (docs/stores.md,
 * "Webhook protocol"). Every operation is one JSON POST:
 *
 *   X-Keyguard-Timestamp: <epoch seconds>
 *   X-Keyguard-Delivery:  <random id, unique per request>
 *   X-Keyguard-Signature: sha256=<hex HMAC-SHA256(key, "<timestamp>.<raw body>")>
 *
 * The timestamp and delivery id are inside the signed body too, so a receiver can refuse a request
 * older than its replay window (5 minutes) and one whose id it has seen. Each retry is signed afresh.
 *
 * The replacement travels only in the body of a `put` (https, or http on loopback, see config.ts).
 * The leaked key never travels: `holds` and `retire` send a random challenge, and the receiver answers
 * (or matches) HMAC-SHA256(challenge, value), which keyguard compares with the leaked key's.
 */
import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { RetryBudget } from '../http/budget.js';
import { HttpClient, type HttpResponse } from '../http/client.js';
import { displayUrl } from '../http/url.js';
import { type Secret, scrub } from '../scan/secret.js';
import { type Holding, type SecretStore, type StoreConfig, StoreError, type StoreWrite } from './types.js';

export const WEBHOOK_SIGNATURE_HEADER = 'X-Keyguard-Signature';
export const WEBHOOK_TIMESTAMP_HEADER = 'X-Keyguard-Timestamp';
export const WEBHOOK_DELIVERY_HEADER = 'X-Keyguard-Delivery';
/** Shortest HMAC key accepted: a guessable key would let anyone on the path forge requests. */
export const MIN_WEBHOOK_KEY_LENGTH = 16;

export interface WebhookStoreDeps {
  env: NodeJS.ProcessEnv;
  mask?: (value: string) => void;
  budget?: RetryBudget;
  fetch?: typeof fetch;
  now?: () => Date;
  timeoutMs?: number;
}

/** `sha256=<hex>` over `<timestamp>.<body>`: what the receiver recomputes. */
export function signStoreRequest(key: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', key).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** HMAC-SHA256(challenge, value) in hex: the proof of a value without the value. */
export function valueProof(challenge: string, value: string): string {
  return createHmac('sha256', challenge).update(value).digest('hex');
}

function sameHex(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === 32 && x.length === y.length && timingSafeEqual(x, y);
}

/** A short, single-line reason from the receiver's answer (outside text: the sinks make it inert). */
function reasonOf(res: HttpResponse): string {
  const j = res.json as { reason?: unknown; error?: unknown } | undefined;
  const r = typeof j?.reason === 'string' ? j.reason : typeof j?.error === 'string' ? j.error : '';
  const one = r.replace(/[\r\n\t]+/g, ' ').trim();
  return one ? `: ${one.length > 200 ? `${one.slice(0, 200)}…` : one}` : '';
}

export function createWebhookStore(config: StoreConfig, deps: WebhookStoreDeps): SecretStore {
  const url = String(config.options.url);
  const envName = String(config.options['secret-env'] ?? 'KEYGUARD_STORE_WEBHOOK_SECRET');
  const shown = displayUrl(url);
  const id = `webhook:${new URL(url).host}:${config.name}${config.field ? `#${config.field}` : ''}`;
  const label = `webhook store ${config.name}${config.field ? ` (field ${config.field})` : ''} at ${shown}`;
  const clock = deps.now ?? (() => new Date());
  // One attempt per call: a retry must be signed afresh (new timestamp and delivery id), so the
  // saga's step retry repeats the whole call (StoreError.transient says when).
  const client = new HttpClient({
    retry: { maxRetries: 0, timeoutMs: deps.timeoutMs ?? 20_000 },
    budget: deps.budget,
    fetch: deps.fetch,
  });
  const rawKey = deps.env[envName]?.trim() ?? '';
  if (rawKey) deps.mask?.(rawKey);
  const keyProblem = !rawKey
    ? `its HMAC key is not in the step env: map the secret that holds it as ${envName}`
    : rawKey.length < MIN_WEBHOOK_KEY_LENGTH
      ? `its HMAC key (${envName}) is shorter than ${MIN_WEBHOOK_KEY_LENGTH} characters`
      : undefined;
  /** Every value this store has seen: scrubbed from anything it says. */
  const known: Secret[] = [];

  async function call(op: string, extra: Record<string, unknown>): Promise<HttpResponse> {
    if (keyProblem) throw new StoreError(id, `${label}: ${keyProblem}`);
    const timestamp = Math.floor(clock().getTime() / 1000);
    const delivery = randomUUID();
    const body = JSON.stringify({
      version: 1,
      op,
      store: config.name,
      field: config.field ?? null,
      timestamp,
      delivery,
      ...extra,
    });
    let res: HttpResponse;
    try {
      res = await client.request({
        method: 'POST',
        url,
        body,
        idempotent: false,
        headers: {
          'content-type': 'application/json',
          [WEBHOOK_SIGNATURE_HEADER]: signStoreRequest(rawKey, timestamp, body),
          [WEBHOOK_TIMESTAMP_HEADER]: String(timestamp),
          [WEBHOOK_DELIVERY_HEADER]: delivery,
        },
      });
    } catch (err) {
      const why = scrub((err as Error).message ?? String(err), known);
      throw new StoreError(id, `${label} could not be reached for ${op} (${why})`, true);
    }
    if (res.status < 200 || res.status >= 300)
      throw Object.assign(
        new StoreError(
          id,
          scrub(`${label} answered HTTP ${res.status} to ${op}${reasonOf(res)}`, known),
          res.status === 408 || res.status === 429 || res.status >= 500,
        ),
        { status: res.status },
      );
    return res;
  }

  let followUps: string[] = [];

  return {
    kind: 'webhook',
    id,
    label,
    async holds(leaked: Secret): Promise<Holding> {
      known.push(leaked);
      const challenge = randomBytes(32).toString('hex');
      let res: HttpResponse;
      try {
        res = await call('holds', { challenge });
      } catch (err) {
        return { state: 'unknown', why: (err as Error).message };
      }
      const j = res.json as { state?: unknown; proof?: unknown; reason?: unknown } | undefined;
      if (j?.state === 'absent') return { state: 'absent' };
      if (j?.state === 'present' && typeof j.proof === 'string')
        return sameHex(j.proof, valueProof(challenge, leaked.reveal()))
          ? { state: 'holds' }
          : { state: 'other' };
      return { state: 'unknown', why: `${label} did not prove its value${reasonOf(res)}` };
    },
    async preflight(): Promise<void> {
      const res = await call('preflight', {});
      const j = res.json as { ok?: unknown } | undefined;
      if (j?.ok !== true) throw new StoreError(id, `${label} refused the preflight${reasonOf(res)}`);
    },
    async put(value: Secret): Promise<StoreWrite> {
      known.push(value);
      const res = await call('put', {
        value: value.reveal(),
        fingerprint: value.fingerprint,
        redacted: value.redacted,
      });
      const j = res.json as { outcome?: unknown; version?: unknown; followUps?: unknown } | undefined;
      if (j?.outcome !== 'created' && j?.outcome !== 'updated')
        throw new StoreError(id, `${label} answered put without an outcome (created or updated)`);
      followUps = Array.isArray(j.followUps)
        ? j.followUps
            .filter((x): x is string => typeof x === 'string')
            .slice(0, 20)
            .map((x) => scrub(x, known))
        : [];
      const version =
        typeof j.version === 'string' || typeof j.version === 'number' ? String(j.version) : undefined;
      return { outcome: j.outcome, ...(version ? { version } : {}) };
    },
    async retire(leaked: Secret): Promise<string[]> {
      known.push(leaked);
      const challenge = randomBytes(32).toString('hex');
      const res = await call('retire', {
        match: { challenge, proof: valueProof(challenge, leaked.reveal()) },
        redacted: leaked.redacted,
      });
      const j = res.json as { done?: unknown } | undefined;
      const done = Array.isArray(j?.done) ? j.done.filter((x): x is string => typeof x === 'string') : [];
      return done.slice(0, 20).map((x) => scrub(`${label}: ${x}`, known));
    },
    async followUps(): Promise<string[]> {
      return followUps.map((x) => `${label}: ${x}`);
    },
    plan(): string {
      return `POST the replacement to ${label}, then ask it to retire every version that holds the leaked key`;
    },
  };
}
