/**
 * The journal as kept in the incident issue, with the lock that stops two runs rotating one key.
 * Issue updates are not atomic, so the lock is taken by write → wait → re-read: the run whose lock
 * survives the re-read holds it. Every later write re-reads first and stops if the lock was lost.
 */
import { randomBytes } from 'node:crypto';
import type { IncidentRecord, IncidentStore, RepoContext, SecretTarget } from '../github/types.js';
import { RotationLockedError } from '../rotate/errors.js';
import type { Finding } from '../types.js';
import { tickedIn } from './checklist.js';
import {
  addManual,
  type Journal,
  type JournalStep,
  newJournal,
  openJournal,
  parseJournal,
  type StepName,
  type StepStatus,
} from './journal.js';
import { incidentTitle, locationOf, renderIncident } from './render.js';
import { type StateSeal, UNVERIFIED_JOURNAL_NOTE } from './seal.js';

export interface SessionOptions {
  incidents: IncidentStore;
  fingerprint: string;
  redacted: string;
  provider: string;
  providerName: string;
  mode: 'disable' | 'rotate';
  runId: string;
  now: () => Date;
  /** Verifies journals read back and seals those written (see seal.ts). */
  seal: StateSeal;
  /** Where a journal that was ignored is mentioned (no content of it is repeated). */
  log?: (line: string) => void;
  /** A lock older than this is stale and may be taken over (default 30 min, at most 6 h). */
  lockTtlMs: number;
  /** Wait between writing the lock and re-reading it (default 1.5 s; tiny in tests). */
  lockSettleMs: number;
  sleep: (ms: number) => Promise<void>;
  finding?: Finding;
  repo?: RepoContext;
  targets?: SecretTarget[];
  stores?: readonly { id: string; label: string }[];
  auditMarkdown?: string;
}

export const DEFAULT_LOCK_TTL_MS = 30 * 60_000;
export const DEFAULT_LOCK_SETTLE_MS = 1_500;
/** No lock lives longer than this, whatever the configuration says. */
export const MAX_LOCK_TTL_MS = 6 * 60 * 60_000;
/** A lock dated further ahead than this is invalid (no honest run writes the future). */
export const LOCK_CLOCK_SKEW_MS = 2 * 60_000;

export class JournalSession {
  /** Checklist ids people ticked, as last read from the issue (see checklist.ts). */
  private ticked: Set<string>;

  private constructor(
    private readonly o: SessionOptions,
    private record: IncidentRecord,
    readonly journal: Journal,
  ) {
    this.ticked = tickedIn(record.body);
  }

  get incident(): { number: number; url: string } {
    return { number: this.record.number, url: this.record.url };
  }

  /**
   * Reads the journal without writing anything (dry runs, incidents of revoked keys): null unless
   * keyguard's own identity wrote the issue (the store sees to that) and the journal's seal verifies.
   */
  static async peek(
    incidents: IncidentStore,
    fingerprint: string,
    seal: StateSeal,
    log?: (line: string) => void,
  ): Promise<Journal | null> {
    const rec = await incidents.find(fingerprint);
    if (!rec) return null;
    const opened = openJournal(rec.body, seal, { fingerprint });
    if (opened.status === 'unsealed') log?.(ignoredLine(rec.number));
    return opened.status === 'sealed' ? opened.journal : null;
  }

  /**
   * The journal of keyguard's own incident as DATA, sealed or not: only for decisions that change no
   * key by themselves (whether to re-verify a revoked key and move its incident on). Where no seal can
   * be made (DeepSeek: no admin key, no state-key) this is the only journal there is.
   */
  static async peekUnverified(incidents: IncidentStore, fingerprint: string): Promise<Journal | null> {
    const rec = await incidents.find(fingerprint);
    return rec ? parseJournal(rec.body) : null;
  }

