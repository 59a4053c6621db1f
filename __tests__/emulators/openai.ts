/**
 * OpenAI API emulator: `/v1/models` liveness with the real error dialect, and the Admin API under
 * `/v1/organization/…` (projects, project API keys, service accounts, rate limits, model permissions,
 * admin keys, Usage API, Audit Logs), with in-memory state that tests seed and inspect.
 * Wire formats follow /work/shared/reference/provider-apis.md §2.
 */
import { KeyGen } from '../helpers/keygen.js';
import { Contract } from './contract.js';
import {
  bearer,
  type EmulatorRequest,
  type EmulatorResponse,
  EmulatorServer,
  type FaultRule,
} from './server.js';

/** How `/v1/models` answers for a key (all but `revoked` describe a key that exists). */
export type OpenAIKeyMode = 'ok' | 'restricted' | 'ip-blocked' | 'region-blocked' | 'quota';

export interface OpenAIProject {
  id: string;
  name: string;
  created_at: number;
  archived_at: number | null;
  status: 'active' | 'archived';
}

export interface OpenAIKeyRecord {
  id: string;
  projectId: string;
  value: string;
  name: string;
  created_at: number;
  last_used_at: number | null;
  ownerType: 'user' | 'service_account';
  /** Set when ownerType is service_account. */
  serviceAccountId?: string;
  userId?: string;
  scopes?: string[];
  mode: OpenAIKeyMode;
  deleted: boolean;
  /** Overrides the computed redacted_value (to build collisions). */
  redactedOverride?: string;
}

export interface OpenAIServiceAccount {
  id: string;
  projectId: string;
  name: string;
  role: 'member' | 'owner' | 'none';
  created_at: number;
  deleted: boolean;
}

export interface OpenAIAdminKey {
  id: string;
  name: string;
  value: string;
  created_at: number;
  /** Unix seconds, or null for a key that does not expire (`expires_in_seconds` omitted). */
  expires_at: number | null;
  last_used_at: number | null;
  deleted: boolean;
  /** The organization the key administers: ours unless made with `addForeignAdminKey`. */
  org: string;
}

/** The organization every emulated project and admin key belongs to. */
export const OUR_ORG = 'org-emulated';
/** Projects whose id starts so belong to another organization (`addForeignKey`). */
const OTHER_ORG_PROJECT = 'proj_other_org_';
const orgOfProject = (projectId: string) =>
  projectId.startsWith(OTHER_ORG_PROJECT) ? 'org-someone-else' : OUR_ORG;

export interface OpenAIUsageRecord {
  kind: string;
  apiKeyId: string;
  projectId?: string;
  model: string;
  /** Unix seconds of the request. */
  time: number;
  requests: number;
  inputTokens: number;
  outputTokens: number;
  cachedTokens?: number;
}

export interface OpenAIAuditLog {
  id: string;
  type: string;
  effective_at: number;
  project?: { id: string; name: string };
  actor: Record<string, unknown> | null;
  [payload: string]: unknown;
}

export interface OpenAIEmulatorOptions {
  seed?: number;
  /** Older API behaviour: DELETE of a service-account-owned key answers 400. */
  rejectServiceAccountKeyDelete?: boolean;
  /** `short`: `sk-proj-...9f2c` (spec); `masked`: prefix, `*` to the key's length, last 4. */
  redaction?: 'short' | 'masked';
  /** Without it, `POST …/service_accounts/{id}/api_keys` answers 404 (an API that predates it). */
  serviceAccountKeysEndpoint?: boolean;
  /** Unmasked trailing characters in `redacted_value` (default 4); 1 makes many keys collide. */
  redactedSuffixLength?: number;
  /**
   * A usage API that ignores `api_key_ids` and `group_by` (what a server does with parameters it does
   * not recognise): the whole organisation's usage comes back in rows with `api_key_id: null`.
   */
  usageIgnoresKeyFilter?: boolean;
}

const DAY = 86_400;

let contract: Contract | undefined;
/** OpenAI's official description (subset), shared by every emulator instance. */
export function openaiContract(): Contract {
  contract ??= new Contract('openai-admin-subset', '/v1', { authorization: 'Bearer' });
  return contract;
}
const now = () => Math.floor(Date.now() / 1000);

function err(
  status: number,
  message: string,
  code: string | null,
  type = 'invalid_request_error',
): EmulatorResponse {
  return { status, body: { error: { message, type, param: null, code } } };
}

/** `sk-proj-****…abcd` as OpenAI prints a wrong key in its 401 message. */
function maskForMessage(key: string): string {
  const prefix = /^(sk-(?:proj|svcacct|admin|service)-|sk-)/.exec(key)?.[0] ?? '';
  return `${prefix}${'*'.repeat(Math.max(0, Math.min(key.length - prefix.length - 4, 12)))}${key.slice(-4)}`;
}

/** An array query parameter under the exact name the description declares (the contract checked its form). */
function listParam(q: URLSearchParams, name: string): string[] {
  return q.getAll(name).filter(Boolean);
}

