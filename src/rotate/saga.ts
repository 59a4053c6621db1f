/**
 * The rotation saga: plan → create → store → verify new → disable old → verify old → close.
 * Every step is written to the journal in the incident issue before the next starts, so a re-run
 * after any failure (or a dead process) finishes the job without making a second live replacement.
 *
 * Recovery rule (docs/rotation.md): "create" and "store into every target" are one unit. The
 * journal never holds a key value, so a re-run that finds a replacement not yet stored in every
 * target cannot copy it on: it creates a fresh one, stores that everywhere (overwriting the
 * targets that got the first one), then deletes the first one at the provider as an orphan.
 *
 * Safety rule: the leaked key is disabled only after its replacement is stored in every target and
 * verified live, unless the run is in `disable` mode, has no way to make a replacement, or was
 * asked to contain first.
 */
import type { IncidentStore, RepoContext, SecretsSink, SecretTarget } from '../github/types.js';
import { type RetryBudget, RetryBudgetExhaustedError } from '../http/budget.js';
import { closeIncidentIfResolved } from '../incident/close.js';
import { addManual, type Journal, lastStep, type StepName } from '../incident/journal.js';
import type { StateSeal } from '../incident/seal.js';
import { DEFAULT_LOCK_SETTLE_MS, DEFAULT_LOCK_TTL_MS, JournalSession } from '../incident/session.js';
import type { KeyPolicy, KeyRef, Provider } from '../providers/types.js';
import { type Secret, scrub } from '../scan/secret.js';
import { createGitHubStore } from '../stores/github.js';
import { type Holding, type SecretStore, StoreError } from '../stores/types.js';
import { forMarkdown } from '../text/inert.js';
import type { Finding, Liveness, Verification } from '../types.js';
import { isTransient, messageOf, RotationError, RotationLockedError } from './errors.js';
import { canDisable, formatPlan, planRotation, type RotationPlan, type Strategy } from './plan.js';
import { budgeted, DEFAULT_STEP_RETRY, delayFor, type StepRetry, withRetry } from './retry.js';
import { disableByHand, notOursRunbook } from './runbook.js';
import { describeTarget, standbyName, targetId } from './targets.js';

export interface RotationRequest {
  finding?: Finding;
  leaked: Secret;
  provider: Provider;
  mode: 'disable' | 'rotate';
  targets: SecretTarget[];
  /** Name already expanded from the template (see buildKeyPolicy). */
  policy: KeyPolicy;
  /** A key made earlier by a human (`<NAME>_NEXT`), promoted instead of creating one. */
  standby?: Secret;
  containFirst?: boolean;
  dryRun?: boolean;
  /** GITHUB_RUN_ID: re-runs of a workflow keep it, so they own the lock they left behind. */
  runId: string;
  now?: () => Date;
  /** For links to file:line and commits in the incident. */
  repo?: RepoContext;
  /** Whether the key is still in HEAD: false lets the saga close a resolved incident. */
  inHead?: boolean;
  auditMarkdown?: string;
  /** Suffix of standby secrets, for the incident's instructions (default `_NEXT`). */
  standbySuffix?: string;
  /**
   * Ids (targetId) of targets proven to hold the leaked key: their current value, given to the run
   * in env, has the leaked key's fingerprint. When the provider's admin API does not find the key in
   * our organisation, only such a secret makes it ours to rotate; without one nothing is created.
   */
  heldBy?: string[];
  /**
   * Places beyond GitHub secrets (`rotation.<provider>.stores:`, src/stores). The saga asks each
   * whether it holds the leaked key, preflights every one that does (or may), stores the replacement
   * in each with the GitHub targets, and retires the leaked key's versions after containment.
   */
  stores?: SecretStore[];
  /** Steps for a human the caller already knows (kept in the plan and the incident). */
  manual?: string[];
  /**
   * `admin-api`: only the provider's admin API makes the key ours; `heldBy` and stores then place the
   * replacement but never prove ownership (the fleet, where a swept repository is not ours to trust).
   */
  ownership?: 'admin-api';
}

export interface RotationDeps {
  sink: SecretsSink;
  incidents: IncidentStore;
  /** Receives lines already scrubbed of every key the saga knows. */
  log: (line: string) => void;
  retry?: Partial<StepRetry>;
  /** The run's retry budget: with it, each HTTP request is the one retry layer (see retry.ts). */
  budget?: RetryBudget;
  /** Lock expiry (default 30 min) and the wait before re-reading a freshly written lock. */
  lockTtlMs?: number;
  lockSettleMs?: number;
  /** Called with every new key as soon as it exists: the action masks it (core.setSecret). */
  onSecret?: (secret: Secret) => void;
  /** Verifies the journal read back from the incident and seals what is written (see incident/seal.ts). */
  seal: StateSeal;
}

export type RotationStatus = 'rotated' | 'contained' | 'still-live' | 'dry-run';

export interface RotationResult {
  /**
   * `rotated`: replacement stored and live, leaked key revoked. `contained`: leaked key revoked, no
   * replacement by API. `still-live`: the provider still accepts the leaked key (e.g. DeepSeek, no
   * disable API): later sweeps must re-verify it and keep the check failing. `dry-run`: nothing changed.
   */
  status: RotationStatus;
  strategy: Strategy;
  plan: RotationPlan;
  leakedState: Liveness;
  stillLive: boolean;
  replacement?: { ref: KeyRef; redacted: string; fingerprint: string; source: 'created' | 'standby' };
  /** The replacement's value, only in the run that created or promoted it (a Secret: never logs). */
  replacementSecret?: Secret;
  targetsStored: SecretTarget[];
  /** Labels of the stores (beyond GitHub secrets) that hold the replacement. */
  storesStored?: string[];
  manual: string[];
  incident?: { number: number; url: string };
  journal?: Journal;
  /**
   * The key is not our organisation's: the admin API does not know it and no secret of ours holds
   * it. Nothing was created, stored or disabled; the incident says whom to tell.
   */
  notOurs?: boolean;
}

