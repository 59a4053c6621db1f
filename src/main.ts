/**
 * The action: read inputs, pick the mode, scan, mask, verify, rotate, report. The single catch point:
 * every other module throws typed errors. Exit code 1 means leaked keys were found (per `fail-on`);
 * exit code 2 means keyguard itself failed (bad input, unreadable config), with a one-line reason.
 */
import * as core from '@actions/core';
import { chooseTarget } from './action/git-refs.js';
import { type ActionSettings, getInputs } from './action/inputs.js';
import { publish } from './action/report.js';
import { type RotationOutcome, retryTuning, rotateLeaks } from './action/rotation.js';
import { parseAuditConfig } from './audit/config.js';
import { oneLine } from './cli/main.js';
import { loadConfig } from './config/load.js';
import { detectorOptionsFrom } from './config/wiring.js';
import { readBaseline } from './filters/index.js';
import { createGitHubSide, repoContextFromEnv } from './github/index.js';
import type { RepoContext } from './github/types.js';
import { buildProviders, verifyOptionsFrom } from './pipeline/providers.js';
import { runScan } from './pipeline/scan.js';
import { parseRotationConfig } from './rotate/config.js';
import type { Finding } from './types.js';
import { verifyFindings } from './verify/index.js';

/** Masks every key before anything about it is logged: the runner then hides it in all output. */
function maskAll(findings: Finding[]): void {
  const seen = new Set<string>();
  for (const f of findings) {
    if (seen.has(f.fingerprint)) continue;
    seen.add(f.fingerprint);
    core.setSecret(f.secret.reveal());
  }
}

/**
 * A key this run disabled is no longer live: reports, the `live` output and `fail-on: live` show the state
 * after rotation, with the verdict that confirmed the leak kept in the incident.
 */
function markDisabled(findings: Finding[], rotation: RotationOutcome): void {
  const disabled = new Set(
    rotation.rows.filter((r) => r.leakedState === 'revoked').map((r) => r.fingerprint),
  );
  for (const f of findings) {
    if (!disabled.has(f.fingerprint) || f.verification?.status !== 'live') continue;
    f.verification = {
      ...f.verification,
      status: 'revoked',
      detail: `disabled by keyguard in this run (was live: ${f.verification.detail})`,
      checkedAt: new Date().toISOString(),
    };
  }
}

function failed(
  settings: ActionSettings,
  findings: Finding[],
  rotation?: RotationOutcome,
): string | undefined {
  if (settings.failOn === 'never') return undefined;
  const live = findings.filter((f) => f.verification?.status === 'live').length;
  if (settings.failOn === 'live') {
    if (live) return `${live} leaked key(s) verified live`;
    return undefined;
  }
  if (findings.length) {
    const stillLive = rotation?.stillLive ? `; ${rotation.stillLive} still live after rotation` : '';
    return `${findings.length} leaked key(s) found${live ? ` (${live} live)` : ''}${stillLive}`;
  }
  return undefined;
}

function repoContext(): RepoContext | undefined {
  try {
    return repoContextFromEnv(process.env);
  } catch {
    return undefined;
  }
}

export async function run(): Promise<void> {
  try {
    const settings = getInputs();
    const config = await loadConfig(settings.configFile, { required: settings.configRequired });
    // Validate the rotation section up front: a typo must fail before anything changes.
    const rotationConfig = parseRotationConfig(config.rotation, config.source.lineOf, config.source.file);
    const auditConfig = parseAuditConfig(config.audit, config.source.lineOf, config.source.file);
    settings.allowedIps = [...new Set([...settings.allowedIps, ...auditConfig.allowIps])];
    const baseline = settings.baseline ? await readBaseline(settings.baseline) : undefined;
    const notes: string[] = [];
    if (settings.fromFork) notes.push('pull request from a fork: scanned only; nothing privileged attempted');

    const choice = await chooseTarget(settings);
    for (const w of choice.warnings) {
      core.warning(w);
      notes.push(w);
    }
    core.info(`keyguard: scanning ${choice.description}`);
    const outcome = await runScan({ root: settings.root, target: choice.target, config, baseline });
    maskAll(outcome.result.findings);
    for (const w of outcome.result.warnings) {
      core.warning(w.message, { file: w.file, startLine: w.line });
    }

    const tuning = retryTuning(process.env);
    const providers = buildProviders(config, {
      baseUrls: settings.baseUrls,
      adminKeys: settings.fromFork ? {} : settings.adminKeys,
      env: process.env,
      defaults: tuning?.provider,
    });
    if (settings.verify && config.verify.enabled !== false && outcome.newFindings.length) {
      core.info(
        `keyguard: verifying ${outcome.newFindings.length} finding(s) with their providers (read-only)`,
      );
      await verifyFindings(outcome.newFindings, providers, verifyOptionsFrom(config));
    }

    const repo = repoContext();
    let rotation: RotationOutcome | undefined;
    // A revoked key may have an incident still saying "still live" (DeepSeek, revoked by hand): the
    // rotation stage closes it out, when there is a repository and a token to reach it.
    const closesIncidents =
      Boolean(repo && settings.githubToken) &&
      outcome.newFindings.some((f) => f.verification?.status === 'revoked');
    const wantsRotation =
      settings.rotate !== 'off' &&
      !settings.fromFork &&
      (outcome.newFindings.some((f) => f.verification?.status === 'live') ||
        closesIncidents ||
        Boolean(settings.secret) ||
        Boolean(settings.maxKeyAgeDays ?? rotationConfig.maxKeyAgeDays));
    if (wantsRotation) {
      if (!repo) throw new Error('rotation needs GITHUB_REPOSITORY (owner/repo) in the environment');
      if (!settings.githubToken) throw new Error('rotation needs github-token (for the incident issue)');
      const github = createGitHubSide({
        repo,
        token: settings.githubToken,
        secretsToken: settings.secretsToken,
        retry: tuning?.github,
      });
      rotation = await rotateLeaks(
        {
          settings,
          rotation: rotationConfig,
          providers,
          github,
          repo,
          env: process.env,
          log: (line) => core.info(line),
          mask: (value) => core.setSecret(value),
          detector: detectorOptionsFrom(config),
          audit: auditConfig,
        },
        outcome.newFindings,
      );
      markDisabled(outcome.newFindings, rotation);
    }

    await publish({ settings, config, outcome, scanned: choice.description, repo, rotation, notes });
    const verdict = failed(settings, outcome.newFindings, rotation);
    if (verdict) core.setFailed(`keyguard: ${verdict}`);
    else core.info(`keyguard: no new leaked keys in ${choice.description}`);
    if (rotation?.failures) {
      core.setFailed(`keyguard: ${rotation.failures} rotation(s) failed; re-run the workflow to finish them`);
    }
  } catch (err) {
    core.setFailed(`keyguard error: ${oneLine(err)}`);
    // Distinct from "leaks found" (1): the action itself could not do its job.
    process.exitCode = 2;
  }
}
