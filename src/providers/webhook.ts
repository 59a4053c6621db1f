/**
 * Webhook provider: for keys managed by an in-house system. keyguard POSTs a signed JSON request
 * `{action, provider, keyRef, policy, timestamp}` and the receiver does the work. It never receives
 * the leaked key: only its fingerprint and redacted form (as `keyRef`).
 *
 * Signature: `X-Keyguard-Signature: sha256=<hex HMAC-SHA256 of the raw body>` (GitHub's scheme), and
 * `X-Keyguard-Timestamp: <epoch seconds>`; the same timestamp sits inside the signed body so a
 * receiver can refuse replays.
 */
import { createHmac } from 'node:crypto';
import { Secret } from '../scan/secret.js';
import type { Verification } from '../types.js';
import { createClient, ensureOk, now, ProviderApiError, scrubError } from './compatible-kit.js';
import type { KeyPolicy, KeyRef, LocateResult, NewKey, Provider, ProviderSettings } from './types.js';

export interface WebhookSettings extends ProviderSettings {
  /** Provider id for this instance (default `webhook`). */
  id?: string;
  displayName?: string;
  /** Name of the upstream system, sent as `provider` (default: the id). */
  upstream?: string;
  createUrl: string;
  disableUrl: string;
  /** Default: disableUrl (with action `delete`). */
  deleteUrl?: string;
  /** HMAC key shared with the receiver. */
  secret: Secret | string;
  headerName?: string;
  timestampHeader?: string;
  /** Clock (tests). */
  now?: () => Date;
}

export function signWebhookBody(body: string, secret: Secret | string): string {
  const k = typeof secret === 'string' ? secret : secret.reveal();
  return `sha256=${createHmac('sha256', k).update(body).digest('hex')}`;
}

export function createWebhookProvider(settings: WebhookSettings): Provider {
  const id = settings.id ?? 'webhook';
  const upstream = settings.upstream ?? id;
  const client = createClient(settings);
  const header = settings.headerName ?? 'X-Keyguard-Signature';
  const tsHeader = settings.timestampHeader ?? 'X-Keyguard-Timestamp';
  const clock = settings.now ?? (() => new Date());
  const hmacKey = typeof settings.secret === 'string' ? new Secret(settings.secret) : settings.secret;

  async function send(url: string, payload: Record<string, unknown>) {
    const timestamp = Math.floor(clock().getTime() / 1000);
    const body = JSON.stringify({ ...payload, provider: upstream, timestamp });
    const action = String(payload.action);
    try {
      const res = await client.request({
        method: 'POST',
        url,
        body,
        // Disable and delete may be repeated; a repeated create would make a second key.
        idempotent: action !== 'create',
        headers: {
          'content-type': 'application/json',
          [header]: signWebhookBody(body, hmacKey),
          [tsHeader]: String(timestamp),
        },
      });
      return ensureOk(id, `POST webhook (${action})`, res, [hmacKey]);
    } catch (err) {
      throw scrubError(err, [hmacKey]);
    }
  }

  return {
    id,
    displayName: settings.displayName ?? 'Webhook',
    capabilities: { verify: true, liveness: false, locate: true, create: true, disable: true, usage: false },
    limitations: [
      'Verification is not delegated: the leaked key is never sent to the webhook, so liveness is unknown.',
      'The receiver enforces the policy; keyguard cannot check what it applied.',
      'No usage data.',
    ],
    async verify(): Promise<Verification> {
      return {
        status: 'unknown',
        provider: id,
        endpoint: '(none)',
        detail: 'the webhook provider does not verify keys; the key was not sent',
        checkedAt: now(),
      };
    },
    // The receiver identifies the key by fingerprint (and the redacted form for humans).
    async locate(key: Secret): Promise<LocateResult> {
      return { status: 'found', ref: { provider: id, id: key.fingerprint, redactedValue: key.redacted } };
    },
    async create(policy: KeyPolicy, near?: KeyRef): Promise<NewKey> {
      const res = await send(settings.createUrl, { action: 'create', keyRef: near ?? null, policy });
      const j = res.json as { id?: unknown; key?: unknown; manual?: unknown };
      if (typeof j?.key !== 'string' || (typeof j.id !== 'string' && typeof j.id !== 'number')) {
        throw new ProviderApiError(id, 'POST webhook (create)', 'the answer needs {id, key}', res.status);
      }
      const manual = Array.isArray(j.manual)
        ? j.manual.filter((m): m is string => typeof m === 'string')
        : [];
      return {
        ref: { provider: id, id: String(j.id), name: policy.name },
        secret: new Secret(j.key),
        manual,
      };
    },
    async disable(ref: KeyRef): Promise<void> {
      await send(settings.disableUrl, { action: 'disable', keyRef: ref });
    },
    async delete(ref: KeyRef): Promise<void> {
      await send(settings.deleteUrl ?? settings.disableUrl, { action: 'delete', keyRef: ref });
    },
  };
}
