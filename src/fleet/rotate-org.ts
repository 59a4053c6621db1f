/**
 * `fleet rotate`: one rotation per live key across the whole organisation, after every shard was
 * swept (docs/fleet.md, "Across shards"). The sweep jobs (`fleet sweep --seal`) verified the keys
 * and left each live one in their results only sealed (./transfer.ts); this step, in the report job:
 *
 * 1. reads every shard's result files and keeps only those the plan listed in that shard (the
 *    report's trust checks, ./planned.ts): a sealed key in any other file is ignored, with a warning;
 * 2. opens each sealed key under this plan's binding (its id and rules key, the shard, the
 *    repository, the fingerprint): one that does not open (moved from another repository, finding or
 *    night; tampered; sealed with another secret) is no key: warned, that finding's rotation failed;
 * 3. checks that the opened key has the finding's fingerprint and is a key of the central config's
 *    rules (the detector finds it whole), and verifies it again with its provider: a key revoked
 *    since is not rotated;
 * 4. hands every sighting of every live key, whatever shard found it, to the rotation at once
 *    (./rotate.ts groups them by fingerprint: every place is preflighted, and the key is disabled
 *    only after all of them hold the replacement);
 * 5. writes each outcome (redacted) back into the result files it came from, so `fleet report`
 *    shows it; the sealed keys stay, so running this step again (a re-run) finishes a rotation that
 *    stopped, from its journal.
 */
import { lstat } from 'node:fs/promises';
import type { KeyguardConfig } from '../config/load.js';
import { detectorOptionsFrom } from '../config/wiring.js';
import { Detector } from '../scan/detector.js';
import { fingerprint, Secret, scrub } from '../scan/secret.js';
import type { Finding } from '../types.js';
import { readFleetJson, writeFleetJson } from './files.js';
import { type PlannedRepos, plannedOf, untrustedReason } from './planned.js';
import { holdsKey, resultFiles } from './report.js';
import type { FleetSighting } from './sweep.js';
import type { TransferSeal } from './transfer.js';
import type { FleetFinding, FleetRepoResult, FleetRotation } from './types.js';
import { ShapeError, validateResult } from './validate.js';

export interface OrgRotateInput {
  dirs: readonly string[];
  /** The plan (its id is what every seal is bound to). */
  plan: PlannedRepos;
  seal: TransferSeal;
  /** The central config: its rules say what a key is. */
  config: KeyguardConfig;
  /** Asks each key's provider again (sets `verification`). */
  verify: (findings: Finding[]) => Promise<void>;
  /** ./rotate.ts `rotateFleetKeys`, bound to the central job's token, config and admin keys. */
  rotate: (batch: FleetSighting[]) => Promise<Map<string, Map<string, FleetRotation>>>;
  /** Told every key opened, before any line about it (the action masks it). */
  mask: (value: string) => void;
  log: (line: string) => void;
  warn: (line: string) => void;
}

export interface OrgRotateOutcome {
  /** Result files read, trusted, and rewritten with outcomes. */
  files: number;
  trusted: number;
  written: number;
  /** Sealed keys opened, and keys handed to the rotation (live again). */
  opened: number;
  rotating: number;
  /** Sealed keys not used, and why (the file names them). */
  ignored: { file: string; reason: string }[];
  /** Files that could not be read as results. */
  errors: { file: string; reason: string }[];
  /** Outcomes written, by status (plus `revoked`: found revoked again, not rotated). */
  counts: Record<string, number>;
}

interface Loaded {
  file: string;
  result: FleetRepoResult;
  /**
   * Per finding index: the opened key (a Finding, and whether the sweep saw it on the default branch),
   * or why there is none.
   */
  keys: Map<number, { finding: Finding; onDefaultBranch: boolean } | { why: string }>;
}

const failed = (detail: string): FleetRotation => ({ status: 'failed', detail: detail.slice(0, 500) });

