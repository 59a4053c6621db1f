/**
 * One flag parser for every command: each command declares its flags once (name, type, value name,
 * description), and that one table drives parsing (Node's `util.parseArgs`, strict), the `--help` text and
 * the error for a flag the command does not know. Adding a flag is adding a row.
 */
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { InputError } from '../config/errors.js';

export interface FlagSpec {
  /** Long name without the dashes: `fail-on`. */
  name: string;
  short?: string;
  type: 'string' | 'boolean';
  /** Repeatable (`--allow-ip A --allow-ip B`): the value is a list. */
  multiple?: boolean;
  /** The value's placeholder in `--help`: `FILE`, `N`, `any|live|never`. */
  value?: string;
  /** One line for `--help`. */
  description: string;
  /** The value may start with `-` (`--log-opts "--all"`): the next argument is taken as it is. */
  dashValue?: boolean;
  /** Shown in `--help` and used when the flag is absent. */
  default?: string;
}

/** Flags every command takes. */
export const COMMON_FLAGS: readonly FlagSpec[] = [
  { name: 'help', short: 'h', type: 'boolean', description: 'show this help and exit' },
  {
    name: 'verbose',
    short: 'v',
    type: 'boolean',
    description: 'log what keyguard does to stderr (same as --log-level debug)',
  },
  {
    name: 'log-level',
    type: 'string',
    value: 'error|warn|info|debug',
    description: 'how much to log to stderr',
    default: 'info',
  },
];

export type FlagValues = Record<string, string | boolean | string[] | undefined>;

export interface Parsed {
  values: FlagValues;
  positionals: string[];
  /** The arguments as given (for a command that hands them on). */
  argv: string[];
}

function optionsOf(flags: readonly FlagSpec[]): NonNullable<ParseArgsConfig['options']> {
  const options: NonNullable<ParseArgsConfig['options']> = {};
  for (const f of flags) {
    options[f.name] = {
      type: f.type,
      ...(f.short ? { short: f.short } : {}),
      ...(f.multiple ? { multiple: true } : {}),
    };
  }
  return options;
}

/**
 * Parses `argv` against `flags` (plus the common ones). A flag the command does not know, a missing
 * value, a value given to a switch: an InputError naming the flag and the command's help.
 */
export function parseFlags(command: string, flags: readonly FlagSpec[], argv: string[]): Parsed {
  const all = [...flags, ...COMMON_FLAGS];
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: glueDashValues(all, argv),
      options: optionsOf(all),
      allowPositionals: true,
      strict: true,
    });
  } catch (err) {
    throw new InputError(parseProblem(command, all, argv, err as Error & { code?: string }));
  }
  const values: FlagValues = { ...(parsed.values as FlagValues) };
  for (const f of all)
    if (values[f.name] === undefined && f.default !== undefined) values[f.name] = f.default;
  return { values, positionals: parsed.positionals, argv };
}

/** `--log-opts --all` → `--log-opts=--all` for flags whose values start with a dash (parseArgs refuses them). */
function glueDashValues(flags: readonly FlagSpec[], argv: string[]): string[] {
  const dash = new Set(flags.filter((f) => f.dashValue).map((f) => `--${f.name}`));
  if (dash.size === 0) return argv;
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      out.push(...argv.slice(i));
      break;
    }
    if (dash.has(a) && i + 1 < argv.length) out.push(`${a}=${argv[++i]}`);
    else out.push(a);
  }
  return out;
}

/** parseArgs's messages in keyguard's words, one line, naming the flag. */
function parseProblem(
  command: string,
  flags: readonly FlagSpec[],
  argv: string[],
  err: Error & { code?: string },
): string {
  const named = /'(-[^']*)'/.exec(err.message)?.[1];
  const flag = named?.split(/[ =,]/)[0];
  const help = `see keyguard ${command} --help`;
  switch (err.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION': {
      const shown = flag ?? argv.find((a) => a.startsWith('-')) ?? '?';
      const near = closest(shown.replace(/^-+/, '').split('=')[0]!, flags);
      return `unknown flag ${shown} for "keyguard ${command}"${near ? ` (did you mean --${near}?)` : ''}; ${help}`;
    }
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE': {
      const spec = flags.find((f) => err.message.includes(`--${f.name}`));
      if (spec?.type === 'boolean') return `--${spec.name} takes no value; ${help}`;
      if (spec) return `--${spec.name} needs a value${spec.value ? ` (${spec.value})` : ''}`;
      return `${err.message.split('\n')[0]}; ${help}`;
    }
    default:
      return `${err.message.split('\n')[0]}; ${help}`;
  }
}

/** The known flag nearest to a mistyped one (edit distance ≤ 2), for "did you mean". */
function closest(name: string, flags: readonly FlagSpec[]): string | undefined {
  let best: string | undefined;
  let bestD = 3;
  for (const f of flags) {
    const d = distance(name, f.name);
    if (d < bestD) {
      best = f.name;
      bestD = d;
    }
  }
  return best;
}

function distance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length]!;
}

/** `--help` for a command: usage lines, then every flag with its description, from the same table. */
export function renderHelp(cmd: {
  name: string;
  summary: string;
  usage: readonly string[];
  flags: readonly FlagSpec[];
  notes?: readonly string[];
}): string {
  const all = [...cmd.flags, ...COMMON_FLAGS];
  const left = (f: FlagSpec) =>
    `${f.short ? `-${f.short}, ` : '    '}--${f.name}${f.type === 'string' ? ` ${f.value ?? 'VALUE'}` : ''}`;
  const width = Math.min(34, Math.max(...all.map((f) => left(f).length)) + 2);
  const lines = [`keyguard ${cmd.name}: ${cmd.summary}`, '', 'Usage:'];
  for (const u of cmd.usage) lines.push(`  keyguard ${cmd.name} ${u}`);
  lines.push('', 'Flags:');
  for (const f of all) {
    const l = left(f);
    const extra = [f.multiple ? 'repeatable' : '', f.default !== undefined ? `default ${f.default}` : '']
      .filter(Boolean)
      .join(', ');
    const text = `${f.description}${extra ? ` (${extra})` : ''}`;
    lines.push(
      l.length + 2 > width ? `  ${l}\n  ${' '.repeat(width)}${text}` : `  ${l.padEnd(width)}${text}`,
    );
  }
  if (cmd.notes?.length) lines.push('', ...cmd.notes);
  return `${lines.join('\n')}\n`;
}

/** A string flag's value as a string (undefined when absent). */
export function str(values: FlagValues, name: string): string | undefined {
  const v = values[name];
  return typeof v === 'string' ? v : undefined;
}

/** A repeatable flag's values, comma-separated entries split. */
export function list(values: FlagValues, name: string): string[] {
  const v = values[name];
  const raw = Array.isArray(v) ? v : typeof v === 'string' ? [v] : [];
  return raw
    .flatMap((s) => s.split(','))
    .map((s) => s.trim())
    .filter(Boolean);
}

/** One of `choices`, or an InputError naming the flag and the choices. */
export function oneOf<T extends string>(values: FlagValues, name: string, choices: readonly T[]): T {
  const v = str(values, name) ?? '';
  if (!(choices as readonly string[]).includes(v))
    throw new InputError(`--${name} "${v}" is not one of ${choices.join(', ')}`);
  return v as T;
}
