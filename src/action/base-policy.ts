/**
 * What decides the check: `.keyguard.yml` and the baseline. In a pull request they are read from the BASE
 * commit, as data, never from the PR head checkout: otherwise a pull request could allowlist its own
 * leaked key, baseline its fingerprint or switch a rule off, and pass its own check. (gitleaks reads the
 * checkout's config; keyguard reads the base's.) A file the base does not have is not there, even when the
 * pull request adds it. A pull request that changes either file is named in the job summary.
 *
 * Outside pull requests (push, sweep, rotate) both are read from disk as before: the checkout is of a ref
 * that was already pushed, by someone allowed to push it. A config read from disk may still not say where
 * keys are sent unless it is the trusted commit's copy (config-destinations.ts).
 */
import { join } from 'node:path';
import { ConfigError } from '../config/errors.js';
import {
  DEFAULT_CONFIG_FILES,
  defaultConfig,
  type KeyguardConfig,
  loadConfig,
  parseConfig,
} from '../config/load.js';
import { type Baseline, parseBaseline, readBaseline } from '../filters/index.js';
import { pinRepository } from '../git/pinned.js';
import { entryAt, fileAt, inWorkTree, MAX_BASELINE_BYTES, MAX_CONFIG_BYTES } from './commit-files.js';
import { guardDestinations } from './config-destinations.js';
import type { ActionSettings } from './inputs.js';

export interface Policy {
  config: KeyguardConfig;
  baseline?: Baseline;
  /** For the job summary: which of the files the pull request changes. */
  notes: string[];
  /** URL settings dropped from a config that is not the trusted commit's (config-destinations.ts). */
  warnings: string[];
}

/** Why the summary mentions `path`: how the pull request changes it, or undefined when it does not. */
async function changeOf(root: string, base: string, head: string, path: string): Promise<string | undefined> {
  const [before, after] = await Promise.all([entryAt(root, base, path), entryAt(root, head, path)]);
  if (before?.oid === after?.oid && before?.mode === after?.mode) return undefined;
  if (!before) return 'adds';
  if (!after) return 'removes';
  return 'changes';
}

/** Reads the config and baseline the way the mode says (see the module comment). */
export async function loadPolicy(
  settings: ActionSettings,
  commits: { base?: string; head?: string },
): Promise<Policy> {
  if (settings.mode !== 'pr' || !commits.base) {
    const config = await loadConfig(settings.configFile, {
      required: settings.configRequired,
      within: settings.fileRoots,
      withinName: 'the workspace',
    });
    const baseline = settings.baseline
      ? await readBaseline(settings.baseline, { within: settings.fileRoots, withinName: 'the workspace' })
      : undefined;
    const warnings = await guardDestinations(config, {
      root: settings.root,
      trusted: settings.trustedCommit,
      inputs: settings.baseUrls,
    });
    return { config, baseline, notes: [], warnings };
  }
  const { base, head } = commits;
  const repo = pinRepository(settings.root);
  const notes: string[] = [];
  const atBase = `at base ${base.slice(0, 7)}`;
  /** Notes how the pull request changes `path`, if it does; `used` says what the check read instead. */
  const note = async (path: string, used: string) => {
    const change = head ? await changeOf(settings.root, base, head, path) : undefined;
    if (change) notes.push(`this pull request ${change} ${path}; the check used the base branch's ${used}`);
    return change;
  };

  // The config: a file outside the checkout (a path the workflow made) is not the pull request's.
  let config: KeyguardConfig | undefined;
  const warnings: string[] = [];
  const configPath = inWorkTree(repo.workTree, settings.configFile);
  if (configPath === undefined) {
    config = await loadConfig(settings.configFile, {
      required: settings.configRequired,
      within: settings.fileRoots,
      withinName: 'the workspace',
    });
    warnings.push(
      ...(await guardDestinations(config, { root: settings.root, trusted: base, inputs: settings.baseUrls })),
    );
  } else {
    // The default name may be spelled `.keyguard.yaml`: which one is used is decided at the base too.
    const candidates = settings.configNamed
      ? [configPath]
      : DEFAULT_CONFIG_FILES.map((name) => inWorkTree(repo.workTree, join(settings.workspace, name)) ?? name);
    let used: string | undefined;
    for (const path of candidates) {
      const shown = `${path} (${atBase})`;
      const text = await fileAt(settings.root, base, path, MAX_CONFIG_BYTES, shown);
      if (text === undefined) continue;
      config = parseConfig(text, shown);
      used = path;
      break;
    }
    let added = false;
    for (const path of candidates) {
      const what = !used ? 'configuration (none: the defaults)' : path === used ? 'version' : used;
      if ((await note(path, what)) === 'adds') added = true;
    }
    if (!used && settings.configRequired && !added) {
      throw new ConfigError(
        'config file not found on the base branch (expected a YAML file; see docs/config.md, or omit the option to use defaults)',
        `${configPath} (${atBase})`,
      );
    }
  }

  let baseline: Baseline | undefined;
  if (settings.baseline) {
    const baselinePath = inWorkTree(repo.workTree, settings.baseline);
    if (baselinePath === undefined) {
      baseline = await readBaseline(settings.baseline, {
        within: settings.fileRoots,
        withinName: 'the workspace',
      });
    } else {
      const shown = `${baselinePath} (${atBase})`;
      const text = await fileAt(settings.root, base, baselinePath, MAX_BASELINE_BYTES, shown);
      if (text !== undefined) baseline = parseBaseline(text, shown);
      await note(baselinePath, baseline ? 'version' : 'baseline (none: no finding is baselined)');
    }
  }
  return { config: config ?? defaultConfig(undefined), baseline, notes, warnings };
}