export class OpenAIEmulator {
  readonly server = new EmulatorServer('openai');
  readonly gen: KeyGen;
  readonly options: Required<OpenAIEmulatorOptions>;
  readonly projects = new Map<string, OpenAIProject>();
  readonly keys = new Map<string, OpenAIKeyRecord>();
  readonly serviceAccounts = new Map<string, OpenAIServiceAccount>();
  readonly adminKeys = new Map<string, OpenAIAdminKey>();
  readonly usage: OpenAIUsageRecord[] = [];
  readonly auditLogs: OpenAIAuditLog[] = [];
  /** Project id → rate limits by model. */
  readonly rateLimits = new Map<string, Record<string, unknown>[]>();
  readonly modelPermissions = new Map<string, { mode: string; model_ids: string[] }>();
  #seq = 0;

  constructor(options: OpenAIEmulatorOptions = {}) {
    this.options = {
      seed: 42,
      rejectServiceAccountKeyDelete: false,
      redaction: 'short',
      serviceAccountKeysEndpoint: true,
      redactedSuffixLength: 4,
      usageIgnoresKeyFilter: false,
      ...options,
    };
    this.gen = new KeyGen(this.options.seed);
    this.server.enforce({
      contract: openaiContract(),
      errorBody: (status, message) => ({
        error: {
          message,
          type: 'invalid_request_error',
          param: null,
          code: status === 401 ? null : status === 404 ? 'unknown_url' : 'invalid_request',
        },
      }),
    });
    this.#routes();
  }

  // ------------------------------------------------------------------ framework pass-through

  get baseUrl(): string {
    return this.server.baseUrl;
  }

  /** What an OpenAI SDK calls `baseURL`: includes `/v1`. */
  get apiBase(): string {
    return `${this.server.baseUrl}/v1`;
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

  /** The next `times` matching requests answer 429 with the given wait hint (seconds). */
  rateLimit(path: string | RegExp, times = 1, retryAfterSeconds = 0): this {
    return this.injectFault({
      path,
      times,
      fault: {
        kind: 'status',
        status: 429,
        headers: {
          'retry-after': String(retryAfterSeconds),
          'retry-after-ms': String(retryAfterSeconds * 1000),
        },
        body: {
          error: {
            message: 'Rate limit reached for requests',
            type: 'requests',
            param: null,
            code: 'rate_limit_exceeded',
          },
        },
      },
    });
  }

  stop(): Promise<void> {
    return this.server.stop();
  }

  // ------------------------------------------------------------------ state helpers

  #id(prefix: string): string {
    this.#seq++;
    return `${prefix}${this.#seq.toString(36).padStart(6, '0')}${this.gen.alnum(8)}`;
  }

  addProject(name = `project ${this.projects.size + 1}`, archived = false): OpenAIProject {
    const p: OpenAIProject = {
      id: this.#id('proj_'),
      name,
      created_at: now() - 30 * DAY + this.projects.size,
      archived_at: archived ? now() - DAY : null,
      status: archived ? 'archived' : 'active',
    };
    this.projects.set(p.id, p);
    this.rateLimits.set(p.id, [
      {
        object: 'project.rate_limit',
        id: `rl-gpt-4o-${p.id}`,
        model: 'gpt-4o',
        max_requests_per_1_minute: 500,
        max_tokens_per_1_minute: 30_000,
      },
      {
        object: 'project.rate_limit',
        id: `rl-gpt-4o-mini-${p.id}`,
        model: 'gpt-4o-mini',
        max_requests_per_1_minute: 500,
        max_tokens_per_1_minute: 200_000,
      },
    ]);
    return p;
  }

  /** Adds a key (user-owned unless `serviceAccountId` is given); the value is generated unless passed. */
  addKey(
    opts: {
      projectId?: string;
      name?: string;
      value?: string;
      mode?: OpenAIKeyMode;
      serviceAccountId?: string;
      scopes?: string[];
      createdAt?: number;
    } = {},
  ): OpenAIKeyRecord {
    const projectId = opts.projectId ?? [...this.projects.keys()][0] ?? this.addProject().id;
    const sa = opts.serviceAccountId;
    const rec: OpenAIKeyRecord = {
      id: this.#id('key_'),
      projectId,
      value: opts.value ?? (sa ? this.gen.openaiServiceAccount() : this.gen.openaiProject()),
      name: opts.name ?? 'Secret key',
      created_at: opts.createdAt ?? now() - 7 * DAY,
      last_used_at: null,
      ownerType: sa ? 'service_account' : 'user',
      serviceAccountId: sa,
      userId: sa ? undefined : 'user_emulated',
      scopes: opts.scopes,
      mode: opts.mode ?? 'ok',
      deleted: false,
    };
    this.keys.set(rec.id, rec);
    return rec;
  }

