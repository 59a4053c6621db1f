/**
 * Builds a RotationRequest from `.keyguard.yml` and the step's environment: the targets and policy
 * of the provider, and a standby key when a `<NAME>_NEXT` secret was mapped into the env.
 */
import type { RepoContext } from '../github/types.js';
import type { KeyPolicy, Provider } from '../providers/types.js';
import { Secret } from '../scan/secret.js';
import type { Finding } from '../types.js';
import type { RotationConfig } from './config.js';
import { buildKeyPolicy } from './policy.js';
import type { RotationRequest } from './saga.js';
import { standbyName, targetId } from './targets.js';

export interface RequestInput {
  config: RotationConfig;
  provider: Provider;
  leaked: Secret;
  mode: 'disable' | 'rotate';
  runId: string;
  finding?: Finding;
  /** The step's environment: where standby keys (`OPENAI_API_KEY_NEXT`) are read from. */
  env?: Record<string, string | undefined>;
  now?: () => Date;
  dryRun?: boolean;
  repo?: RepoContext;
  inHead?: boolean;
}

/** The first non-empty `<NAME><suffix>` in env that is not the leaked key itself. */
export function standbyFromEnv(
  names: string[],
  suffix: string,
  env: Record<string, string | undefined>,
  leaked: Secret,
): Secret | undefined {
  for (const name of names) {
    const value = env[standbyName(name, suffix)]?.trim();
    if (value && !leaked.equals(value)) return new Secret(value);
  }
  return undefined;
}

export function rotationRequestFor(input: RequestInput): RotationRequest {
  const pc = input.config.providers[input.provider.id];
  const configured = pc?.targets ?? [];
  const now = input.now ?? (() => new Date());
  // Proof of ownership when the admin API does not know the key: the secret's current value is it.
  const heldBy = configured
    .filter((t) => {
      const v = input.env?.[t.name]?.trim();
      return !!v && input.leaked.equals(v);
    })
    .map(targetId);
  const admin = input.provider.kindOf?.(input.leaked) === 'admin';
  // The configured secrets are where the provider's API keys go: an admin key lands only in those
  // whose current value (in env) is the leaked admin key, never in one on the config's word alone.
  const targets = admin ? configured.filter((t) => heldBy.includes(targetId(t))) : configured;
  const envTarget = targets.find((t) => t.scope.kind === 'env');
  const built = buildKeyPolicy(pc?.policy, {
    provider: input.provider.id,
    env: envTarget?.scope.kind === 'env' ? envTarget.scope.environment : undefined,
    secret: targets[0]?.name,
    now: now(),
  });
  const policy = admin ? adminPolicy(built, now()) : built;
  const suffix = pc?.standbySuffix ?? input.config.standbySuffix;
  return {
    finding: input.finding,
    leaked: input.leaked,
    provider: input.provider,
    mode: input.mode,
    targets,
    policy,
    standby: standbyFromEnv(
      targets.map((t) => t.name),
      suffix,
      input.env ?? {},
      input.leaked,
    ),
    heldBy,
    containFirst: pc?.containFirst ?? input.config.containFirst,
    dryRun: input.dryRun,
    runId: input.runId,
    now,
    repo: input.repo,
    inHead: input.inHead,
    standbySuffix: suffix,
  };
}

/**
 * The policy of an admin key's replacement: `keyguard-admin-<yyyymmdd>` and the expiry. Scopes, models and limits are the
 * configured policy of API keys and mean nothing for an admin key.
 */
function adminPolicy(p: KeyPolicy, now: Date): KeyPolicy {
  // The API-key name template (`{env}-{purpose}-…`) describes an application key: not this one.
  const out: KeyPolicy = {
    name: `keyguard-admin-${now.toISOString().slice(0, 10).replace(/-/g, '')}`,
    kind: 'admin',
  };
  if (p.expiresInDays !== undefined) out.expiresInDays = p.expiresInDays;
  return out;
}
