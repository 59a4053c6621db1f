/** `keyguard baseline`: record today's findings (fingerprints only) so later scans report only new ones. */
import { join } from 'node:path';
import { writeBaseline } from '../../filters/index.js';
import { runScan } from '../../pipeline/scan.js';
import type { Command } from '../command.js';
import { EXIT } from '../exit.js';
import { str } from '../flags.js';
import { outputPath } from '../output.js';
import { atMost, CONFIG_FLAG, configFor, directory } from '../shared.js';
import { DEFAULT_BASELINE } from './scan.js';

export const baselineCommand: Command = {
  name: 'baseline',
  summary: `write the fingerprints of today's findings (no keys) to ${DEFAULT_BASELINE}`,
  usage: ['[PATH] [--output FILE] [--history] [--config FILE]'],
  flags: [
    {
      name: 'output',
      short: 'o',
      type: 'string',
      value: 'FILE',
      description: `where to write the baseline (default: ${DEFAULT_BASELINE} in PATH, which scan loads by itself)`,
    },
    { name: 'history', type: 'boolean', description: 'include keys found only in the git history (a sweep)' },
    CONFIG_FLAG,
  ],
  notes: ['Exit: 0 written, 2 usage, config or runtime error.'],
  async run({ values, positionals }, { io, log }) {
    atMost('baseline', positionals, 1, 'PATH');
    const root = directory(io.cwd, positionals[0]);
    const out = outputPath(io.cwd, str(values, 'output') ?? join(root, DEFAULT_BASELINE));
    const config = await configFor(root, str(values, 'config'), io.cwd);
    const outcome = await runScan({ root, target: { kind: values.history ? 'sweep' : 'tree' }, config });
    await writeBaseline(out, outcome.findings);
    log.info(`wrote ${outcome.findings.length} fingerprint(s) to ${out} (no keys)`);
    return EXIT.ok;
  },
};
