/**
 * Anthropic adapter: liveness through `GET /v1/models?limit=1`, and the Admin API (`sk-ant-admin01-…`)
 * to locate a key by its `partial_key_hint`, disable it (`status: inactive`), read its state and its
 * token usage. Keys cannot be created through the API. Facts: provider-apis.md §3, §11.
 */
import { type HttpClient, NetworkError } from '../http/client.js';
import type { Secret } from '../scan/secret.js';
import { UnattributedRows } from './attribution.js';
import {
  type AdapterOptions,
  apiError,
  buildUrl,
  collectPages,
  createProviderHttp,
  locateResult,
  matchesRedacted,
  type ParsedError,
  ProviderApiError,
  requestJson,
  runVerify,
  transientVerdict,
  type VerdictParts,
} from './common.js';
import type {
  KeyKind,
  KeyRef,
  KeyState,
  LocateResult,
  Provider,
  ProviderSettings,
  TimeWindow,
  UsageEvent,
  UsageNotes,
} from './types.js';

export const ANTHROPIC_DEFAULT_BASE = 'https://api.anthropic.com';
export const ANTHROPIC_VERSION = '2023-06-01';
const ID = 'anthropic';

export interface AnthropicProviderOptions extends ProviderSettings, AdapterOptions {
  /** `anthropic-version` header (default 2023-06-01). */
  version?: string;
}

interface ApiKey {
  id: string;
  name?: string;
  partial_key_hint?: string | null;
  status?: string;
  created_at?: string;
  created_by?: { type?: string } | null;
}

interface UsageBucket {
  starting_at: string;
  ending_at: string;
  results: {
    api_key_id?: string | null;
    model?: string | null;
    uncached_input_tokens?: number;
    cache_read_input_tokens?: number;
    cache_creation?: { ephemeral_5m_input_tokens?: number; ephemeral_1h_input_tokens?: number } | null;
    cache_creation_input_tokens?: number;
    output_tokens?: number;
  }[];
}

/** Maps a `/v1/models` (or `/v1/organizations/me`) answer to a verdict (§3.1). Exported for table tests. */
export function classifyAnthropicModels(
  res: { status: number; attempts: number },
  err: ParsedError,
): VerdictParts {
  if (res.status >= 200 && res.status < 300) {
    return { status: 'live', detail: 'Anthropic accepted the key: it is live.' };
  }
  if (res.status === 401) {
    return {
      status: 'revoked',
      errorCode: err.code,
      detail: 'Anthropic rejected the key (authentication_error): it is disabled, deleted or never existed.',
    };
  }
  if (res.status === 402) {
    return {
      status: 'live',
      errorCode: err.code,
      detail: 'Anthropic accepted the key but the account has a billing problem (402): the key is live.',
    };
  }
  if (res.status === 403) {
    return {
      status: 'unknown',
      errorCode: err.code,
      detail: "Anthropic answered 403 (permission_error), so the key's state is unknown.",
    };
  }
  if (res.status === 529) {
    return {
      status: 'unknown',
      errorCode: err.code,
      detail: `Anthropic stayed overloaded (529)${res.attempts > 1 ? ` after ${res.attempts} attempts` : ''}, so the key's state is unknown.`,
    };
  }
  return (
    transientVerdict('Anthropic', res, err) ?? {
      status: 'unknown',
      errorCode: err.code,
      detail: `Anthropic answered ${res.status}, which says nothing certain about the key.`,
    }
  );
}

export function createAnthropicProvider(settings: AnthropicProviderOptions = {}): Provider {
  return new AnthropicProvider(settings);
}

class AnthropicProvider implements Provider {
  readonly id = ID;
  readonly displayName = 'Anthropic';
  readonly capabilities = { verify: true as const, locate: true, create: false, disable: true, usage: true };
  readonly limitations = [
    'Admin operations need an organization admin key (sk-ant-admin01-…); individual accounts have no Admin API.',
    'Keys cannot be created through the API: they are made in the Console, so rotation swaps in a standby key that a person created beforehand.',
    'Keys cannot be deleted through the API: disabling sets them inactive.',
    'Admin keys (sk-ant-admin01-…) cannot be listed, created, disabled or deleted through the API (Console only): a leaked admin key is proven ours when it names our organization (GET /v1/organizations/me), a standby admin key (<NAME>_NEXT) is promoted where one was given, and the incident says exactly what to delete in the Console; the key stays reported as still live until then.',
    'The usage report gives tokens per hour and model, but no request counts, status codes, IPs or user agents.',
  ];
  readonly #base: string;
  readonly #http: HttpClient;
  readonly #version: string;
  /** The admin key admin calls are made with: the configured one, until a standby replaces it. */
  #adminKey: Secret | undefined;

  constructor(settings: AnthropicProviderOptions) {
    this.#base = (settings.baseUrl ?? ANTHROPIC_DEFAULT_BASE).replace(/\/+$/, '');
    this.#http = createProviderHttp(settings, settings.retry);
    this.#version = settings.version ?? ANTHROPIC_VERSION;
    this.#adminKey = settings.adminKey;
  }

