/**
 * Shape checks for the fleet's files (see ./types.ts): each returns the value typed, or throws a
 * message naming the first field that is wrong. Names go through ./names.ts (they become paths, URLs
 * and table cells); strings are bounded, so a file cannot smuggle a megabyte into a Markdown cell.
 */
import { isBranchName, isFullName, isRefName } from './repo-names.js';
import { PLAN_ID, SEALED } from './transfer.js';
import {
  FLEET_FORMAT,
  type FleetFinding,
  type FleetRepoResult,
  type FleetRotation,
  type FleetShard,
  type FleetState,
  ROTATION_STATUSES,
} from './types.js';

export class ShapeError extends Error {}

type Obj = Record<string, unknown>;

function obj(v: unknown, at: string): Obj {
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw new ShapeError(`${at} is not an object`);
  return v as Obj;
}

function str(v: unknown, at: string, max = 1024): string {
  if (typeof v !== 'string') throw new ShapeError(`${at} is not a string`);
  if (v.length > max) throw new ShapeError(`${at} is longer than ${max} characters`);
  return v;
}

function optStr(v: unknown, at: string, max = 1024): string | undefined {
  return v === undefined ? undefined : str(v, at, max);
}

function time(v: unknown, at: string): string {
  const s = str(v, at, 40);
  if (Number.isNaN(Date.parse(s))) throw new ShapeError(`${at} is not a time`);
  return s;
}

function timeOrNull(v: unknown, at: string): string | null {
  return v === null || v === undefined ? null : time(v, at);
}

/**
 * Clocks differ a little (GitHub's, the runners'): a time read from a file may be this far ahead of
 * ours. Beyond it, the time is invalid: a `sweptAt` in the future would keep a repository "fresh"
 * for `--max-age` forever, so no time a file gives counts (as coverage or as anything else) when it
 * is later than now plus this.
 */
export const MAX_CLOCK_SKEW_MS = 10 * 60_000;

/** What the readers below are told: the time "now" is (tests), and where to say what they set aside. */
export interface ReadOptions {
  now?: Date;
  warn?: (line: string) => void;
  /** `fleet rotate` only: keep each finding's `sealed` key (every other reader drops it). */
  sealed?: boolean;
}

function later(t: string | null, o: ReadOptions): boolean {
  return t !== null && Date.parse(t) > (o.now ?? new Date()).getTime() + MAX_CLOCK_SKEW_MS;
}

const EPOCH = new Date(0).toISOString();

function count(v: unknown, at: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw new ShapeError(`${at} is not a count`);
  return v;
}

function positive(v: unknown, at: string): number {
  if (!Number.isInteger(v) || (v as number) < 1) throw new ShapeError(`${at} is not a positive whole number`);
  return v as number;
}

function fullName(v: unknown, at: string): string {
  if (!isFullName(v)) throw new ShapeError(`${at} is not owner/name`);
  return v;
}

function branch(v: unknown, at: string): string {
  if (!isBranchName(v)) throw new ShapeError(`${at} is not a branch name`);
  return v;
}

function shardNumber(v: unknown, at: string): number {
  if (!Number.isInteger(v) || (v as number) < 1 || (v as number) > 256)
    throw new ShapeError(`${at} is not a number from 1 to 256`);
  return v as number;
}

const SHA = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;
const RULES_KEY = /^[0-9a-f]{16,128}$/;

function rulesKey(v: unknown, at: string): string {
  if (typeof v !== 'string' || !RULES_KEY.test(v)) throw new ShapeError(`${at} is not a rules key`);
  return v;
}

function format(v: unknown, at: string): typeof FLEET_FORMAT {
  if (v !== FLEET_FORMAT)
    throw new ShapeError(`${at} is ${JSON.stringify(v)?.slice(0, 20)}, not fleet format ${FLEET_FORMAT}`);
  return FLEET_FORMAT;
}

