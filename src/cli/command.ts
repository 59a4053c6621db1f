/**
 * What a command is: its name, its flags (one table: parsing, `--help`, unknown-flag errors), and `run`.
 * To add a command: write `src/cli/commands/NAME.ts` exporting a `Command`, and add it to
 * `COMMANDS` in `src/cli/main.ts`. To add a flag: add a row to the command's `flags` and read it in `run`.
 */
import type { FlagSpec, Parsed } from './flags.js';
import type { Logger } from './log.js';

export interface CliIo {
  stdout: { write(chunk: string): unknown; isTTY?: boolean };
  stderr: { write(chunk: string): unknown };
  stdin: AsyncIterable<Buffer | string>;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /**
   * Told every key keyguard makes or reads from a secret before any line about it: the action passes
   * core.setSecret, the bundled CLI on a runner writes the add-mask command (src/cli.ts).
   */
  mask?: (value: string) => void;
}

export interface CommandContext {
  io: CliIo;
  log: Logger;
}

export interface Command {
  name: string;
  /** One line for the command list. */
  summary: string;
  /** Usage lines after `keyguard NAME`. */
  usage: readonly string[];
  flags: readonly FlagSpec[];
  /** Lines after the flags in `--help` (exit codes, environment). */
  notes?: readonly string[];
  run(args: Parsed, ctx: CommandContext): Promise<number>;
  /**
   * A command made of subcommands (`keyguard fleet plan|sweep|report`): the first argument names one,
   * which is parsed and run as a command of its own (its `name` is the full `fleet plan`).
   */
  subcommands?: readonly Command[];
}
