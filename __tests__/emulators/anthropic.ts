/**
 * Anthropic API emulator: `/v1/models` liveness (x-api-key + anthropic-version), the Admin API key list,
 * retrieve and update (`status: inactive` disables), `/v1/organizations/me`, and the messages usage
 * report, with in-memory state tests seed and inspect. Wire formats: provider-apis.md §3.
 */
import { KeyGen } from '../helpers/keygen.js';
import { Contract } from './contract.js';
import { type EmulatorRequest, type EmulatorResponse, EmulatorServer, type FaultRule } from './server.js';

export type AnthropicKeyStatus = 'active' | 'inactive' | 'archived' | 'expired';

export interface AnthropicKeyRecord {
  id: string;
  name: string;
  value: string;
  status: AnthropicKeyStatus;
  created_at: string;
  workspace_id: string | null;
  /** Overrides the computed hint (to build collisions). */
  hintOverride?: string;
}

export interface AnthropicUsageRecord {
  apiKeyId: string;
  model: string;
  /** Unix seconds. */
  time: number;
  uncachedInputTokens: number;
  cacheReadInputTokens?: number;
  cacheCreationInputTokens?: number;
  outputTokens: number;
}

export interface AnthropicEmulatorOptions {
  seed?: number;
  /** Characters of the key shown before `...` in `partial_key_hint` (default 16). */
  hintPrefixLength?: number;
  /** A usage report that ignores the key filter and grouping: rows come back with `api_key_id: null`. */
  usageIgnoresKeyFilter?: boolean;
}

const now = () => Math.floor(Date.now() / 1000);
const DAY = 86_400;

function error(status: number, type: string, message: string, headers: Record<string, string> = {}) {
  const requestId = `req_${Math.random().toString(36).slice(2, 14)}`;
  return {
    status,
    headers: { 'request-id': requestId, ...headers },
    body: { type: 'error', error: { type, message }, request_id: requestId },
  };
}

/** An array query parameter under the exact name the description declares (`api_key_ids[]`). */
function listParam(q: URLSearchParams, name: string): string[] {
  return q.getAll(name).filter(Boolean);
}

let contract: Contract | undefined;
function anthropicContract(): Contract {
  contract ??= new Contract('anthropic-admin-transcribed');
  return contract;
}

export class AnthropicEmulator {
  readonly server = new EmulatorServer('anthropic');
  readonly gen: KeyGen;
  readonly options: Required<AnthropicEmulatorOptions>;
  readonly keys = new Map<string, AnthropicKeyRecord>();
  readonly adminKeys = new Set<string>();
  /** Admin keys of other organizations (value → organization id): they see only their own. */
  readonly foreignAdminKeys = new Map<string, string>();
  /** Live API keys of other organizations (value → organization id). */
  readonly foreignKeys = new Map<string, string>();
  readonly usage: AnthropicUsageRecord[] = [];
  readonly models = ['claude-opus-4-1', 'claude-sonnet-4-5', 'claude-haiku-4-5'];
  #seq = 0;

  constructor(options: AnthropicEmulatorOptions = {}) {
    this.options = { seed: 7, hintPrefixLength: 16, usageIgnoresKeyFilter: false, ...options };
    this.gen = new KeyGen(this.options.seed);
    // A transcription (Anthropic publishes no machine-readable description): see its x-sources.
    this.server.enforce({
      contract: anthropicContract(),
      errorBody: (status, message) =>
        error(
          status,
          status === 401
            ? 'authentication_error'
            : status === 404
              ? 'not_found_error'
              : 'invalid_request_error',
          message,
        ).body,
    });
    this.#routes();
  }

  get baseUrl(): string {
    return this.server.baseUrl;
  }

  get requests() {
    return this.server.requests;
  }

  requestsTo(method: string, path: string | RegExp) {
    return this.server.requestsTo(method, path);
  }

  injectFault(rule: FaultRule): this {
    this.server.injectFault(rule);
    return this;
  }

  clearFaults(): void {
    this.server.clearFaults();
  }

  /** The next `times` matching requests answer 429 `rate_limit_error` with `retry-after`. */
  rateLimit(path: string | RegExp, times = 1, retryAfterSeconds = 0): this {
    const body = {
      type: 'error',
      error: { type: 'rate_limit_error', message: 'Number of requests has exceeded your rate limit.' },
      request_id: 'req_ratelimited',
    };
    return this.injectFault({
      path,
      times,
      fault: { kind: 'status', status: 429, headers: { 'retry-after': String(retryAfterSeconds) }, body },
    });
  }

