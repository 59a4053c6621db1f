/**
 * LiteLLM proxy (self-hosted, reference §6): verify a virtual key against the proxy itself; with the
 * master key, locate it by its token hash, generate a least-privilege replacement, block, delete and
 * read per-request spend logs (status, IP, user agent: the richest audit source keyguard has).
 */
import { createHash } from 'node:crypto';
import { ConfigError } from '../config/errors.js';
import { Secret } from '../scan/secret.js';
import type { Verification } from '../types.js';
import {
  bearer,
  bearerCheck,
  createClient,
  endpointOf,
  ensureOk,
  joinUrl,
  ProviderApiError,
  requireAdmin,
  scrubError,
} from './compatible-kit.js';
import { withQuery } from './query.js';
import type {
  KeyPolicy,
  KeyRef,
  KeyState,
  LocateResult,
  NewKey,
  Provider,
  ProviderSettings,
  TimeWindow,
  UsageEvent,
  UsageNotes,
} from './types.js';

/** LiteLLM stores `sha256(raw key)` hex as the key's token; every endpoint accepts it instead of the key. */
export function liteLLMTokenHash(key: Secret): string {
  return createHash('sha256').update(key.reveal()).digest('hex');
}

interface TokenInfo {
  token?: string;
  key_name?: string;
  key_alias?: string | null;
  blocked?: boolean | null;
  expires?: string | null;
  created_at?: string;
}

interface SpendRow {
  request_id?: string;
  api_key?: string;
  model?: string;
  spend?: number;
  prompt_tokens?: number;
  completion_tokens?: number;
  startTime?: string;
  status?: string | number;
  requester_ip_address?: string | null;
  call_type?: string;
  metadata?: Record<string, unknown> | null;
}

