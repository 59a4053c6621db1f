/**
 * Exported call-log CSV → the accumulator, streamed: one row at a time through csv-parse, nothing
 * kept but the accumulator's aggregates. Malformed rows (bad time, bad status, wrong column count,
 * broken quoting) are counted with their row numbers and never stop the read.
 */
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse } from 'csv-parse';
import { InputError } from '../config/errors.js';
import type { AuditAccumulator } from './analyze.js';
import { type CsvField, gapsForCsv } from './gaps.js';
import { parseTimestamp } from './time.js';
import type { AuditRecord } from './types.js';

export type { CsvField } from './gaps.js';

/** Header names recognised for each field, after lower-casing and turning spaces and `-` into `_`. */
export const COLUMN_ALIASES: Record<CsvField, string[]> = {
  time: [
    'time',
    'timestamp',
    'created_at',
    'created',
    'date',
    'datetime',
    'start_time',
    'starttime',
    'request_time',
    'event_time',
    '@timestamp',
    'ts',
  ],
  status: ['status', 'status_code', 'http_status', 'response_code', 'statuscode', 'http_status_code'],
  userAgent: ['user_agent', 'ua', 'useragent', 'http_user_agent'],
  ip: [
    'ip',
    'client_ip',
    'source_ip',
    'remote_addr',
    'requester_ip_address',
    'ip_address',
    'remote_ip',
    'src_ip',
    'client_address',
  ],
  path: ['path', 'endpoint', 'url', 'route', 'request_path', 'uri'],
  keyId: ['key_id', 'api_key_id', 'key', 'api_key_hash', 'api_key', 'key_hash', 'key_name'],
  model: ['model', 'model_name'],
  tokens: ['tokens', 'total_tokens'],
  inputTokens: ['prompt_tokens', 'input_tokens'],
  outputTokens: ['completion_tokens', 'output_tokens'],
  cost: ['cost', 'spend', 'cost_usd', 'usd'],
  requests: ['requests', 'num_requests', 'num_model_requests', 'request_count'],
};

const FIELDS = Object.keys(COLUMN_ALIASES) as CsvField[];

export function normalizeHeader(h: string): string {
  return h
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}

/**
 * Maps fields to column indexes: explicit `mapping` first (header names, or 1-based numbers),
 * then the first alias found. Throws InputError when a mapped column does not exist.
 */
export function detectColumns(
  header: string[],
  mapping: Partial<Record<CsvField, string>> = {},
): Partial<Record<CsvField, number>> {
  const norm = header.map(normalizeHeader);
  const out: Partial<Record<CsvField, number>> = {};
  const used = new Set<number>();
  for (const [field, col] of Object.entries(mapping) as [CsvField, string][]) {
    if (!FIELDS.includes(field))
      throw new InputError(`unknown column field "${field}" (one of ${FIELDS.join(', ')})`);
    let i = norm.indexOf(normalizeHeader(col));
    if (i < 0 && /^\d+$/.test(col)) i = Number(col) - 1;
    if (i < 0 || i >= header.length) {
      throw new InputError(`column "${col}" for ${field} not in the CSV header (${header.join(', ')})`);
    }
    out[field] = i;
    used.add(i);
  }
  for (const field of FIELDS) {
    if (out[field] !== undefined) continue;
    for (const alias of COLUMN_ALIASES[field]) {
      const i = norm.indexOf(alias);
      if (i >= 0 && !used.has(i)) {
        out[field] = i;
        used.add(i);
        break;
      }
    }
  }
  return out;
}

export interface CsvReadOptions {
  /** Field → header name (or 1-based column number), e.g. `{ time: 'created', status: 'code' }`. */
  columns?: Partial<Record<CsvField, string>>;
  /** Source name in the report; default `csv:<file name>`. */
  name?: string;
}

export interface CsvReadStats {
  source: string;
  /** Data rows read (header excluded, malformed included). */
  rows: number;
  malformed: number;
  /** Field → header name actually used. */
  columns: Partial<Record<CsvField, string>>;
}

/** Longest row kept (characters); a longer one is a malformed row. */
export const MAX_RECORD_CHARS = 1_000_000;

const STATUS = /^\d{3}(?:\.0+)?$/;

function num(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const s = v.trim();
  if (s === '') return undefined;
  const n = Number(s);
  return Number.isFinite(n) ? n : undefined;
}

/** What a CSV read feeds: the accumulator, or a probe such as `TimeSpanProbe`. */
export type CsvSink = Pick<AuditAccumulator, 'add' | 'addMalformed' | 'addGaps'>;

