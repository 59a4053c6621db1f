/**
 * OpenRouter API emulator (`/api/v1`, reference §5): `GET /key` for any key, and the management-key
 * endpoints `/keys` (100 per page), `/keys/{hash}` and `/activity`. Key hash = sha256 hex of the raw key.
 */
import { createHash } from 'node:crypto';
import { KeyGen } from '../helpers/keygen.js';
import { Contract } from './contract.js';
import { ServedEmulator } from './served.js';
import { bearer, type EmulatorRequest, type EmulatorResponse, EmulatorServer } from './server.js';

export interface OpenRouterKeyRecord {
  hash: string;
  name: string;
  label: string;
  disabled: boolean;
  limit: number | null;
  limit_reset: string | null;
  usage: number;
  created_at: string;
  updated_at: string | null;
  expires_at: string | null;
  is_management_key: boolean;
}

export interface ActivityRow {
  date: string;
  model: string;
  model_permaslug: string;
  endpoint_id: string;
  provider_name: string;
  usage: number;
  byok_usage_inference: number;
  requests: number;
  prompt_tokens: number;
  completion_tokens: number;
  reasoning_tokens: number;
}

const PAGE = 100;

let contract: Contract | undefined;
function openRouterContract(): Contract {
  contract ??= new Contract('openrouter-keys-subset', '/api/v1', { authorization: 'Bearer' });
  return contract;
}
const err = (status: number, message: string): EmulatorResponse => ({
  status,
  body: { error: { code: status, message } },
});

function usageFields(k: OpenRouterKeyRecord) {
  return {
    usage: k.usage,
    usage_daily: 0,
    usage_weekly: k.usage,
    usage_monthly: k.usage,
    byok_usage: 0,
    byok_usage_daily: 0,
    byok_usage_weekly: 0,
    byok_usage_monthly: 0,
  };
}

/** A key as the keys API returns it: every field the description requires. */
function keyJson(k: OpenRouterKeyRecord) {
  return {
    hash: k.hash,
    name: k.name,
    label: k.label,
    disabled: k.disabled,
    limit: k.limit,
    limit_remaining: k.limit === null ? null : k.limit - k.usage,
    limit_reset: k.limit_reset,
    include_byok_in_limit: false,
    ...usageFields(k),
    created_at: k.created_at,
    updated_at: k.updated_at,
    expires_at: k.expires_at,
    creator_user_id: null,
    workspace_id: DEFAULT_WORKSPACE,
  };
}

const DEFAULT_WORKSPACE = '0df9e665-d932-5740-b2c7-b52af166bc11';

export function sha256Hex(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}

/** OpenRouter's own label form: prefix, 3 characters, `...`, last 3. */
export function openRouterLabel(key: string): string {
  return `sk-or-v1-${key.slice(9, 12)}...${key.slice(-3)}`;
}

export class OpenRouterEmulator extends ServedEmulator {
  readonly server = new EmulatorServer('openrouter');
  /** By hash. */
  readonly keys = new Map<string, OpenRouterKeyRecord>();
  /** Activity rows by key hash. */
  readonly activity = new Map<string, ActivityRow[]>();
  readonly #raw = new Map<string, string>();
  readonly #gen: KeyGen;
  #clock = 0;

