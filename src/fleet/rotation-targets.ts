/**
 * Where a live key found in a swept repository may be replaced: the secrets the central
 * `.keyguard.yml` lists under `rotation.<provider>.secrets`, each read in the swept repository's
 * scope and kept only where a secret of that name already exists there:
 *
 * - `{ name, org }`: the organisation's secret, only when `org` is the swept repository's owner and
 *   GitHub lists it among the secrets shared with that repository (visibility `all`, `private` for a
 *   private repository, or `selected` naming it): a secret the swept repository cannot read never held
 *   its key. Existing is not holding: ./rotate.ts writes it only when its value proves it holds the key.
 * - `{ name }` and `{ name, environment }`: the swept repository's own Actions secret
 *   (`/repos/{owner}/{repo}/actions/secrets`) or its environment's, **only** when the repository is
 *   listed in `rotation.<provider>.fleet-repository-secrets`. GitHub never returns a secret's value,
 *   so such a secret is written on its name alone, and any admin of the repository can create one:
 *   one who also knows a live key of ours (from another leak) would plant it and receive the
 *   replacement. In a repository not listed, an existing secret of that name is reported as not
 *   written (a step for a human), never a target.
 *
 * Nothing is ever created in a swept repository: a replacement lands only where a secret already is,
 * never wider (docs/fleet.md, "Rotation across the fleet").
 */
import { Minimatch } from 'minimatch';
import type { GitHubSecretsSink } from '../github/secrets.js';
import type { SecretTarget } from '../github/types.js';
import { describeTarget, targetId } from '../rotate/targets.js';

export interface FleetTargets {
  /** Configured secrets that exist for the swept repository, in config order. */
  targets: SecretTarget[];
  /** Configured secrets that do not (or may not) apply to it, with the reason: left alone. */
  absent: { target: string; why: string }[];
  /**
   * Secrets of a configured name that exist (or may) in a repository not listed in
   * `fleet-repository-secrets`: not written, one sentence each for the result and the incident.
   */
  notWritten: string[];
}

type Lookup = Pick<GitHubSecretsSink, 'get' | 'whereIs'>;

/** Whether `repository` (`owner/name`) matches one of the `owner/name` globs, case-insensitively. */
export function optedIn(repository: string, globs: readonly string[]): boolean {
  return globs.some((g) => new Minimatch(g, { nocase: true, dot: true, nonegate: true }).match(repository));
}

export async function fleetTargets(
  configured: readonly SecretTarget[],
  repository: string,
  sink: Lookup,
  repositorySecrets: readonly string[] = [],
): Promise<FleetTargets> {
  const sweptOwner = repository.split('/')[0]!;
  const out: FleetTargets = { targets: [], absent: [], notWritten: [] };
  const shared = new Map<string, SecretTarget | null>();
  const listed = optedIn(repository, repositorySecrets);
  const seen = new Set<string>();
  for (const t of configured) {
    const id = targetId(t);
    if (seen.has(id)) continue;
    seen.add(id);
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
    if (listed) {
      if (await sink.get(t)) out.targets.push(t);
      else out.absent.push({ target: id, why: 'no such secret in this repository' });
      continue;
    }
    // Not listed: never a target, and never a reason to stop. A failed look-up here must not block
    // the rotation (or the disable) either, or whoever controls the repository could keep a leaked
    // key alive just by creating a secret of that name (or breaking its look-up).
    let exists: boolean | 'unknown';
    try {
      exists = (await sink.get(t)) !== null;
    } catch {
      exists = 'unknown';
    }
    if (exists === false) {
      out.absent.push({ target: id, why: 'no such secret in this repository' });
      continue;
    }
    out.absent.push({ target: id, why: 'repository not listed in fleet-repository-secrets' });
    out.notWritten.push(
      `${describeTarget(t)}: ${exists === true ? 'a secret of that name exists' : 'a secret of that name may exist (GitHub did not say)'} in ${repository}; not written (repository not listed in fleet-repository-secrets); update it by hand if it held the key`,
    );
  }
  return out;
}
