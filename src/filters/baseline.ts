/**
 * Baselines: accepted findings, recorded by fingerprint so they stop failing the build. The file
 * holds fingerprints and redacted keys only, never a key, and is sorted so it diffs cleanly.
 */
import { ConfigError } from '../config/errors.js';
import { readRegularFile } from '../files/read-regular.js';
import { writeReportFile } from '../files/write-report.js';
import type { Finding } from '../types.js';

export interface BaselineEntry {
  fingerprint: string;
  ruleId: string;
  file: string;
  line: number;
  redacted: string;
}

export interface Baseline {
  version: 1;
  /** ISO 8601. */
  createdAt: string;
  findings: BaselineEntry[];
}

const FINGERPRINT = /^[0-9a-f]{32}$/;

function compareEntries(a: BaselineEntry, b: BaselineEntry): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  if (a.line !== b.line) return a.line - b.line;
  if (a.ruleId !== b.ruleId) return a.ruleId < b.ruleId ? -1 : 1;
  return a.fingerprint < b.fingerprint ? -1 : a.fingerprint > b.fingerprint ? 1 : 0;
}

/** Builds the baseline for findings: one entry per fingerprint+location, in a stable order. */
export function buildBaseline(findings: readonly Finding[], now: Date = new Date()): Baseline {
  const seen = new Set<string>();
  const entries: BaselineEntry[] = [];
  for (const f of findings) {
    const id = `${f.fingerprint}\0${f.file}\0${f.line}`;
    if (seen.has(id)) continue;
    seen.add(id);
    // Field by field: a Finding carries the Secret, which must not reach the file.
    entries.push({
      fingerprint: f.fingerprint,
      ruleId: f.ruleId,
      file: f.file,
      line: f.line,
      redacted: f.redacted,
    });
  }
  entries.sort(compareEntries);
  return { version: 1, createdAt: now.toISOString(), findings: entries };
}

/** The file's text: fixed key order, two-space indent, trailing newline. */
export function serializeBaseline(baseline: Baseline): string {
  const findings = baseline.findings.map((e) => ({
    fingerprint: e.fingerprint,
    ruleId: e.ruleId,
    file: e.file,
    line: e.line,
    redacted: e.redacted,
  }));
  return `${JSON.stringify({ version: 1, createdAt: baseline.createdAt, findings }, null, 2)}\n`;
}

/** Writes a baseline of `findings` to `path` and returns it. */
export async function writeBaseline(
  path: string,
  findings: readonly Finding[],
  opts?: { now?: Date },
): Promise<Baseline> {
  const baseline = buildBaseline(findings, opts?.now);
  await writeReportFile(path, serializeBaseline(baseline));
  return baseline;
}

/** Parses and validates baseline text; a ConfigError names the file and what is wrong. */
export function parseBaseline(text: string, file = 'baseline'): Baseline {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(`baseline is not valid JSON (${(err as Error).message})`, file);
  }
  const bad = (what: string): never => {
    throw new ConfigError(
      `baseline ${what}; expected {"version": 1, "createdAt": "...", "findings": [{"fingerprint", "ruleId", "file", "line", "redacted"}]} as written by keyguard`,
      file,
    );
  };
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return bad('is not a JSON object');
  const obj = data as Record<string, unknown>;
  if (obj.version !== 1) return bad(`has version ${JSON.stringify(obj.version) ?? 'missing'}, not 1`);
  if (!Array.isArray(obj.findings)) return bad('has no "findings" list');
  const findings: BaselineEntry[] = obj.findings.map((raw, i) => {
    const e = (raw ?? {}) as Record<string, unknown>;
    if (typeof e.fingerprint !== 'string' || !FINGERPRINT.test(e.fingerprint)) {
      return bad(`findings[${i}].fingerprint is not 32 lowercase hex characters`);
    }
    return {
      fingerprint: e.fingerprint,
      ruleId: typeof e.ruleId === 'string' ? e.ruleId : '',
      file: typeof e.file === 'string' ? e.file : '',
      line: typeof e.line === 'number' ? e.line : 0,
      redacted: typeof e.redacted === 'string' ? e.redacted : '',
    };
  });
  return { version: 1, createdAt: typeof obj.createdAt === 'string' ? obj.createdAt : '', findings };
}

/** Reads a baseline file; a missing or malformed file is a ConfigError. */
export async function readBaseline(
  path: string,
  opts?: { within?: readonly string[]; withinName?: string },
): Promise<Baseline> {
  let text: string;
  try {
    text = await readRegularFile(path, opts);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? 'baseline file not found' : `cannot read the baseline: ${(err as Error).message}`;
    throw new ConfigError(why, path);
  }
  return parseBaseline(text, path);
}

/**
 * True when the finding's key is in the baseline, wherever it now appears (matching is by fingerprint).
 * A short key's fingerprint is no longer the v1 SHA-256 (see `fingerprint`): its v1 one still matches.
 */
export function baselineMatcher(baseline: Baseline): (f: Finding) => boolean {
  const known = new Set(baseline.findings.map((e) => e.fingerprint));
  return (f) => known.has(f.fingerprint) || matchesLegacy(known, f);
}

/** The v1 fingerprint of a short key (never published; only compared here). */
export function matchesLegacy(known: ReadonlySet<string>, f: Finding): boolean {
  const legacy = f.secret.legacyFingerprint?.();
  return legacy !== undefined && known.has(legacy);
}
