/** `keyguard fleet plan`: placeholder, filled in on this branch. */
import { InputError } from '../../config/errors.js';
import type { Command } from '../command.js';

export const fleetPlanCommand: Command = {
  name: 'fleet plan',
  summary: 'plan',
  usage: [''],
  flags: [],
  async run() {
    throw new InputError('fleet plan: not built yet');
  },
};
