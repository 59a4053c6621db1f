/**
 * A Vault / OpenBao server as far as keyguard uses it, from Vault's API documentation
 * (developer.hashicorp.com/vault/api-docs/secret/kv/kv-v2, …/auth/jwt, …/system/capabilities-self)
 * and the KV v2 plugin's own handlers (hashicorp/vault-plugin-secrets-kv `path_data.go`):
 *
 * - KV v2 mounts per namespace: `data/<path>` (read, `?version=`, write with `options.cas`, soft
 *   delete), `metadata/<path>` (versions, current_version), `destroy/<path>` and `delete/<path>`;
 *   versions count up, `max_versions` drops the oldest, deleted/destroyed versions answer 404 with
 *   their metadata, a cas mismatch is a 400 "check-and-set parameter did not match the current version".
 * - Tokens with ACL policies per path (`*` glob at the end, `+` for one segment, the most specific path
 *   wins, `deny` beats all), create vs update decided by whether the secret exists, as Vault does.
 * - JWT auth: `POST /v1/auth/<mount>/login {role, jwt}` checks an RS256 signature against the issuer's
 *   key, `exp`/`nbf`, `aud` against the role's bound_audiences and its bound_claims.
 * - X-Vault-Namespace: a token works only in its own namespace; each namespace has its own mounts.
 * - The response envelope (`request_id`, `data`, `warnings`, `auth`…) and `{"errors": [...]}` errors.
 *
 * Vault publishes no OpenAPI document on npm: shapes are enforced by hand here (unknown body
 * parameters get Vault's "ignored" warning, wrong types a 400). Fault injection comes from EmulatorServer.
 */
import {
  createSign,
  createVerify,
  generateKeyPairSync,
  type KeyObject,
  randomBytes,
  randomUUID,
} from 'node:crypto';
import { type EmulatorRequest, type EmulatorResponse, EmulatorServer } from './server.js';

export type Capability =
  | 'create'
  | 'read'
  | 'update'
  | 'patch'
  | 'delete'
  | 'list'
  | 'sudo'
  | 'deny'
  | 'root';
/** A Vault ACL policy: path (glob) → capabilities. */
export type Policy = Record<string, Capability[]>;

export interface VaultVersion {
  data: Record<string, unknown> | null;
  created_time: string;
  deletion_time: string;
  destroyed: boolean;
}

interface KvSecret {
  versions: Map<number, VaultVersion>;
  current: number;
  oldest: number;
  created_time: string;
  updated_time: string;
}

interface Mount {
  casRequired: boolean;
  maxVersions: number;
  secrets: Map<string, KvSecret>;
}

interface TokenEntry {
  namespace: string;
  policy: Policy;
}

export interface JwtRole {
  namespace?: string;
  authMount?: string;
  boundAudiences: string[];
  boundClaims?: Record<string, string>;
  policy: Policy;
}

const errors = (status: number, ...messages: string[]): EmulatorResponse => ({
  status,
  body: { errors: messages },
});
const DENIED = errors(403, '1 error occurred:\n\t* permission denied\n\n');

export class VaultEmulator {
  readonly server = new EmulatorServer('vault');
  readonly #mounts = new Map<string, Mount>();
  readonly #tokens = new Map<string, TokenEntry>();
  readonly #roles = new Map<string, JwtRole>();
  readonly #issuer = generateKeyPairSync('rsa', { modulusLength: 2048 });
  /** Every namespace header a request carried ('' for none). */
  readonly namespacesSeen: string[] = [];

