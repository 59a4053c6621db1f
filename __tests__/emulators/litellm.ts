/**
 * LiteLLM proxy emulator (reference §6): master-key admin endpoints under `/key/*`, spend logs
 * (`/spend/logs`, `/spend/logs/v2`) that tests seed, and inference `GET /v1/models` for virtual keys.
 * Keys are stored by token = sha256 hex of the raw key; admin endpoints accept the raw key or the token.
 */
import { createHash } from 'node:crypto';
import { KeyGen } from '../helpers/keygen.js';
import { Contract } from './contract.js';
import { ServedEmulator } from './served.js';
import { bearer, type EmulatorRequest, type EmulatorResponse, EmulatorServer } from './server.js';

export interface LiteLLMToken {
  token: string;
  key_name: string;
  key_alias: string | null;
  spend: number;
  max_budget: number | null;
  budget_duration: string | null;
  expires: string | null;
  models: string[];
  metadata: Record<string, unknown>;
  tpm_limit: number | null;
  rpm_limit: number | null;
  allowed_routes: string[];
  key_type: string;
  blocked: boolean | null;
  created_at: string;
}

export interface SpendLogRow {
  request_id: string;
  api_key: string;
  model: string;
  call_type: string;
  spend: number;
  total_tokens: number;
  prompt_tokens: number;
  completion_tokens: number;
  startTime: string;
  endTime: string;
  status: 'success' | 'failure';
  requester_ip_address: string | null;
  metadata: Record<string, unknown>;
}

const authErr = (message: string): EmulatorResponse => ({
  status: 401,
  body: { error: { message, type: 'auth_error', param: 'None', code: '401' } },
});

let contract: Contract | undefined;
function liteLLMContract(): Contract {
  contract ??= new Contract('litellm-proxy-transcribed');
  return contract;
}

/** `/key/info`'s `info`: the proxy pops the hashed token before answering (info_key_fn). */
function infoJson(t: LiteLLMToken): Omit<LiteLLMToken, 'token'> {
  const { token: _token, ...rest } = t;
  return rest;
}

/** `/spend/logs` summarised: one object per day with the spend per key, user and model. */
function perDay(rows: SpendLogRow[]): Record<string, unknown>[] {
  const days = new Map<
    string,
    {
      startTime: string;
      spend: number;
      users: Record<string, number>;
      models: Record<string, number>;
      [k: string]: unknown;
    }
  >();
  for (const r of rows) {
    const day = r.startTime.slice(0, 10);
    const d = days.get(day) ?? { startTime: day, spend: 0, users: {}, models: {} };
    d.spend += r.spend ?? 0;
    d.models[r.model] = ((d.models[r.model] as number | undefined) ?? 0) + (r.spend ?? 0);
    d[r.api_key] = ((d[r.api_key] as number | undefined) ?? 0) + (r.spend ?? 0);
    days.set(day, d);
  }
  return [...days.values()];
}

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

const KNOWN_FIELDS = new Set([
  'models',
  'max_budget',
  'budget_duration',
  'duration',
  'key_alias',
  'rpm_limit',
  'tpm_limit',
  'allowed_routes',
  'key_type',
  'metadata',
  'key',
  'team_id',
  'user_id',
  'tags',
  'max_parallel_requests',
]);

export class LiteLLMEmulator extends ServedEmulator {
  readonly server = new EmulatorServer('litellm');
  readonly tokens = new Map<string, LiteLLMToken>();
  readonly deleted = new Set<string>();
  readonly spendLogs: SpendLogRow[] = [];
  readonly masterKey: string;
  /** Set false to emulate a proxy without `/spend/logs/v2`. */
  spendLogsV2 = true;
  /** Set true to emulate a proxy whose `/spend/logs` ignores `summarize=false` (per-day totals only). */
  spendLogsAlwaysSummarize = false;
  readonly #gen: KeyGen;

