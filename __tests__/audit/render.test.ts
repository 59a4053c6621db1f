import { AuditAccumulator } from '../../src/audit/analyze.js';
import { csvCell, renderFlaggedCsv, renderJson, renderMarkdown, renderText } from '../../src/audit/render.js';
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
