/**
 * `keyguard audit --csv FILE …`: the call-log audit from the command line. Exit 0 when the audit
 * ran (whatever it found), 2 on a usage error with a one-line reason, 1 on an unexpected failure.
 */
import { access } from 'node:fs/promises';
import { InputError } from '../config/errors.js';
import { writeReportFile } from '../files/write-report.js';
import { forLog } from '../text/inert.js';
import { AuditAccumulator, MAX_WINDOW_MS } from './analyze.js';
import { parseCidr } from './cidr.js';
import { COLUMN_ALIASES, type CsvField, readCsvInto } from './csv.js';
import { renderFlaggedCsv, renderJson, renderMarkdown, renderText } from './render.js';
import { HOUR_MS, parseDuration, parseTimestamp } from './time.js';
import { DEFAULT_UA_LISTS } from './useragent.js';

export interface AuditIo {
  stdout: { write(chunk: string): unknown };
  stderr: { write(chunk: string): unknown };
}

export const AUDIT_USAGE = `Usage: keyguard audit --csv FILE [--csv FILE2] [--allow-ip CIDR …] [--window 168h]
                      [--end T] [--leak-time T] [--format text|json|markdown]
                      [--flagged-csv OUT] [--column time=created …]
                      [--sdk-ua TEXT …] [--generic-ua TEXT …] [--flagged-limit N]
  --csv FILE          exported call log (repeatable); header row required
  --allow-ip CIDR     your own networks, IPv4 or IPv6 (repeatable or comma-separated)
  --window D          window length before --end (default 168h; units ms s m h d w)
  --end T             end of the window, e.g. when the key was disabled (default now)
  --leak-time T       when the key leaked (date of the commit that introduced it)
  --format F          text (default), json or markdown
  --flagged-csv OUT   write requests from unknown networks to OUT as CSV
  --column F=NAME     map a field to a header: ${Object.keys(COLUMN_ALIASES).join(', ')}
  --sdk-ua TEXT       extra user-agent substring counted as an SDK (repeatable)
  --generic-ua TEXT   extra user-agent substring counted as a generic client (repeatable)
  --flagged-limit N   flagged requests kept in the report (default 1000)
Times: ISO 8601 (no zone = UTC) or epoch seconds / milliseconds.
`;

export interface AuditArgs {
  csv: string[];
  allowIps: string[];
  windowMs: number;
  end?: string;
  leakTime?: string;
  format: 'text' | 'json' | 'markdown';
  flaggedCsv?: string;
  columns: Partial<Record<CsvField, string>>;
  sdkUa: string[];
  genericUa: string[];
  flaggedLimit?: number;
  help: boolean;
}

function checkTime(flag: string, v: string): string {
  const ms = parseTimestamp(v);
  if (ms === undefined)
    throw new InputError(`${flag} "${v}" is not a time (expected ISO 8601 or epoch seconds)`);
  return new Date(ms).toISOString();
}

/** Parses the audit flags; throws InputError with a one-line reason. */
export function parseAuditArgs(argv: string[]): AuditArgs {
  const a: AuditArgs = {
    csv: [],
    allowIps: [],
    windowMs: 168 * HOUR_MS,
    format: 'text',
    columns: {},
    sdkUa: [],
    genericUa: [],
    help: false,
  };
  const args = argv[0] === 'audit' ? argv.slice(1) : [...argv];
  for (let i = 0; i < args.length; i++) {
    let flag = args[i];
    let value: string | undefined;
    const eq = flag.indexOf('=');
    if (flag.startsWith('--') && eq > 0) {
      value = flag.slice(eq + 1);
      flag = flag.slice(0, eq);
    }
    if (flag === '-h' || flag === '--help') {
      a.help = true;
      continue;
    }
    const need = (): string => {
      if (value !== undefined) return value;
      const next = args[i + 1];
      if (next === undefined || next.startsWith('--')) throw new InputError(`${flag} needs a value`);
      i++;
      return next;
    };
    switch (flag) {
      case '--csv':
        a.csv.push(need());
        break;
      case '--allow-ip':
        for (const c of need()
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)) {
          try {
            parseCidr(c);
          } catch (e) {
            throw new InputError(`--allow-ip: ${(e as Error).message}`);
          }
          a.allowIps.push(c);
        }
        break;
      case '--window': {
        const v = need();
        const ms = parseDuration(v);
        if (ms === undefined)
          throw new InputError(`--window "${v}" is not a duration (expected e.g. 168h or 7d)`);
        if (ms > MAX_WINDOW_MS) throw new InputError(`--window "${v}" is longer than 366 days`);
        a.windowMs = ms;
        break;
      }
      case '--end':
        a.end = checkTime(flag, need());
        break;
      case '--leak-time':
        a.leakTime = checkTime(flag, need());
        break;
      case '--format': {
        const v = need();
        if (v !== 'text' && v !== 'json' && v !== 'markdown') {
          throw new InputError(`--format "${v}" is not one of text, json, markdown`);
        }
        a.format = v;
        break;
      }
      case '--flagged-csv':
        a.flaggedCsv = need();
        break;
      case '--column':
        for (const pair of need().split(',')) {
          const [field, name] = pair.split('=');
          if (!name || !(field in COLUMN_ALIASES)) {
            throw new InputError(
              `--column "${pair}" is not FIELD=HEADER with FIELD one of ${Object.keys(COLUMN_ALIASES).join(', ')}`,
            );
          }
          a.columns[field as CsvField] = name;
        }
        break;
      case '--sdk-ua':
        a.sdkUa.push(need());
        break;
      case '--generic-ua':
        a.genericUa.push(need());
        break;
      case '--flagged-limit': {
        const v = need();
        if (!/^\d+$/.test(v)) throw new InputError(`--flagged-limit "${v}" is not a whole number`);
        a.flaggedLimit = Number(v);
        break;
      }
      default:
        throw new InputError(
          flag.startsWith('-') ? `unknown option ${flag}` : `unexpected argument "${flag}" (use --csv FILE)`,
        );
    }
  }
  if (!a.help && a.csv.length === 0) throw new InputError('--csv FILE is required');
  return a;
}

export async function runAudit(args: string[], io: AuditIo): Promise<number> {
  let parsed: AuditArgs;
  try {
    parsed = parseAuditArgs(args);
    for (const f of parsed.csv) {
      await access(f).catch(() => {
        throw new InputError(`cannot read --csv ${f}`);
      });
    }
  } catch (e) {
    if (e instanceof InputError) {
      io.stderr.write(`keyguard audit: ${forLog(e.message)}\n`);
      return 2;
    }
    throw e;
  }
  if (parsed.help) {
    io.stdout.write(AUDIT_USAGE);
    return 0;
  }
  try {
    const end = parsed.end ?? new Date().toISOString();
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
    for (const f of parsed.csv) await readCsvInto(acc, f, { columns: parsed.columns });
    const report = acc.finish();
    const out =
      parsed.format === 'json'
        ? renderJson(report)
        : parsed.format === 'markdown'
          ? renderMarkdown(report)
          : renderText(report);
    io.stdout.write(out);
    // Like every report keyguard writes: never through a symbolic link.
    if (parsed.flaggedCsv) await writeReportFile(parsed.flaggedCsv, renderFlaggedCsv(report.flagged));
    return 0;
  } catch (e) {
    if (e instanceof InputError) {
      io.stderr.write(`keyguard audit: ${forLog(e.message.split('\n')[0])}\n`);
      return 2;
    }
    io.stderr.write(`keyguard audit: failed: ${forLog((e as Error).message.split('\n')[0])}\n`);
    return 1;
  }
}