  /** The next `times` matching requests answer 529 `overloaded_error`. */
  overload(path: string | RegExp, times = 1): this {
    const body = {
      type: 'error',
      error: { type: 'overloaded_error', message: 'Overloaded' },
      request_id: 'req_o',
    };
    return this.injectFault({ path, times, fault: { kind: 'status', status: 529, body } });
  }

  stop(): Promise<void> {
    return this.server.stop();
  }

  // ------------------------------------------------------------------ state helpers

  addKey(opts: { name?: string; value?: string; status?: AnthropicKeyStatus; workspaceId?: string } = {}) {
    this.#seq++;
    const rec: AnthropicKeyRecord = {
      id: `apikey_01${this.#seq.toString(36).padStart(4, '0')}${this.gen.alnum(18)}`,
      name: opts.name ?? `Key ${this.#seq}`,
      value: opts.value ?? this.gen.anthropic(),
      status: opts.status ?? 'active',
      created_at: new Date((now() - 10 * DAY + this.#seq) * 1000).toISOString(),
      workspace_id: opts.workspaceId ?? null,
    };
    this.keys.set(rec.id, rec);
    return rec;
  }

  /** A second key whose `partial_key_hint` is identical to `keyId`'s. */
  addTwin(keyId: string): AnthropicKeyRecord {
    const orig = this.keys.get(keyId);
    if (!orig) throw new Error(`no key ${keyId}`);
    const n = this.options.hintPrefixLength;
    const value = orig.value.slice(0, n) + this.gen.b64url(orig.value.length - n - 4) + orig.value.slice(-4);
    return this.addKey({ value });
  }

  addAdminKey(): string {
    const v = this.gen.anthropicAdmin();
    this.adminKeys.add(v);
    return v;
  }

  /**
   * A live API key of another organization whose hint is the same as our key `keyId`'s (a hint shows
   * a few characters only): the inference API accepts it and names its own organization.
   */
  addForeignLookalike(keyId: string): string {
    const orig = this.keys.get(keyId);
    if (!orig) throw new Error(`no key ${keyId}`);
    const n = this.options.hintPrefixLength;
    const v = orig.value.slice(0, n) + this.gen.b64url(orig.value.length - n - 4) + orig.value.slice(-4);
    this.foreignKeys.set(v, 'org_someone_else');
    return v;
  }

  /** A live admin key of another organization. */
  addForeignAdminKey(): string {
    const v = this.gen.anthropicAdmin();
    this.foreignAdminKeys.set(v, 'org_someone_else');
    return v;
  }

  /** What a human does in the Console: deletes an admin key (the API cannot). */
  deleteAdminKeyInConsole(value: string): void {
    this.adminKeys.delete(value);
  }

  seedUsage(rec: Partial<AnthropicUsageRecord> & { apiKeyId: string; time: number }): void {
    this.usage.push({ model: 'claude-sonnet-4-5', uncachedInputTokens: 100, outputTokens: 50, ...rec });
  }

  hint(k: AnthropicKeyRecord): string {
    return k.hintOverride ?? `${k.value.slice(0, this.options.hintPrefixLength)}...${k.value.slice(-4)}`;
  }

  keyByValue(value: string): AnthropicKeyRecord | undefined {
    return [...this.keys.values()].find((k) => k.value === value);
  }

  #keyJson(k: AnthropicKeyRecord) {
    return {
      type: 'api_key',
      id: k.id,
      name: k.name,
      created_at: k.created_at,
      created_by: { id: 'user_01emulated', type: 'user' },
      expires_at: null,
      partial_key_hint: this.hint(k),
      status: k.status,
      workspace_id: k.workspace_id,
    };
  }

  // ------------------------------------------------------------------ auth

  /** Checks the headers every call needs; `admin` also requires an admin key. */
  #auth(req: EmulatorRequest, admin: boolean): EmulatorResponse | undefined {
    const key = req.headers['x-api-key'];
    if (typeof key !== 'string' || !key)
      return error(401, 'authentication_error', 'x-api-key header is required');
    if (!req.headers['anthropic-version']) {
      return error(400, 'invalid_request_error', 'anthropic-version: header is required');
    }
    if (admin) {
      if (this.adminKeys.has(key)) return undefined;
      if (this.keyByValue(key)?.status === 'active') {
        return error(403, 'permission_error', 'This endpoint requires an admin API key.');
      }
      return error(401, 'authentication_error', 'invalid x-api-key');
    }
    const k = this.keyByValue(key);
    if (k?.status === 'active' || this.adminKeys.has(key) || this.foreignKeys.has(key)) return undefined;
    return error(401, 'authentication_error', 'invalid x-api-key');
  }

