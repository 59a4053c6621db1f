/** Everything the action shows a user: report files, annotations, the job summary and the outputs. */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import * as core from '@actions/core';
import type { KeyguardConfig } from '../config/load.js';
import type { RepoContext } from '../github/types.js';
import { ruleLookup } from '../pipeline/rules-meta.js';
import type { ScanOutcome } from '../pipeline/scan.js';
import {
  escapeMarkdown,
  renderAnnotations,
  renderJson,
  renderSarif,
  renderSummary,
} from '../report/index.js';
import { VERSION } from '../version.js';
import type { ActionSettings } from './inputs.js';
import type { RotationOutcome } from './rotation.js';

async function writeReport(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, text);
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

export async function publish(ctx: ReportContext): Promise<void> {
  const { settings, outcome } = ctx;
  const data = { ...outcome.result, findings: outcome.newFindings, baselined: outcome.baselined };
  if (settings.sarifFile) {
    await writeReport(
      settings.sarifFile,
      renderSarif(data, { version: VERSION, rules: ruleLookup(ctx.config) }),
    );
    core.setOutput('sarif-file', settings.sarifFile);
  }
  if (settings.reportFile) {
    await writeReport(settings.reportFile, renderJson(data, { version: VERSION }));
    core.setOutput('report-file', settings.reportFile);
  }
  if (settings.annotations && outcome.newFindings.length) {
    // Workflow commands go straight to stdout: the runner turns them into annotations.
    process.stdout.write(renderAnnotations(data));
  }
  const live = outcome.newFindings.filter((f) => f.verification?.status === 'live').length;
  core.setOutput('findings', String(outcome.findings.length));
  core.setOutput('new-findings', String(outcome.newFindings.length));
  core.setOutput('live', String(live));
  core.setOutput('fingerprints', JSON.stringify([...new Set(outcome.newFindings.map((f) => f.fingerprint))]));
  core.setOutput('rotated', String(ctx.rotation?.rotated ?? 0));
  core.setOutput('disabled', String(ctx.rotation?.disabled ?? 0));
  core.setOutput('incident', ctx.rotation?.incidents[0] ?? '');

  if (settings.summary && process.env.GITHUB_STEP_SUMMARY) {
    const parts = [
      renderSummary(data, {
        repo: ctx.repo && ctx.repo.sha ? { ...ctx.repo, sha: ctx.repo.sha } : undefined,
        baselineHint: 'node dist/cli.js baseline . --output .keyguard-baseline.json',
      }),
      `<sub>Scanned ${escapeMarkdown(ctx.scanned)} · mode \`${settings.mode}\` · keyguard ${VERSION}</sub>`,
    ];
    if (ctx.rotation?.rows.length) parts.push(rotationSection(ctx.rotation));
    if (ctx.notes.length)
      parts.push(`### Notes\n\n${ctx.notes.map((n) => `- ${escapeMarkdown(n)}`).join('\n')}`);
    await core.summary.addRaw(parts.join('\n\n'), true).write();
  }
}

function rotationSection(r: RotationOutcome): string {
  const rows = r.rows.map(
    (row) =>
      `| \`${row.redacted}\` | ${escapeMarkdown(row.provider)} | ${escapeMarkdown(row.reason)} | ${row.status} | ` +
      `${escapeMarkdown(row.detail)} | ${row.incident ? `[incident](${row.incident})` : ''} |`,
  );
  return [
    `### Rotation: ${r.rotated} replaced, ${r.disabled} disabled${r.failures ? `, ${r.failures} failed` : ''}`,
    '',
    '| Key | Provider | Why | Result | Detail | Incident |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}
