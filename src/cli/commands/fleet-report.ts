/** `keyguard fleet report`: the shards' results → one organisation report and the next night's state. */
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { InputError } from '../../config/errors.js';
import { writeReportFile } from '../../files/write-report.js';
import { fleetApiUrl, requireFleetToken } from '../../fleet/env.js';
import { missingResults, readPlan } from '../../fleet/planned.js';
import { buildReport, exitCodeOf, loadResults, nextState } from '../../fleet/report.js';
import { FLEET_FORMATS, renderReport, renderSarifLog, sarifByRepository } from '../../fleet/report-render.js';
import { readState, writeState } from '../../fleet/state.js';
import {
  DEFAULT_MAX_UPLOADS,
  SARIF_UPLOAD_INTERVAL_MS,
  UPLOAD_SCOPES,
  uploadSarifs,
  uploadTargets,
} from '../../fleet/upload-sarif.js';
import { RetryBudget } from '../../http/budget.js';
import { forLog } from '../../text/inert.js';
import type { Command } from '../command.js';
import { EXIT } from '../exit.js';
import { oneOf, str } from '../flags.js';
import { deliver, destination, outputPath } from '../output.js';
import { atMost } from '../shared.js';
import { RESULTS_INPUT_FLAG, resultInputs } from './fleet-results.js';