  constructor() {
    for (const m of ['GET', 'POST', 'PUT', 'DELETE', 'LIST']) {
      this.server.route(m, '/v1/*path', (req) => this.#handle(req));
    }
    this.mount('secret');
  }

  get baseUrl(): string {
    return this.server.baseUrl;
  }

  /** Enables a KV v2 mount (`vault secrets enable -version=2 -path=<name> kv`). */
  mount(name: string, opts: { namespace?: string; casRequired?: boolean; maxVersions?: number } = {}): this {
    this.#mounts.set(`${opts.namespace ?? ''}|${name}`, {
      casRequired: opts.casRequired ?? false,
      maxVersions: opts.maxVersions ?? 10,
      secrets: new Map(),
    });
    return this;
  }

  /** A token with a policy (`root` capability on `*` for a root token). Returns the token. */
  token(policy: Policy, namespace = ''): string {
    const t = `hvs.${randomBytes(18).toString('base64url')}`;
    this.#tokens.set(t, { namespace, policy });
    return t;
  }

  revoke(token: string): void {
    this.#tokens.delete(token);
  }

  jwtRole(name: string, role: JwtRole): this {
    this.#roles.set(`${role.namespace ?? ''}|${role.authMount ?? 'jwt'}|${name}`, role);
    return this;
  }

  /** Signs a JWT with the issuer's key (what the Actions OIDC service would give), or with another key. */
  signJwt(claims: Record<string, unknown>, key: KeyObject = this.#issuer.privateKey): string {
    return signRs256(claims, key);
  }

  /** Writes a version as an operator would (no policy check). */
  seed(
    path: string,
    data: Record<string, unknown>,
    opts: { mount?: string; namespace?: string } = {},
  ): number {
    const m = this.#mountOf(opts.namespace ?? '', opts.mount ?? 'secret');
    return this.#write(m, path, data);
  }

  /** Soft-deletes versions as `vault kv delete -versions=` would. */
  deleteVersions(path: string, versions: number[], opts: { mount?: string; namespace?: string } = {}): void {
    const s = this.#mountOf(opts.namespace ?? '', opts.mount ?? 'secret').secrets.get(path);
    for (const n of versions) {
      const v = s?.versions.get(n);
      if (v) v.deletion_time = new Date().toISOString();
    }
  }

  /** The stored versions of a secret (for assertions). */
  versions(path: string, opts: { mount?: string; namespace?: string } = {}): Map<number, VaultVersion> {
    return (
      this.#mountOf(opts.namespace ?? '', opts.mount ?? 'secret').secrets.get(path)?.versions ?? new Map()
    );
  }

  current(path: string, opts: { mount?: string; namespace?: string } = {}): Record<string, unknown> | null {
    const s = this.#mountOf(opts.namespace ?? '', opts.mount ?? 'secret').secrets.get(path);
    return s ? (s.versions.get(s.current)?.data ?? null) : null;
  }

  #mountOf(namespace: string, name: string): Mount {
    const m = this.#mounts.get(`${namespace}|${name}`);
    if (!m) throw new Error(`no mount ${namespace}/${name}`);
    return m;
  }

  #write(m: Mount, path: string, data: Record<string, unknown>): number {
    const now = new Date().toISOString();
    let s = m.secrets.get(path);
    if (!s) {
      s = { versions: new Map(), current: 0, oldest: 1, created_time: now, updated_time: now };
      m.secrets.set(path, s);
    }
    s.current += 1;
    s.updated_time = now;
    s.versions.set(s.current, {
      data: structuredClone(data),
      created_time: now,
      deletion_time: '',
      destroyed: false,
    });
    // max_versions: the oldest versions beyond the limit are removed for good.
    while (s.current - s.oldest + 1 > m.maxVersions) s.versions.delete(s.oldest++);
    return s.current;
  }

  async #handle(req: EmulatorRequest): Promise<EmulatorResponse> {
    const namespace = String(req.headers['x-vault-namespace'] ?? '').replace(/^\/+|\/+$/g, '');
    this.namespacesSeen.push(namespace);
    let method = req.method;
    if (method === 'GET' && req.query.get('list') === 'true') method = 'LIST';
    const path = req.params.path!.replace(/\/+$/, '');
    if (req.text && (typeof req.body !== 'object' || req.body === null || Array.isArray(req.body))) {
      return errors(400, 'failed to parse JSON input: the body must be a JSON object');
    }
    const body = (req.body ?? {}) as Record<string, unknown>;

    const login = /^auth\/(.+)\/login$/.exec(path);
    if (login && (method === 'POST' || method === 'PUT')) return this.#login(namespace, login[1]!, body);

    const tokenValue = req.headers['x-vault-token'];
    const entry = typeof tokenValue === 'string' ? this.#tokens.get(tokenValue) : undefined;
    if (!entry || entry.namespace !== namespace) return DENIED;

    if (path === 'sys/capabilities-self' && (method === 'POST' || method === 'PUT')) {
      const paths = Array.isArray(body.paths)
        ? body.paths
        : typeof body.path === 'string'
          ? [body.path]
          : null;
      if (!paths?.every((p) => typeof p === 'string'))
        return errors(400, "'paths' must be a list of strings");
      const out: Record<string, string[]> = {};
      for (const p of paths as string[]) out[p] = capabilitiesOf(entry.policy, p);
      const all = [...new Set(Object.values(out).flat())].sort();
      return envelope({ ...out, capabilities: all }, { topLevel: true });
    }

    const kv = /^([^/]+)\/(data|metadata|destroy|delete|undelete)\/(.+)$/.exec(path);
    if (!kv) return errors(404, `no handler for route "${path}". route entry not found.`);
    const [, mountName, op, key] = kv as unknown as [string, string, string, string];
    const m = this.#mounts.get(`${namespace}|${mountName}`);
    if (!m) return errors(404, `no handler for route "${path}". route entry not found.`);
    const s = m.secrets.get(key);
    const need = (cap: Capability) => {
      const caps = capabilitiesOf(entry.policy, path);
      return caps.includes('root') || caps.includes(cap);
    };

    if (op === 'data' && method === 'GET') {
      if (!need('read')) return DENIED;
      const unknown = [...req.query.keys()].filter((k) => k !== 'version');
      if (unknown.length) return errors(400, `unknown query parameter(s) ${unknown.join(', ')}`);
      const asked = req.query.get('version');
      if (asked !== null && !/^\d+$/.test(asked)) return errors(400, 'version must be an integer');
      if (!s) return errors(404);
      const n = asked && Number(asked) > 0 ? Number(asked) : s.current;
      const v = s.versions.get(n);
      if (!v) return errors(404);
      const metadata = {
        version: n,
        created_time: v.created_time,
        deletion_time: v.deletion_time,
        destroyed: v.destroyed,
        custom_metadata: null,
      };
      if (v.destroyed || v.deletion_time) return { ...envelope({ data: null, metadata }), status: 404 };
      return envelope({ data: structuredClone(v.data), metadata });
    }

    if (op === 'data' && (method === 'POST' || method === 'PUT')) {
      if (!need(s ? 'update' : 'create')) return DENIED;
      if (typeof body.data !== 'object' || body.data === null || Array.isArray(body.data)) {
        return errors(400, 'no data provided');
      }
      const options = body.options;
      if (
        options !== undefined &&
        (typeof options !== 'object' || options === null || Array.isArray(options))
      ) {
        return errors(400, "'options' must be a map");
      }
      const opts = (options ?? {}) as Record<string, unknown>;
      if ('cas' in opts) {
        const cas = typeof opts.cas === 'string' && /^\d+$/.test(opts.cas) ? Number(opts.cas) : opts.cas;
        if (typeof cas !== 'number' || !Number.isInteger(cas))
          return errors(400, 'error parsing check-and-set parameter');
        if (cas !== (s?.current ?? 0))
          return errors(400, 'check-and-set parameter did not match the current version');
      } else if (m.casRequired) {
        return errors(400, 'check-and-set parameter required for this call');
      }
      const n = this.#write(m, key, body.data as Record<string, unknown>);
      const v = m.secrets.get(key)!.versions.get(n)!;
      const ignored = Object.keys(body).filter((k) => !['data', 'options', 'version'].includes(k));
      return envelope(
        {
          version: n,
          created_time: v.created_time,
          deletion_time: '',
          destroyed: false,
          custom_metadata: null,
        },
        {
          warnings: ignored.length
            ? [`Endpoint ignored these unrecognized parameters: [${ignored.join(' ')}]`]
            : null,
        },
      );
    }

    if (op === 'data' && method === 'DELETE') {
      if (!need('delete')) return DENIED;
      const v = s?.versions.get(s.current);
      if (v && !v.deletion_time) v.deletion_time = new Date().toISOString();
      return { status: 204 };
    }

    if (op === 'metadata' && (method === 'GET' || method === 'LIST')) {
      if (!need(method === 'LIST' ? 'list' : 'read')) return DENIED;
      if (method === 'LIST') {
        const prefix = `${key}/`;
        const keys = [...m.secrets.keys()]
          .filter((k) => k.startsWith(prefix))
          .map((k) => k.slice(prefix.length));
        return keys.length ? envelope({ keys }) : errors(404);
      }
      if (!s) return errors(404);
      const versions: Record<string, Omit<VaultVersion, 'data'>> = {};
      for (const [n, v] of s.versions) {
        versions[String(n)] = {
          created_time: v.created_time,
          deletion_time: v.deletion_time,
          destroyed: v.destroyed,
        };
      }
      return envelope({
        cas_required: m.casRequired,
        created_time: s.created_time,
        current_version: s.current,
        custom_metadata: null,
        delete_version_after: '0s',
        max_versions: 0,
        oldest_version: s.oldest,
        updated_time: s.updated_time,
        versions,
      });
    }

    if (
      (op === 'destroy' || op === 'delete' || op === 'undelete') &&
      (method === 'POST' || method === 'PUT')
    ) {
      if (!need('update')) return DENIED;
      const list = body.versions;
      if (!Array.isArray(list) || list.length === 0) return errors(400, 'no version number provided');
      if (!list.every((n) => Number.isInteger(n) && n > 0))
        return errors(400, "'versions' must be a list of integers");
      for (const n of list as number[]) {
        const v = s?.versions.get(n);
        if (!v) continue;
        if (op === 'destroy') {
          v.destroyed = true;
          v.data = null;
        } else if (op === 'delete') v.deletion_time ||= new Date().toISOString();
        else if (!v.destroyed) v.deletion_time = '';
      }
      return { status: 204 };
    }

    return errors(405, `unsupported operation`);
  }

  #login(namespace: string, authMount: string, body: Record<string, unknown>): EmulatorResponse {
    const roleName = body.role;
    if (typeof roleName !== 'string' || !roleName) return errors(400, 'missing role');
    if (typeof body.jwt !== 'string' || !body.jwt) return errors(400, 'missing token');
    const role = this.#roles.get(`${namespace}|${authMount}|${roleName}`);
    if (!role) return errors(400, `role "${roleName}" could not be found`);
    const claims = verifyRs256(body.jwt, this.#issuer.publicKey);
    if (!claims) return errors(400, 'error validating token: failed to verify id token signature');
    const now = Date.now() / 1000;
    if (typeof claims.exp !== 'number' || claims.exp < now)
      return errors(400, 'error validating token: token is expired (exp)');
    if (typeof claims.nbf === 'number' && claims.nbf > now + 5)
      return errors(400, 'error validating token: token not valid yet (nbf)');
    const aud = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
    if (!aud.some((a) => role.boundAudiences.includes(String(a)))) {
      return errors(
        400,
        'error validating token: invalid audience (aud) claim: audience claim does not match any expected audience',
      );
    }
    for (const [k, want] of Object.entries(role.boundClaims ?? {})) {
      if (claims[k] !== want)
        return errors(
          400,
          `error validating token: claim "${k}" does not match any associated bound claim values`,
        );
    }
    const clientToken = this.token(role.policy, namespace);
    return envelope(null, {
      auth: {
        client_token: clientToken,
        accessor: randomUUID(),
        policies: ['default', roleName],
        token_policies: ['default', roleName],
        metadata: { role: roleName },
        lease_duration: 3600,
        renewable: true,
        entity_id: randomUUID(),
        token_type: 'service',
        orphan: true,
      },
    });
  }
}

