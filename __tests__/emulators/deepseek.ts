/** DeepSeek API emulator (reference §4): `GET /models` and `GET /user/balance`, keys seeded by tests. */
import { KeyGen } from '../helpers/keygen.js';
import { ServedEmulator } from './served.js';
import { bearer, type EmulatorRequest, type EmulatorResponse, EmulatorServer } from './server.js';

export interface DeepSeekAccount {
  balance: string;
  /** false → 402 Insufficient Balance on balance-free calls is not emulated; is_available false. */
  available: boolean;
}

export class DeepSeekEmulator extends ServedEmulator {
  readonly server = new EmulatorServer('deepseek');
  readonly keys = new Map<string, DeepSeekAccount>();
  readonly #gen: KeyGen;

  constructor(seed = 13) {
    super();
    this.#gen = new KeyGen(seed);
    this.server.route('GET', '/models', (req) => {
      const denied = this.#auth(req);
      if (denied) return denied;
      return {
        status: 200,
        body: {
          object: 'list',
          data: [
            { id: 'deepseek-chat', object: 'model', owned_by: 'deepseek' },
            { id: 'deepseek-reasoner', object: 'model', owned_by: 'deepseek' },
          ],
        },
      };
    });
    this.server.route('GET', '/user/balance', (req) => {
      const denied = this.#auth(req);
      if (denied) return denied;
      const a = this.keys.get(bearer(req)!)!;
      return {
        status: 200,
        body: {
          is_available: a.available,
          balance_infos: [
            {
              currency: 'CNY',
              total_balance: a.balance,
              granted_balance: '0.00',
              topped_up_balance: a.balance,
            },
          ],
        },
      };
    });
  }

  get baseUrl(): string {
    return this.server.baseUrl;
  }

  seedKey(account: Partial<DeepSeekAccount> = {}, key = this.#gen.deepseek()): string {
    this.keys.set(key, { balance: '110.00', available: true, ...account });
    return key;
  }

  revoke(key: string): void {
    this.keys.delete(key);
  }

  #auth(req: EmulatorRequest): EmulatorResponse | undefined {
    const token = bearer(req);
    if (token && this.keys.has(token)) return undefined;
    const tail = token ? token.slice(-4) : '';
    return {
      status: 401,
      body: {
        error: {
          message: token
            ? `Authentication Fails, Your api key: ****${tail} is invalid`
            : 'Authentication Fails (no such user)',
          type: 'authentication_error',
          param: null,
          code: 'invalid_request_error',
        },
      },
    };
  }
}
