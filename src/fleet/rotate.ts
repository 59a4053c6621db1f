/**
 * `fleet sweep --rotate`: the live keys of one swept repository go through the same verify → rotate
 * → incident path as a repository's own sweep (src/action/rotation.ts and the saga), in the sweep job,
 * the only place the key is in hand (results hold redacted forms only).
 *
 * What differs from a repository's own run, and why:
 * - The config is the central repository's (the sweep never reads a swept repository's
 *   `.keyguard.yml`), and only providers it lists under `rotation:` are rotated.
 * - One rotation per key, across every repository of the shard that holds it (grouped by
 *   fingerprint after the whole shard is swept): the replacement goes to every place that holds the
 *   key before it is disabled, whatever order the repositories were swept in.
 * - Where the replacement goes (./rotation-targets.ts finds the configured secrets that exist for
 *   each repository; nothing is ever created):
 *   - an organisation secret only when it is PROVEN to hold the key: its value, mapped into the
 *     central job's env under its name (and the central repository sees that name only as the
 *     organisation's secret), has the leaked key's fingerprint. One whose value is another key is
 *     left alone; one keyguard cannot read may hold the key, so the key is left live (a disable
 *     would leave it on a dead key) and the result says how to map it. A name, a visibility or a
 *     date proves nothing: any repository the secret is shared with can carry any key.
 *   - a listed repository's own (or environment) secret (`fleet-repository-secrets`) on the central
 *     config's word, as in a repository's own run, but only when the key was found on that
 *     repository's default branch (tree, or a commit it reaches). A key found there only in a pull
 *     request head or another branch (anyone who can open a pull request, or push a branch, put it
 *     there) proves nothing about that secret: it is not written, and the key is left live.
 *   - in a repository not listed, a secret of a configured name is named in the result and the
 *     incident as not written, and changes nothing else.
 * - Ownership rests on the provider's admin API alone (`ownership: 'admin-api'`): a key it does not
 *   find in our organisation (someone else's, planted) is verified but never rotated, even when a
 *   secret of ours holds it.
 * - Incidents and their journals live in the central repository (one per key, titled with the swept
 *   repository), sealed for the central repository; links point at the swept repository.
 * - No scheduled (max-key-age) rotation, no audit, no standby keys: those need values in env.
 */
import { type RotationSettings, retryTuning, rotateLeaks } from '../action/rotation.js';
import { GitHubClient } from '../github/client.js';
import { graphqlBaseUrl, viewerIdentity } from '../github/identity.js';
import { createIncidentStore } from '../github/incidents.js';
import { createSecretsSink, type GitHubSecretsSink } from '../github/secrets.js';
import type { RepoContext, SecretTarget } from '../github/types.js';
import { DEFAULT_RUN_BUDGET_MS, RetryBudget } from '../http/budget.js';
import { createStateSeal } from '../incident/seal.js';
import { JournalSession } from '../incident/session.js';
import type { Provider } from '../providers/types.js';
import type { RotationConfig } from '../rotate/config.js';
import { describeTarget, targetId } from '../rotate/targets.js';
import { fingerprint, type Secret, scrub } from '../scan/secret.js';
import type { Finding } from '../types.js';
import { fleetTargets } from './rotation-targets.js';
import type { FleetSighting } from './sweep.js';
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

/** One live key and every repository of the shard it was found in. */
interface KeyGroup {
  fingerprint: string;
  provider: string;
  sightings: { repository: string; findings: Finding[]; onDefaultBranch: boolean }[];
}

/** What the central job can read of an organisation secret: its value, or why not. */
type OrgValue = { value: string } | { why: string };

/**
 * Rotates the live keys of a swept shard, one rotation per key (grouped by fingerprint across every
 * repository), and returns the outcome per repository and fingerprint, redacted. Never throws for
 * one key: a failure is that key's outcome (left live), in every repository it was found in.
 */