/** Vault's ACL rules: exact path first, then the glob whose fixed part is longest; `deny` wins. */
export function capabilitiesOf(policy: Policy, path: string): Capability[] {
  let best: { score: number; caps: Capability[] } | undefined;
  for (const [pattern, caps] of Object.entries(policy)) {
    const glob = pattern.endsWith('*');
    const fixed = glob ? pattern.slice(0, -1) : pattern;
    const re = new RegExp(
      `^${fixed
        .split('+')
        .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('[^/]+')}${glob ? '.*' : ''}$`,
    );
    if (!re.test(path)) continue;
    const score = (glob ? 0 : 1_000_000) + fixed.replace(/\+/g, '').length;
    if (!best || score > best.score) best = { score, caps };
  }
  if (!best || best.caps.includes('deny')) return ['deny'];
  return best.caps;
}

function envelope(
  data: unknown,
  extra: { warnings?: string[] | null; auth?: unknown; topLevel?: boolean } = {},
): EmulatorResponse {
  const top = extra.topLevel && data && typeof data === 'object' ? (data as Record<string, unknown>) : {};
  return {
    status: 200,
    body: {
      ...top,
      request_id: randomUUID(),
      lease_id: '',
      renewable: false,
      lease_duration: 0,
      data,
      wrap_info: null,
      warnings: extra.warnings ?? null,
      auth: extra.auth ?? null,
      mount_type: 'kv',
    },
  };
}

