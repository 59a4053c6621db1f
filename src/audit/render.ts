/**
 * Audit report → Markdown (incident issue, job summary), plain text, JSON, and a CSV of the
 * flagged requests. Strings that came from the logs (user agents, paths) are attacker-controlled:
 * they are shown inside code spans, shortened, and `|` escaped, so they cannot ping people, inject
 * HTML or break a table.
 */
import { forJson, forLog, forMarkdown, forMarkdownCode, forMarkdownUrl } from '../text/inert.js';
import { networksChart, requestsChart, statusChart } from './charts.js';
import type { AuditReport, FlaggedRequest } from './types.js';

export {
  bucketHours,
  chartBuckets,
  MAX_CHART_POINTS,
  networksChart,
  requestsChart,
  statusChart,
} from './charts.js';

function code(text: string | number | undefined, max = 80): string {
  if (text === undefined || text === '') return '—';
  let s = String(text).replace(/[\r\n\t]+/g, ' ');
  if (s.length > max) s = `${s.slice(0, max - 1)}…`;
  return forMarkdownCode(s);
}

/** A user agent: `(empty)` when the request sent none, `—` when the source does not record it. */
function uaCode(ua: string | undefined, max = 80): string {
  return ua === '' ? '(empty)' : code(ua, max);
}

function fmt(n: number): string {
  return Number.isInteger(n)
    ? n.toLocaleString('en-US')
    : n.toLocaleString('en-US', { maximumFractionDigits: 2 });
}

function usd(n: number): string {
  return `$${n.toFixed(n !== 0 && Math.abs(n) < 1 ? 4 : 2)}`;
}

function table(head: string[], rows: (string | number)[][]): string {
  const line = (cells: (string | number)[]) => `| ${cells.map((c) => String(c)).join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}

export interface MarkdownOptions {
  /** Title heading; default `Key usage audit`; `false` for none (e.g. under the incident's own heading). */
  title?: string | false;
  /** Level of the title heading (sections one deeper); default 2. Use 3 inside the incident's `### Audit`. */
  headingLevel?: number;
  /** Flagged requests listed in the table; default 20. */
  flaggedRows?: number;
}