/** A Finding for an opened key, located where the sweep found it; the rule from the central config's detector. */
function findingOf(f: FleetFinding, key: string, det: Detector): Finding | undefined {
  const hit = det.scan(key).find((k) => k.key === key);
  if (!hit) return undefined;
  const secret = new Secret(key);
  return {
    ruleId: hit.ruleId,
    provider: hit.provider,
    candidates: hit.candidates,
    description: hit.description,
    file: f.file,
    line: f.line,
    column: f.column ?? 1,
    secret,
    redacted: secret.redacted,
    fingerprint: f.fingerprint,
    source: f.seenIn.includes('tree') ? 'tree' : 'history',
    ...(f.commit ? { commit: { sha: f.commit, author: '', email: '', date: '' } } : {}),
  };
}

export async function rotateOrg(input: OrgRotateInput): Promise<OrgRotateOutcome> {
  const out: OrgRotateOutcome = {
    files: 0,
    trusted: 0,
    written: 0,
    opened: 0,
    rotating: 0,
    ignored: [],
    errors: [],
    counts: {},
  };
  const det = new Detector(detectorOptionsFrom(input.config));
  const loaded: Loaded[] = [];
  const opened: Secret[] = [];
  for (const dir of input.dirs) {
    for (const file of await resultFiles(dir)) {
      out.files++;
      let result: FleetRepoResult;
      try {
        if ((await lstat(file)).isSymbolicLink())
          throw new ShapeError('it is a symbolic link: results are read only from regular files');
        result = validateResult(await readFleetJson(file), { sealed: true, warn: input.warn });
        if (holdsKey(result))
          throw new ShapeError('it holds a whole key (results carry redacted forms only)');
      } catch (err) {
        out.errors.push({ file, reason: String((err as Error).message ?? err).slice(0, 500) });
        continue;
      }
      const sealedCount = result.findings.filter((f) => f.sealed).length;
      const why = untrustedReason(input.plan, result, { dir, file });
      if (why) {
        if (sealedCount) out.ignored.push({ file, reason: `${sealedCount} sealed key(s) not used: ${why}` });
        continue;
      }
      out.trusted++;
      if (!sealedCount) continue;
      const planned = plannedOf(input.plan, result.repository)!;
      const entry: Loaded = { file, result, keys: new Map() };
      result.findings.forEach((f, i) => {
        if (!f.sealed) return;
        const binding = {
          planId: input.plan.planId!,
          rulesKey: planned.rulesKey,
          shard: planned.shard,
          repository: planned.repository,
          fingerprint: f.fingerprint,
        };
        const open = input.seal.open(binding, f.sealed);
        if (!open) {
          entry.keys.set(i, {
            why: 'its sealed key did not open under tonight’s plan (moved from another repository, finding or night, changed, or sealed with another secret): no key, not rotated; the next sweep seals it again',
          });
          return;
        }
        input.mask(open.key);
        const secret = new Secret(open.key);
        opened.push(secret);
        if (fingerprint(open.key) !== f.fingerprint) {
          entry.keys.set(i, {
            why: 'its sealed key is not the finding’s (another fingerprint): not rotated',
          });
          return;
        }
        const finding = findingOf(f, open.key, det);
        if (!finding) {
          entry.keys.set(i, { why: 'its sealed key is no key of the central config’s rules: not rotated' });
          return;
        }
        out.opened++;
        entry.keys.set(i, { finding, onDefaultBranch: open.onDefaultBranch });
      });
      loaded.push(entry);
    }
  }
  for (const l of loaded)
    for (const [i, k] of l.keys)
      if ('why' in k) {
        const f = l.result.findings[i]!;
        out.ignored.push({ file: l.file, reason: `${f.redacted}: ${k.why}` });
      }

  // Each key asked once, again: a key revoked since the sweep is not rotated.
  const all = loaded.flatMap((l) => [...l.keys.values()].flatMap((k) => ('finding' in k ? [k.finding] : [])));
  if (all.length) await input.verify(all);

  // Every sighting of every live key, in every repository of every shard: one batch.
  const byRepo = new Map<string, FleetSighting>();
  const order: string[] = [];
  for (const l of loaded) {
    for (const k of l.keys.values()) {
      if (!('finding' in k) || k.finding.verification?.status !== 'live') continue;
      const repo = plannedOf(input.plan, l.result.repository)!.repository;
      let s = byRepo.get(repo.toLowerCase());
      if (!s) {
        s = { repository: repo, findings: [], onDefaultBranch: new Set<string>() };
        byRepo.set(repo.toLowerCase(), s);
        order.push(repo.toLowerCase());
      }
      if (!s.findings.some((x) => x.fingerprint === k.finding.fingerprint && x.file === k.finding.file))
        s.findings.push(k.finding);
      if (k.onDefaultBranch) (s.onDefaultBranch as Set<string>).add(k.finding.fingerprint);
    }
  }
  const batch = order.map((r) => byRepo.get(r)!);
  out.rotating = new Set(batch.flatMap((b) => b.findings.map((f) => f.fingerprint))).size;
  let outcomes = new Map<string, Map<string, FleetRotation>>();
  if (batch.length) {
    try {
      outcomes = await input.rotate(batch);
    } catch (err) {
      const why = scrub(String((err as Error)?.message ?? err), opened).replace(/[\x00-\x1f\x7f]/g, ' ');
      input.warn(`fleet rotate: the rotation stopped: ${why}`);
      for (const b of batch)
        outcomes.set(
          b.repository,
          new Map(
            b.findings.map((f) => [
              f.fingerprint,
              failed(`rotation stopped (${why.slice(0, 300)}); re-run to finish`),
            ]),
          ),
        );
    }
  }
  const said = (text: string) => {
    let t = scrub(text, opened);
    for (const k of det.scan(t)) t = t.split(k.key).join(new Secret(k.key).redacted);
    return t.replace(/[\x00-\x1f\x7f]/g, ' ').slice(0, 500);
  };

  // The outcomes into the files they came from: `fleet report` shows them.
  const outcomesByRepo = new Map([...outcomes].map(([r, per]) => [r.toLowerCase(), per]));
  for (const l of loaded) {
    const repo = plannedOf(input.plan, l.result.repository)!.repository.toLowerCase();
    const per = outcomesByRepo.get(repo);
    l.result.findings = l.result.findings.map((f, i) => {
      const k = l.keys.get(i);
      if (!k) return f;
      const { rotation: prior, ...rest } = f;
      let next: FleetFinding;
      if ('why' in k) next = { ...f, rotation: failed(k.why) };
      else {
        const v = k.finding.verification?.status;
        if (v === 'live') {
          const r =
            per?.get(f.fingerprint) ?? failed('the rotation gave no outcome for this key (re-run to finish)');
          next = { ...rest, verification: { status: 'live' }, rotation: { ...r, detail: said(r.detail) } };
        } else if (v === 'revoked') {
          // Revoked since the sweep: by an earlier run of this step (its outcome stands), or by hand.
          next =
            prior && (prior.status === 'rotated' || prior.status === 'contained')
              ? f
              : { ...rest, verification: { status: 'revoked' } };
        } else
          next = {
            ...rest,
            verification: { status: 'unknown' },
            rotation: failed(
              'its provider did not say whether it is still live when asked again: not rotated (re-run to finish)',
            ),
          };
      }
      const status =
        next.verification?.status === 'revoked' && !next.rotation ? 'revoked' : next.rotation?.status;
      if (status) out.counts[status] = (out.counts[status] ?? 0) + 1;
      return next;
    });
    await writeFleetJson(l.file, l.result);
    out.written++;
  }
  return out;
}

/** 2 when a file was unusable or any outcome is `failed` (a re-run finishes), else 0. */
export function orgRotateExitCode(o: OrgRotateOutcome): 0 | 2 {
  return o.errors.length || o.counts.failed ? 2 : 0;
}
