/**
 * The fleet report in each format. Everything in it came from outside (repository names, file paths,
 * rule ids, failure reasons, verification details): each sink gets its own inert form
 * (../text/inert.ts): forLog for text, forMarkdown / forMarkdownCode for the job summary, forJson for
 * JSON, the SARIF reporter's own escaping for SARIF. Keys appear redacted only (the results hold
 * nothing else, and the report refuses a result that does).
 */
import { buildSarif, type SarifLog } from '../report/sarif.js';
import type { Secret } from '../scan/secret.js';
import { forJson, forLog, forMarkdown, forMarkdownCode, forMarkdownUrl } from '../text/inert.js';
import type { Finding } from '../types.js';
import { VERSION } from '../version.js';
import type { FleetReport } from './report.js';
import { verdictOf } from './report.js';
import { isSilenced, SILENCED_LABEL } from './silenced.js';
import type { FleetFinding } from './types.js';

export const FLEET_FORMATS = ['text', 'json', 'markdown', 'sarif'] as const;
export type FleetFormat = (typeof FLEET_FORMATS)[number];

/** GitHub shows at most 1 MiB of a step's summary: the tables stop well before. */
export const MAX_SUMMARY_FINDINGS = 300;
export const MAX_SUMMARY_REPOS = 500;

const n = (x: number) => x.toLocaleString('en-US');

export function renderJsonReport(r: FleetReport): string {
  return `${forJson(JSON.stringify(r, null, 2))}\n`;
}

export function renderTextReport(r: FleetReport): string {
  const s = r.summary;
  const lines = [
    `keyguard fleet${r.org ? ` ${r.org}` : ''}: ${n(s.repositories)} repositories (${n(s.scanned)} scanned, ${n(s.failed)} failed), ` +
      `${n(s.findings)} leaked key(s): ${n(s.live)} live, ${n(s.unknown + s.unverified)} unknown, ${n(s.revoked)} revoked` +
      (s.rotated || s.rotationFailed || r.findings.some((f) => f.rotation)
        ? `; rotation: ${n(s.rotated)} rotated, ${n(s.leftLive)} left live (${n(s.rotationFailed)} failed)`
        : ''),
  ];
  const line = (f: FleetFinding, label: string) => {
    const where = `${f.repository} ${f.file}:${f.line}`;
    const commit = f.commit ? ` commit ${f.commit.slice(0, 12)}` : '';
    lines.push(
      forLog(
        `${label.padEnd(10)} ${where}  ${f.ruleId}  ${f.redacted}  [${f.seenIn.join('+')}]${commit}${earlier(f)}${marks(f)}` +
          (f.rotation ? `  rotation: ${f.rotation.status}: ${f.rotation.detail}` : ''),
      ),
    );
  };
  for (const f of r.findings) if (!isSilenced(f)) line(f, verdictOf(f));
  if (s.silenced) {
    lines.push(`${n(s.silenced)} key(s) ${SILENCED_LABEL}:`);
    for (const f of r.findings) if (isSilenced(f)) line(f, 'SILENCED');
  }
  for (const f of r.failed) lines.push(forLog(`FAILED     ${f.repository}: ${f.reason}`));
  for (const e of r.errors) lines.push(forLog(`ERROR      ${e.file}: ${e.reason}`));
  for (const u of r.untrusted)
    lines.push(forLog(`UNTRUSTED  ${u.file} (${u.repository}): not coverage: ${u.reason}`));
  for (const note of r.notes) lines.push(forLog(`note: ${note}`));
  return `${lines.join('\n')}\n`;
}

/** What else a finding's line says: a live key despite an allow comment, a result outside the plan. */
function marks(f: FleetFinding): string {
  return (
    (f.inlineAllowed && !isSilenced(f) ? '  (inline allow comment ignored: live)' : '') +
    (f.outsidePlan ? '  (outside the plan: not coverage)' : '')
  );
}

