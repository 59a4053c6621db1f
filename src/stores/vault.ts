/**
 * HashiCorp Vault / OpenBao KV version 2 as a secret store, over Vault's HTTP API (the project's own
 * HttpClient: one retry budget, no key in errors; node-vault is a thin and dated wrapper that would add
 * request/deps for a handful of documented endpoints).
 *
 * One store is one field of one secret: `<mount>/data/<path>`, data key `field`.
 * - holds: reads the current version; 403 means `unknown`, never a guess.
 * - put: read-modify-write of the whole data map with `options.cas` = the version read, so a concurrent
 *   writer is never overwritten: on "check-and-set parameter did not match the current version" it
 *   reads again and retries within the run's budget. Every other field is kept.
 * - retire: finds the older versions whose field is the leaked key; destroys them (`destroy-old: true`)
 *   or lists them with the `vault kv destroy` command. The current version is never destroyed.
 * - Auth: a token (VAULT_TOKEN, or the env variable `token-env` names), or a JWT login
 *   (`POST /v1/auth/<auth-mount>/login` with `role` + `jwt`): the JWT is GitHub Actions' OIDC token
 *   (ACTIONS_ID_TOKEN_REQUEST_URL/TOKEN, audience `audience`) or the env variable `jwt-env` names.
 *   Vault Enterprise / HCP namespaces travel in X-Vault-Namespace.
 */
import { RetryBudget } from '../http/budget.js';
import { HttpClient, type HttpResponse, isRetryableStatus, NetworkError } from '../http/client.js';
import { Secret } from '../scan/secret.js';
import {
  boolOption,
  checkOptionNames,
  conflictBackoffMs,
  MAX_CONFLICT_ATTEMPTS,
  outsideText,
  type StoreDeps,
  stringOption,
} from './common.js';
import { type Holding, type SecretStore, type StoreConfig, StoreError, type StoreWrite } from './types.js';

const OPTIONS = [
  'address',
  'mount',
  'namespace',
  'auth',
  'token-env',
  'role',
  'auth-mount',
  'audience',
  'jwt-env',
  'destroy-old',
  'create',
] as const;

/** hashicorp/vault-action's default audience for the GitHub OIDC token: roles made for it work as they are. */
export const DEFAULT_AUDIENCE = 'sigstore';

/** Vault path segments keyguard accepts (no `..`, no empty segment, no spaces or controls). */
const PATH = /^(?!.*(?:^|\/)\.{1,2}(?:\/|$))[A-Za-z0-9_.@+=:,-]+(?:\/[A-Za-z0-9_.@+=:,-]+)*$/;

const CAS_MISMATCH = 'check-and-set parameter did not match the current version';

type Current =
  | { kind: 'present'; data: Record<string, unknown>; version: number }
  /** No secret (version 0), or its current version deleted/destroyed (cas must name it). */
  | { kind: 'missing'; version: number }
  | { kind: 'denied' };

export interface VaultSettings {
  address: string;
  mount: string;
  path: string;
  field: string;
  namespace?: string;
  auth: 'token' | 'jwt';
  tokenEnv: string;
  role?: string;
  authMount: string;
  audience: string;
  jwtEnv?: string;
  destroyOld: boolean;
  create: boolean;
}

