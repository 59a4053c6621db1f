/**
 * Drives the rotation saga from the action: for every confirmed-live leak, for the secret named by a
 * manual dispatch, for secrets past `max-key-age`, and for revoked keys whose incident is still open.
 * Works out which secrets hold each key, checks the secrets token can reach them before anything is
 * made, runs the saga, then audits the disabled key's last week and appends the audit to its incident.
 */

import type { AuditConfig } from '../audit/config.js';
import { auditProvider } from '../audit/provider.js';
import { renderAuditCharts, renderMarkdown } from '../audit/render.js';
import { InputError } from '../config/errors.js';
import type { GitHubRetryPolicy } from '../github/client.js';
import type { GitHubSide } from '../github/index.js';
import type { RepoContext, SecretTarget } from '../github/types.js';
import { DEFAULT_RUN_BUDGET_MS, type RetryBudget } from '../http/budget.js';
import { closeIncidentIfResolved } from '../incident/close.js';
import { attachCompanions } from '../incident/linked.js';
import type { StateSeal } from '../incident/seal.js';
import { JournalSession } from '../incident/session.js';
import type { Provider, ProviderSettings } from '../providers/types.js';
import type { RotationConfig } from '../rotate/config.js';
import { RotationError, RotationLockedError } from '../rotate/errors.js';
import { keysDueForRotation, rotate, rotationRequestFor } from '../rotate/index.js';
import { standbyFromEnv } from '../rotate/request.js';
import type { StepRetry } from '../rotate/retry.js';
import { notOursRunbook } from '../rotate/runbook.js';
import type { RotationResult } from '../rotate/saga.js';
import { targetId } from '../rotate/targets.js';
import { Detector, type DetectorOptions } from '../scan/detector.js';
import { fingerprint, redact, Secret, scrub } from '../scan/secret.js';
import { createStores, type StoreDeps } from '../stores/index.js';
import { forMarkdownCode } from '../text/inert.js';
import type { Finding } from '../types.js';
import { verifyKey } from '../verify/index.js';
import type { ActionSettings } from './inputs.js';
import { NOT_SECRETS, placeTargets, selectTargets } from './targets.js';

export interface RotationRow {
  redacted: string;
  provider: string;
  /** Why this key was rotated: a live leak, a manual dispatch, or its age. */
  reason: string;
  status: RotationResult['status'] | 'skipped' | 'failed';
  detail: string;
  incident?: string;
  fingerprint: string;
  /** What the provider said of the leaked key at the end of the saga (when it ran). */
  leakedState?: RotationResult['leakedState'];
}

export interface RotationOutcome {
  rows: RotationRow[];
  rotated: number;
  disabled: number;
  incidents: string[];
  /** Keys the provider still accepts after the run (fail the check). */
  stillLive: number;
  failures: number;
  /** The audits of the keys disabled in this run, verdict and charts, for the job summary. */
  auditMarkdown?: string;
}

/** Waits the action uses, shrunk for tests (see `retryTuning`). */
export interface RetryTuning {
  /** Provider HTTP clients: longest backoff / honoured Retry-After. */
  provider: ProviderSettings;
  github: Partial<GitHubRetryPolicy>;
  step: Partial<StepRetry>;
  lockSettleMs: number;
  /** The run's retry budget (RetryBudget), scaled like every wait. */
  budgetMs: number;
}

/**
 * TEST-ONLY knob, read here and nowhere else: `KEYGUARD_RETRY_SCALE` (a number in (0, 1)) multiplies
 * every retry wait of a run (provider and GitHub backoff, saga step retries, the journal lock's settle
 * wait) so the e2e suite can run the bundled action through fault storms in seconds. Timeouts are not
 * scaled, and a provider's Retry-After above the scaled cap is answered, not slept. Unset, invalid or
 * >= 1: undefined, and every module keeps its production defaults.
 */