export async function rotate(req: RotationRequest, deps: RotationDeps): Promise<RotationResult> {
  const now = req.now ?? (() => new Date());
  const unbudgeted: StepRetry = { ...DEFAULT_STEP_RETRY, ...deps.retry };
  const retry = budgeted(unbudgeted, deps.budget);
  const known: Secret[] = [req.leaked, ...(req.standby ? [req.standby] : [])];
  const log = (line: string) => deps.log(scrub(line, known));
  const plan = planRotation({ ...req, standbySuffix: req.standbySuffix });
  // keyguard's own admin key leaked: disabling it first would leave nothing to make the replacement with.
  if (plan.containFirst && req.provider.usesAdminKey?.(req.leaked)) {
    plan.containFirst = false;
    plan.manual.push(
      `contain-first was not followed: the leaked key is keyguard's own ${req.provider.displayName} admin key, which must make and verify its replacement before it is deleted.`,
    );
  }
  for (const line of formatPlan(plan)) log(line);

  if (req.dryRun) {
    const keyless = keylessRefusal(req, plan, placesOnDeadKey(req, await dryRunStores(req, log)));
    if (keyless) log(`dry run: would stop before the disable: ${keyless}`);
    const journal = await JournalSession.peek(deps.incidents, req.leaked.fingerprint, deps.seal, log);
    if (journal)
      log(`dry run: an incident journal exists (status ${journal.status}); a real run resumes from it`);
    log('dry run: nothing was changed');
    const leakedState = journal?.leakedState ?? 'unknown';
    return {
      status: 'dry-run',
      strategy: plan.strategy,
      plan,
      leakedState,
      stillLive: leakedState !== 'revoked',
      targetsStored: [],
      manual: plan.manual,
      journal: journal ?? undefined,
    };
  }

  const session = await JournalSession.open({
    incidents: deps.incidents,
    fingerprint: req.leaked.fingerprint,
    redacted: req.leaked.redacted,
    provider: req.provider.id,
    providerName: req.provider.displayName,
    mode: req.mode,
    runId: req.runId,
    now,
    lockTtlMs: deps.lockTtlMs ?? DEFAULT_LOCK_TTL_MS,
    lockSettleMs: deps.lockSettleMs ?? DEFAULT_LOCK_SETTLE_MS,
    seal: deps.seal,
    log,
    // The lock's settle wait is not a retry: it is not charged to the budget.
    sleep: unbudgeted.sleep,
    finding: req.finding,
    repo: req.repo,
    targets: req.targets,
    stores: (req.stores ?? []).map((s) => ({ id: s.id, label: s.label })),
    auditMarkdown: req.auditMarkdown,
  });
  const saga = new Saga(req, deps, session, plan, retry, log, known, now);
  try {
    return await saga.run();
  } catch (err) {
    throw await saga.fail(err);
  }
}

/** What a place holds, asked once; a failure to ask is `unknown` (the preflight decides). */
async function holdingOf(store: SecretStore, leaked: Secret): Promise<Holding> {
  try {
    return await store.holds(leaked);
  } catch (err) {
    return { state: 'unknown', why: messageOf(err) };
  }
}

/**
 * The places the leaked key lives that a disable without replacement would leave on a dead key: every
 * GitHub target (proven by its value in env, or on the config's word) and every store that holds it or
 * cannot say (never one that holds another key or does not exist).
 */
function placesOnDeadKey(req: RotationRequest, holding: Map<string, Holding>): string[] {
  const github = req.targets.map(
    (t) =>
      `${describeTarget(t)}${req.heldBy?.includes(targetId(t)) ? ' (proven)' : " (on the config's word)"}`,
  );
  const stores = (req.stores ?? []).flatMap((s) => {
    const h = holding.get(s.id)?.state;
    if (h === 'holds') return [`${s.label} (proven)`];
    if (h === 'unknown') return [`${s.label} (may hold it: its value could not be read)`];
    return [];
  });
  return [...github, ...stores];
}

/**
 * Why a `mode: rotate` run must not disable the leaked key: there is no replacement to write (the
 * provider cannot create keys and no standby key was given) while `places` hold it. Undefined when
 * the run may go on (a replacement, `mode: disable`, or no place holds it).
 */
function keylessRefusal(req: RotationRequest, plan: RotationPlan, places: string[]): string | undefined {
  if (plan.strategy !== 'disable-only' || req.mode !== 'rotate' || !canDisable(req.provider))
    return undefined;
  if (!places.length) return undefined;
  const suffix = req.standbySuffix ?? '_NEXT';
  const names = [...new Set(req.targets.map((t) => `\`${standbyName(t.name, suffix)}\``))];
  const standby = names.length
    ? `put a standby key in ${names.join(' or ')}`
    : `give a standby key (\`<NAME>${suffix}\` beside a configured secret, or KEYGUARD_STANDBY_VALUE)`;
  return (
    `${places.join('; ')} ${places.length === 1 ? 'holds' : 'hold'} the leaked key, and there is no replacement to write there ` +
    `(${req.provider.displayName} cannot create keys through its API and no standby key was given): disabling it would leave ` +
    `${places.length === 1 ? 'that place' : 'them'} on a dead key, so nothing was disabled. Either ${standby} for keyguard to promote, ` +
    'or set `rotate: disable` (mode `disable`) to accept the outage and replace the key by hand'
  );
}

/**
 * dry-run: every store that would change, and those that would be left alone or stop the run. Each
 * store's preflight runs read-only (no write probe), so a place the identity may not write says
 * "would stop" here instead of only in the real run.
 */