/** Reads and checks `rotation.<provider>.stores:` entry of kind `vault-kv2`. */
export function vaultSettings(config: StoreConfig, deps: StoreDeps = {}): VaultSettings {
  const env = deps.env ?? process.env;
  const o = config.options;
  const provisional = `vault:${config.name}`;
  checkOptionNames(provisional, o, OPTIONS);
  const address = deps.endpoint ?? stringOption(provisional, o, 'address') ?? env.VAULT_ADDR;
  if (!address) throw new StoreError(provisional, 'no Vault address: set `address` or VAULT_ADDR');
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    throw new StoreError(provisional, 'the Vault address is not a URL');
  }
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  // The token and the new key travel in every request: in clear only to this machine.
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new StoreError(provisional, 'the Vault address must be https:// (http only to a loopback address)');
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new StoreError(
      provisional,
      'the Vault address must be a plain origin, no user info, query or fragment',
    );
  }
  const mount = (stringOption(provisional, o, 'mount') ?? 'secret').replace(/^\/+|\/+$/g, '');
  const path = config.name.replace(/^\/+|\/+$/g, '');
  if (!PATH.test(mount)) throw new StoreError(provisional, 'option `mount` is not a plain Vault path');
  if (!PATH.test(path))
    throw new StoreError(provisional, 'the secret path (`name`) is not a plain Vault path');
  if (!config.field)
    throw new StoreError(provisional, '`field` is required: the data key that holds the API key');
  const role = stringOption(provisional, o, 'role');
  const auth = stringOption(provisional, o, 'auth') ?? (role ? 'jwt' : 'token');
  if (auth !== 'token' && auth !== 'jwt') {
    throw new StoreError(provisional, 'option `auth` must be `token` or `jwt`');
  }
  if (auth === 'jwt' && !role) throw new StoreError(provisional, '`auth: jwt` needs a `role`');
  const authMount = (stringOption(provisional, o, 'auth-mount') ?? 'jwt').replace(/^\/+|\/+$/g, '');
  if (!PATH.test(authMount))
    throw new StoreError(provisional, 'option `auth-mount` is not a plain Vault path');
  return {
    address: url.origin,
    mount,
    path,
    field: config.field,
    namespace: stringOption(provisional, o, 'namespace') ?? (env.VAULT_NAMESPACE || undefined),
    auth,
    tokenEnv: stringOption(provisional, o, 'token-env') ?? 'VAULT_TOKEN',
    role,
    authMount,
    audience: stringOption(provisional, o, 'audience') ?? DEFAULT_AUDIENCE,
    jwtEnv: stringOption(provisional, o, 'jwt-env'),
    destroyOld: boolOption(provisional, o, 'destroy-old'),
    create: boolOption(provisional, o, 'create'),
  };
}