/** A first pass over a log: the span of its events' times (to default the window's end to the last). */
export class TimeSpanProbe implements CsvSink {
  first = Number.POSITIVE_INFINITY;
  last = Number.NEGATIVE_INFINITY;
  events = 0;
  add(r: AuditRecord): void {
    this.events++;
    if (r.timeMs < this.first) this.first = r.timeMs;
    const end = r.timeMs + (r.bucketSeconds ?? 0) * 1000;
    if (end > this.last) this.last = end;
  }
  addMalformed(): void {}
  addGaps(): void {}
}

/** Streams a CSV file (path) or stream into the accumulator. */
export async function readCsvInto(
  acc: CsvSink,
  input: string | Readable,
  opts: CsvReadOptions = {},
): Promise<CsvReadStats> {
  const source = opts.name ?? (typeof input === 'string' ? `csv:${basename(input)}` : 'csv');
  const stats: CsvReadStats = { source, rows: 0, malformed: 0, columns: {} };
  let header: string[] | undefined;
  let idx: Partial<Record<CsvField, number>> = {};
  const bad = (row: number, reason: string) => {
    stats.malformed++;
    acc.addMalformed({ source, row, reason });
  };

  // Row numbers without csv-parse's per-record info objects (a sixth of its time): count the records
  // read, plus the records skipped for broken quoting before them (`err.records` says where).
  let consumed = 0;
  let skipped = 0;
  const skipAt: number[] = [];
  const parser = parse({
    bom: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    // An unclosed quote would otherwise gather the rest of the file into one field, in memory.
    max_record_size: MAX_RECORD_CHARS,
    on_skip: (err) => {
      const at = (err as { records?: number } | undefined)?.records ?? consumed;
      stats.rows++;
      bad(at + 1 + skipAt.length + skipped, err?.message.split('\n')[0] ?? 'unparsable row');
      skipAt.push(at);
      return undefined;
    },
  });
  const onRecord = (rec: string[]): void => {
    consumed++;
    while (skipAt.length > 0 && skipAt[0] < consumed) {
      skipAt.shift();
      skipped++;
    }
    const row = consumed + skipped;
    if (!header) {
      header = rec;
      idx = detectColumns(rec, opts.columns);
      if (idx.time === undefined) {
        throw new InputError(
          `${source}: no time column (looked for ${COLUMN_ALIASES.time.join(', ')}; header: ${rec.join(', ')}); map one with --column time=NAME`,
        );
      }
      for (const f of FIELDS) if (idx[f] !== undefined) stats.columns[f] = rec[idx[f]!];
      acc.addGaps(gapsForCsv(source, new Set(FIELDS.filter((f) => idx[f] !== undefined))));
      return;
    }
    stats.rows++;
    if (rec.length !== header.length) {
      bad(row, `expected ${header.length} columns, found ${rec.length}`);
      return;
    }
    const timeText = rec[idx.time!];
    const timeMs = parseTimestamp(timeText);
    if (timeMs === undefined) {
      bad(row, `bad time "${timeText.slice(0, 40)}"`);
      return;
    }
    const r: AuditRecord = { timeMs, requests: 1, source, row };
    if (idx.status !== undefined) {
      const s = rec[idx.status].trim();
      if (s !== '') {
        const code = Number(s);
        if (!STATUS.test(s) || code < 100 || code > 599) {
          bad(row, `bad status "${s.slice(0, 20)}"`);
          return;
        }
        r.status = code;
      }
    }
    if (idx.userAgent !== undefined) r.userAgent = rec[idx.userAgent];
    if (idx.ip !== undefined) {
      const ip = rec[idx.ip].trim();
      if (ip !== '' && ip !== '-') r.ip = ip; // `-`: the common log format's "none"
    }
    if (idx.path !== undefined) r.path = rec[idx.path];
    if (idx.keyId !== undefined) r.keyId = rec[idx.keyId];
    if (idx.model !== undefined) r.model = rec[idx.model];
    if (idx.tokens !== undefined) r.totalTokens = num(rec[idx.tokens]);
    if (idx.inputTokens !== undefined) r.inputTokens = num(rec[idx.inputTokens]);
    if (idx.outputTokens !== undefined) r.outputTokens = num(rec[idx.outputTokens]);
    if (idx.cost !== undefined) r.costUsd = num(rec[idx.cost]);
    if (idx.requests !== undefined) r.requests = num(rec[idx.requests]) ?? 1;
    acc.add(r);
  };

  const stream = typeof input === 'string' ? createReadStream(input, { highWaterMark: 256 * 1024 }) : input;
  // A header problem (no time column) ends the read at once; with a file stream the pipeline then
  // rejects with an AbortError, so the real reason is kept aside and thrown instead.
  let failure: unknown;
  try {
    await pipeline(stream, parser, async (records: AsyncIterable<string[]>) => {
      try {
        for await (const rec of records) onRecord(rec);
      } catch (e) {
        failure = e;
        throw e;
      }
    });
  } catch (e) {
    throw failure ?? e;
  }
  if (!header) acc.addGaps([`${source}: empty file.`]);
  return stats;
}
