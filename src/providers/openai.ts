/**
 * OpenAI adapter: liveness through `GET /v1/models`, and the Admin API (admin key `sk-admin-…`) to
 * locate a leaked key by its redacted value, replace it with a scoped service-account key, delete it,
 * and read its usage and audit-log events. Facts: /work/shared/reference/provider-apis.md §2, §11.
 */
import type { HttpClient, HttpResponse } from '../http/client.js';
import { NetworkError, retryAfterMs } from '../http/client.js';
import { Secret } from '../scan/secret.js';
import { UnattributedRows } from './attribution.js';
import {
  type AdapterOptions,
  apiError,
  buildUrl,
  collectPages,
  createProviderHttp,
  endpointOf,
  locateResult,
  mapLimit,
  matchesRedacted,
  ProviderApiError,
  parseErrorBody,
  requestJson,
  runVerify,
  transientVerdict,
  unixSeconds,
  type VerdictParts,
} from './common.js';
import { type AdminKeyTransport, isOpenAIAdminKey, OpenAIAdminKeys } from './openai-admin-keys.js';
import type {
  KeyKind,
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

export const OPENAI_DEFAULT_BASE = 'https://api.openai.com/v1';
const ID = 'openai';

export interface OpenAIProviderOptions extends ProviderSettings, AdapterOptions {
  /** Limit `locate` (and nothing else) to these projects instead of walking every project. */
  projectIds?: string[];
  /** Usage API endpoints read by `usage` (default completions and embeddings). */
  usageEndpoints?: string[];
  /** Projects whose keys are listed at the same time during `locate` (default 4). */
  concurrency?: number;
}

interface ListPage<T> {
  data: T[];
  has_more?: boolean;
  last_id?: string | null;
}

interface ProjectApiKey {
  id: string;
  name?: string;
  redacted_value?: string;
  created_at?: number;
  owner?: { type?: string; user?: { id?: string }; service_account?: { id?: string } };
}

interface UsageBucket {
  start_time: number;
  end_time: number;
  results: {
    input_tokens?: number;
    output_tokens?: number;
    num_model_requests?: number;
    api_key_id?: string | null;
    model?: string | null;
  }[];
}

interface AuditLog {
  id: string;
  type: string;
  effective_at: number;
  /** AuditLogActor: `session` (a user in the dashboard) or `api_key` (a call with a key); may be null. */
  actor?: {
    type?: string;
    session?: { user?: { id?: string }; ip_address?: string };
    api_key?: { id?: string };
  } | null;
  [payload: string]: unknown;
}

/** Maps a `/v1/models` answer to a verdict (§2.1). Exported for table tests. */
export function classifyOpenAIModels(
  res: { status: number; attempts: number },
  err: ReturnType<typeof parseErrorBody>,
): VerdictParts {
  const msg = err.message ?? '';
  if (res.status >= 200 && res.status < 300) {
    return { status: 'live', detail: 'OpenAI accepted the key on a read-only request: the key is live.' };
  }
  if (res.status === 401) {
    if (err.code === 'invalid_api_key') {
      return {
        status: 'revoked',
        errorCode: err.code,
        detail:
          'OpenAI rejected the key as incorrect (invalid_api_key): it is deleted, revoked or never existed.',
      };
    }
    if (/missing scopes/i.test(msg)) {
      return {
        status: 'live',
        restricted: true,
        errorCode: err.code,
        detail: 'OpenAI accepted the key but it lacks the api.model.read scope: a live restricted key.',
      };
    }
    if (/\bIP\b|allowlist|allow list/i.test(msg)) {
      return {
        status: 'unknown',
        errorCode: err.code,
        detail:
          "OpenAI refused this runner's IP address (IP allowlist): the key exists but its state here is unknown.",
      };
    }
    return {
      status: 'unknown',
      errorCode: err.code,
      detail: `OpenAI answered 401 with an unrecognised reason, so the key's state is unknown.`,
    };
  }
  if (res.status === 403) {
    const region = err.code === 'unsupported_country_region_territory';
    return {
      status: 'unknown',
      errorCode: err.code,
      detail: region
        ? "OpenAI refused requests from this runner's country or region, so the key's state is unknown."
        : "OpenAI answered 403 (forbidden), so the key's state is unknown.",
    };
  }
  if (res.status === 429 && (err.code === 'insufficient_quota' || err.type === 'insufficient_quota')) {
    return {
      status: 'live',
      errorCode: 'insufficient_quota',
      detail:
        'OpenAI accepted the key but its account has no credit left (insufficient_quota): the key is live.',
    };
  }
  return (
    transientVerdict('OpenAI', res, err) ?? {
      status: 'unknown',
      errorCode: err.code,
      detail: `OpenAI answered ${res.status}, which says nothing certain about the key.`,
    }
  );
}

export function createOpenAIProvider(settings: OpenAIProviderOptions = {}): Provider {
  return new OpenAIProvider(settings);
}

class OpenAIProvider implements Provider {
  readonly id = ID;
  readonly displayName = 'OpenAI';
  readonly capabilities = { verify: true as const, locate: true, create: true, disable: true, usage: true };
  readonly limitations = [
    'Admin operations need an organization admin key (sk-admin-…).',
    'A leaked admin key (sk-admin-…) is replaced by a new admin key (POST /organization/admin_api_keys) and deleted once the replacement is stored and works; it is located by its redacted value, and only if the leaked key itself lists the same organization.',
    'Only service-account keys can be created through the API; user-owned keys are made in the dashboard.',
    'A key cannot be disabled in place: disabling deletes it.',
    'Model allow-lists and rate limits apply to the whole project, not to one key.',
    'IP allowlists, per-key request quotas and budgets cannot be set per key.',
    'Usage data has token and request counts per hour, but no status codes, IPs or user agents; the audit log covers management actions only.',
  ];
  readonly #base: string;
  readonly #http: HttpClient;
  /** For non-idempotent calls (create): no automatic retries; 429 is retried by hand. */
  readonly #once: HttpClient;
  readonly #admins: OpenAIAdminKeys;
  /** The admin key admin calls are made with: the configured one, until keyguard rotates it. */
  #adminKey: Secret | undefined;

  constructor(private readonly settings: OpenAIProviderOptions) {
    this.#base = (settings.baseUrl ?? OPENAI_DEFAULT_BASE).replace(/\/+$/, '');
    this.#http = createProviderHttp(settings, settings.retry);
    this.#once = createProviderHttp(settings, settings.retry, { maxRetries: 0 });
    this.#adminKey = settings.adminKey;
    this.#admins = new OpenAIAdminKeys(this.#adminTransport());
  }

  kindOf(key: Secret): KeyKind {
    return isOpenAIAdminKey(key.reveal()) ? 'admin' : 'api';
  }

  usesAdminKey(key: Secret): boolean {
    return this.#adminKey?.equals(key.reveal()) === true;
  }

  useAdminKey(key: Secret): void {
    this.#adminKey = key;
  }

  #adminTransport(): AdminKeyTransport {
    return {
      list: (op, path, as) => this.#list(op, path, {}, as),
      post: (op, path, body) => this.#post(op, path, body),
      get: async (op, path) => {
        const url = buildUrl(this.#base, path);
        const res = await this.#http.request({ url, headers: this.#adminHeaders() }).catch((e) => {
          throw wrapNetwork(e, op);
        });
        return { url, res };
      },
      delete: (op, path, ref, notFoundIsGone) =>
        this.#deleteOnce(op, path, notFoundIsGone, () => this.#admins.state(ref)),
    };
  }

  // ----------------------------------------------------------------------------------- verify

  verify(key: Secret) {
    // An admin key cannot list models; it proves itself on the admin key list (as trufflehog does).
    const url = key.reveal().startsWith('sk-admin-')
      ? buildUrl(this.#base, '/organization/admin_api_keys', { limit: 1 })
      : `${this.#base}/models`;
    return runVerify(
      { id: ID, name: 'OpenAI' },
      this.#http,
      { url, headers: { authorization: `Bearer ${key.reveal()}` } },
      classifyOpenAIModels,
      (j) => Array.isArray((j as { data?: unknown } | undefined)?.data),
    );
  }

  // ----------------------------------------------------------------------------------- admin plumbing

  #adminHeaders(): Record<string, string> {
    const admin = this.#adminKey;
    if (!admin) {
      throw new ProviderApiError(
        ID,
        'admin',
        'no admin key configured (an organization admin key, sk-admin-…)',
      );
    }
    return { authorization: `Bearer ${admin.reveal()}` };
  }

  #get<T>(op: string, path: string, query?: Parameters<typeof buildUrl>[2], as?: Secret): Promise<T> {
    return requestJson<T>(this.#http, ID, op, {
      url: buildUrl(this.#base, path, query),
      headers: as ? { authorization: `Bearer ${as.reveal()}` } : this.#adminHeaders(),
    });
  }

  async #list<T>(
    op: string,
    path: string,
    query: Parameters<typeof buildUrl>[2] = {},
    as?: Secret,
  ): Promise<T[]> {
    return collectPages<T>(async (after) => {
      const page = await this.#get<ListPage<T>>(op, path, { ...query, limit: 100, after }, as);
      return {
        items: page.data ?? [],
        hasMore: page.has_more === true,
        next: page.last_id ?? undefined,
      };
    });
  }

  // ----------------------------------------------------------------------------------- locate

  async locate(key: Secret): Promise<LocateResult> {
    const value = key.reveal();
    if (isOpenAIAdminKey(value)) return this.#admins.locate(key);
    const projectIds =
      this.settings.projectIds ??
      (await this.#list<{ id: string }>('locate', '/organization/projects', { include_archived: true })).map(
        (p) => p.id,
      );
    const perProject = await mapLimit(projectIds, this.settings.concurrency ?? 4, async (pid) => {
      const keys = await this.#list<ProjectApiKey>(
        'locate',
        `/organization/projects/${encodeURIComponent(pid)}/api_keys`,
        { owner_project_access: 'any' },
      );
      return { pid, keys };
    });
    const total = perProject.reduce((n, p) => n + p.keys.length, 0);
    const matches = perProject.flatMap(({ pid, keys }) =>
      keys.filter((k) => matchesRedacted(value, k.redacted_value)).map((k) => this.#ref(k, pid)),
    );
    const searched = `${total} keys in ${projectIds.length} projects searched`;
    const narrowed = matches.length ? await this.#sameIdentity(key, matches, searched) : matches;
    if (!Array.isArray(narrowed)) return narrowed;
    const result = locateResult('OpenAI', narrowed, searched);
    if (result.status === 'not-found' && !/^sk-(proj|svcacct|service)-/.test(value)) {
      // Legacy user keys (`sk-` + 48) predate projects: the Admin API does not list them.
      result.reason +=
        ' Legacy user keys (without a project prefix) are not listed by the Admin API: revoke it in the dashboard.';
    }
    return result;
  }

  /**
   * The keys of ours whose redacted value fits the leaked key, narrowed by what the leaked key itself
   * says it is: OpenAI names the organization (`openai-organization`) and project (`openai-project`)
   * a request was made for in every answer's headers. A redacted value shows only a few characters, so
   * a key of another organization can fit one of ours; it is never taken for ours when its own answer
   * names another organization or a project none of the matches is in. When the leaked key is refused
   * or its answer names neither, the hint stays the evidence (as before).
   */
  async #sameIdentity(key: Secret, matches: KeyRef[], searched: string): Promise<KeyRef[] | LocateResult> {
    const theirs = await this.#identity({ authorization: `Bearer ${key.reveal()}` }, '/models');
    if (!theirs) return matches;
    if (theirs.organization) {
      const ours = await this.#identity(this.#adminHeaders(), '/organization/projects', { limit: 1 });
      if (ours?.organization && ours.organization !== theirs.organization)
        return {
          status: 'not-found',
          otherOrganization: true,
          reason: `${searched}; ${matches.length} fit the leaked key's hint, but the leaked key answers for another organization`,
        };
    }
    if (!theirs.project) return matches;
    const inProject = matches.filter((m) => m.projectId === theirs.project);
    if (inProject.length) return inProject;
    return {
      status: 'not-found',
      otherOrganization: true,
      reason: `${searched}; ${matches.length} fit the leaked key's hint, but the leaked key answers for a project none of them is in`,
    };
  }

  /** The organization and project an answer's headers name, or undefined when the request was refused. */
  async #identity(
    headers: Record<string, string>,
    path: string,
    query?: Parameters<typeof buildUrl>[2],
  ): Promise<{ organization?: string; project?: string } | undefined> {
    const res = await this.#http.request({ url: buildUrl(this.#base, path, query), headers }).catch((e) => {
      throw wrapNetwork(e, 'locate');
    });
    if (res.status < 200 || res.status >= 300) return undefined;
    const header = (name: string) => {
      const v = res.headers.get(name)?.trim();
      // An identifier, not prose: anything else is not evidence.
      return v && /^[A-Za-z0-9_-]{1,128}$/.test(v) ? v : undefined;
    };
    return { organization: header('openai-organization'), project: header('openai-project') };
  }

  #ref(k: ProjectApiKey, projectId?: string): KeyRef {
    const owner = k.owner;
    const ref: KeyRef = { provider: ID, id: k.id };
    if (k.name) ref.name = k.name;
    if (k.redacted_value) ref.redactedValue = k.redacted_value;
    if (projectId) ref.projectId = projectId;
    const type = owner?.type === 'service_account' ? 'service_account' : owner?.type ? 'user' : undefined;
    if (type) ref.ownerType = type;
    if (owner?.service_account?.id) ref.serviceAccountId = owner.service_account.id;
    if (k.created_at) ref.createdAt = new Date(k.created_at * 1000).toISOString();
    return ref;
  }

  // ----------------------------------------------------------------------------------- create

  async create(policy: KeyPolicy, near?: KeyRef): Promise<NewKey> {
    // An admin key is replaced by an admin key, never by a project key (and vice versa).
    if (policy.kind === 'admin' || near?.ownerType === 'admin') return this.#admins.create(policy);
    const projectId = policy.project ?? near?.projectId ?? singleProject(this.settings.projectIds);
    if (!projectId) {
      throw new ProviderApiError(ID, 'create', 'no project to create the key in: set the policy project');
    }
    const pPath = `/organization/projects/${encodeURIComponent(projectId)}`;
    const manual: string[] = [];
    const scoped = !!policy.scopes?.length;

    const sa = await this.#post<{
      id: string;
      name?: string;
      api_key?: { id: string; value: string; name?: string; created_at?: number } | null;
    }>('create', `${pPath}/service_accounts`, { name: policy.name, create_service_account_only: scoped });

    let apiKey = sa.api_key ?? undefined;
    if (scoped) {
      try {
        apiKey = await this.#post(
          'create',
          `${pPath}/service_accounts/${encodeURIComponent(sa.id)}/api_keys`,
          {
            name: policy.name,
            scopes: policy.scopes,
          },
        );
      } catch (e) {
        if (!(e instanceof ProviderApiError) || e.status !== 404) {
          throw await this.#cleanUpKeyless(pPath, e, projectId, sa.id);
        }
        // The scoped-key endpoint is newer than the account endpoint: fall back to an unscoped key.
        apiKey = (await this.#recreateUnscoped(pPath, sa.id, policy.name)) ?? undefined;
        manual.push(
          `Key scopes (${policy.scopes!.join(', ')}) could not be set through this API: restrict the key in the dashboard.`,
        );
      }
    }
    if (!apiKey?.value) {
      throw new ProviderApiError(
        ID,
        'create',
        `service account ${sa.id} in ${projectId} was created but no key value came back; delete it in the dashboard`,
      );
    }
    const ref: KeyRef = {
      provider: ID,
      id: apiKey.id,
      name: apiKey.name ?? policy.name,
      projectId,
      serviceAccountId: sa.id,
      ownerType: 'service_account',
    };
    if (apiKey.created_at) ref.createdAt = new Date(apiKey.created_at * 1000).toISOString();

    if (policy.models?.length) await this.#applyModels(pPath, projectId, policy.models, manual);
    if (policy.rpm !== undefined || policy.tpm !== undefined) {
      await this.#applyRateLimits(pPath, projectId, policy, manual);
    }
    manual.push(...unenforceable(policy));
    return { ref, secret: new Secret(apiKey.value), manual };
  }

  async #recreateUnscoped(pPath: string, saId: string, name: string) {
    // A service account made with create_service_account_only has no key: replace it with one that has.
    await this.#deleteServiceAccount(pPath, saId).catch(() => undefined);
    const sa = await this.#post<{
      id: string;
      api_key?: { id: string; value: string; name?: string } | null;
    }>('create', `${pPath}/service_accounts`, { name });
    return sa.api_key;
  }

  async #applyModels(pPath: string, projectId: string, models: string[], manual: string[]): Promise<void> {
    try {
      await this.#post('create', `${pPath}/model_permissions`, { mode: 'allow_list', model_ids: models });
      manual.push(
        `Model allow-list (${models.join(', ')}) was applied to the whole project ${projectId}, not only to the new key: every key in the project is now limited to it.`,
      );
    } catch (e) {
      manual.push(
        `Model allow-list (${models.join(', ')}) could not be applied to project ${projectId} (${(e as Error).message}): set it in the dashboard.`,
      );
    }
  }

  /** Lowers (never raises) the project's per-model limits to the policy's rpm/tpm. */
  async #applyRateLimits(
    pPath: string,
    projectId: string,
    policy: KeyPolicy,
    manual: string[],
  ): Promise<void> {
    const asked = [
      policy.rpm !== undefined ? `${policy.rpm} rpm` : '',
      policy.tpm !== undefined ? `${policy.tpm} tpm` : '',
    ]
      .filter(Boolean)
      .join(', ');
    try {
      const limits = await this.#list<{
        id: string;
        model?: string;
        max_requests_per_1_minute?: number;
        max_tokens_per_1_minute?: number;
      }>('create', `${pPath}/rate_limits`);
      const targets = policy.models?.length
        ? limits.filter((l) => l.model && policy.models!.includes(l.model))
        : limits;
      for (const l of targets) {
        const body: Record<string, number> = {};
        if (policy.rpm !== undefined)
          body.max_requests_per_1_minute = Math.min(policy.rpm, l.max_requests_per_1_minute ?? policy.rpm);
        if (policy.tpm !== undefined)
          body.max_tokens_per_1_minute = Math.min(policy.tpm, l.max_tokens_per_1_minute ?? policy.tpm);
        await this.#post('create', `${pPath}/rate_limits/${encodeURIComponent(l.id)}`, body);
      }
      manual.push(
        `Rate limits (${asked}) were applied per model to the whole project ${projectId}, shared by every key in it, not per key.`,
      );
    } catch (e) {
      manual.push(
        `Rate limits (${asked}) could not be applied to project ${projectId} (${(e as Error).message}).`,
      );
    }
  }

  /** The key could not be made: remove the empty service account (it holds no key) and explain. */
  async #cleanUpKeyless(pPath: string, e: unknown, projectId: string, saId: string): Promise<Error> {
    const why = e instanceof Error ? e.message : String(e);
    const removed = await this.#deleteServiceAccount(pPath, saId).then(
      () => true,
      () => false,
    );
    const after = removed
      ? `the empty service account ${saId} was removed again`
      : `delete the empty service account ${saId} in ${projectId} by hand`;
    return new ProviderApiError(
      ID,
      'create',
      `the replacement key could not be made (${why}); ${after}`,
      e instanceof ProviderApiError ? e.status : undefined,
      e instanceof ProviderApiError ? e.code : undefined,
    );
  }

  /**
   * POST without automatic retries (a retried create may make two accounts); a 429, which means the
   * request was not processed, is waited out and retried a few times.
   */
  async #post<T>(op: string, path: string, body: unknown): Promise<T> {
    const policy = this.#http.policy;
    for (let attempt = 0; ; attempt++) {
      const url = buildUrl(this.#base, path);
      let res: Awaited<ReturnType<HttpClient['request']>>;
      try {
        res = await this.#once.request({ method: 'POST', url, headers: this.#adminHeaders(), body });
      } catch (e) {
        if (e instanceof NetworkError) {
          throw new ProviderApiError(
            ID,
            op,
            `POST ${e.path}: no answer (${e.causeMessage}); it may or may not have taken effect, check before retrying`,
            undefined,
            undefined,
            false,
          );
        }
        throw e;
      }
      if (res.status >= 200 && res.status < 300 && res.json && typeof res.json === 'object')
        return res.json as T;
      if (res.status === 429 && !isQuota(res.json) && attempt < policy.maxRetries) {
        // A wait the run's retry budget cannot pay ends the loop with the 429 itself.
        if (await this.#http.pause(retryAfterMs(res.headers) ?? policy.baseDelayMs * 2 ** attempt)) continue;
      }
      throw apiError(ID, op, 'POST', url, res);
    }
  }

  // ----------------------------------------------------------------------------------- disable / delete / state

  async state(ref: KeyRef): Promise<KeyState> {
    if (ref.ownerType === 'admin') return this.#admins.state(ref);
    const url = buildUrl(this.#base, this.#keyPath(ref, 'state'));
    const res = await this.#http.request({ url, headers: this.#adminHeaders() }).catch((e) => {
      throw wrapNetwork(e, 'state');
    });
    if (res.status >= 200 && res.status < 300) return 'active';
    if (res.status === 404 && (await this.#projectExists(ref))) return 'deleted';
    throw apiError(ID, 'state', 'GET', url, res);
  }

  /** The key as the project lists it, or null when it is gone (its project still answering). */
  async describe(ref: KeyRef): Promise<KeyRef | null> {
    if (ref.ownerType === 'admin') {
      const seen = await this.#admins.describe(ref);
      if (!seen) return null;
      const { expiresAt: _, ...listed } = seen;
      return listed;
    }
    const url = buildUrl(this.#base, this.#keyPath(ref, 'describe'));
    const res = await this.#http.request({ url, headers: this.#adminHeaders() }).catch((e) => {
      throw wrapNetwork(e, 'describe');
    });
    if (res.status >= 200 && res.status < 300) return this.#ref(res.json as ProjectApiKey, ref.projectId);
    if (res.status === 404 && (await this.#projectExists(ref))) return null;
    throw apiError(ID, 'describe', 'GET', url, res);
  }

  /**
   * A 404 for a key means "deleted" only if its project answers: a wrong project id or a base URL
   * that is not the Admin API must not pass for a successful delete.
   */
  async #projectExists(ref: KeyRef): Promise<boolean> {
    const url = buildUrl(this.#base, `/organization/projects/${encodeURIComponent(ref.projectId!)}`);
    const res = await this.#http.request({ url, headers: this.#adminHeaders() }).catch((e) => {
      throw wrapNetwork(e, 'state');
    });
    if (res.status >= 200 && res.status < 300) return true;
    throw new ProviderApiError(
      ID,
      'state',
      `key ${ref.id} was not found, and neither was its project ${ref.projectId} (${res.status}): cannot tell whether the key is deleted`,
      res.status,
    );
  }

  /**
   * DELETE the key. DELETE is sent without automatic retries: after a transient failure the key's
   * state is read first (a retried DELETE may 404 because the first one worked).
   */
  async disable(ref: KeyRef): Promise<void> {
    if (ref.ownerType === 'admin') return this.#admins.delete(ref);
    return this.#deleteOnce(
      'disable',
      this.#keyPath(ref, 'disable'),
      () => this.#projectExists(ref),
      () => this.state(ref),
      (res) =>
        res.status === 400 && this.#isServiceAccountRefusal(ref, res.json)
          ? this.#disableViaServiceAccount(ref)
          : undefined,
    );
  }

  /**
   * One DELETE at a time, without the client's automatic retries: after a transient failure the
   * key's `state` is read first, and the DELETE repeated only while it is still there. A 404 counts
   * as done only when `notFoundIsGone` agrees; `refused` may handle another answer itself.
   */
  async #deleteOnce(
    op: string,
    path: string,
    notFoundIsGone: () => Promise<boolean>,
    state: () => Promise<KeyState>,
    refused?: (res: HttpResponse) => Promise<void> | undefined,
  ): Promise<void> {
    const url = buildUrl(this.#base, path);
    const policy = this.#http.policy;
    for (let attempt = 0; ; attempt++) {
      let res: HttpResponse | undefined;
      let failure = '';
      let hint: number | undefined;
      try {
        res = await this.#once.request({ method: 'DELETE', url, headers: this.#adminHeaders() });
      } catch (e) {
        if (!(e instanceof NetworkError)) throw e;
        failure = `no answer (${e.causeMessage})`;
      }
      if (res) {
        if (res.status >= 200 && res.status < 300) return;
        if (res.status === 404 && (await notFoundIsGone())) return;
        const handled = refused?.(res);
        if (handled) return handled;
        if (
          !(res.status === 429 && !isQuota(res.json)) &&
          !(res.status >= 500) &&
          res.status !== 408 &&
          res.status !== 409
        ) {
          throw apiError(ID, op, 'DELETE', url, res);
        }
        failure = `answered ${res.status}`;
        hint = retryAfterMs(res.headers);
      }
      const last = attempt >= policy.maxRetries;
      if (last || !(await this.#http.pause(hint ?? policy.baseDelayMs * 2 ** attempt))) {
        const why = last ? '' : ` (the next wait does not fit: ${this.#http.budget.describe()})`;
        throw new ProviderApiError(
          ID,
          op,
          `${endpointOf('DELETE', url)} ${failure} after ${attempt + 1} attempt(s)${why}; the key may still work`,
          undefined,
          undefined,
          // Retried here already: the saga must not repeat it (one retry layer).
          false,
        );
      }
      if ((await state()) === 'deleted') return;
    }
  }

  delete(ref: KeyRef): Promise<void> {
    return this.disable(ref);
  }

  #keyPath(ref: KeyRef, op: string): string {
    if (!ref.projectId) {
      throw new ProviderApiError(ID, op, `key ${ref.id} has no project id: locate it first`);
    }
    return `/organization/projects/${encodeURIComponent(ref.projectId)}/api_keys/${encodeURIComponent(ref.id)}`;
  }

  #isServiceAccountRefusal(ref: KeyRef, json: unknown): boolean {
    const msg = parseErrorBody(json).message ?? '';
    return ref.ownerType === 'service_account' || /service.?account/i.test(msg);
  }

  /** Older API: a service account's key cannot be deleted; delete the account if this is its only key. */
  async #disableViaServiceAccount(ref: KeyRef): Promise<void> {
    const pPath = `/organization/projects/${encodeURIComponent(ref.projectId!)}`;
    let saId = ref.serviceAccountId;
    if (!saId) {
      const k = await this.#get<ProjectApiKey>('disable', this.#keyPath(ref, 'disable'));
      saId = k.owner?.service_account?.id;
    }
    if (!saId) {
      throw new ProviderApiError(
        ID,
        'disable',
        `OpenAI refused to delete key ${ref.id} as owned by a service account, but names no owner: delete it in the dashboard`,
        400,
      );
    }
    const keys = await this.#list<ProjectApiKey>('disable', `${pPath}/api_keys`, {
      owner_project_access: 'any',
    });
    const others = keys
      .filter((k) => k.owner?.service_account?.id === saId && k.id !== ref.id)
      .map((k) => k.id);
    if (others.length) {
      throw new ProviderApiError(
        ID,
        'disable',
        `OpenAI refused to delete key ${ref.id} because service account ${saId} owns it, and that account owns ` +
          `${others.length} other key(s) (${others.join(', ')}) that deleting the account would also kill: ` +
          'delete the key in the dashboard, or move those keys first',
        400,
      );
    }
    await this.#deleteServiceAccount(pPath, saId);
  }

  async #deleteServiceAccount(pPath: string, saId: string): Promise<void> {
    const url = buildUrl(this.#base, `${pPath}/service_accounts/${encodeURIComponent(saId)}`);
    const res = await this.#http
      .request({ method: 'DELETE', url, headers: this.#adminHeaders() })
      .catch((e) => {
        throw wrapNetwork(e, 'disable');
      });
    if ((res.status >= 200 && res.status < 300) || res.status === 404) return;
    throw apiError(ID, 'disable', 'DELETE', url, res);
  }

  // ----------------------------------------------------------------------------------- usage

  async usage(ref: KeyRef, window: TimeWindow, notes?: UsageNotes): Promise<UsageEvent[]> {
    const start = unixSeconds(window.start);
    const end = unixSeconds(window.end);
    const events: UsageEvent[] = [];
    const unattributed = new UnattributedRows('OpenAI usage API', ref.id);
    for (const kind of this.settings.usageEndpoints ?? ['completions', 'embeddings']) {
      const buckets = await collectPages<UsageBucket>(async (page) => {
        const body = await this.#get<{ data: UsageBucket[]; has_more?: boolean; next_page?: string | null }>(
          'usage',
          `/organization/usage/${kind}`,
          {
            start_time: start,
            end_time: end,
            bucket_width: '1h',
            // style form, explode (the description's default): api_key_ids=…&group_by=…&group_by=…
            api_key_ids: [ref.id],
            group_by: ['api_key_id', 'model'],
            limit: 168,
            page,
          },
        );
        return { items: body.data ?? [], hasMore: body.has_more === true, next: body.next_page };
      });
      for (const b of buckets) {
        for (const r of b.results ?? []) {
          if (!unattributed.isTheKeys(r.api_key_id, kind)) continue;
          const requests = r.num_model_requests ?? 0;
          if (!requests && !r.input_tokens && !r.output_tokens) continue;
          const e: UsageEvent = {
            time: new Date(b.start_time * 1000).toISOString(),
            bucketSeconds: (b.end_time ?? b.start_time + 3600) - b.start_time,
            requests,
            inputTokens: r.input_tokens ?? 0,
            outputTokens: r.output_tokens ?? 0,
            keyId: ref.id,
            path: kind,
            source: 'openai-usage',
          };
          if (r.model) e.model = r.model;
          events.push(e);
        }
      }
    }
    unattributed.report(notes);
    events.push(...(await this.#auditEvents(ref, start, end)));
    return events.sort((a, b) => a.time.localeCompare(b.time));
  }

  /** Management events about the key (created, deleted, …) with the IP where the schema has one. */
  async #auditEvents(ref: KeyRef, start: number, end: number): Promise<UsageEvent[]> {
    let logs: AuditLog[];
    try {
      logs = await this.#list<AuditLog>('usage', '/organization/audit_logs', {
        effective_at: { gte: start, lt: end },
        'resource_ids[]': [ref.id],
      });
    } catch (e) {
      // Audit logs may be switched off for the organization: usage figures are still worth having.
      this.settings.onWarning?.(`OpenAI audit logs unavailable: ${(e as Error).message}`);
      return [];
    }
    return logs
      .filter((l) => mentions(l, ref.id))
      .map((l) => {
        const e: UsageEvent = {
          time: new Date(l.effective_at * 1000).toISOString(),
          requests: 0,
          keyId: ref.id,
          source: 'openai-audit-log',
          eventType: l.type,
        };
        const ip = auditActorIp(l.actor);
        if (ip) e.ip = ip;
        return e;
      });
  }
}

