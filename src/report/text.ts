/**
 * Terminal report: findings grouped by file, one line each, then warnings and a summary line.
 * ANSI colour only when the caller asks (`process.stdout.isTTY && !noColor`).
 */
import { forLog } from '../text/inert.js';
import type { Finding } from '../types.js';
import {
  countFindings,
  findingNotes,
  formatBytes,
  formatCount,
  formatDuration,
  groupByFile,
  plural,
  type ReportData,
  safeText,
  shortDate,
  shortSha,
  verdict,
} from './common.js';

export interface TextOptions {
  color: boolean;
}

type Style = 'bold' | 'dim' | 'red' | 'yellow' | 'green' | 'cyan';
const CODES: Record<Style, [number, number]> = {
  bold: [1, 22],
  dim: [2, 22],
  red: [31, 39],
  yellow: [33, 39],
  green: [32, 39],
  cyan: [36, 39],
};

function painter(color: boolean) {
  return (text: string, ...styles: Style[]): string =>
    color && text ? styles.reduce((t, s) => `\x1b[${CODES[s][0]}m${t}\x1b[${CODES[s][1]}m`, text) : text;
}

/**
 * Control characters from file names, authors or messages could drive the terminal (and, when the
 * CLI runs in a workflow, the runner's command parser): shown as visible escapes, `::` broken.
 */
const clean = forLog;

function commitNote(f: Finding): string {
  if (!f.commit) return '';
  const c = f.commit;
  const who = c.author ? ` by ${clean(c.author)}` : '';
  const when = c.date ? `, ${shortDate(c.date)}` : '';
  const verb = f.source === 'history' ? 'in history at' : 'introduced in';
  const later = c.laterCommits ? `; still in ${plural(c.laterCommits, 'later commit')}` : '';
  return `(${verb} ${shortSha(c.sha)}${who}${when}${later})`;
}

export function renderText(data: ReportData, opts: TextOptions): string {
  const paint = painter(opts.color);
  const out: string[] = [];
  for (const [file, findings] of groupByFile(data.findings)) {
    out.push(paint(clean(file), 'bold'));
    const locs = findings.map((f) => `${f.line}:${f.column}`);
    const locWidth = Math.max(...locs.map((l) => l.length));
    const ruleIds = findings.map((f) => clean(f.ruleId));
    const ruleWidth = Math.max(...ruleIds.map((r) => r.length));
    const keyWidth = Math.max(...findings.map((f) => f.redacted.length));
    findings.forEach((f, i) => {
      const status = verdict(f);
      const cells = [
        paint(locs[i].padEnd(locWidth), 'dim'),
        paint(ruleIds[i].padEnd(ruleWidth), 'cyan'),
        f.redacted.padEnd(keyWidth),
      ];
      if (status === 'live') cells.push(paint('LIVE', 'red', 'bold'));
      else if (status === 'revoked') cells.push(paint('revoked', 'green'));
      else if (status === 'unknown') cells.push(paint('unknown', 'yellow'));
      const tags = [f.source === 'history' ? 'history' : '', f.encoding ?? ''].filter(Boolean);
      if (tags.length) cells.push(paint(`[${tags.join(', ')}]`, 'dim'));
      const note = commitNote(f);
      if (note) cells.push(paint(note, 'dim'));
      out.push(`  ${cells.join('  ')}`.trimEnd());
      for (const d of findingNotes(f))
        out.push(`  ${' '.repeat(locWidth)}  ${paint(`↳ ${clean(safeText(d, [f]))}`, 'dim')}`);
    });
    out.push('');
  }

  const warnings = data.warnings ?? [];
  if (warnings.length > 0) {
    out.push(paint(`${plural(warnings.length, 'warning')}:`, 'yellow'));
    for (const w of warnings) {
      const where = w.file ? `${clean(w.file)}${w.line ? `:${w.line}` : ''}: ` : '';
      out.push(`  ${where}${clean(safeText(w.message, data.findings))}`);
    }
    out.push('');
  }

  out.push(summaryLine(data, paint));
  return `${out.join('\n')}\n`;
}

function summaryLine(data: ReportData, paint: ReturnType<typeof painter>): string {
  const c = countFindings(data.findings);
  let head: string;
  if (c.findings === 0) head = paint('No leaked keys', 'green', 'bold');
  else {
    head = paint(`${plural(c.findings, 'leaked key')} in ${plural(c.files, 'file')}`, 'red', 'bold');
    if (c.findings > c.unverified) head += ` (${formatCount(c.live)} live)`;
  }
  const parts = [head];
  const s = data.stats;
  if (s && s.files !== undefined) {
    let scanned = plural(s.files, 'file');
    if (s.bytes !== undefined) scanned += `, ${formatBytes(s.bytes)}`;
    if (s.commits) scanned += `, ${plural(s.commits, 'commit')}`;
    if (s.durationMs !== undefined) scanned += ` in ${formatDuration(s.durationMs)}`;
    parts.push(scanned);
  }
  const dropped: string[] = [];
  if (s?.suppressed) dropped.push(`${formatCount(s.suppressed)} suppressed`);
  if (data.baselined) dropped.push(`${formatCount(data.baselined)} baselined`);
  if (dropped.length) parts.push(dropped.join(', '));
  return parts.join(' · ');
}