export async function rotateFleetKeys(
  opts: FleetRotateOptions,
  batch: FleetSighting[],
): Promise<Map<string, Map<string, FleetRotation>>> {
  const out = new Map<string, Map<string, FleetRotation>>();
  for (const b of batch) out.set(b.repository, new Map());
  const groups = new Map<string, KeyGroup>();
  for (const b of batch) {
    for (const f of b.findings) {
      if (f.verification?.status !== 'live') continue;
      let g = groups.get(f.fingerprint);
      if (!g) {
        g = { fingerprint: f.fingerprint, provider: providerOf(f), sightings: [] };
        groups.set(f.fingerprint, g);
      }
      let s = g.sightings.find((x) => x.repository === b.repository);
      if (!s) {
        s = { repository: b.repository, findings: [], onDefaultBranch: b.onDefaultBranch.has(f.fingerprint) };
        g.sightings.push(s);
      }
      s.findings.push(f);
    }
  }
  const known = batch.flatMap((b) => b.findings.map((f) => f.secret));
  const say = (text: string) => scrub(text, known);
  const orgValues = new Map<string, Promise<OrgValue>>();
  for (const g of groups.values()) {
    let outcome: FleetRotation;
    if (!opts.rotation.providers[g.provider]) {
      outcome = outcomeOf(
        'skipped',
        `the central .keyguard.yml has no rotation.${g.provider} section, so keyguard rotates nothing of this provider`,
      );
    } else {
      try {
        outcome = await rotateKey(opts, g, orgValues, say);
      } catch (err) {
        const why = say((err as Error)?.message ?? String(err));
        outcome = outcomeOf(
          'failed',
          `cannot tell which secrets hold it (${why}); nothing was created, stored or disabled (re-run to finish)`,
        );
      }
    }
    for (const s of g.sightings) out.get(s.repository)!.set(g.fingerprint, outcome);
  }
  return out;
}

/** A sink that writes each repository's secrets in that repository, and the organisation's anywhere. */
function routedSink(
  byRepo: (repository: string) => GitHubSecretsSink,
  home: GitHubSecretsSink,
): GitHubSecretsSink {
  const pick = (t: SecretTarget) => (t.repository && t.scope.kind !== 'org' ? byRepo(t.repository) : home);
  return {
    put: (t, v) => pick(t).put(t, v),
    get: (t) => pick(t).get(t),
    preflight: (t) => pick(t).preflight(t),
    delete: (t) => pick(t).delete(t),
    list: (scope) => home.list(scope),
    whereIs: (name) => home.whereIs(name),
  };
}

function repoContext(opts: FleetRotateOptions, repository: string): RepoContext {
  const [owner, name] = repository.split('/') as [string, string];
  return {
    owner,
    repo: name,
    apiUrl: opts.central.apiUrl,
    serverUrl: opts.central.serverUrl,
    runId: opts.central.runId ?? `local-${Date.now()}`,
  };
}

function named(repositories: string[]): string {
  if (repositories.length <= 3) return repositories.join(', ');
  return `${repositories.slice(0, 2).join(', ')} and ${repositories.length - 2} more`;
}