export function createVaultStore(config: StoreConfig, deps: StoreDeps = {}): SecretStore {
  const s = vaultSettings(config, deps);
  const env = deps.env ?? process.env;
  const log = deps.log ?? (() => {});
  const budget = deps.budget ?? new RetryBudget();
  const http = new HttpClient({
    budget,
    retry: deps.retry,
    fetch: deps.fetch,
    // 412: a performance standby has not caught up yet (Vault Enterprise); it asks to be retried.
    isRetryable: ({ status, headers, json }) => status === 412 || isRetryableStatus(status, headers, json),
  });
  const host = new URL(s.address).host;
  const where = `${s.namespace ? `${s.namespace}/` : ''}${s.mount}/${s.path}`;
  const id = `vault:${host}:${where}#${s.field}`;
  const label = `Vault ${where} field ${s.field}`;
  /** Every secret this store has seen: scrubbed out of any outside text put in an error. */
  const secrets = new Set<Secret>();
  let token: Secret | undefined;

  const fail = (message: string, transient = false) => new StoreError(id, message, transient);
  const encodePath = (p: string) => p.split('/').map(encodeURIComponent).join('/');
  const api = (kind: 'data' | 'metadata' | 'destroy') => `${s.mount}/${kind}/${s.path}`;

  function errorsOf(res: HttpResponse): string {
    const errors = (res.json as { errors?: unknown } | undefined)?.errors;
    const text = Array.isArray(errors) ? errors.map(String).join('; ') : res.text.slice(0, 200);
    return outsideText(text.replace(/\s+/g, ' '), secrets);
  }

  async function send(
    method: string,
    path: string,
    opts: { body?: unknown; query?: string; auth?: boolean } = {},
  ): Promise<HttpResponse> {
    const headers: Record<string, string> = { 'X-Vault-Request': 'true' };
    if (opts.auth !== false) headers['X-Vault-Token'] = (await login()).reveal();
    if (s.namespace) headers['X-Vault-Namespace'] = s.namespace;
    try {
      return await http.request({
        method,
        url: `${s.address}/v1/${encodePath(path)}${opts.query ?? ''}`,
        headers,
        body: opts.body,
        // Writes carry `cas` (a repeat fails the check and is read back) or are naturally repeatable.
        idempotent: true,
      });
    } catch (err) {
      if (err instanceof NetworkError)
        throw fail(`Vault did not answer: ${outsideText(err.message, secrets)}`, true);
      throw err;
    }
  }

  function refuse(what: string, res: HttpResponse): StoreError {
    const transient = res.status === 429 || res.status === 412 || res.status >= 500;
    return fail(`${what} answered ${res.status}: ${errorsOf(res) || 'no reason given'}`, transient);
  }

  async function login(): Promise<Secret> {
    if (token) return token;
    if (s.auth === 'token') {
      const value = env[s.tokenEnv];
      if (!value) throw fail(`no Vault token: ${s.tokenEnv} is empty`);
      token = remember(value);
      return token;
    }
    const jwt = await fetchJwt();
    const res = await send('POST', `auth/${s.authMount}/login`, {
      body: { role: s.role, jwt: jwt.reveal() },
      auth: false,
    });
    const clientToken = (res.json as { auth?: { client_token?: unknown } } | undefined)?.auth?.client_token;
    if (res.status !== 200 || typeof clientToken !== 'string' || !clientToken) {
      throw refuse(`JWT login to auth/${s.authMount} (role ${s.role})`, res);
    }
    token = remember(clientToken);
    log(`Vault: logged in through auth/${s.authMount} as role ${s.role}`);
    return token;
  }

  async function fetchJwt(): Promise<Secret> {
    if (s.jwtEnv) {
      const value = env[s.jwtEnv];
      if (!value) throw fail(`no JWT for the Vault login: ${s.jwtEnv} is empty`);
      return remember(value);
    }
    const url = env.ACTIONS_ID_TOKEN_REQUEST_URL;
    const bearer = env.ACTIONS_ID_TOKEN_REQUEST_TOKEN;
    if (!url || !bearer) {
      throw fail(
        'no OIDC token for the Vault JWT login: give the job `permissions: id-token: write` (or set `jwt-env`)',
      );
    }
    remember(bearer);
    let res: HttpResponse;
    try {
      res = await http.request({
        url: `${url}${url.includes('?') ? '&' : '?'}audience=${encodeURIComponent(s.audience)}`,
        headers: { authorization: `Bearer ${bearer}`, accept: 'application/json' },
      });
    } catch (err) {
      if (err instanceof NetworkError) {
        throw fail(
          `the Actions OIDC token service did not answer: ${outsideText(err.message, secrets)}`,
          true,
        );
      }
      throw err;
    }
    const value = (res.json as { value?: unknown } | undefined)?.value;
    if (res.status !== 200 || typeof value !== 'string' || !value) {
      throw fail(`the Actions OIDC token service answered ${res.status} without a token`, res.status >= 500);
    }
    return remember(value);
  }

  function remember(value: string): Secret {
    deps.mask?.(value);
    const secret = new Secret(value);
    secrets.add(secret);
    return secret;
  }

  async function readVersion(version?: number): Promise<Current> {
    const res = await send('GET', api('data'), { query: version ? `?version=${version}` : '' });
    const body = res.json as
      | { data?: { data?: Record<string, unknown> | null; metadata?: { version?: number } } }
      | undefined;
    if (res.status === 200 && body?.data?.data && typeof body.data.metadata?.version === 'number') {
      return { kind: 'present', data: body.data.data, version: body.data.metadata.version };
    }
    // A deleted or destroyed version answers 404 with its metadata; no secret answers 404 bare.
    if (res.status === 404) return { kind: 'missing', version: body?.data?.metadata?.version ?? 0 };
    if (res.status === 403) return { kind: 'denied' };
    throw refuse(`GET ${api('data')}`, res);
  }

  async function capabilities(paths: string[]): Promise<Record<string, string[]>> {
    const res = await send('POST', 'sys/capabilities-self', { body: { paths } });
    if (res.status === 403) {
      throw fail(
        "cannot check the token's capabilities: it needs `update` on sys/capabilities-self (Vault's default policy has it)",
      );
    }
    if (res.status !== 200) throw refuse('POST sys/capabilities-self', res);
    const body = res.json as Record<string, unknown> & { data?: Record<string, unknown> };
    const out: Record<string, string[]> = {};
    for (const p of paths) {
      const caps = body.data?.[p] ?? body[p];
      out[p] = Array.isArray(caps) ? caps.map(String) : [];
    }
    return out;
  }

  const may = (caps: string[], cap: string) => caps.includes(cap) || caps.includes('root');

  return {
    kind: 'vault-kv2',
    id,
    label,

    async holds(leaked: Secret): Promise<Holding> {
      secrets.add(leaked);
      const cur = await readVersion();
      if (cur.kind === 'denied') {
        return {
          state: 'unknown',
          why: `Vault denied reading ${api('data')} (the token has no \`read\` on it)`,
        };
      }
      if (cur.kind === 'missing' || !(s.field in cur.data)) return { state: 'absent' };
      return leaked.equals(String(cur.data[s.field])) ? { state: 'holds' } : { state: 'other' };
    },

    async preflight(): Promise<void> {
      const cur = await readVersion();
      if (cur.kind === 'denied') {
        throw fail(`Vault denied reading ${api('data')}: keeping the secret's other fields needs \`read\``);
      }
      if (cur.kind === 'missing' && !s.create) {
        throw fail(`${api('data')} has no current version: create it first, or set \`create: true\``);
      }
      const paths = [api('data'), ...(s.destroyOld ? [api('metadata'), api('destroy')] : [])];
      const caps = await capabilities(paths);
      const write = cur.kind === 'present' ? 'update' : 'create';
      const missing: string[] = [];
      if (!may(caps[api('data')]!, write)) missing.push(`\`${write}\` on ${api('data')}`);
      if (s.destroyOld) {
        if (!may(caps[api('metadata')]!, 'read')) missing.push(`\`read\` on ${api('metadata')}`);
        if (!may(caps[api('destroy')]!, 'update')) missing.push(`\`update\` on ${api('destroy')}`);
      }
      if (missing.length) throw fail(`the Vault token lacks ${missing.join(', ')}`);
    },

    async put(value: Secret): Promise<StoreWrite> {
      secrets.add(value);
      for (let attempt = 0; ; attempt++) {
        const cur = await readVersion();
        if (cur.kind === 'denied') throw fail(`Vault denied reading ${api('data')}`);
        if (cur.kind === 'missing' && !s.create) {
          throw fail(`${api('data')} has no current version and \`create\` is not set`);
        }
        const data = cur.kind === 'present' ? cur.data : {};
        const had = s.field in data;
        if (had && value.equals(String(data[s.field]))) {
          return { outcome: 'updated', version: String(cur.version) };
        }
        const res = await send('POST', api('data'), {
          body: { data: { ...data, [s.field]: value.reveal() }, options: { cas: cur.version } },
        });
        const written = (res.json as { data?: { version?: unknown } } | undefined)?.data?.version;
        if (res.status === 200 && typeof written === 'number') {
          log(`Vault: wrote version ${written} of ${where} (field ${s.field} replaced, other fields kept)`);
          return { outcome: had ? 'updated' : 'created', version: String(written) };
        }
        if (res.status === 403) throw fail(`Vault denied writing ${api('data')}`);
        if (res.status === 400 && errorsOf(res).includes(CAS_MISMATCH)) {
          if (attempt + 1 >= MAX_CONFLICT_ATTEMPTS) {
            throw fail(
              `${api('data')} kept changing under the write (${attempt + 1} check-and-set conflicts)`,
              true,
            );
          }
          const wait = conflictBackoffMs(attempt);
          log(`Vault: ${where} changed since it was read (check-and-set); reading it again`);
          if (!(await budget.wait(wait))) {
            throw fail(
              `check-and-set conflict on ${api('data')} and no retry budget left (${budget.describe()})`,
              true,
            );
          }
          continue;
        }
        throw refuse(`POST ${api('data')}`, res);
      }
    },

    async retire(leaked: Secret): Promise<string[]> {
      secrets.add(leaked);
      const res = await send('GET', api('metadata'));
      if (res.status === 404) return [];
      if (res.status === 403) {
        return [
          `${label}: cannot list its versions (no \`read\` on ${api('metadata')}): check older versions for the leaked key by hand`,
        ];
      }
      if (res.status !== 200) throw refuse(`GET ${api('metadata')}`, res);
      const meta = (res.json as { data?: VaultMetadata } | undefined)?.data;
      const current = meta?.current_version ?? 0;
      const holding: number[] = [];
      const unreadable: number[] = [];
      const lines: string[] = [];
      const numbers = Object.keys(meta?.versions ?? {})
        .map(Number)
        .filter((n) => Number.isInteger(n) && n > 0)
        .sort((a, b) => a - b);
      for (const n of numbers) {
        const v = meta!.versions![String(n)]!;
        if (v.destroyed) continue;
        // A deleted version keeps its value (it can be undeleted) but cannot be read.
        if (v.deletion_time) {
          unreadable.push(n);
          continue;
        }
        const got = await readVersion(n);
        if (got.kind === 'present' && s.field in got.data && leaked.equals(String(got.data[s.field]))) {
          if (n === current)
            lines.push(`${label}: the current version ${n} still holds the leaked key (not destroyed)`);
          else holding.push(n);
        } else if (got.kind === 'denied') unreadable.push(n);
      }
      const list = (ns: number[]) => ns.join(',');
      const destroyCmd = (ns: number[]) =>
        `vault kv destroy ${s.namespace ? `-namespace=${s.namespace} ` : ''}-mount=${s.mount} -versions=${list(ns)} ${s.path}`;
      if (holding.length && s.destroyOld) {
        const out = await send('POST', api('destroy'), { body: { versions: holding } });
        if (out.status === 204 || out.status === 200) {
          lines.push(`${label}: destroyed version(s) ${list(holding)}, which held the leaked key`);
        } else {
          lines.push(
            `${label}: could not destroy version(s) ${list(holding)} (${out.status}: ${errorsOf(out) || 'no reason'}): run \`${destroyCmd(holding)}\``,
          );
        }
      } else if (holding.length) {
        lines.push(
          `${label}: version(s) ${list(holding)} still hold the leaked key; destroy them: \`${destroyCmd(holding)}\` (or set \`destroy-old: true\`)`,
        );
      }
      if (unreadable.length) {
        lines.push(
          `${label}: version(s) ${list(unreadable)} are deleted or unreadable, not destroyed: if they held the leaked key, \`${destroyCmd(unreadable)}\``,
        );
      }
      return lines;
    },

    plan(): string {
      const old = s.destroyOld
        ? 'older versions that hold the leaked key destroyed'
        : 'older versions that hold the leaked key listed';
      return `${label}: a new version with \`${s.field}\` replaced, every other field kept (check-and-set); ${old}`;
    },
  };
}

interface VaultMetadata {
  current_version?: number;
  versions?: Record<string, { deletion_time?: string; destroyed?: boolean }>;
}