/**
 * The IP of an audit-log actor where the official schema puts one: a `session` actor's
 * `session.ip_address`. An `api_key` actor has neither IP nor user agent, and no actor has a user
 * agent (the gaps say so: src/audit/gaps.ts). Fields the schema does not declare are not read.
 */
export function auditActorIp(actor: AuditLog['actor']): string | undefined {
  if (actor?.type !== 'session') return undefined;
  const ip = actor.session?.ip_address;
  return typeof ip === 'string' && ip ? ip : undefined;
}

function mentions(l: AuditLog, id: string): boolean {
  const payload = l[l.type] as { id?: string } | undefined;
  return payload?.id === id || l.actor?.api_key?.id === id;
}

function isQuota(json: unknown): boolean {
  const e = parseErrorBody(json);
  return e.code === 'insufficient_quota' || e.type === 'insufficient_quota';
}

function wrapNetwork(e: unknown, op: string): Error {
  if (e instanceof NetworkError) {
    return new ProviderApiError(
      ID,
      op,
      `${e.method} ${e.path}: no answer (${e.causeMessage})`,
      undefined,
      undefined,
      true,
    );
  }
  return e as Error;
}

function singleProject(ids?: string[]): string | undefined {
  return ids?.length === 1 ? ids[0] : undefined;
}