  constructor(seed = 7) {
    super();
    this.#gen = new KeyGen(seed);
    const s = this.server;
    s.enforce({ contract: openRouterContract(), errorBody: (status, message) => err(status, message).body });
    const base = '/api/v1';
    s.route('GET', `${base}/key`, (req) => {
      const k = this.#auth(req);
      if (!k) return err(401, 'No auth credentials found');
      return {
        status: 200,
        body: {
          data: {
            label: k.label,
            limit: k.limit,
            limit_remaining: k.limit === null ? null : k.limit - k.usage,
            limit_reset: k.limit_reset,
            include_byok_in_limit: false,
            ...usageFields(k),
            is_free_tier: false,
            is_management_key: k.is_management_key,
            is_provisioning_key: k.is_management_key,
            creator_user_id: null,
            rate_limit: {
              requests: -1,
              interval: '10s',
              note: 'This field is deprecated and safe to ignore.',
            },
            expires_at: k.expires_at,
          },
        },
      };
    });
    s.route('GET', `${base}/keys`, (req) => {
      const denied = this.#management(req);
      if (denied) return denied;
      const offset = Number(req.query.get('offset') ?? 0);
      const includeDisabled = req.query.get('include_disabled') === 'true';
      const all = [...this.keys.values()].filter(
        (k) => !k.is_management_key && (includeDisabled || !k.disabled),
      );
      return { status: 200, body: { data: all.slice(offset, offset + PAGE).map(keyJson) } };
    });
    s.route('POST', `${base}/keys`, (req) => {
      const denied = this.#management(req);
      if (denied) return denied;
      const b = req.body ?? {};
      if (typeof b.name !== 'string' || !b.name) return err(400, 'name is required');
      if (b.limit_reset != null && !['daily', 'weekly', 'monthly'].includes(b.limit_reset)) {
        return err(400, 'invalid limit_reset');
      }
      const { key, record } = this.#make({
        name: b.name,
        limit: b.limit ?? null,
        limit_reset: b.limit_reset ?? null,
        expires_at: b.expires_at ?? null,
      });
      return { status: 201, body: { data: keyJson(record), key } };
    });
    s.route('GET', `${base}/keys/:hash`, (req) => {
      const denied = this.#management(req);
      if (denied) return denied;
      const k = this.keys.get(req.params.hash!);
      return k ? { status: 200, body: { data: keyJson(k) } } : err(404, 'Key not found');
    });
    s.route('PATCH', `${base}/keys/:hash`, (req) => {
      const denied = this.#management(req);
      if (denied) return denied;
      const k = this.keys.get(req.params.hash!);
      if (!k) return err(404, 'Key not found');
      const b = req.body ?? {};
      if (typeof b.disabled === 'boolean') k.disabled = b.disabled;
      if (typeof b.name === 'string') k.name = b.name;
      if (b.limit !== undefined) k.limit = b.limit;
      k.updated_at = new Date().toISOString();
      return { status: 200, body: { data: keyJson(k) } };
    });
    s.route('DELETE', `${base}/keys/:hash`, (req) => {
      const denied = this.#management(req);
      if (denied) return denied;
      if (!this.keys.delete(req.params.hash!)) return err(404, 'Key not found');
      return { status: 200, body: { deleted: true } };
    });
    s.route('GET', `${base}/activity`, (req) => {
      const denied = this.#management(req);
      if (denied) return denied;
      const hash = req.query.get('api_key_hash') ?? '';
      const date = req.query.get('date');
      const rows = (this.activity.get(hash) ?? []).filter((r) => !date || r.date === date);
      return { status: 200, body: { data: rows } };
    });
  }

  get baseUrl(): string {
    return `${this.server.baseUrl}/api/v1`;
  }

  /** Adds a key; returns the raw key. */
  seedKey(opts: Partial<Omit<OpenRouterKeyRecord, 'hash' | 'label'>> & { key?: string } = {}): string {
    return this.#make(opts).key;
  }

  seedManagementKey(): string {
    return this.#make({ name: 'management', is_management_key: true }).key;
  }

  seedActivity(key: string, rows: Partial<ActivityRow>[]): void {
    const hash = sha256Hex(key);
    const list = this.activity.get(hash) ?? [];
    for (const r of rows) {
      list.push({
        date: '2026-01-01',
        model: 'openai/gpt-4.1',
        model_permaslug: 'openai/gpt-4.1-2025-04-14',
        endpoint_id: 'endpoint-openai-gpt-4.1',
        provider_name: 'OpenAI',
        usage: 0.01,
        byok_usage_inference: 0,
        requests: 1,
        prompt_tokens: 10,
        completion_tokens: 20,
        reasoning_tokens: 0,
        ...r,
      });
    }
    this.activity.set(hash, list);
  }

  #make(opts: Partial<Omit<OpenRouterKeyRecord, 'hash' | 'label'>> & { key?: string }) {
    const key = opts.key ?? this.#gen.openrouter();
    const hash = sha256Hex(key);
    const created = new Date(Date.UTC(2026, 0, 1) + this.#clock++ * 1000).toISOString();
    const record: OpenRouterKeyRecord = {
      hash,
      name: opts.name ?? `key-${this.keys.size}`,
      label: openRouterLabel(key),
      disabled: opts.disabled ?? false,
      limit: opts.limit ?? null,
      limit_reset: opts.limit_reset ?? null,
      usage: opts.usage ?? 0,
      created_at: created,
      updated_at: null,
      expires_at: opts.expires_at ?? null,
      is_management_key: opts.is_management_key ?? false,
    };
    this.keys.set(hash, record);
    this.#raw.set(key, hash);
    return { key, record };
  }

  #auth(req: EmulatorRequest): OpenRouterKeyRecord | undefined {
    const token = bearer(req);
    if (!token) return undefined;
    const k = this.keys.get(sha256Hex(token));
    if (!k || k.disabled) return undefined;
    if (k.expires_at && Date.parse(k.expires_at) < Date.now()) return undefined;
    return k;
  }

  #management(req: EmulatorRequest): EmulatorResponse | undefined {
    const k = this.#auth(req);
    if (!k) return err(401, 'No auth credentials found');
    if (!k.is_management_key) return err(403, 'Only management keys can perform this operation');
    return undefined;
  }
}
