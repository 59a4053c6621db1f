/**
 * The action: read inputs, pick the mode, scan, mask, verify, rotate, report. The single catch point:
 * every other module throws typed errors. Exit code 1 means leaked keys were found (per `fail-on`);
 * exit code 2 means keyguard itself failed (bad input, unreadable config), with a one-line reason.
 */
import { isAbsolute, relative } from 'node:path';
import * as core from '@actions/core';
import { loadPolicy } from './action/base-policy.js';
import { reportFailure } from './action/failure.js';
import { runFleetMode } from './action/fleet-mode.js';
import { chooseTarget, prCommits, repoPrefix } from './action/git-refs.js';
import { type ActionSettings, getFleetInputs, getInputs } from './action/inputs.js';
import { notifyWebhook } from './action/notify.js';
import { commentOnPullRequest } from './action/pr-comment.js';
import { publish } from './action/report.js';
import { type RotationOutcome, retryTuning, rotateLeaks } from './action/rotation.js';
import { planActionCache, withActionCache } from './action/scan-cache.js';
import { type AuditConfig, parseAuditConfig } from './audit/config.js';
import { oneLine } from './cli/main.js';
import { InputError } from './config/errors.js';
import type { KeyguardConfig } from './config/load.js';
import { detectorOptionsFrom } from './config/wiring.js';
import { setGitCeiling } from './git/pinned.js';
import { createGitHubSide, repoContextFromEnv } from './github/index.js';
import type { RepoContext } from './github/types.js';
import { DEFAULT_RUN_BUDGET_MS } from './http/budget.js';
import { createStateSeal } from './incident/seal.js';
import { applyLinkedPolicy, failingLinked, isLinked } from './pipeline/linked-policy.js';
import { redactMetadataKeys } from './pipeline/metadata-keys.js';
import { buildProviders, verifyBudget, verifyOptionsFrom } from './pipeline/providers.js';
import { runScan, type ScanOutcome } from './pipeline/scan.js';
import { parseRotationConfig, type RotationConfig } from './rotate/config.js';
import { type Secret, scrub } from './scan/secret.js';
import { forLog, isInertProperty } from './text/inert.js';
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
  const linked = failingLinked(findings, settings.failOnLinked, settings.failOn);
  const linkedNote = linked ? `${linked} linked credential(s) found (fail-on-linked: fail)` : undefined;
  findings = findings.filter((f) => !isLinked(f));
  const live = findings.filter((f) => f.verification?.status === 'live').length;
  if (settings.failOn === 'live') {
    if (live) return `${live} leaked key(s) verified live${linkedNote ? `; ${linkedNote}` : ''}`;
    return linkedNote;
  }
  if (findings.length) {
    const stillLive = rotation?.stillLive ? `; ${rotation.stillLive} still live after rotation` : '';
    return `${findings.length} leaked key(s) found${live ? ` (${live} live)` : ''}${stillLive}${linkedNote ? `; ${linkedNote}` : ''}`;
  }
  return linkedNote;
}

function repoContext(): RepoContext | undefined {
  try {
    return repoContextFromEnv(process.env);
  } catch {
    return undefined;
  }
}

/** An empty scan: a push that deleted a branch adds nothing to scan. */
function emptyOutcome(): ScanOutcome {
  const result = { findings: [], warnings: [], stats: { files: 0, bytes: 0, durationMs: 0, suppressed: 0 } };
  return { result, findings: [], newFindings: [], baselined: 0 };
}

/**
 * Every source reports paths relative to the scanned directory (git sources too: they read only its
 * history); the runner resolves annotation paths, and code scanning SARIF paths, against the repository's
 * top level. With `path: sub` a key in `sub/.env` must be reported as `sub/.env`, and a warning about
 * `sub/big.bin` must name that file.
 */
function relativeToRepository(outcome: ScanOutcome, prefix: string): void {
  if (!prefix) return;
  const seen = new Set<Finding>();
  for (const f of [...outcome.result.findings, ...outcome.findings, ...outcome.newFindings]) {
    if (seen.has(f)) continue;
    seen.add(f);
    f.file = `${prefix}/${f.file}`;
  }
  // Warnings about a file (unreadable, too large) are annotations too; `.` is the scanned directory.
  for (const w of outcome.result.warnings)
    if (w.file) w.file = w.file === '.' ? prefix : `${prefix}/${w.file}`;
}

