/**
 * Which GitHub secrets hold a leaked key. The workflow maps current secret values into the step's
 * env; comparing them with the leaked key tells exactly which secrets to rotate, without a guess.
 */
import type { SecretTarget } from '../github/types.js';
import type { Secret } from '../scan/secret.js';

/** Variables the runner or keyguard itself sets: never secret holders. */
const NOT_SECRETS = /^(INPUT_|GITHUB_|RUNNER_|ACTIONS_|KEYGUARD_)/;

/** Names of env variables whose value is exactly the leaked key. */
export function envHolders(env: NodeJS.ProcessEnv, leaked: Secret): string[] {
  const names: string[] = [];
  for (const [name, value] of Object.entries(env)) {
    if (!value || NOT_SECRETS.test(name)) continue;
    if (leaked.equals(value.trim())) names.push(name);
  }
  return names.sort();
}

export interface TargetSelection {
  targets: SecretTarget[];
  /** Configured secrets whose env value shows they hold another key: left alone. */
  skipped: string[];
  /** Configured secrets with no value in env: rotated on the config's word alone. */
  unconfirmed: string[];
}

/**
 * Configured targets whose env value is the leaked key (or unknown) are kept; ones that visibly hold
 * another key are skipped; secrets found only through env become repository secrets.
 */
export function selectTargets(
  configured: SecretTarget[],
  env: NodeJS.ProcessEnv,
  leaked: Secret,
): TargetSelection {
  const holders = new Set(envHolders(env, leaked));
  const targets: SecretTarget[] = [];
  const skipped: string[] = [];
  const unconfirmed: string[] = [];
  for (const t of configured) {
    const value = env[t.name];
    if (value === undefined || value === '') {
      targets.push(t);
      unconfirmed.push(t.name);
    } else if (holders.has(t.name)) targets.push(t);
    else skipped.push(t.name);
  }
  const configuredNames = new Set(configured.map((t) => t.name));
  for (const name of holders) if (!configuredNames.has(name)) targets.push({ name, scope: { kind: 'repo' } });
  return { targets, skipped, unconfirmed };
}
