/**
 * Builds a RotationRequest from `.keyguard.yml` and the step's environment: the targets and policy
 * of the provider, and a standby key when a `<NAME>_NEXT` secret was mapped into the env.
 */
import type { RepoContext } from '../github/types.js';
import type { Provider } from '../providers/types.js';
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
  const targets = pc?.targets ?? [];
  const now = input.now ?? (() => new Date());
  const envTarget = targets.find((t) => t.scope.kind === 'env');
  const policy = buildKeyPolicy(pc?.policy, {
    provider: input.provider.id,
    env: envTarget?.scope.kind === 'env' ? envTarget.scope.environment : undefined,
    secret: targets[0]?.name,
    now: now(),
  });
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
    // Proof of ownership when the admin API does not know the key: the secret's current value is it.
    heldBy: targets
      .filter((t) => {
        const v = input.env?.[t.name]?.trim();
        return !!v && input.leaked.equals(v);
      })
      .map(targetId),
    containFirst: pc?.containFirst ?? input.config.containFirst,
    dryRun: input.dryRun,
    runId: input.runId,
    now,
    repo: input.repo,
    inHead: input.inHead,
    standbySuffix: suffix,
  };
}