async function rotateKey(
  opts: FleetRotateOptions,
  g: KeyGroup,
  orgValues: Map<string, Promise<OrgValue>>,
  say: (text: string) => string,
): Promise<FleetRotation> {
  const pc = opts.rotation.providers[g.provider]!;
  // The incident links to a sighting on a default branch when there is one.
  const sightings = [...g.sightings].sort((a, b) => Number(b.onDefaultBranch) - Number(a.onDefaultBranch));
  const lead = sightings[0]!;
  const leaked = lead.findings[0]!.secret;
  const repositories = sightings.map((s) => s.repository);
  const log = (line: string) => opts.log(`${named(repositories)}: ${say(line)}`);

  const tuning = retryTuning(opts.env ?? {});
  const budget = new RetryBudget({ totalMs: tuning?.budgetMs ?? DEFAULT_RUN_BUDGET_MS });
  const common = { baseUrl: opts.central.apiUrl, retry: tuning?.github, budget };
  const client = new GitHubClient({ token: opts.token, ...common });
  const graphql = new GitHubClient({
    token: opts.token,
    ...common,
    baseUrl: graphqlBaseUrl(opts.central.apiUrl),
  });
  const sinks = new Map<string, GitHubSecretsSink>();
  const sinkFor = (repository: string) => {
    const key = repository.toLowerCase();
    if (!sinks.has(key)) sinks.set(key, createSecretsSink(client, repoContext(opts, repository)));
    return sinks.get(key)!;
  };
  const swept = repoContext(opts, lead.repository);
  const store = createIncidentStore(client, opts.central, {
    identity: () => viewerIdentity(graphql),
    log: opts.log,
  });
  // One incident per key, in the central repository, named with the repositories it leaked in.
  const incidents = {
    ...store,
    create: (fp: string, title: string, body: string) =>
      store.create(fp, `${title} in ${named(repositories)}`, body),
  };
  const seal = createStateSeal({
    repo: `${opts.central.owner}/${opts.central.repo}`,
    stateKey: opts.stateKey,
    adminKeys: opts.adminKeys,
  });

  const write: SecretTarget[] = [];
  const proven: string[] = [];
  const blockers: string[] = [];
  const notWritten: string[] = [];
  const orgs = new Map<string, { target: SecretTarget; repositories: string[] }>();
  for (const s of sightings) {
    const found = await fleetTargets(
      pc.targets,
      s.repository,
      sinkFor(s.repository),
      pc.fleetRepositorySecrets,
    );
    for (const a of found.absent) opts.log(`${s.repository}: ${a.target} left alone: ${a.why}`);
    notWritten.push(...found.notWritten);
    for (const t of found.targets) {
      if (t.scope.kind === 'org') {
        const id = targetId(t);
        const seen = orgs.get(id);
        if (seen) seen.repositories.push(s.repository);
        else orgs.set(id, { target: t, repositories: [s.repository] });
        continue;
      }
      const there: SecretTarget = { ...t, repository: s.repository };
      if (s.onDefaultBranch) write.push(there);
      else
        blockers.push(
          `${describeTarget(there)} may hold it, but the key was found in ${s.repository} only outside its default branch (a pull request head or another branch, which anyone who can open a pull request or push a branch controls), and that proves nothing about the secret: keyguard does not write it on that evidence`,
        );
    }
  }
  // An organisation secret is written only when its value proves it holds the key.
  let ours: Set<string> | undefined;
  for (const { target, repositories: shared } of orgs.values()) {
    const id = targetId(target);
    let read = orgValues.get(target.name.toUpperCase());
    if (!read) {
      read = orgValueOf(opts, target, createSecretsSink(client, opts.central));
      orgValues.set(target.name.toUpperCase(), read);
    }
    const v = await read;
    if ('value' in v) {
      if (leaked.equals(v.value)) {
        write.push(target);
        proven.push(id);
        log(`${describeTarget(target)} holds the leaked key (proven by fingerprint)`);
        continue;
      }
      // A replacement an earlier run of this incident stored there: it held the key until then.
      ours ??= await ownReplacements(incidents, g.fingerprint, seal);
      if (ours.has(fingerprint(v.value))) {
        write.push(target);
        proven.push(id);
        log(
          `${describeTarget(target)} holds a replacement an earlier run of this incident stored: written again`,
        );
        continue;
      }
      log(`${describeTarget(target)} holds another key than ${leaked.redacted}: left alone`);
      continue;
    }
    blockers.push(
      `${describeTarget(target)} is shared with ${named(shared)} and may hold it, but keyguard cannot read its value (${v.why}); map it into the sweep step's env (${target.name.toUpperCase()}: \${{ secrets.${target.name.toUpperCase()} }}, with the secret shared with the central repository) so that its fingerprint shows what it holds`,
    );
  }
  const manual = [...new Set(notWritten)];
  const tail = manual.length ? `; ${manual.join('; ')}` : '';
  if (blockers.length && opts.mode === 'rotate') {
    for (const b of blockers) log(`left live: ${b}`);
    return outcomeOf(
      'skipped',
      say(
        `left live: ${blockers.join('; ')}. Nothing was created, stored or disabled: the key is disabled only once every place that may hold it gets its replacement (or with --disable-only)${tail}`,
      ),
    );
  }

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
      rotation: {
        ...opts.rotation,
        maxKeyAgeDays: undefined,
        providers: { [g.provider]: { ...pc, targets: write } },
      },
      providers: opts.providers(),
      github: { client, secrets: routedSink(sinkFor, sinkFor(lead.repository)), incidents },
      repo: swept,
      // No values of swept repositories' secrets are in hand; the organisation's are proven above.
      env: {},
      log,
      mask: opts.mask,
      seal,
      budget,
      // The incident's "what still needs a human" names each secret the fleet may not write.
      manual: { [g.provider]: manual },
      heldBy: { [g.fingerprint]: proven },
      ownership: 'admin-api',
    },
    lead.findings,
  );
  const row = outcome.rows.find((r) => r.fingerprint === g.fingerprint) ?? outcome.rows[0];
  if (!row) return outcomeOf('failed', 'the rotation gave no outcome for this key (re-run to finish)');
  const detail =
    row.status === 'skipped' && !write.length && /^no secret is known to hold this key/.test(row.detail)
      ? `no secret is proven to hold this key (an organisation secret by its value's fingerprint, a listed repository's own secret by the key on its default branch): left live, nothing created, stored or disabled; --disable-only disables it`
      : row.detail;
  return outcomeOf(row.status, say(`${detail}${tail}`), row.incident);
}

