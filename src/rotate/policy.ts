/**
 * From configured policy to the KeyPolicy a provider receives: the name template expanded, and an
 * honest list of what the provider can enforce per key and what must be done by hand.
 */
import type { KeyPolicy } from '../providers/types.js';
import { DEFAULT_NAME_TEMPLATE, type KeyPolicyConfig } from './config.js';

export interface NameVars {
  provider: string;
  env?: string;
  purpose?: string;
  secret?: string;
  now: Date;
}

export function yyyymmdd(d: Date): string {
  return d.toISOString().slice(0, 10).replace(/-/g, '');
}

/** `{env}-{purpose}-{yyyymmdd}` → `prod-chat-api-20260109`; empty parts collapse, never a `--`. */
export function expandName(template: string, vars: NameVars): string {
  const values: Record<string, string> = {
    env: vars.env ?? 'ci',
    purpose: vars.purpose ?? 'api',
    provider: vars.provider,
    yyyymmdd: yyyymmdd(vars.now),
    secret: (vars.secret ?? '').toLowerCase().replace(/_/g, '-'),
  };
  const name = template
    .replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '');
  return name || `keyguard-${values.yyyymmdd}`;
}

export function buildKeyPolicy(cfg: KeyPolicyConfig | undefined, vars: NameVars): KeyPolicy {
  const c = cfg ?? { nameTemplate: DEFAULT_NAME_TEMPLATE };
  const name = expandName(c.nameTemplate, {
    ...vars,
    env: vars.env ?? c.env,
    purpose: vars.purpose ?? c.purpose,
  });
  const policy: KeyPolicy = { name };
  if (c.project) policy.project = c.project;
  if (c.scopes) policy.scopes = [...c.scopes];
  if (c.models) policy.models = [...c.models];
  if (c.allowedRoutes) policy.allowedRoutes = [...c.allowedRoutes];
  if (c.rpm) policy.rpm = c.rpm;
  if (c.tpm) policy.tpm = c.tpm;
  if (c.dailyRequests) policy.dailyRequests = c.dailyRequests;
  if (c.budgetUsd) policy.budgetUsd = c.budgetUsd;
  if (c.budgetReset) policy.budgetReset = c.budgetReset;
  if (c.expiresInDays) policy.expiresInDays = c.expiresInDays;
  if (c.allowedIps) policy.allowedIps = [...c.allowedIps];
  if (c.metadata) policy.metadata = { ...c.metadata };
  return policy;
}

type PolicyField = Exclude<keyof KeyPolicy, 'name' | 'metadata' | 'project' | 'kind'>;

/**
 * What each provider's create API applies to the one key (provider-apis.md). Anything else is a
 * manual step: OpenAI's model permissions and rate limits are per project, not per key; no provider
 * here has a per-key IP allow list.
 */
const PER_KEY: Record<string, PolicyField[]> = {
  openai: ['scopes'],
  openrouter: ['budgetUsd', 'budgetReset', 'expiresInDays'],
  litellm: ['models', 'allowedRoutes', 'rpm', 'tpm', 'budgetUsd', 'budgetReset', 'expiresInDays'],
};
/** Admin keys (`policy.kind: admin`) carry a name and an expiry, nothing else. */
const PER_ADMIN_KEY: Record<string, PolicyField[]> = { openai: ['expiresInDays'] };

function describe(field: PolicyField, p: KeyPolicy): string {
  switch (field) {
    case 'scopes':
      return `scopes ${p.scopes?.join(', ')}`;
    case 'models':
      return `allowed models ${p.models?.join(', ')}`;
    case 'allowedRoutes':
      return `allowed routes ${p.allowedRoutes?.join(', ')}`;
    case 'rpm':
      return `${p.rpm} requests per minute`;
    case 'tpm':
      return `${p.tpm} tokens per minute`;
    case 'dailyRequests':
      return `${p.dailyRequests} requests per day`;
    case 'budgetUsd':
      return `budget ${p.budgetUsd} USD`;
    case 'budgetReset':
      return `budget reset ${p.budgetReset}`;
    case 'expiresInDays':
      return `expires after ${p.expiresInDays} days`;
    case 'allowedIps':
      return `source IP allow list ${p.allowedIps?.join(', ')}`;
  }
}

const FIELDS: PolicyField[] = [
  'scopes',
  'models',
  'allowedRoutes',
  'rpm',
  'tpm',
  'dailyRequests',
  'budgetUsd',
  'budgetReset',
  'expiresInDays',
  'allowedIps',
];

/** Splits the asked-for policy into what the provider enforces per key and what a human must do. */
export function policyCoverage(
  providerId: string,
  policy: KeyPolicy,
): { enforced: string[]; notEnforced: string[] } {
  const can = new Set((policy.kind === 'admin' ? PER_ADMIN_KEY : PER_KEY)[providerId] ?? []);
  const enforced: string[] = [];
  const notEnforced: string[] = [];
  for (const f of FIELDS) {
    if (policy[f] === undefined) continue;
    (can.has(f) ? enforced : notEnforced).push(describe(f, policy));
  }
  return { enforced, notEnforced };
}