export function createLiteLLMProvider(settings: ProviderSettings): Provider {
  const id = 'litellm';
  if (!settings.baseUrl) {
    throw new ConfigError(
      'litellm needs baseUrl: the URL of your LiteLLM proxy, e.g. https://llm.example.com',
    );
  }
  const baseUrl = settings.baseUrl;
  const client = createClient(settings);

  /** `idempotent`: a POST that may be repeated after a 5xx (blocking or deleting a key twice is harmless). */
  async function admin(method: string, path: string, body?: unknown, idempotent?: boolean) {
    const adminKey = requireAdmin(id, settings.adminKey, endpointOf(method, path));
    try {
      const url = joinUrl(baseUrl, path);
      return await client.request({ method, url, headers: bearer(adminKey), body, idempotent });
    } catch (err) {
      throw scrubError(err, [adminKey]);
    }
  }

  /** `/key/info?key=<hash>` as admin; undefined when the proxy does not know the key. */
  async function info(token: string): Promise<TokenInfo | undefined> {
    const res = await admin('GET', withQuery('/key/info', { key: token }));
    if (res.status === 404 || (res.status === 400 && /not found|does not exist/i.test(res.text)))
      return undefined;
    ensureOk(id, 'GET /key/info', res);
    const j = res.json as { key?: string; info?: TokenInfo } & TokenInfo;
    const inf = j.info ?? j;
    return { ...inf, token: inf.token ?? (typeof j.key === 'string' ? j.key : token) };
  }

  function toRef(token: string, i?: TokenInfo): KeyRef {
    return {
      provider: id,
      id: token,
      ...(i?.key_alias && { name: i.key_alias }),
      ...(i?.key_name && { redactedValue: i.key_name }),
      ...(i?.created_at && { createdAt: i.created_at }),
    };
  }

  return {
    id,
    displayName: 'LiteLLM proxy',
    capabilities: { verify: true, locate: true, create: true, disable: true, usage: true },
    limitations: [
      'Self-hosted: needs the proxy base URL, and the master key (or an admin key) for admin operations.',
      'Source IP allow lists are not enforced per key: a manual step.',
    ],

    async verify(key: Secret): Promise<Verification> {
      // The key asks about itself (no `key` query: the key never lands in a URL or access log).
      const self = await bearerCheck(client, baseUrl, '/key/info', {
        provider: id,
        key,
        onOk: (json) => {
          const i = ((json as { info?: TokenInfo }).info ?? json) as TokenInfo;
          if (i.blocked) return { status: 'revoked', detail: 'the proxy knows the key but it is blocked' };
          return undefined;
        },
      });
      if (self.status === 'live' || (self.status === 'revoked' && self.httpStatus === 200)) return self;
      if (self.httpStatus === undefined || self.httpStatus === 429 || (self.httpStatus ?? 0) >= 500)
        return self;
      // An `llm_api` key may not call /key/info (route not allowed): inference routes decide.
      const models = await bearerCheck(client, baseUrl, '/v1/models', { provider: id, key });
      return models.status === 'unknown' && self.status === 'revoked' ? self : models;
    },

    async locate(key: Secret): Promise<LocateResult> {
      const token = liteLLMTokenHash(key);
      const i = await info(token);
      if (!i) return { status: 'not-found', reason: 'the proxy has no key with this token hash' };
      return { status: 'found', ref: toRef(i.token ?? token, i) };
    },

    async create(policy: KeyPolicy): Promise<NewKey> {
      const manual: string[] = [];
      const body: Record<string, unknown> = { key_alias: policy.name, key_type: 'llm_api' };
      if (policy.models?.length) body.models = policy.models;
      if (policy.rpm !== undefined) body.rpm_limit = policy.rpm;
      if (policy.tpm !== undefined) body.tpm_limit = policy.tpm;
      if (policy.budgetUsd !== undefined) body.max_budget = policy.budgetUsd;
      if (policy.budgetReset !== undefined) body.budget_duration = liteLLMDuration(policy.budgetReset);
      if (policy.expiresInDays !== undefined) body.duration = `${policy.expiresInDays}d`;
      if (policy.allowedRoutes?.length) body.allowed_routes = policy.allowedRoutes;
      if (policy.metadata) body.metadata = policy.metadata;
      if (policy.dailyRequests !== undefined) manual.push(`${policy.dailyRequests} requests per day`);
      if (policy.scopes?.length) manual.push(`scopes: ${policy.scopes.join(', ')}`);
      if (policy.allowedIps?.length) manual.push(`source IP allow list: ${policy.allowedIps.join(', ')}`);
      const res = await admin('POST', '/key/generate', body);
      ensureOk(id, 'POST /key/generate', res);
      const j = res.json as TokenInfo & { key?: string; token_id?: string };
      if (typeof j.key !== 'string') {
        throw new ProviderApiError(id, 'POST /key/generate', 'the answer had no key', res.status);
      }
      const secret = new Secret(j.key);
      const token = j.token ?? j.token_id ?? liteLLMTokenHash(secret);
      return { ref: toRef(token, j), secret, manual };
    },

    async disable(ref: KeyRef): Promise<void> {
      ensureOk(id, 'POST /key/block', await admin('POST', '/key/block', { key: ref.id }, true));
    },

    async delete(ref: KeyRef): Promise<void> {
      const res = await admin('POST', '/key/delete', { keys: [ref.id] }, true);
      if (res.status === 404 && res.attempts > 1) return; // the first attempt went through
      ensureOk(id, 'POST /key/delete', res);
    },

    async describe(ref: KeyRef): Promise<KeyRef | null> {
      const i = await info(ref.id);
      return i ? toRef(ref.id, i) : null;
    },

    async state(ref: KeyRef): Promise<KeyState> {
      const i = await info(ref.id);
      if (!i) return 'deleted';
      return i.blocked ? 'disabled' : 'active';
    },

    async usage(ref: KeyRef, window: TimeWindow, notes?: UsageNotes): Promise<UsageEvent[]> {
      const rows = await spendLogs(ref.id, window, notes);
      const start = Date.parse(window.start);
      const end = Date.parse(window.end);
      return rows
        .filter((r) => {
          const t = Date.parse(r.startTime ?? '');
          return Number.isNaN(t) || (t >= start && t < end);
        })
        .map((r) => toEvent(r, ref.id));
    },
  };

  /** `/spend/logs/v2` paged; falls back to the older unpaged `/spend/logs` when v2 is absent. */
  async function spendLogs(token: string, window: TimeWindow, notes?: UsageNotes): Promise<SpendRow[]> {
    // v2 takes `YYYY-MM-DD HH:MM:SS` (UTC).
    const v2 = { api_key: token, start_date: sqlTime(window.start), end_date: sqlTime(window.end) };
    const out: SpendRow[] = [];
    for (let page = 1; ; page++) {
      const res = await admin('GET', withQuery('/spend/logs/v2', { ...v2, page, page_size: 100 }));
      if (res.status === 404 && page === 1) break;
      ensureOk(id, 'GET /spend/logs/v2', res);
      const j = res.json as { data?: SpendRow[]; total_pages?: number };
      out.push(...(j.data ?? []));
      if (!j.data?.length || page >= (j.total_pages ?? page)) return out;
    }
    // The older endpoint parses both dates as `%Y-%m-%d` (a time of day is an error) and keeps rows up to
    // the end date's midnight: ask from the window's first day to the day after its end, per request
    // (`summarize=false`; the default is per-day totals), and let `usage` trim to the window.
    const res = await admin(
      'GET',
      withQuery('/spend/logs', {
        api_key: token,
        start_date: isoDate(window.start),
        end_date: isoDate(new Date(Date.parse(window.end) + 86_400_000).toISOString()),
        summarize: false,
      }),
    );
    ensureOk(id, 'GET /spend/logs', res);
    const all = Array.isArray(res.json) ? (res.json as unknown[]) : [];
    const rows = all.filter(isSpendRow);
    if (rows.length < all.length) {
      notes?.gap(
        `LiteLLM /spend/logs answered ${all.length - rows.length} per-day total(s) instead of per-request rows ` +
          '(a proxy that ignores summarize=false): they were left out, so the audit lacks that usage.',
      );
    }
    return rows;
  }
}