  kindOf(key: Secret): KeyKind {
    return isAnthropicAdminKey(key.reveal()) ? 'admin' : 'api';
  }

  usesAdminKey(key: Secret): boolean {
    return this.#adminKey?.equals(key.reveal()) === true;
  }

  useAdminKey(key: Secret): void {
    this.#adminKey = key;
  }

  #headers(key: Secret): Record<string, string> {
    return { 'x-api-key': key.reveal(), 'anthropic-version': this.#version };
  }

  verify(key: Secret) {
    // An admin key cannot list models; it proves itself on the organization endpoint.
    const admin = isAnthropicAdminKey(key.reveal());
    const url = admin
      ? buildUrl(this.#base, '/v1/organizations/me')
      : buildUrl(this.#base, '/v1/models', { limit: 1 });
    return runVerify(
      { id: ID, name: 'Anthropic' },
      this.#http,
      { url, headers: this.#headers(key) },
      classifyAnthropicModels,
      (j) =>
        admin ? !!j && typeof j === 'object' : Array.isArray((j as { data?: unknown } | undefined)?.data),
    );
  }

  #adminHeaders(): Record<string, string> {
    if (!this.#adminKey) {
      throw new ProviderApiError(
        ID,
        'admin',
        'no admin key configured (an organization admin key, sk-ant-admin01-…)',
      );
    }
    return this.#headers(this.#adminKey);
  }

  #get<T>(op: string, path: string, query?: Parameters<typeof buildUrl>[2]): Promise<T> {
    return requestJson<T>(this.#http, ID, op, {
      url: buildUrl(this.#base, path, query),
      headers: this.#adminHeaders(),
    });
  }

  async locate(key: Secret): Promise<LocateResult> {
    const value = key.reveal();
    if (isAnthropicAdminKey(value)) return this.#locateAdmin(key);
    const keys = await collectPages<ApiKey>(async (after) => {
      const page = await this.#get<{ data: ApiKey[]; has_more?: boolean; last_id?: string | null }>(
        'locate',
        '/v1/organizations/api_keys',
        { limit: 1000, after_id: after },
      );
      return { items: page.data ?? [], hasMore: page.has_more === true, next: page.last_id ?? undefined };
    });
    const matches = keys.filter((k) => matchesRedacted(value, k.partial_key_hint)).map((k) => toRef(k));
    const searched = `${keys.length} keys searched`;
    if (matches.length && (await this.#otherOrganization(key)))
      return {
        status: 'not-found',
        otherOrganization: true,
        reason: `${searched}; ${matches.length} fit the leaked key's hint, but the leaked key answers for another organization`,
      };
    return locateResult('Anthropic', matches, searched);
  }

  /**
   * True when the leaked API key's own answer names another organization than our admin key's:
   * Anthropic sends `anthropic-organization-id` (the organization of the key used) on every answer.
   * A hint shows only a few characters, so another account's key can fit one of ours; false when the
   * leaked key is refused or its answer names none (the hint is then the evidence, as before).
   */
  async #otherOrganization(key: Secret): Promise<boolean> {
    const url = buildUrl(this.#base, '/v1/models', { limit: 1 });
    const res = await this.#askAs(key, url);
    const theirs =
      res.status >= 200 && res.status < 300
        ? res.headers.get('anthropic-organization-id')?.trim()
        : undefined;
    if (!theirs || !/^[A-Za-z0-9_-]{1,128}$/.test(theirs)) return false;
    const ours = await this.#get<{ id?: string }>('locate', '/v1/organizations/me');
    return typeof ours.id === 'string' && !!ours.id && ours.id !== theirs;
  }

  /** A read-only GET made with the leaked key itself (during locate); no answer is a transient error. */
  #askAs(key: Secret, url: string) {
    return this.#http.request({ url, headers: this.#headers(key) }).catch((e) => {
      if (e instanceof NetworkError)
        throw new ProviderApiError(
          ID,
          'locate',
          `GET ${e.path}: no answer (${e.causeMessage})`,
          undefined,
          undefined,
          true,
        );
      throw e;
    });
  }

  /**
   * The Admin API lists and changes API keys only; admin keys live in the Console. What it can say:
   * which organization a key belongs to (`GET /v1/organizations/me`, read-only, asked with the leaked
   * key as verify does). The same organization as our admin key's makes the leaked key ours.
   */
  async #locateAdmin(key: Secret): Promise<LocateResult> {
    const ours = await this.#get<{ id?: string }>('locate', '/v1/organizations/me');
    const url = buildUrl(this.#base, '/v1/organizations/me');
    const res = await this.#askAs(key, url);
    const theirs =
      res.status >= 200 && res.status < 300 ? (res.json as { id?: string } | undefined)?.id : undefined;
    const unlisted = "Anthropic's Admin API does not list admin keys (they are managed in the Console only)";
    if (typeof ours.id === 'string' && ours.id && theirs === ours.id) {
      return {
        status: 'not-found',
        ownOrganization: true,
        reason: `${unlisted}; the leaked admin key belongs to our organization ${ours.id}`,
      };
    }
    if (theirs) {
      return {
        status: 'not-found',
        otherOrganization: true,
        reason: `${unlisted}; the leaked admin key belongs to another organization`,
      };
    }
    return {
      status: 'not-found',
      reason: `${unlisted}; the leaked admin key did not name its organization (${res.status})`,
    };
  }

  async state(ref: KeyRef): Promise<KeyState> {
    const url = buildUrl(this.#base, `/v1/organizations/api_keys/${encodeURIComponent(ref.id)}`);
    let res: Awaited<ReturnType<HttpClient['request']>>;
    try {
      res = await this.#http.request({ url, headers: this.#adminHeaders() });
    } catch (e) {
      if (e instanceof NetworkError) {
        throw new ProviderApiError(
          ID,
          'state',
          `${e.method} ${e.path}: no answer (${e.causeMessage})`,
          undefined,
          undefined,
          true,
        );
      }
      throw e;
    }
    if (res.status === 404) return 'deleted';
    if (res.status < 200 || res.status >= 300) throw apiError(ID, 'state', 'GET', url, res);
    const status = (res.json as ApiKey | undefined)?.status;
    if (status === 'active') return 'active';
    if (status === 'inactive' || status === 'archived' || status === 'expired') return 'disabled';
    throw new ProviderApiError(ID, 'state', `key ${ref.id} has an unexpected status: ${String(status)}`);
  }

  /** `status: inactive` is idempotent, so the shared client may retry it; the answer is checked. */
  async disable(ref: KeyRef): Promise<void> {
    const path = `/v1/organizations/api_keys/${encodeURIComponent(ref.id)}`;
    const url = buildUrl(this.#base, path);
    let updated: ApiKey;
    try {
      updated = await requestJson<ApiKey>(this.#http, ID, 'disable', {
        method: 'POST',
        url,
        headers: this.#adminHeaders(),
        body: { status: 'inactive' },
        idempotent: true,
      });
    } catch (e) {
      // An archived key is already dead: the update is refused but nothing is left to do.
      if (e instanceof ProviderApiError && e.status === 400 && (await this.state(ref)) === 'disabled') return;
      throw e;
    }
    if (updated.status !== 'inactive' && updated.status !== 'archived') {
      throw new ProviderApiError(
        ID,
        'disable',
        `key ${ref.id} is still ${String(updated.status)} after the update`,
      );
    }
  }

  async usage(ref: KeyRef, window: TimeWindow, notes?: UsageNotes): Promise<UsageEvent[]> {
    const unattributed = new UnattributedRows('Anthropic usage report', ref.id);
    const buckets = await collectPages<UsageBucket>(async (page) => {
      const body = await this.#get<{ data: UsageBucket[]; has_more?: boolean; next_page?: string | null }>(
        'usage',
        '/v1/organizations/usage_report/messages',
        {
          starting_at: new Date(window.start).toISOString(),
          ending_at: new Date(window.end).toISOString(),
          bucket_width: '1h',
          // The description names these with brackets (./query.ts sends the name as given).
          'api_key_ids[]': [ref.id],
          'group_by[]': ['api_key_id', 'model'],
          limit: 168,
          page,
        },
      );
      return { items: body.data ?? [], hasMore: body.has_more === true, next: body.next_page };
    });
    const events: UsageEvent[] = [];
    for (const b of buckets) {
      const start = Date.parse(b.starting_at);
      const end = Date.parse(b.ending_at);
      for (const r of b.results ?? []) {
        if (!unattributed.isTheKeys(r.api_key_id)) continue;
        const cacheCreation =
          (r.cache_creation?.ephemeral_5m_input_tokens ?? 0) +
          (r.cache_creation?.ephemeral_1h_input_tokens ?? 0) +
          (r.cache_creation_input_tokens ?? 0);
        const input = (r.uncached_input_tokens ?? 0) + (r.cache_read_input_tokens ?? 0) + cacheCreation;
        const output = r.output_tokens ?? 0;
        if (!input && !output) continue;
        const e: UsageEvent = {
          time: new Date(start).toISOString(),
          bucketSeconds: Number.isNaN(end) ? 3600 : Math.round((end - start) / 1000),
          // The usage report has no request counts: 0 means "not reported", the tokens carry the signal.
          requests: 0,
          inputTokens: input,
          outputTokens: output,
          keyId: ref.id,
          source: 'anthropic-usage',
        };
        if (r.model) e.model = r.model;
        events.push(e);
      }
    }
    unattributed.report(notes);
    return events;
  }
}

function toRef(k: ApiKey): KeyRef {
  const ref: KeyRef = { provider: ID, id: k.id };
  if (k.name) ref.name = k.name;
  if (k.partial_key_hint) ref.redactedValue = k.partial_key_hint;
  if (k.created_at) ref.createdAt = k.created_at;
  const by = k.created_by?.type;
  if (by) ref.ownerType = by === 'service_account' ? 'service_account' : by === 'user' ? 'user' : 'other';
  return ref;
}

export function isAnthropicAdminKey(value: string): boolean {
  return value.startsWith('sk-ant-admin');
}