export function retryTuning(env: NodeJS.ProcessEnv): RetryTuning | undefined {
  const scale = Number(env.KEYGUARD_RETRY_SCALE);
  if (!env.KEYGUARD_RETRY_SCALE || !Number.isFinite(scale) || scale <= 0 || scale >= 1) return undefined;
  const ms = (n: number) => Math.max(1, Math.round(n * scale));
  return {
    provider: { maxRetryDelayMs: ms(30_000) },
    github: {
      baseDelayMs: ms(1_000),
      secondaryWaitMs: ms(60_000),
      maxWaitMs: ms(300_000),
    },
    step: { baseDelayMs: ms(2_000), maxDelayMs: ms(30_000) },
    lockSettleMs: ms(1_500),
    budgetMs: ms(DEFAULT_RUN_BUDGET_MS),
  };
}

/** What the rotation stage reads of the settings: the action passes all of them, the fleet these. */
export type RotationSettings = Pick<
  ActionSettings,
  'mode' | 'rotate' | 'dryRun' | 'secret' | 'maxKeyAgeDays' | 'audit' | 'allowedIps'
>;

export interface RotationContext {
  settings: RotationSettings;
  rotation: RotationConfig;
  providers: Map<string, Provider>;
  github: GitHubSide;
  repo: RepoContext;
  env: NodeJS.ProcessEnv;
  log: (line: string) => void;
  mask: (value: string) => void;
  now?: () => Date;
  /** The config's detector options (custom rules), to recognise the shape of a dispatched secret. */
  detector?: DetectorOptions;
  /** The `audit:` section: window and user-agent lists (allowed IPs are already in settings). */
  audit?: AuditConfig;
  /** Seals and verifies incident journals (incident/seal.ts). */
  seal: StateSeal;
  /** The run's retry budget, shared with the provider and GitHub clients. */
  budget?: RetryBudget;
  /** Test seam: the fetch the stores' HTTP clients use (default: global fetch). */
  storeDeps?: Partial<StoreDeps>;
  /**
   * Per provider id: steps for a human the caller knows before the saga runs, added to each of that
   * provider's incidents (the fleet: secrets of a configured name it may not write).
   */
  manual?: Readonly<Record<string, readonly string[]>>;
  /**
   * Per leaked key's fingerprint: ids (targetId) of configured targets the caller proved to hold it by
   * the fingerprint of their value (the fleet: organisation secrets mapped into the central job's env).
   */
  heldBy?: Readonly<Record<string, readonly string[]>>;
  /**
   * `admin-api`: the key is ours only when the provider's admin API finds it in our organisation; a
   * secret proven to hold it places the replacement but does not make the key ours (the fleet).
   */
  ownership?: 'admin-api';
}

interface Job {
  leaked: Secret;
  provider: Provider;
  reason: string;
  finding?: Finding;
  /** Secrets that must be among the targets (age): their current value, in env, is the key. */
  required: SecretTarget[];
  /**
   * Secrets known only by name to hold the key (manual dispatch): placed where GitHub has them,
   * never given a scope nobody said (see placeTargets).
   */
  requiredNames?: string[];
  standby?: Secret;
  /** Only closes out an incident whose key was revoked by hand since (nothing is disabled by us). */
  closeOut?: boolean;
}

function providerOf(f: Finding): string {
  return f.verification?.status === 'live' ? f.verification.provider : f.provider;
}

/** Live findings, one job per key. */
function jobsForLiveFindings(
  findings: Finding[],
  providers: Map<string, Provider>,
  rows: RotationRow[],
): Job[] {
  const jobs = new Map<string, Job>();
  for (const f of findings) {
    const known = jobs.get(f.fingerprint);
    // The finding in HEAD, if any, represents the key: the saga keeps its incident open for it.
    if (known && known.finding?.source === 'history' && f.source !== 'history') known.finding = f;
    if (f.verification?.status !== 'live' || known) continue;
    const provider = providers.get(providerOf(f));
    if (!provider) {
      rows.push({
        redacted: f.redacted,
        fingerprint: f.fingerprint,
        provider: providerOf(f),
        reason: 'live leak',
        status: 'skipped',
        detail: 'no adapter for this provider: rotate it by hand',
      });
      continue;
    }
    jobs.set(f.fingerprint, { leaked: f.secret, provider, reason: 'live leak', finding: f, required: [] });
  }
  return [...jobs.values()];
}

