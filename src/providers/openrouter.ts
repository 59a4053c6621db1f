/**
 * OpenRouter (reference §5): verify with `GET /key` (any key); with a management key, locate the
 * leaked key by its SHA-256 hash, create a budget-capped replacement, disable, delete, and read the
 * per-day activity of the key.
 */
import { createHash } from 'node:crypto';
import { Secret } from '../scan/secret.js';
import type { Verification } from '../types.js';
import { mapLimit } from './common.js';
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
} from './types.js';

export const OPENROUTER_BASE_URL = 'https://openrouter.ai/api/v1';
const PAGE = 100;
/** /activity only covers the last 30 completed UTC days. */
const ACTIVITY_DAYS = 30;

interface OpenRouterKey {
  hash: string;
  name?: string;
  label?: string;
  disabled?: boolean;
  created_at?: string;
}

/** OpenRouter's key hash: SHA-256 hex of the raw key (unconfirmed; label match is the fallback). */
export function openRouterKeyHash(key: Secret): string {
  return createHash('sha256').update(key.reveal()).digest('hex');
}

const RESETS = new Set(['daily', 'weekly', 'monthly']);

export interface OpenRouterSettings extends ProviderSettings {
  /** Clock for usage windows (tests). */
  now?: () => Date;
}

export function createOpenRouterProvider(settings: OpenRouterSettings = {}): Provider {
  const id = 'openrouter';
  const client = createClient(settings);
  const baseUrl = settings.baseUrl ?? OPENROUTER_BASE_URL;
  const clock = settings.now ?? (() => new Date());

  async function admin(method: string, path: string, body?: unknown, secrets: Secret[] = []) {
    const adminKey = requireAdmin(id, settings.adminKey, endpointOf(method, path));
    const all = [adminKey, ...secrets];
    try {
      return await client.request({ method, url: joinUrl(baseUrl, path), headers: bearer(adminKey), body });
    } catch (err) {
      throw scrubError(err, all);
    }
  }

  function toRef(k: OpenRouterKey): KeyRef {
    return {
      provider: id,
      id: k.hash,
      ...(k.name !== undefined && { name: k.name }),
      ...(k.label !== undefined && { redactedValue: k.label }),
      ...(k.created_at !== undefined && { createdAt: k.created_at }),
    };
  }

  async function getKey(hash: string): Promise<OpenRouterKey | undefined> {
    const path = `/keys/${hash}`;
    const res = await admin('GET', path);
    if (res.status === 404) return undefined;
    ensureOk(id, endpointOf('GET', '/keys/{hash}'), res);
    return (res.json as { data?: OpenRouterKey }).data;
  }

  async function listAll(): Promise<OpenRouterKey[]> {
    const out: OpenRouterKey[] = [];
    for (let offset = 0; ; offset += PAGE) {
      const res = await admin('GET', withQuery('/keys', { offset, include_disabled: true }));
      ensureOk(id, 'GET /keys', res);
      const page = (res.json as { data?: OpenRouterKey[] }).data ?? [];
      out.push(...page);
      if (page.length < PAGE) return out;
    }
  }

  return {
    id,
    displayName: 'OpenRouter',
    capabilities: { verify: true, locate: true, create: true, disable: true, usage: true },
    limitations: [
      'Admin operations need a management key (made in the OpenRouter dashboard).',
      'Usage is per day (requests, tokens, cost) for the last 30 completed UTC days: no per-request IP, user agent or status.',
      'Replacement keys enforce a USD limit, reset period and expiry only; model, rate and IP limits are manual.',
    ],

    async verify(key: Secret): Promise<Verification> {
      return bearerCheck(client, baseUrl, '/key', {
        provider: id,
        key,
        onOk: (json) => {
          const d = (json as { data?: { is_management_key?: boolean; limit_remaining?: number | null } })
            .data;
          if (d?.is_management_key) return { detail: 'the key was accepted (200): it is a management key' };
          if (typeof d?.limit_remaining === 'number' && d.limit_remaining <= 0) {
            return { detail: 'the key was accepted (200); its credit limit is used up' };
          }
          return undefined;
        },
      });
    },

    async locate(key: Secret): Promise<LocateResult> {
      const hash = openRouterKeyHash(key);
      const direct = await getKey(hash);
      if (direct) return { status: 'found', ref: toRef(direct) };
      // Fallback: the key's own label (`sk-or-v1-abc...123`) matched against the list.
      let label: string | undefined;
      try {
        const res = await client.request({ url: joinUrl(baseUrl, '/key'), headers: bearer(key) });
        if (res.status === 200) label = (res.json as { data?: { label?: string } }).data?.label;
      } catch (err) {
        throw scrubError(err, [key]);
      }
      if (!label) {
        return {
          status: 'not-found',
          reason: 'no key with this hash, and the key itself no longer answers GET /key',
        };
      }
      const matches = (await listAll()).filter((k) => k.label === label).map(toRef);
      if (matches.length === 1) return { status: 'found', ref: matches[0]! };
      if (matches.length > 1) {
        return { status: 'ambiguous', matches, reason: `${matches.length} keys share the label ${label}` };
      }
      return { status: 'not-found', reason: 'no key with this hash or label under this management key' };
    },

    async create(policy: KeyPolicy): Promise<NewKey> {
      const body: Record<string, unknown> = { name: policy.name };
      const manual: string[] = [];
      if (policy.budgetUsd !== undefined) body.limit = policy.budgetUsd;
      if (policy.budgetReset !== undefined) {
        if (RESETS.has(policy.budgetReset)) body.limit_reset = policy.budgetReset;
        else manual.push(`budget reset "${policy.budgetReset}" (OpenRouter allows daily, weekly, monthly)`);
      }
      if (policy.expiresInDays !== undefined) {
        body.expires_at = new Date(clock().getTime() + policy.expiresInDays * 86_400_000).toISOString();
      }
      if (policy.models?.length) manual.push(`model allow list: ${policy.models.join(', ')}`);
      if (policy.rpm !== undefined) manual.push(`rate limit ${policy.rpm} rpm`);
      if (policy.tpm !== undefined) manual.push(`rate limit ${policy.tpm} tpm`);
      if (policy.dailyRequests !== undefined) manual.push(`${policy.dailyRequests} requests per day`);
      if (policy.scopes?.length) manual.push(`scopes: ${policy.scopes.join(', ')}`);
      if (policy.allowedRoutes?.length) manual.push(`allowed routes: ${policy.allowedRoutes.join(', ')}`);
      if (policy.allowedIps?.length) manual.push(`source IP allow list: ${policy.allowedIps.join(', ')}`);
      const res = await admin('POST', '/keys', body);
      ensureOk(id, 'POST /keys', res);
      const j = res.json as { data?: OpenRouterKey; key?: string };
      if (!j.data?.hash || typeof j.key !== 'string') {
        throw new ProviderApiError(id, 'POST /keys', 'the answer had no key or hash', res.status);
      }
      return { ref: toRef(j.data), secret: new Secret(j.key), manual };
    },

    async disable(ref: KeyRef): Promise<void> {
      const res = await admin('PATCH', `/keys/${ref.id}`, { disabled: true });
      ensureOk(id, 'PATCH /keys/{hash}', res);
    },

    async delete(ref: KeyRef): Promise<void> {
      const res = await admin('DELETE', `/keys/${ref.id}`);
      // A 404 after a retry means our first DELETE went through and its answer was lost.
      if (res.status === 404 && res.attempts > 1) return;
      ensureOk(id, 'DELETE /keys/{hash}', res);
    },

    async describe(ref: KeyRef): Promise<KeyRef | null> {
      const k = await getKey(ref.id);
      return k ? toRef(k) : null;
    },

    async state(ref: KeyRef): Promise<KeyState> {
      const k = await getKey(ref.id);
      if (!k) return 'deleted';
      return k.disabled ? 'disabled' : 'active';
    },

    async usage(ref: KeyRef, window: TimeWindow): Promise<UsageEvent[]> {
      // One request per day; a few at once (a 7-day audit is 7 calls).
      const perDay = await mapLimit(activityDays(window, clock()), 4, async (date) => {
        const res = await admin('GET', withQuery('/activity', { api_key_hash: ref.id, date }));
        ensureOk(id, 'GET /activity', res);
        const rows = (res.json as { data?: ActivityRow[] }).data ?? [];
        return rows.map(
          (r): UsageEvent => ({
            time: `${r.date ?? date}T00:00:00.000Z`,
            bucketSeconds: 86_400,
            requests: r.requests ?? 0,
            ...(r.prompt_tokens !== undefined && { inputTokens: r.prompt_tokens }),
            ...(r.completion_tokens !== undefined && { outputTokens: r.completion_tokens }),
            ...(r.usage !== undefined && { costUsd: r.usage }),
            ...(r.model !== undefined && { model: r.model }),
            keyId: ref.id,
            source: 'openrouter-activity',
          }),
        );
      });
      return perDay.flat();
    },
  };
}

interface ActivityRow {
  date?: string;
  model?: string;
  usage?: number;
  requests?: number;
  prompt_tokens?: number;
  completion_tokens?: number;
}

/** UTC dates (YYYY-MM-DD) the window touches, limited to the 30 completed days /activity keeps. */
export function activityDays(window: TimeWindow, now: Date): string[] {
  const dayMs = 86_400_000;
  const today = Math.floor(now.getTime() / dayMs) * dayMs;
  const oldest = today - ACTIVITY_DAYS * dayMs;
  const start = Math.max(Math.floor(Date.parse(window.start) / dayMs) * dayMs, oldest);
  // `end` is exclusive; today is not complete yet, so it is not asked for.
  const end = Math.min(Date.parse(window.end), today);
  const out: string[] = [];
  for (let t = start; t < end; t += dayMs) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}
