/**
 * When the action cannot do its job (a bad `.keyguard.yml`, a bad input): the one-line reason still
 * reaches the job summary, and a config error is annotated on the config file's line, so the person who
 * opens the run sees what to fix where they would look for findings.
 */
import { isAbsolute, relative } from 'node:path';
import * as core from '@actions/core';
import { ConfigError } from '../config/errors.js';
import { forLog, forMarkdown, isInertProperty } from '../text/inert.js';

/** `file` relative to the workspace when inside it (annotations are resolved against the repository). */
function inWorkspace(file: string, workspace: string | undefined): string | undefined {
  if (!workspace) return undefined;
  const rel = relative(workspace, isAbsolute(file) ? file : `${workspace}/${file}`);
  if (!rel || rel.startsWith('..') || isAbsolute(rel)) return undefined;
  return rel.split('\\').join('/');
}

/** Annotates and summarises a failure; `message` is already one scrubbed line. Never throws. */
export async function reportFailure(
  err: unknown,
  message: string,
  opts: { workspace?: string; summary?: boolean },
): Promise<void> {
  const file = err instanceof ConfigError && err.file ? inWorkspace(err.file, opts.workspace) : undefined;
  if (file && isInertProperty(file)) {
    core.error(forLog(message), {
      file,
      startLine: err instanceof ConfigError ? err.line : undefined,
      title: 'keyguard: configuration error',
    });
  }
  if (opts.summary === false || !process.env.GITHUB_STEP_SUMMARY) return;
  const what = err instanceof ConfigError ? 'configuration error' : 'error';
  const body = [
    `## ⛔ keyguard could not run: ${what}`,
    '',
    forMarkdown(message),
    '',
    err instanceof ConfigError
      ? 'Nothing was scanned, verified or rotated. Fix the file and re-run; docs/config.md describes every key.'
      : 'Nothing was scanned, verified or rotated.',
  ].join('\n');
  try {
    await core.summary.addRaw(body, true).write();
  } catch {
    // The failure itself is already on the log (setFailed); a summary that cannot be written loses nothing.
  }
}