/**
 * Revoked keys that have an incident. One still saying `still-live` (DeepSeek: revoked in the console
 * by a human) gets the saga again, which re-verifies and moves it to contained, as docs/rotation.md
 * promises. One already rotated or contained is closed here once the key is out of HEAD as well.
 */
async function jobsForRevokedIncidents(
  ctx: RotationContext,
  findings: Finding[],
  rows: RotationRow[],
): Promise<Job[]> {
  const jobs = new Map<string, Job>();
  const seen = new Set<string>();
  for (const f of findings) {
    if (f.verification?.status !== 'revoked' || seen.has(f.fingerprint)) continue;
    seen.add(f.fingerprint);
    let journal: Awaited<ReturnType<typeof JournalSession.peek>>;
    try {
      journal = await JournalSession.peek(ctx.github.incidents, f.fingerprint, ctx.seal, ctx.log);
      if (!journal) journal = await unsealableJournal(ctx, f);
    } catch (err) {
      // Say it once: without issues access no incident can be read, for this key or the next.
      ctx.log(`incidents of revoked keys not checked: ${scrub((err as Error).message, [f.secret])}`);
      break;
    }
    if (!journal) continue;
    const same = findings.filter((x) => x.fingerprint === f.fingerprint);
    const inTree = same.find((x) => x.source !== 'history');
    // The incident names the provider that rotated it (a shared shape verifies as several).
    const provider = ctx.providers.get(journal.provider);
    if (journal.status === 'still-live' && provider) {
      jobs.set(f.fingerprint, {
        leaked: f.secret,
        provider,
        reason: 'revoked at the provider since the last run',
        finding: inTree ?? f,
        required: [],
        closeOut: true,
      });
    } else if (!inTree && !ctx.settings.dryRun) {
      // Done earlier, and now gone from HEAD too: nothing is left to fear.
      const closed = await closeIncidentIfResolved({
        incidents: ctx.github.incidents,
        fingerprint: f.fingerprint,
        leakedState: 'revoked',
        inHead: false,
        now: ctx.now,
      }).catch(() => 'kept-open' as const);
      if (closed === 'closed') {
        ctx.log(`incident of ${f.redacted} closed: revoked and no longer in HEAD`);
        rows.push({
          redacted: f.redacted,
          fingerprint: f.fingerprint,
          provider: journal.provider,
          reason: 'revoked and no longer in HEAD',
          status: 'skipped',
          detail: 'nothing left to rotate: incident closed',
        });
      }
    }
  }
  return [...jobs.values()];
}

/**
 * The journal of an incident whose provider has no key API and no seal key (DeepSeek without a
 * state-key): nothing could seal it, and nothing it says can make keyguard create or disable a key
 * there, so it is read as data to re-verify the key and move the incident on. Any other provider's
 * journal counts only when sealed.
 */
async function unsealableJournal(
  ctx: RotationContext,
  f: Finding,
): Promise<Awaited<ReturnType<typeof JournalSession.peek>>> {
  const data = await JournalSession.peekUnverified(ctx.github.incidents, f.fingerprint);
  if (!data) return null;
  const provider = ctx.providers.get(data.provider);
  const shapes = [...f.candidates, ...f.provider.split('|'), f.verification?.provider];
  if (!provider || !shapes.includes(data.provider)) return null;
  const keyApi = provider.capabilities.create || provider.capabilities.disable;
  return keyApi || ctx.seal.mac(data.provider, '') !== undefined ? null : data;
}

