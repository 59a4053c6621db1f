import { AuditAccumulator } from '../../src/audit/analyze.js';
import {
  chartBuckets,
  csvCell,
  renderFlaggedCsv,
  renderJson,
  renderMarkdown,
  renderText,
} from '../../src/audit/render.js';
import type { AuditRecord, AuditReport } from '../../src/audit/types.js';

const H = 3_600_000;
const END = Date.UTC(2026, 10, 20);
const LEAK = END - 10 * H - 30 * 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

function report(hours = 168, extra: (a: AuditAccumulator) => void = () => {}): AuditReport {
  const a = new AuditAccumulator({
    end: iso(END),
    windowHours: hours,
    leakTime: iso(LEAK),
    allowIps: ['10.0.0.0/8'],
  });
  const base: AuditRecord = {
    timeMs: 0,
    requests: 1,
    status: 200,
    ip: '10.0.0.1',
    userAgent: 'OpenAI/Python 1',
    source: 'csv',
  };
  for (let t = END - hours * H; t < END; t += H) a.add({ ...base, timeMs: t });
  a.add({ ...base, timeMs: LEAK + H, ip: '203.0.113.5', userAgent: 'curl/8.4.0', status: 401 });
  extra(a);
  return a.finish();
}

/** The values of the n-th `bar`/`line` series of the n-th mermaid block. */
function series(md: string, block: number, kind: 'bar' | 'line', n = 0): number[] {
  const chart = md.split('```mermaid')[block + 1].split('```')[0];
  const lines = chart.split('\n').filter((l) => l.trim().startsWith(`${kind} [`));
  return JSON.parse(lines[n].trim().slice(kind.length + 1));
}

describe('renderMarkdown', () => {
  it('puts the verdict first', () => {
    const md = renderMarkdown(report());
    expect(md.split('\n').slice(0, 3)).toEqual([
      '## Key usage audit',
      '',
      `**Verdict:** ${report().verdict}`,
    ]);
  });

  it('fits under an incident heading without a title and with deeper sections', () => {
    const md = renderMarkdown(report(), { title: false, headingLevel: 3 });
    expect([md.split('\n')[0], md.includes('\n#### Totals\n'), md.includes('\n### ')]).toEqual([
      `**Verdict:** ${report().verdict}`,
      true,
      false,
    ]);
  });

  it('draws requests per hour as a mermaid xychart with one bar per hour', () => {
    const md = renderMarkdown(report());
    expect(series(md, 0, 'bar')).toHaveLength(168);
  });

  it('marks the leak hour with a spike in a line series', () => {
    const md = renderMarkdown(report());
    const line = series(md, 0, 'line');
    expect([line.findIndex((v) => v > 0), line.filter((v) => v > 0).length]).toEqual([157, 1]);
  });

  it('keeps a chart of a 30-day window within 168 points', () => {
    const md = renderMarkdown(report(720));
    expect(series(md, 0, 'bar').length).toBeLessThanOrEqual(168);
  });

  it('keeps every request when hours are summed into wider chart buckets', () => {
    const r = report(720);
    expect(series(renderMarkdown(r), 0, 'bar').reduce((s, v) => s + v, 0)).toBe(r.totals.requests);
  });

  it('draws non-2xx responses over time when there are any', () => {
    const md = renderMarkdown(report());
    expect(series(md, 1, 'line', 0).reduce((s, v) => s + v, 0)).toBe(1);
  });

  it('shows a user agent from the log inside a code span with pipes escaped', () => {
    const md = renderMarkdown(
      report(168, (a) =>
        a.add({
          timeMs: LEAK + H,
          requests: 1,
          ip: '203.0.113.6',
          userAgent: 'x|y `@team` <b>',
          source: 'csv',
        }),
      ),
    );
    expect(md).toContain('``x\\|y `@team` <b>``');
  });

  it('shows an empty user agent as (empty)', () => {
    const md = renderMarkdown(
      report(168, (a) =>
        a.add({ timeMs: LEAK + H, requests: 1, ip: '203.0.113.6', userAgent: '', source: 'csv' }),
      ),
    );
    expect(md).toMatch(/\| \(empty\) \| generic \| 1 \|/);
  });

  it('lists unknown networks before allowlisted ones', () => {
    const md = renderMarkdown(report());
    expect(md.indexOf('`203.0.113.0/24`')).toBeLessThan(md.indexOf('`10.0.0.0/24`'));
  });

  it('shows the recommended limits', () => {
    expect(renderMarkdown(report())).toMatch(/\| `rpm` \| \d+ \|/);
  });
});

describe('chartBuckets', () => {
  it('sums 720 hours into 5-hour buckets', () => {
    expect(chartBuckets(report(720).perHour).length).toBe(144);
  });
});

describe('renderText and renderJson', () => {
  it('starts the text with the verdict', () => {
    const r = report();
    expect(renderText(r).split('\n')[0]).toBe(r.verdict);
  });

  it('writes JSON that parses back to the report', () => {
    const r = report();
    expect(JSON.parse(renderJson(r))).toEqual(r);
  });
});

describe('renderFlaggedCsv', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    [' padded', '" padded"'],
    ['=HYPERLINK("x")', `"'=HYPERLINK(""x"")"`],
    ['@cmd', "'@cmd"],
    [401, '401'],
    [undefined, ''],
  ])('writes %j as %s', (value, want) => {
    expect(csvCell(value as string | number | undefined)).toBe(want);
  });

  it('writes a header and one line per flagged request', () => {
    const csv = renderFlaggedCsv(report().flagged);
    expect(csv.split('\r\n')).toEqual([
      'time,ip,ip_group,user_agent,ua_class,status,path,model,source,row,after_leak',
      `${iso(LEAK + H)},203.0.113.5,203.0.113.0/24,curl/8.4.0,generic,401,,,csv,,true`,
      '',
    ]);
  });
});
