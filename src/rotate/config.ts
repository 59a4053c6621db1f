/**
 * The `rotation:` section of `.keyguard.yml`: per provider, which secrets hold its key, where and
 * how to create the replacement. `raw` is the value of the `rotation` key; `lineOf` is asked for
 * paths that start with `rotation`, so errors name the line of the bad value.
 *
 * ```yaml
 * rotation:
 *   contain-first: false          # disable the leaked key before the replacement is live
 *   standby-suffix: _NEXT
 *   max-key-age: 90               # days; scheduled rotation
 *   openai:
 *     project: proj_abc
 *     env: prod
 *     purpose: chat-api
 *     name-template: '{env}-{purpose}-{yyyymmdd}'
 *     scopes: [api.model.request]
 *     models: [gpt-4o-mini]
 *     rpm: 60
 *     allowed-ips: [203.0.113.0/24]
 *     secrets:
 *       - { name: OPENAI_API_KEY }
 *       - { name: OPENAI_API_KEY, environment: prod }
 *       - { name: OPENAI_API_KEY, org: acme, visibility: private }
 *     stores:                     # places beyond GitHub secrets (src/stores/config.ts)
 *       - { kind: aws-secrets-manager, name: prod/openai, field: api_key, region: us-east-1 }
 *     fleet-repository-secrets:   # fleet sweep: repositories whose own secrets may get the key
 *       - acme/web
 *       - acme/payments-*
 * ```
 */

import { ConfigError, type ConfigPath, type LineOf } from '../config/errors.js';
import { suggest } from '../config/suggest.js';
import type { SecretTarget } from '../github/types.js';
import type { KeyPolicy } from '../providers/types.js';
import { parseStores } from '../stores/config.js';
import type { StoreConfig } from '../stores/types.js';

export const DEFAULT_NAME_TEMPLATE = '{env}-{purpose}-{yyyymmdd}';
export const DEFAULT_STANDBY_SUFFIX = '_NEXT';
export const TEMPLATE_VARIABLES = ['env', 'purpose', 'provider', 'yyyymmdd', 'secret'] as const;

/** Key policy as configured: the provider-facing policy, with a name template instead of a name. */
export interface KeyPolicyConfig extends Omit<KeyPolicy, 'name'> {
  nameTemplate: string;
  env?: string;
  purpose?: string;
}

export interface ProviderRotationConfig {
  provider: string;
  targets: SecretTarget[];
  /** Places beyond GitHub secrets (`stores:`), in config order. */
  stores: StoreConfig[];
  policy: KeyPolicyConfig;
  containFirst: boolean;
  standbySuffix: string;
  /**
   * `fleet-repository-secrets`: `owner/name` globs of the repositories whose own (and environment)
   * secrets `fleet sweep --rotate` may write; empty = none (only shared organization secrets).
   * A repository's own rotation ignores it.
   */
  fleetRepositorySecrets: string[];
}

export interface RotationConfig {
  containFirst: boolean;
  standbySuffix: string;
  /** Days after which a stored key is rotated on schedule; undefined = never. */
  maxKeyAgeDays?: number;
  providers: Record<string, ProviderRotationConfig>;
}

const GLOBAL_KEYS = new Set(['contain-first', 'standby-suffix', 'max-key-age', 'name-template']);
const PROVIDER_KEYS = new Set([
  'secrets',
  'project',
  'env',
  'purpose',
  'name-template',
  'scopes',
  'models',
  'routes',
  'allowed-routes',
  'rpm',
  'tpm',
  'daily-requests',
  'budget',
  'budget-reset',
  'expires-in-days',
  'expiry',
  'allowed-ips',
  'metadata',
  'contain-first',
  'standby-suffix',
  'stores',
  'fleet-repository-secrets',
]);
const SECRET_KEYS = new Set(['name', 'environment', 'org', 'visibility', 'selected-repository-ids']);
const SECRET_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const PROVIDER_ID = /^[a-z][a-z0-9-]*$/;

