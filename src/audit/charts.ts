/**
 * The audit's charts: Mermaid `xychart-beta` blocks, one per question (how much and when, from where,
 * refused or not), each followed by a plain Markdown legend so they read the same in every renderer.
 *
 * Readability rules, checked in a real browser by __tests__/browser/charts.test.ts:
 * - the x axis is numeric (days or hours since the window start), so Mermaid draws a handful of ticks
 *   instead of one overprinted label per bar;
 * - hours are summed into at most MAX_CHART_POINTS bars of a round width (1, 2, 3, 4, 6, 12, 24 h...);
 * - every series has a title (Mermaid ≥ 12 draws a legend from them) and a colour from a palette
 *   that keeps ≥ 3:1 contrast on GitHub's light and dark backgrounds;
 * - the leak is not a fake series: bars before and after it are two colours;
 * - several series in one chart are stacked by drawing running totals, tallest first (Mermaid draws
 *   the series in order and bars of one bucket on top of each other).
 * Every string here is made by keyguard (numbers, dates, fixed titles): nothing from the logs.
 */
import type { AuditReport, HourPoint } from './types.js';

/** Bars per chart at most: 7×24 h become 42 bars of 4 h. */
export const MAX_CHART_POINTS = 42;

const BUCKET_HOURS = [1, 2, 3, 4, 6, 8, 12, 24, 48, 72, 168];

/** Colours with ≥ 3:1 contrast on both #ffffff and #0d1117 (GitHub's light and dark canvases). */
export const CHART_COLOURS = {
  blue: '#2f81f7',
  red: '#e5534b',
  orange: '#db6d28',
  purple: '#a371f7',
  grey: '#8b949e',
} as const;

type Colour = keyof typeof CHART_COLOURS;

/** A coloured square for the Markdown legend (GitHub strips inline styles, so an emoji it is). */
const SWATCH: Record<Colour, string> = {
  blue: '🟦',
  red: '🟥',
  orange: '🟧',
  purple: '🟪',
  grey: '⬜',
};

export interface ChartBucket {
  label: string;
  startMs: number;
  endMs: number;
  points: HourPoint[];
}

/** The smallest round bucket width that keeps the chart within `maxPoints` bars. */
export function bucketHours(hours: number, maxPoints = MAX_CHART_POINTS): number {
  for (const b of BUCKET_HOURS) if (Math.ceil(hours / b) <= maxPoints) return b;
  return Math.ceil(hours / maxPoints);
}

/** Groups the hourly series into ≤ `maxPoints` buckets of a round number of whole hours. */
export function chartBuckets(perHour: HourPoint[], maxPoints = MAX_CHART_POINTS): ChartBucket[] {
  const size = bucketHours(perHour.length, maxPoints);
  const out: ChartBucket[] = [];
  for (let i = 0; i < perHour.length; i += size) {
    const points = perHour.slice(i, i + size);
    const startMs = Date.parse(points[0].hour);
    out.push({ label: utc(startMs), startMs, endMs: startMs + size * 3_600_000, points });
  }
  return out;
}

