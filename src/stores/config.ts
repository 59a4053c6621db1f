/**
 * `rotation.<provider>.stores:` in .keyguard.yml: every place beyond GitHub secrets that holds the
 * provider's key, each by kind and name. Validation is strict (an unknown key is refused with the
 * nearest known one), because a misspelt `field:` would make keyguard write the replacement into the
 * wrong field of a production secret.
 *
 * ```yaml
 * stores:
 *   - { kind: aws-secrets-manager, name: prod/openai, field: api_key, region: us-east-1 }
 *   - { kind: vault-kv2, mount: secret, path: deepseek/api_key, field: value, destroy-old: true }
 *   - { kind: kubernetes, namespace: prod, name: openai, field: OPENAI_API_KEY, restart: false }
 *   - { kind: webhook, url: https://vault.internal/keyguard, name: billing/openai }
 * ```
 *
 * Credentials never come from this file: each kind reads them from the step's environment (AWS's
 * standard chain, VAULT_TOKEN, KUBECONFIG, the webhook's HMAC key named by `secret-env`).
 */
import { ConfigError, type ConfigPath, type LineOf } from '../config/errors.js';
import { suggest } from '../config/suggest.js';
import { urlProblem } from '../http/url.js';
import type { StoreConfig, StoreKind } from './types.js';

type Shape = 'string' | 'boolean' | 'url' | 'env-name';

interface KindSchema {
  /** Which key is the store's own name (`name` for most, `path` for Vault). */
  nameKey: string;
  required: string[];
  keys: Record<string, Shape>;
  /** Defaults for options that are not given. */
  defaults?: Record<string, unknown>;
}

/** Kinds a user may configure (`github` places come from `secrets:`). */
export const STORE_SCHEMAS: Record<Exclude<StoreKind, 'github'>, KindSchema> = {
  'aws-secrets-manager': {
    nameKey: 'name',
    required: ['name'],
    keys: {
      name: 'string',
      field: 'string',
      region: 'string',
      endpoint: 'url',
      create: 'boolean',
      'retire-previous': 'boolean',
      'ignore-rotation': 'boolean',
      'write-probe': 'boolean',
    },
  },
  'vault-kv2': {
    nameKey: 'path',
    required: ['path'],
    keys: {
      mount: 'string',
      path: 'string',
      field: 'string',
      'destroy-old': 'boolean',
      address: 'url',
      namespace: 'string',
      auth: 'string',
      role: 'string',
      'auth-mount': 'string',
      'token-env': 'env-name',
      'jwt-env': 'env-name',
      audience: 'string',
      create: 'boolean',
    },
    defaults: { mount: 'secret', field: 'value' },
  },
  kubernetes: {
    nameKey: 'name',
    required: ['namespace', 'name', 'field'],
    keys: { namespace: 'string', name: 'string', field: 'string', restart: 'boolean', context: 'string' },
  },
  webhook: {
    nameKey: 'name',
    required: ['url', 'name'],
    keys: { url: 'url', name: 'string', field: 'string', 'secret-env': 'env-name' },
    defaults: { 'secret-env': 'KEYGUARD_STORE_WEBHOOK_SECRET' },
  },
};

export const STORE_KINDS = Object.keys(STORE_SCHEMAS) as Exclude<StoreKind, 'github'>[];

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

