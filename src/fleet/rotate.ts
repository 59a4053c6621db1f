/**
 * `fleet sweep --rotate`: the live keys of one swept repository go through the same verify → rotate
 * → incident path as a repository's own sweep (src/action/rotation.ts and the saga), in the sweep job,
 * the only place the key is in hand (results hold redacted forms only).
 *
 * What differs from a repository's own run, and why:
 * - The config is the central repository's (the sweep never reads a swept repository's
 *   `.keyguard.yml`), and only providers it lists under `rotation:` are rotated.
 * - Targets: the configured secrets that exist for the swept repository (./rotation-targets.ts): the
 *   organisation's secrets shared with it, and its own (and environment) secrets only when the
 *   central config lists it in `fleet-repository-secrets`. Nothing is created there. A secret of a
 *   configured name in a repository not listed is named in the result and the incident as not
 *   written, and changes nothing else: the key is still rotated (or disabled) through the rest.
 * - No secret value is in hand (the central job cannot read a swept repository's secrets), so no
 *   target is "proven" by an env value: the saga's ownership rule then rests on the provider's admin
 *   API alone, and a key it does not know (someone else's, planted) is verified but never rotated.
 * - Incidents and their journals live in the central repository (one per key, titled with the swept
 *   repository), sealed for the central repository; links point at the swept repository.
 * - No scheduled (max-key-age) rotation, no audit, no standby keys: those need values in env.
 */
import { type RotationSettings, retryTuning, rotateLeaks } from '../action/rotation.js';
import { GitHubClient } from '../github/client.js';
import { graphqlBaseUrl, viewerIdentity } from '../github/identity.js';
import { createIncidentStore } from '../github/incidents.js';
import { createSecretsSink } from '../github/secrets.js';
import type { RepoContext } from '../github/types.js';
import { DEFAULT_RUN_BUDGET_MS, RetryBudget } from '../http/budget.js';
import { createStateSeal } from '../incident/seal.js';
import type { Provider } from '../providers/types.js';
import type { RotationConfig } from '../rotate/config.js';
import { type Secret, scrub } from '../scan/secret.js';
import type { Finding } from '../types.js';
import { fleetTargets } from './rotation-targets.js';
import type { FleetRotation } from './types.js';

export interface FleetRotateOptions {
  /** The central repository: where incidents and their journals live (GITHUB_REPOSITORY). */
  central: RepoContext;
  /** Needs Secrets write on swept repositories, organization Secrets write, Issues write on `central`. */
  token: Secret;
  rotation: RotationConfig;
  /** Providers with their admin keys, made for this repository's rotations. */
  providers: () => Map<string, Provider>;
  mode: 'rotate' | 'disable';
  dryRun: boolean;
  stateKey?: Secret;
  adminKeys: Partial<Record<string, Secret>>;
  /** Told every key keyguard makes or reads before any line about it (the action masks it). */
  mask: (value: string) => void;
  log: (line: string) => void;
  /** Test seam (KEYGUARD_RETRY_SCALE): the waits of a run. */
  env?: NodeJS.ProcessEnv;
}

const MAX_DETAIL = 500;

function outcomeOf(status: FleetRotation['status'], detail: string, incident?: string): FleetRotation {
  const text = detail.replace(/[\x00-\x1f\x7f]/g, ' ');
  return {
    status,
    detail: text.length > MAX_DETAIL ? `${text.slice(0, MAX_DETAIL - 1)}…` : text,
    ...(incident ? { incident } : {}),
  };
}

function providerOf(f: Finding): string {
  return f.verification?.status === 'live' ? f.verification.provider : f.provider;
}

/**
 * Rotates the live keys among `findings` of `repository` (`owner/name`); returns the outcome per
 * fingerprint, redacted. Never throws for one key: a failure is that key's outcome (left live).
 */
