/**
 * `keyguard fleet plan|sweep|rotate|report`: sweeping every repository of an organisation on a GitHub Actions
 * matrix (docs/fleet.md). Each subcommand is a command of its own (own flags, own `--help`); this file
 * only names them. `sweep` lives in ./fleet-sweep.ts, `plan` and `report` beside it.
 */
import type { Command } from '../command.js';
import { fleetPlanCommand } from './fleet-plan.js';
import { fleetReportCommand } from './fleet-report.js';
import { fleetRotateCommand } from './fleet-rotate.js';
import { fleetSweepCommand } from './fleet-sweep.js';

export const FLEET_SUBCOMMANDS: readonly Command[] = [
  fleetPlanCommand,
  fleetSweepCommand,
  fleetRotateCommand,
  fleetReportCommand,
];

export const fleetCommand: Command = {
  name: 'fleet',
  summary: 'sweep every repository of an organisation: plan → sweep (one matrix job per shard) → report',
  usage: [
    'plan   --org ORG [--jobs N] [--include GLOB]… [--exclude GLOB]… [--state FILE] [--output FILE]',
    'sweep  --shard FILE [--state FILE] --output-dir DIR [--verify] [--seal | --rotate]',
    'rotate --input DIR… --plan FILE [--dry-run] [--disable-only]',
    'report --input DIR… [--state FILE] [--state-out FILE] [--format text|json|markdown|sarif] [--output FILE]',
  ],
  flags: [],
  notes: [
    'Environment: GITHUB_API_URL (GHES: https://HOST/api/v3), GITHUB_SERVER_URL (clone URLs),',
    'KEYGUARD_FLEET_TOKEN (else GITHUB_TOKEN): never in a URL, an argument or a file.',
    'See docs/fleet.md for the workflow, the GitHub App permissions and the limits.',
  ],
  subcommands: FLEET_SUBCOMMANDS,
  async run() {
    // Not reached: cli() dispatches to a subcommand.
    return 2;
  },
};
