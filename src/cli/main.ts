/**
 * The `keyguard` command line: the same engine as the action, flags instead of inputs.
 * Exit codes: 0 clean, 1 leaked keys found (or, for `verify`, the key is live), 2 usage or runtime error.
 */
import { lstatSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { runAudit } from '../audit/index.js';
import { ConfigError, InputError } from '../config/errors.js';
import { type KeyguardConfig, loadConfig } from '../config/load.js';
import { detectorOptionsFrom } from '../config/wiring.js';
import { writeReportFile } from '../files/write-report.js';
import { readBaseline, writeBaseline } from '../filters/index.js';
import { scrubUrls, urlProblem } from '../http/url.js';
import {
  applyLinkedPolicy,
  failingLinked,
  isLinked,
  LINKED_POLICIES,
  type LinkedPolicy,
} from '../pipeline/linked-policy.js';
import { BASE_URL_PROVIDERS, buildProviders, verifyOptionsFrom } from '../pipeline/providers.js';
import { ruleLookup } from '../pipeline/rules-meta.js';
import { runScan, type ScanTarget } from '../pipeline/scan.js';
import { renderJson, renderSarif, renderText } from '../report/index.js';
import { Detector } from '../scan/detector.js';
import { Secret } from '../scan/secret.js';
import { forLog } from '../text/inert.js';
import type { Finding } from '../types.js';
import { verifyFindings, verifyKey } from '../verify/index.js';
import { VERSION } from '../version.js';
import { auditWithProvider } from './audit-provider.js';
import { CACHE_USAGE, cacheSettingsFrom, cmdCache, reportCache } from './cache.js';

export interface CliIo {
  stdout: { write(chunk: string): unknown; isTTY?: boolean };
  stderr: { write(chunk: string): unknown };
  stdin: AsyncIterable<Buffer | string>;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

const PROVIDER_FLAGS: readonly string[] = BASE_URL_PROVIDERS;

export const USAGE = `keyguard ${VERSION}: find, verify, rotate and audit leaked sk- style API keys

Usage:
  keyguard scan [PATH | -] [--history | --range A..B | --staged | --sweep] [--format text|json|sarif]
                [--output FILE] [--config FILE] [--baseline FILE] [--verify] [--fail-on any|live|never] [--fail-on-linked fail|warn|off]
                [--<provider>-base-url URL] [--threads N] [--no-color] [--quiet]
  keyguard baseline [PATH] [--output FILE] [--history] [--config FILE]
  keyguard verify [--provider ID] [--<provider>-base-url URL]     (reads one key from stdin)
  keyguard audit --csv FILE [--allow-ip CIDR …] [--window 168h] [--end T] [--leak-time T] [--format text|json|markdown]
  keyguard audit --provider openai|anthropic|openrouter|litellm --key-id ID [--window 168h] [--end T]
                 (admin key from KEYGUARD_ADMIN_KEY)
${CACHE_USAGE}
  keyguard --help | --version

scan     exit 0 clean, 1 leaked keys found, 2 usage or runtime error
verify   exit 0 revoked, 1 live, 3 unknown, 2 error
Providers for --<provider>-base-url: ${PROVIDER_FLAGS.join(', ')}
`;

const baseUrlOptions = Object.fromEntries(
  PROVIDER_FLAGS.map((p) => [`${p}-base-url`, { type: 'string' as const }]),
);

function baseUrlsFrom(values: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of PROVIDER_FLAGS) {
    const v = values[`${p}-base-url`];
    if (typeof v === 'string' && v) {
      const problem = urlProblem(v, 'https://api.openai.com/v1');
      if (problem) throw new InputError(`--${p}-base-url: ${problem}`);
      out[p] = v.replace(/\/+$/, '');
    }
  }
  return out;
}

type Values = Record<string, string | boolean | string[] | boolean[] | undefined>;

function parse(
  argv: string[],
  options: ParseArgsConfig['options'],
): { values: Values; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
    return { values: values as Values, positionals };
  } catch (err) {
    throw new InputError((err as Error).message.split('\n')[0]!);
  }
}

/**
 * `--config FILE` is the user's own choice (a regular file, wherever it is); a config found in the
 * scanned directory comes with the tree, so it must really be inside it (no link leading out).
 */
