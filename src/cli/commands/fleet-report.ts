/** `keyguard fleet report`: placeholder, filled in on this branch. */
import { InputError } from '../../config/errors.js';
import type { Command } from '../command.js';

export const fleetReportCommand: Command = {
  name: 'fleet report',
  summary: 'report',
  usage: [''],
  flags: [],
  async run() {
    throw new InputError('fleet report: not built yet');
  },
};
