/**
 * A 100k-row call log streamed through the audit: the memory it retains must stay bounded (nothing
 * per row is kept), which the 1-million-row benchmark in bench/audit-csv.mjs checks at full size.
 */
import { Readable } from 'node:stream';
import v8 from 'node:v8';
import vm from 'node:vm';
import { AuditAccumulator } from '../../src/audit/analyze.js';
import { readCsvInto } from '../../src/audit/csv.js';
import { ALLOWED_CIDRS, callLogChunks, newTruth } from './helpers/calllog.js';

const H = 3_600_000;
const END = Date.UTC(2026, 10, 20);
const LEAK = END - 24 * H;

// A full GC before each sample, so the heap figure is what is retained, not garbage awaiting collection.
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

function retained(): number {
  gc();
  return process.memoryUsage().heapUsed;
}

it('streams a 100k-row call log retaining less than 16 MB of heap', async () => {
  const truth = newTruth();
  const hours = 168;
  const chunks = callLogChunks(
    { endMs: END, leakMs: LEAK, hours, normalPerHour: 550, burstPerHour: 300, malformed: true, quoted: true },
    truth,
  );
  const base = retained();
  let peak = 0;
  let n = 0;
  // Samples while the stream is consumed (the file header is chunk 0, then one chunk per hour).
  const sampled = Readable.from(
    (function* () {
      for (const c of chunks) {
        if (++n % 42 === 0) peak = Math.max(peak, retained() - base);
        yield c;
      }
    })(),
  );
  const acc = new AuditAccumulator({
    end: new Date(END).toISOString(),
    leakTime: new Date(LEAK).toISOString(),
    allowIps: ALLOWED_CIDRS,
  });
  const stats = await readCsvInto(acc, sampled);
  peak = Math.max(peak, retained() - base);
  const r = acc.finish();
  if (process.env.AUDIT_BENCH_LOG) console.log(`retained heap growth ${(peak / 1048576).toFixed(1)} MB`);
  expect(stats.rows).toBeGreaterThanOrEqual(95_000);
  expect(r.totals.requests).toBe(truth.normal + truth.attack);
  expect(r.flagged.length).toBe(1000);
  expect(peak).toBeLessThan(16 * 1024 * 1024);
});
