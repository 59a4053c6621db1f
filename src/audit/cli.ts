/**
 * `keyguard audit --csv FILE …`: the call-log audit from the command line. Exit 0 when the audit ran
 * (whatever it found), 3 when the window holds none of the log's events (not an all-clear), 2 on a usage
 * or runtime error with a one-line `keyguard: ` reason (the exit codes of every command: src/cli/exit.ts).
 */
import { access } from 'node:fs/promises';
import { EXIT } from '../cli/exit.js';
import { type FlagSpec, list, parseFlags, renderHelp, str } from '../cli/flags.js';
import { type Destination, deliver, destination, OUTPUT_FLAG } from '../cli/output.js';
import { InputError } from '../config/errors.js';
import { writeReportFile } from '../files/write-report.js';
import { forLog } from '../text/inert.js';
import { AuditAccumulator, MAX_WINDOW_MS } from './analyze.js';
import { parseCidr } from './cidr.js';
import { COLUMN_ALIASES, type CsvField, readCsvInto, TimeSpanProbe } from './csv.js';
import { renderFlaggedCsv, renderJson, renderMarkdown, renderText } from './render.js';
import { parseDuration, parseTimestamp } from './time.js';
import type { AuditReport } from './types.js';
import { DEFAULT_UA_LISTS } from './useragent.js';

export interface AuditIo {
  stdout: { write(chunk: string): unknown };
  stderr: { write(chunk: string): unknown };
  cwd?: string;
}

/** The flags of `keyguard audit`, both sources (call-log CSV, provider usage API). */
export const AUDIT_FLAGS: readonly FlagSpec[] = [
  {
    name: 'csv',
    type: 'string',
    multiple: true,
    value: 'FILE',
    description: 'exported call log, header row required',
  },
  {
    name: 'provider',
    type: 'string',
    value: 'ID',
    description: "audit from the provider's usage API instead: openai, anthropic, openrouter or litellm",
  },
  {
    name: 'key-id',
    type: 'string',
    value: 'ID',
    description: "with --provider: the provider's id of the key",
  },
  {
    name: 'base-url',
    type: 'string',
    value: 'URL',
    description: "with --provider: the provider's API base URL",
  },
  {
    name: 'allow-ip',
    type: 'string',
    multiple: true,
    value: 'CIDR',
    description: 'your own networks, IPv4 or IPv6 (comma-separated too): their traffic is vouched for',
  },
  {
    name: 'window',
    type: 'string',
    value: 'D',
    description: 'window length before --end (units ms s m h d w)',
    default: '168h',
  },
  {
    name: 'end',
    type: 'string',
    value: 'T',
    description:
      "end of the window, e.g. when the key was disabled (default: the log's last event; --provider: now)",
  },
  {
    name: 'leak-time',
    type: 'string',
    value: 'T',
    description: 'when the key leaked (date of the commit that introduced it)',
  },
  {
    name: 'format',
    short: 'f',
    type: 'string',
    value: 'text|json|markdown',
    description: 'report format',
    default: 'text',
  },
  OUTPUT_FLAG,
  {
    name: 'flagged-csv',
    type: 'string',
    value: 'OUT',
    description: 'write requests from unknown networks to OUT as CSV',
  },
  {
    name: 'column',
    type: 'string',
    multiple: true,
    value: 'F=NAME',
    description: `map a field to a header: ${Object.keys(COLUMN_ALIASES).join(', ')}`,
  },
  {
    name: 'sdk-ua',
    type: 'string',
    multiple: true,
    value: 'TEXT',
    description: 'extra user-agent substring counted as an SDK',
  },
  {
    name: 'generic-ua',
    type: 'string',
    multiple: true,
    value: 'TEXT',
    description: 'extra user-agent substring counted as a generic client',
  },
  {
    name: 'flagged-limit',
    type: 'string',
    value: 'N',
    description: 'flagged requests kept in the report',
    default: '1000',
  },
  {
    name: 'config',
    short: 'c',
    type: 'string',
    value: 'FILE',
    description: 'with --provider: configuration file (default .keyguard.yml)',
  },
];

export const AUDIT_USAGE_LINES = [
  '--csv FILE [--csv FILE2] [--allow-ip CIDR …] [--window 168h] [--end T] [--leak-time T] [--format F]',
  '--provider openai|anthropic|openrouter|litellm --key-id ID [--window 168h] [--end T]   (admin key from KEYGUARD_ADMIN_KEY)',
];