class Ctx {
  constructor(
    readonly lineOf: LineOf,
    readonly file?: string,
  ) {}
  fail(path: ConfigPath, message: string): never {
    throw new ConfigError(`${path.join('.')}: ${message}`, this.file, this.lineOf(path));
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function quote(v: unknown): string {
  return JSON.stringify(v) ?? String(v);
}

function str(c: Ctx, v: unknown, path: ConfigPath): string {
  if (typeof v !== 'string' || v.trim() === '') c.fail(path, `expected a non-empty string, got ${quote(v)}`);
  return v.trim();
}

function bool(c: Ctx, v: unknown, path: ConfigPath): boolean {
  if (typeof v !== 'boolean') c.fail(path, `expected true or false, got ${quote(v)}`);
  return v;
}

function positive(c: Ctx, v: unknown, path: ConfigPath, integer = true): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0 || (integer && !Number.isInteger(v)))
    c.fail(path, `expected a positive ${integer ? 'integer' : 'number'}, got ${quote(v)}`);
  return v;
}

function strings(c: Ctx, v: unknown, path: ConfigPath): string[] {
  if (typeof v === 'string') return [str(c, v, path)];
  if (!Array.isArray(v) || v.length === 0) c.fail(path, `expected a list of strings, got ${quote(v)}`);
  return v.map((x, i) => str(c, x, [...path, i]));
}

function template(c: Ctx, v: unknown, path: ConfigPath): string {
  const t = str(c, v, path);
  for (const m of t.matchAll(/\{([^}]*)\}/g)) {
    if (!(TEMPLATE_VARIABLES as readonly string[]).includes(m[1]))
      c.fail(
        path,
        `unknown variable {${m[1]}} in ${quote(t)}; use ${TEMPLATE_VARIABLES.map((x) => `{${x}}`).join(', ')}`,
      );
  }
  return t;
}

/** `30d`, `12w`, `6m`, `1y` or a number of days. */
function expiryDays(c: Ctx, v: unknown, path: ConfigPath): number {
  if (typeof v === 'number') return positive(c, v, path);
  const m = typeof v === 'string' ? /^(\d+)\s*([dwmy])$/.exec(v.trim()) : null;
  if (!m || Number(m[1]) <= 0) c.fail(path, `expected a duration like 30d, 12w, 6m or 1y, got ${quote(v)}`);
  const n = Number(m[1]);
  return n * { d: 1, w: 7, m: 30, y: 365 }[m[2] as 'd' | 'w' | 'm' | 'y'];
}

function ipList(c: Ctx, v: unknown, path: ConfigPath): string[] {
  const list = strings(c, v, path);
  list.forEach((ip, i) => {
    if (!/^[0-9a-fA-F:.]+(\/\d{1,3})?$/.test(ip))
      c.fail([...path, i], `expected an IP or CIDR, got ${quote(ip)}`);
  });
  return list;
}

/** A repository name or glob: `owner/name`, where either part may use `*` and `?`. */
const REPOSITORY_GLOB = /^[A-Za-z0-9._*?-]+\/[A-Za-z0-9._*?-]+$/;

function repositoryGlobs(c: Ctx, v: unknown, path: ConfigPath): string[] {
  const list = strings(c, v, path);
  list.forEach((g, i) => {
    if (!REPOSITORY_GLOB.test(g))
      c.fail(
        typeof v === 'string' ? path : [...path, i],
        `expected owner/name or a glob like acme/payments-*, got ${quote(g)}`,
      );
  });
  return list;
}

function secretTarget(c: Ctx, v: unknown, path: ConfigPath): SecretTarget {
  if (typeof v === 'string') v = { name: v };
  if (!isObject(v))
    c.fail(path, `expected { name: SECRET_NAME, environment?: ..., org?: ... }, got ${quote(v)}`);
  for (const k of Object.keys(v))
    if (!SECRET_KEYS.has(k))
      c.fail([...path, k], `unknown key ${quote(k)}; expected one of ${[...SECRET_KEYS].join(', ')}`);
  const name = str(c, v.name, [...path, 'name']);
  if (!SECRET_NAME.test(name) || /^GITHUB_/i.test(name))
    c.fail(
      [...path, 'name'],
      `invalid secret name ${quote(name)}: use A-Z, 0-9 and _, not starting with GITHUB_ or a digit`,
    );
  if (v.environment !== undefined && v.org !== undefined)
    c.fail(path, 'a secret is either an environment secret or an organization secret, not both');
  if (v.environment !== undefined)
    return {
      name: name.toUpperCase(),
      scope: { kind: 'env', environment: str(c, v.environment, [...path, 'environment']) },
    };
  if (v.org !== undefined) {
    const visibility = v.visibility === undefined ? undefined : str(c, v.visibility, [...path, 'visibility']);
    if (visibility !== undefined && !['all', 'private', 'selected'].includes(visibility))
      c.fail([...path, 'visibility'], `expected all, private or selected, got ${quote(visibility)}`);
    let ids: number[] | undefined;
    if (v['selected-repository-ids'] !== undefined) {
      const raw = v['selected-repository-ids'];
      if (!Array.isArray(raw))
        c.fail([...path, 'selected-repository-ids'], `expected a list of repository ids, got ${quote(raw)}`);
      ids = raw.map((x, i) => positive(c, x, [...path, 'selected-repository-ids', i]));
    }
    if (visibility === 'selected' && !ids) c.fail(path, 'visibility: selected needs selected-repository-ids');
    return {
      name: name.toUpperCase(),
      scope: {
        kind: 'org',
        org: str(c, v.org, [...path, 'org']),
        ...(visibility ? { visibility: visibility as 'all' | 'private' | 'selected' } : {}),
        ...(ids ? { selectedRepositoryIds: ids } : {}),
      },
    };
  }
  if (v.visibility !== undefined)
    c.fail([...path, 'visibility'], 'visibility applies to organization secrets only (add org:)');
  return { name: name.toUpperCase(), scope: { kind: 'repo' } };
}