function utc(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

const sum = (ps: HourPoint[], k: keyof Omit<HourPoint, 'hour'>): number =>
  round2(ps.reduce((s, p) => s + p[k], 0));

interface Series {
  title: string;
  colour: Colour;
  values: number[];
}

interface Axis {
  /** Days for windows of two days or more, hours below. */
  unit: 'days' | 'hours';
  perUnitMs: number;
  originMs: number;
  bucketHours: number;
}

function axisFor(r: AuditReport, buckets: ChartBucket[]): Axis {
  const originMs = buckets.length ? buckets[0].startMs : Date.parse(r.window.start);
  const hours = buckets.length ? (buckets[buckets.length - 1].endMs - originMs) / 3_600_000 : 0;
  const unit = hours >= 48 ? 'days' : 'hours';
  const size = buckets.length ? (buckets[0].endMs - buckets[0].startMs) / 3_600_000 : 1;
  return { unit, perUnitMs: unit === 'days' ? 86_400_000 : 3_600_000, originMs, bucketHours: size };
}

function at(axis: Axis, ms: number): number {
  return round2((ms - axis.originMs) / axis.perUnitMs);
}

function per(axis: Axis): string {
  return axis.bucketHours === 1 ? 'hour' : `${axis.bucketHours} h`;
}

/**
 * One chart. With a numeric x axis Mermaid spreads the points evenly from its min to its max: the
 * range runs from the first bucket's middle to the last one's, so each bar sits over its own time.
 */
function xychart(title: string, axis: Axis, count: number, yLabel: string, series: Series[]): string {
  const half = (axis.bucketHours * 3_600_000) / 2;
  const min = at(axis, axis.originMs + half);
  const max = Math.max(
    min + 0.01,
    at(axis, axis.originMs + (count - 1) * axis.bucketHours * 3_600_000 + half),
  );
  const top = Math.max(1, Math.ceil(Math.max(0, ...series.flatMap((s) => s.values))));
  const palette = series.map((s) => CHART_COLOURS[s.colour]).join(', ');
  const init = { themeVariables: { xyChart: { plotColorPalette: palette } } };
  return [
    '```mermaid',
    `%%{init: ${JSON.stringify(init)}}%%`,
    'xychart-beta',
    `  title "${title}"`,
    `  x-axis "${axis.unit} since ${utc(axis.originMs)}" ${min} --> ${max}`,
    `  y-axis "${yLabel}" 0 --> ${top}`,
    ...series.map((s) => `  bar "${s.title}" [${s.values.join(', ')}]`),
    '```',
  ].join('\n');
}

/** The legend under a chart, in Markdown: it shows in renderers whose Mermaid draws none. */
function legend(series: Series[], note?: string): string {
  const items = series.map((s) => `${SWATCH[s.colour]} ${s.title}`).join(' · ');
  return `${items}${note ? `  \n${note}` : ''}`;
}

/** Running totals, tallest first: drawn in this order the bars of a bucket look stacked. */
function stacked(layers: Series[]): Series[] {
  const shown = layers.filter((l) => l.values.some((v) => v > 0));
  return shown.map((layer, i) => ({
    ...layer,
    values: layer.values.map((_, b) => round2(shown.slice(i).reduce((s, l) => s + l.values[b], 0))),
  }));
}

function leakNote(r: AuditReport, axis: Axis): string | undefined {
  if (!r.leakTime) return undefined;
  const ms = Date.parse(r.leakTime);
  if (!Number.isFinite(ms)) return undefined;
  if (ms < axis.originMs) return `Leak: ${utc(ms)}, before this window: every bar is after it.`;
  return `Leak: ${utc(ms)} (${axis.unit === 'days' ? 'day' : 'hour'} ${at(axis, ms)} on the axis).`;
}

/** How much was the key used, and when: bars before the leak blue, from the leak's bucket on red. */
export function requestsChart(r: AuditReport): string {
  const buckets = chartBuckets(r.perHour);
  const axis = axisFor(r, buckets);
  const metric = r.totals.requests > 0 ? 'requests' : 'tokens';
  const values = buckets.map((b) => sum(b.points, metric));
  const leakMs = r.leakTime ? Date.parse(r.leakTime) : Number.NaN;
  const title = `${metric === 'requests' ? 'Requests' : 'Tokens'} per ${per(axis)}`;
  let series: Series[];
  if (Number.isFinite(leakMs) && buckets.some((b) => leakMs < b.endMs)) {
    // The bucket the leak falls in counts as after: it holds the first use an attacker could make.
    const after = (b: ChartBucket) => b.endMs > leakMs;
    series = [
      { title: 'before the leak', colour: 'blue', values: values.map((v, i) => (after(buckets[i]) ? 0 : v)) },
      { title: 'after the leak', colour: 'red', values: values.map((v, i) => (after(buckets[i]) ? v : 0)) },
    ];
    // A leak before the window (an old commit) leaves nothing before it: no empty legend entry.
    if (!after(buckets[0]!)) series = series.filter((s) => s.values.some((v) => v > 0) || s.colour === 'red');
    else series = series.filter((s) => s.colour === 'red');
  } else {
    series = [{ title: metric, colour: 'blue', values }];
  }
  return `${xychart(title, axis, buckets.length, metric, series)}\n\n${legend(series, leakNote(r, axis))}`;
}

/** From where: requests from allowlisted networks and from networks nobody vouched for, stacked. */
export function networksChart(r: AuditReport): string | undefined {
  const buckets = chartBuckets(r.perHour);
  const flagged = buckets.map((b) => sum(b.points, 'flagged'));
  if (!flagged.some((v) => v > 0)) return undefined;
  const axis = axisFor(r, buckets);
  const known = buckets.map((b, i) => Math.max(0, round2(sum(b.points, 'requests') - flagged[i])));
  const series = stacked([
    { title: 'allowlisted networks', colour: 'blue', values: known },
    { title: 'unknown networks', colour: 'red', values: flagged },
  ]);
  return `${xychart(`Requests per ${per(axis)} by network`, axis, buckets.length, 'requests', series)}\n\n${legend(series, `Stacked: the red part of a bar came from outside the allowlist. ${leakNote(r, axis) ?? ''}`.trim())}`;
}

/** Refused or failed: non-2xx responses per bucket by status, stacked (401 at the bottom). */
export function statusChart(r: AuditReport): string {
  const buckets = chartBuckets(r.perHour);
  const axis = axisFor(r, buckets);
  const s401 = buckets.map((b) => sum(b.points, 's401'));
  const s403 = buckets.map((b) => sum(b.points, 's403'));
  const s429 = buckets.map((b) => sum(b.points, 's429'));
  const other = buckets.map((b, i) =>
    Math.max(0, round2(sum(b.points, 'non2xx') - s401[i] - s403[i] - s429[i])),
  );
  // Bottom layer last in this list: stacked() draws the running totals from the top layer down.
  const series = stacked([
    { title: 'other non-2xx', colour: 'grey', values: other },
    { title: '429 rate limited', colour: 'orange', values: s429 },
    { title: '403 forbidden', colour: 'purple', values: s403 },
    { title: '401 unauthorized', colour: 'red', values: s401 },
  ]);
  return `${xychart(`Non-2xx responses per ${per(axis)}`, axis, buckets.length, 'responses', series)}\n\n${legend(series, `Stacked by status. ${leakNote(r, axis) ?? ''}`.trim())}`;
}