async function configFor(root: string, file: string | undefined, cwd: string): Promise<KeyguardConfig> {
  if (file) return loadConfig(resolve(cwd, file), { required: true });
  for (const name of ['.keyguard.yml', '.keyguard.yaml']) {
    const candidate = join(root, name);
    const cfg = await loadConfig(candidate, {
      required: false,
      within: [root],
      withinName: 'the scanned directory',
    });
    if (cfg.source.file) return cfg;
  }
  return loadConfig(join(root, '.keyguard.yml'), { required: false });
}

function targetFrom(values: Record<string, unknown>): ScanTarget {
  const chosen = ['history', 'range', 'staged', 'sweep'].filter((k) => values[k]);
  if (chosen.length > 1)
    throw new InputError(`choose one of --history, --range, --staged, --sweep (got ${chosen.join(', ')})`);
  if (values.history) return { kind: 'history' };
  if (values.sweep) return { kind: 'sweep' };
  if (values.staged) return { kind: 'staged' };
  if (typeof values.range === 'string') {
    if (!/^\S+\.\.\.?\S+$/.test(values.range)) throw new InputError(`--range "${values.range}" is not A..B`);
    return { kind: 'range', range: values.range };
  }
  return { kind: 'tree' };
}

async function cmdScan(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(argv, {
    history: { type: 'boolean' },
    sweep: { type: 'boolean' },
    range: { type: 'string' },
    staged: { type: 'boolean' },
    format: { type: 'string', default: 'text' },
    output: { type: 'string', short: 'o' },
    config: { type: 'string', short: 'c' },
    baseline: { type: 'string' },
    verify: { type: 'boolean' },
    'fail-on': { type: 'string', default: 'any' },
    'fail-on-linked': { type: 'string', default: 'fail' },
    threads: { type: 'string' },
    'no-color': { type: 'boolean' },
    quiet: { type: 'boolean', short: 'q' },
    cache: { type: 'string' },
    ...baseUrlOptions,
  });
  if (positionals.length > 1) throw new InputError(`scan takes one PATH (got ${positionals.length})`);
  const format = String(values.format);
  if (!['text', 'json', 'sarif'].includes(format))
    throw new InputError(`--format "${format}" is not text, json or sarif`);
  const failOn = String(values['fail-on']);
  if (!['any', 'live', 'never'].includes(failOn))
    throw new InputError(`--fail-on "${failOn}" is not any, live or never`);
  const linkedPolicy = String(values['fail-on-linked']) as LinkedPolicy;
  if (!LINKED_POLICIES.includes(linkedPolicy))
    throw new InputError(`--fail-on-linked "${linkedPolicy}" is not ${LINKED_POLICIES.join(', ')}`);
  let threads: number | undefined;
  if (values.threads !== undefined) {
    threads = Number(values.threads);
    if (!Number.isInteger(threads) || threads < 1)
      throw new InputError(`--threads "${values.threads}" is not a positive whole number`);
  }
  if (failOn === 'live' && !values.verify)
    io.stderr.write(
      'keyguard: --fail-on live without --verify: no key can be confirmed live, so leaks exit 0\n',
    );
  const output = typeof values.output === 'string' ? outputPath(io.cwd, values.output) : undefined;
  let target = targetFrom(values);
  if (positionals[0] === '-') {
    // Standard input: piped logs, a diff, a file from elsewhere (`kubectl logs … | keyguard scan -`).
    if (target.kind !== 'tree')
      throw new InputError(`--${target.kind} cannot read standard input (PATH "-")`);
    target = { kind: 'stream', input: io.stdin, name: '<stdin>' };
  }
  const { root, file } =
    target.kind === 'stream' ? { root: io.cwd } : scanPath(io.cwd, positionals[0], target);
  const config = await configFor(root, values.config as string | undefined, io.cwd);
  const baseline = values.baseline ? await readBaseline(resolve(io.cwd, String(values.baseline))) : undefined;
  const cache = cacheSettingsFrom(values.cache, io);
  const outcome = await runScan({ root, file, target, config, baseline, threads, cache });
  reportCache(outcome.cache, io);
  applyLinkedPolicy(outcome, linkedPolicy);
  if (values.verify && outcome.newFindings.length) {
    const providers = buildProviders(config, { baseUrls: baseUrlsFrom(values), env: io.env });
    await verifyFindings(outcome.newFindings, providers, verifyOptionsFrom(config));
  }
  const data = { ...outcome.result, findings: outcome.newFindings, baselined: outcome.baselined };
  const toFile = output !== undefined;
  let text: string;
  if (format === 'json') text = renderJson(data, { version: VERSION });
  else if (format === 'sarif') text = renderSarif(data, { version: VERSION, rules: ruleLookup(config) });
  else {
    const color = !toFile && Boolean(io.stdout.isTTY) && !values['no-color'] && !io.env.NO_COLOR;
    text = values.quiet && outcome.newFindings.length === 0 ? '' : renderText(data, { color });
  }
  if (output !== undefined) {
    try {
      await writeReportFile(output, text);
    } catch (err) {
      // The scan is done: say what it found rather than let a write error hide it.
      const n = outcome.newFindings.length;
      throw new InputError(
        `cannot write --output ${output} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); the scan found ${n} leaked key${n === 1 ? '' : 's'}`,
      );
    }
  } else io.stdout.write(text);
  const linkedFail = failingLinked(outcome.newFindings, linkedPolicy, failOn) > 0;
  return failed(
    outcome.newFindings.filter((f) => !isLinked(f)),
    failOn,
  ) || linkedFail
    ? 1
    : 0;
}