/** ref → sha, refs under `refs/`, no controls. */
export function coveredRefs(v: unknown, at: string): Record<string, string> {
  const o = obj(v, at);
  const out: Record<string, string> = {};
  for (const [ref, sha] of Object.entries(o)) {
    if (!isRefName(ref)) throw new ShapeError(`${at} has a ref that is not a ref name`);
    if (typeof sha !== 'string' || !SHA.test(sha)) throw new ShapeError(`${at}[${ref}] is not a commit id`);
    out[ref] = sha;
  }
  return out;
}

/** A state entry's carried findings: the result's finding shape, plus when each was found. */
function stateFindingsOf(
  r: Obj,
  at: string,
  repository: string,
  o: ReadOptions,
): Pick<FleetState['repos'][string], 'findings' | 'findingsDropped'> {
  if (r.findings === undefined) return {};
  if (!Array.isArray(r.findings)) throw new ShapeError(`${at}.findings is not a list`);
  if (r.findings.length > 1000) throw new ShapeError(`${at}.findings has more than 1,000 entries`);
  const findings = r.findings.map((f, i) => {
    const fat = `${at}.findings[${i}]`;
    const raw = (f as Obj | null)?.foundOn;
    // Normalised: the date goes into Markdown cells and SARIF as written here.
    let foundOn = raw !== undefined ? new Date(time(raw, `${fat}.foundOn`)).toISOString() : undefined;
    if (foundOn && later(foundOn, o)) {
      o.warn?.(`${fat}.foundOn is in the future: the night it was found is unknown (shown as ${EPOCH})`);
      foundOn = EPOCH;
    }
    return { ...finding(f, fat, repository), ...(foundOn !== undefined ? { foundOn } : {}) };
  });
  return {
    findings,
    ...(r.findingsDropped !== undefined
      ? { findingsDropped: count(r.findingsDropped, `${at}.findingsDropped`) }
      : {}),
  };
}

/**
 * A repository's entry whose `sweptAt` or `pushedAt` is in the future (beyond MAX_CLOCK_SKEW_MS) is
 * not coverage: its heads, `pushed_at` and time are dropped (the next plan lists it again and the
 * sweep reads its whole history), and its findings are kept (the report still carries them).
 */
export function validateState(v: unknown, opts: ReadOptions = {}): FleetState {
  const o = obj(v, 'the state');
  const repos: FleetState['repos'] = {};
  for (const [name, e] of Object.entries(obj(o.repos, 'repos'))) {
    const at = `repos[${JSON.stringify(name).slice(0, 120)}]`;
    fullName(name, at);
    const r = obj(e, at);
    const entry = {
      pushedAt: timeOrNull(r.pushedAt, `${at}.pushedAt`),
      defaultBranch: branch(r.defaultBranch, `${at}.defaultBranch`),
      covered: coveredRefs(r.covered, `${at}.covered`),
      sweptAt: time(r.sweptAt, `${at}.sweptAt`),
      ...stateFindingsOf(r, at, name, opts),
    };
    const future = (['sweptAt', 'pushedAt'] as const).filter((k) => later(entry[k], opts));
    if (future.length) {
      opts.warn?.(
        `${at}.${future.join(' and ')} in the future: not coverage (the repository is swept again, its whole history read)`,
      );
      Object.assign(entry, { pushedAt: null, covered: {}, sweptAt: EPOCH });
    }
    repos[name] = entry;
  }
  // Checked in this order (the first field that is wrong is the one named).
  const head = {
    format: format(o.format, 'format'),
    org: str(o.org, 'org', 39),
    rulesKey: rulesKey(o.rulesKey, 'rulesKey'),
  };
  let updatedAt = time(o.updatedAt, 'updatedAt');
  if (later(updatedAt, opts)) {
    opts.warn?.('updatedAt is in the future: not a time (read as never)');
    updatedAt = EPOCH;
  }
  return { ...head, updatedAt, repos };
}

/** A `pushed_at` a file gives: in the future, it is no time (null: never equal to the listing's). */
function pushedAtOf(v: unknown, at: string, o: ReadOptions): string | null {
  const t = timeOrNull(v, at);
  if (!later(t, o)) return t;
  o.warn?.(`${at} is in the future: not coverage (read as unknown; the repository is swept again)`);
  return null;
}