/** A per-request row (a summarised day has no request id and no key column of that name). */
function isSpendRow(r: unknown): r is SpendRow {
  return (
    typeof r === 'object' &&
    r !== null &&
    typeof (r as SpendRow).startTime === 'string' &&
    (typeof (r as SpendRow).request_id === 'string' || typeof (r as SpendRow).api_key === 'string')
  );
}

/** `monthly` → `30d` etc.; LiteLLM durations (`30d`, `24h`) pass through. */
export function liteLLMDuration(reset: string): string {
  const named: Record<string, string> = { daily: '1d', weekly: '7d', monthly: '30d' };
  return named[reset] ?? reset;
}

/** `/spend/logs/v2` takes `YYYY-MM-DD HH:MM:SS` (UTC). */
function sqlTime(iso: string): string {
  return new Date(iso).toISOString().slice(0, 19).replace('T', ' ');
}

/** `/spend/logs` takes `YYYY-MM-DD` (UTC). */
function isoDate(iso: string): string {
  return new Date(iso).toISOString().slice(0, 10);
}

function toEvent(r: SpendRow, keyId: string): UsageEvent {
  const meta = r.metadata ?? {};
  const ua =
    str(meta.user_agent) ??
    str((meta.headers as Record<string, unknown> | undefined)?.['user-agent']) ??
    str((meta.requester_metadata as Record<string, unknown> | undefined)?.user_agent);
  return {
    time: r.startTime ? new Date(r.startTime).toISOString() : '',
    requests: 1,
    ...(statusOf(r) !== undefined && { status: statusOf(r) }),
    ...(r.requester_ip_address && { ip: r.requester_ip_address }),
    ...(ua && { userAgent: ua }),
    ...(r.model && { model: r.model }),
    ...(r.spend !== undefined && { costUsd: r.spend }),
    ...(r.prompt_tokens !== undefined && { inputTokens: r.prompt_tokens }),
    ...(r.completion_tokens !== undefined && { outputTokens: r.completion_tokens }),
    ...(r.call_type && { path: r.call_type }),
    keyId,
    source: 'litellm-spend-logs',
  };
}

/** Spend-log status is `success` / `failure` (or a number); a failure's HTTP code sits in metadata. */
function statusOf(r: SpendRow): number | undefined {
  if (typeof r.status === 'number') return r.status;
  if (r.status === 'success') return 200;
  const code = Number((r.metadata?.error_information as { error_code?: unknown } | undefined)?.error_code);
  if (Number.isFinite(code) && code > 0) return code;
  return undefined;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v ? v : undefined;
}