/** workflow_dispatch: rotate the key held in the named secret, whose value the workflow put in env. */
async function jobForDispatch(ctx: RotationContext): Promise<Job | undefined> {
  const name = ctx.settings.secret;
  if (!name) return undefined;
  const value = (ctx.env.KEYGUARD_SECRET_VALUE || ctx.env[name] || '').trim();
  if (!value) {
    throw new InputError(
      `input secret: the value of ${name} is not in the step's env; add "KEYGUARD_SECRET_VALUE: \${{ secrets[inputs.secret] }}" to the step's env`,
    );
  }
  ctx.mask(value);
  const leaked = new Secret(value);
  const found = new Detector(ctx.detector).scan(value)[0];
  const candidates = found ? (found.candidates.length ? found.candidates : found.provider.split('|')) : [];
  if (!candidates.length)
    throw new InputError(`input secret: ${name} holds ${leaked.redacted}, which is no known key shape`);
  const verdict = await verifyKey(leaked, candidates, ctx.providers);
  const provider = ctx.providers.get(verdict.status === 'live' ? verdict.provider : candidates[0]!);
  if (!provider) throw new InputError(`input secret: no adapter for provider ${candidates.join(' or ')}`);
  const standbyValue = ctx.env.KEYGUARD_STANDBY_VALUE?.trim();
  if (standbyValue) ctx.mask(standbyValue);
  return {
    leaked,
    provider,
    reason: `manual rotation of ${name}`,
    required: [],
    requiredNames: [name],
    standby: standbyValue && !leaked.equals(standbyValue) ? new Secret(standbyValue) : undefined,
  };
}

/** Sweep with max-key-age: configured secrets last written longer ago than that. */
async function jobsForAge(ctx: RotationContext, rows: RotationRow[]): Promise<Job[]> {
  // Scheduled rotation belongs to the sweep (as action.yml says): a manual dispatch rotates only its secret.
  if (ctx.settings.mode !== 'sweep') return [];
  const days = ctx.settings.maxKeyAgeDays ?? ctx.rotation.maxKeyAgeDays;
  if (!days) return [];
  const jobs: Job[] = [];
  for (const [id, pc] of Object.entries(ctx.rotation.providers)) {
    const provider = ctx.providers.get(id);
    if (!provider) continue;
    for (const due of await keysDueForRotation(ctx.github.secrets, pc.targets, days, ctx.now?.())) {
      const value = ctx.env[due.target.name]?.trim();
      if (!value) {
        rows.push({
          redacted: due.target.name,
          fingerprint: '',
          provider: id,
          reason: `${due.ageDays} days old`,
          status: 'skipped',
          detail: `older than ${days} days, but its value is not in the step's env: map it there to rotate it`,
        });
        continue;
      }
      ctx.mask(value);
      jobs.push({
        leaked: new Secret(value),
        provider,
        reason: `${due.ageDays} days old`,
        required: [due.target],
      });
    }
  }
  return jobs;
}

export async function rotateLeaks(ctx: RotationContext, findings: Finding[]): Promise<RotationOutcome> {
  // Each leak's incident lists the linked credentials found with it ("rotate these too").
  attachCompanions(findings);
  const rows: RotationRow[] = [];
  const jobs: Job[] = [];
  const dispatch = await jobForDispatch(ctx);
  if (dispatch) jobs.push(dispatch);
  for (const j of jobsForLiveFindings(findings, ctx.providers, rows)) {
    if (!jobs.some((x) => x.leaked.equals(j.leaked))) jobs.push(j);
  }
  for (const j of await jobsForAge(ctx, rows)) {
    if (!jobs.some((x) => x.leaked.equals(j.leaked))) jobs.push(j);
  }
  for (const j of await jobsForRevokedIncidents(ctx, findings, rows)) {
    if (!jobs.some((x) => x.leaked.equals(j.leaked))) jobs.push(j);
  }
  const outcome: RotationOutcome = {
    rows,
    rotated: 0,
    disabled: 0,
    incidents: [],
    stillLive: 0,
    failures: 0,
  };
  const mode = ctx.settings.rotate === 'disable' ? 'disable' : 'rotate';
  for (const job of jobs) {
    const row = await runJob(ctx, job, mode, outcome);
    rows.push(row);
  }
  return outcome;
}

