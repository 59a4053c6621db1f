/**
 * Which GitHub secrets hold a leaked key, and exactly where they live. The workflow maps current
 * secret values into the step's env; comparing them with the leaked key tells which secrets hold
 * it. An env variable says nothing about a secret's scope, so keyguard never invents one: a holder
 * the config does not place is looked up at GitHub, and written only where a secret of that name
 * already is, once, unambiguously. A replacement never lands wider than the leaked key was.
 */
import type { SecretTarget } from '../github/types.js';
import { targetId } from '../rotate/targets.js';
import type { Secret } from '../scan/secret.js';

/** Variables the runner or keyguard itself sets: never secret holders. */
export const NOT_SECRETS = /^(INPUT_|GITHUB_|RUNNER_|ACTIONS_|KEYGUARD_)/;

/** Names of env variables whose value is exactly the leaked key (same fingerprint). */
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
  /** Ids (targetId) of targets proven to hold the leaked key: their current value is in env. */
  proven: string[];
  /** Env variables holding the leaked key that no configured secret names: placed by `placeTargets`. */
  unscoped: string[];
}

/**
 * Configured targets whose env value is the leaked key (or unknown) are kept; ones that visibly hold
 * another key are skipped; env variables holding the key that the config does not name are returned
 * as `unscoped`, never turned into a secret of a scope nobody said.
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
  const proven: string[] = [];
  for (const t of configured) {
    const value = env[t.name];
    if (value === undefined || value === '') {
      targets.push(t);
      unconfirmed.push(t.name);
    } else if (holders.has(t.name)) {
      targets.push(t);
      proven.push(targetId(t));
    } else skipped.push(t.name);
  }
  const configuredNames = new Set(configured.map((t) => t.name.toUpperCase()));
  const unscoped = [...holders].filter((name) => !configuredNames.has(name.toUpperCase()));
  return { targets, skipped, unconfirmed, proven, unscoped };
}

/** A secret known to hold the leaked key that has no single place keyguard may write. */
export interface Unplaced {
  name: string;
  /** `missing`: no secret of that name anywhere (an alias, a variable); `ambiguous`: several places. */
  kind: 'missing' | 'ambiguous';
  why: string;
}

export interface Placement {
  targets: SecretTarget[];
  proven: string[];
  unplaced: Unplaced[];
}

function describePlace(t: SecretTarget): string {
  if (t.scope.kind === 'repo') return 'the repository';
  if (t.scope.kind === 'env') return `environment ${t.scope.environment}`;
  return `organization ${t.scope.org}`;
}

/**
 * Places secrets known only by name (env holders the config does not list, the secret named by a
 * manual dispatch): a configured secret of that name is used as configured; otherwise the one place
 * GitHub has a secret of that name. None (an alias of a mapped secret, a variable: nothing to write)
 * or several (GitHub does not say which one the job read: an environment secret shadows a repository
 * secret, which shadows an organisation secret) is unplaced, and never given a guessed scope; the
 * caller must change nothing while a name is ambiguous.
 */
export async function placeTargets(
  selection: Pick<TargetSelection, 'targets' | 'proven'>,
  names: string[],
  whereIs: (name: string) => Promise<SecretTarget[]>,
): Promise<Placement> {
  const targets = [...selection.targets];
  const proven = new Set(selection.proven);
  const unplaced: Unplaced[] = [];
  for (const raw of [...new Set(names.map((n) => n.toUpperCase()))]) {
    const configured = targets.filter((t) => t.name.toUpperCase() === raw);
    if (configured.length) {
      for (const t of configured) proven.add(targetId(t));
      continue;
    }
    const places = await whereIs(raw);
    if (places.length === 1) {
      targets.push(places[0]!);
      proven.add(targetId(places[0]!));
    } else if (places.length === 0) {
      unplaced.push({
        name: raw,
        kind: 'missing',
        why: `${raw} holds the leaked key, but no secret of that name exists in the repository, its environments or the organization secrets shared with it`,
      });
    } else {
      unplaced.push({
        name: raw,
        kind: 'ambiguous',
        why: `${raw} holds the leaked key and exists in ${places.map(describePlace).join(', ')}; GitHub does not say which one this job read, so keyguard will not guess: list the ones that hold this key under rotation.<provider>.secrets in .keyguard.yml`,
      });
    }
  }
  return { targets, proven: [...proven], unplaced };
}
