/**
 * Job-summary Markdown ($GITHUB_STEP_SUMMARY): verdict, one table per file with links to the blob
 * and the commit, what to do next, and warnings. Kept far under GitHub's 1 MiB limit: rows stop at
 * a byte budget and a line counts what was left out (the SARIF and JSON reports hold everything).
 */
import type { RepoContext } from '../github/types.js';
import { forMarkdown, forMarkdownCode, forMarkdownUrl } from '../text/inert.js';
import type { Finding } from '../types.js';
import {
  adviceText,
  countFindings,
  formatCount,
  groupByFile,
  plural,
  providerName,
  type ReportData,
  safeText,
  shortDate,
  shortSha,
  urgency,
  verdict,
} from './common.js';

export interface SummaryOptions {
  /** Links are added when given; `sha` is the commit the run scanned. */
  repo?: Pick<RepoContext, 'owner' | 'repo' | 'serverUrl' | 'sha'>;
  /** Budget for the whole summary, in bytes (default 512 KiB; GitHub's limit is 1 MiB per step). */
  maxBytes?: number;
  /** How to make a baseline with this tool's interface, shown in "what to do next". */
  baselineHint?: string;
  /**
   * What this run's rotation did, when it ran: the summary then leads with it (a heading that says
   * what happened, the rotation table first) instead of the scan's ❌, and "what to do next" does not
   * ask to rotate keys keyguard has already replaced or disabled.
   */
  rotation?: SummaryRotation;
  /** Markdown placed after the findings (e.g. the audit's charts); already inert. */
  appendix?: string;
}

/** The rotation as the summary needs it: counts, the keys it handled, and its table (already inert). */
export interface SummaryRotation {
  replaced: number;
  /** Leaked keys disabled with no replacement by API. */
  contained: number;
  stillLive: number;
  failed: number;
  /** Fingerprints of the keys the provider no longer accepts after this run. */
  handled: ReadonlySet<string>;
  /** The rotation table, rendered by the caller. */
  table: string;
}

export const DEFAULT_SUMMARY_BYTES = 512 * 1024;
const MAX_WARNINGS = 50;
/** Room kept for the "left out" line, next steps and warnings after the tables. */
const TAIL_RESERVE = 16 * 1024;

/** Text safe inside a Markdown table cell or link text: `forMarkdown`, under its old name. */
export const escapeMarkdown = forMarkdown;

/** Each segment percent-encoded; `forMarkdownUrl` then encodes the `()'` that encodeURIComponent keeps. */
function encodePath(path: string): string {
  return path
    .split('/')
    .map((s) => encodeURIComponent(s))
    .join('/');
}

function repoBase(repo: NonNullable<SummaryOptions['repo']>): string {
  return `${repo.serverUrl.replace(/\/+$/, '')}/${encodeURIComponent(repo.owner)}/${encodeURIComponent(repo.repo)}`;
}

function verdictCell(f: Finding): string {
  const v = verdict(f);
  if (v === 'live') return '🔴 **live**';
  if (v === 'revoked') return 'revoked';
  if (v === 'unknown') return '❔ unknown';
  return 'not checked';
}

function row(f: Finding, opts: SummaryOptions, fixColumn = false): string {
  const loc = `${forMarkdown(f.file)}:${f.line}`;
  // A git finding (history, or a pull request's or push's range) is at its line in the commit that
  // introduced it: the file may be gone at the scanned commit (added then removed in the same PR).
  const sha = f.commit && (f.source === 'history' || f.source === 'range') ? f.commit.sha : opts.repo?.sha;
  const url =
    opts.repo && sha && forMarkdownUrl(`${repoBase(opts.repo)}/blob/${sha}/${encodePath(f.file)}#L${f.line}`);
  const where = url ? `[${loc}](${url})` : loc;
  let commit = '';
  if (f.commit) {
    const short = opts.repo
      ? `[${shortSha(f.commit.sha)}](${repoBase(opts.repo)}/commit/${f.commit.sha})`
      : `\`${shortSha(f.commit.sha)}\``;
    commit = `${short} by ${forMarkdown(f.commit.author)}, ${forMarkdown(shortDate(f.commit.date))}`;
    if (f.source === 'history') commit += ' (history)';
  }
  const cells = [
    where,
    forMarkdownCode(f.ruleId),
    forMarkdown(providerName(f.provider)),
    forMarkdownCode(f.redacted),
    verdictCell(f),
    commit,
  ];
  if (fixColumn) cells.push(f.advice ? forMarkdown(safeText(adviceText(f.advice), [f])) : '');
  return `| ${cells.join(' | ')} |`;
}