export function renderMarkdown(r: AuditReport, opts: MarkdownOptions = {}): string {
  const out: string[] = [];
  const level = Math.min(5, Math.max(1, opts.headingLevel ?? 2));
  const h = '#'.repeat(level + 1);
  if (opts.title !== false) out.push(`${'#'.repeat(level)} ${opts.title ?? 'Key usage audit'}`, '');
  out.push(`**Verdict:** ${r.verdict}`, '');
  const hours = Math.round((Date.parse(r.window.end) - Date.parse(r.window.start)) / 3_600_000);
  out.push(
    `Window: ${r.window.start} → ${r.window.end} (${hours} h)` +
      (r.leakTime ? ` · Leak: ${r.leakTime}` : '') +
      ` · Sources: ${r.sources.map((s) => `${code(s.source, 60)} (${s.resolution})`).join(', ') || 'none'}`,
    '',
  );

  out.push(`${h} Totals`, '');
  const t = r.totals;
  if (r.beforeAfter) {
    const { before: b, after: a } = r.beforeAfter;
    out.push(
      table(
        ['', 'Before leak', 'After leak'],
        [
          ['Hours', fmt(b.hours), fmt(a.hours)],
          ['Requests', fmt(b.requests), fmt(a.requests)],
          ['Requests per hour', fmt(b.requestsPerHour), fmt(a.requestsPerHour)],
          ['Tokens', fmt(b.tokens), fmt(a.tokens)],
          ['Cost', usd(b.costUsd), usd(a.costUsd)],
        ],
      ),
    );
    if (r.beforeAfter.ratioPerHour !== null)
      out.push('', `After/before requests per hour: ×${r.beforeAfter.ratioPerHour}`);
  } else {
    out.push(table(['Requests', 'Tokens', 'Cost'], [[fmt(t.requests), fmt(t.tokens), usd(t.costUsd)]]));
  }
  if (t.ignored || t.ignoredOtherKeys) {
    out.push(
      '',
      `Ignored: ${fmt(t.ignored)} events outside the window, ${fmt(t.ignoredOtherKeys)} of other keys.`,
    );
  }
  out.push('', `${h} ${r.totals.requests > 0 ? 'Requests' : 'Tokens'} over time`, '', requestsChart(r), '');
  const networks = networksChart(r);
  if (networks) out.push(`${h} From which networks`, '', networks, '');

  const s = r.statusCounts;
  if (s.known > 0) {
    out.push(`${h} HTTP status`, '');
    out.push(
      table(
        ['2xx', 'Non-2xx', '401', '403', '429', '5xx', 'Unknown'],
        [[s.ok2xx, s.non2xx, s.s401, s.s403, s.s429, s.s5xx, s.unknown].map(fmt)],
      ),
      '',
      table(
        ['Status', 'Requests'],
        Object.entries(s.byCode).map(([c, n]) => [c, fmt(n)]),
      ),
      '',
    );
    if (s.non2xx > 0) out.push(statusChart(r), '');
  }

  if (r.ipGroups.length > 0) {
    out.push(`${h} Source networks`, '');
    out.push(
      table(
        ['Network', 'Allowlisted', 'Requests', 'After leak', 'Non-2xx', 'IPs', 'First seen', 'Last seen'],
        r.ipGroups
          .slice(0, 25)
          .map((g) => [
            code(g.group),
            g.allowed ? 'yes' : '**no**',
            fmt(g.requests),
            fmt(g.afterLeak),
            fmt(g.non2xx),
            fmt(g.distinctIps),
            g.firstSeen,
            g.lastSeen,
          ]),
      ),
    );
    if (r.ipGroups.length > 25)
      out.push('', `…and ${r.ipGroups.length - 25} more networks (see the JSON report).`);
    out.push('');
  }

  const u = r.uaClasses;
  if (u.sdk + u.generic + u.other > 0) {
    out.push(`${h} User agents`, '');
    out.push(
      table(
        ['SDK', 'Generic client', 'Other', 'Not recorded'],
        [[u.sdk, u.generic, u.other, u.unknown].map(fmt)],
      ),
      '',
      table(
        ['User agent', 'Class', 'Requests'],
        r.topUserAgents.slice(0, 10).map((x) => [uaCode(x.userAgent), x.uaClass, fmt(x.requests)]),
      ),
      '',
    );
  }

  if (r.jumps.length > 0) {
    out.push(`${h} Usage jumps`, '');
    out.push(
      table(
        ['Hour', r.jumps[0].metric, 'Median before', '×', 'After leak'],
        r.jumps
          .slice(0, 30)
          .map((j) => [
            j.hour,
            fmt(j.value),
            fmt(j.baseline),
            j.factor ? fmt(j.factor) : '—',
            j.afterLeak ? 'yes' : 'no',
          ]),
      ),
      '',
    );
  }

  if (r.flaggedTotal > 0) {
    const n = opts.flaggedRows ?? 20;
    out.push(`${h} Requests from unknown networks (${fmt(r.flaggedTotal)})`, '');
    out.push(
      table(
        ['Time', 'IP', 'User agent', 'Status', 'Path', 'After leak'],
        r.flagged
          .slice(0, n)
          .map((f) => [
            f.time,
            code(f.ip),
            uaCode(f.userAgent, 50),
            f.status ?? '—',
            code(f.path, 40),
            f.afterLeak ? 'yes' : 'no',
          ]),
      ),
    );
    if (r.flaggedTotal > Math.min(n, r.flagged.length)) {
      out.push(
        '',
        `Showing ${Math.min(n, r.flagged.length)} of ${fmt(r.flaggedTotal)}; the flagged-requests CSV holds ${fmt(r.flagged.length)}.`,
      );
    }
    out.push('');
  }

  out.push(`${h} Recommended limits for the replacement key`, '');
  const p = r.recommendations.policy;
  const entries = Object.entries(p).filter(([, v]) => v !== undefined);
  if (entries.length)
    out.push(
      table(
        ['Limit', 'Value'],
        entries.map(([k, v]) => [forMarkdownCode(k), forMarkdown(String(v))]),
      ),
      '',
    );
  for (const b of r.recommendations.basis) out.push(`- ${b}`);
  out.push('');

  if (r.managementEvents.length) {
    out.push(`${h} Management events`, '');
    out.push(
      table(
        ['Time', 'Event', 'IP', 'User agent'],
        r.managementEvents
          .slice(0, 30)
          .map((e) => [e.time, code(e.eventType), code(e.ip), uaCode(e.userAgent, 50)]),
      ),
      '',
    );
  }

  if (r.malformedRows.count > 0) {
    out.push(`${h} Malformed rows (${fmt(r.malformedRows.count)}, skipped)`, '');
    out.push(
      table(
        ['Source', 'Row', 'Reason'],
        r.malformedRows.examples.map((m) => [code(m.source, 40), m.row, code(m.reason, 80)]),
      ),
      '',
    );
    if (r.malformedRows.count > r.malformedRows.examples.length) {
      out.push(`The first ${r.malformedRows.examples.length} are listed.`, '');
    }
  }

  if (r.gaps.length) {
    out.push(`${h} What these sources cannot tell`, '');
    for (const g of r.gaps) out.push(`- ${g}`);
    out.push('');
  }
  return `${out.join('\n').trimEnd()}\n`;
}

