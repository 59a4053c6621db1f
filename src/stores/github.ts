/**
 * GitHub secrets as a SecretStore, so the saga treats every place alike. Behaviour and journal ids
 * are today's: the id is `targetId` (`repo:NAME`, `env:prod:NAME`, `org:acme:NAME`), the label is
 * `describeTarget`, and the write is the SecretsSink's sealed-box PUT. GitHub never returns a
 * secret's value, so `holds` is the env-fingerprint proof of src/action/targets.ts: the workflow
 * mapped the current value into the step's env, or the place is `unknown` (rotated on the config's word).
 */
import type { SecretsSink, SecretTarget } from '../github/types.js';
import { describeTarget, targetId } from '../rotate/targets.js';
import type { Secret } from '../scan/secret.js';
import type { Holding, SecretStore, StoreWrite } from './types.js';

export interface GitHubProof {
  /** Ids (targetId) already proven to hold the leaked key (RotationRequest.heldBy). */
  heldBy?: readonly string[];
  /** The step's env: the secret's current value when the workflow mapped it in. */
  env?: NodeJS.ProcessEnv;
}

/** A sink that can prove a target writable without writing (GitHubSecretsSink). */
type MaybePreflight = SecretsSink & { preflight?: (t: SecretTarget) => Promise<void> };

export function createGitHubStore(
  target: SecretTarget,
  sink: MaybePreflight,
  proof: GitHubProof = {},
): SecretStore {
  const id = targetId(target);
  const label = describeTarget(target);
  return {
    kind: 'github',
    id,
    label,
    async holds(leaked: Secret): Promise<Holding> {
      if (proof.heldBy?.includes(id)) return { state: 'holds' };
      const value = proof.env?.[target.name]?.trim();
      if (!value)
        return {
          state: 'unknown',
          why: 'GitHub never returns secret values and this one is not in the step env',
        };
      return leaked.equals(value) ? { state: 'holds' } : { state: 'other' };
    },
    async preflight(): Promise<void> {
      await sink.preflight?.(target);
    },
    async put(value: Secret): Promise<StoreWrite> {
      return { outcome: await sink.put(target, value) };
    },
    plan(): string {
      return `store the replacement in ${label}`;
    },
  };
}