export async function rotateRepositoryKeys(
  opts: FleetRotateOptions,
  repository: string,
  findings: Finding[],
): Promise<Map<string, FleetRotation>> {
  const out = new Map<string, FleetRotation>();
  const live = findings.filter((f) => f.verification?.status === 'live');
  if (!live.length) return out;
  const [owner, name] = repository.split('/') as [string, string];
  const known = live.map((f) => f.secret);
  const say = (text: string) => scrub(text, known);
  const eligible: Finding[] = [];
  for (const f of live) {
    if (out.has(f.fingerprint) || eligible.some((x) => x.fingerprint === f.fingerprint)) continue;
    if (!opts.rotation.providers[providerOf(f)]) {
      out.set(
        f.fingerprint,
        outcomeOf(
          'skipped',
          `the central .keyguard.yml has no rotation.${providerOf(f)} section, so keyguard rotates nothing of this provider`,
        ),
      );
      continue;
    }
    eligible.push(f);
  }
  if (!eligible.length) return out;

  const swept: RepoContext = {
    owner,
    repo: name,
    apiUrl: opts.central.apiUrl,
    serverUrl: opts.central.serverUrl,
    runId: opts.central.runId ?? `local-${Date.now()}`,
  };
  const tuning = retryTuning(opts.env ?? {});
  const budget = new RetryBudget({ totalMs: tuning?.budgetMs ?? DEFAULT_RUN_BUDGET_MS });
  const common = { baseUrl: opts.central.apiUrl, retry: tuning?.github, budget };
  const client = new GitHubClient({ token: opts.token, ...common });
  const graphql = new GitHubClient({
    token: opts.token,
    ...common,
    baseUrl: graphqlBaseUrl(opts.central.apiUrl),
  });
  const secrets = createSecretsSink(client, swept);
  const store = createIncidentStore(client, opts.central, {
    identity: () => viewerIdentity(graphql),
    log: opts.log,
  });
  // One incident per key, in the central repository, named with the repository it leaked in.
  const incidents = {
    ...store,
    create: (fp: string, title: string, body: string) => store.create(fp, `${title} in ${repository}`, body),
  };

  // Per provider: the configured secrets that exist for this repository; everything else unchanged.
  const providers: RotationConfig['providers'] = {};
  const notWritten: Record<string, string[]> = {};
  for (const id of new Set(eligible.map(providerOf))) {
    const pc = opts.rotation.providers[id]!;
    try {
      const found = await fleetTargets(pc.targets, repository, secrets, pc.fleetRepositorySecrets);
      for (const a of found.absent) opts.log(`${repository}: ${a.target} left alone: ${a.why}`);
      providers[id] = { ...pc, targets: found.targets };
      if (found.notWritten.length) notWritten[id] = found.notWritten;
    } catch (err) {
      const why = say((err as Error).message ?? String(err));
      for (const f of eligible.filter((x) => providerOf(x) === id))
        out.set(
          f.fingerprint,
          outcomeOf(
            'failed',
            `cannot tell which secrets of ${repository} hold it (${why}); nothing was created, stored or disabled (re-run to finish)`,
          ),
        );
    }
  }
  // Every sighting (tree and history) of each key: the driver keeps the tree's, so the incident knows
  // the key is still in the code.
  const todo = live.filter((f) => providers[providerOf(f)] && !out.has(f.fingerprint));
  if (!todo.length) return out;
  const settings: RotationSettings = {
    mode: 'sweep',
    rotate: opts.mode,
    dryRun: opts.dryRun,
    secret: undefined,
    maxKeyAgeDays: undefined,
    audit: false,
    allowedIps: [],
  };
  const outcome = await rotateLeaks(
    {
      settings,
      // Scheduled rotation is a repository's own business: its secrets' values are not here.
      rotation: { ...opts.rotation, maxKeyAgeDays: undefined, providers },
      providers: opts.providers(),
      github: { client, secrets, incidents },
      repo: swept,
      // No secret values in hand: nothing is proven by env (see the header).
      env: {},
      log: (line) => opts.log(`${repository}: ${say(line)}`),
      mask: opts.mask,
      seal: createStateSeal({
        repo: `${opts.central.owner}/${opts.central.repo}`,
        stateKey: opts.stateKey,
        adminKeys: opts.adminKeys,
      }),
      budget,
      // The incident's "what still needs a human" names each secret the fleet may not write.
      manual: notWritten,
    },
    todo,
  );
  for (const row of outcome.rows) {
    if (!row.fingerprint || out.has(row.fingerprint)) continue;
    const detail = [row.detail, ...(notWritten[row.provider] ?? [])].join('; ');
    out.set(row.fingerprint, outcomeOf(row.status, say(detail), row.incident));
  }
  return out;
}