export async function run(): Promise<void> {
  // Every key this run knows of: a last line of defence for the final error message.
  const known: Secret[] = [];
  try {
    // The fleet modes sweep an organisation (docs/fleet.md), not this repository.
    const fleet = getFleetInputs();
    if (fleet) {
      await runFleetMode(fleet);
      return;
    }
    const settings = getInputs();
    known.push(...Object.values(settings.adminKeys).filter((k): k is Secret => Boolean(k)));
    // git never goes looking above the workspace for a repository (src/git/pinned.ts).
    setGitCeiling(settings.workspace);
    // Payload SHAs and refs are checked here, before any git command runs.
    const commits = settings.mode === 'pr' ? prCommits(settings.event.payload) : {};
    // The target first: in a pull request it fetches the base commit the config is read from.
    const choice = await chooseTarget(settings);
    const policy = await loadPolicy(settings, commits);
    const { config, baseline } = policy;
    // Validate the rotation section up front: a typo must fail before anything changes.
    const rotationConfig = parseRotationConfig(config.rotation, config.source.lineOf, config.source.file);
    const auditConfig = parseAuditConfig(config.audit, config.source.lineOf, config.source.file);
    settings.allowedIps = [...new Set([...settings.allowedIps, ...auditConfig.allowIps])];
    const notes: string[] = [...policy.notes];
    for (const n of policy.notes) core.notice(forLog(n));
    for (const w of policy.warnings) {
      core.warning(forLog(w));
      notes.push(w);
    }
    if (settings.fromFork) notes.push('pull request from a fork: scanned only; nothing privileged attempted');
    if (settings.failOn === 'live' && (!settings.verify || config.verify.enabled === false)) {
      // Nothing can be confirmed live without asking the providers: a check that could never fail is a
      // false all-clear, so it is refused (as in the CLI) before anything is scanned.
      throw new InputError(
        `fail-on: live needs verification (input verify: true${config.verify.enabled === false ? ', and verify.enabled: false removed from the config' : ''}): without it no key can be confirmed live and every leak would pass`,
      );
    }
    if (!isInside(settings.workspace, settings.root)) {
      const w = `path ${settings.root} is outside the workspace: annotations and SARIF locations cannot point at its files`;
      core.warning(forLog(w));
      notes.push(w);
    }

    for (const w of choice.warnings) {
      core.warning(forLog(w));
      notes.push(w);
    }
    core.info(`keyguard: scanning ${forLog(choice.description)}`);
    const cachePlan = choice.target ? planActionCache({ ...settings, env: process.env }, config) : {};
    if (cachePlan.note) core.info(`keyguard: ${cachePlan.note}`);
    const target = choice.target;
    const scanned = await withActionCache(cachePlan.plan, (cache) =>
      target
        ? runScan({ root: settings.root, target, config, baseline, cache })
        : Promise.resolve(emptyOutcome()),
    );
    const outcome = scanned.outcome;
    for (const w of scanned.warnings) core.warning(forLog(w));
    for (const n of scanned.notes) core.info(`keyguard: ${forLog(n)}`);
    notes.push(...scanned.notes);
    if (settings.mode === 'pr' && outcome.inlineAllowed) {
      const n = outcome.inlineAllowed;
      const w = `${n} key${n === 1 ? '' : 's'} in what this pull request adds ${n === 1 ? 'is' : 'are'} silenced by an inline allow comment on ${n === 1 ? 'its' : 'their'} line (keyguard:allow, gitleaks:allow or trufflehog:ignore): the comment is part of the pull request, so review those lines like code`;
      core.warning(w);
      notes.push(w);
    }
    applyLinkedPolicy(outcome, settings.failOnLinked);
    maskAll(outcome.result.findings);
    // Keys in file names and commit identities: masked, then shown redacted in every report.
    redactMetadataKeys(outcome.result.findings, detectorOptionsFrom(config), (v) => core.setSecret(v));
    known.push(...outcome.result.findings.map((f) => f.secret));
    relativeToRepository(outcome, await repoPrefix(settings.root));
    for (const w of outcome.result.warnings) {
      const where = isInertProperty(w.file) ? { file: w.file, startLine: w.line } : {};
      core.warning(forLog(where.file || !w.file ? w.message : `${w.file}: ${w.message}`), where);
    }

    // From here on the leaks are known: whatever fails in verification or rotation, they are still
    // reported (annotations, SARIF, summary, outputs) before the step fails.
    let rotation: RotationOutcome | undefined;
    let stageError: unknown;
    const repo = repoContext();
    try {
      rotation = await verifyAndRotate(settings, config, outcome, rotationConfig, auditConfig, repo);
    } catch (err) {
      stageError = err;
    }

    const commentNote = await commentOnPullRequest(settings, repo, outcome.newFindings, (l) =>
      core.info(forLog(l)),
    );
    if (commentNote) {
      core.warning(forLog(commentNote));
      notes.push(commentNote);
    }
    const notifyNote = await notifyWebhook(settings, repo, outcome.newFindings, rotation, known, (l) =>
      core.info(forLog(l)),
    );
    if (notifyNote) {
      core.warning(forLog(notifyNote));
      notes.push(notifyNote);
    }
    await publish({ settings, config, outcome, scanned: choice.description, repo, rotation, notes });
    const verdict = failed(settings, outcome.newFindings, rotation);
    if (verdict) core.setFailed(`keyguard: ${verdict}`);
    else if (!stageError) core.info(`keyguard: no new leaked keys in ${forLog(choice.description)}`);
    if (stageError) throw stageError;
    if (rotation?.failures) {
      core.setFailed(`keyguard: ${rotation.failures} rotation(s) failed; re-run the workflow to finish them`);
      // A rotation that did not finish is keyguard not doing its job: 2 wins over "leaks found" (1).
      process.exitCode = 2;
    }
  } catch (err) {
    const message = scrub(oneLine(err), known);
    core.setFailed(`keyguard error: ${forLog(message)}`);
    await reportFailure(err, message, { workspace: workspaceOf(), summary: summaryWanted() });
    // Distinct from "leaks found" (1): the action itself could not do its job.
    process.exitCode = 2;
  }
}

