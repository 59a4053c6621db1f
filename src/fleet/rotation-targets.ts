/**
 * Where a live key found in a swept repository may be replaced: the secrets the central
 * `.keyguard.yml` lists under `rotation.<provider>.secrets`, each read in the swept repository's
 * scope and kept only where a secret of that name already exists there:
 *
 * - `{ name }`: the swept repository's own Actions secret (`/repos/{owner}/{repo}/actions/secrets`);
 * - `{ name, environment }`: that environment's secret of the swept repository;
 * - `{ name, org }`: the organisation's secret, only when `org` is the swept repository's owner and
 *   GitHub lists it among the secrets shared with that repository (visibility `all`, `private` for a
 *   private repository, or `selected` naming it): a secret the swept repository cannot read never held
 *   its key.
 *
 * Nothing is ever created in a swept repository: a replacement lands only where a secret already is,
 * never wider (docs/fleet.md, "Rotation across the fleet").
 */
import type { GitHubSecretsSink } from '../github/secrets.js';
import type { SecretTarget } from '../github/types.js';
import { targetId } from '../rotate/targets.js';

export interface FleetTargets {
  /** Configured secrets that exist for the swept repository, in config order. */
  targets: SecretTarget[];
  /** Configured secrets that do not (or may not) apply to it, with the reason: left alone. */
  absent: { target: string; why: string }[];
}

type Lookup = Pick<GitHubSecretsSink, 'get' | 'whereIs'>;

export async function fleetTargets(
  configured: readonly SecretTarget[],
  sweptOwner: string,
  sink: Lookup,
): Promise<FleetTargets> {
  const out: FleetTargets = { targets: [], absent: [] };
  const shared = new Map<string, SecretTarget | null>();
  for (const t of configured) {
    const id = targetId(t);
    if (out.targets.some((x) => targetId(x) === id)) continue;
    if (t.scope.kind === 'org') {
      if (t.scope.org.toLowerCase() !== sweptOwner.toLowerCase()) {
        out.absent.push({ target: id, why: `organization ${t.scope.org} is not the owner ${sweptOwner}` });
        continue;
      }
      const name = t.name.toUpperCase();
      if (!shared.has(name)) {
        const places = await sink.whereIs(name);
        shared.set(name, places.find((p) => p.scope.kind === 'org') ?? null);
      }
      const found = shared.get(name);
      if (!found) {
        out.absent.push({ target: id, why: 'not an organization secret shared with this repository' });
        continue;
      }
      // GitHub's visibility, as it has it now (the config's only applies to creating a secret).
      if (!out.targets.some((x) => targetId(x) === targetId(found))) out.targets.push(found);
      continue;
    }
    if (await sink.get(t)) out.targets.push(t);
    else out.absent.push({ target: id, why: 'no such secret in this repository' });
  }
  return out;
}