async function runJob(
  ctx: RotationContext,
  job: Job,
  mode: 'disable' | 'rotate',
  outcome: RotationOutcome,
): Promise<RotationRow> {
  const base = {
    redacted: job.leaked.redacted,
    provider: job.provider.id,
    reason: job.reason,
    fingerprint: job.leaked.fingerprint,
  };
  const req = rotationRequestFor({
    config: ctx.rotation,
    provider: job.provider,
    leaked: job.leaked,
    mode,
    runId: ctx.repo.runId ?? `local-${Date.now()}`,
    finding: job.finding,
    env: ctx.env,
    now: ctx.now,
    dryRun: ctx.settings.dryRun,
    repo: ctx.repo,
    inHead: job.finding ? job.finding.source !== 'history' : undefined,
  });
  const known = ctx.manual?.[job.provider.id];
  if (known?.length) req.manual = [...known];
  const selection = selectTargets(req.targets, ctx.env, job.leaked);
  if (selection.skipped.length && mode === 'rotate' && !ctx.settings.dryRun)
    await adoptOwnReplacements(ctx, job, req.targets, selection).catch(() => undefined);
  const provenByCaller = new Set(ctx.heldBy?.[job.leaked.fingerprint] ?? []);
  const callerProven = (ctx.rotation.providers[job.provider.id]?.targets ?? []).filter((t) =>
    provenByCaller.has(targetId(t)),
  );
  for (const t of [...job.required, ...callerProven]) {
    if (!selection.targets.some((x) => targetId(x) === targetId(t))) selection.targets.push(t);
    if (!selection.proven.includes(targetId(t))) selection.proven.push(targetId(t));
  }
  if (selection.skipped.length) {
    ctx.log(
      `secrets ${selection.skipped.join(', ')} hold another key than ${job.leaked.redacted}: left alone`,
    );
  }
  let placement: Awaited<ReturnType<typeof placeTargets>>;
  try {
    placement = await placeTargets(selection, [...selection.unscoped, ...(job.requiredNames ?? [])], (name) =>
      ctx.github.secrets.whereIs(name),
    );
  } catch (err) {
    outcome.failures++;
    outcome.stillLive++;
    const message = scrub((err as Error).message ?? String(err), [job.leaked]);
    ctx.log(`rotation of ${job.leaked.redacted} not started: cannot tell where its secrets are: ${message}`);
    return {
      ...base,
      status: 'failed',
      detail: `cannot tell where the secrets holding it are (${message}); nothing was created, stored or disabled (re-run the workflow to finish)`,
    };
  }
  req.targets = placement.targets;
  req.heldBy = placement.proven;
  if (ctx.ownership === 'admin-api') req.ownership = 'admin-api';
  const configuredStores = ctx.rotation.providers[job.provider.id]?.stores ?? [];
  if (configuredStores.length && !job.closeOut) {
    try {
      req.stores = await createStores(configuredStores, {
        env: ctx.env,
        mask: ctx.mask,
        budget: ctx.budget,
        log: ctx.log,
        now: ctx.now,
        ...ctx.storeDeps,
      });
    } catch (err) {
      outcome.failures++;
      outcome.stillLive++;
      const message = scrub((err as Error).message ?? String(err), [job.leaked]);
      ctx.log(`rotation of ${job.leaked.redacted} not started: ${message}`);
      return {
        ...base,
        status: 'failed',
        detail: `${message}; nothing was created, stored or disabled`,
      };
    }
  }
  if (job.standby) req.standby = job.standby;
  // An admin key's secrets are found in the env, not in the config: so is its standby (`<NAME>_NEXT`).
  if (!req.standby && job.provider.kindOf?.(job.leaked) === 'admin')
    req.standby = standbyFromEnv(
      req.targets.map((t) => t.name),
      req.standbySuffix ?? '_NEXT',
      ctx.env,
      job.leaked,
    );
  for (const u of placement.unplaced.filter((x) => x.kind === 'missing'))
    ctx.log(`${u.why}: nothing to write there, left alone`);
  // A secret that holds the leaked key in a place keyguard cannot tell: disabling the key would break it.
  const ambiguous = placement.unplaced.filter((x) => x.kind === 'ambiguous');
  if (ambiguous.length && mode === 'rotate' && !job.closeOut) {
    outcome.failures++;
    outcome.stillLive++;
    for (const u of ambiguous) ctx.log(`rotation of ${job.leaked.redacted} not started: ${u.why}`);
    return {
      ...base,
      status: 'failed',
      detail: `${ambiguous.map((u) => u.why).join('; ')}. Nothing was created, stored or disabled: the leaked key stays active until every secret that holds it can be written (re-run the workflow to finish)`,
    };
  }
  if (mode === 'rotate' && !ctx.settings.dryRun && !job.closeOut) {
    // Secrets an earlier run stored the replacement in (found by it, not by the leaked key) stay
    // targets, whatever else holds the key: that replacement is deleted once this run's is stored.
    const again = await replacementHolders(ctx, job).catch(() => undefined);
    for (const t of again ?? []) {
      if (req.targets.some((x) => targetId(x) === targetId(t))) continue;
      req.targets.push(t);
      req.heldBy = [...(req.heldBy ?? []), targetId(t)];
    }
  }
  // Never disable a key production may still depend on without putting a replacement where it is used.
  if (!req.targets.length && !req.stores?.length && mode === 'rotate' && !req.containFirst && !job.closeOut) {
    outcome.stillLive++;
    return {
      ...base,
      status: 'skipped',
      detail:
        (await notOursDetail(ctx, job)) ??
        (job.provider.kindOf?.(job.leaked) === 'admin'
          ? adminKeyNotPlaced(job)
          : 'no secret is known to hold this key: configure rotation.<provider>.secrets in .keyguard.yml or map the secret into the step env, or use rotate: disable'),
    };
  }
  try {
    if (mode === 'rotate' && !ctx.settings.dryRun && !job.closeOut) await preflightSecrets(ctx, req.targets);
    const tuning = retryTuning(ctx.env);
    const result = await rotate(req, {
      sink: ctx.github.secrets,
      incidents: ctx.github.incidents,
      log: ctx.log,
      onSecret: (s) => ctx.mask(s.reveal()),
      retry: tuning?.step,
      budget: ctx.budget,
      lockSettleMs: tuning?.lockSettleMs,
      seal: ctx.seal,
    });
    if (result.status === 'rotated') outcome.rotated++;
    if (result.leakedState === 'revoked' && result.status !== 'dry-run' && !job.closeOut) outcome.disabled++;
    if (result.stillLive && result.status !== 'dry-run') outcome.stillLive++;
    if (result.incident) outcome.incidents.push(result.incident.url);
    if (
      ctx.settings.audit &&
      !job.closeOut &&
      result.leakedState === 'revoked' &&
      result.incident &&
      result.journal?.leakedRef
    ) {
      await appendAudit(ctx, job, result, outcome);
    }
    const detail =
      job.closeOut && result.leakedState === 'revoked' && result.status !== 'dry-run'
        ? `the provider now reports it revoked: incident moved to ${result.status}`
        : result.notOurs
          ? `not our organization's key: ${job.provider.displayName}'s admin API does not know it and no secret of ours holds it, so nothing was created, stored or disabled; the incident says whom to tell`
          : result.status === 'rotated'
            ? `replaced by ${result.replacement?.redacted ?? 'a new key'} in ${[...result.targetsStored.map((t) => (t.repository ? `${t.name} (${t.repository})` : t.name)), ...(result.storesStored ?? [])].join(', ')}; leaked key disabled`
            : result.status === 'contained'
              ? 'leaked key disabled; replacement needs a human (see the incident)'
              : result.status === 'still-live'
                ? 'the provider cannot disable keys by API: follow the runbook in the incident'
                : 'dry run: plan printed, nothing changed';
    return {
      ...base,
      status: result.status,
      detail,
      incident: result.incident?.url,
      leakedState: result.status === 'dry-run' ? undefined : result.leakedState,
    };
  } catch (err) {
    outcome.failures++;
    outcome.stillLive++;
    const message = scrub((err as Error).message ?? String(err), [job.leaked]);
    // The saga logs its own stops; a lock held by another run and a refused preflight are said here.
    if (err instanceof RotationLockedError || !(err instanceof RotationError))
      ctx.log(`rotation of ${job.leaked.redacted} failed: ${message}`);
    const url = (err as { incidentUrl?: string }).incidentUrl;
    if (url) outcome.incidents.push(url);
    return { ...base, status: 'failed', detail: `${message} (re-run the workflow to finish)`, incident: url };
  }
}