  /**
   * A live key of another organisation (someone else's account): the inference API accepts it, but it
   * belongs to no project of ours, so our admin API never lists, disables or deletes it.
   */
  addForeignKey(): OpenAIKeyRecord {
    return this.addKey({ projectId: `${OTHER_ORG_PROJECT}${this.keys.size}` });
  }

  /**
   * A live key of another organisation whose redacted value is the same as our key `keyId`'s (a few
   * characters are all OpenAI shows): our admin API lists ours, which its hint fits.
   */
  addForeignLookalike(keyId: string): OpenAIKeyRecord {
    const orig = this.keys.get(keyId);
    if (!orig) throw new Error(`no key ${keyId}`);
    const value = orig.value.slice(0, 8) + this.gen.b64url(orig.value.length - 12) + orig.value.slice(-4);
    return this.addKey({ projectId: `${OTHER_ORG_PROJECT}${this.keys.size}`, value });
  }

  addServiceAccount(projectId: string, name = 'svc'): OpenAIServiceAccount {
    const sa: OpenAIServiceAccount = {
      id: this.#id('svc_acct_'),
      projectId,
      name,
      role: 'member',
      created_at: now() - DAY,
      deleted: false,
    };
    this.serviceAccounts.set(sa.id, sa);
    return sa;
  }

  addAdminKey(
    name = 'admin',
    opts: { value?: string; org?: string; createdAt?: number; expiresInSeconds?: number } = {},
  ): OpenAIAdminKey {
    const created = opts.createdAt ?? now() - DAY;
    const k: OpenAIAdminKey = {
      id: this.#id('key_'),
      name,
      value: opts.value ?? this.gen.openaiAdmin(),
      created_at: created,
      expires_at: opts.expiresInSeconds ? created + opts.expiresInSeconds : null,
      last_used_at: null,
      deleted: false,
      org: opts.org ?? OUR_ORG,
    };
    this.adminKeys.set(k.id, k);
    return k;
  }

  /**
   * A live admin key of another organization whose redacted value is the same as `like`'s (the
   * "hint fits one of ours" case): it administers its own organization, never ours.
   */
  addForeignAdminKey(like?: OpenAIAdminKey): OpenAIAdminKey {
    const value = like
      ? like.value.slice(0, 9) + this.gen.b64url(like.value.length - 13) + like.value.slice(-4)
      : undefined;
    return this.addAdminKey('their admin key', { value, org: 'org-someone-else' });
  }

  /** `active` or `deleted`, as the provider would see the admin key now. */
  adminKeyState(id: string): 'active' | 'deleted' | 'absent' {
    const k = this.adminKeys.get(id);
    if (!k) return 'absent';
    return k.deleted ? 'deleted' : 'active';
  }

  /**
   * Makes a second key (in `projectId`, default the same project) whose redacted value is identical to
   * `keyId`'s: the "one redacted value matches two keys" case.
   */
  addTwin(keyId: string, projectId?: string): OpenAIKeyRecord {
    const orig = this.keys.get(keyId);
    if (!orig) throw new Error(`no key ${keyId}`);
    const value = orig.value.slice(0, 8) + this.gen.b64url(orig.value.length - 12) + orig.value.slice(-4);
    return this.addKey({ projectId: projectId ?? orig.projectId, value });
  }

  seedUsage(rec: Partial<OpenAIUsageRecord> & { apiKeyId: string; time: number }): void {
    this.usage.push({
      kind: 'completions',
      model: 'gpt-4o-mini',
      requests: 1,
      inputTokens: 100,
      outputTokens: 50,
      projectId: this.keys.get(rec.apiKeyId)?.projectId,
      ...rec,
    });
  }

  seedAuditLog(log: Omit<OpenAIAuditLog, 'id'> & { id?: string }): OpenAIAuditLog {
    const full = { id: log.id ?? this.#id('audit_log-'), ...log } as OpenAIAuditLog;
    this.auditLogs.push(full);
    return full;
  }

  /** `active` or `deleted`, as the provider would see the key now. */
  keyState(id: string): 'active' | 'deleted' | 'absent' {
    const k = this.keys.get(id);
    if (!k) return 'absent';
    return k.deleted ? 'deleted' : 'active';
  }

  keyByValue(value: string): OpenAIKeyRecord | undefined {
    return [...this.keys.values()].find((k) => k.value === value);
  }

  redactedValue(k: OpenAIKeyRecord): string {
    if (k.redactedOverride) return k.redactedOverride;
    const prefix = /^(sk-(?:proj|svcacct|admin|service)-|sk-)/.exec(k.value)?.[0] ?? '';
    const n = this.options.redactedSuffixLength;
    if (this.options.redaction === 'masked') {
      return `${prefix}${'*'.repeat(k.value.length - prefix.length - n)}${k.value.slice(-n)}`;
    }
    return `${prefix}...${k.value.slice(-n)}`;
  }

  // ------------------------------------------------------------------ wire objects

  #projectKeyJson(k: OpenAIKeyRecord) {
    const sa = k.serviceAccountId ? this.serviceAccounts.get(k.serviceAccountId) : undefined;
    return {
      object: 'organization.project.api_key',
      redacted_value: this.redactedValue(k),
      name: k.name,
      created_at: k.created_at,
      last_used_at: k.last_used_at,
      id: k.id,
      owner_project_access: 'active',
      owner:
        k.ownerType === 'service_account'
          ? {
              type: 'service_account',
              service_account: sa && {
                id: sa.id,
                name: sa.name,
                created_at: sa.created_at,
                role: sa.role,
              },
            }
          : {
              type: 'user',
              user: {
                id: k.userId,
                email: 'dev@example.com',
                name: 'Dev',
                created_at: k.created_at,
                role: 'owner',
              },
            },
    };
  }

