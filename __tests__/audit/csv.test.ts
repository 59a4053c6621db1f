import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { AuditAccumulator } from '../../src/audit/analyze.js';
import { detectColumns, readCsvInto } from '../../src/audit/csv.js';
import type { AuditReport } from '../../src/audit/types.js';
import { InputError } from '../../src/config/errors.js';
import { KeyGen } from '../helpers/keygen.js';
import { ALLOWED_CIDRS, type CallLogOptions, callLogCsv } from './helpers/calllog.js';

const END = Date.UTC(2026, 10, 20);
const LEAK = END - 30 * 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

async function audit(text: string, columns?: Record<string, string>): Promise<AuditReport> {
  const acc = new AuditAccumulator({ end: iso(END), leakTime: iso(LEAK), allowIps: ALLOWED_CIDRS });
  await readCsvInto(acc, Readable.from([text]), { name: 'csv:test', columns });
  return acc.finish();
}

function generated(o: Partial<CallLogOptions>) {
  return callLogCsv({ endMs: END, leakMs: LEAK, hours: 48, normalPerHour: 10, ...o });
}

describe('readCsvInto on generated call logs', () => {
  it('counts every request of a log with BOM, CRLF, quoted fields and mixed time formats', async () => {
    const { text, truth } = generated({
      burstPerHour: 20,
      bom: true,
      crlf: true,
      quoted: true,
      mixedTimes: true,
    });
    const r = await audit(text);
    expect(r.totals.requests).toBe(truth.normal + truth.attack);
  });

  it('strips the BOM so the first header still names the time column', async () => {
    const { text } = generated({ bom: true });
    const acc = new AuditAccumulator({ end: iso(END) });
    const stats = await readCsvInto(acc, Readable.from([text]));
    expect(stats.columns.time).toBe('created_at');
  });

  it('keeps commas, quotes and line breaks inside quoted fields', async () => {
    const { text } = generated({ quoted: true, crlf: true });
    const r = await audit(text);
    expect(r.topUserAgents.map((u) => u.userAgent)).toContain('OpenAI/Python 1.54.0 (team "ml", prod)');
  });

  it('counts requests after the leak from unknown networks exactly', async () => {
    const { text, truth } = generated({ burstPerHour: 20 });
    const r = await audit(text);
    expect([r.flaggedTotal, r.unknownIpsAfterLeak]).toEqual([truth.attack, truth.attackIps.size]);
  });

  it('counts 401 and 429 responses separately', async () => {
    const { text, truth } = generated({ burstPerHour: 20 });
    const r = await audit(text);
    expect([r.statusCounts.s401, r.statusCounts.s429]).toEqual([truth.s401, truth.s429]);
  });

  it('counts malformed rows without stopping', async () => {
    const { text, truth } = generated({ malformed: true, burstPerHour: 5 });
    const r = await audit(text);
    expect([r.malformedRows.count, r.totals.requests]).toEqual([
      truth.malformed,
      truth.normal + truth.attack,
    ]);
  });
});