/**
 * Configured secrets whose value in env is a replacement an earlier run of this incident made (the
 * journal's current one, or an orphan): they held the leaked key until that run wrote there, and that
 * replacement is deleted once this run's is stored, so they are targets, not "another key". Only
 * from a sealed journal, only by fingerprint; moved from `skipped` into the targets, as proven.
 */
async function adoptOwnReplacements(
  ctx: RotationContext,
  job: Job,
  configured: SecretTarget[],
  selection: ReturnType<typeof selectTargets>,
): Promise<void> {
  const journal = await JournalSession.peek(ctx.github.incidents, job.leaked.fingerprint, ctx.seal);
  if (!journal) return;
  const ours = new Set([journal.replacement?.fingerprint, ...journal.orphans.map((o) => o.fingerprint)]);
  ours.delete(undefined);
  if (!ours.size) return;
  for (const name of [...selection.skipped]) {
    const value = ctx.env[name]?.trim();
    if (!value || !ours.has(fingerprint(value))) continue;
    selection.skipped = selection.skipped.filter((n) => n !== name);
    for (const t of configured.filter((c) => c.name === name)) {
      selection.targets.push(t);
      selection.proven.push(targetId(t));
    }
    ctx.log(
      `${name} holds ${redact(value)}, a replacement an earlier run of this incident stored: it gets this run's replacement`,
    );
  }
}