/** The workspace for annotation paths, even when the inputs could not be read. */
function workspaceOf(): string | undefined {
  return process.env.GITHUB_WORKSPACE || process.cwd();
}

/** The `summary` input, read leniently: a failure report must not fail on the input that caused it. */
function summaryWanted(): boolean {
  return !/^(false|no|off|0)$/i.test(core.getInput('summary').trim());
}

function isInside(parent: string, child: string): boolean {
  const rel = relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

async function verifyAndRotate(
  settings: ActionSettings,
  config: KeyguardConfig,
  outcome: ScanOutcome,
  rotationConfig: RotationConfig,
  auditConfig: AuditConfig,
  repo: RepoContext | undefined,
): Promise<RotationOutcome | undefined> {
  const tuning = retryTuning(process.env);
  // One budget for every retry wait, passed down to every client: verification gets the verify
  // timeout, then the rotation stage a fresh DEFAULT_RUN_BUDGET_MS (issue 10: one retry layer).
  // Verification's budget also has a wall-clock deadline: a provider that never answers costs at most
  // that, whatever the number of keys; keys not answered by then are `unknown` (time budget exhausted).
  const verifyOpts = verifyOptionsFrom(config);
  const budget = verifyBudget(verifyOpts);
  const providers = buildProviders(config, {
    baseUrls: settings.baseUrls,
    // A pull request check never rotates, so it never needs an admin key: none is handed to code that
    // may run on a config file the pull request itself wrote (pull_request_target checkouts of the head).
    adminKeys: settings.fromFork || settings.mode === 'pr' ? {} : settings.adminKeys,
    env: process.env,
    defaults: { ...tuning?.provider, budget },
    mask: (value) => core.setSecret(value),
  });
  if (settings.verify && config.verify.enabled !== false && outcome.newFindings.length) {
    core.info(
      `keyguard: verifying ${outcome.newFindings.length} finding(s) with their providers (read-only)`,
    );
    await verifyFindings(outcome.newFindings, providers, verifyOpts);
    const unverified = outcome.newFindings.filter((f) => f.verification?.status === 'unknown').length;
    if (unverified && Date.now() >= verifyOpts.deadline) {
      core.warning(
        `keyguard: verification stopped at its time budget (${Math.round(verifyOpts.budgetMs / 1000)} s, verify.timeoutSeconds): ${unverified} finding(s) not confirmed are reported as unknown`,
      );
    }
  }

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
      (settings.mode === 'sweep' && Boolean(settings.maxKeyAgeDays ?? rotationConfig.maxKeyAgeDays)));
  if (!wantsRotation) return undefined;
  if (!repo) throw new Error('rotation needs GITHUB_REPOSITORY (owner/repo) in the environment');
  if (!settings.githubToken) throw new Error('rotation needs github-token (for the incident issue)');
  const github = createGitHubSide({
    repo,
    token: settings.githubToken,
    secretsToken: settings.secretsToken,
    retry: tuning?.github,
    incidents: { log: (line) => core.info(forLog(line)) },
    budget,
  });
  budget.renew(tuning?.budgetMs ?? DEFAULT_RUN_BUDGET_MS);
  const rotation = await rotateLeaks(
    {
      settings,
      rotation: rotationConfig,
      providers,
      github,
      repo,
      env: process.env,
      // Rotation lines carry provider answers, key names and config text: inert before the runner reads them.
      log: (line) => core.info(forLog(line)),
      mask: (value) => core.setSecret(value),
      detector: detectorOptionsFrom(config),
      audit: auditConfig,
      seal: createStateSeal({
        repo: `${repo.owner}/${repo.repo}`,
        stateKey: settings.stateKey,
        adminKeys: settings.adminKeys,
      }),
      budget,
    },
    outcome.newFindings,
  );
  markDisabled(outcome.newFindings, rotation);
  return rotation;
}