/** A finding the state carried from an earlier night (not re-read tonight), with that night's date. */
function earlier(f: FleetFinding): string {
  return f.foundOn ? `  (earlier night: ${f.foundOn.slice(0, 10)})` : '';
}

const VERDICT_MD: Record<string, string> = {
  live: '🔴 live',
  unknown: '🟠 unknown',
  unverified: '⚪ unverified',
  revoked: '🟢 revoked',
};

/** The job summary: counts, repositories ranked by urgency, the most urgent findings, failures. */
export function renderMarkdownReport(r: FleetReport): string {
  const s = r.summary;
  const out: string[] = [
    `## keyguard fleet report${r.org ? `: ${forMarkdownCode(r.org, { table: false })}` : ''}`,
    '',
  ];
  const headline = s.leftLive
    ? `**${n(s.leftLive)} live key(s)** leaked across ${n(r.repositories.filter((x) => x.live > x.rotated).length)} repositories: revoke or rotate them first.${s.rotated ? ` ${n(s.rotated)} more were rotated by the sweep.` : ''}`
    : s.live
      ? `${n(s.live)} live key(s) leaked: every one rotated or contained by the sweep.`
      : s.findings
        ? `${n(s.findings)} leaked key(s), none verified live.`
        : s.silenced
          ? `No leaked key found, but ${n(s.silenced)} key(s) ${SILENCED_LABEL} (below).`
          : 'No leaked key found.';
  const rotating = r.findings.some((f) => f.rotation);
  out.push(headline, '');
  out.push(
    `${n(s.repositories)} repositories swept (${n(s.scanned)} scanned, ${n(s.failed)} failed), ${n(s.commitsRead)} commits read; ` +
      `${n(s.findings)} finding(s): ${n(s.live)} live, ${n(s.unknown)} unknown, ${n(s.unverified)} unverified, ${n(s.revoked)} revoked` +
      (s.carried ? ` (${n(s.carried)} found on earlier nights, still standing)` : '') +
      (s.silenced ? `; ${n(s.silenced)} ${SILENCED_LABEL}.` : '.'),
    '',
  );
  const open = r.findings.filter((f) => !isSilenced(f));
  const silenced = r.findings.filter(isSilenced);
  const withFindings = r.repositories.filter((x) => x.findings > 0);
  if (withFindings.length) {
    out.push('### Repositories, most urgent first', '');
    out.push(
      `| Repository | Live |${rotating ? ' Rotated |' : ''} Unknown | Unverified | Revoked | Findings |`,
      `| --- | ---: |${rotating ? ' ---: |' : ''} ---: | ---: | ---: | ---: |`,
    );
    for (const x of withFindings.slice(0, MAX_SUMMARY_REPOS))
      out.push(
        `| ${forMarkdownCode(x.repository)} | ${x.live} |${rotating ? ` ${x.rotated} |` : ''} ${x.unknown} | ${x.unverified} | ${x.revoked} | ${x.findings} |`,
      );
    if (withFindings.length > MAX_SUMMARY_REPOS)
      out.push(
        '',
        `… and ${n(withFindings.length - MAX_SUMMARY_REPOS)} more repositories (the JSON report has all).`,
      );
    out.push('');
    out.push('### Findings, most urgent first', '');
    out.push(
      `| Status | Repository | Location | Rule | Key | Seen in | Commit |${rotating ? ' Rotation |' : ''}`,
      `| --- | --- | --- | --- | --- | --- | --- |${rotating ? ' --- |' : ''}`,
    );
    for (const f of open.slice(0, MAX_SUMMARY_FINDINGS)) out.push(findingRow(f, rotating));
    if (open.length > MAX_SUMMARY_FINDINGS)
      out.push('', `… and ${n(open.length - MAX_SUMMARY_FINDINGS)} more findings (the JSON report has all).`);
    out.push('');
  }
  if (silenced.length) {
    // The swept repository's own comment: anyone who can push there can write it next to a key.
    out.push(`### ${n(silenced.length)} key(s) ${SILENCED_LABEL}`, '');
    out.push(
      'An inline `keyguard:allow` (or `gitleaks:allow`, `trufflehog:ignore`) on the key’s line: the repository says it is not a leak. The fleet does not take its word for it (none of these was verified live).',
      '',
    );
    out.push(
      '| Status | Repository | Location | Rule | Key | Seen in | Commit |',
      '| --- | --- | --- | --- | --- | --- | --- |',
    );
    for (const f of silenced.slice(0, MAX_SUMMARY_FINDINGS)) out.push(findingRow(f));
    if (silenced.length > MAX_SUMMARY_FINDINGS)
      out.push('', `… and ${n(silenced.length - MAX_SUMMARY_FINDINGS)} more (the JSON report has all).`);
    out.push('');
  }
  if (r.failed.length) {
    out.push(
      `### ${n(r.failed.length)} repositories failed (not covered: the next plan lists them again)`,
      '',
    );
    out.push('| Repository | Reason |', '| --- | --- |');
    for (const f of r.failed.slice(0, MAX_SUMMARY_REPOS))
      out.push(`| ${forMarkdownCode(f.repository)} | ${forMarkdown(f.reason).replace(/\|/g, '\\|')} |`);
    out.push('');
  }
  if (r.untrusted.length) {
    out.push(
      `### ${n(r.untrusted.length)} result file(s) not counted as coverage (not what the plan asked of that shard): review`,
      '',
    );
    for (const u of r.untrusted.slice(0, MAX_SUMMARY_REPOS))
      out.push(
        `- ${forMarkdownCode(u.file, { table: false })} (${forMarkdownCode(u.repository, { table: false })}): ${forMarkdown(u.reason)}`,
      );
    out.push('');
  }
  if (r.errors.length) {
    out.push(`### ${n(r.errors.length)} result file(s) could not be used`, '');
    for (const e of r.errors.slice(0, MAX_SUMMARY_REPOS))
      out.push(`- ${forMarkdownCode(e.file, { table: false })}: ${forMarkdown(e.reason)}`);
    out.push('');
  }
  for (const note of r.notes) out.push(`> ${forMarkdown(note)}`, '');
  return `${out.join('\n')}\n`;
}

