/** `keyguard fleet report`: the shards' results → one organisation report and the next night's state. */
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { InputError } from '../../config/errors.js';
import { writeReportFile } from '../../files/write-report.js';
import { fleetApiUrl, requireFleetToken } from '../../fleet/env.js';
import { buildReport, exitCodeOf, loadResults, nextState } from '../../fleet/report.js';
import { FLEET_FORMATS, renderReport, renderSarifLog, sarifByRepository } from '../../fleet/report-render.js';
import { readState, writeState } from '../../fleet/state.js';
import { SARIF_UPLOAD_INTERVAL_MS, uploadSarifs } from '../../fleet/upload-sarif.js';
import { RetryBudget } from '../../http/budget.js';
import { forLog } from '../../text/inert.js';
import type { Command } from '../command.js';
import { EXIT } from '../exit.js';
import { list, oneOf, str } from '../flags.js';
import { deliver, destination, outputPath } from '../output.js';
import { atMost } from '../shared.js';

export const fleetReportCommand: Command = {
  name: 'fleet report',
  summary: "merge the shards' results into one organisation report and the next night's state",
  usage: [
    '--input DIR… [--state FILE] [--state-out FILE] [--format text|json|markdown|sarif] [--output FILE]',
  ],
  flags: [
    {
      name: 'input',
      short: 'i',
      type: 'string',
      multiple: true,
      value: 'DIR',
      description: 'a directory of sweep results (searched a few levels deep, as artifacts unpack)',
    },
    { name: 'state', type: 'string', value: 'FILE', description: 'the state the plan was made from' },
    {
      name: 'state-out',
      type: 'string',
      value: 'FILE',
      description:
        'write the next state (failed repositories are not coverage: the next plan lists them again)',
    },
    {
      name: 'org',
      type: 'string',
      value: 'ORG',
      description: 'the organisation (default: the state’s, else the results’)',
    },
    {
      name: 'format',
      short: 'f',
      type: 'string',
      value: FLEET_FORMATS.join('|'),
      description: 'report format; sarif writes one file per repository into the --output directory',
      default: 'text',
    },
    {
      name: 'output',
      short: 'o',
      type: 'string',
      value: 'FILE',
      description: 'where to write it (default: stdout)',
    },
    {
      name: 'upload-sarif',
      type: 'boolean',
      description:
        "upload each repository's SARIF to its code scanning (the token needs security_events: write)",
    },
  ],
  notes: [
    'Exit: 1 leaked keys found, 0 clean, 2 a result file was malformed, a repository failed, or an upload failed.',
    'Environment for --upload-sarif: KEYGUARD_FLEET_TOKEN (else GITHUB_TOKEN), GITHUB_API_URL.',
  ],
  async run({ values, positionals }, { io, log }) {
    atMost('fleet report', positionals, 0, '');
    const inputs = list(values, 'input');
    if (!inputs.length) throw new InputError('fleet report needs --input DIR (the sweep results)');
    const format = oneOf(values, 'format', FLEET_FORMATS);
    const outArg = str(values, 'output');
    if (format === 'sarif' && (!outArg || outArg === '-'))
      throw new InputError('--format sarif writes one file per repository: give --output DIR');
    const dest = format === 'sarif' ? undefined : destination(io.cwd, outArg);
    const stateOutArg = str(values, 'state-out');
    const stateOut = stateOutArg ? outputPath(io.cwd, stateOutArg) : undefined;
    const stateArg = str(values, 'state');
    const old = stateArg ? await readState(resolve(io.cwd, stateArg)) : undefined;
    const org = str(values, 'org') ?? old?.org;
    const upload = values['upload-sarif'] === true;
    // Octokit is loaded only for an upload: every other CLI command starts without it.
    const GitHubClient = upload ? (await import('../../github/client.js')).GitHubClient : undefined;
    const client = GitHubClient
      ? new GitHubClient({
          token: requireFleetToken(io.env, 'fleet report --upload-sarif'),
          baseUrl: fleetApiUrl(io.env),
          retry: { writeIntervalMs: SARIF_UPLOAD_INTERVAL_MS },
          budget: new RetryBudget({ totalMs: 10 * 60_000 }),
          env: io.env,
        })
      : undefined;

    const loaded = await loadResults(inputs.map((d) => resolve(io.cwd, d)));
    const report = buildReport(loaded, { org });
    let code = exitCodeOf(report);

    if (format === 'sarif' || client) {
      const logs = sarifByRepository(report);
      if (format === 'sarif') {
        const dir = resolve(io.cwd, outArg!);
        await mkdir(dir, { recursive: true });
        for (const [repo, sarif] of logs)
          await writeReportFile(join(dir, `${repo.replace('/', '__')}.sarif`), renderSarifLog(sarif));
        log.info(forLog(`wrote ${logs.size} SARIF file(s) to ${dir}`));
      }
      if (client) {
        const outcomes = await uploadSarifs(client, logs, loaded.results);
        for (const o of outcomes)
          if (o.status !== 'uploaded') log.warn(forLog(`SARIF for ${o.repository} ${o.status}: ${o.detail}`));
        const up = outcomes.filter((o) => o.status === 'uploaded').length;
        log.info(`uploaded ${up} of ${outcomes.length} SARIF file(s) to code scanning`);
        if (outcomes.some((o) => o.status === 'failed')) code = EXIT.error;
      }
    }
    if (dest) await deliver(dest, renderReport(report, format as 'text' | 'json' | 'markdown'), io.stdout);
    if (stateOut) {
      const state = nextState(old, loaded.results, { org });
      if (!state) {
        log.error('no state written: the results were made under different rules, or name no organisation');
        code = EXIT.error;
      } else {
        await writeState(stateOut, state);
        log.info(forLog(`wrote the state of ${Object.keys(state.repos).length} repositories to ${stateOut}`));
      }
    }
    const s = report.summary;
    log.info(
      forLog(
        `fleet report: ${s.repositories} repositories (${s.failed} failed), ${s.findings} finding(s) (${s.live} live), ${s.errors} unusable file(s)`,
      ),
    );
    for (const e of report.errors) log.error(forLog(`${e.file}: ${e.reason}`));
    return code;
  },
};
