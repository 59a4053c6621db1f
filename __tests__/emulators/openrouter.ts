/**
 * OpenRouter API emulator (`/api/v1`, reference §5): `GET /key` for any key, and the management-key
 * endpoints `/keys` (100 per page), `/keys/{hash}` and `/activity`. Key hash = sha256 hex of the raw key.
 */
import { createHash } from 'node:crypto';
import { KeyGen } from '../helpers/keygen.js';
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
  provider_name: string;
  usage: number;
  requests: number;
  prompt_tokens: number;
  completion_tokens: number;
  reasoning_tokens: number;
}

const PAGE = 100;
const err = (status: number, message: string): EmulatorResponse => ({
  status,
  body: { error: { code: status, message } },
});

export function sha256Hex(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}

/** OpenRouter's own label form: prefix, 3 characters, `...`, last 3. */
export function openRouterLabel(key: string): string {
  return `sk-or-v1-${key.slice(9, 12)}...${key.slice(-3)}`;
}

export class OpenRouterEmulator {
  readonly server = new EmulatorServer('openrouter');
  /** By hash. */
  readonly keys = new Map<string, OpenRouterKeyRecord>();
  /** Activity rows by key hash. */
  readonly activity = new Map<string, ActivityRow[]>();
  readonly #raw = new Map<string, string>();
  readonly #gen: KeyGen;
  #clock = 0;

  constructor(seed = 7) {
    this.#gen = new KeyGen(seed);
    const s = this.server;
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
            usage: k.usage,
            usage_daily: 0,
            usage_monthly: k.usage,
            is_free_tier: false,
            is_management_key: k.is_management_key,
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
      return { status: 200, body: { data: all.slice(offset, offset + PAGE) } };
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
      return { status: 201, body: { data: record, key } };
    });
    s.route('GET', `${base}/keys/:hash`, (req) => {
      const denied = this.#management(req);
      if (denied) return denied;
      const k = this.keys.get(req.params.hash!);
      return k ? { status: 200, body: { data: k } } : err(404, 'Key not found');
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
      return { status: 200, body: { data: k } };
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

  start(): Promise<string> {
    return this.server.start();
  }

  stop(): Promise<void> {
    return this.server.stop();
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
        provider_name: 'OpenAI',
        usage: 0.01,
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
