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
import { isAbsolute, join, relative, sep } from 'node:path';
import { ConfigError } from '../config/errors.js';
import {
  DEFAULT_CONFIG_FILES,
  defaultConfig,
  type KeyguardConfig,
  loadConfig,
  parseConfig,
} from '../config/load.js';
import { type Baseline, parseBaseline, readBaseline } from '../filters/index.js';
import { execGit, pinRepository } from '../git/pinned.js';
import { guardDestinations } from './config-destinations.js';
import type { ActionSettings } from './inputs.js';

/** Larger files at the base are refused: a config is a few kB, a baseline of 100,000 findings ~20 MB. */
export const MAX_CONFIG_BYTES = 1 << 20;
export const MAX_BASELINE_BYTES = 32 << 20;

export interface Policy {
  config: KeyguardConfig;
  baseline?: Baseline;
  /** For the job summary: which of the files the pull request changes. */
  notes: string[];
  /** URL settings dropped from a config that is not the trusted commit's (config-destinations.ts). */
  warnings: string[];
}

interface TreeEntry {
  mode: string;
  type: string;
  oid: string;
}

/** The entry at `path` (top-level relative) in `commit`'s tree, or undefined when there is none. */
async function entryAt(root: string, commit: string, path: string): Promise<TreeEntry | undefined> {
  const out = await execGit(root, [
    '--literal-pathspecs',
    'ls-tree',
    '-z',
    '--full-tree',
    '--end-of-options',
    commit,
    '--',
    path,
  ]);
  if (!out.ok) throw new ConfigError(`cannot list commit ${commit.slice(0, 12)}: ${out.stderr.trim()}`, path);
  for (const record of out.stdout.split('\0')) {
    const tab = record.indexOf('\t');
    if (tab < 0 || record.slice(tab + 1) !== path) continue;
    const [mode = '', type = '', oid = ''] = record.slice(0, tab).split(' ');
    return { mode, type, oid };
  }
  return undefined;
}

/** The text of a regular file at `commit`, or undefined when the commit has no file there. */
export async function fileAt(
  root: string,
  commit: string,
  path: string,
  maxBytes: number,
  shown: string,
): Promise<string | undefined> {
  const entry = await entryAt(root, commit, path);
  if (!entry) return undefined;
  if (entry.type !== 'blob' || (entry.mode !== '100644' && entry.mode !== '100755')) {
    const what =
      entry.mode === '120000'
        ? 'a symbolic link'
        : entry.type === 'tree'
          ? 'a directory'
          : 'not a regular file';
    throw new ConfigError(`is ${what} on the base branch; keyguard reads only regular files`, shown);
  }
  const size = await execGit(root, ['cat-file', '-s', '--end-of-options', entry.oid]);
  const bytes = Number(size.stdout.trim());
  if (!size.ok || !Number.isFinite(bytes))
    throw new ConfigError(`cannot read it: ${size.stderr.trim()}`, shown);
  if (bytes > maxBytes) {
    throw new ConfigError(
      `is ${bytes} bytes on the base branch, more than the ${maxBytes} keyguard reads`,
      shown,
    );
  }
  const blob = await execGit(root, ['cat-file', 'blob', '--end-of-options', entry.oid], {
    maxBuffer: maxBytes + 1024,
  });
  if (!blob.ok) throw new ConfigError(`cannot read it: ${blob.stderr.trim()}`, shown);
  return blob.stdout;
}

/** `file` relative to the top of the pinned work tree (forward slashes), or undefined when outside it. */
export function inWorkTree(workTree: string, file: string): string | undefined {
  const rel = relative(workTree, file);
  if (!rel || rel.startsWith('..') || isAbsolute(rel)) return undefined;
  return rel.split(sep).join('/');
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
