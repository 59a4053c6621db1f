/**
 * Machine-readable report. Every object is built field by field from the finding, so no key can
 * ride along in a field added to Finding later.
 */
import { forJson } from '../text/inert.js';
import type { CommitInfo, Finding, FindingAdvice, ScanWarning, Verification } from '../types.js';
import { countFindings, type ReportData, safeText, sortByLocation, TOOL_NAME } from './common.js';

/** Bumped when a field is removed or changes meaning (adding fields keeps the version). */
export const JSON_REPORT_VERSION = 1;

export interface JsonOptions {
  /** keyguard's version, e.g. from package.json. */
  version: string;
  /** Pretty-print (2 spaces); default true. */
  pretty?: boolean;
}

export interface JsonFinding {
  ruleId: string;
  provider: string;
  candidates: string[];
  description: string;
  file: string;
  line: number;
  column: number;
  redacted: string;
  fingerprint: string;
  source: Finding['source'];
  encoding?: 'base64';
  message?: string;
  /** What should replace the literal, from the context it was found in (Dockerfile, manifest...). */
  advice?: FindingAdvice;
  commit?: CommitInfo;
  verification?: Verification;
  /** `linked`: a credential found beside AI keys, reported but never verified or rotated. */
  kind?: 'linked';
}

export interface JsonReport {
  version: number;
  tool: { name: string; version: string };
  summary: {
    findings: number;
    files: number;
    live: number;
    revoked: number;
    unknown: number;
    unverified: number;
    suppressed: number;
    baselined: number;
    scannedFiles?: number;
    scannedBytes?: number;
    commits?: number;
    durationMs?: number;
  };
  findings: JsonFinding[];
  warnings: ScanWarning[];
}

function commitOf(c: CommitInfo): CommitInfo {
  const out: CommitInfo = { sha: c.sha, author: c.author, email: c.email, date: c.date };
  if (c.laterCommits !== undefined) out.laterCommits = c.laterCommits;
  return out;
}

function verificationOf(v: Verification, f: Finding): Verification {
  const out: Verification = {
    status: v.status,
    provider: v.provider,
    endpoint: v.endpoint,
    detail: safeText(v.detail, [f]),
    checkedAt: v.checkedAt,
  };
  if (v.httpStatus !== undefined) out.httpStatus = v.httpStatus;
  if (v.errorCode !== undefined) out.errorCode = v.errorCode;
  if (v.restricted !== undefined) out.restricted = v.restricted;
  return out;
}

function adviceOf(a: FindingAdvice, f: Finding): FindingAdvice {
  const out: FindingAdvice = { context: a.context, where: safeText(a.where, [f]), fix: safeText(a.fix, [f]) };
  if (a.name !== undefined) out.name = safeText(a.name, [f]);
  return out;
}

export function toJsonFinding(f: Finding): JsonFinding {
  const out: JsonFinding = {
    ruleId: f.ruleId,
    provider: f.provider,
    candidates: [...f.candidates],
    description: f.description,
    file: f.file,
    line: f.line,
    column: f.column,
    redacted: f.redacted,
    fingerprint: f.fingerprint,
    source: f.source,
  };
  if (f.encoding) out.encoding = f.encoding;
  if (f.message) out.message = safeText(f.message, [f]);
  if (f.advice) out.advice = adviceOf(f.advice, f);
  if (f.commit) out.commit = commitOf(f.commit);
  if (f.verification) out.verification = verificationOf(f.verification, f);
  if (f.kind) out.kind = f.kind;
  return out;
}

export function buildJsonReport(data: ReportData, opts: JsonOptions): JsonReport {
  const c = countFindings(data.findings);
  const s = data.stats ?? {};
  const summary: JsonReport['summary'] = {
    ...c,
    suppressed: s.suppressed ?? 0,
    baselined: data.baselined ?? 0,
  };
  if (s.files !== undefined) summary.scannedFiles = s.files;
  if (s.bytes !== undefined) summary.scannedBytes = s.bytes;
  if (s.commits !== undefined) summary.commits = s.commits;
  if (s.durationMs !== undefined) summary.durationMs = s.durationMs;
  return {
    version: JSON_REPORT_VERSION,
    tool: { name: TOOL_NAME, version: opts.version },
    summary,
    findings: sortByLocation(data.findings).map(toJsonFinding),
    warnings: (data.warnings ?? []).map((w) => {
      const out: ScanWarning = { message: safeText(w.message, data.findings) };
      if (w.file !== undefined) out.file = w.file;
      if (w.line !== undefined) out.line = w.line;
      return out;
    }),
  };
}

export function renderJson(data: ReportData, opts: JsonOptions): string {
  return `${forJson(JSON.stringify(buildJsonReport(data, opts), null, opts.pretty === false ? undefined : 2))}\n`;
}
