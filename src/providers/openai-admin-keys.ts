/**
 * OpenAI organization admin keys (`sk-admin-…`, the most dangerous kind: they manage the whole
 * organization). Endpoints per the official description (openai-admin-subset.json):
 * `GET|POST /organization/admin_api_keys`, `GET|DELETE /organization/admin_api_keys/{key_id}`.
 *
 * - locate: the organization's admin keys (paginated) whose `redacted_value` fits the leaked value;
 *   then, read-only and with the leaked key itself (as verify does), the leaked key's own view of
 *   the admin key list must contain that id: an admin key of another organization whose hint happens
 *   to fit one of ours is never taken for ours.
 * - create: a new admin key with the policy's name (and expiry, which admin keys support).
 * - state / describe: the key by id; a 404 means "deleted" only while the list itself answers.
 * - delete: DELETE by id (the transport sends it once and checks the state before any repeat).
 */
import type { HttpResponse } from '../http/client.js';
import { Secret } from '../scan/secret.js';
import { apiError, locateResult, matchesRedacted, ProviderApiError } from './common.js';
import type { KeyPolicy, KeyRef, KeyState, LocateResult, NewKey } from './types.js';

const ID = 'openai';
export const ADMIN_KEYS_PATH = '/organization/admin_api_keys';
/** `expires_in_seconds` maximum in the description (365 days). */
const MAX_EXPIRY_SECONDS = 31_536_000;

export function isOpenAIAdminKey(value: string): boolean {
  return value.startsWith('sk-admin-');
}

/** AdminApiKey as the description declares it (only the fields keyguard reads). */
export interface AdminApiKey {
  id: string;
  name?: string | null;
  redacted_value?: string;
  created_at?: number;
  expires_at?: number | null;
  last_used_at?: number | null;
  owner?: { type?: string; id?: string; name?: string } | null;
}

/** What the adapter lends this module: its HTTP plumbing, with the admin key it currently uses. */
export interface AdminKeyTransport {
  /** Every item of a cursor-paginated list; `as` authenticates with that key instead of the admin key. */
  list<T>(op: string, path: string, as?: Secret): Promise<T[]>;
  /** POST without automatic retries (a repeated create makes two keys); a 429 is waited out. */
  post<T>(op: string, path: string, body: unknown): Promise<T>;
  /** GET with the admin key, the raw answer (retried by the shared client: it is read-only). */
  get(op: string, path: string): Promise<{ url: string; res: HttpResponse }>;
  /**
   * DELETE sent once; after a transient failure the key's state is read before it is repeated. A
   * 404 is success only when `notFoundIsGone` agrees.
   */
  delete(op: string, path: string, ref: KeyRef, notFoundIsGone: () => Promise<boolean>): Promise<void>;
}

export class OpenAIAdminKeys {
  constructor(private readonly t: AdminKeyTransport) {}

  async locate(key: Secret): Promise<LocateResult> {
    const value = key.reveal();
    const admins = await this.t.list<AdminApiKey>('locate', ADMIN_KEYS_PATH);
    const matches = admins.filter((k) => matchesRedacted(value, k.redacted_value));
    const searched = `${admins.length} admin keys searched`;
    if (!matches.length) return locateResult('OpenAI', [], searched);
    // Same organization? The leaked key lists its own organization's admin keys (read-only).
    let own: Set<string> | undefined;
    try {
      own = new Set((await this.t.list<AdminApiKey>('locate', ADMIN_KEYS_PATH, key)).map((k) => k.id));
    } catch (e) {
      if (!(e instanceof ProviderApiError) || (e.status !== 401 && e.status !== 403)) throw e;
      // A key OpenAI refuses cannot show its organization; the hint is then the only evidence (and a
      // refused key is no longer dangerous: nothing is deleted on a hint alone below).
      return {
        status: 'not-found',
        reason: `${searched}; ${matches.length} fit the leaked key's hint, but the leaked key itself is refused (${e.status}), so nothing proves it is one of them`,
      };
    }
    const proven = matches.filter((k) => own!.has(k.id));
    if (!proven.length) {
      return {
        status: 'not-found',
        otherOrganization: true,
        reason: `${searched}; the leaked admin key belongs to another organization (its own admin key list shares no key with ours)`,
      };
    }
    return locateResult(
      'OpenAI',
      proven.map((k) => toRef(k)),
      searched,
    );
  }