  #adminKeyJson(k: OpenAIAdminKey) {
    return {
      object: 'organization.admin_api_key',
      id: k.id,
      name: k.name,
      redacted_value: `sk-admin...${k.value.slice(-this.options.redactedSuffixLength)}`,
      created_at: k.created_at,
      expires_at: k.expires_at,
      last_used_at: k.last_used_at,
      owner: {
        type: 'user',
        object: 'organization.user',
        id: 'user_emulated',
        name: 'Admin',
        created_at: now() - 365 * DAY,
        role: 'owner',
      },
    };
  }

  #saJson(sa: OpenAIServiceAccount) {
    return {
      object: 'organization.project.service_account',
      id: sa.id,
      name: sa.name,
      role: sa.role,
      created_at: sa.created_at,
    };
  }

  #audit(req: EmulatorRequest, type: string, projectId: string, payload: Record<string, unknown>): void {
    const admin = this.#adminFor(req);
    const p = this.projects.get(projectId);
    this.auditLogs.push({
      id: this.#id('audit_log-'),
      type,
      effective_at: now(),
      project: p && { id: p.id, name: p.name },
      // AuditLogActorApiKey: the schema gives an API-key actor no IP and no user agent.
      actor: {
        type: 'api_key',
        api_key: { id: admin?.id, type: 'user', user: { id: 'user_emulated', email: 'admin@example.com' } },
      },
      [type]: payload,
    });
  }

  // ------------------------------------------------------------------ auth

  /** The live (not deleted, not expired) admin key the request authenticates with. */
  #adminFor(req: EmulatorRequest): OpenAIAdminKey | undefined {
    const token = bearer(req);
    return [...this.adminKeys.values()].find(
      (k) => !k.deleted && k.value === token && (k.expires_at === null || k.expires_at > now()),
    );
  }

  /**
   * Undefined when the caller holds a live admin key of our organization; else the error answer. An
   * admin key of another organization may only list its own organization's admin keys
   * (`ownOrgList`): every other admin route here is about our organization.
   */
  #requireAdmin(req: EmulatorRequest, ownOrgList = false): EmulatorResponse | undefined {
    const admin = this.#adminFor(req);
    if (admin) {
      admin.last_used_at = now();
      if (admin.org === OUR_ORG || ownOrgList) return undefined;
      return err(403, 'This admin key does not belong to the organization of this resource.', null);
    }
    const token = bearer(req);
    if (!token) return err(401, "You didn't provide an API key.", null);
    const k = this.keyByValue(token);
    if (k && !k.deleted) {
      return err(
        403,
        'You have insufficient permissions for this operation. Missing scopes: api.management.read.',
        null,
      );
    }
    return err(401, `Incorrect API key provided: ${maskForMessage(token)}.`, 'invalid_api_key');
  }

  // ------------------------------------------------------------------ list helper

  /** Cursor pagination: `limit` 1–100 (default 20), `after`/`before` ids. */
  #page<T extends { id: string }>(
    req: EmulatorRequest,
    items: T[],
    toJson: (t: T) => unknown,
  ): EmulatorResponse {
    const limitRaw = Number(req.query.get('limit') ?? 20);
    if (!Number.isInteger(limitRaw) || limitRaw < 1 || limitRaw > 100) {
      return err(400, `Invalid limit: ${req.query.get('limit')}; expected 1 to 100.`, 'invalid_value');
    }
    let start = 0;
    let end = items.length;
    const after = req.query.get('after');
    const before = req.query.get('before');
    if (after) {
      const i = items.findIndex((x) => x.id === after);
      if (i < 0) return err(400, `Invalid cursor: ${after}`, 'invalid_value');
      start = i + 1;
    }
    if (before) {
      const i = items.findIndex((x) => x.id === before);
      if (i < 0) return err(400, `Invalid cursor: ${before}`, 'invalid_value');
      end = i;
      start = Math.max(start, end - limitRaw);
    }
    const slice = items.slice(start, Math.min(end, start + limitRaw));
    return {
      status: 200,
      body: {
        object: 'list',
        data: slice.map(toJson),
        first_id: slice[0]?.id ?? null,
        last_id: slice[slice.length - 1]?.id ?? null,
        has_more: start + slice.length < end,
      },
    };
  }

  // ------------------------------------------------------------------ routes

  #routes(): void {
    const s = this.server;
    // Every answer to our admin key names its organization, as OpenAI's headers do.
    const admin =
      (h: (req: EmulatorRequest) => EmulatorResponse) =>
      (req: EmulatorRequest): EmulatorResponse => {
        const refused = this.#requireAdmin(req);
        if (refused) return refused;
        const r = h(req);
        return { ...r, headers: { 'openai-organization': OUR_ORG, ...r.headers } };
      };

    s.route('GET', '/v1/models', (req) => this.#models(req));

    s.route(
      'GET',
      '/v1/organization/projects',
      admin((req) => {
        const archived = req.query.get('include_archived') === 'true';
        const list = [...this.projects.values()].filter((p) => archived || p.status === 'active');
        return this.#page(req, list, (p) => ({ object: 'organization.project', ...p }));
      }),
    );
    s.route(
      'GET',
      '/v1/organization/projects/:pid',
      admin((req) => {
        const p = this.projects.get(req.params.pid!);
        if (!p) return err(404, `No such project: ${req.params.pid}`, 'not_found');
        return { status: 200, body: { object: 'organization.project', ...p } };
      }),
    );
    s.route(
      'GET',
      '/v1/organization/projects/:pid/api_keys',
      admin((req) => {
        const pid = req.params.pid!;
        if (!this.projects.has(pid)) return err(404, `No such project: ${pid}`, 'not_found');
        const list = [...this.keys.values()].filter((k) => k.projectId === pid && !k.deleted);
        return this.#page(req, list, (k) => this.#projectKeyJson(k));
      }),
    );
    s.route(
      'GET',
      '/v1/organization/projects/:pid/api_keys/:kid',
      admin((req) => {
        const k = this.keys.get(req.params.kid!);
        if (!k || k.deleted || k.projectId !== req.params.pid) {
          return err(404, `No such API key: ${req.params.kid}`, 'not_found');
        }
        return { status: 200, body: this.#projectKeyJson(k) };
      }),
    );
    s.route(
      'DELETE',
      '/v1/organization/projects/:pid/api_keys/:kid',
      admin((req) => {
        const k = this.keys.get(req.params.kid!);
        if (!k || k.deleted || k.projectId !== req.params.pid) {
          return err(404, `No such API key: ${req.params.kid}`, 'not_found');
        }
        if (k.ownerType === 'service_account' && this.options.rejectServiceAccountKeyDelete) {
          return err(
            400,
            'API keys owned by service accounts cannot be deleted; delete the service account instead.',
            null,
          );
        }
        k.deleted = true;
        this.#audit(req, 'api_key.deleted', k.projectId, { id: k.id });
        return {
          status: 200,
          body: { object: 'organization.project.api_key.deleted', id: k.id, deleted: true },
        };
      }),
    );

    s.route(
      'GET',
      '/v1/organization/projects/:pid/service_accounts',
      admin((req) => {
        const list = [...this.serviceAccounts.values()].filter(
          (sa) => sa.projectId === req.params.pid && !sa.deleted,
        );
        return this.#page(req, list, (sa) => this.#saJson(sa));
      }),
    );
    s.route(
      'POST',
      '/v1/organization/projects/:pid/service_accounts',
      admin((req) => {
        const pid = req.params.pid!;
        if (!this.projects.has(pid)) return err(404, `No such project: ${pid}`, 'not_found');
        const name = req.body?.name;
        if (typeof name !== 'string' || !name) return err(400, "Missing required parameter: 'name'.", null);
        const sa = this.addServiceAccount(pid, name);
        sa.created_at = now();
        this.#audit(req, 'service_account.created', pid, { id: sa.id, data: { role: 'member' } });
        if (req.body?.create_service_account_only === true) {
          sa.role = 'none';
          return { status: 200, body: { ...this.#saJson(sa), api_key: null } };
        }
        const k = this.addKey({ projectId: pid, serviceAccountId: sa.id, name, createdAt: now() });
        this.#audit(req, 'api_key.created', pid, { id: k.id, data: { scopes: [] } });
        return {
          status: 200,
          body: {
            ...this.#saJson(sa),
            api_key: {
              object: 'organization.project.service_account.api_key',
              value: k.value,
              name: k.name,
              created_at: k.created_at,
              id: k.id,
            },
          },
        };
      }),
    );
    s.route(
      'GET',
      '/v1/organization/projects/:pid/service_accounts/:sid',
      admin((req) => {
        const sa = this.serviceAccounts.get(req.params.sid!);
        if (!sa || sa.deleted || sa.projectId !== req.params.pid) {
          return err(404, `No such service account: ${req.params.sid}`, 'not_found');
        }
        return { status: 200, body: this.#saJson(sa) };
      }),
    );
    s.route(
      'DELETE',
      '/v1/organization/projects/:pid/service_accounts/:sid',
      admin((req) => {
        const sa = this.serviceAccounts.get(req.params.sid!);
        if (!sa || sa.deleted || sa.projectId !== req.params.pid) {
          return err(404, `No such service account: ${req.params.sid}`, 'not_found');
        }
        sa.deleted = true;
        for (const k of this.keys.values()) {
          if (k.serviceAccountId === sa.id && !k.deleted) {
            k.deleted = true;
            this.#audit(req, 'api_key.deleted', sa.projectId, { id: k.id });
          }
        }
        this.#audit(req, 'service_account.deleted', sa.projectId, { id: sa.id });
        return {
          status: 200,
          body: { object: 'organization.project.service_account.deleted', id: sa.id, deleted: true },
        };
      }),
    );
    s.route(
      'POST',
      '/v1/organization/projects/:pid/service_accounts/:sid/api_keys',
      admin((req) => {
        if (!this.options.serviceAccountKeysEndpoint) {
          return err(404, `Invalid URL (POST ${req.path})`, null);
        }
        const sa = this.serviceAccounts.get(req.params.sid!);
        if (!sa || sa.deleted || sa.projectId !== req.params.pid) {
          return err(404, `No such service account: ${req.params.sid}`, 'not_found');
        }
        const scopes = req.body?.scopes;
        if (
          scopes !== undefined &&
          (!Array.isArray(scopes) || scopes.some((x: unknown) => typeof x !== 'string'))
        ) {
          return err(400, "Invalid type for 'scopes': expected an array of strings.", 'invalid_type');
        }
        const k = this.addKey({
          projectId: sa.projectId,
          serviceAccountId: sa.id,
          name: req.body?.name ?? sa.name,
          scopes,
          createdAt: now(),
        });
        if (sa.role === 'none') sa.role = 'member';
        this.#audit(req, 'api_key.created', sa.projectId, { id: k.id, data: { scopes: scopes ?? [] } });
        return {
          status: 200,
          body: {
            object: 'organization.project.service_account.api_key',
            value: k.value,
            name: k.name,
            created_at: k.created_at,
            id: k.id,
          },
        };
      }),
    );

    s.route(
      'GET',
      '/v1/organization/projects/:pid/rate_limits',
      admin((req) => {
        const list = (this.rateLimits.get(req.params.pid!) ?? []) as { id: string }[];
        return this.#page(req, list, (x) => x);
      }),
    );
    s.route(
      'POST',
      '/v1/organization/projects/:pid/rate_limits/:rlid',
      admin((req) => {
        const rl = (this.rateLimits.get(req.params.pid!) ?? []).find((x) => x.id === req.params.rlid);
        if (!rl) return err(404, `No such rate limit: ${req.params.rlid}`, 'not_found');
        for (const [k, v] of Object.entries(req.body ?? {})) {
          if (/^max_/.test(k) && typeof v === 'number') rl[k] = v;
        }
        this.#audit(req, 'rate_limit.updated', req.params.pid!, { id: rl.id, changes_requested: req.body });
        return { status: 200, body: rl };
      }),
    );
    s.route(
      'GET',
      '/v1/organization/projects/:pid/model_permissions',
      admin((req) => ({
        status: 200,
        body: {
          object: 'project.model_permissions',
          ...(this.modelPermissions.get(req.params.pid!) ?? { mode: 'deny_list', model_ids: [] }),
        },
      })),
    );
    s.route(
      'POST',
      '/v1/organization/projects/:pid/model_permissions',
      admin((req) => {
        const { mode, model_ids } = req.body ?? {};
        if ((mode !== 'allow_list' && mode !== 'deny_list') || !Array.isArray(model_ids)) {
          return err(400, "Expected 'mode' allow_list|deny_list and 'model_ids'.", 'invalid_value');
        }
        this.modelPermissions.set(req.params.pid!, { mode, model_ids });
        return { status: 200, body: { object: 'project.model_permissions', mode, model_ids } };
      }),
    );
    s.route(
      'DELETE',
      '/v1/organization/projects/:pid/model_permissions',
      admin((req) => {
        this.modelPermissions.delete(req.params.pid!);
        return { status: 200, body: { object: 'project.model_permissions.deleted', deleted: true } };
      }),
    );

    s.route('GET', '/v1/organization/admin_api_keys', (req) => {
      const refused = this.#requireAdmin(req, true);
      if (refused) return refused;
      // The caller's own organization's keys, ordered by creation time (`order`, default asc).
      const org = this.#adminFor(req)!.org;
      const list = [...this.adminKeys.values()]
        .filter((k) => !k.deleted && k.org === org)
        .sort((a, b) => a.created_at - b.created_at);
      if (req.query.get('order') === 'desc') list.reverse();
      return this.#page(req, list, (k) => this.#adminKeyJson(k));
    });
    s.route(
      'POST',
      '/v1/organization/admin_api_keys',
      admin((req) => {
        // The contract checked the body's shape (name required, expires_in_seconds 1..31536000).
        const expires = req.body?.expires_in_seconds;
        const k = this.addAdminKey(req.body.name, {
          createdAt: now(),
          expiresInSeconds: typeof expires === 'number' ? expires : undefined,
        });
        return { status: 200, body: { ...this.#adminKeyJson(k), value: k.value } };
      }),
    );
    s.route(
      'GET',
      '/v1/organization/admin_api_keys/:id',
      admin((req) => {
        const k = this.adminKeys.get(req.params.id!);
        if (!k || k.deleted) return err(404, `No such admin key: ${req.params.id}`, 'not_found');
        return { status: 200, body: this.#adminKeyJson(k) };
      }),
    );
    s.route(
      'DELETE',
      '/v1/organization/admin_api_keys/:id',
      admin((req) => {
        const k = this.adminKeys.get(req.params.id!);
        if (!k || k.deleted) return err(404, `No such admin key: ${req.params.id}`, 'not_found');
        k.deleted = true;
        return {
          status: 200,
          body: { id: k.id, object: 'organization.admin_api_key.deleted', deleted: true },
        };
      }),
    );

    s.route(
      'GET',
      '/v1/organization/usage/:kind',
      admin((req) => this.#usage(req)),
    );
    s.route(
      'GET',
      '/v1/organization/audit_logs',
      admin((req) => this.#auditLogs(req)),
    );
  }

  #rateHeaders(): Record<string, string> {
    return {
      'x-request-id': `req_${this.gen.hex(24)}`,
      'x-ratelimit-limit-requests': '10000',
      'x-ratelimit-remaining-requests': '9999',
      'x-ratelimit-reset-requests': '6ms',
      'x-ratelimit-limit-tokens': '30000000',
      'x-ratelimit-remaining-tokens': '29999990',
      'x-ratelimit-reset-tokens': '0s',
      'openai-processing-ms': '12',
    };
  }

  #models(req: EmulatorRequest): EmulatorResponse {
    const headers = this.#rateHeaders();
    const token = bearer(req);
    const withHeaders = (r: EmulatorResponse): EmulatorResponse => ({
      ...r,
      headers: { ...headers, ...r.headers },
    });
    if (!token) {
      return withHeaders(
        err(
          401,
          "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth.",
          null,
        ),
      );
    }
    const k = this.keyByValue(token);
    if (!k || k.deleted) {
      if ([...this.adminKeys.values()].some((a) => a.value === token && !a.deleted)) {
        return withHeaders(
          err(
            401,
            'You have insufficient permissions for this operation. Missing scopes: api.model.read. Check that you have the correct role in your organization.',
            null,
          ),
        );
      }
      return withHeaders(
        err(
          401,
          `Incorrect API key provided: ${maskForMessage(token)}. You can find your API key at https://platform.openai.com/account/api-keys.`,
          'invalid_api_key',
        ),
      );
    }
    k.last_used_at = now();
    switch (k.mode) {
      case 'restricted':
        return withHeaders(
          err(
            401,
            "You have insufficient permissions for this operation. Missing scopes: api.model.read. Check that you have the correct role in your organization (Reader, Writer, Owner) and project (Member, Owner), and if you're using a restricted API key, that it has the necessary scopes.",
            null,
          ),
        );
      case 'ip-blocked':
        return withHeaders(
          err(
            401,
            'IP not authorized. Your IP address is not on the allowlist for this organization or project.',
            'ip_not_authorized',
          ),
        );
      case 'region-blocked':
        return withHeaders(
          err(
            403,
            'Country, region, or territory not supported',
            'unsupported_country_region_territory',
            'request_forbidden',
          ),
        );
      case 'quota':
        return withHeaders(
          err(
            429,
            'You exceeded your current quota, please check your plan and billing details.',
            'insufficient_quota',
            'insufficient_quota',
          ),
        );
      default:
        return {
          status: 200,
          // The organization and project the key belongs to (a key of another organization names its own).
          headers: {
            ...headers,
            'openai-organization': orgOfProject(k.projectId),
            'openai-project': k.projectId,
          },
          body: {
            object: 'list',
            data: [
              { id: 'gpt-4o', object: 'model', created: 1686935002, owned_by: 'openai' },
              { id: 'gpt-4o-mini', object: 'model', created: 1721172741, owned_by: 'system' },
            ],
          },
        };
    }
  }

  #usage(req: EmulatorRequest): EmulatorResponse {
    const kind = req.params.kind!;
    const q = req.query;
    const start = Number(q.get('start_time'));
    if (!q.get('start_time') || !Number.isFinite(start)) {
      return err(400, "Missing required parameter: 'start_time'.", 'missing_required_parameter');
    }
    const end = q.get('end_time') ? Number(q.get('end_time')) : now();
    const width = q.get('bucket_width') ?? '1d';
    const seconds = { '1m': 60, '1h': 3600, '1d': DAY }[width];
    if (!seconds) return err(400, `Invalid bucket_width: ${width}`, 'invalid_value');
    const limits = { '1m': [60, 1440], '1h': [24, 168], '1d': [7, 31] }[width]!;
    const limit = q.get('limit') ? Number(q.get('limit')) : limits[0]!;
    if (!Number.isInteger(limit) || limit < 1 || limit > limits[1]!) {
      return err(400, `Invalid limit for bucket_width ${width}: ${q.get('limit')}`, 'invalid_value');
    }
    const ignore = this.options.usageIgnoresKeyFilter;
    const keyIds = ignore ? [] : listParam(q, 'api_key_ids');
    const projectIds = listParam(q, 'project_ids');
    const models = listParam(q, 'models');
    const groupBy = listParam(q, 'group_by').filter((g) => !ignore || g !== 'api_key_id');
    const pageToken = q.get('page');
    const first = Math.floor(start / seconds) * seconds;
    const offset = pageToken
      ? Number(
          Buffer.from(pageToken, 'base64url')
            .toString('utf8')
            .replace(/^page_/, ''),
        )
      : 0;
    if (!Number.isInteger(offset) || offset < 0) return err(400, 'Invalid page token.', 'invalid_value');
    const total = Math.max(0, Math.ceil((end - first) / seconds));
    const records = this.usage.filter(
      (u) =>
        u.kind === kind &&
        u.time >= start &&
        u.time < end &&
        (!keyIds.length || keyIds.includes(u.apiKeyId)) &&
        (!projectIds.length || (u.projectId && projectIds.includes(u.projectId))) &&
        (!models.length || models.includes(u.model)),
    );
    const data = [];
    for (let i = offset; i < Math.min(total, offset + limit); i++) {
      const bStart = first + i * seconds;
      const bEnd = bStart + seconds;
      const inBucket = records.filter((u) => u.time >= bStart && u.time < bEnd);
      const groups = new Map<string, OpenAIUsageRecord[]>();
      for (const u of inBucket) {
        const key = groupBy
          .map((g) =>
            g === 'api_key_id' ? u.apiKeyId : g === 'model' ? u.model : g === 'project_id' ? u.projectId : '',
          )
          .join('|');
        groups.set(key, [...(groups.get(key) ?? []), u]);
      }
      const results = [...groups.values()].map((us) => ({
        object: `organization.usage.${kind}.result`,
        input_tokens: us.reduce((a, u) => a + u.inputTokens, 0),
        output_tokens: us.reduce((a, u) => a + u.outputTokens, 0),
        input_cached_tokens: us.reduce((a, u) => a + (u.cachedTokens ?? 0), 0),
        num_model_requests: us.reduce((a, u) => a + u.requests, 0),
        api_key_id: groupBy.includes('api_key_id') ? us[0]!.apiKeyId : null,
        model: groupBy.includes('model') ? us[0]!.model : null,
        project_id: groupBy.includes('project_id') ? (us[0]!.projectId ?? null) : null,
        user_id: null,
        batch: null,
        service_tier: null,
      }));
      data.push({ object: 'bucket', start_time: bStart, end_time: bEnd, results });
    }
    const more = offset + limit < total;
    return {
      status: 200,
      body: {
        object: 'page',
        data,
        has_more: more,
        next_page: more ? Buffer.from(`page_${offset + limit}`).toString('base64url') : null,
      },
    };
  }

  #auditLogs(req: EmulatorRequest): EmulatorResponse {
    const q = req.query;
    const num = (name: string) => (q.get(name) !== null ? Number(q.get(name)) : undefined);
    const gt = num('effective_at[gt]');
    const gte = num('effective_at[gte]');
    const lt = num('effective_at[lt]');
    const lte = num('effective_at[lte]');
    const types = listParam(q, 'event_types[]');
    const resources = listParam(q, 'resource_ids[]');
    const actors = listParam(q, 'actor_ids[]');
    const projects = listParam(q, 'project_ids[]');
    const resourceOf = (l: OpenAIAuditLog) => (l[l.type] as { id?: string } | undefined)?.id;
    const actorIds = (l: OpenAIAuditLog) => {
      const a = (l.actor ?? {}) as { api_key?: { id?: string }; session?: { user?: { id?: string } } };
      return [a.api_key?.id, a.session?.user?.id].filter(Boolean);
    };
    const list = this.auditLogs
      .filter(
        (l) =>
          (gt === undefined || l.effective_at > gt) &&
          (gte === undefined || l.effective_at >= gte) &&
          (lt === undefined || l.effective_at < lt) &&
          (lte === undefined || l.effective_at <= lte) &&
          (!types.length || types.includes(l.type)) &&
          (!resources.length || resources.includes(resourceOf(l) ?? '')) &&
          (!actors.length || actorIds(l).some((id) => actors.includes(id as string))) &&
          (!projects.length || projects.includes(l.project?.id ?? '')),
      )
      // Newest first, as the API lists them.
      .sort((a, b) => b.effective_at - a.effective_at);
    return this.#page(req, list, (l) => l);
  }
}

export async function startOpenAIEmulator(options: OpenAIEmulatorOptions = {}): Promise<OpenAIEmulator> {
  const emu = new OpenAIEmulator(options);
  await emu.server.start();
  return emu;
}
