/** Everything the action shows a user: report files, annotations, the job summary and the outputs. */
import * as core from '@actions/core';
import type { KeyguardConfig } from '../config/load.js';
import { FileRefusedError } from '../files/where.js';
import { writeReportFile } from '../files/write-report.js';
import type { RepoContext } from '../github/types.js';
import { ruleLookup } from '../pipeline/rules-meta.js';
import type { ScanOutcome } from '../pipeline/scan.js';
import { renderAnnotations, renderJson, renderSarif, renderSummary } from '../report/index.js';
import type { SummaryRotation } from '../report/summary.js';
import { forMarkdown, forMarkdownCode, forMarkdownUrl } from '../text/inert.js';
import { VERSION } from '../version.js';
import { safeIncidentUrl } from './incident-output.js';
import type { ActionSettings } from './inputs.js';
import type { RotationOutcome } from './rotation.js';

/** Never through a symbolic link, never outside the workspace or RUNNER_TEMP (a PR can plant links). */
async function writeReport(
  settings: ActionSettings,
  input: string,
  path: string,
  text: string,
): Promise<void> {
  try {
    await writeReportFile(path, text, {
      within: settings.fileRoots,
      withinName: 'the workspace and RUNNER_TEMP',
      mkdirs: true,
    });
  } catch (err) {
    if (err instanceof FileRefusedError) throw new FileRefusedError(`input ${input} ${path}: ${err.message}`);
    throw err;
  }
}

export interface ReportContext {
  settings: ActionSettings;
  config: KeyguardConfig;
  outcome: ScanOutcome;
  scanned: string;
  repo?: RepoContext;
  rotation?: RotationOutcome;
  notes: string[];
}

/**
 * GitHub caps a job's outputs at 1 MB in all: a sweep of a big repository with thousands of fixture keys
 * must not break the step. 10,000 fingerprints are 350 kB; beyond that the report files have them all.
 */
export const MAX_OUTPUT_FINGERPRINTS = 10_000;

/**
 * Outputs and annotations first (they cannot fail), then each report file and the summary on their own:
 * an unwritable SARIF path must not cost the user the summary. The first failure is thrown at the end.
 */
export async function publish(ctx: ReportContext): Promise<void> {
  const { settings, outcome } = ctx;
  const data = { ...outcome.result, findings: outcome.newFindings, baselined: outcome.baselined };
  const live = outcome.newFindings.filter((f) => f.verification?.status === 'live').length;
  const fingerprints = [...new Set(outcome.newFindings.map((f) => f.fingerprint))];
  if (fingerprints.length > MAX_OUTPUT_FINGERPRINTS) {
    const note = `the fingerprints output holds the first ${MAX_OUTPUT_FINGERPRINTS} of ${fingerprints.length} (GitHub limits outputs to 1 MB): the report files have them all`;
    core.warning(note);
    ctx.notes.push(note);
    fingerprints.length = MAX_OUTPUT_FINGERPRINTS;
  }
  core.setOutput('findings', String(outcome.findings.length));
  core.setOutput('new-findings', String(outcome.newFindings.length));
  core.setOutput('live', String(live));
  core.setOutput('fingerprints', JSON.stringify(fingerprints));
  core.setOutput('rotated', String(ctx.rotation?.rotated ?? 0));
  core.setOutput('disabled', String(ctx.rotation?.disabled ?? 0));
  const incident = ctx.rotation?.incidents[0];
  const incidentUrl = safeIncidentUrl(incident, ctx.repo?.serverUrl ?? 'https://github.com');
  if (incident && !incidentUrl) {
    const note = `the incident issue's URL from GitHub is not a plain https link to an issue on ${ctx.repo?.serverUrl ?? 'https://github.com'}: the incident output is left empty`;
    core.warning(note);
    ctx.notes.push(note);
  }
  core.setOutput('incident', incidentUrl ?? '');
  if (settings.annotations && outcome.newFindings.length) {
    // Workflow commands go straight to stdout: the runner turns them into annotations.
    process.stdout.write(renderAnnotations(data));
  }

  const errors: unknown[] = [];
  const attempt = async (what: () => Promise<void>) => {
    try {
      await what();
    } catch (err) {
      errors.push(err);
    }
  };
  if (settings.sarifFile) {
    const file = settings.sarifFile;
    await attempt(async () => {
      await writeReport(
        settings,
        'sarif-file',
        file,
        renderSarif(data, { version: VERSION, rules: ruleLookup(ctx.config) }),
      );
      core.setOutput('sarif-file', file);
    });
  }
  if (settings.reportFile) {
    const file = settings.reportFile;
    await attempt(async () => {
      await writeReport(settings, 'report-file', file, renderJson(data, { version: VERSION }));
      core.setOutput('report-file', file);
    });
  }
  for (const err of errors) ctx.notes.push(`report not written: ${(err as Error).message}`);

  if (settings.summary && process.env.GITHUB_STEP_SUMMARY) {
    const rotation = ctx.rotation?.rows.length ? summaryRotation(ctx.rotation) : undefined;
    const parts = [
      renderSummary(data, {
        repo: ctx.repo?.sha ? { ...ctx.repo, sha: ctx.repo.sha } : undefined,
        rotation,
        appendix: ctx.rotation?.auditMarkdown,
        baselineHint:
          'record them in a baseline (`node path/to/keyguard/dist/cli.js baseline . --output .keyguard-baseline.json` in your repository) and set the `baseline` input',
      }),
      `<sub>Scanned ${forMarkdown(ctx.scanned)} · mode \`${settings.mode}\` · keyguard ${VERSION}</sub>`,
    ];
    if (ctx.notes.length)
      parts.push(`### Notes\n\n${ctx.notes.map((n) => `- ${forMarkdown(n)}`).join('\n')}`);
    await attempt(() =>
      core.summary
        .addRaw(parts.join('\n\n'), true)
        .write()
        .then(() => undefined),
    );
  }
  if (errors.length) throw errors[0];
}

function summaryRotation(r: RotationOutcome): SummaryRotation {
  const count = (status: string) => r.rows.filter((row) => row.status === status).length;
  return {
    replaced: count('rotated'),
    contained: count('contained'),
    stillLive: r.stillLive,
    failed: r.failures,
    handled: new Set(r.rows.filter((row) => row.leakedState === 'revoked').map((row) => row.fingerprint)),
    table: rotationSection(r),
  };
}

function rotationSection(r: RotationOutcome): string {
  const rows = r.rows.map((row) => {
    const url = row.incident ? forMarkdownUrl(row.incident) : undefined;
    const incident = url ? `[incident](${url})` : row.incident ? forMarkdownCode(row.incident) : '';
    return (
      `| ${forMarkdownCode(row.redacted)} | ${forMarkdown(row.provider)} | ${forMarkdown(row.reason)} | ${forMarkdown(row.status)} | ` +
      `${forMarkdown(row.detail)} | ${incident} |`
    );
  });
  return [
    `### Rotation: ${r.rotated} replaced, ${r.disabled} disabled${r.failures ? `, ${r.failures} failed` : ''}`,
    '',
    '| Key | Provider | Why | Result | Detail | Incident |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}