export function signRs256(claims: Record<string, unknown>, key: KeyObject): string {
  const enc = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const input = `${enc({ alg: 'RS256', typ: 'JWT', kid: 'test' })}.${enc(claims)}`;
  const sig = createSign('RSA-SHA256').update(input).sign(key).toString('base64url');
  return `${input}.${sig}`;
}

function verifyRs256(jwt: string, key: KeyObject): Record<string, unknown> | undefined {
  const parts = jwt.split('.');
  if (parts.length !== 3) return undefined;
  try {
    const header = JSON.parse(Buffer.from(parts[0]!, 'base64url').toString());
    if (header.alg !== 'RS256') return undefined;
    const ok = createVerify('RSA-SHA256')
      .update(`${parts[0]}.${parts[1]}`)
      .verify(key, Buffer.from(parts[2]!, 'base64url'));
    return ok ? JSON.parse(Buffer.from(parts[1]!, 'base64url').toString()) : undefined;
  } catch {
    return undefined;
  }
}

export async function startVaultEmulator(): Promise<VaultEmulator> {
  const e = new VaultEmulator();
  await e.server.start();
  return e;
}

/**
 * GitHub Actions' OIDC token service: `GET <ACTIONS_ID_TOKEN_REQUEST_URL>&audience=<aud>` with
 * `Authorization: Bearer <ACTIONS_ID_TOKEN_REQUEST_TOKEN>` answers `{"value": "<jwt>"}`.
 */