export const AUDIT_NOTES = [
  'Times: ISO 8601 (no zone = UTC) or epoch seconds / milliseconds.',
  'Limits for the replacement key are recommended only from traffic the allowlist or the pre-leak window vouches for.',
  'Exit: 0 audited, 3 the window holds none of the log (not an all-clear), 2 usage or runtime error.',
];

export const AUDIT_SUMMARY =
  'what a leaked key did: requests from unknown networks, jumps, limits for its replacement';

export function auditHelp(): string {
  return renderHelp({
    name: 'audit',
    summary: AUDIT_SUMMARY,
    usage: AUDIT_USAGE_LINES,
    flags: AUDIT_FLAGS,
    notes: AUDIT_NOTES,
  });
}

export interface AuditArgs {
  csv: string[];
  allowIps: string[];
  windowMs: number;
  end?: string;
  leakTime?: string;
  format: 'text' | 'json' | 'markdown';
  output?: string;
  flaggedCsv?: string;
  columns: Partial<Record<CsvField, string>>;
  sdkUa: string[];
  genericUa: string[];
  flaggedLimit?: number;
  help: boolean;
}

export function checkTime(flag: string, v: string | undefined): string | undefined {
  if (v === undefined) return undefined;
  const ms = parseTimestamp(v);
  if (ms === undefined)
    throw new InputError(`${flag} "${v}" is not a time (expected ISO 8601 or epoch seconds)`);
  return new Date(ms).toISOString();
}

export function checkWindow(v: string): number {
  const ms = parseDuration(v);
  if (ms === undefined) throw new InputError(`--window "${v}" is not a duration (expected e.g. 168h or 7d)`);
  if (ms > MAX_WINDOW_MS) throw new InputError(`--window "${v}" is longer than 366 days`);
  return ms;
}

export function checkAllowIps(values: Record<string, unknown>): string[] {
  const out = list(values as never, 'allow-ip');
  for (const c of out) {
    try {
      parseCidr(c);
    } catch (e) {
      throw new InputError(`--allow-ip: ${(e as Error).message}`);
    }
  }
  return out;
}

export function checkFormat(v: string | undefined): AuditArgs['format'] {
  if (v !== 'text' && v !== 'json' && v !== 'markdown')
    throw new InputError(`--format "${v}" is not one of text, json, markdown`);
  return v;
}

const PROVIDER_ONLY = ['key-id', 'base-url', 'config'];
export const CSV_ONLY = ['csv', 'flagged-csv', 'column', 'sdk-ua', 'generic-ua'];

/** Parses the call-log audit's flags; throws InputError with a one-line reason. */
export function parseAuditArgs(argv: string[]): AuditArgs {
  const args = argv[0] === 'audit' ? argv.slice(1) : argv;
  const { values, positionals } = parseFlags('audit', AUDIT_FLAGS, args);
  if (positionals.length) throw new InputError(`unexpected argument "${positionals[0]}" (use --csv FILE)`);
  const a: AuditArgs = {
    csv: (values.csv as string[] | undefined) ?? [],
    allowIps: checkAllowIps(values),
    windowMs: checkWindow(str(values, 'window') ?? '168h'),
    end: checkTime('--end', str(values, 'end')),
    leakTime: checkTime('--leak-time', str(values, 'leak-time')),
    format: checkFormat(str(values, 'format')),
    output: str(values, 'output'),
    flaggedCsv: str(values, 'flagged-csv'),
    columns: {},
    sdkUa: (values['sdk-ua'] as string[] | undefined) ?? [],
    genericUa: (values['generic-ua'] as string[] | undefined) ?? [],
    help: Boolean(values.help),
  };
  if (a.help) return a;
  for (const f of PROVIDER_ONLY)
    if (values[f] !== undefined)
      throw new InputError(`--${f} is for audit --provider (a usage API), not --csv`);
  for (const pair of list(values, 'column')) {
    const [field, name] = pair.split('=');
    if (!name || !(field! in COLUMN_ALIASES)) {
      throw new InputError(
        `--column "${pair}" is not FIELD=HEADER with FIELD one of ${Object.keys(COLUMN_ALIASES).join(', ')}`,
      );
    }
    a.columns[field as CsvField] = name;
  }
  const limit = str(values, 'flagged-limit') ?? '1000';
  if (!/^\d+$/.test(limit)) throw new InputError(`--flagged-limit "${limit}" is not a whole number`);
  a.flaggedLimit = Number(limit);
  if (a.csv.length === 0) throw new InputError('--csv FILE is required (or --provider ID --key-id ID)');
  return a;
}