const ROTATION_MD: Record<string, string> = {
  rotated: '✅ rotated',
  contained: '✅ contained',
  'dry-run': '📝 dry run',
  'still-live': '🔴 left live',
  skipped: '🔴 left live',
  failed: '❌ failed, re-run',
};

function rotationCell(f: FleetFinding): string {
  if (!f.rotation) return '—';
  const why = forMarkdown(f.rotation.detail).replace(/\|/g, '\\|');
  const url = f.rotation.incident ? forMarkdownUrl(f.rotation.incident) : undefined;
  const link = url ? ` ([incident](${url}))` : '';
  return `${ROTATION_MD[f.rotation.status] ?? forMarkdown(f.rotation.status)}: ${why}${link}`;
}

function findingRow(f: FleetFinding, rotating = false): string {
  const cell = (v: unknown) => forMarkdownCode(v);
  const mark =
    (f.inlineAllowed && !isSilenced(f) ? ' (inline allow comment ignored)' : '') +
    (f.outsidePlan ? ' (outside the plan)' : '');
  return `| ${VERDICT_MD[verdictOf(f)]}${mark} | ${cell(f.repository)} | ${cell(`${f.file}:${f.line}`)} | ${cell(f.ruleId)} | ${cell(f.redacted)} | ${f.seenIn.join(', ')}${f.foundOn ? ` (earlier night: ${f.foundOn.slice(0, 10)})` : ''} | ${f.commit ? cell(f.commit.slice(0, 12)) : '—'} |${rotating ? ` ${rotationCell(f)} |` : ''}`;
}