export class ActionsOidcEmulator {
  readonly server = new EmulatorServer('actions-oidc');
  readonly requestToken = randomBytes(24).toString('base64url');
  readonly audiences: string[] = [];

  constructor(
    sign: (claims: Record<string, unknown>) => string,
    claims: Record<string, unknown> = { repository: 'acme/app', sub: 'repo:acme/app:ref:refs/heads/main' },
  ) {
    this.server.route('GET', '/_apis/idtoken', (req) => {
      if (req.headers.authorization !== `Bearer ${this.requestToken}`)
        return { status: 401, body: { message: 'unauthorized' } };
      if (req.query.get('api-version') !== '2.0') return { status: 400, body: { message: 'api-version' } };
      const aud = req.query.get('audience') ?? 'https://github.com/acme';
      this.audiences.push(aud);
      const now = Math.floor(Date.now() / 1000);
      const jwt = sign({
        iss: 'https://token.actions.githubusercontent.com',
        aud,
        iat: now,
        nbf: now,
        exp: now + 300,
        ...claims,
      });
      return { status: 200, body: { count: jwt.length, value: jwt } };
    });
  }

  /** The environment the runner gives a job with `id-token: write`. */
  env(): Record<string, string> {
    return {
      ACTIONS_ID_TOKEN_REQUEST_URL: `${this.server.baseUrl}/_apis/idtoken?api-version=2.0`,
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: this.requestToken,
    };
  }
}