  /** Finds or opens the incident and takes the lock, or throws RotationLockedError. */
  static async open(o: SessionOptions): Promise<JournalSession> {
    const nowIso = () => o.now().toISOString();
    const existing = await o.incidents.find(o.fingerprint);
    const opened = existing
      ? openJournal(existing.body, o.seal, { fingerprint: o.fingerprint, provider: o.provider })
      : ({ status: 'none' } as const);
    const journal =
      opened.status === 'sealed'
        ? opened.journal
        : newJournal({
            fingerprint: o.fingerprint,
            redacted: o.redacted,
            provider: o.provider,
            mode: o.mode,
            now: nowIso(),
          });
    if (existing && opened.status === 'unsealed' && o.seal.mac(o.provider, '') !== undefined) {
      // Treated as no journal: nothing it says is acted on; a human hears what may be left over.
      o.log?.(ignoredLine(existing.number));
      addManual(journal, UNVERIFIED_JOURNAL_NOTE);
    }
    if (existing) assertFree(journal, o, existing.url);
    const nonce = randomBytes(16).toString('hex');
    journal.lock = { runId: o.runId, at: nowIso(), nonce };
    journal.mode = o.mode;
    if (!journal.runs.includes(o.runId)) journal.runs.push(o.runId);
    if (o.finding) {
      const loc = locationOf(o.finding);
      if (
        !journal.locations.some((l) => l.file === loc.file && l.line === loc.line && l.commit === loc.commit)
      )
        journal.locations.push(loc);
      if (o.finding.verification) journal.detectedVerification ??= o.finding.verification;
    }
    journal.updatedAt = nowIso();
    // People's ticks on the checklist of keyguard's own issue (find() returns no other) survive.
    const body = render(o, journal, tickedIn(existing?.body));
    const record = existing
      ? await o.incidents.update(existing.number, body)
      : await o.incidents.create(o.fingerprint, incidentTitle(o.providerName, o.redacted), body);
    // A closed incident whose key is being rotated again (it leaked again, or a re-run): reopen it
    // when the store can, so its history stays in one place.
    const reopen = (o.incidents as { reopen?: (n: number, c?: string) => Promise<void> }).reopen;
    if (existing?.state === 'closed' && typeof reopen === 'function')
      await reopen.call(
        o.incidents,
        existing.number,
        `Reopened by run ${o.runId}: the key is being rotated again.`,
      );
    await o.sleep(o.lockSettleMs);
    const again = await o.incidents.find(o.fingerprint);
    const holder = again ? trustedLock(o, again.body, nonce) : undefined;
    if (!again || again.number !== record.number || holder?.runId !== o.runId) {
      // Two runs opened an incident at once: ours is the duplicate. Close it to leave one.
      if (!existing && again && again.number !== record.number)
        await o.incidents.close(record.number, `Duplicate of #${again.number} (opened by a concurrent run).`);
      throw lockedError(o, holder, again?.url ?? record.url);
    }
    return new JournalSession(o, again, journal);
  }

  /**
   * Appends a step and writes the journal. Before a step that changes the world (`started`) and
   * when releasing, the lock is re-read first: a run that lost it stops there.
   */
  async step(
    step: StepName,
    status: StepStatus,
    extra: { detail?: string; error?: string } = {},
    opts: { release?: boolean } = {},
  ): Promise<void> {
    const entry: JournalStep = {
      step,
      status,
      at: this.o.now().toISOString(),
      runId: this.o.runId,
      ...extra,
    };
    this.journal.steps.push(entry);
    await this.save({ release: opts.release, checkLock: status === 'started' || opts.release === true });
  }

