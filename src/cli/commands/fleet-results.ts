/** The sweep results `fleet report` and `fleet rotate` read: the `--input DIR…` flag and its check. */
import { InputError } from '../../config/errors.js';
import { type FlagSpec, type FlagValues, list } from '../flags.js';

export const RESULTS_INPUT_FLAG: FlagSpec = {
  name: 'input',
  short: 'i',
  type: 'string',
  multiple: true,
  value: 'DIR',
  description: 'a directory of sweep results (searched a few levels deep, as artifacts unpack)',
};

/** The `--input` directories as given, or an InputError naming `command` when there is none. */
export function resultInputs(command: string, values: FlagValues): string[] {
  const inputs = list(values, 'input');
  if (!inputs.length) throw new InputError(`${command} needs --input DIR (the sweep results)`);
  return inputs;
}