  constructor(seed = 11) {
    super();
    this.#gen = new KeyGen(seed);
    this.masterKey = `sk-${this.#gen.alnum(32)}`;
    const s = this.server;
    // A transcription of the proxy's generated OpenAPI: see its x-sources.
    s.enforce({
      contract: liteLLMContract(),
      errorBody: (status, message) => ({
        error: {
          message,
          type: status === 401 ? 'auth_error' : 'bad_request_error',
          param: 'None',
          code: String(status),
        },
      }),
    });
    s.route('POST', '/key/generate', (req) => {
      const denied = this.#master(req);
      if (denied) return denied;
      const bad = this.#validate(req.body);
      if (bad) return bad;
      const b = req.body;
      const key = typeof b.key === 'string' ? b.key : this.#gen.litellm();
      const t = this.#store(key, b);
      return { status: 200, body: { ...t, key, token: t.token, token_id: t.token } };
    });
    s.route('POST', '/key/update', (req) => {
      const denied = this.#master(req);
      if (denied) return denied;
      const t = this.#find(req.body?.key);
      if (!t) return { status: 404, body: { detail: 'key not found' } };
      for (const f of ['models', 'max_budget', 'rpm_limit', 'tpm_limit', 'key_alias', 'metadata'] as const) {
        if (req.body[f] !== undefined) (t as any)[f] = req.body[f];
      }
      return { status: 200, body: t };
    });
    for (const [path, blocked] of [
      ['/key/block', true],
      ['/key/unblock', false],
    ] as const) {
      s.route('POST', path, (req) => {
        const denied = this.#master(req);
        if (denied) return denied;
        if (typeof req.body?.key !== 'string') return this.#detail(['body', 'key'], 'Field required');
        const t = this.#find(req.body.key);
        if (!t) return { status: 404, body: { detail: 'key not found' } };
        t.blocked = blocked;
        return { status: 200, body: t };
      });
    }
    s.route('POST', '/key/delete', (req) => {
      const denied = this.#master(req);
      if (denied) return denied;
      const keys: unknown = req.body?.keys;
      if (!Array.isArray(keys)) return this.#detail(['body', 'keys'], 'Field required');
      const found = keys.map((k) => this.#find(String(k)));
      if (found.some((t) => !t)) return { status: 404, body: { detail: 'key not found' } };
      for (const t of found) {
        this.tokens.delete(t!.token);
        this.deleted.add(t!.token);
      }
      return { status: 200, body: { deleted_keys: keys } };
    });
    s.route('GET', '/key/info', (req) => {
      const caller = bearer(req);
      const asked = req.query.get('key');
      if (asked === null) {
        // The caller asks about itself.
        const t = caller ? this.#find(caller) : undefined;
        const dead = this.#dead(t);
        if (dead) return dead;
        return { status: 200, body: { key: t!.token, info: infoJson(t!) } };
      }
      const denied = this.#master(req);
      if (denied) return denied;
      const t = this.#find(asked);
      if (!t) return { status: 404, body: { detail: { error: `Key not found: ${asked.slice(0, 6)}` } } };
      return { status: 200, body: { key: t.token, info: infoJson(t) } };
    });
    s.route('GET', '/key/list', (req) => {
      const denied = this.#master(req);
      if (denied) return denied;
      const page = Number(req.query.get('page') ?? 1);
      const size = Math.min(100, Number(req.query.get('size') ?? 10));
      const all = [...this.tokens.values()];
      return {
        status: 200,
        body: {
          keys: all.slice((page - 1) * size, page * size).map((t) => t.token),
          total_count: all.length,
          current_page: page,
          total_pages: Math.ceil(all.length / size),
        },
      };
    });
    s.route('GET', '/spend/logs', (req) => {
      const denied = this.#master(req);
      if (denied) return denied;
      // view_spend_logs: with both dates (strptime '%Y-%m-%d', the contract checked the form) it keeps
      // startTime >= start midnight and <= end midnight, and unless summarize=false answers per-day totals.
      const start = req.query.get('start_date');
      const end = req.query.get('end_date');
      if (start && end) {
        const from = Date.parse(`${start}T00:00:00Z`);
        const to = Date.parse(`${end}T00:00:00Z`);
        const rows = this.#filterLogs(req, false).filter((r) => {
          const t = Date.parse(r.startTime);
          return t >= from && t <= to;
        });
        if (this.spendLogsAlwaysSummarize || req.query.get('summarize') !== 'false') {
          return { status: 200, body: perDay(rows) };
        }
        return { status: 200, body: rows };
      }
      return { status: 200, body: this.#filterLogs(req) };
    });
    s.route('GET', '/spend/logs/v2', (req) => {
      if (!this.spendLogsV2) return { status: 404, body: { detail: 'Not Found' } };
      const denied = this.#master(req);
      if (denied) return denied;
      const rows = this.#filterLogs(req);
      const page = Number(req.query.get('page') ?? 1);
      const size = Math.min(100, Number(req.query.get('page_size') ?? 50));
      return {
        status: 200,
        body: {
          data: rows.slice((page - 1) * size, page * size),
          total: rows.length,
          page,
          page_size: size,
          total_pages: Math.max(1, Math.ceil(rows.length / size)),
        },
      };
    });
    s.route('GET', '/v1/models', (req) => {
      const caller = bearer(req);
      if (caller === this.masterKey) return { status: 200, body: { object: 'list', data: [] } };
      const t = caller ? this.#find(caller) : undefined;
      const dead = this.#dead(t);
      if (dead) return dead;
      const models = t!.models.length ? t!.models : ['gpt-4o-mini'];
      return {
        status: 200,
        body: { object: 'list', data: models.map((id) => ({ id, object: 'model', owned_by: 'openai' })) },
      };
    });
  }

  get baseUrl(): string {
    return this.server.baseUrl;
  }

  /** Adds a virtual key; returns the raw key. */
  seedKey(opts: Partial<LiteLLMToken> & { duration?: string } = {}): string {
    const key = this.#gen.litellm();
    const t = this.#store(key, opts);
    if (opts.blocked !== undefined) t.blocked = opts.blocked;
    if (opts.expires !== undefined) t.expires = opts.expires;
    return key;
  }