async function dryRunStores(
  req: RotationRequest,
  log: (line: string) => void,
): Promise<Map<string, Holding>> {
  const holding = new Map<string, Holding>();
  for (const store of req.stores ?? []) {
    const h = await holdingOf(store, req.leaked);
    holding.set(store.id, h);
    if (h.state === 'other') {
      log(`dry run: ${store.label} holds another key: would be left alone`);
      continue;
    }
    const held = h.state === 'unknown' ? `unknown: ${h.why}` : h.state;
    try {
      await store.preflight({ readOnly: true });
    } catch (err) {
      const msg = scrub(messageOf(err), [req.leaked]);
      log(
        h.state === 'absent'
          ? `dry run: ${store.label} (absent) would be left alone: it does not exist and cannot be created (${msg})`
          : `dry run: ${store.label} (${held}) would stop: ${msg}`,
      );
      continue;
    }
    log(`dry run: ${store.label} (${held}) would change: ${store.plan()}`);
    for (const line of store.preflightNotes?.() ?? []) log(`dry run: ${scrub(line, [req.leaked])}`);
  }
  return holding;
}

class Saga {
  private readonly j: Journal;
  private current: StepName = 'plan';
  /** The replacement's value: held in memory by the run that made it, never written anywhere. */
  private value?: Secret;
  /** Set by the plan step: the admin API does not know the key and no secret of ours holds it. */
  private notOurs = false;
  /**
   * The leaked key's ref as the provider's admin API located it THIS run, from the key value itself.
   * The only ref the saga ever disables: a ref read back from the journal is data, never a target.
   */
  private provenLeaked?: KeyRef;
  /** Key ids this run's own create calls returned. */
  private readonly createdHere = new Set<string>();
  /** The admin API cannot list this kind of key but proved it ours (LocateResult.ownOrganization). */
  private unlistable = false;
  /** The leaked key is the admin key the provider adapter itself authenticates with (see selfAdmin). */
  private readonly selfAdmin: boolean;
  /**
   * Every place the replacement goes: the GitHub targets (as stores, ids `targetId`), then the
   * configured stores that hold the leaked key or may (never one proven to hold another key).
   */
  private places: SecretStore[];
  /** What each configured store said it holds this run (by id). */
  private readonly holding = new Map<string, Holding>();

  constructor(
    private readonly req: RotationRequest,
    private readonly deps: RotationDeps,
    private readonly session: JournalSession,
    private readonly plan: RotationPlan,
    private readonly retry: StepRetry,
    private readonly log: (line: string) => void,
    private readonly known: Secret[],
    private readonly now: () => Date,
  ) {
    this.j = session.journal;
    this.selfAdmin = req.provider.usesAdminKey?.(req.leaked) === true;
    this.places = [
      ...req.targets.map((t) => createGitHubStore(t, deps.sink, { heldBy: req.heldBy })),
      ...(req.stores ?? []),
    ];
  }

  private get extraStores(): SecretStore[] {
    return this.places.filter((s) => s.kind !== 'github');
  }

  private get p(): Provider {
    return this.req.provider;
  }

  private iso(): string {
    return this.now().toISOString();
  }

  private allStored(): boolean {
    return this.places.every((s) => this.j.targetsDone.includes(s.id));
  }

  private replaced(): boolean {
    return (
      this.j.replacement !== undefined && this.allStored() && this.j.replacement.verifiedAt !== undefined
    );
  }

  private retryLog(what: string) {
    return (attempt: number, err: unknown) =>
      this.log(
        `${what}: transient failure (${messageOf(err)}), retry ${attempt} of ${this.retry.attempts - 1}`,
      );
  }

  async run(): Promise<RotationResult> {
    this.j.status = 'in-progress';
    this.j.strategy = this.plan.strategy;
    await this.planStep();
    if (this.notOurs) {
      // Someone else's key (e.g. pushed in a fork PR): make nothing, store nothing, disable nothing.
      await this.verifyOld(false);
      return this.close();
    }
    if (this.plan.containFirst) {
      await this.contain();
      await this.replace();
    } else {
      await this.replace();
      await this.contain();
    }
    await this.retireStores();
    return this.close();
  }

