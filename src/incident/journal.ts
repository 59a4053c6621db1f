/**
 * The rotation journal: a machine-readable record of the saga kept in the incident issue body as
 * `<!-- keyguard-journal\n{json}\n-->`. A re-run reads it to finish the job without creating a
 * second replacement. It holds fingerprints, redacted forms and KeyRefs only: never a key value.
 */
import type { KeyRef } from '../providers/types.js';
import type { Liveness, Verification } from '../types.js';
import { canonicalJson, type StateSeal } from './seal.js';

export type StepName =
  | 'plan'
  | 'create'
  | 'store'
  | 'verify-new'
  | 'disable'
  | 'verify-old'
  | 'cleanup-orphan'
  /** After containment: stores drop every version that holds the leaked key (src/stores). */
  | 'retire'
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
  /** `nonce`: random per session, so a run knows its own lock even where no seal can be made. */
  lock?: { runId: string; at: string; nonce?: string };
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
  /** Target ids (see `targetId`) and store ids (SecretStore.id) that hold the current replacement. */
  targetsDone: string[];
  /** What the saga found in each configured store (holds, other key: left alone, retired versions). */
  storeNotes?: string[];
  /** Store ids whose old versions were retired after containment. */
  storesRetired?: string[];
  /**
   * Store ids a replacement of this incident was sent to, written before the put: a lost answer can
   * leave one holding a replacement the journal does not record as stored. Never cleared.
   */
  storesAttempted?: string[];
  /** Replacements created by an earlier run whose value was lost, deleted at the provider. */
  orphans: {
    ref: KeyRef;
    fingerprint: string;
    deleted: boolean;
    at: string;
    /** Not proven at the provider to be ours: left to a human (a manual step), never retried. */
    leftToHuman?: boolean;
  }[];
  /** Policy parts, and steps, that need a human. */
  manual: string[];
  policy?: { name: string; enforced: string[]; notEnforced: string[] };
  steps: JournalStep[];
  updatedAt: string;
}

const OPEN = '<!-- keyguard-journal';
const CLOSE = '\n-->';
/** The block's first line: the opener, then the seal when there is one. */
const HEAD = /<!-- keyguard-journal(?: mac=([0-9a-f]{64}))?\n/;

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

/**
 * The journal block to embed in an issue body, sealed when `seal` can (see seal.ts). `-->` cannot
 * occur inside: JSON escapes `>`.
 */
export function serializeJournal(journal: Journal, seal?: StateSeal): string {
  const json = JSON.stringify(journal, null, 1).replace(/>/g, '\\u003e');
  const mac = seal?.mac(journal.provider, sealedText(journal));
  return `${OPEN}${mac ? ` mac=${mac}` : ''}\n${json}${CLOSE}`;
}

/** What the seal covers: the journal's canonical JSON, under a purpose label. */
function sealedText(journal: Journal): string {
  return `keyguard-journal\0${canonicalJson(journal)}`;
}

/**
 * Reads the journal block back as DATA: null when there is none or it is unreadable. It is not
 * authenticated: code that decides anything from a journal uses `openJournal`.
 */
export function parseJournal(body: string): Journal | null {
  const block = readBlock(body);
  return block ? withDefaults(block.journal) : null;
}

function withDefaults(j: Journal): Journal {
  j.runs ??= [];
  j.locations ??= [];
  j.targetsDone ??= [];
  j.orphans ??= [];
  j.manual ??= [];
  j.steps ??= [];
  return j;
}

function readBlock(body: string): { journal: Journal; mac?: string } | null {
  const head = HEAD.exec(body);
  if (!head) return null;
  const from = head.index + head[0].length;
  const end = body.indexOf(CLOSE, from);
  if (end < 0) return null;
  try {
    const j = JSON.parse(body.slice(from, end)) as Journal;
    if (j?.version !== 1 || typeof j.fingerprint !== 'string' || typeof j.provider !== 'string') return null;
    return { journal: j, mac: head[1] };
  } catch {
    return null;
  }
}

export type OpenedJournal =
  | { status: 'sealed'; journal: Journal }
  /** A block is there but its seal is missing or wrong, or it is for another key or provider. */
  | { status: 'unsealed' }
  | { status: 'none' };

/**
 * The journal of an issue body, only when its seal verifies and it is the journal of `expect`'s key
 * (and provider, when given). Anything else is no journal: its content is never looked at further.
 */
export function openJournal(
  body: string,
  seal: StateSeal,
  expect: { fingerprint: string; provider?: string },
): OpenedJournal {
  const block = readBlock(body);
  if (!block) return { status: body.includes(OPEN) ? 'unsealed' : 'none' };
  const j = block.journal;
  const provider = expect.provider ?? j.provider;
  if (
    !block.mac ||
    j.fingerprint !== expect.fingerprint ||
    j.provider !== provider ||
    !seal.verify(provider, sealedText(j), block.mac)
  )
    return { status: 'unsealed' };
  return { status: 'sealed', journal: withDefaults(j) };
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
