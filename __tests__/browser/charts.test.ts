/**
 * The audit's charts as people see them: the audit Markdown rendered as GitHub renders it (GFM, its
 * stylesheet, Mermaid) in headless Chromium, in the light and the dark theme. No Mermaid error, every
 * chart titled with its series in a legend, and screenshots kept in __tests__/artifacts/screenshots/.
 */
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { Browser } from 'puppeteer-core';
import { AuditAccumulator } from '../../src/audit/analyze.js';
import { readCsvInto } from '../../src/audit/csv.js';
import { renderMarkdown as renderAudit, renderAuditCharts } from '../../src/audit/render.js';
import type { AuditReport } from '../../src/audit/types.js';
import { ALLOWED_CIDRS, callLogCsv } from '../audit/helpers/calllog.js';
import {
  chromiumPath,
  launchBrowser,
  type RenderedPage,
  renderMarkdown,
  SCREENSHOT_DIR,
  type Theme,
} from '../helpers/browser.js';

const H = 3_600_000;
const END = Date.UTC(2026, 10, 20, 9);
const LEAK = END - 40 * H - 17 * 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

async function weekAudit(): Promise<AuditReport> {
  const { text } = callLogCsv({ endMs: END, leakMs: LEAK, hours: 168, normalPerHour: 12, burstPerHour: 30 });
  const acc = new AuditAccumulator({ end: iso(END), leakTime: iso(LEAK), allowIps: ALLOWED_CIDRS });
  await readCsvInto(acc, Readable.from([text]), { name: 'csv:calls' });
  return acc.finish();
}

const executable = chromiumPath();
if (!executable)
  console.warn(
    "\n\n*** SKIPPED: no Chromium found (install Debian's `chromium`, or set KEYGUARD_CHROMIUM): the charts were NOT checked in a browser ***\n\n",
  );
const describeInBrowser = executable ? describe : describe.skip;

describeInBrowser('the audit charts in a real browser', () => {
  let browser: Browser;
  let report: AuditReport;
  const pages = new Map<Theme, RenderedPage>();

  beforeAll(async () => {
    browser = await launchBrowser(executable as string);
    report = await weekAudit();
    const md = renderAudit(report);
    for (const theme of ['light', 'dark'] as const)
      pages.set(
        theme,
        await renderMarkdown(browser, md, {
          theme,
          png: join(SCREENSHOT_DIR, `audit-${theme}.png`),
          chartPngs: join(SCREENSHOT_DIR, `audit-${theme}-chart`),
        }),
      );
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  it.each(['light', 'dark'] as const)(
    'draws every chart without a Mermaid error in the %s theme',
    (theme) => {
      const charts = pages.get(theme)?.charts ?? [];
      expect({
        count: charts.length,
        errors: charts.flatMap((c) =>
          c.parseError || c.errorDiagram ? [c.parseError ?? 'error diagram'] : [],
        ),
      }).toEqual({ count: 3, errors: [] });
    },
  );

  it('gives each chart a legend naming its series', () => {
    const legends = (pages.get('light')?.charts ?? []).map((c) => c.legend);
    expect(legends).toEqual([
      ['before the leak', 'after the leak'],
      ['allowlisted networks', 'unknown networks'],
      expect.arrayContaining(['401 unauthorized', '429 rate limited']),
    ]);
  });

  it('labels the time axis with a handful of ticks, not one per bar', () => {
    const first = pages.get('light')?.charts[0];
    const ticks = (first?.texts ?? []).filter((t) => /^\d+(\.\d+)?$/.test(t.trim()));
    // y-axis and x-axis ticks together: far from the 168 labels of one per hour.
    expect(ticks.length).toBeLessThan(30);
  });

  it('catches a Mermaid syntax error (the check can fail)', async () => {
    const broken = '```mermaid\nxychart-beta\n  x-axis [a, b\n  bar [1, 2]\n```\n';
    const p = await renderMarkdown(browser, broken, { theme: 'light' });
    expect(p.charts.map((c) => c.errorDiagram || Boolean(c.parseError))).toEqual([true]);
  });

  it('renders the summary brief of an audit with its charts and legends', async () => {
    const md = renderAuditCharts(report, {
      title: 'Audit of `sk-…abcd`',
      link: 'https://github.com/o/r/issues/1',
    });
    const p = await renderMarkdown(browser, md, {
      theme: 'light',
      png: join(SCREENSHOT_DIR, 'audit-brief-light.png'),
    });
    expect(p.charts.map((c) => c.errorDiagram || Boolean(c.parseError))).toEqual([false, false, false]);
  });
});