  private async planStep(): Promise<void> {
    this.current = 'plan';
    const p = this.p;
    // Located afresh on every run, even when the journal names a key id: only what the provider says
    // of the key value itself decides which key is disabled (docs: "Where trust ends").
    const recorded = this.j.leakedRef;
    await this.surveyStores();
    const storeHolds = this.extraStores.some((s) => this.holding.get(s.id)?.state === 'holds');
    if (p.locate) {
      const found = await withRetry(() => p.locate!(this.req.leaked), this.retry, {
        onRetry: this.retryLog('locate'),
      });
      if (found.status === 'found') {
        if (recorded && recorded.id !== found.ref.id)
          this.log(
            `plan: the journal named another key id than the provider locates for the leaked key: using the provider's (${found.ref.id})`,
          );
        this.provenLeaked = found.ref;
        this.j.leakedRef = found.ref;
      } else if (recorded && found.status === 'not-found') {
        // Expected after an earlier run disabled it (a deleted key is no longer listed): nothing is
        // disabled on the journal's word; verify-old checks the key value itself.
        this.log(`plan: the provider no longer lists the leaked key (${found.reason})`);
      } else if (found.status === 'ambiguous')
        addManual(
          this.j,
          `${p.displayName} lists ${found.matches.length} keys that could be the leaked one (${found.matches.map((m) => `\`${m.id}\``).join(', ')}): ${found.reason}. keyguard will not guess: disable the right one by hand.`,
        );
      else {
        addManual(this.j, `The admin API did not find the leaked key (${found.reason}).`);
        this.unlistable = found.status === 'not-found' && found.ownOrganization === true;
        // A key that proves itself another organization's is not ours even in a secret of ours.
        const foreign = found.status === 'not-found' && found.otherOrganization === true;
        const provenHere = storeHolds || this.req.targets.some((t) => this.req.heldBy?.includes(targetId(t)));
        this.notOurs = foreign || (!this.unlistable && (this.req.ownership === 'admin-api' || !provenHere));
      }
      if (this.notOurs) {
        const commit = this.req.finding?.commit?.sha;
        addManual(this.j, notOursRunbook(p.id, p.displayName, this.req.leaked.redacted, { commit }));
      } else if (found.status !== 'found' && !(recorded && found.status === 'not-found'))
        addManual(
          this.j,
          disableByHand(p.id, p.displayName, this.req.leaked.redacted, p.kindOf?.(this.req.leaked)),
        );
    }
    if (this.plan.strategy === 'create')
      this.j.policy = {
        name: this.req.policy.name,
        enforced: this.plan.enforced,
        notEnforced: this.plan.notEnforced,
      };
    addManual(this.j, ...this.plan.manual);
    const id = this.j.leakedRef ? `, leaked key id ${this.j.leakedRef.id}` : '';
    if (this.notOurs) {
      const detail = `not our key: ${p.displayName} does not know it in this organization and no secret of ours holds it; nothing is created, stored or disabled`;
      await this.session.step('plan', 'done', { detail });
      this.log(`plan: ${detail}; incident ${this.session.incident.url}`);
      return;
    }
    await this.preflightStores();
    await this.refuseKeylessPlaces();
    const stores = this.describeSurvey();
    await this.session.step('plan', 'done', { detail: `strategy ${this.plan.strategy}${id}${stores}` });
    this.log(`plan: strategy ${this.plan.strategy}${id}${stores}; incident ${this.session.incident.url}`);
  }

  // ── stores ─────────────────────────────────────────────────────────────────────────────────

  private note(line: string): void {
    this.j.storeNotes ??= [];
    if (!this.j.storeNotes.includes(line)) this.j.storeNotes.push(line);
  }

  /**
   * Asks every configured store what it holds. One that proves another key is left alone (and said
   * so), unless an earlier run of this incident already stored the replacement there. An admin key
   * goes only where it is proven to be, as for GitHub secrets.
   */
  private async surveyStores(): Promise<void> {
    const admin = this.p.kindOf?.(this.req.leaked) === 'admin';
    const keep: SecretStore[] = [];
    for (const store of this.extraStores) {
      const h = await holdingOf(store, this.req.leaked);
      this.holding.set(store.id, h);
      // A store an earlier run sent a replacement to may hold it (its answer lost): that "other key"
      // is ours, deleted as an orphan once this run's replacement is stored, so it must be written.
      const attempted = this.j.storesAttempted?.includes(store.id) === true;
      const done = this.j.targetsDone.includes(store.id) || attempted;
      if (h.state === 'other' && attempted && !this.j.targetsDone.includes(store.id))
        this.note(
          `${store.label} holds another key after an earlier run of this incident wrote to it (answer lost): written again`,
        );
      if (h.state === 'other' && !done) {
        this.note(`${store.label} holds another key than ${this.req.leaked.redacted}: left alone`);
        this.log(`stores: ${store.label} holds another key than ${this.req.leaked.redacted}: left alone`);
        continue;
      }
      if (admin && h.state !== 'holds' && !done) {
        this.note(`${store.label} is not proven to hold this admin key: left alone`);
        this.log(`stores: ${store.label} is not proven to hold this admin key: left alone`);
        continue;
      }
      if (h.state === 'holds') this.note(`${store.label} held the leaked key (proven by fingerprint)`);
      else if (h.state === 'unknown' && !done)
        this.note(`${store.label}: its value could not be read (${h.why}); rotated on the config's word`);
      keep.push(store);
    }
    this.places = [...this.places.filter((s) => s.kind === 'github'), ...keep];
  }

  /**
   * Proves every store that will get the replacement can be written, before anything is made. A
   * store that holds the leaked key (or may: unknown) and cannot be written stops the rotation here:
   * disabling the key would leave that place keyless. One that does not hold it yet is dropped.
   * GitHub targets were preflighted by the caller, before the incident was opened.
   */
  private async preflightStores(): Promise<void> {
    if (this.plan.strategy === 'disable-only') return;
    const keep: SecretStore[] = [];
    for (const store of this.extraStores) {
      try {
        await withRetry(() => store.preflight(), this.retry, {
          onRetry: this.retryLog(`preflight ${store.label}`),
        });
        keep.push(store);
        for (const line of store.preflightNotes?.() ?? []) {
          this.note(scrub(line, this.known));
          this.log(`stores: ${scrub(line, this.known)}`);
        }
      } catch (err) {
        if (err instanceof RotationLockedError) throw err;
        const msg = scrub(messageOf(err), this.known);
        const h = this.holding.get(store.id);
        if (h?.state === 'absent') {
          this.note(`${store.label} does not exist and cannot be created (${msg}): left alone`);
          this.log(`stores: ${store.label} does not exist and cannot be created (${msg}): left alone`);
          continue;
        }
        const what = h?.state === 'holds' ? 'holds the leaked key' : 'may hold the leaked key';
        throw new RotationError(
          'plan',
          `${store.label} ${what} but cannot be written (${msg}): nothing was created or disabled, so no place is left without a working key`,
          err instanceof StoreError ? err.transient : isTransient(err),
        );
      }
    }
    this.places = [...this.places.filter((s) => s.kind === 'github'), ...keep];
  }

  /**
   * `mode: rotate` with no replacement to write: a place that holds the leaked key and cannot be
   * updated stops the disable (production is never left keyless), with the reason in the incident.
   * Only when keyguard itself would disable the key: where the disable is by hand, the runbook lists
   * every place to update first. A key already disabled (an earlier `mode: disable` run) has nothing
   * left to protect.
   */
  private async refuseKeylessPlaces(): Promise<void> {
    const ref = this.provenLeaked;
    if (!ref) return;
    const req = { ...this.req, stores: this.extraStores };
    const why = keylessRefusal(req, this.plan, placesOnDeadKey(req, this.holding));
    if (!why) return;
    const state = this.p.state ? await this.p.state(ref).catch(() => undefined) : undefined;
    if (state === 'disabled' || state === 'deleted') return;
    addManual(this.j, `keyguard did not disable the leaked key: ${why}.`);
    throw new RotationError('plan', `refusing to disable the leaked key: ${why}`, false);
  }

  private describeSurvey(): string {
    const stores = this.extraStores;
    if (!this.req.stores?.length) return '';
    const proven = stores.filter((s) => this.holding.get(s.id)?.state === 'holds').length;
    const alone = this.req.stores.length - stores.length;
    const what = this.plan.strategy === 'disable-only' ? 'with no replacement to write' : 'to write';
    return `; ${stores.length} store(s) ${what} (${proven} proven to hold the leaked key)${alone ? `, ${alone} left alone` : ''}`;
  }

  /**
   * After the leaked key is disabled and its replacement stored everywhere: every store drops the
   * versions that hold the leaked key (AWS stages, Vault versions), and says what a human must still
   * do (a Deployment's rollout). Not fatal: the leaked key is dead already; a failure is a manual step.
   */
  private async retireStores(): Promise<void> {
    if (this.j.leakedState !== 'revoked' || !this.replaced()) return;
    const stores = this.extraStores.filter((s) => this.j.targetsDone.includes(s.id));
    const todo = stores.filter((s) => s.retire && !this.j.storesRetired?.includes(s.id));
    if (todo.length) {
      this.current = 'retire';
      const lines: string[] = [];
      for (const store of todo) {
        try {
          const done = await withRetry(() => store.retire!(this.req.leaked), this.retry, {
            onRetry: this.retryLog(`retire ${store.label}`),
          });
          for (const l of done) this.note(scrub(l, this.known));
          lines.push(...done.map((l) => scrub(l, this.known)));
          this.j.storesRetired = [...(this.j.storesRetired ?? []), store.id];
        } catch (err) {
          if (err instanceof RotationLockedError) throw err;
          const msg = scrub(messageOf(err), this.known);
          addManual(
            this.j,
            `Retire the leaked key's versions in ${store.label} by hand: keyguard could not (${msg}). The leaked key is disabled already.`,
          );
          this.log(`retire: ${store.label} failed (${msg}): left for a human`);
        }
      }
      const retired = todo.filter((s) => this.j.storesRetired?.includes(s.id)).length;
      await this.session.step('retire', retired === todo.length ? 'done' : 'failed', {
        detail: `${retired} of ${todo.length} store(s) retired the leaked key's versions${lines.length ? `: ${lines.join('; ')}` : ''}`,
      });
      this.log(`retire: ${retired} of ${todo.length} store(s) retired the leaked key's versions`);
    }
    for (const store of stores) {
      if (!store.followUps) continue;
      try {
        const items = await store.followUps();
        addManual(this.j, ...items.map((i) => scrub(i, this.known)));
        for (const i of items) this.log(`follow-up: ${scrub(i, this.known)}`);
      } catch (err) {
        addManual(
          this.j,
          `Check what still uses ${store.label} (keyguard could not list it: ${scrub(messageOf(err), this.known)})`,
        );
      }
    }
  }

  // ── replacement ────────────────────────────────────────────────────────────────────────────

  private async replace(): Promise<void> {
    if (this.plan.strategy === 'create') await this.createReplacement();
    else if (this.plan.strategy === 'standby') await this.promoteStandby();
  }

  /** Marks the journal's replacement as lost (value unknown to this run): deleted after the new one is stored. */
  private orphanReplacement(why: string): void {
    const r = this.j.replacement;
    if (!r) return;
    if (r.source === 'created')
      this.j.orphans.push({ ref: r.ref, fingerprint: r.fingerprint, deleted: false, at: this.iso() });
    this.log(`replacement ${r.redacted}: ${why}`);
    this.j.replacement = undefined;
    this.j.replacementVerification = undefined;
    this.j.targetsDone = [];
  }

  private async createReplacement(): Promise<void> {
    const r = this.j.replacement;
    if (r && this.replaced()) {
      this.log(`replacement ${r.redacted} is already stored in every secret and verified: skipping create`);
      return this.cleanupOrphans();
    }
    if (r && r.source === 'created' && this.allStored() && this.p.state) {
      // Stored everywhere by an earlier run that died before verifying: check it by id.
      this.current = 'verify-new';
      const state = await withRetry(() => this.p.state!(r.ref), this.retry, {
        onRetry: this.retryLog('state'),
      });
      if (state === 'active') {
        r.verifiedAt = this.iso();
        await this.session.step('verify-new', 'done', {
          detail: `${r.redacted} is active (checked by key id: this run does not hold its value)`,
        });
        return this.cleanupOrphans();
      }
      this.orphanReplacement(`is ${state} at the provider: making a new one`);
    } else if (r?.source === 'created') {
      this.orphanReplacement(
        `reached ${this.j.targetsDone.length} of ${this.places.length} secrets before the earlier run stopped; ` +
          'its value is not kept anywhere, so a fresh replacement is created and this one deleted',
      );
    } else if (r) {
      this.orphanReplacement('was a standby key that is no longer supplied: creating a replacement instead');
    }
    if (this.j.pendingCreateName) {
      addManual(
        this.j,
        `An earlier run stopped inside the create call for \`${this.j.pendingCreateName}\`: if ${this.p.displayName} lists a key with that name that keyguard did not record, delete it.`,
      );
    }

    this.current = 'create';
    const policy = this.req.policy;
    this.j.pendingCreateName = policy.name;
    await this.session.step('create', 'started', { detail: `name ${policy.name}` });
    // Not retried here: a create whose answer was lost may have made a key; the journal handles that.
    const created = await this.p.create!(policy, this.provenLeaked ?? this.j.leakedRef);
    this.createdHere.add(created.ref.id);
    this.known.push(created.secret);
    this.deps.onSecret?.(created.secret);
    this.value = created.secret;
    this.j.pendingCreateName = undefined;
    this.j.replacement = {
      ref: created.ref,
      fingerprint: created.secret.fingerprint,
      redacted: created.secret.redacted,
      source: 'created',
      at: this.iso(),
    };
    this.j.targetsDone = [];
    if (created.manual.length > 0) {
      const pol = this.j.policy ?? { name: policy.name, enforced: [], notEnforced: [] };
      for (const m of created.manual) if (!pol.notEnforced.includes(m)) pol.notEnforced.push(m);
      this.j.policy = pol;
      addManual(
        this.j,
        ...created.manual.map((m) => `Enforce by hand (${this.p.displayName} did not): ${m}`),
      );
    }
    await this.session.step('create', 'done', {
      detail: `${created.secret.redacted}, key id ${created.ref.id}`,
    });
    this.log(`create: replacement ${created.secret.redacted} (key id ${created.ref.id})`);

    await this.storeAll(created.secret);
    await this.verifyNew(created.secret);
    this.adoptOwnAdminKey(created.secret);
    await this.cleanupOrphans();
  }

  /**
   * keyguard's own admin key is the leaked one: its replacement is now stored in every secret that
   * held it and verified, so every admin call from here on (the delete of the leaked key, the audit,
   * the next job) is made with the replacement.
   */
  private adoptOwnAdminKey(value: Secret): void {
    if (!this.selfAdmin || !this.p.useAdminKey) return;
    this.p.useAdminKey(value);
    this.log(
      `keyguard's own ${this.p.displayName} admin key is the leaked one: it continues with the replacement ${value.redacted}`,
    );
  }

  private async promoteStandby(): Promise<void> {
    const standby = this.req.standby!;
    const r = this.j.replacement;
    if (r && r.fingerprint === standby.fingerprint && this.replaced()) {
      this.log(`standby ${r.redacted} is already promoted into every secret`);
      return this.cleanupOrphans();
    }
    if (r && r.fingerprint !== standby.fingerprint) {
      if (this.replaced()) {
        this.log(
          `replacement ${r.redacted} is already stored in every secret: the standby key is not needed`,
        );
        return this.cleanupOrphans();
      }
      this.orphanReplacement('is superseded by the standby key');
    }
    this.value = standby;
    this.j.replacement ??= {
      ref: { provider: this.p.id, id: 'standby', redactedValue: standby.redacted },
      fingerprint: standby.fingerprint,
      redacted: standby.redacted,
      source: 'standby',
      at: this.iso(),
    };
    // Promote only a key the provider accepts: a dead standby would break every consumer.
    await this.verifyNew(standby);
    await this.storeAll(standby);
    this.adoptOwnAdminKey(standby);
    await this.cleanupOrphans();
  }

  private async storeAll(value: Secret): Promise<void> {
    this.current = 'store';
    const todo = this.places.filter((s) => !this.j.targetsDone.includes(s.id));
    // Written ahead, in the same save as the step: a put whose answer is lost still counts as ours.
    const extra = todo.filter((s) => s.kind !== 'github').map((s) => s.id);
    if (extra.length) this.j.storesAttempted = [...new Set([...(this.j.storesAttempted ?? []), ...extra])];
    await this.session.step('store', 'started', { detail: `${todo.length} secret(s)` });
    for (const s of todo) {
      // A write of the same value is idempotent: safe to retry. Each place is journaled as it is
      // done, so a re-run after a failure in any one of them knows which already hold this value.
      const how = await withRetry(() => s.put(value), this.retry, {
        onRetry: this.retryLog(`store ${s.label}`),
      });
      this.j.targetsDone.push(s.id);
      await this.session.save();
      this.log(`store: ${s.label} ${how.outcome}${how.version ? ` (version ${how.version})` : ''}`);
    }
    // keyguard's own admin key is being replaced: the secret behind its input now holds the
    // replacement, which the next run will read, so the journal is sealed with it from here on
    // (a re-run after a later failure must still trust this journal; no effect with a state-key).
    if (this.selfAdmin) this.deps.seal.rekey?.(this.p.id, value);
    await this.session.step('store', 'done', {
      detail: `${this.j.targetsDone.length} secret(s) hold ${value.redacted}`,
    });
  }

  /** A provider whose verify() cannot give verdicts (webhook): its own answer is the evidence. */
  private unverifiable(status: 'live' | 'revoked', detail: string): Verification | undefined {
    if (this.p.capabilities.liveness !== false) return undefined;
    return {
      status,
      provider: this.p.id,
      endpoint: '(none)',
      detail: `${this.p.displayName} cannot verify keys: ${detail} (not checked by keyguard)`,
      checkedAt: this.iso(),
    };
  }

  private async verifyNew(value: Secret): Promise<void> {
    this.current = 'verify-new';
    const v =
      this.unverifiable('live', 'it answered the create call with this key') ??
      (await this.verifyUntil(value, 'live'));
    this.j.replacementVerification = v;
    if (v.status !== 'live')
      throw new RotationError(
        'verify-new',
        `${this.p.displayName} reports the replacement ${value.redacted} ${v.status}: ${v.detail}`,
        v.status === 'unknown',
      );
    this.j.replacement!.verifiedAt = this.iso();
    await this.session.step('verify-new', 'done', { detail: `${value.redacted} is live (${v.endpoint})` });
    this.log(`verify-new: ${value.redacted} is live`);
  }

  /**
   * Whether the provider shows `ref` to be a replacement this rotation created: made by this run, or
   * listed under the same id with the name and creation time its create call returned (and not the
   * leaked key). 'gone' when the provider no longer has it. Anything else is not proven.
   */
  private async provenReplacement(ref: KeyRef): Promise<'proven' | 'gone' | string> {
    if (this.provenLeaked && ref.id === this.provenLeaked.id) return 'it is the leaked key itself';
    if (this.createdHere.has(ref.id)) return 'proven';
    if (!this.p.describe) return `${this.p.displayName} cannot describe a key by id`;
    const seen = await withRetry(() => this.p.describe!(ref), this.retry, {
      onRetry: this.retryLog('describe'),
    });
    if (!seen) return 'gone';
    if (seen.id !== ref.id) return 'the provider answered for another key id';
    if (!ref.name || seen.name !== ref.name) return 'its name is not the one keyguard gave it';
    if (ref.createdAt && seen.createdAt && Date.parse(ref.createdAt) !== Date.parse(seen.createdAt))
      return 'its creation time is not the one the create call returned';
    if (ref.redactedValue && seen.redactedValue && ref.redactedValue !== seen.redactedValue)
      return 'its visible key hint is not the one the create call returned';
    return 'proven';
  }

  /**
   * Deletes replacements whose value was lost. Not fatal: nobody holds their value. A key is deleted
   * only once the provider shows it to be one this rotation created (`provenReplacement`); otherwise
   * it is left for a human as a possibly orphaned replacement.
   */
  private async cleanupOrphans(): Promise<void> {
    for (const o of this.j.orphans.filter((x) => !x.deleted && !x.leftToHuman)) {
      this.current = 'cleanup-orphan';
      try {
        const proof = await this.provenReplacement(o.ref);
        if (proof === 'gone') {
          o.deleted = true;
          await this.session.step('cleanup-orphan', 'done', {
            detail: `orphaned replacement key id ${o.ref.id} is already gone at ${this.p.displayName}`,
          });
          continue;
        }
        if (proof !== 'proven') {
          o.leftToHuman = true; // settled: never retried on the journal's word
          addManual(
            this.j,
            `Possibly orphaned replacement key id \`${o.ref.id}\` at ${this.p.displayName}: keyguard did not delete it (${proof}). If it is a key keyguard made for this incident and no secret uses it, delete it by hand.`,
          );
          await this.session.step('cleanup-orphan', 'skipped', {
            detail: `key id ${o.ref.id} not deleted: ${proof}`,
          });
          this.log(`cleanup: key id ${o.ref.id} not deleted (${proof}): left for a human`);
          continue;
        }
        const state = this.p.state
          ? await withRetry(() => this.p.state!(o.ref), this.retry, { onRetry: this.retryLog('state') })
          : undefined;
        if (state !== 'deleted') {
          if (this.p.delete) {
            await withRetry(() => this.p.delete!(o.ref).then(() => true as const), this.retry, {
              onRetry: this.retryLog('delete orphan'),
              beforeRetry: async () => ((await this.p.state?.(o.ref)) === 'deleted' ? true : undefined),
            });
          } else if (this.p.disable && state !== 'disabled') {
            await withRetry(() => this.p.disable!(o.ref), this.retry, {
              onRetry: this.retryLog('disable orphan'),
            });
          } else if (state !== 'disabled') {
            throw new Error(`${this.p.displayName} offers no delete or disable`);
          }
        }
        o.deleted = true;
        await this.session.step('cleanup-orphan', 'done', {
          detail: `orphaned replacement key id ${o.ref.id} deleted`,
        });
        this.log(`cleanup: orphaned replacement key id ${o.ref.id} deleted`);
      } catch (err) {
        if (err instanceof RotationLockedError) throw err;
        const msg = scrub(messageOf(err), this.known);
        addManual(
          this.j,
          `Delete the orphaned replacement key id \`${o.ref.id}\` at ${this.p.displayName}: keyguard could not (${msg}).`,
        );
        await this.session.step('cleanup-orphan', 'failed', { error: msg });
      }
    }
  }

  // ── containment ────────────────────────────────────────────────────────────────────────────

  private async contain(): Promise<void> {
    const mayDisableNow = this.plan.strategy === 'disable-only' || this.plan.containFirst || this.replaced();
    if (!mayDisableNow) {
      this.current = 'disable';
      throw new RotationError(
        'disable',
        'refusing to disable the leaked key: its replacement is not yet stored in every secret and verified live',
      );
    }
    this.current = 'disable';
    const previous = lastStep(this.j, 'disable');
    let disabled = false;
    const ref = this.provenLeaked;
    if (canDisable(this.p) && !ref && this.j.leakedRef && previous?.status === 'done') {
      // An earlier run disabled it and the provider no longer lists it: nothing to call. verify-old
      // asks about the key value itself, so the journal's word alone closes nothing.
      disabled = true;
    } else if (canDisable(this.p) && ref) {
      // Ask the provider rather than trust the journal alone: a key can be re-activated by hand
      // (Anthropic `inactive` → `active`), and a recorded "started" may have worked.
      const state = this.p.state ? await this.p.state(ref).catch(() => undefined) : undefined;
      const alreadyDone =
        state === 'disabled' || state === 'deleted' || (state === undefined && previous?.status === 'done');
      if (alreadyDone) {
        if (previous?.status !== 'done')
          await this.session.step('disable', 'done', {
            detail: `key id ${ref.id} was already ${state ?? 'disabled'}`,
          });
      } else {
        await this.disableLeaked(ref);
      }
      disabled = true;
    } else if (previous?.status !== 'skipped') {
      this.current = 'disable';
      const kind = this.p.kindOf?.(this.req.leaked);
      const why = this.unlistable
        ? `${this.p.displayName}'s API cannot list or disable this kind of key (${kind ?? 'api'} key)`
        : canDisable(this.p)
          ? 'the leaked key id is unknown'
          : `${this.p.displayName} has no API to disable keys`;
      addManual(this.j, disableByHand(this.p.id, this.p.displayName, this.req.leaked.redacted, kind));
      await this.session.step('disable', 'skipped', { detail: `${why}: manual step in this issue` });
      this.log(`disable: ${why}; see the manual steps in the incident`);
    }
    await this.verifyOld(disabled);
  }

  private async disableLeaked(ref: KeyRef): Promise<void> {
    this.current = 'disable';
    const p = this.p;
    const gone = async (): Promise<true | undefined> => {
      if (!p.state) return undefined;
      const s = await p.state(ref);
      return s === 'disabled' || s === 'deleted' ? true : undefined;
    };
    await this.session.step('disable', 'started', { detail: `key id ${ref.id}` });
    try {
      await withRetry(() => p.disable!(ref).then(() => true as const), this.retry, {
        onRetry: this.retryLog('disable'),
        beforeRetry: () => gone().catch(() => undefined),
      });
    } catch (err) {
      // e.g. a DELETE retried by the HTTP layer answers 404: done, if the provider agrees.
      if (!(await gone().catch(() => undefined))) throw err;
    }
    await this.session.step('disable', 'done', { detail: `key id ${ref.id}` });
    this.log(`disable: leaked key ${this.req.leaked.redacted} (key id ${ref.id}) disabled`);
  }

  private async verifyOld(expectRevoked: boolean): Promise<void> {
    this.current = 'verify-old';
    const v =
      (expectRevoked ? this.unverifiable('revoked', 'it accepted the disable call') : undefined) ??
      (await this.verifyUntil(this.req.leaked, expectRevoked ? 'revoked' : undefined));
    this.j.leakedVerification = v;
    this.j.leakedState = v.status;
    if (expectRevoked && v.status !== 'revoked')
      throw new RotationError(
        'verify-old',
        `the leaked key was disabled but ${this.p.displayName} still reports it ${v.status}: ${v.detail}`,
        true,
      );
    await this.session.step('verify-old', 'done', { detail: `leaked key is ${v.status}` });
    this.log(`verify-old: leaked key ${this.req.leaked.redacted} is ${v.status}`);
  }

  /** Verifies, re-asking a few times while the answer is not `want` (keys take a moment to propagate). */
  private async verifyUntil(key: Secret, want?: Liveness): Promise<Verification> {
    const attempts = want ? this.retry.verifyAttempts : 1;
    let last: Verification | undefined;
    for (let i = 0; i < attempts; i++) {
      if (i > 0) {
        try {
          await this.retry.sleep(delayFor(i - 1, this.retry));
        } catch (err) {
          // Out of budget: the last answer stands (verify-new / verify-old say what it was).
          if (err instanceof RetryBudgetExhaustedError && last) return last;
          throw err;
        }
      }
      try {
        last = await this.p.verify(key);
      } catch (err) {
        // A failed verify request had its retries below; polling again is for propagation only, and
        // repeats a failure only where steps are retried (no run budget).
        if (!isTransient(err) || this.retry.attempts <= 1 || i + 1 >= attempts) throw err;
        continue;
      }
      if (!want || last.status === want) return last;
    }
    return last!;
  }

  // ── close out ──────────────────────────────────────────────────────────────────────────────

  private async close(): Promise<RotationResult> {
    this.current = 'close';
    const j = this.j;
    const revoked = j.leakedState === 'revoked';
    j.status = !revoked ? 'still-live' : this.replaced() ? 'rotated' : 'contained';
    const summary = this.notOurs
      ? `NOT OUR KEY: ${this.p.displayName}'s admin API does not know it in this organization and no secret of ours holds it. Nothing was created, stored or disabled; it is ${j.leakedState ?? 'unknown'} and belongs to someone else: tell them (see the checklist).`
      : j.status === 'rotated'
        ? `Rotated: ${j.replacement?.redacted} is stored in ${j.targetsDone.length} secret(s) and live; the leaked key is revoked.`
        : j.status === 'contained'
          ? 'Contained: the leaked key is revoked. A replacement needs a human (see the checklist).'
          : `STILL LIVE: ${this.p.displayName} still accepts the leaked key. Every sweep re-verifies it and keeps failing until it is revoked.`;
    await this.session.step('close', 'done', { detail: summary }, { release: true });
    await this.session.comment(forMarkdown(`Run ${this.req.runId}: ${summary}`));
    this.log(`close: ${summary}`);
    if (this.req.inHead === false)
      await closeIncidentIfResolved({
        incidents: this.deps.incidents,
        fingerprint: this.req.leaked.fingerprint,
        leakedState: j.leakedState ?? 'unknown',
        inHead: false,
        now: this.now,
      });
    return {
      status: j.status as RotationStatus,
      strategy: this.plan.strategy,
      plan: this.plan,
      leakedState: j.leakedState ?? 'unknown',
      stillLive: !revoked,
      replacement: j.replacement && {
        ref: j.replacement.ref,
        redacted: j.replacement.redacted,
        fingerprint: j.replacement.fingerprint,
        source: j.replacement.source,
      },
      replacementSecret: this.value,
      targetsStored: this.req.targets.filter((t) => j.targetsDone.includes(targetId(t))),
      storesStored: this.extraStores.filter((s) => j.targetsDone.includes(s.id)).map((s) => s.label),
      manual: [...j.manual],
      incident: this.session.incident,
      journal: j,
      ...(this.notOurs ? { notOurs: true } : {}),
    };
  }

  /** Records the failed step (when this run still holds the lock) and returns the error to throw. */
  async fail(err: unknown): Promise<Error> {
    if (err instanceof RotationLockedError) return err;
    const step = err instanceof RotationError ? err.step : this.current;
    const msg = scrub(messageOf(err), this.known);
    const url = this.session.incident.url;
    this.j.status = 'failed';
    this.j.steps.push({ step, status: 'failed', at: this.iso(), runId: this.req.runId, error: msg });
    try {
      await this.session.save({ release: true });
    } catch (saveErr) {
      this.log(`could not record the failure in the incident: ${scrub(messageOf(saveErr), this.known)}`);
    }
    const transient = err instanceof RotationError ? err.transient : isTransient(err);
    this.log(`rotation stopped at step "${step}": ${msg}`);
    return new RotationError(
      step,
      `rotation of ${this.p.displayName} key ${this.req.leaked.redacted} stopped at step "${step}": ${msg}. ` +
        `The journal in ${url} records what was done; re-run to finish (no second replacement will be made).`,
      transient,
      url,
    );
  }
}