describe('readCsvInto on hand-written rows', () => {
  const header = 'timestamp,status,ua,ip\n';

  it('reports a bad time, a bad status and a wrong column count with their row numbers', async () => {
    const text = `${header}2026-11-19T00:00:00Z,200,curl/8,10.20.30.1\nlater,200,curl/8,10.20.30.1\n2026-11-19T00:00:00Z,OK,curl/8,10.20.30.1\n2026-11-19T00:00:00Z,200\n`;
    const r = await audit(text);
    expect(r.malformedRows.examples.map((m) => [m.row, m.reason])).toEqual([
      [3, 'bad time "later"'],
      [4, 'bad status "OK"'],
      [5, 'expected 4 columns, found 2'],
    ]);
  });

  it('rejects status codes outside 100–599', async () => {
    const r = await audit(`${header}2026-11-19T00:00:00Z,999,curl/8,1.2.3.4\n`);
    expect(r.malformedRows.count).toBe(1);
  });

  it('numbers a row after a multi-line quoted field by records, not lines', async () => {
    const text = `${header}2026-11-19T00:00:00Z,200,"two\nlines",10.20.30.1\nnope,200,x,10.20.30.1\n`;
    const r = await audit(text);
    expect(r.malformedRows.examples[0].row).toBe(3);
  });

  it('keeps only the first 20 malformed examples but counts all', async () => {
    const text = header + 'bad,200,x,1.2.3.4\n'.repeat(25);
    const r = await audit(text);
    expect([r.malformedRows.count, r.malformedRows.examples.length]).toEqual([25, 20]);
  });

  it('reports an unclosed quote as a malformed row instead of failing', async () => {
    const text = `${header}2026-11-19T00:00:00Z,200,curl/8,10.20.30.1\n2026-11-19T00:00:00Z,200,"curl/8,10.20.30.1\n`;
    const r = await audit(text);
    expect([r.totals.requests, r.malformedRows.count]).toEqual([1, 1]);
  });

  it('stops an unclosed quote from gathering the rest of a large file in memory', async () => {
    const rows = '2026-11-19T00:00:00Z,200,curl/8,10.20.30.1\n'.repeat(30_000);
    const r = await audit(`${header}2026-11-19T00:00:00Z,200,"curl/8,10.20.30.1\n${rows}`);
    expect(r.malformedRows.examples[0].reason).toMatch(/Max Record Size/);
  });

  it('reads epoch seconds and epoch milliseconds in the same file', async () => {
    const t = END - 3_600_000;
    const r = await audit(`${header}${t / 1000},200,curl/8,10.20.30.1\n${t},200,curl/8,10.20.30.1\n`);
    expect(r.perHour.find((h) => h.hour === iso(t))?.requests).toBe(2);
  });

  it('reads a zoneless time as UTC', async () => {
    const t = END - 3_600_000;
    const r = await audit(`${header}${iso(t).slice(0, 19)},200,curl/8,10.20.30.1\n`);
    expect(r.perHour.find((h) => h.hour === iso(t))?.requests).toBe(1);
  });

  it.each(['', '-'])('treats an IP cell of "%s" as not recorded rather than unknown', async (ip) => {
    const r = await audit(`${header}2026-11-19T00:00:00Z,200,curl/8,${ip}\n`);
    expect([r.flaggedTotal, r.ipGroups.length]).toEqual([0, 0]);
  });

  it('uses a configured column mapping', async () => {
    const text = 'created,code,agent\n2026-11-19T00:00:00Z,401,curl/8\n';
    const r = await audit(text, { time: 'created', status: 'code', userAgent: 'agent' });
    expect([r.statusCounts.s401, r.uaClasses.generic]).toEqual([1, 1]);
  });

  it('fails with an InputError when no time column can be found', async () => {
    await expect(audit('when,status\nx,200\n')).rejects.toThrow(InputError);
  });

  it('reads from a file path and names the source after the file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kg-audit-'));
    try {
      const file = join(dir, 'calls.csv');
      writeFileSync(file, `${header}2026-11-19T00:00:00Z,200,curl/8,10.20.30.1\n`);
      const acc = new AuditAccumulator({ end: iso(END) });
      await readCsvInto(acc, file);
      expect(acc.finish().sources.map((s) => s.source)).toEqual(['csv:calls.csv']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('never puts a key found in the log into the report', async () => {
    const key = new KeyGen(3).openaiProject();
    const text = `time,key,path,ua\n2026-11-19T00:00:00Z,${key},/v1/models?k=${key},curl ${key}\n`;
    const r = await audit(text);
    expect(JSON.stringify(r)).not.toContain(key);
  });

  it('lists the gaps of a log without status, IP and user-agent columns', async () => {
    const r = await audit('time\n2026-11-19T00:00:00Z\n');
    expect(r.gaps.join('\n')).toMatch(/no status column[\s\S]*no IP column[\s\S]*no user-agent column/);
  });
});

describe('detectColumns', () => {
  it.each([
    [['Timestamp', 'Status Code', 'User-Agent', 'Client IP'], { time: 0, status: 1, userAgent: 2, ip: 3 }],
    [['created_at', 'http_status', 'useragent', 'remote_addr'], { time: 0, status: 1, userAgent: 2, ip: 3 }],
    [['startTime', 'requester_ip_address', 'spend', 'total_tokens'], { time: 0, ip: 1, cost: 2, tokens: 3 }],
    [['date', 'response_code', 'source_ip', 'endpoint'], { time: 0, status: 1, ip: 2, path: 3 }],
    [
      ['start_time', 'api_key_hash', 'prompt_tokens', 'completion_tokens'],
      { time: 0, keyId: 1, inputTokens: 2, outputTokens: 3 },
    ],
  ])('maps %j', (header, want) => {
    expect(detectColumns(header)).toEqual(want);
  });

  it('lets an explicit mapping take a column an alias would have claimed', () => {
    expect(detectColumns(['time', 'created'], { time: 'created' })).toEqual({ time: 1 });
  });

  it('throws an InputError for a mapping to a column that does not exist', () => {
    expect(() => detectColumns(['time'], { status: 'code' })).toThrow(InputError);
  });
});