  // ------------------------------------------------------------------ routes

  #routes(): void {
    const s = this.server;
    s.route('GET', '/v1/models', (req) => {
      const denied = this.#auth(req, false);
      if (denied) return denied;
      if (this.adminKeys.has(String(req.headers['x-api-key']))) {
        return error(401, 'authentication_error', 'invalid x-api-key');
      }
      const all = this.models.map((id) => ({
        type: 'model',
        id,
        display_name: id,
        created_at: '2025-05-22T00:00:00Z',
      }));
      const page = this.#page(req, all, 20, 1000);
      // Every answer names the organization of the key used.
      const org = this.foreignKeys.get(String(req.headers['x-api-key'])) ?? 'org_emulated';
      return { ...page, headers: { ...page.headers, 'anthropic-organization-id': org } };
    });

    s.route('GET', '/v1/organizations/me', (req) => {
      const foreign = this.foreignAdminKeys.get(String(req.headers['x-api-key']));
      if (foreign && req.headers['anthropic-version'])
        return { status: 200, body: { id: foreign, type: 'organization', name: 'Someone Else' } };
      const denied = this.#auth(req, true);
      if (denied) return denied;
      return { status: 200, body: { id: 'org_emulated', type: 'organization', name: 'Emulated Org' } };
    });

    s.route('GET', '/v1/organizations/api_keys', (req) => {
      const denied = this.#auth(req, true);
      if (denied) return denied;
      const status = req.query.get('status');
      const workspace = req.query.get('workspace_id');
      const list = [...this.keys.values()]
        .filter((k) => (!status || k.status === status) && (!workspace || k.workspace_id === workspace))
        .map((k) => this.#keyJson(k));
      return this.#page(req, list, 20, 1000);
    });

    s.route('GET', '/v1/organizations/api_keys/:id', (req) => {
      const denied = this.#auth(req, true);
      if (denied) return denied;
      const k = this.keys.get(req.params.id!);
      if (!k) return error(404, 'not_found_error', `API key not found: ${req.params.id}`);
      return { status: 200, body: this.#keyJson(k) };
    });

    s.route('POST', '/v1/organizations/api_keys/:id', (req) => {
      const denied = this.#auth(req, true);
      if (denied) return denied;
      const k = this.keys.get(req.params.id!);
      if (!k) return error(404, 'not_found_error', `API key not found: ${req.params.id}`);
      const { name, status } = req.body ?? {};
      if (status !== undefined && !['active', 'inactive', 'archived'].includes(status)) {
        return error(
          400,
          'invalid_request_error',
          `status: Input should be 'active', 'inactive' or 'archived'`,
        );
      }
      if (name !== undefined && (typeof name !== 'string' || name.length < 1 || name.length > 500)) {
        return error(400, 'invalid_request_error', 'name: String should have 1 to 500 characters');
      }
      if (k.status === 'archived' && status && status !== 'archived') {
        return error(400, 'invalid_request_error', 'Archived API keys cannot be changed.');
      }
      if (name) k.name = name;
      if (status) k.status = status;
      return { status: 200, body: this.#keyJson(k) };
    });

    s.route('GET', '/v1/organizations/usage_report/messages', (req) => {
      const denied = this.#auth(req, true);
      if (denied) return denied;
      return this.#usage(req);
    });
  }

  /** `limit`, `after_id`, `before_id` → `{data, first_id, last_id, has_more}`. */
  #page(req: EmulatorRequest, items: { id: string }[], def: number, max: number): EmulatorResponse {
    const limit = req.query.get('limit') ? Number(req.query.get('limit')) : def;
    if (!Number.isInteger(limit) || limit < 1 || limit > max) {
      return error(400, 'invalid_request_error', `limit: Input should be between 1 and ${max}`);
    }
    let start = 0;
    let end = items.length;
    const after = req.query.get('after_id');
    const before = req.query.get('before_id');
    if (after) {
      const i = items.findIndex((x) => x.id === after);
      if (i < 0) return error(400, 'invalid_request_error', `after_id: unknown id ${after}`);
      start = i + 1;
    }
    if (before) {
      const i = items.findIndex((x) => x.id === before);
      if (i < 0) return error(400, 'invalid_request_error', `before_id: unknown id ${before}`);
      end = i;
      start = Math.max(start, end - limit);
    }
    const data = items.slice(start, Math.min(end, start + limit));
    return {
      status: 200,
      body: {
        data,
        has_more: start + data.length < end,
        first_id: data[0]?.id ?? null,
        last_id: data[data.length - 1]?.id ?? null,
      },
    };
  }

  #usage(req: EmulatorRequest): EmulatorResponse {
    const q = req.query;
    const startIso = q.get('starting_at');
    const start = startIso ? Date.parse(startIso) / 1000 : Number.NaN;
    if (!Number.isFinite(start)) {
      return error(400, 'invalid_request_error', 'starting_at: Field required (RFC 3339)');
    }
    const end = q.get('ending_at') ? Date.parse(q.get('ending_at')!) / 1000 : now();
    const width = q.get('bucket_width') ?? '1d';
    const seconds = { '1m': 60, '1h': 3600, '1d': DAY }[width];
    if (!seconds) return error(400, 'invalid_request_error', `bucket_width: unknown value ${width}`);
    const [def, max] = { '1m': [60, 1440], '1h': [24, 168], '1d': [7, 31] }[width]!;
    const limit = q.get('limit') ? Number(q.get('limit')) : def!;
    if (!Number.isInteger(limit) || limit < 1 || limit > max!) {
      return error(400, 'invalid_request_error', `limit: must be 1 to ${max} for bucket_width ${width}`);
    }
    const ignore = this.options.usageIgnoresKeyFilter;
    const keyIds = ignore ? [] : listParam(q, 'api_key_ids[]');
    const models = listParam(q, 'models[]');
    const groupBy = listParam(q, 'group_by[]').filter((g) => !ignore || g !== 'api_key_id');
    const offset = q.get('page') ? Number(Buffer.from(q.get('page')!, 'base64url').toString('utf8')) : 0;
    if (!Number.isInteger(offset) || offset < 0)
      return error(400, 'invalid_request_error', 'page: invalid token');
    const first = Math.floor(start / seconds) * seconds;
    const total = Math.max(0, Math.ceil((end - first) / seconds));
    const records = this.usage.filter(
      (u) =>
        u.time >= start &&
        u.time < end &&
        (!keyIds.length || keyIds.includes(u.apiKeyId)) &&
        (!models.length || models.includes(u.model)),
    );
    const data = [];
    for (let i = offset; i < Math.min(total, offset + limit); i++) {
      const b = first + i * seconds;
      const groups = new Map<string, AnthropicUsageRecord[]>();
      for (const u of records.filter((r) => r.time >= b && r.time < b + seconds)) {
        const key = groupBy
          .map((g) => (g === 'api_key_id' ? u.apiKeyId : g === 'model' ? u.model : ''))
          .join('|');
        groups.set(key, [...(groups.get(key) ?? []), u]);
      }
      const sum = (us: AnthropicUsageRecord[], f: (u: AnthropicUsageRecord) => number | undefined) =>
        us.reduce((a, u) => a + (f(u) ?? 0), 0);
      data.push({
        starting_at: new Date(b * 1000).toISOString(),
        ending_at: new Date((b + seconds) * 1000).toISOString(),
        results: [...groups.values()].map((us) => ({
          api_key_id: groupBy.includes('api_key_id') ? us[0]!.apiKeyId : null,
          workspace_id: null,
          model: groupBy.includes('model') ? us[0]!.model : null,
          service_tier: 'standard',
          context_window: '0-200k',
          uncached_input_tokens: sum(us, (u) => u.uncachedInputTokens),
          cache_read_input_tokens: sum(us, (u) => u.cacheReadInputTokens),
          cache_creation: {
            ephemeral_5m_input_tokens: sum(us, (u) => u.cacheCreationInputTokens),
            ephemeral_1h_input_tokens: 0,
          },
          output_tokens: sum(us, (u) => u.outputTokens),
          server_tool_use: { web_search_requests: 0 },
        })),
      });
    }
    const more = offset + limit < total;
    return {
      status: 200,
      body: {
        data,
        has_more: more,
        next_page: more ? Buffer.from(String(offset + limit)).toString('base64url') : null,
      },
    };
  }
}

export async function startAnthropicEmulator(
  options: AnthropicEmulatorOptions = {},
): Promise<AnthropicEmulator> {
  const emu = new AnthropicEmulator(options);
  await emu.server.start();
  return emu;
}