/**
 * Secrets that already hold this incident's replacement. A re-run after an earlier run stored the
 * replacement and stopped (before the leaked key was deleted) finds the replacement, not the leaked
 * key, in the env: these are the secrets the leaked key was in. Only from a sealed journal, only env
 * values with the replacement's fingerprint, and only secrets that journal records as holding it.
 */
async function replacementHolders(ctx: RotationContext, job: Job): Promise<SecretTarget[]> {
  const journal = await JournalSession.peek(ctx.github.incidents, job.leaked.fingerprint, ctx.seal);
  const r = journal?.replacement;
  if (!journal || !r) return [];
  const names = Object.entries(ctx.env)
    .filter(([name, v]) => !!v && !NOT_SECRETS.test(name))
    // The redacted form first: fingerprints of high-entropy keys are slow on purpose.
    .filter(([, v]) => redact(v!.trim()) === r.redacted && fingerprint(v!.trim()) === r.fingerprint)
    .map(([name]) => name);
  if (!names.length) return [];
  const placed = await placeTargets({ targets: [], proven: [] }, names, (name) =>
    ctx.github.secrets.whereIs(name),
  );
  const held = placed.targets.filter((t) => journal.targetsDone.includes(targetId(t)));
  if (held.length)
    ctx.log(`${held.map((t) => t.name).join(', ')} already hold the replacement ${r.redacted}`);
  return held;
}

