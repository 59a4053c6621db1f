/**
 * The CLI's stderr log: `--log-level error|warn|info|debug` (default info), `-v/--verbose` = debug.
 * Reports go to stdout or `--output`; everything said about the run goes here, one inert line each.
 */
import { InputError } from '../config/errors.js';
import { forLog } from '../text/inert.js';
import type { FlagValues } from './flags.js';

export const LOG_LEVELS = ['error', 'warn', 'info', 'debug'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export class Logger {
  readonly #rank: number;
  constructor(
    private readonly out: { write(chunk: string): unknown },
    level: LogLevel = 'info',
  ) {
    this.#rank = LOG_LEVELS.indexOf(level);
  }
  #say(level: LogLevel, msg: string): void {
    if (LOG_LEVELS.indexOf(level) <= this.#rank) this.out.write(`keyguard: ${forLog(msg)}\n`);
  }
  error(msg: string): void {
    this.#say('error', msg);
  }
  warn(msg: string): void {
    this.#say('warn', `warning: ${msg}`);
  }
  info(msg: string): void {
    this.#say('info', msg);
  }
  debug(msg: string): void {
    this.#say('debug', msg);
  }
}

/** The logger the common flags ask for. */
export function loggerFrom(values: FlagValues, out: { write(chunk: string): unknown }): Logger {
  if (values.verbose) return new Logger(out, 'debug');
  const level = String(values['log-level'] ?? 'info');
  if (!(LOG_LEVELS as readonly string[]).includes(level))
    throw new InputError(`--log-level "${level}" is not one of ${LOG_LEVELS.join(', ')}`);
  return new Logger(out, level as LogLevel);
}