/**
 * The audit in brief, for the job summary: heading, verdict, the charts, and where the rest is.
 * `title` is Markdown the caller made inert; `link` a URL of keyguard's own incident.
 */
export function renderAuditCharts(
  r: AuditReport,
  opts: { title: string; headingLevel?: number; link?: string },
): string {
  const h = '#'.repeat(Math.min(5, Math.max(1, opts.headingLevel ?? 3)));
  const out = [`${h} ${opts.title}`, '', `**Verdict:** ${forMarkdown(r.verdict)}`, '', requestsChart(r)];
  const networks = networksChart(r);
  if (networks) out.push('', networks);
  if (r.statusCounts.non2xx > 0) out.push('', statusChart(r));
  const url = opts.link ? forMarkdownUrl(opts.link) : undefined;
  out.push('', url ? `The full audit is on [the incident](${url}).` : 'The full audit is on the incident.');
  return `${out.join('\n')}\n`;
}

export function renderJson(r: AuditReport): string {
  return `${forJson(JSON.stringify(r, null, 2))}\n`;
}

/** Plain text for a terminal: verdict and the main numbers. */
export function renderText(r: AuditReport): string {
  const lines = [
    r.verdict,
    `window ${r.window.start} .. ${r.window.end}${r.leakTime ? `, leak ${r.leakTime}` : ''}`,
  ];
  lines.push(
    `requests ${r.totals.requests}, tokens ${r.totals.tokens}, cost ${usd(r.totals.costUsd)}, ignored ${r.totals.ignored}`,
  );
  if (r.beforeAfter) {
    const { before: b, after: a } = r.beforeAfter;
    lines.push(
      `before leak ${b.requests} requests (${b.requestsPerHour}/h), after ${a.requests} (${a.requestsPerHour}/h)`,
    );
  }
  const s = r.statusCounts;
  if (s.known) lines.push(`status: non-2xx ${s.non2xx} (401: ${s.s401}, 403: ${s.s403}, 429: ${s.s429})`);
  const u = r.uaClasses;
  lines.push(`user agents: sdk ${u.sdk}, generic ${u.generic}, other ${u.other}, not recorded ${u.unknown}`);
  for (const g of r.ipGroups.filter((x) => !x.allowed).slice(0, 10)) {
    lines.push(
      `unknown network ${forLog(g.group)}: ${g.requests} requests (${g.afterLeak} after leak), ${g.distinctIps} IPs`,
    );
  }
  for (const j of r.jumps.slice(0, 10))
    lines.push(`jump ${j.hour}: ${j.value} ${j.metric} (median ${j.baseline})`);
  const p = Object.entries(r.recommendations.policy).map(([k, v]) => `${k}=${v}`);
  if (p.length) lines.push(`recommended: ${p.join(' ')}`);
  if (r.malformedRows.count) {
    lines.push(`malformed rows: ${r.malformedRows.count}`);
    for (const m of r.malformedRows.examples.slice(0, 5))
      lines.push(`  ${forLog(m.source)} row ${m.row}: ${forLog(m.reason)}`);
  }
  for (const g of r.gaps) lines.push(`gap: ${g}`);
  return `${lines.join('\n')}\n`;
}

/**
 * One CSV cell: quoted when it holds a quote, comma or line break; a leading `= + - @` gets a `'`
 * so a spreadsheet does not run an attacker's user agent as a formula.
 */
export function csvCell(v: string | number | boolean | undefined): string {
  if (v === undefined) return '';
  let s = String(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const FLAGGED_CSV_HEADER = [
  'time',
  'ip',
  'ip_group',
  'user_agent',
  'ua_class',
  'status',
  'path',
  'model',
  'source',
  'row',
  'after_leak',
];

export function renderFlaggedCsv(flagged: FlaggedRequest[]): string {
  const rows = flagged.map((f) =>
    [f.time, f.ip, f.ipGroup, f.userAgent, f.uaClass, f.status, f.path, f.model, f.source, f.row, f.afterLeak]
      .map(csvCell)
      .join(','),
  );
  return `${[FLAGGED_CSV_HEADER.join(','), ...rows].join('\r\n')}\r\n`;
}
