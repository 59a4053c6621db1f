import { createHmac } from 'node:crypto';
import { createWebhookProvider, signWebhookBody, type WebhookSettings } from '../../src/providers/webhook.js';
import { Secret } from '../../src/scan/secret.js';
import { WebhookReceiver } from '../emulators/webhook.js';
import { KeyGen } from '../helpers/keygen.js';
import { FAST } from '../verify/fault-table.js';

const HMAC = 'shared-webhook-secret-for-tests';
const receiver = new WebhookReceiver(HMAC);
const gen = new KeyGen(505);

beforeAll(() => receiver.start());
afterAll(() => receiver.stop());
afterEach(() => receiver.server.clearFaults());

const provider = (s: Partial<WebhookSettings> = {}) =>
  createWebhookProvider({
    ...FAST,
    upstream: 'internal-llm-gateway',
    createUrl: `${receiver.baseUrl}/create`,
    disableUrl: `${receiver.baseUrl}/disable`,
    secret: new Secret(HMAC),
    now: () => new Date('2026-01-20T12:00:00Z'),
    ...s,
  });

describe('webhook provider', () => {
  it('creates a key through a request whose signature the receiver accepts', async () => {
    const nk = await provider().create!(
      { name: 'prod-20260120', budgetUsd: 5 },
      { provider: 'webhook', id: 'old-1' },
    );
    expect(receiver.rejected).toBe(0);
    expect(receiver.accepted.at(-1)).toEqual({
      action: 'create',
      provider: 'internal-llm-gateway',
      keyRef: { provider: 'webhook', id: 'old-1' },
      policy: { name: 'prod-20260120', budgetUsd: 5 },
      timestamp: 1768910400,
    });
    expect(nk.ref).toMatchObject({ provider: 'webhook', name: 'prod-20260120' });
    expect(nk.ref.id).toMatch(/^ext-\d+$/);
    expect(nk.secret).toBeInstanceOf(Secret);
  });

  it('signs the raw body as sha256=<hex HMAC> and sends the timestamp header', async () => {
    await provider().disable!({ provider: 'webhook', id: 'k-2' });
    const req = receiver.server.requestsTo('POST', '/disable').at(-1)!;
    const expected = `sha256=${createHmac('sha256', HMAC).update(req.body).digest('hex')}`;
    expect(req.headers['x-keyguard-signature']).toBe(expected);
    expect(req.headers['x-keyguard-timestamp']).toBe('1768910400');
    expect(signWebhookBody(req.body, HMAC)).toBe(expected);
  });

  it('is refused by the receiver when the secret is wrong', async () => {
    const before = receiver.rejected;
    await expect(
      provider({ secret: 'wrong-secret' }).disable!({ provider: 'webhook', id: 'k' }),
    ).rejects.toThrow(/401/);
    expect(receiver.rejected).toBe(before + 1);
  });

  it('sends delete to the disable URL with action delete', async () => {
    await provider().delete!({ provider: 'webhook', id: 'k-3' });
    expect(receiver.accepted.at(-1)).toMatchObject({ action: 'delete', keyRef: { id: 'k-3' } });
  });

  it('locates a key by its fingerprint without sending it anywhere', async () => {
    const key = new Secret(gen.openrouter());
    const n = receiver.server.requests.length;
    const r = await provider().locate!(key);
    expect(r).toEqual({
      status: 'found',
      ref: { provider: 'webhook', id: key.fingerprint, redactedValue: key.redacted },
    });
    expect(receiver.server.requests.length).toBe(n);
  });

  it('never sends the leaked key, and reports verification as unknown', async () => {
    const key = gen.openrouter();
    const v = await provider().verify(new Secret(key));
    expect(v.status).toBe('unknown');
    expect(receiver.server.requests.map((r) => r.body).join()).not.toContain(key);
  });

  it('does not repeat a create after a dropped connection (a second key would be made)', async () => {
    receiver.server.injectFault({ path: '/create', fault: { kind: 'drop' } });
    await expect(provider().create!({ name: 'again' })).rejects.toThrow(/may have taken effect/);
    expect(receiver.server.requests.filter((r) => r.path === '/create' && r.faulted)).toHaveLength(1);
    expect(receiver.server.requests.at(-1)!.faulted).toBe(true);
  });

  it('fails a create whose answer lacks {id, key}', async () => {
    receiver.server.injectFault({
      path: '/create',
      fault: { kind: 'status', status: 200, body: { ok: true } },
    });
    await expect(provider().create!({ name: 'x' })).rejects.toThrow(/\{id, key\}/);
  });

  it('keeps the HMAC secret out of errors', async () => {
    receiver.server.injectFault({
      path: '/disable',
      fault: { kind: 'status', status: 500, body: { error: `failed with ${HMAC}` } },
      times: 10,
    });
    const err = await provider().disable!({ provider: 'webhook', id: 'k' }).catch((e) => e);
    expect(err.message).toMatch(/500/);
    expect(err.message).not.toContain(HMAC);
  });
});
