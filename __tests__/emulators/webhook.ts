/**
 * A webhook receiver for the webhook provider: checks `X-Keyguard-Signature` (sha256 HMAC of the raw
 * body) and the timestamp header, records every accepted call, and answers `create` with `{id, key}`.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { KeyGen } from '../helpers/keygen.js';
import { ServedEmulator } from './served.js';
import { type EmulatorRequest, type EmulatorResponse, EmulatorServer } from './server.js';

export interface WebhookCall {
  action: string;
  provider: string;
  keyRef: unknown;
  policy?: unknown;
  timestamp: number;
}

export class WebhookReceiver extends ServedEmulator {
  readonly server = new EmulatorServer('webhook');
  /** Calls whose signature checked out. */
  readonly accepted: WebhookCall[] = [];
  /** Calls refused for a bad or missing signature. */
  rejected = 0;
  readonly #gen = new KeyGen(17);
  #next = 1;

  constructor(
    readonly secret: string,
    readonly headerName = 'x-keyguard-signature',
    readonly timestampHeader = 'x-keyguard-timestamp',
  ) {
    super();
    this.server.route('POST', '/create', (req) => this.#handle(req));
    this.server.route('POST', '/disable', (req) => this.#handle(req));
  }

  get baseUrl(): string {
    return this.server.baseUrl;
  }

  #handle(req: EmulatorRequest): EmulatorResponse {
    const sig = req.headers[this.headerName.toLowerCase()];
    const ts = req.headers[this.timestampHeader.toLowerCase()];
    const expected = `sha256=${createHmac('sha256', this.secret).update(req.text).digest('hex')}`;
    const ok =
      typeof sig === 'string' &&
      sig.length === expected.length &&
      timingSafeEqual(Buffer.from(sig), Buffer.from(expected)) &&
      typeof ts === 'string' &&
      Number(ts) === req.body?.timestamp;
    if (!ok) {
      this.rejected++;
      return { status: 401, body: { error: 'bad signature' } };
    }
    this.accepted.push(req.body as WebhookCall);
    if (req.body.action === 'create') {
      return { status: 200, body: { id: `ext-${this.#next++}`, key: this.#gen.openrouter() } };
    }
    return { status: 200, body: { ok: true } };
  }
}