  async save(opts: { release?: boolean; checkLock?: boolean } = {}): Promise<void> {
    if (opts.checkLock !== false && (opts.checkLock || opts.release)) {
      const current = await this.o.incidents.find(this.o.fingerprint);
      const lock = current ? trustedLock(this.o, current.body, this.journal.lock?.nonce) : undefined;
      if (current && lock && lock.runId !== this.o.runId)
        throw lockedError(this.o, lock, current.url, 'lost the lock while rotating');
      // Re-read anyway: a box ticked while this run works is kept too.
      if (current?.number === this.record.number) this.ticked = tickedIn(current.body);
    }
    if (opts.release) delete this.journal.lock;
    this.journal.updatedAt = this.o.now().toISOString();
    this.record = await this.o.incidents.update(
      this.record.number,
      render(this.o, this.journal, this.ticked),
    );
  }

  async comment(text: string): Promise<void> {
    await this.o.incidents.comment(this.record.number, text);
  }

  render(): string {
    return render(this.o, this.journal, this.ticked);
  }
}

function render(o: SessionOptions, journal: Journal, ticked: ReadonlySet<string>): string {
  return renderIncident({
    ticked,
    journal,
    providerName: o.providerName,
    finding: o.finding,
    repo: o.repo,
    targets: o.targets,
    stores: o.stores,
    auditMarkdown: o.auditMarkdown,
    seal: o.seal,
  });
}

function ignoredLine(issue: number): string {
  return (
    `incident #${issue}: its journal is not sealed by keyguard (edited, written by another workflow, ` +
    'or sealed with a key that has changed): ignored, as if there were none'
  );
}

/**
 * The lock in `body` that counts: a sealed journal's. Where no seal can be made at all (no state key
 * and no admin key for this provider) only this run's own lock is recognised, by its nonce; any other
 * lock is text anyone could have written, so it counts for nothing (and without a key no two runs are
 * kept apart: the setups without one have no admin API to change keys with either).
 */
function trustedLock(o: SessionOptions, body: string, ownNonce: string | undefined): Journal['lock'] {
  const opened = openJournal(body, o.seal, { fingerprint: o.fingerprint, provider: o.provider });
  if (opened.status === 'sealed') return opened.journal.lock;
  if (o.seal.mac(o.provider, '') !== undefined || !ownNonce) return undefined;
  const lock = parseJournal(body)?.lock;
  return lock && lock.runId === o.runId && lock.nonce === ownNonce ? lock : undefined;
}

/**
 * Whether a lock held by another run still stands: dated no further ahead than clock skew allows,
 * and younger than its lifetime. An unreadable date, or one from the future, is no lock at all.
 */
export function lockHolds(
  lock: { at: string } | undefined,
  nowMs: number,
  ttlMs: number = DEFAULT_LOCK_TTL_MS,
): boolean {
  if (!lock || typeof lock.at !== 'string') return false;
  const age = nowMs - Date.parse(lock.at);
  if (!Number.isFinite(age) || age < -LOCK_CLOCK_SKEW_MS) return false;
  return age < Math.min(ttlMs, MAX_LOCK_TTL_MS);
}

function assertFree(journal: Journal, o: SessionOptions, url: string): void {
  const lock = journal.lock;
  if (!lock || lock.runId === o.runId) return;
  if (lockHolds(lock, o.now().getTime(), o.lockTtlMs)) throw lockedError(o, lock, url);
  if (Date.parse(lock.at) - o.now().getTime() > LOCK_CLOCK_SKEW_MS)
    o.log?.(`incident: a lock dated in the future (run ${lock.runId}) is invalid: taken over`);
}

function lockedError(
  o: SessionOptions,
  lock: { runId: string; at: string } | undefined,
  url: string,
  what = 'is already being rotated',
): RotationLockedError {
  const by = lock ? ` by run ${lock.runId} (since ${lock.at})` : ' by another run';
  return new RotationLockedError(
    `${o.providerName} key ${o.redacted} ${what}${by}: this run stopped${what === 'is already being rotated' ? ' without changing anything at the provider' : ''}. ` +
      `Wait for that run to finish, or re-run after the lock expires (${Math.round(o.lockTtlMs / 60_000)} min). Incident: ${url}`,
    lock?.runId,
    url,
  );
}
