/** The webhook store against a receiver that enforces the protocol: signatures, replay window, ops. */
import { Secret } from '../../src/scan/secret.js';
import { createWebhookStore, signStoreRequest } from '../../src/stores/webhook.js';
import { type StoreWebhookReceiver, startStoreWebhook } from '../emulators/store-webhook.js';
import { KeyGen } from '../helpers/keygen.js';
import { storeErrorOf } from './store-error.js';

const HMAC_KEY = 'store-webhook-hmac-key-for-tests';
const gen = new KeyGen(161);
let rx: StoreWebhookReceiver;
beforeEach(async () => {
  rx = await startStoreWebhook(HMAC_KEY);
});
afterEach(() => rx.stop());

function store(over: { env?: NodeJS.ProcessEnv; now?: () => Date; name?: string } = {}) {
  return createWebhookStore(
    {
      kind: 'webhook',
      name: over.name ?? 'billing/openai',
      options: { url: rx.url, 'secret-env': 'STORE_KEY' },
    },
    { env: over.env ?? { STORE_KEY: HMAC_KEY }, now: over.now },
  );
}

const key = () => new Secret(gen.openaiProject());

describe('webhook store', () => {
  it('proves by fingerprint that the receiver holds the leaked key', async () => {
    const leaked = key();
    rx.seed('billing/openai', leaked.reveal());
    await expect(store().holds(leaked)).resolves.toEqual({ state: 'holds' });
  });

  it('says another key is held when the proof does not match', async () => {
    rx.seed('billing/openai', gen.openaiProject());
    await expect(store().holds(key())).resolves.toEqual({ state: 'other' });
  });

  it('says absent when the receiver has no such secret', async () => {
    await expect(store().holds(key())).resolves.toEqual({ state: 'absent' });
  });

  it('says unknown, without throwing, when the receiver refuses the signature', async () => {
    const h = await store({ env: { STORE_KEY: 'another-hmac-key-of-enough-length' } }).holds(key());
    expect(h).toMatchObject({ state: 'unknown', why: expect.stringContaining('HTTP 401') });
    expect(rx.refused).toEqual(['bad signature']);
  });

  it('never sends the leaked key: holds and retire carry a challenge and an HMAC only', async () => {
    const leaked = key();
    rx.seed('billing/openai', leaked.reveal());
    const s = store();
    await s.holds(leaked);
    await s.retire!(leaked);
    const wire = rx.server.requests.map((r) => JSON.stringify(r)).join('\n');
    expect(wire).not.toContain(leaked.reveal());
  });

  it('stores the replacement as a new version and reports the follow-ups the receiver names', async () => {
    const leaked = key();
    const replacement = key();
    rx.seed('billing/openai', leaked.reveal());
    const s = store();
    await s.preflight();
    await expect(s.put(replacement)).resolves.toEqual({ outcome: 'updated', version: '2' });
    expect(rx.current('billing/openai')).toBe(replacement.reveal());
    await expect(s.followUps!()).resolves.toEqual([
      expect.stringContaining('restart the billing/openai workers'),
    ]);
  });

  it('sends the replacement only in the signed body of the put', async () => {
    const replacement = key();
    await store().put(replacement);
    const put = rx.server.requests.find((r) => r.body.includes('"op":"put"'))!;
    expect(JSON.stringify(put.headers)).not.toContain(replacement.reveal());
    expect(put.path + put.query).not.toContain(replacement.reveal());
    expect(put.body).toContain(replacement.reveal());
  });

  it('retires every version that holds the leaked key', async () => {
    const leaked = key();
    rx.seed('billing/openai', leaked.reveal());
    const s = store();
    await s.put(key());
    const lines = await s.retire!(leaked);
    expect(lines).toEqual([expect.stringContaining('1 version(s) holding the leaked key destroyed')]);
    expect(rx.versions('billing/openai').filter((v) => v.value === leaked.reveal() && !v.destroyed)).toEqual(
      [],
    );
  });

  it('fails the preflight with the receiver reason when it may not write', async () => {
    rx.readOnly.add('billing/openai');
    await expect(store().preflight()).rejects.toThrow(/refused the preflight: billing\/openai is read-only/);
  });

  it('fails the preflight when the HMAC key is not in the env, naming the variable', async () => {
    await expect(store({ env: {} }).preflight()).rejects.toThrow(/map the secret that holds it as STORE_KEY/);
  });

  it('refuses an HMAC key too short to be a secret', async () => {
    await expect(store({ env: { STORE_KEY: 'short' } }).preflight()).rejects.toThrow(/shorter than 16/);
  });

  it('marks a 5xx as transient, for the saga step retry', async () => {
    rx.server.injectFault({ path: '/store', fault: { kind: 'status', status: 503 } });
    const err = await storeErrorOf(store().preflight());
    expect(err.transient).toBe(true);
  });

  it('signs each request afresh, so a retry is not taken for a replay', async () => {
    const s = store();
    await s.preflight();
    await s.preflight();
    expect(rx.refused).toEqual([]);
    const ids = rx.server.requests.map((r) => r.headers['x-keyguard-delivery']);
    expect(new Set(ids).size).toBe(2);
  });

  it('is refused by the receiver when its clock is outside the replay window', async () => {
    const h = await store({ now: () => new Date(Date.now() - 10 * 60_000) }).holds(key());
    expect(h.state).toBe('unknown');
    expect(rx.refused).toEqual(['outside the replay window']);
  });

  it('is refused when a recorded request is sent again', async () => {
    await store().preflight();
    const r = rx.server.requests[0]!;
    const res = await fetch(rx.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-keyguard-signature': String(r.headers['x-keyguard-signature']),
        'x-keyguard-timestamp': String(r.headers['x-keyguard-timestamp']),
        'x-keyguard-delivery': String(r.headers['x-keyguard-delivery']),
      },
      body: r.body,
    });
    expect(res.status).toBe(409);
  });

  it('signs "<timestamp>.<body>" so a body moved to another timestamp fails', () => {
    expect(signStoreRequest(HMAC_KEY, 1, '{}')).not.toBe(signStoreRequest(HMAC_KEY, 2, '{}'));
  });

  it('keeps key values out of its errors when the receiver echoes them', async () => {
    const replacement = key();
    rx.server.injectFault({
      path: '/store',
      fault: { kind: 'status', status: 400, body: { error: `bad value ${replacement.reveal()}` } },
    });
    const err = (await store()
      .put(replacement)
      .catch((e: unknown) => e)) as Error;
    expect(err.message).toContain('HTTP 400');
    expect(err.message).not.toContain(replacement.reveal());
  });
});