/**
 * An admin key is stored only where it is proven to be (see rotationRequestFor): say how to prove it,
 * in particular when it is keyguard's own admin key (its input does not say which secret it came from).
 */
function adminKeyNotPlaced(job: Job): string {
  const p = job.provider;
  const own = p.usesAdminKey?.(job.leaked)
    ? `it is keyguard's own ${p.id}-admin-key input, which does not say which secret it came from; `
    : '';
  return `no secret is known to hold this ${p.displayName} admin key: ${own}map the secret that holds it into the step env (e.g. ${p.id.toUpperCase()}_ADMIN_KEY: \${{ secrets.${p.id.toUpperCase()}_ADMIN_KEY }}) so keyguard stores the replacement exactly there, or use rotate: disable. An admin key is never written into the secrets configured for API keys on the config's word alone`;
}

/**
 * For a key no secret of ours holds: asks the admin API whether the organisation knows it at all, so
 * the summary can say a key of someone else's account is not ours (and whom to tell) instead of
 * asking to configure secrets for it. Read-only; any failure leaves the ordinary message.
 */
async function notOursDetail(ctx: RotationContext, job: Job): Promise<string | undefined> {
  const p = job.provider;
  if (ctx.settings.dryRun || !p.locate) return undefined;
  try {
    const found = await p.locate(job.leaked);
    if (found.status !== 'not-found') return undefined;
    return `not our organization's key: ${notOursRunbook(p.id, p.displayName, job.leaked.redacted, { commit: job.finding?.commit?.sha })}`;
  } catch {
    return undefined;
  }
}

/**
 * Proves every target can be written before anything changes: a token that may not touch secrets
 * (the workflow's GITHUB_TOKEN passed as secrets-token), an environment that does not exist, an
 * organisation secret whose visibility is unknown, or a GitHub failure past the retry budget stops
 * the job here, before the provider makes a replacement nobody can store or the leaked key is
 * disabled while a place that holds it cannot get its replacement.
 */
async function preflightSecrets(ctx: RotationContext, targets: SecretTarget[]): Promise<void> {
  for (const t of targets) await ctx.github.secrets.preflight(t);
}

/** The audit of the disabled key's last 7×24 h, as a comment on its incident. */
async function appendAudit(
  ctx: RotationContext,
  job: Job,
  result: RotationResult,
  outcome: RotationOutcome,
): Promise<void> {
  try {
    const report = await auditProvider(job.provider, result.journal!.leakedRef!, {
      // One second on: providers log in whole seconds, and the disable of a moment ago belongs in it.
      end: new Date((ctx.now?.() ?? new Date()).getTime() + 1000).toISOString(),
      leakTime: job.finding?.commit?.date,
      allowIps: ctx.settings.allowedIps,
      windowHours: ctx.audit?.windowHours,
      userAgents: ctx.audit?.userAgents,
      provider: job.provider.id,
    });
    // The summary gets the verdict and the charts; the incident's comment the whole audit.
    const charts = renderAuditCharts(report, {
      title: `Audit of ${forMarkdownCode(job.leaked.redacted, { table: false })}`,
      headingLevel: 3,
      link: result.incident?.url,
    });
    outcome.auditMarkdown = [outcome.auditMarkdown, charts].filter(Boolean).join('\n\n');
    await ctx.github.incidents.comment(result.incident!.number, renderMarkdown(report));
  } catch (err) {
    const message = scrub((err as Error).message ?? String(err), [job.leaked]);
    ctx.log(`audit of ${job.leaked.redacted} failed: ${message}`);
  }
}