function providerSection(
  c: Ctx,
  id: string,
  v: unknown,
  defaults: { containFirst: boolean; standbySuffix: string; nameTemplate: string },
): ProviderRotationConfig {
  const p: ConfigPath = ['rotation', id];
  if (!PROVIDER_ID.test(id))
    c.fail(p, `provider id ${quote(id)} must be lower case, like openai or openrouter`);
  if (!isObject(v)) c.fail(p, `expected a mapping with secrets: and key policy, got ${quote(v)}`);
  for (const k of Object.keys(v))
    if (!PROVIDER_KEYS.has(k)) {
      const hint = suggest(k, [...PROVIDER_KEYS]);
      c.fail(
        [...p, k],
        `unknown key ${quote(k)}${hint ? `; did you mean "${hint}"?` : `; expected one of ${[...PROVIDER_KEYS].join(', ')}`}`,
      );
    }
  if (v.secrets === undefined && v.stores === undefined)
    c.fail(
      p,
      'secrets: is required (the secrets that hold this provider key), unless stores: lists its places',
    );
  if (v.secrets !== undefined && (!Array.isArray(v.secrets) || v.secrets.length === 0))
    c.fail(
      [...p, 'secrets'],
      `expected a non-empty list like [{ name: OPENAI_API_KEY }], got ${quote(v.secrets)}`,
    );
  const targets = ((v.secrets ?? []) as unknown[]).map((s, i) => secretTarget(c, s, [...p, 'secrets', i]));
  const stores = v.stores === undefined ? [] : parseStores(v.stores, [...p, 'stores'], c.lineOf, c.file);
  const seen = new Set<string>();
  targets.forEach((t, i) => {
    const key = JSON.stringify([
      t.name,
      t.scope.kind,
      'environment' in t.scope ? t.scope.environment : '',
      'org' in t.scope ? t.scope.org : '',
    ]);
    if (seen.has(key)) c.fail([...p, 'secrets', i], `secret ${t.name} is listed twice in the same scope`);
    seen.add(key);
  });
  const policy: KeyPolicyConfig = {
    nameTemplate:
      v['name-template'] === undefined
        ? defaults.nameTemplate
        : template(c, v['name-template'], [...p, 'name-template']),
  };
  if (v.env !== undefined) policy.env = str(c, v.env, [...p, 'env']);
  if (v.purpose !== undefined) policy.purpose = str(c, v.purpose, [...p, 'purpose']);
  if (v.project !== undefined) policy.project = str(c, v.project, [...p, 'project']);
  if (v.scopes !== undefined) policy.scopes = strings(c, v.scopes, [...p, 'scopes']);
  if (v.models !== undefined) policy.models = strings(c, v.models, [...p, 'models']);
  if (v.routes !== undefined && v['allowed-routes'] !== undefined)
    c.fail([...p, 'routes'], 'use routes or allowed-routes, not both');
  const routesKey = v.routes !== undefined ? 'routes' : 'allowed-routes';
  if (v[routesKey] !== undefined) policy.allowedRoutes = strings(c, v[routesKey], [...p, routesKey]);
  if (v.rpm !== undefined) policy.rpm = positive(c, v.rpm, [...p, 'rpm']);
  if (v.tpm !== undefined) policy.tpm = positive(c, v.tpm, [...p, 'tpm']);
  if (v['daily-requests'] !== undefined)
    policy.dailyRequests = positive(c, v['daily-requests'], [...p, 'daily-requests']);
  if (v.budget !== undefined) policy.budgetUsd = positive(c, v.budget, [...p, 'budget'], false);
  if (v['budget-reset'] !== undefined) {
    const r = str(c, v['budget-reset'], [...p, 'budget-reset']);
    if (!/^(daily|weekly|monthly|\d+[smhd])$/.test(r))
      c.fail(
        [...p, 'budget-reset'],
        `expected daily, weekly, monthly or a duration like 30d, got ${quote(r)}`,
      );
    policy.budgetReset = r;
  }
  if (v['expires-in-days'] !== undefined && v.expiry !== undefined)
    c.fail([...p, 'expiry'], 'use expiry or expires-in-days, not both');
  if (v['expires-in-days'] !== undefined)
    policy.expiresInDays = positive(c, v['expires-in-days'], [...p, 'expires-in-days']);
  if (v.expiry !== undefined) policy.expiresInDays = expiryDays(c, v.expiry, [...p, 'expiry']);
  if (v['allowed-ips'] !== undefined) policy.allowedIps = ipList(c, v['allowed-ips'], [...p, 'allowed-ips']);
  if (v.metadata !== undefined) {
    if (!isObject(v.metadata))
      c.fail([...p, 'metadata'], `expected a mapping of strings, got ${quote(v.metadata)}`);
    policy.metadata = {};
    for (const [k, mv] of Object.entries(v.metadata))
      policy.metadata[k] = str(c, String(mv ?? ''), [...p, 'metadata', k]);
  }
  const fleetRepositorySecrets =
    v['fleet-repository-secrets'] === undefined
      ? []
      : repositoryGlobs(c, v['fleet-repository-secrets'], [...p, 'fleet-repository-secrets']);
  if (fleetRepositorySecrets.length && !targets.some((t) => t.scope.kind !== 'org'))
    c.fail(
      [...p, 'fleet-repository-secrets'],
      'applies to repository and environment secrets, and secrets: lists only organization secrets',
    );
  return {
    provider: id,
    targets,
    stores,
    policy,
    fleetRepositorySecrets,
    containFirst:
      v['contain-first'] === undefined
        ? defaults.containFirst
        : bool(c, v['contain-first'], [...p, 'contain-first']),
    standbySuffix:
      v['standby-suffix'] === undefined
        ? defaults.standbySuffix
        : suffix(c, v['standby-suffix'], [...p, 'standby-suffix']),
  };
}