function render(report: AuditReport, format: AuditArgs['format']): string {
  return format === 'json'
    ? renderJson(report)
    : format === 'markdown'
      ? renderMarkdown(report)
      : renderText(report);
}

/**
 * Says loudly when the window missed the log: "no use" over a window that holds none of the rows is a
 * false all-clear. Returns the exit code.
 */
export function emptyWindowExit(report: AuditReport, stderr: { write(chunk: string): unknown }): number {
  const t = report.totals;
  if (t.events > 0 || report.managementEvents.length > 0 || t.ignored === 0) return EXIT.ok;
  const span = t.outsideWindow ? ` (they span ${t.outsideWindow.first} .. ${t.outsideWindow.last})` : '';
  stderr.write(
    `keyguard: warning: NOT AUDITED: the window ${report.window.start} .. ${report.window.end} holds none of the ${t.ignored} event(s) in the log${span}; set --end and --window to cover them\n`,
  );
  return EXIT.inconclusive;
}

export async function runAudit(args: string[], io: AuditIo): Promise<number> {
  let parsed: AuditArgs;
  let dest: Destination;
  try {
    parsed = parseAuditArgs(args);
    if (parsed.help) {
      io.stdout.write(auditHelp());
      return EXIT.ok;
    }
    dest = destination(io.cwd ?? process.cwd(), parsed.output);
    for (const f of parsed.csv) {
      await access(f).catch(() => {
        throw new InputError(`cannot read --csv ${f}`);
      });
    }
  } catch (e) {
    io.stderr.write(`keyguard: ${forLog(oneLineOf(e))}\n`);
    return EXIT.error;
  }
  try {
    const end = parsed.end ?? (await lastEventEnd(parsed, io));
    const acc = new AuditAccumulator({
      window: { start: new Date(Date.parse(end) - parsed.windowMs).toISOString(), end },
      leakTime: parsed.leakTime,
      allowIps: parsed.allowIps,
      flaggedLimit: parsed.flaggedLimit,
      userAgents: {
        sdk: [...DEFAULT_UA_LISTS.sdk, ...parsed.sdkUa],
        generic: [...DEFAULT_UA_LISTS.generic, ...parsed.genericUa],
      },
    });
    if (parsed.end === undefined)
      acc.addGaps([`Window end not given (--end): the log's last event, ${end}.`]);
    for (const f of parsed.csv) await readCsvInto(acc, f, { columns: parsed.columns });
    const report = acc.finish();
    await deliver(dest, render(report, parsed.format), io.stdout);
    // Like every report keyguard writes: never through a symbolic link.
    if (parsed.flaggedCsv) await writeReportFile(parsed.flaggedCsv, renderFlaggedCsv(report.flagged));
    return emptyWindowExit(report, io.stderr);
  } catch (e) {
    // Usage, data and internal failures alike: nothing was concluded (exit 2, as every command).
    const prefix = e instanceof InputError ? '' : 'audit failed: ';
    io.stderr.write(`keyguard: ${prefix}${forLog(oneLineOf(e))}\n`);
    return EXIT.error;
  }
}

function oneLineOf(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0] ?? '';
}

/**
 * No `--end`: the window ends just after the log's last event (a first pass over the files), so an old
 * export is audited where its rows are instead of "now". Said on stderr and in the report's gaps.
 */
async function lastEventEnd(parsed: AuditArgs, io: AuditIo): Promise<string> {
  const probe = new TimeSpanProbe();
  for (const f of parsed.csv) await readCsvInto(probe, f, { columns: parsed.columns });
  if (probe.events === 0) return new Date().toISOString();
  // The window's end is exclusive: one millisecond past the last event keeps it inside.
  const end = new Date(Math.ceil((probe.last + 1) / 1000) * 1000).toISOString();
  io.stderr.write(
    `keyguard: --end not given: the window ends at the log's last event (${end}); give --end (e.g. when the key was disabled) to choose\n`,
  );
  return end;
}