/**
 * What stands in for the key: the report never has it. `reveal()` is empty (nothing to scrub, nothing
 * to send); it prints as the redacted form like a Secret does.
 */
function redactedOnly(redacted: string): Secret {
  return {
    redacted,
    fingerprint: '',
    length: 0,
    reveal: () => '',
    toJSON: () => redacted,
    toString: () => redacted,
  } as unknown as Secret;
}

/** A fleet finding as the SARIF reporter's Finding (no key: `secret` holds the redacted form). */
function asFinding(f: FleetFinding): Finding {
  const provider = f.provider ?? f.ruleId.split(/[-_]/)[0] ?? 'unknown';
  return {
    ruleId: f.ruleId,
    provider,
    candidates: [provider],
    description: `Leaked ${f.ruleId} credential`,
    file: f.file,
    line: Math.max(1, f.line),
    column: f.column ?? 1,
    secret: redactedOnly(f.redacted),
    redacted: f.redacted,
    fingerprint: f.fingerprint,
    source: f.seenIn.includes('tree') ? 'tree' : 'history',
    ...(f.commit ? { commit: { sha: f.commit } as Finding['commit'] } : {}),
    ...(f.verification
      ? {
          verification: {
            status: f.verification.status,
            provider,
            detail: f.verification.detail ?? '',
          } as unknown as Finding['verification'],
        }
      : {}),
  } as Finding;
}

/** One SARIF log per repository (code scanning takes one per repository and commit). */
export function sarifByRepository(r: FleetReport): Map<string, SarifLog> {
  const by = new Map<string, FleetFinding[]>();
  // Unchanged repositories too: their findings come from the state (an upload of `all` sends them).
  for (const x of r.repositories) if (x.status !== 'failed') by.set(x.repository, []);
  // A result outside the plan is not the sweep's: its findings are in the report, never in the
  // SARIF sent to a repository's code scanning.
  for (const f of r.findings) if (!f.outsidePlan) by.get(f.repository)?.push(f);
  const out = new Map<string, SarifLog>();
  for (const [repo, findings] of by) {
    const log = buildSarif({ findings: findings.map(asFinding) }, { version: VERSION });
    const foundOn = new Map(findings.filter((f) => f.foundOn).map((f) => [f.fingerprint, f.foundOn!]));
    const silenced = new Set(findings.filter(isSilenced).map((f) => f.fingerprint));
    // The key's length is not known here (results hold redacted forms): no end column is claimed.
    for (const res of log.runs[0]!.results) {
      const region = res.locations[0]!.physicalLocation.region as Record<string, number>;
      delete region.endLine;
      delete region.endColumn;
      // Found on an earlier night and still standing (carried by the state): kept, so code scanning
      // does not close it as fixed when this night's analysis replaces the last one.
      const on = foundOn.get(res.partialFingerprints['keyguard/v1']!);
      if (on) (res.properties as Record<string, unknown>).foundOn = on;
      // Silenced by the repository's own comment: code scanning shows it as suppressed in source,
      // not as absent (a reviewer can still see and dismiss or reopen it).
      if (silenced.has(res.partialFingerprints['keyguard/v1']!)) {
        (res as Record<string, unknown>).suppressions = [
          {
            kind: 'inSource',
            justification: 'inline allow comment on the line in the repository (not verified live)',
          },
        ];
        (res.properties as Record<string, unknown>).inlineAllowed = true;
      }
    }
    out.set(repo, log);
  }
  return out;
}

export function renderSarifLog(log: SarifLog): string {
  return `${forJson(JSON.stringify(log, null, 2))}\n`;
}

export function renderReport(r: FleetReport, format: Exclude<FleetFormat, 'sarif'>): string {
  if (format === 'json') return renderJsonReport(r);
  if (format === 'markdown') return renderMarkdownReport(r);
  return renderTextReport(r);
}