  tokenOf(key: string): string {
    return sha(key);
  }

  seedSpend(key: string, rows: Partial<SpendLogRow>[]): void {
    for (const r of rows) {
      this.spendLogs.push({
        request_id: `req-${this.spendLogs.length}`,
        api_key: sha(key),
        model: 'gpt-4o-mini',
        call_type: 'acompletion',
        spend: 0.001,
        total_tokens: 30,
        prompt_tokens: 10,
        completion_tokens: 20,
        startTime: '2026-01-01T00:00:00.000Z',
        endTime: '2026-01-01T00:00:01.000Z',
        status: 'success',
        requester_ip_address: '203.0.113.7',
        metadata: { user_agent: 'python-requests/2.31' },
        ...r,
      });
    }
  }

  #store(key: string, b: Record<string, any>): LiteLLMToken {
    const token = sha(key);
    const days = typeof b.duration === 'string' ? /^(\d+)d$/.exec(b.duration) : null;
    const t: LiteLLMToken = {
      token,
      key_name: `sk-...${key.slice(-4)}`,
      key_alias: b.key_alias ?? null,
      spend: 0,
      max_budget: b.max_budget ?? null,
      budget_duration: b.budget_duration ?? null,
      expires: days ? new Date(Date.now() + Number(days[1]) * 86_400_000).toISOString() : null,
      models: b.models ?? [],
      metadata: b.metadata ?? {},
      tpm_limit: b.tpm_limit ?? null,
      rpm_limit: b.rpm_limit ?? null,
      allowed_routes: b.allowed_routes ?? (b.key_type === 'llm_api' ? ['llm_api_routes'] : []),
      key_type: b.key_type ?? 'default',
      blocked: null,
      created_at: new Date().toISOString(),
    };
    this.tokens.set(token, t);
    return t;
  }

  #find(keyOrToken: string | undefined): LiteLLMToken | undefined {
    if (!keyOrToken) return undefined;
    return this.tokens.get(keyOrToken) ?? this.tokens.get(sha(keyOrToken));
  }

  #dead(t: LiteLLMToken | undefined): EmulatorResponse | undefined {
    if (!t)
      return authErr('Authentication Error, Invalid proxy server token passed. Received API Key = sk-...');
    if (t.blocked)
      return authErr('Authentication Error, Key is blocked. Update via `/key/unblock` if you are admin.');
    if (t.expires && Date.parse(t.expires) < Date.now())
      return authErr('Authentication Error - Expired Key.');
    return undefined;
  }

  #master(req: EmulatorRequest): EmulatorResponse | undefined {
    const caller = bearer(req);
    if (caller === this.masterKey) return undefined;
    if (caller && this.#find(caller)) {
      return authErr(
        'Authentication Error, Only proxy admin can be used to generate, delete, update info for new keys/users/teams.',
      );
    }
    return authErr('Authentication Error, Invalid proxy server token passed.');
  }

  #detail(loc: string[], msg: string): EmulatorResponse {
    return { status: 422, body: { detail: [{ loc, msg, type: 'missing' }] } };
  }

  #validate(b: any): EmulatorResponse | undefined {
    if (!b || typeof b !== 'object') return this.#detail(['body'], 'Field required');
    for (const k of Object.keys(b)) {
      if (!KNOWN_FIELDS.has(k)) return this.#detail(['body', k], 'Extra inputs are not permitted');
    }
    if (b.models !== undefined && !Array.isArray(b.models))
      return this.#detail(['body', 'models'], 'Input should be a valid list');
    for (const n of ['max_budget', 'rpm_limit', 'tpm_limit']) {
      if (b[n] !== undefined && b[n] !== null && typeof b[n] !== 'number') {
        return this.#detail(['body', n], 'Input should be a valid number');
      }
    }
    if (b.key_type !== undefined && !['llm_api', 'management', 'read_only', 'default'].includes(b.key_type)) {
      return this.#detail(['body', 'key_type'], 'Input should be llm_api, management, read_only or default');
    }
    return undefined;
  }

  #filterLogs(req: EmulatorRequest, byTime = true): SpendLogRow[] {
    const apiKey = req.query.get('api_key');
    const token = apiKey
      ? (this.#find(apiKey)?.token ?? (this.deleted.has(apiKey) ? apiKey : sha(apiKey)))
      : undefined;
    const parse = (s: string | null) => (s ? Date.parse(`${s.replace(' ', 'T')}Z`) : undefined);
    const start = byTime ? parse(req.query.get('start_date')) : undefined;
    const end = byTime ? parse(req.query.get('end_date')) : undefined;
    return this.spendLogs.filter((r) => {
      if (token && r.api_key !== token) return false;
      const t = Date.parse(r.startTime);
      if (start !== undefined && t < start) return false;
      if (end !== undefined && t > end) return false;
      return true;
    });
  }
}