/** Policy parts OpenAI cannot enforce on a key, as manual steps. */
function unenforceable(p: KeyPolicy): string[] {
  const out: string[] = [];
  if (p.allowedIps?.length) {
    out.push(
      `IP allowlist (${p.allowedIps.join(', ')}): OpenAI has no per-key IP allowlist; set the organization or project IP allowlist in the dashboard if appropriate.`,
    );
  }
  if (p.dailyRequests !== undefined)
    out.push(`Daily request cap (${p.dailyRequests}): not settable per key on OpenAI.`);
  if (p.budgetUsd !== undefined) {
    out.push(
      `Budget ($${p.budgetUsd}${p.budgetReset ? ` ${p.budgetReset}` : ''}): OpenAI budgets are project-wide and set in the dashboard.`,
    );
  }
  if (p.expiresInDays !== undefined) {
    out.push(
      `Expiry in ${p.expiresInDays} days: OpenAI project keys do not expire; schedule the next rotation.`,
    );
  }
  if (p.allowedRoutes?.length)
    out.push(`Allowed routes (${p.allowedRoutes.join(', ')}): use key scopes instead; not enforced.`);
  if (p.metadata && Object.keys(p.metadata).length)
    out.push('Metadata: OpenAI keys carry only a name; metadata was not stored.');
  return out;
}