const TABLE_HEAD =
  '| Location | Rule | Provider | Key | Verification | Introduced by |\n|---|---|---|---|---|---|';
/** With a "Replace with" column: some finding has context advice (a Dockerfile, a manifest...). */
const TABLE_HEAD_FIX =
  '| Location | Rule | Provider | Key | Verification | Introduced by | Replace with |\n|---|---|---|---|---|---|---|';

function header(data: ReportData, rotation?: SummaryRotation): string {
  const c = countFindings(data.findings);
  if (rotation && rotation.replaced + rotation.contained + rotation.stillLive + rotation.failed > 0)
    return rotationHeader(data, rotation);
  if (c.findings === 0) return '## ✅ keyguard: no leaked keys';
  const live = c.live ? `, ${formatCount(c.live)} live` : '';
  return `## ❌ keyguard: ${plural(c.findings, 'leaked key')} in ${plural(c.files, 'file')}${live}`;
}

/** What happened first: keys still live, then failures, then what was contained and replaced. */
function rotationHeader(data: ReportData, r: SummaryRotation): string {
  const c = countFindings(data.findings);
  const done: string[] = [];
  if (r.replaced) done.push(`${formatCount(r.replaced)} replaced`);
  if (r.contained) done.push(`${formatCount(r.contained)} disabled with no replacement`);
  const handled = done.length ? done.join(', ') : 'none contained';
  if (r.stillLive || r.failed || c.live) {
    const bad: string[] = [];
    if (r.stillLive || c.live) bad.push(`${plural(Math.max(r.stillLive, c.live), 'key')} STILL LIVE`);
    if (r.failed) bad.push(`${plural(r.failed, 'rotation')} failed`);
    return `## ❌ keyguard: ${bad.join(', ')} (${handled})`;
  }
  return `## 🛡️ keyguard: leak contained: ${handled}, none still live`;
}

function scanned(data: ReportData): string | undefined {
  const s = data.stats;
  const parts: string[] = [];
  if (s?.files !== undefined) parts.push(`Scanned ${plural(s.files, 'file')}`);
  if (s?.commits) parts.push(plural(s.commits, 'commit'));
  if (s?.suppressed) parts.push(`${formatCount(s.suppressed)} suppressed by the allowlist`);
  if (data.baselined) parts.push(`${formatCount(data.baselined)} accepted in the baseline`);
  return parts.length ? `${parts.join(' · ')}.` : undefined;
}