export function validateShard(v: unknown, opts: ReadOptions = {}): FleetShard {
  const o = obj(v, 'the shard');
  const shard = shardNumber(o.shard, 'shard');
  if (!Array.isArray(o.repos)) throw new ShapeError('repos is not a list');
  // One organisation per shard, each repository once: GitHub's names are case-insensitive, so a
  // hand-written shard's `acme/App` and `ACME/app` are one repository (the first spelling is kept).
  const repos: string[] = [];
  const seen = new Set<string>();
  o.repos.forEach((r, i) => {
    const name = fullName(r, `repos[${i}]`);
    const owner = name.split('/')[0]!;
    const org = repos[0]?.split('/')[0];
    if (org && owner.toLowerCase() !== org.toLowerCase())
      throw new ShapeError(`repos[${i}] is of "${owner}", not "${org}": a shard sweeps one organisation`);
    if (seen.has(name.toLowerCase())) return;
    seen.add(name.toLowerCase());
    repos.push(name);
  });
  let known: FleetShard['known'];
  if (o.known !== undefined) {
    known = {};
    for (const [name, e] of Object.entries(obj(o.known, 'known'))) {
      const at = `known[${JSON.stringify(name).slice(0, 120)}]`;
      fullName(name, at);
      const k = obj(e, at);
      known[name] = {
        defaultBranch: branch(k.defaultBranch, `${at}.defaultBranch`),
        covered: coveredRefs(k.covered, `${at}.covered`),
        ...(k.pushedAt !== undefined ? { pushedAt: pushedAtOf(k.pushedAt, `${at}.pushedAt`, opts) } : {}),
        ...(k.sizeKb !== undefined ? { sizeKb: count(k.sizeKb, `${at}.sizeKb`) } : {}),
      };
    }
  }
  if (o.planId !== undefined && (typeof o.planId !== 'string' || !PLAN_ID.test(o.planId)))
    throw new ShapeError('planId is not a plan id (32 hex digits)');
  return {
    format: format(o.format, 'format'),
    shard,
    repos,
    ...(known ? { known } : {}),
    rulesKey: rulesKey(o.rulesKey, 'rulesKey'),
    ...(o.planId !== undefined ? { planId: o.planId as string } : {}),
  };
}

const SEEN = new Set(['tree', 'history']);
const STATUS = new Set(['live', 'revoked', 'unknown']);