  async create(policy: KeyPolicy): Promise<NewKey> {
    const manual: string[] = [];
    const body: { name: string; expires_in_seconds?: number } = { name: policy.name };
    if (policy.expiresInDays !== undefined) {
      const seconds = Math.round(policy.expiresInDays * 86_400);
      body.expires_in_seconds = Math.min(Math.max(seconds, 1), MAX_EXPIRY_SECONDS);
      if (seconds > MAX_EXPIRY_SECONDS)
        manual.push(
          `Expiry in ${policy.expiresInDays} days: OpenAI admin keys expire after at most 365 days; the replacement expires then.`,
        );
    }
    const made = await this.t.post<AdminApiKey & { value?: string }>('create', ADMIN_KEYS_PATH, body);
    if (typeof made.value !== 'string' || !isOpenAIAdminKey(made.value) || typeof made.id !== 'string') {
      throw new ProviderApiError(
        ID,
        'create',
        `POST ${ADMIN_KEYS_PATH} answered without an admin key value and id; if OpenAI lists an admin key named ${policy.name}, delete it by hand`,
      );
    }
    const ref = toRef(made);
    ref.name ??= policy.name;
    manual.push(...adminUnenforceable(policy));
    return { ref, secret: new Secret(made.value), manual };
  }

  async state(ref: KeyRef): Promise<KeyState> {
    const seen = await this.describe(ref, 'state');
    if (!seen) return 'deleted';
    return seen.expiresAt && Date.parse(seen.expiresAt) <= Date.now() ? 'disabled' : 'active';
  }

  async describe(ref: KeyRef, op = 'describe'): Promise<(KeyRef & { expiresAt?: string }) | null> {
    const { url, res } = await this.t.get(op, keyPath(ref));
    if (res.status >= 200 && res.status < 300 && res.json && typeof res.json === 'object') {
      const k = res.json as AdminApiKey;
      const out: KeyRef & { expiresAt?: string } = toRef(k);
      if (k.expires_at) out.expiresAt = new Date(k.expires_at * 1000).toISOString();
      return out;
    }
    if (res.status === 404 && (await this.#listAnswers(op))) return null;
    throw apiError(ID, op, 'GET', url, res);
  }

  delete(ref: KeyRef): Promise<void> {
    return this.t.delete('disable', keyPath(ref), ref, () => this.#listAnswers('disable'));
  }

  /**
   * A 404 for an admin key means "deleted" only if the admin key list answers: a base URL that is
   * not the Admin API, or an admin key without the right, must not pass for a successful delete.
   */
  async #listAnswers(op: string): Promise<boolean> {
    const { url, res } = await this.t.get(op, `${ADMIN_KEYS_PATH}?limit=1`);
    if (res.status >= 200 && res.status < 300) return true;
    throw new ProviderApiError(
      ID,
      op,
      `an admin key was not found, and ${url.replace(/^https?:\/\/[^/]+/, '')} answered ${res.status}: cannot tell whether the key is deleted`,
      res.status,
    );
  }
}

function keyPath(ref: KeyRef): string {
  return `${ADMIN_KEYS_PATH}/${encodeURIComponent(ref.id)}`;
}

export function toRef(k: AdminApiKey): KeyRef {
  const ref: KeyRef = { provider: ID, id: k.id, ownerType: 'admin' };
  if (k.name) ref.name = k.name;
  if (k.redacted_value) ref.redactedValue = k.redacted_value;
  if (k.created_at) ref.createdAt = new Date(k.created_at * 1000).toISOString();
  return ref;
}

/** An admin key carries a name and an expiry, nothing else: every other policy field is manual. */
function adminUnenforceable(p: KeyPolicy): string[] {
  const out: string[] = [];
  if (p.scopes?.length || p.models?.length || p.allowedRoutes?.length)
    out.push(
      'Scopes, models and routes: an OpenAI admin key has none; it can manage the whole organization. Keep it out of application secrets.',
    );
  if (
    p.rpm !== undefined ||
    p.tpm !== undefined ||
    p.dailyRequests !== undefined ||
    p.budgetUsd !== undefined
  )
    out.push('Rate limits and budgets do not apply to OpenAI admin keys.');
  if (p.allowedIps?.length)
    out.push(
      `IP allowlist (${p.allowedIps.join(', ')}): OpenAI has no per-key IP allowlist; set the organization IP allowlist in the dashboard if appropriate.`,
    );
  return out;
}