function nextSteps(data: ReportData, opts: SummaryOptions): string {
  const c = countFindings(data.findings);
  const baseline =
    opts.baselineHint ??
    'record them in a baseline file (see `docs/config.md`, "Baseline"): they stop failing the check';
  const lines = ['### What to do next', ''];
  const handled = opts.rotation?.handled;
  const open = handled ? data.findings.filter((f) => !handled.has(f.fingerprint)) : data.findings;
  if (handled && open.length < data.findings.length && c.live === 0) {
    const n = data.findings.length - open.length;
    lines.push(
      `1. **Done by keyguard:** ${plural(n, 'finding')} ${n === 1 ? 'is' : 'are'} no longer accepted by the provider${opts.rotation?.replaced ? ' and the replacement is stored in your secrets' : ''}. Work through the incident's checklist (places no API reaches: other CI stores, cloud secret managers, running deployments)${open.length ? `; rotate the other ${plural(open.length, 'key')} at the provider` : ''}.`,
    );
  } else if (c.live) {
    lines.push(
      `1. **Rotate the ${plural(c.live, 'live key')} now** at the provider (or with keyguard's rotate mode), and store the new key as a GitHub secret. Removing the line from the code does not revoke a key.`,
    );
  } else {
    lines.push(
      '1. **Rotate each key** at the provider, even if it looks revoked or unverified, and store the new key as a GitHub secret.',
    );
  }
  lines.push(
    '2. **Remove it from the code**, and from the git history if the repository is or was shared (`git filter-repo --replace-text`; forks and clones keep old copies).',
    '3. **Check the provider usage** for calls you did not make while the key was exposed.',
    `4. **Accepted findings** (test keys, documentation): ${baseline}, or add their fingerprint to \`allowlist.fingerprints\` in \`.keyguard.yml\`.`,
  );
  return lines.join('\n');
}

function warningsSection(data: ReportData): string | undefined {
  const warnings = data.warnings ?? [];
  if (warnings.length === 0) return undefined;
  const lines = ['### Warnings', ''];
  for (const w of warnings.slice(0, MAX_WARNINGS)) {
    const where = w.file
      ? `${forMarkdownCode(`${w.file}${w.line ? `:${w.line}` : ''}`, { table: false })}: `
      : '';
    lines.push(`- ${where}${forMarkdown(safeText(w.message, data.findings))}`);
  }
  if (warnings.length > MAX_WARNINGS)
    lines.push(`- …and ${plural(warnings.length - MAX_WARNINGS, 'more warning')}`);
  return lines.join('\n');
}

export function renderSummary(data: ReportData, opts: SummaryOptions = {}): string {
  const budget = (opts.maxBytes ?? DEFAULT_SUMMARY_BYTES) - TAIL_RESERVE;
  const parts: string[] = [header(data, opts.rotation)];
  const s = scanned(data);
  if (s) parts.push(s);
  if (opts.rotation) parts.push(opts.rotation.table);
  let used = Buffer.byteLength(parts.join('\n\n'));
  let shown = 0;
  let truncated = false;
  const fixColumn = data.findings.some((f) => f.advice);
  // Files holding the most urgent keys first, so truncation drops the least important rows.
  const groups = groupByFile(data.findings)
    .map(([file, list]) => ({ file, list, rank: Math.min(...list.map(urgency)) }))
    .sort((a, b) => a.rank - b.rank || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  for (const { file, list: findings } of groups) {
    if (truncated) break;
    const rows: string[] = [];
    let block = `#### ${forMarkdownCode(file, { table: false })}\n\n${fixColumn ? TABLE_HEAD_FIX : TABLE_HEAD}\n`;
    let size = Buffer.byteLength(block) + 2;
    for (const f of findings) {
      const r = row(f, opts, fixColumn);
      const rs = Buffer.byteLength(r) + 1;
      if (used + size + rs > budget) {
        truncated = true;
        break;
      }
      rows.push(r);
      size += rs;
    }
    if (rows.length === 0) break;
    block += rows.join('\n');
    parts.push(block);
    used += size;
    shown += rows.length;
  }
  const left = data.findings.length - shown;
  if (left > 0) {
    const files = new Set(data.findings.map((f) => f.file)).size;
    parts.push(
      `> [!NOTE]\n> ${plural(left, 'more finding')} not shown here to keep this summary small (${plural(files, 'file')} in all): see the SARIF upload (Security tab) or the JSON report for the full list.`,
    );
  }
  if (opts.appendix) parts.push(opts.appendix.trim());
  if (data.findings.length > 0) parts.push(nextSteps(data, opts));
  const w = warningsSection(data);
  if (w) parts.push(w);
  return `${parts.join('\n\n')}\n`;
}
