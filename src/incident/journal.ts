/**
 * The rotation journal: a machine-readable record of the saga kept in the incident issue body as
 * `<!-- keyguard-journal\n{json}\n-->`. A re-run reads it to finish the job without creating a
 * second replacement. It holds fingerprints, redacted forms and KeyRefs only: never a key value.
 */
import type { KeyRef } from '../providers/types.js';
import type { Liveness, Verification } from '../types.js';

export type StepName =
  | 'plan'
  | 'create'
  | 'store'
  | 'verify-new'
  | 'disable'
  | 'verify-old'
  | 'cleanup-orphan'
  | 'close';

export type StepStatus = 'started' | 'done' | 'failed' | 'skipped';

export interface JournalStep {
  step: StepName;
  status: StepStatus;
  /** ISO 8601. */
  at: string;
  runId: string;
  detail?: string;
  error?: string;
}

export type JournalStatus =
  | 'planned'
  | 'in-progress'
  | 'failed'
  /** Replacement stored and live, leaked key revoked. */
  | 'rotated'
  /** Leaked key revoked; the replacement is a human's job. */
  | 'contained'
  /** The leaked key could not be disabled by API: it stays live until a human acts. */
  | 'still-live';

export interface ReplacementRecord {
  ref: KeyRef;
  fingerprint: string;
  redacted: string;
  /** `created` by this saga, or a `standby` key promoted from `<NAME>_NEXT`. */
  source: 'created' | 'standby';
  at: string;
  /** Set once the replacement was seen live. */
  verifiedAt?: string;
}

export interface JournalLocation {
  file: string;
  line: number;
  ruleId?: string;
  commit?: string;
  author?: string;
  date?: string;
}

export interface Journal {
  version: 1;
  fingerprint: string;
  redacted: string;
  provider: string;
  mode: 'disable' | 'rotate';
  strategy?: string;
  status: JournalStatus;
  lock?: { runId: string; at: string };
  /** Every run that touched this incident, oldest first. */
  runs: string[];
  leakedRef?: KeyRef;
  leakedState?: Liveness;
  leakedVerification?: Verification;
  /** The verdict that confirmed the leak (from the scan's Finding), kept as evidence. */
  detectedVerification?: Verification;
  /** Where the key was seen (kept so a re-run without a Finding still renders them). */
  locations: JournalLocation[];
  /** Intended replacement name, written before `create` is called (for a crash inside create). */
  pendingCreateName?: string;
  replacement?: ReplacementRecord;
  replacementVerification?: Verification;
  /** Target ids (see `targetId`) that hold the current replacement. */
  targetsDone: string[];
  /** Replacements created by an earlier run whose value was lost, deleted at the provider. */
  orphans: { ref: KeyRef; fingerprint: string; deleted: boolean; at: string }[];
  /** Policy parts, and steps, that need a human. */
  manual: string[];
  policy?: { name: string; enforced: string[]; notEnforced: string[] };
  steps: JournalStep[];
  updatedAt: string;
}

const OPEN = '<!-- keyguard-journal\n';
const CLOSE = '\n-->';

export function newJournal(init: {
  fingerprint: string;
  redacted: string;
  provider: string;
  mode: 'disable' | 'rotate';
  now: string;
}): Journal {
  return {
    version: 1,
    fingerprint: init.fingerprint,
    redacted: init.redacted,
    provider: init.provider,
    mode: init.mode,
    status: 'planned',
    runs: [],
    locations: [],
    targetsDone: [],
    orphans: [],
    manual: [],
    steps: [],
    updatedAt: init.now,
  };
}

/** The journal block to embed in an issue body. `-->` cannot occur inside: JSON escapes `>`. */
export function serializeJournal(journal: Journal): string {
  const json = JSON.stringify(journal, null, 1).replace(/>/g, '\\u003e');
  return `${OPEN}${json}${CLOSE}`;
}

/** Reads the journal back from an issue body; null when there is none or it is unreadable. */
export function parseJournal(body: string): Journal | null {
  const start = body.indexOf(OPEN);
  if (start < 0) return null;
  const end = body.indexOf(CLOSE, start + OPEN.length);
  if (end < 0) return null;
  try {
    const j = JSON.parse(body.slice(start + OPEN.length, end)) as Journal;
    if (j?.version !== 1 || typeof j.fingerprint !== 'string') return null;
    j.runs ??= [];
    j.locations ??= [];
    j.targetsDone ??= [];
    j.orphans ??= [];
    j.manual ??= [];
    j.steps ??= [];
    return j;
  } catch {
    return null;
  }
}

/** The last recorded status of a step, if any. */
export function lastStep(journal: Journal, step: StepName): JournalStep | undefined {
  for (let i = journal.steps.length - 1; i >= 0; i--)
    if (journal.steps[i].step === step) return journal.steps[i];
  return undefined;
}

export function addManual(journal: Journal, ...items: string[]): void {
  for (const item of items) if (!journal.manual.includes(item)) journal.manual.push(item);
}