export const fleetReportCommand: Command = {
  name: 'fleet report',
  summary: "merge the shards' results into one organisation report and the next night's state",
  usage: [
    '--input DIR… [--plan FILE] [--state FILE] [--state-out FILE] [--format text|json|markdown|sarif] [--output FILE] [--upload-sarif [--upload-scope changed|all] [--max-uploads N]]',
  ],
  flags: [
    RESULTS_INPUT_FLAG,
    { name: 'state', type: 'string', value: 'FILE', description: 'the state the plan was made from' },
    {
      name: 'state-out',
      type: 'string',
      value: 'FILE',
      description:
        'write the next state; needs --plan (coverage is recorded only for repositories the plan listed, from the shard it listed them in; failed ones are not coverage)',
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
        "upload each repository's SARIF to its code scanning (the token needs security_events: write), after the report and the state are written",
    },
    {
      name: 'upload-scope',
      type: 'string',
      value: UPLOAD_SCOPES.join('|'),
      description:
        'with --upload-sarif: the repositories swept tonight (changed), or every one with a SARIF, unchanged ones from the state (all)',
      default: 'changed',
    },
    {
      name: 'max-uploads',
      type: 'string',
      value: 'N',
      description:
        'with --upload-sarif: at most N uploads this run, most urgent first (1 s apart: 1,000 ≈ 17 min)',
      default: String(DEFAULT_MAX_UPLOADS),
    },
    {
      name: 'plan',
      type: 'string',
      value: 'FILE',
      description:
        'the plan (matrix) tonight was swept from: a planned repository without a result is failed ("no result"); a result the plan did not list in that shard is not coverage',
    },
  ],
  notes: [
    'Exit: 1 leaked keys found, 0 clean, 2 a result file was malformed, a repository failed, or an upload failed.',
    'Environment for --upload-sarif: KEYGUARD_FLEET_TOKEN (else GITHUB_TOKEN), GITHUB_API_URL.',
    'With --state, findings of earlier nights still standing are reported too (marked with their night).',
    'Result files are artifacts, not trusted: with --plan, a result is coverage only when the plan listed its repository in the shard that wrote it (its "shard", and its keyguard-results-N folder), under the plan\'s rules; others are listed as not coverage (exit 2), their findings still reported. Without --plan, --state-out writes nothing (exit 2).',
    'A key an inline allow comment (keyguard:allow, gitleaks:allow, trufflehog:ignore) silences in a swept repository is still reported, in its own group; it does not make the exit 1 unless it is live.',
    'Times in the future (beyond 10 minutes of clock skew) in a state or result are not coverage: that repository is swept again.',
  ],
  async run({ values, positionals }, { io, log }) {
    atMost('fleet report', positionals, 0, '');
    const inputs = resultInputs('fleet report', values);
    const format = oneOf(values, 'format', FLEET_FORMATS);
    const outArg = str(values, 'output');
    if (format === 'sarif' && (!outArg || outArg === '-'))
      throw new InputError('--format sarif writes one file per repository: give --output DIR');
    const dest = format === 'sarif' ? undefined : destination(io.cwd, outArg);
    const stateOutArg = str(values, 'state-out');
    const stateOut = stateOutArg ? outputPath(io.cwd, stateOutArg) : undefined;
    const stateArg = str(values, 'state');
    const warn = (line: string) => log.warn(forLog(line));
    const old = stateArg ? await readState(resolve(io.cwd, stateArg), { warn }) : undefined;
    const org = str(values, 'org') ?? old?.org;
    const upload = values['upload-sarif'] === true;
    const scope = oneOf(values, 'upload-scope', UPLOAD_SCOPES);
    const maxArg = str(values, 'max-uploads')?.trim() ?? String(DEFAULT_MAX_UPLOADS);
    if (!/^\d{1,6}$/.test(maxArg)) throw new InputError(`--max-uploads "${maxArg}" is not a whole number`);
    const maxUploads = Number(maxArg);
    const planArg = str(values, 'plan');
    const plan = planArg ? await readPlan(resolve(io.cwd, planArg), { warn }) : undefined;
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

    const loaded = await loadResults(
      inputs.map((d) => resolve(io.cwd, d)),
      plan ? { plan } : {},
    );
    for (const u of loaded.untrusted ?? [])
      log.warn(
        forLog(`${u.file}: not coverage: ${u.reason} (its findings are reported, "outside the plan")`),
      );
    // A planned repository without a result (its job was killed, timed out, never ran) is failed.
    if (plan) loaded.results.push(...missingResults(plan, loaded.results));
    const report = buildReport(loaded, { org, ...(old ? { state: old } : {}) });
    let code = exitCodeOf(report);
    const logs = format === 'sarif' || client ? sarifByRepository(report) : undefined;

    // The report, the summary and the state first: a job stopped during the uploads loses none of them.
    if (format === 'sarif') {
      const dir = resolve(io.cwd, outArg!);
      await mkdir(dir, { recursive: true });
      for (const [repo, sarif] of logs!)
        await writeReportFile(join(dir, `${repo.replace('/', '__')}.sarif`), renderSarifLog(sarif));
      log.info(forLog(`wrote ${logs!.size} SARIF file(s) to ${dir}`));
    }
    if (dest) await deliver(dest, renderReport(report, format as 'text' | 'json' | 'markdown'), io.stdout);
    if (stateOut && !plan) {
      // The result files are uploaded artifacts: without the plan, nothing says which of them the
      // sweep wrote, so none is recorded as coverage.
      log.error(
        'no state written: --state-out needs --plan FILE (coverage is recorded only for the repositories the plan listed, from the shard it listed them in)',
      );
      code = EXIT.error;
    } else if (stateOut) {
      const state = nextState(old, loaded.results, {
        org,
        ...(plan?.rulesKey ? { rulesKey: plan.rulesKey } : {}),
      });
      if (!state) {
        log.error('no state written: the results were made under different rules, or name no organisation');
        code = EXIT.error;
      } else {
        await writeState(stateOut, state);
        log.info(forLog(`wrote the state of ${Object.keys(state.repos).length} repositories to ${stateOut}`));
      }
    }
    if (client) {
      const targets = uploadTargets(logs!, report, loaded.results, old, scope, maxUploads);
      const outcomes = await uploadSarifs(client, targets.logs, targets.heads);
      outcomes.push(...targets.skipped);
      for (const o of outcomes)
        if (o.status !== 'uploaded') log.warn(forLog(`SARIF for ${o.repository} ${o.status}: ${o.detail}`));
      const up = outcomes.filter((o) => o.status === 'uploaded').length;
      log.info(`uploaded ${up} of ${outcomes.length} SARIF file(s) to code scanning`);
      if (outcomes.some((o) => o.status === 'failed')) code = EXIT.error;
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
