/**
 * A generic OpenAI-compatible API emulator that stands in for Groq, Moonshot, DashScope, SiliconFlow,
 * Perplexity, xAI and Stripe: `GET /v1/models` plus each provider's cheap read path. Seed keys as
 * live or restricted; anything else is rejected with 401 in the provider's dialect.
 */

import { ServedEmulator } from './served.js';
import { bearer, type EmulatorRequest, type EmulatorResponse, EmulatorServer } from './server.js';

export type CompatibleDialect = 'openai' | 'stripe' | 'xai' | 'moonshot';

export interface CompatibleKey {
  /** A live key without rights on the checked path (Stripe restricted `rk_`): 403. */
  restricted?: boolean;
  /** xAI: a key that exists but is blocked (200 with `api_key_blocked: true`). */
  blocked?: boolean;
}

export class CompatibleEmulator extends ServedEmulator {
  readonly server: EmulatorServer;
  readonly keys = new Map<string, CompatibleKey>();

  /** `prefix` mounts every route below a path (`/openai` for Groq, `/compatible-mode` for DashScope). */
  constructor(
    name = 'compatible',
    readonly dialect: CompatibleDialect = 'openai',
    readonly prefix = '',
  ) {
    super();
    this.server = new EmulatorServer(name);
    const p = prefix;
    const s = this.server;
    s.route('GET', `${p}/v1/models`, (req) =>
      this.#guard(req, () => ({
        status: 200,
        body: { object: 'list', data: [{ id: 'model-a', object: 'model', owned_by: 'emulator' }] },
      })),
    );
    s.route('GET', `${p}/v1/users/me/balance`, (req) =>
      this.#guard(req, () => ({
        status: 200,
        body: {
          code: 0,
          data: { available_balance: 49.58, voucher_balance: 46.58, cash_balance: 3.0 },
          scode: '0x0',
          status: true,
        },
      })),
    );
    s.route('GET', `${p}/v1/user/info`, (req) =>
      this.#guard(req, () => ({
        status: 200,
        body: {
          code: 20000,
          message: 'OK',
          status: true,
          data: { id: 'u1', balance: '1.00', status: 'normal' },
        },
      })),
    );
    s.route('GET', `${p}/v1/api-key`, (req) =>
      this.#guard(req, (k) => ({
        status: 200,
        body: {
          redacted_api_key: 'xai-...abcd',
          api_key_blocked: !!k.blocked,
          api_key_disabled: false,
          team_blocked: false,
          acls: ['api-key:model:*'],
        },
      })),
    );
    s.route('GET', `${p}/v1/charges`, (req) =>
      this.#guard(req, () => ({
        status: 200,
        body: { object: 'list', data: [], has_more: false, url: '/v1/charges' },
      })),
    );
  }

  get baseUrl(): string {
    return `${this.server.baseUrl}${this.prefix}`;
  }

  seedKey(key: string, opts: CompatibleKey = {}): string {
    this.keys.set(key, opts);
    return key;
  }

  #guard(req: EmulatorRequest, ok: (k: CompatibleKey) => EmulatorResponse): EmulatorResponse {
    const token = bearer(req);
    const k = token ? this.keys.get(token) : undefined;
    if (!k) return this.#unauthorized();
    if (k.restricted) {
      return {
        status: 403,
        body: {
          error: {
            type: 'invalid_request_error',
            message: 'The provided key does not have the required permissions for this endpoint.',
          },
        },
      };
    }
    return ok(k);
  }

  #unauthorized(): EmulatorResponse {
    switch (this.dialect) {
      case 'stripe':
        return {
          status: 401,
          body: {
            error: { type: 'invalid_request_error', message: 'Invalid API Key provided: sk_live_****' },
          },
        };
      case 'xai':
        return {
          status: 400,
          body: { code: 'Client specified an invalid argument', error: 'Incorrect API key provided' },
        };
      case 'moonshot':
        return {
          status: 401,
          body: { error: { message: 'Invalid Authentication', type: 'invalid_authentication_error' } },
        };
      default:
        return {
          status: 401,
          body: {
            error: { message: 'Invalid API Key', type: 'invalid_request_error', code: 'invalid_api_key' },
          },
        };
    }
  }
}