/** `--output`, resolved, refused before any scanning when its directory does not exist. */
function outputPath(cwd: string, path: string): string {
  const full = resolve(cwd, path);
  let dirOk = false;
  try {
    dirOk = statSync(dirname(full)).isDirectory();
  } catch {}
  if (!dirOk) throw new InputError(`--output ${path}: directory ${dirname(full)} does not exist`);
  // Even the user's own link is not followed (a cloned repository may plant one where a report goes):
  // naming the file it points to writes there.
  let link = false;
  try {
    link = lstatSync(full).isSymbolicLink();
  } catch {}
  if (link)
    throw new InputError(
      `--output ${path} is a symbolic link: keyguard never writes through one (name the file it points to, or remove the link)`,
    );
  return full;
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
        `--${target.kind} needs a directory PATH (a git checkout), not the file "${shown}"`,
      );
    // A link named on the command line is followed (the walk itself never follows links).
    const real = realpathSync(full);
    return { root: dirname(real), file: basename(real) };
  }
  if (!st.isDirectory()) throw new InputError(`PATH "${shown}" is not a directory or a regular file`);
  return { root: full };
}

/** The PATH argument, resolved: a directory, or a one-line usage error naming it. */
function directory(cwd: string, path = '.'): string {
  const root = resolve(cwd, path);
  let ok = false;
  try {
    ok = statSync(root).isDirectory();
  } catch {}
  if (!ok) throw new InputError(`PATH "${path}" is not a directory`);
  return root;
}

function failed(findings: Finding[], failOn: string): boolean {
  if (failOn === 'never') return false;
  if (failOn === 'live') return findings.some((f) => f.verification?.status === 'live');
  return findings.length > 0;
}

async function cmdBaseline(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(argv, {
    output: { type: 'string', short: 'o' },
    history: { type: 'boolean' },
    config: { type: 'string', short: 'c' },
  });
  const root = directory(io.cwd, positionals[0]);
  const out = outputPath(
    io.cwd,
    (values.output as string | undefined) ?? join(root, '.keyguard-baseline.json'),
  );
  const config = await configFor(root, values.config as string | undefined, io.cwd);
  const outcome = await runScan({ root, target: { kind: values.history ? 'sweep' : 'tree' }, config });
  await writeBaseline(out, outcome.findings);
  io.stderr.write(`keyguard: wrote ${outcome.findings.length} fingerprint(s) to ${forLog(out)} (no keys)\n`);
  return 0;
}

async function readStdin(io: CliIo): Promise<string> {
  let text = '';
  for await (const chunk of io.stdin) {
    text += chunk.toString();
    if (text.length > 64 * 1024)
      throw new InputError('verify reads one key from stdin; got more than 64 KiB');
  }
  return text.trim();
}