/**
 * The value the central job holds for an organisation secret: the env variable of its name, when the
 * central repository sees that name only as the organisation's secret (a repository or environment
 * secret of the same name would shadow it in `secrets.NAME`, and then the value proves nothing).
 */
async function orgValueOf(
  opts: FleetRotateOptions,
  target: SecretTarget,
  central: GitHubSecretsSink,
): Promise<OrgValue> {
  const name = target.name.toUpperCase();
  const value = opts.env?.[name]?.trim();
  if (!value) return { why: `${name} is not in the sweep step's env` };
  opts.mask(value);
  let places: SecretTarget[];
  try {
    places = await central.whereIs(name);
  } catch (err) {
    return { why: `the central repository's secrets could not be listed: ${(err as Error).message}` };
  }
  const org = target.scope.kind === 'org' ? target.scope.org.toLowerCase() : '';
  const theOrg = places.filter((p) => p.scope.kind === 'org' && p.scope.org.toLowerCase() === org);
  if (theOrg.length === 1 && places.length === 1) return { value };
  if (!theOrg.length)
    return {
      why: `the organisation secret ${name} is not shared with the central repository, so env ${name} is not its value`,
    };
  return {
    why: `the central repository also has a repository or environment secret ${name}, which shadows the organisation's in the job's env`,
  };
}

/** Fingerprints of every replacement the sealed journal of this key records (current or orphan). */
async function ownReplacements(
  incidents: Parameters<typeof JournalSession.peek>[0],
  fp: string,
  seal: Parameters<typeof JournalSession.peek>[2],
): Promise<Set<string>> {
  const journal = await JournalSession.peek(incidents, fp, seal).catch(() => null);
  const out = new Set<string>();
  if (!journal) return out;
  if (journal.replacement) out.add(journal.replacement.fingerprint);
  for (const o of journal.orphans) out.add(o.fingerprint);
  return out;
}
