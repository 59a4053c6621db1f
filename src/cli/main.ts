/**
 * The `keyguard` command line: the same engine as the action, flags instead of inputs. One file per
 * command under src/cli/commands/, one flag parser (src/cli/flags.ts), one exit-code table
 * (src/cli/exit.ts, docs/cli.md): 0 clean, 1 leaked keys (or a live key for `verify`), 2 usage, config or
 * runtime error, 3 inconclusive. Every error is one `keyguard: ` line on stderr.
 *
 * To add a command: write src/cli/commands/NAME.ts exporting a `Command` and list it in COMMANDS.
 */
import { ConfigError, InputError } from '../config/errors.js';
import { scrubUrls } from '../http/url.js';
import { Secret } from '../scan/secret.js';
import { forLog } from '../text/inert.js';
import { VERSION } from '../version.js';
import { cacheCommand } from './cache.js';
import type { CliIo, Command } from './command.js';
import { auditCommand } from './commands/audit.js';
import { baselineCommand } from './commands/baseline.js';
import { fleetCommand } from './commands/fleet.js';
import { scanCommand } from './commands/scan.js';
import { verifyCommand } from './commands/verify.js';
import { EXIT } from './exit.js';
import { parseFlags, renderHelp } from './flags.js';
import { loggerFrom } from './log.js';

export type { CliIo } from './command.js';

/** Every command, in `--help` order. */
export const COMMANDS: readonly Command[] = [
  scanCommand,
  baselineCommand,
  verifyCommand,
  auditCommand,
  cacheCommand,
  fleetCommand,
];

export const USAGE = `keyguard ${VERSION}: find, verify, rotate and audit leaked sk- style API keys

Usage: keyguard COMMAND [FLAGS]   (keyguard COMMAND --help lists every flag)

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(10)}${c.summary}`).join('\n')}

Examples:
  keyguard scan                          scan this directory (a checkout, or any files)
  keyguard scan --staged                 what the next commit would add (pre-commit hook)
  keyguard scan --history                every commit of the history
  keyguard scan --since-commit main      the commits of this branch after main
  keyguard baseline                      accept today's findings (fingerprints only)
  echo "$KEY" | keyguard verify          is this key live?
  keyguard audit --csv calls.csv --allow-ip 203.0.113.0/24 --leak-time 2026-11-18T18:00Z
  keyguard fleet plan --org acme --jobs 20 --state fleet-state.json --output matrix.json

Exit codes (every command):
  0  nothing to report (no leaked key; audit done; verify: the key is revoked)
  1  leaked keys found (scan --exit-code N changes it); verify: the key is live
  2  usage, configuration or runtime error (one "keyguard: " line on stderr)
  3  inconclusive (verify could not tell; audit: the window holds none of the log)

  keyguard --help | --version
`;

export async function cli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  try {
    switch (name) {
      case undefined:
      case '-h':
      case '--help':
      case 'help': {
        const topic = name === 'help' ? COMMANDS.find((c) => c.name === rest[0]) : undefined;
        io.stdout.write(topic ? helpOf(topic) : USAGE);
        return name === undefined ? EXIT.error : EXIT.ok;
      }
      case '-V':
      case '--version':
      case 'version':
        io.stdout.write(`${VERSION}\n`);
        return EXIT.ok;
    }
    let command = COMMANDS.find((c) => c.name === name);
    let args = rest;
    if (command?.subcommands) {
      const [subName, ...subRest] = rest;
      if (subName === undefined || subName === '-h' || subName === '--help' || subName === 'help') {
        io.stdout.write(helpOf(command));
        return subName === undefined ? EXIT.error : EXIT.ok;
      }
      const sub = command.subcommands.find((c) => c.name === `${command!.name} ${subName}`);
      if (!sub)
        throw new InputError(
          `unknown subcommand "${subName}" of ${command.name} (expected ${command.subcommands
            .map((c) => c.name.split(' ').pop())
            .join(', ')}; see keyguard ${command.name} --help)`,
        );
      command = sub;
      args = subRest;
    }
    if (!command) {
      const hint = name.startsWith('-') ? `flag ${name} before a command` : `command "${name}"`;
      throw new InputError(
        `unknown ${hint} (expected ${COMMANDS.map((c) => c.name).join(', ')}; see keyguard --help)`,
      );
    }
    const parsed = parseFlags(command.name, command.flags, args);
    if (parsed.values.help) {
      io.stdout.write(helpOf(command));
      return EXIT.ok;
    }
    const log = loggerFrom(parsed.values, io.stderr);
    return await command.run(parsed, { io, log });
  } catch (err) {
    io.stderr.write(`keyguard: ${forLog(oneLine(err))}\n`);
    return EXIT.error;
  }
}

export function helpOf(c: Command): string {
  if (!c.subcommands) return renderHelp(c);
  const lines = [`keyguard ${c.name}: ${c.summary}`, '', 'Usage:'];
  for (const u of c.usage) lines.push(`  keyguard ${c.name} ${u}`);
  lines.push('', 'Subcommands:');
  for (const s of c.subcommands) lines.push(`  ${s.name.padEnd(16)}${s.summary}`);
  if (c.notes?.length) lines.push('', ...c.notes);
  lines.push('', `keyguard ${c.name} SUBCOMMAND --help lists its flags.`);
  return `${lines.join('\n')}\n`;
}

/** One line, and never a key: errors from deep inside can quote input. */
export function oneLine(err: unknown): string {
  const msg =
    err instanceof ConfigError || err instanceof InputError
      ? err.message
      : err instanceof Error
        ? err.message
        : String(err);
  const first = msg.split('\n')[0] ?? '';
  // git and fetch quote URLs: credentials in https://user:token@host are not shown.
  return (
    scrubUrls(first)
      // A credential after an auth scheme (one with a digit: "Basic authentication" stays readable).
      .replace(/\b(Bearer|Basic|token)\s+(?=[A-Za-z._~+/=-]*\d)[A-Za-z0-9._~+/=-]{8,}/gi, '$1 ***')
      .replace(KEY_LIKE, (k) => new Secret(k).redacted)
  );
}

/**
 * Anything shaped like a credential: every provider prefix keyguard knows (sk-, rk_, gsk_, xai-, pplx-,
 * Langfuse pk-lf-) and GitHub tokens. Redacted, not matched exactly: a message may quote a key no rule knows.
 */
const KEY_LIKE =
  /(?<![A-Za-z0-9])(?:sk|rk|pk|gsk|xai|pplx|ghp|gho|ghu|ghs|ghr|github_pat)[-_][A-Za-z0-9_-]{12,}/g;
