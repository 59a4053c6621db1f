/** `keyguard fleet plan`: the organisation's repositories and the state → tonight's matrix (docs/fleet.md). */
import { resolve } from 'node:path';
import { InputError } from '../../config/errors.js';
import { writeFleetJson } from '../../fleet/files.js';
import { MAX_LIST_PAGES } from '../../fleet/list.js';
import { runPlan } from '../../fleet/run-plan.js';
import { DEFAULT_JOBS, MATRIX_LIMIT } from '../../fleet/shards.js';
import { forLog } from '../../text/inert.js';
import type { Command } from '../command.js';
import { EXIT } from '../exit.js';
import { list, str } from '../flags.js';
import { outputPath } from '../output.js';
import { atMost, CONFIG_FLAG, configFor } from '../shared.js';

function count(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{1,6}$/.test(value.trim())) throw new InputError(`--${flag} "${value}" is not a whole number`);
  return Number(value.trim());
}

export const fleetPlanCommand: Command = {
  name: 'fleet plan',
  summary:
    "list the organisation's repositories and write tonight's matrix (only what changed since the state)",
  usage: [
    '--org ORG [--jobs N] [--include GLOB]… [--exclude GLOB]… [--max-repos N] [--max-age DAYS] [--state FILE] [--output FILE]',
  ],
  flags: [
    { name: 'org', type: 'string', value: 'ORG', description: 'the organisation to sweep' },
    {
      name: 'jobs',
      short: 'j',
      type: 'string',
      value: 'N',
      description: `at most N matrix entries (shards), 1 to ${MATRIX_LIMIT}`,
      default: String(DEFAULT_JOBS),
    },
    {
      name: 'include',
      type: 'string',
      multiple: true,
      value: 'GLOB',
      description: 'sweep only repositories whose name matches (owner/name when the glob has a /)',
    },
    {
      name: 'exclude',
      type: 'string',
      multiple: true,
      value: 'GLOB',
      description: 'leave out repositories whose name matches (wins over --include)',
    },
    { name: 'include-archived', type: 'boolean', description: 'sweep archived repositories too' },
    { name: 'include-forks', type: 'boolean', description: 'sweep forks too' },
    {
      name: 'include-empty',
      type: 'boolean',
      description: 'list empty repositories too (size 0 or never pushed)',
    },
    {
      name: 'max-repos',
      type: 'string',
      value: 'N',
      description:
        'at most N repositories tonight, never-swept and oldest-swept first; the rest is "deferred"',
    },
    {
      name: 'max-age',
      type: 'string',
      value: 'DAYS',
      description:
        'sweep again a repository last swept more than DAYS ago though pushed_at did not change (0: never)',
      default: '7',
    },
    {
      name: 'state',
      type: 'string',
      value: 'FILE',
      description: 'what earlier sweeps covered (report --state-out); missing = the first night',
    },
    {
      name: 'output',
      short: 'o',
      type: 'string',
      value: 'FILE',
      description: 'where to write the matrix (default: stdout)',
    },
    CONFIG_FLAG,
  ],
  notes: [
    'Writes {"include":[{"shard":1,"repos":[…],…},…],"unchanged":[…],"skipped":[…],"deferred":[…]}.',
    `Costs 1 API request per 100 repositories (at most ${MAX_LIST_PAGES} pages).`,
    'Environment: KEYGUARD_FLEET_TOKEN (else GITHUB_TOKEN), GITHUB_API_URL (GHES: https://HOST/api/v3).',
    'Exit: 0 written, 2 usage, state or API error.',
  ],
  async run({ values, positionals }, { io, log }) {
    atMost('fleet plan', positionals, 0, '');
    const org = str(values, 'org');
    if (!org) throw new InputError('fleet plan needs --org ORG');
    const output = str(values, 'output');
    const outFile = output && output !== '-' ? outputPath(io.cwd, output) : undefined;
    const stateArg = str(values, 'state');
    const config = await configFor(io.cwd, str(values, 'config'), io.cwd);
    const matrix = await runPlan({
      org,
      jobs: count(str(values, 'jobs'), 'jobs'),
      include: list(values, 'include'),
      exclude: list(values, 'exclude'),
      includeArchived: values['include-archived'] === true,
      includeForks: values['include-forks'] === true,
      includeEmpty: values['include-empty'] === true,
      maxRepos: count(str(values, 'max-repos'), 'max-repos'),
      maxAgeDays: count(str(values, 'max-age'), 'max-age'),
      config,
      stateFile: stateArg ? resolve(io.cwd, stateArg) : undefined,
      env: io.env,
      warn: (line) => log.warn(forLog(line)),
    });
    if (outFile) await writeFleetJson(outFile, matrix);
    else io.stdout.write(`${JSON.stringify(matrix)}\n`);
    const swept = matrix.include.reduce((n, s) => n + s.repos.length, 0);
    const st = matrix.stats!;
    log.info(
      forLog(
        `fleet plan ${org}: listed ${st.listed} repositories in ${st.requests} API request(s), ${st.ms} ms` +
          `${st.rateRemaining !== undefined ? ` (${st.rateRemaining} left this hour)` : ''}; ` +
          `${swept} to sweep in ${matrix.include.length} shard(s), ${matrix.unchanged.length} unchanged, ` +
          `${matrix.skipped.length} skipped, ${matrix.deferred.length} deferred`,
      ),
    );
    return EXIT.ok;
  },
};
