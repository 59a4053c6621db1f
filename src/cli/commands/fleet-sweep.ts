/**
 * `keyguard fleet sweep`: PLACEHOLDER owned by the fleet-sweep branch, which replaces this file.
 * The contract: export `fleetSweepCommand: Command` named `fleet sweep`.
 */
import { InputError } from '../../config/errors.js';
import type { Command } from '../command.js';

export const fleetSweepCommand: Command = {
  name: 'fleet sweep',
  summary: 'clone and scan the repositories of one matrix shard; one result file per repository',
  usage: ['--shard FILE [--state FILE] --output-dir DIR'],
  flags: [
    { name: 'shard', type: 'string', value: 'FILE', description: 'one entry of the plan matrix (JSON)' },
    {
      name: 'state',
      type: 'string',
      value: 'FILE',
      description: 'the fleet state (what earlier sweeps covered)',
    },
    {
      name: 'output-dir',
      type: 'string',
      value: 'DIR',
      description: 'where to write one result per repository',
    },
  ],
  async run() {
    throw new InputError('fleet sweep is not built in this branch yet');
  },
};
