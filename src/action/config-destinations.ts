/**
 * Where keys are sent is never decided by a file an outsider may have written. A URL setting in
 * `.keyguard.yml` (`providers.<id>.base-url`, a webhook's `createUrl`/`disableUrl`: every key ending in
 * `url`) decides where a leaked key is verified and where an admin key goes. The rule: such a URL is used
 * only when the config file keyguard read is byte for byte the file in a trusted commit — the pull
 * request's base when the event is about a pull request, else the commit the run is for (GITHUB_SHA).
 * When it is not (a checkout of a PR head, a step that rewrote the file, a file outside the repository,
 * no GITHUB_SHA), the URLs are dropped with a warning; the `<provider>-base-url` inputs still apply.
 */
import { readFileSync } from 'node:fs';
import type { KeyguardConfig } from '../config/load.js';
import { pinRepository } from '../git/pinned.js';
import { fileAt, inWorkTree, MAX_CONFIG_BYTES } from './commit-files.js';

/** `providers.<id>.<key>` of every URL setting in the config, as the loader spelled it. */
export function destinationSettings(config: KeyguardConfig): string[] {
  const found: string[] = [];
  for (const [id, entry] of Object.entries(config.providers))
    for (const [key, value] of Object.entries(entry ?? {}))
      if (/url$/i.test(key) && typeof value === 'string') found.push(`providers.${id}.${key}`);
  return found;
}

/** Why the file is not the trusted commit's copy, or undefined when it is. */
async function untrustedBecause(
  root: string,
  file: string,
  trusted: string | undefined,
): Promise<string | undefined> {
  if (!trusted)
    return 'there is no trusted commit to compare it with (GITHUB_SHA, or the base of the pull request the event is about)';
  const at = `commit ${trusted.slice(0, 7)}`;
  let path: string | undefined;
  try {
    path = inWorkTree(pinRepository(root).workTree, file);
  } catch {
    return 'it is not in a git checkout';
  }
  if (path === undefined) return 'it is outside the repository';
  let copy: string | undefined;
  try {
    copy = await fileAt(root, trusted, path, MAX_CONFIG_BYTES, path);
  } catch {
    return `${at} is not in the checkout or has no regular file there`;
  }
  if (copy === undefined) return `${at} has no such file`;
  let onDisk: string;
  try {
    onDisk = readFileSync(file, 'utf8');
  } catch {
    return 'it cannot be read again';
  }
  return onDisk === copy ? undefined : `it differs from the copy in ${at}`;
}

/**
 * Drops the URL settings of a config read from disk unless the file is the trusted commit's (see the
 * module comment). Returns the warnings to show; the config is changed in place.
 */
export async function guardDestinations(
  config: KeyguardConfig,
  opts: { root: string; trusted?: string; inputs: Partial<Record<string, string>> },
): Promise<string[]> {
  const settings = destinationSettings(config);
  const file = config.source.file;
  if (!settings.length || !file) return [];
  const why = await untrustedBecause(opts.root, file, opts.trusted);
  if (!why) return [];
  let shown = file;
  try {
    shown = inWorkTree(pinRepository(opts.root).workTree, file) ?? file;
  } catch {
    // not a checkout: the path as given
  }
  const warnings: string[] = [];
  for (const [id, entry] of Object.entries(config.providers)) {
    for (const key of Object.keys(entry ?? {})) {
      if (!/url$/i.test(key) || typeof entry[key] !== 'string') continue;
      delete entry[key];
      const instead =
        key !== 'baseUrl'
          ? 'commit the setting to the default branch'
          : opts.inputs[id]
            ? `the ${id}-base-url input is used`
            : `set the ${id}-base-url input instead`;
      warnings.push(
        `${shown}: providers.${id}.${key} ignored: ${why}, and only a trusted copy of the config may say where keys are sent (${instead})`,
      );
    }
  }
  return warnings;
}
