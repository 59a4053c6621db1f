import { AuditAccumulator } from '../../src/audit/analyze.js';
import {
  bucketHours,
  CHART_COLOURS,
  chartBuckets,
  MAX_CHART_POINTS,
  networksChart,
  requestsChart,
  statusChart,
} from '../../src/audit/charts.js';
import { renderAuditCharts, renderMarkdown } from '../../src/audit/render.js';
import type { AuditRecord, AuditReport } from '../../src/audit/types.js';

const H = 3_600_000;
const END = Date.UTC(2026, 10, 20);
const LEAK = END - 10 * H - 30 * 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

function report(hours = 168, extra: (a: AuditAccumulator) => void = () => {}, leak = true): AuditReport {
  const a = new AuditAccumulator({
    end: iso(END),
    windowHours: hours,
    ...(leak && { leakTime: iso(LEAK) }),
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
  a.add({ ...base, timeMs: LEAK + 2 * H, ip: '203.0.113.5', userAgent: 'curl/8.4.0', status: 429 });
  extra(a);
  return a.finish();
}

/** The `bar "title" [values]` series of one chart, by title. */
function bars(chart: string): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const m of chart.matchAll(/^ {2}bar "([^"]+)" (\[[^\]]*\])$/gm)) out[m[1]!] = JSON.parse(m[2]!);
  return out;
}

const total = (v: number[]) => Math.round(v.reduce((s, x) => s + x, 0) * 100) / 100;

describe('chart buckets', () => {
  it.each([
    [24, 1],
    [48, 2],
    [168, 4],
    [720, 24],
  ])('sums a %i-hour window into %i-hour bars', (hours, size) => {
    expect(bucketHours(hours)).toBe(size);
  });

  it('keeps a 30-day window within the bar limit', () => {
    expect(chartBuckets(report(720).perHour).length).toBeLessThanOrEqual(MAX_CHART_POINTS);
  });
});

describe('requestsChart', () => {
  it('draws the week as 42 bars of 4 hours on a numeric day axis', () => {
    const chart = requestsChart(report());
    expect([
      chart.match(/x-axis "days since [^"]+" [\d.]+ --> [\d.]+/) !== null,
      Object.values(bars(chart)).map((v) => v.length),
    ]).toEqual([true, [42, 42]]);
  });

  it('colours the bars before the leak and after it as two titled series', () => {
    const series = bars(requestsChart(report()));
    expect(Object.keys(series)).toEqual(['before the leak', 'after the leak']);
  });

  it('puts each bar in exactly one of the two series', () => {
    const { 'before the leak': before, 'after the leak': after } = bars(requestsChart(report()));
    expect(before!.every((v, i) => v === 0 || after![i] === 0)).toBe(true);
  });

  it('counts the bucket holding the leak as after it', () => {
    const { 'after the leak': after } = bars(requestsChart(report()));
    // The leak is 10.5 h before the end: the last three 4-hour bars.
    expect(after!.findIndex((v) => v > 0)).toBe(39);
  });

  it('keeps every request when hours are summed into bars', () => {
    const r = report(720);
    const series = Object.values(bars(requestsChart(r)));
    expect(total(series.flat())).toBe(r.totals.requests);
  });

  it('draws one series named after the metric when no leak time is known', () => {
    expect(Object.keys(bars(requestsChart(report(168, () => {}, false))))).toEqual(['requests']);
  });

  it('has no line series: the leak is not drawn as a spike', () => {
    expect(requestsChart(report())).not.toMatch(/^\s*line /m);
  });

  it('writes a Markdown legend and the leak time under the chart', () => {
    expect(requestsChart(report()).split('```').pop()).toContain(
      '🟦 before the leak · 🟥 after the leak  \nLeak: 2026-11-19 13:30 UTC',
    );
  });

  it('sets a palette of one contrasting colour per series', () => {
    expect(requestsChart(report())).toContain(
      `"plotColorPalette":"${CHART_COLOURS.blue}, ${CHART_COLOURS.red}"`,
    );
  });
});

describe('statusChart', () => {
  it('stacks the statuses as running totals, tallest first', () => {
    const series = bars(statusChart(report()));
    expect(
      Object.fromEntries(Object.entries(series).map(([title, values]) => [title, total(values)])),
    ).toEqual({ '429 rate limited': 2, '401 unauthorized': 1 });
  });

  it('leaves out statuses the window does not have', () => {
    expect(Object.keys(bars(statusChart(report())))).not.toContain('403 forbidden');
  });
});

describe('networksChart', () => {
  it('stacks unknown networks on top of allowlisted ones', () => {
    const series = bars(networksChart(report()) ?? '');
    expect([
      Object.keys(series),
      total(series['unknown networks'] ?? []),
      total(series['allowlisted networks'] ?? []),
    ]).toEqual([['allowlisted networks', 'unknown networks'], 2, 170]);
  });

  it('is left out when every request came from an allowlisted network', () => {
    const r = report();
    for (const p of r.perHour) p.flagged = 0;
    expect(networksChart(r)).toBeUndefined();
  });
});

describe('renderAuditCharts', () => {
  it('gives the summary the verdict, every chart and a link to the incident', () => {
    const md = renderAuditCharts(report(), {
      title: 'Audit of `sk-…abcd`',
      link: 'https://github.com/o/r/issues/7',
    });
    expect([md.split('\n')[0], (md.match(/```mermaid/g) ?? []).length, md.trim().split('\n').pop()]).toEqual([
      '### Audit of `sk-…abcd`',
      3,
      'The full audit is on [the incident](https://github.com/o/r/issues/7).',
    ]);
  });

  it('matches the charts of the full audit', () => {
    const r = report();
    const full = renderMarkdown(r);
    for (const block of renderAuditCharts(r, { title: 'x' }).match(/```mermaid[\s\S]*?```/g) ?? [])
      expect(full).toContain(block);
  });
});

describe('a leak older than the window', () => {
  const old = () => {
    const r = report();
    r.leakTime = iso(END - 400 * H);
    return r;
  };

  it('draws every bar as after the leak, with no empty "before" series', () => {
    expect(Object.keys(bars(requestsChart(old())))).toEqual(['after the leak']);
  });

  it('says the leak came before the window instead of a negative day', () => {
    expect(requestsChart(old())).toContain('before this window: every bar is after it.');
  });
});