function finding(v: unknown, at: string, repository: string, keepSealed = false): FleetFinding {
  const f = obj(v, at);
  const repo = fullName(f.repository, `${at}.repository`);
  if (repo !== repository) throw new ShapeError(`${at}.repository is not the result's repository`);
  if (!Number.isInteger(f.line) || (f.line as number) < 0)
    throw new ShapeError(`${at}.line is not a line number`);
  const commit = optStr(f.commit, `${at}.commit`, 64);
  if (commit !== undefined && !SHA.test(commit)) throw new ShapeError(`${at}.commit is not a commit id`);
  if (!Array.isArray(f.seenIn) || f.seenIn.length === 0 || f.seenIn.some((s) => !SEEN.has(s as string)))
    throw new ShapeError(`${at}.seenIn is not a list of tree/history`);
  const fingerprint = str(f.fingerprint, `${at}.fingerprint`, 128);
  if (!/^[A-Za-z0-9:_-]{8,128}$/.test(fingerprint))
    throw new ShapeError(`${at}.fingerprint is not a fingerprint`);
  let verification: FleetFinding['verification'];
  if (f.verification !== undefined) {
    const vv = obj(f.verification, `${at}.verification`);
    if (!STATUS.has(vv.status as string))
      throw new ShapeError(`${at}.verification.status is not live/revoked/unknown`);
    verification = {
      status: vv.status as 'live' | 'revoked' | 'unknown',
      ...(vv.detail !== undefined ? { detail: str(vv.detail, `${at}.verification.detail`, 500) } : {}),
    };
  }
  let rotation: FleetFinding['rotation'];
  if (f.rotation !== undefined) {
    const rv = obj(f.rotation, `${at}.rotation`);
    if (!(ROTATION_STATUSES as readonly unknown[]).includes(rv.status))
      throw new ShapeError(`${at}.rotation.status is not one of ${ROTATION_STATUSES.join('/')}`);
    const incident = optStr(rv.incident, `${at}.rotation.incident`, 500);
    if (incident !== undefined && !/^https?:\/\/[^\s]+$/.test(incident))
      throw new ShapeError(`${at}.rotation.incident is not a URL`);
    rotation = {
      status: rv.status as FleetRotation['status'],
      detail: str(rv.detail, `${at}.rotation.detail`, 500),
      ...(incident !== undefined ? { incident } : {}),
    };
  }
  if (f.inlineAllowed !== undefined && typeof f.inlineAllowed !== 'boolean')
    throw new ShapeError(`${at}.inlineAllowed is not true or false`);
  const inlineAllowed = f.inlineAllowed === true ? (true as const) : undefined;
  if (f.sealed !== undefined && (typeof f.sealed !== 'string' || !SEALED.test(f.sealed)))
    throw new ShapeError(`${at}.sealed is not a sealed key`);
  const sealed = keepSealed && typeof f.sealed === 'string' ? f.sealed : undefined;
  return {
    repository: repo,
    file: str(f.file, `${at}.file`, 4096),
    line: f.line as number,
    ...(commit !== undefined ? { commit } : {}),
    ruleId: str(f.ruleId, `${at}.ruleId`, 200),
    fingerprint,
    redacted: str(f.redacted, `${at}.redacted`, 200),
    seenIn: [...new Set(f.seenIn as ('tree' | 'history')[])],
    ...(f.column !== undefined ? { column: positive(f.column, `${at}.column`) } : {}),
    ...(f.provider !== undefined ? { provider: str(f.provider, `${at}.provider`, 100) } : {}),
    ...(verification ? { verification } : {}),
    ...(rotation ? { rotation } : {}),
    ...(inlineAllowed ? { inlineAllowed } : {}),
    ...(sealed ? { sealed } : {}),
  };
}

export function validateResult(v: unknown, opts: ReadOptions = {}): FleetRepoResult {
  const o = obj(v, 'the result');
  const repository = fullName(o.repository, 'repository');
  const status = o.status;
  if (status !== 'scanned' && status !== 'failed') throw new ShapeError('status is not scanned or failed');
  if (!Array.isArray(o.findings)) throw new ShapeError('findings is not a list');
  if (o.findings.length > 100_000) throw new ShapeError('findings has more than 100,000 entries');
  const s = obj(o.stats, 'stats');
  return {
    format: format(o.format, 'format'),
    repository,
    status,
    ...(o.reason !== undefined ? { reason: str(o.reason, 'reason', 2000) } : {}),
    rulesKey: rulesKey(o.rulesKey, 'rulesKey'),
    ...(o.defaultBranch !== undefined ? { defaultBranch: branch(o.defaultBranch, 'defaultBranch') } : {}),
    ...(o.covered !== undefined ? { covered: coveredRefs(o.covered, 'covered') } : {}),
    ...(o.pushedAt !== undefined ? { pushedAt: pushedAtOf(o.pushedAt, 'pushedAt', opts) } : {}),
    ...(o.shard !== undefined ? { shard: shardNumber(o.shard, 'shard') } : {}),
    findings: o.findings.map((f, i) => finding(f, `findings[${i}]`, repository, opts.sealed === true)),
    stats: {
      commitsRead: count(s.commitsRead, 'stats.commitsRead'),
      blobsRead: count(s.blobsRead, 'stats.blobsRead'),
      bytesRead: count(s.bytesRead, 'stats.bytesRead'),
      ms: count(s.ms, 'stats.ms'),
    },
  };
}
