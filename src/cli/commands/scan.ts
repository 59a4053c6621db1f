/** `keyguard scan`: find leaked keys in a directory, a file, standard input, history or staged changes. */
import { existsSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { InputError } from '../../config/errors.js';
import type { KeyguardConfig } from '../../config/load.js';
import { readBaseline } from '../../filters/index.js';
import { applyLinkedPolicy, failingLinked, isLinked, LINKED_POLICIES } from '../../pipeline/linked-policy.js';
import { buildProviders, verifyBudget, verifyOptionsFrom } from '../../pipeline/providers.js';
import { ruleLookup } from '../../pipeline/rules-meta.js';
import { runScan, type ScanTarget } from '../../pipeline/scan.js';
import { renderJson, renderSarif, renderText } from '../../report/index.js';
import type { Finding, Liveness } from '../../types.js';
import { verifyFindings } from '../../verify/index.js';
import { VERSION } from '../../version.js';
import { cacheSettingsFrom, reportCache } from '../cache.js';
import type { Command, CommandContext } from '../command.js';
import { EXIT } from '../exit.js';
import { type FlagSpec, type FlagValues, list, oneOf, str } from '../flags.js';
import { historyWindow, LOG_OPTS_HELP } from '../git-window.js';
import { deliver, destination, OUTPUT_FLAG } from '../output.js';
import { atMost, BASE_URL_FLAGS, baseUrlsFrom, CONFIG_FLAG, configFor } from '../shared.js';

export const DEFAULT_BASELINE = '.keyguard-baseline.json';
const RESULTS: readonly Liveness[] = ['live', 'unknown', 'revoked'];

const FLAGS: readonly FlagSpec[] = [
  { name: 'history', type: 'boolean', description: 'scan every commit of the git history (added lines)' },
  {
    name: 'sweep',
    type: 'boolean',
    description: 'the tree and the full history, one finding per key and file',
  },
  { name: 'range', type: 'string', value: 'A..B', description: 'scan the commits of a revision range' },
  { name: 'staged', type: 'boolean', description: 'scan what `git add` staged (the pre-commit hook)' },
  {
    name: 'since-commit',
    type: 'string',
    value: 'REF',
    description: 'scan the commits after REF up to HEAD (a commit SHA, branch or tag)',
  },
  {
    name: 'log-opts',
    type: 'string',
    dashValue: true,
    value: 'OPTS',
    description: `history window, a safe subset of git log options: ${LOG_OPTS_HELP}`,
  },
  {
    name: 'format',
    short: 'f',
    type: 'string',
    value: 'text|json|sarif',
    description: 'report format',
    default: 'text',
  },
  OUTPUT_FLAG,
  CONFIG_FLAG,
  {
    name: 'baseline',
    type: 'string',
    value: 'FILE',
    description: `known findings to leave out (default: ${DEFAULT_BASELINE} in the scanned directory, when present)`,
  },
  { name: 'no-baseline', type: 'boolean', description: `do not load ${DEFAULT_BASELINE} automatically` },
  {
    name: 'verify',
    type: 'boolean',
    description: 'ask each provider whether found keys are live (read-only calls)',
  },
  {
    name: 'no-verify',
    type: 'boolean',
    description: 'never verify, even when .keyguard.yml says verify.enabled: true',
  },
  {
    name: 'results',
    type: 'string',
    value: 'live,unknown,revoked',
    description: 'report only keys with these verification results (needs verification)',
  },
  {
    name: 'fail-on',
    type: 'string',
    value: 'any|live|never',
    description: 'which findings fail the scan; live needs verification',
    default: 'any',
  },
  {
    name: 'fail-on-linked',
    type: 'string',
    value: 'fail|warn|off',
    description:
      'linked credentials found beside keys (AWS, GitHub, Slack, private keys…): fail the scan, only report them, or leave them out',
    default: 'fail',
  },
  {
    name: 'exit-code',
    type: 'string',
    value: 'N',
    description: 'exit code when leaks fail the scan',
    default: '1',
  },
  {
    name: 'threads',
    type: 'string',
    value: 'N',
    description: 'worker threads for tree scans (default: cores)',
  },
  { name: 'no-color', type: 'boolean', description: 'no ANSI colours in the text report (also NO_COLOR)' },
  { name: 'quiet', short: 'q', type: 'boolean', description: 'print nothing when nothing is found' },
  {
    name: 'cache',
    type: 'string',
    value: 'DIR',
    description:
      'reuse what an earlier scan with the same rules and config read, findings included (tree, --history, --sweep, --range); see keyguard cache',
  },
  ...BASE_URL_FLAGS,
];

function targetFrom(values: FlagValues): ScanTarget {
  const chosen = ['history', 'range', 'staged', 'sweep', 'since-commit'].filter((k) => values[k]);
  if (chosen.length > 1)
    throw new InputError(
      `choose one of --history, --range, --since-commit, --staged, --sweep (got ${chosen.map((c) => `--${c}`).join(', ')})`,
    );
  const logOpts = str(values, 'log-opts');
  if (logOpts !== undefined && (values.staged || values.sweep))
    throw new InputError(
      '--log-opts narrows a history scan: use it with --history, --range or --since-commit, or alone',
    );
  const window = historyWindow({
    logOpts,
    sinceCommit: str(values, 'since-commit'),
    range: str(values, 'range'),
  });
  if (window) return { kind: 'history', window };
  if (values.history) return { kind: 'history' };
  if (values.sweep) return { kind: 'sweep' };
  if (values.staged) return { kind: 'staged' };
  const range = str(values, 'range');
  if (range !== undefined) {
    if (!/^\S+\.\.\.?\S+$/.test(range)) throw new InputError(`--range "${range}" is not A..B`);
    return { kind: 'range', range };
  }
  return { kind: 'tree' };
}

/**
 * `scan`'s PATH, resolved: a directory, or (for a tree scan) one file, scanned alone and reported by
 * its name, with the `.keyguard.yml` of its directory. Anything else is a one-line usage error.
 */
function scanPath(
  cwd: string,
  path: string | undefined,
  target: ScanTarget,
): { root: string; file?: string } {
  const shown = path ?? '.';
  const full = resolve(cwd, shown);
  let st: ReturnType<typeof statSync> | undefined;
  try {
    st = statSync(full);
  } catch {}
  if (!st) throw new InputError(`PATH "${shown}" does not exist`);
  if (st.isFile()) {
    if (target.kind !== 'tree')
      throw new InputError(
        `--${flagOf(target)} needs a directory PATH (a git checkout), not the file "${shown}"`,
      );
    // A link named on the command line is followed (the walk itself never follows links).
    const real = realpathSync(full);
    return { root: dirname(real), file: basename(real) };
  }
  if (!st.isDirectory()) throw new InputError(`PATH "${shown}" is not a directory or a regular file`);
  return { root: full };
}

function flagOf(target: ScanTarget): string {
  return target.kind === 'history' && target.window ? 'log-opts' : target.kind;
}

/** Whether to ask the providers: `--verify`, or the config's `verify.enabled: true`; never with --no-verify. */
function verification(values: FlagValues, config: KeyguardConfig, ctx: CommandContext): boolean {
  if (values['no-verify']) {
    if (values.verify) throw new InputError('choose one of --verify and --no-verify');
    return false;
  }
  if (config.verify.enabled === false) {
    if (values.verify)
      ctx.log.warn(`--verify ignored: ${config.source.file ?? '.keyguard.yml'} says verify.enabled: false`);
    return false;
  }
  return Boolean(values.verify) || config.verify.enabled === true;
}

function exitCodeFrom(values: FlagValues): number {
  const raw = str(values, 'exit-code') ?? '1';
  const n = Number(raw);
  // 2 and 3 mean "error" and "inconclusive" for every command: a leak must not look like either.
  if (!/^\d{1,3}$/.test(raw) || n > 125 || n === EXIT.error || n === EXIT.inconclusive)
    throw new InputError(
      `--exit-code "${raw}" is not 0, 1 or 4 to 125 (2 and 3 mean error and inconclusive)`,
    );
  return n;
}

function resultsFrom(values: FlagValues): Set<Liveness> | undefined {
  if (values.results === undefined) return undefined;
  const wanted = list(values, 'results');
  const bad = wanted.filter((w) => !(RESULTS as readonly string[]).includes(w));
  if (bad.length || wanted.length === 0)
    throw new InputError(
      `--results "${String(values.results)}": expected a comma-separated list of ${RESULTS.join(', ')}`,
    );
  return new Set(wanted as Liveness[]);
}

async function run(
  { values, positionals }: { values: FlagValues; positionals: string[] },
  ctx: CommandContext,
) {
  const { io, log } = ctx;
  atMost('scan', positionals, 1, 'PATH');
  const format = oneOf(values, 'format', ['text', 'json', 'sarif'] as const);
  const failOn = oneOf(values, 'fail-on', ['any', 'live', 'never'] as const);
  const linkedPolicy = oneOf(values, 'fail-on-linked', LINKED_POLICIES);
  const leakExit = exitCodeFrom(values);
  const results = resultsFrom(values);
  let threads: number | undefined;
  if (values.threads !== undefined) {
    threads = Number(values.threads);
    if (!Number.isInteger(threads) || threads < 1)
      throw new InputError(`--threads "${values.threads}" is not a positive whole number`);
  }
  if (values.baseline !== undefined && values['no-baseline'])
    throw new InputError('choose one of --baseline FILE and --no-baseline');
  const dest = destination(io.cwd, str(values, 'output'));
  let target = targetFrom(values);
  if (positionals[0] === '-') {
    // Standard input: piped logs, a diff, a file from elsewhere (`kubectl logs … | keyguard scan -`).
    if (target.kind !== 'tree')
      throw new InputError(`--${flagOf(target)} cannot read standard input (PATH "-")`);
    target = { kind: 'stream', input: io.stdin, name: '<stdin>' };
  }
  const { root, file } =
    target.kind === 'stream' ? { root: io.cwd } : scanPath(io.cwd, positionals[0], target);
  const config = await configFor(root, str(values, 'config'), io.cwd);
  log.debug(`config: ${config.source.file ?? 'none (defaults)'}`);
  const verify = verification(values, config, ctx);
  // Checked before the scan: a check that can never fail is a false all-clear.
  if (failOn === 'live' && !verify)
    throw new InputError(
      '--fail-on live needs verification (--verify, or verify.enabled: true in .keyguard.yml): without it no key can be confirmed live and every leak would pass',
    );
  if (results && !verify)
    throw new InputError('--results filters by verification result: add --verify (or verify.enabled: true)');
  const baseline = await baselineFor(values, root, target, ctx);
  const cache = cacheSettingsFrom(values.cache, io);
  // The cache names trees, blobs and commits; staged changes, standard input and one file are read whole.
  const uncachable =
    target.kind === 'staged'
      ? '--staged'
      : target.kind === 'stream'
        ? 'standard input'
        : file !== undefined
          ? 'a single file'
          : undefined;
  if (cache && uncachable)
    io.stderr.write(
      `keyguard: warning: --cache has no effect on ${uncachable} (it reuses tree, --history, --sweep and --range scans)\n`,
    );
  const outcome = await runScan({ root, file, target, config, baseline, threads, cache });
  reportCache(outcome.cache, io);
  applyLinkedPolicy(outcome, linkedPolicy);
  log.debug(`scanned ${outcome.result.stats.files} file(s) in ${outcome.result.stats.durationMs} ms`);
  let shown = outcome.newFindings;
  if (verify && shown.length) {
    const opts = verifyOptionsFrom(config);
    const providers = buildProviders(config, {
      baseUrls: baseUrlsFrom(values),
      env: io.env,
      defaults: { budget: verifyBudget(opts) },
    });
    await verifyFindings(shown, providers, opts);
    // `--fail-on live` passes keys whose verdict is unknown: say how many, so a pass is not read as "none live".
    const unsure = failOn === 'live' ? undecided(shown) : 0;
    if (unsure)
      log.warn(
        `--fail-on live: ${unsure} key${unsure === 1 ? '' : 's'} could not be confirmed live or revoked (verification unknown) and ${unsure === 1 ? 'does' : 'do'} not fail this check; verify or rotate ${unsure === 1 ? 'it' : 'them'} by hand`,
      );
  }
  if (results) {
    shown = shown.filter((f) => results.has(f.verification?.status ?? 'unknown'));
    const hidden = outcome.newFindings.length - shown.length;
    if (hidden)
      log.info(`--results ${[...results].join(',')}: ${hidden} finding(s) with other results not shown`);
  }
  const data = { ...outcome.result, findings: shown, baselined: outcome.baselined };
  let text: string;
  if (format === 'json') text = renderJson(data, { version: VERSION });
  else if (format === 'sarif') text = renderSarif(data, { version: VERSION, rules: ruleLookup(config) });
  else {
    const color =
      dest.kind === 'stdout' && Boolean(io.stdout.isTTY) && !values['no-color'] && !io.env.NO_COLOR;
    text = values.quiet && shown.length === 0 ? '' : renderText(data, { color });
  }
  // The scan is done: if the report cannot be written, say what it found rather than hide it.
  const n = shown.length;
  await deliver(
    dest,
    text,
    io.stdout,
    (why) => `${why}; the scan found ${n} leaked key${n === 1 ? '' : 's'}`,
  );
  // Linked credentials are never verified: `fail-on-linked` decides for them, `fail-on` for the keys.
  const linkedFail = failingLinked(shown, linkedPolicy, failOn) > 0;
  return failed(
    shown.filter((f) => !isLinked(f)),
    failOn,
  ) || linkedFail
    ? leakExit
    : EXIT.ok;
}

/**
 * `--baseline FILE`, or `.keyguard-baseline.json` of the scanned directory when present (said on stderr,
 * so nobody wonders where findings went); `--no-baseline` turns the automatic one off.
 */
async function baselineFor(values: FlagValues, root: string, target: ScanTarget, ctx: CommandContext) {
  const named = str(values, 'baseline');
  if (named !== undefined) return readBaseline(resolve(ctx.io.cwd, named));
  if (values['no-baseline'] || target.kind === 'stream') return undefined;
  const auto = join(root, DEFAULT_BASELINE);
  if (!existsSync(auto)) return undefined;
  // It comes with the tree: it must really be inside it (no link leading out).
  const baseline = await readBaseline(auto, { within: [root], withinName: 'the scanned directory' });
  ctx.log.info(`using baseline ${auto} (known findings are left out; --no-baseline to include them)`);
  return baseline;
}

/** Keys (not linked credentials) that verification could not decide: neither live nor revoked. */
export function undecided(findings: readonly Finding[]): number {
  return findings.filter(
    (f) => !isLinked(f) && f.verification?.status !== 'live' && f.verification?.status !== 'revoked',
  ).length;
}

function failed(findings: Finding[], failOn: string): boolean {
  if (failOn === 'never') return false;
  if (failOn === 'live') return findings.some((f) => f.verification?.status === 'live');
  return findings.length > 0;
}

export const scanCommand: Command = {
  name: 'scan',
  summary: 'find leaked sk- style API keys',
  usage: [
    '[PATH | -] [--history | --sweep | --range A..B | --since-commit REF | --staged] [--log-opts OPTS]',
    '[PATH] [--format text|json|sarif] [--output FILE|-] [--verify] [--fail-on any|live|never]',
  ],
  flags: FLAGS,
  notes: [
    'PATH is a directory (default .), one file (tree scans), or - for standard input.',
    'Exit: 0 no leaked key, 1 leaked keys (or --exit-code N), 2 usage, config or runtime error.',
  ],
  run,
};