function quote(v: unknown): string {
  return JSON.stringify(v) ?? String(v);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Why a store URL is refused: not http(s), credentials in it, or plain http off loopback. */
export function storeUrlProblem(raw: string): string | undefined {
  const problem = urlProblem(raw, 'https://secrets.internal/keyguard');
  if (problem) return problem;
  const u = new URL(raw);
  if (u.protocol === 'http:' && !LOOPBACK.has(u.hostname))
    return `plain http is allowed on loopback only (the replacement travels in the body): use https for ${u.host}`;
  return undefined;
}

/** A server URL as part of a place's identity: case-insensitive scheme and host, no trailing slash. */
function placeUrl(raw: unknown): string {
  if (typeof raw !== 'string') return '';
  try {
    const u = new URL(raw);
    return `${u.protocol}//${u.host}${u.pathname.replace(/\/+$/, '')}`;
  } catch {
    return raw;
  }
}

/** Parses `stores:` of one provider section; `path` is where it sits (`['rotation', 'openai', 'stores']`). */
export function parseStores(raw: unknown, path: ConfigPath, lineOf: LineOf, file?: string): StoreConfig[] {
  const fail = (p: ConfigPath, message: string): never => {
    throw new ConfigError(`${p.join('.')}: ${message}`, file, lineOf(p));
  };
  if (!Array.isArray(raw) || raw.length === 0)
    fail(
      path,
      `expected a non-empty list like [{ kind: aws-secrets-manager, name: prod/openai }], got ${quote(raw)}`,
    );
  const out = (raw as unknown[]).map((entry, i) => parseEntry(entry, [...path, i], fail));
  const seen = new Map<string, number>();
  out.forEach((s, i) => {
    const key = JSON.stringify([
      s.kind,
      s.name,
      s.field ?? '',
      s.options.mount ?? '',
      s.options.namespace ?? '',
      s.options.region ?? '',
      s.options.url ?? '',
      // The same path on two Vault clusters, or the same name behind two AWS endpoints, is two places.
      placeUrl(s.options.address),
      placeUrl(s.options.endpoint),
      // The same Secret in two clusters (kubeconfig contexts) is two places.
      s.options.context ?? '',
    ]);
    const first = seen.get(key);
    if (first !== undefined) fail([...path, i], `the same place is listed twice (first at stores.${first})`);
    seen.set(key, i);
  });
  return out;
}

function parseEntry(
  v: unknown,
  path: ConfigPath,
  fail: (p: ConfigPath, message: string) => never,
): StoreConfig {
  if (!isObject(v))
    fail(
      path,
      `expected a mapping like { kind: kubernetes, namespace: prod, name: openai, field: OPENAI_API_KEY }, got ${quote(v)}`,
    );
  const o = v as Record<string, unknown>;
  if (o.kind === undefined) fail(path, `kind: is required (one of ${STORE_KINDS.join(', ')})`);
  const kind = o.kind;
  if (typeof kind !== 'string' || !(STORE_KINDS as string[]).includes(kind)) {
    const hint = typeof kind === 'string' ? suggest(kind, STORE_KINDS) : undefined;
    fail(
      [...path, 'kind'],
      `unknown store kind ${quote(kind)}${hint ? `; did you mean "${hint}"?` : `; expected one of ${STORE_KINDS.join(', ')}`}`,
    );
  }
  const schema = STORE_SCHEMAS[kind as keyof typeof STORE_SCHEMAS];
  const known = ['kind', ...Object.keys(schema.keys)];
  for (const k of Object.keys(o)) {
    if (known.includes(k)) continue;
    const hint = suggest(k, known);
    fail(
      [...path, k],
      `unknown key ${quote(k)} for a ${kind} store${hint ? `; did you mean "${hint}"?` : `; expected one of: ${known.join(', ')}`}`,
    );
  }
  for (const r of schema.required)
    if (o[r] === undefined) fail(path, `${r}: is required for a ${kind} store`);
  const options: Record<string, unknown> = { ...schema.defaults };
  for (const [k, shape] of Object.entries(schema.keys)) {
    const value = o[k];
    if (value === undefined) continue;
    const p = [...path, k];
    if (shape === 'boolean') {
      if (typeof value !== 'boolean') fail(p, `expected true or false, got ${quote(value)}`);
      options[k] = value;
      continue;
    }
    if (typeof value !== 'string' || value.trim() === '')
      fail(p, `expected a non-empty string, got ${quote(value)}`);
    const s = (value as string).trim();
    if (/[\u0000-\u001f\u007f]/.test(s)) fail(p, 'control characters are not allowed');
    if (shape === 'url') {
      const problem = storeUrlProblem(s);
      if (problem) fail(p, problem);
    }
    if (shape === 'env-name' && (!ENV_NAME.test(s) || /^(GITHUB_|RUNNER_|ACTIONS_|INPUT_)/i.test(s)))
      fail(
        p,
        `expected the name of an env variable the step sets from a secret (like KEYGUARD_STORE_WEBHOOK_SECRET), got ${quote(s)}`,
      );
    options[k] = s;
  }
  const name = options[schema.nameKey] as string;
  const field = options.field as string | undefined;
  delete options[schema.nameKey];
  delete options.field;
  return { kind: kind as StoreKind, name, ...(field ? { field } : {}), options };
}