async function cmdVerify(argv: string[], io: CliIo): Promise<number> {
  const { values } = parse(argv, {
    provider: { type: 'string' },
    config: { type: 'string' },
    ...baseUrlOptions,
  });
  const raw = await readStdin(io);
  if (!raw)
    throw new InputError(
      'verify reads the key from stdin (never from arguments): echo "$KEY" | keyguard verify',
    );
  if (/\s/.test(raw))
    throw new InputError('verify reads exactly one key from stdin (found whitespace inside)');
  const secret = new Secret(raw);
  const config = await configFor(io.cwd, values.config as string | undefined, io.cwd);
  let candidates: string[];
  if (typeof values.provider === 'string') candidates = [values.provider];
  else {
    const found = new Detector(detectorOptionsFrom(config)).scan(raw)[0];
    if (!found)
      throw new InputError(
        `${secret.redacted} does not look like a known key; name its provider with --provider`,
      );
    candidates = found.candidates.length ? found.candidates : found.provider.split('|');
  }
  const providers = buildProviders(config, { baseUrls: baseUrlsFrom(values), env: io.env });
  const v = await verifyKey(secret, candidates, providers);
  const evidence = [v.endpoint, v.httpStatus, v.errorCode]
    .filter((x) => x !== undefined && x !== '')
    .join(' ');
  io.stdout.write(
    `${v.status}\t${forLog(v.provider)}\t${forLog(secret.redacted)}\t${forLog(evidence)}\t${forLog(v.detail)}\n`,
  );
  return v.status === 'live' ? 1 : v.status === 'revoked' ? 0 : 3;
}

export async function cli(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case undefined:
      case '-h':
      case '--help':
      case 'help':
        io.stdout.write(USAGE);
        return command === undefined ? 2 : 0;
      case '-v':
      case '--version':
        io.stdout.write(`${VERSION}\n`);
        return 0;
      case 'scan':
        if (rest.includes('--help') || rest.includes('-h')) return help(io);
        return await cmdScan(rest, io);
      case 'baseline':
        if (rest.includes('--help')) return help(io);
        return await cmdBaseline(rest, io);
      case 'verify':
        if (rest.includes('--help')) return help(io);
        return await cmdVerify(rest, io);
      case 'cache':
        return await cmdCache(rest, io);
      case 'audit':
        if (rest.includes('--provider')) return await auditWithProvider(rest, io);
        return await runAudit(rest, io);
      default:
        throw new InputError(
          `unknown command "${command}" (expected scan, baseline, verify or audit; see --help)`,
        );
    }
  } catch (err) {
    io.stderr.write(`keyguard: ${forLog(oneLine(err))}\n`);
    return 2;
  }
}

function help(io: CliIo): number {
  io.stdout.write(USAGE);
  return 0;
}

/** One line, and never a key: errors from deep inside can quote input. */
export function oneLine(err: unknown): string {
  const msg =
    err instanceof ConfigError || err instanceof InputError
      ? err.message
      : err instanceof Error
        ? err.message
        : String(err);
  const first = msg.split('\n')[0] ?? '';
  // git and fetch quote URLs: credentials in https://user:token@host are not shown.
  return (
    scrubUrls(first)
      // A credential after an auth scheme (one with a digit: "Basic authentication" stays readable).
      .replace(/\b(Bearer|Basic|token)\s+(?=[A-Za-z._~+/=-]*\d)[A-Za-z0-9._~+/=-]{8,}/gi, '$1 ***')
      .replace(KEY_LIKE, (k) => new Secret(k).redacted)
  );
}

/**
 * Anything shaped like a credential: every provider prefix keyguard knows (sk-, rk_, gsk_, xai-, pplx-,
 * Langfuse pk-lf-) and GitHub tokens. Redacted, not matched exactly: a message may quote a key no rule knows.
 */
const KEY_LIKE =
  /(?<![A-Za-z0-9])(?:sk|rk|pk|gsk|xai|pplx|ghp|gho|ghu|ghs|ghr|github_pat)[-_][A-Za-z0-9_-]{12,}/g;