function suffix(c: Ctx, v: unknown, path: ConfigPath): string {
  const s = str(c, v, path);
  if (!/^[A-Za-z0-9_]+$/.test(s))
    c.fail(path, `expected letters, digits and _ (like _NEXT), got ${quote(s)}`);
  return s.toUpperCase();
}

export function parseRotationConfig(raw: unknown, lineOf: LineOf, file?: string): RotationConfig {
  const c: Ctx = new Ctx(lineOf, file);
  if (raw === undefined || raw === null)
    return { containFirst: false, standbySuffix: DEFAULT_STANDBY_SUFFIX, providers: {} };
  if (!isObject(raw)) c.fail(['rotation'], `expected a mapping of provider ids, got ${quote(raw)}`);
  return parseSection(c, raw);
}

function parseSection(c: Ctx, raw: Record<string, unknown>): RotationConfig {
  const containFirst =
    raw['contain-first'] === undefined ? false : bool(c, raw['contain-first'], ['rotation', 'contain-first']);
  const standbySuffix =
    raw['standby-suffix'] === undefined
      ? DEFAULT_STANDBY_SUFFIX
      : suffix(c, raw['standby-suffix'], ['rotation', 'standby-suffix']);
  const nameTemplate =
    raw['name-template'] === undefined
      ? DEFAULT_NAME_TEMPLATE
      : template(c, raw['name-template'], ['rotation', 'name-template']);
  const maxKeyAgeDays =
    raw['max-key-age'] === undefined
      ? undefined
      : expiryDays(c, raw['max-key-age'], ['rotation', 'max-key-age']);
  const providers: Record<string, ProviderRotationConfig> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (GLOBAL_KEYS.has(k)) continue;
    providers[k] = providerSection(c, k, v, { containFirst, standbySuffix, nameTemplate });
  }
  return { containFirst, standbySuffix, ...(maxKeyAgeDays ? { maxKeyAgeDays } : {}), providers };
}
