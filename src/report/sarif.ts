/**
 * SARIF 2.1.0 for GitHub code scanning: one rule entry per rule that has a result, results with
 * `%SRCROOT%`-relative locations and a `keyguard/v1` partial fingerprint (the key's fingerprint),
 * so GitHub tracks one alert per key across runs and line moves.
 */
import { forJson, forMarkdown, forSarifMessage } from '../text/inert.js';
import type { Finding, FindingAdvice } from '../types.js';
import {
  findingNotes,
  keyConsoleUrl,
  providerName,
  type ReportData,
  safeText,
  sortByLocation,
  sortByUrgency,
  TOOL_NAME,
  verdict,
} from './common.js';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const DEFAULT_INFORMATION_URI = 'https://github.com/keyguard/keyguard';
const SEMVER = /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;
/** GitHub maps 9.0 and above to "critical": a usable credential in the repository is. */
const DEFAULT_SECURITY_SEVERITY = 9.0;

/** What the rules module knows about a rule; everything is optional (the finding fills gaps). */
export interface RuleMeta {
  /** PascalCase-ish display name, e.g. `OpenAIProjectKey`. */
  name?: string;
  /** One sentence, e.g. "OpenAI project API key". */
  description?: string;
  fullDescription?: string;
  helpUri?: string;
  tags?: string[];
  /** 0–10, CVSS-like; GitHub shows ≥9 as critical, ≥7 as high. */
  securitySeverity?: number;
}

/** The parts of the SARIF log this reporter writes (loosely typed below the top levels). */
export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: SarifRun[];
}

export interface SarifRun {
  tool: {
    driver: {
      name: string;
      version: string;
      semanticVersion?: string;
      informationUri: string;
      rules: Record<string, unknown>[];
    };
  };
  invocations: Record<string, unknown>[];
  columnKind: 'utf16CodeUnits';
  results: ReturnType<typeof resultFor>[];
  originalUriBaseIds?: Record<string, { uri: string }>;
}

export type RuleLookup = (ruleId: string) => RuleMeta | undefined;

export interface SarifOptions {
  version: string;
  informationUri?: string;
  rules?: RuleLookup;
  /** Absolute `file://` URI of the scanned root, when known (optional in SARIF). */
  srcRoot?: string;
  /** GitHub code scanning rejects runs with more than 25,000 results: the most urgent are kept. */
  maxResults?: number;
}

export const MAX_SARIF_RESULTS = 25_000;

/** A relative path as a URI reference: each segment percent-encoded, slashes kept. */
export function toUriReference(path: string): string {
  return path
    .replace(/\\/g, '/')
    .split('/')
    .map((s) => encodeURIComponent(s))
    .join('/');
}

/** A finding's advice with the finding (whose key is scrubbed from the advice's text). */
interface Advised {
  advice: FindingAdvice;
  finding: Finding;
}

/** At most this many context-specific fixes in a rule's help (one per context seen in the run). */
const MAX_HELP_CONTEXTS = 8;

function helpFor(
  f: Finding,
  description: string,
  advice: readonly Advised[] = [],
): { text: string; markdown: string } {
  const name = providerName(f.provider);
  const console = keyConsoleUrl(f.provider);
  // Each step as [plain text, markdown].
  const steps: [string, string][] = [
    [
      `Revoke or rotate the key at ${name}${console ? ` (${console})` : ''}: once a key is in a repository, treat it as public. keyguard's rotate mode replaces it and updates the GitHub secret for providers with an admin API.`,
      `Revoke or rotate the key at ${console ? `[${forMarkdown(name)}](${console})` : forMarkdown(name)}: once a key is in a repository, treat it as public. keyguard's rotate mode replaces it and updates the GitHub secret for providers with an admin API.`,
    ],
    [
      'Load the new key from a secret store or environment variable (in GitHub Actions: a repository, environment or organization secret), never from a committed file.',
      'Load the new key from a secret store or environment variable (in GitHub Actions: a repository, environment or organization secret), never from a committed file.',
    ],
    ...advice
      .slice(0, MAX_HELP_CONTEXTS)
      .map(({ advice: a, finding }): [string, string] => [
        `Where it was found (${forSarifMessage(safeText(a.where, [finding]))}): ${forSarifMessage(safeText(a.fix, [finding]))}.`,
        `Where it was found (${forMarkdown(safeText(a.where, [finding]))}): ${forMarkdown(safeText(a.fix, [finding]))}.`,
      ]),
    [
      'Remove the old value from the code and, if the repository is or was shared, from the git history (git filter-repo --replace-text), then have collaborators re-clone.',
      'Remove the old value from the code and, if the repository is or was shared, from the git history (`git filter-repo --replace-text`), then have collaborators re-clone.',
    ],
    [
      'Check the provider usage for calls you did not make while the key was exposed.',
      'Check the provider usage for calls you did not make while the key was exposed.',
    ],
    [
      'If the finding is a test value you accept, add its fingerprint to .keyguard.yml (allowlist.fingerprints) or to the baseline.',
      'If the finding is a test value you accept, add its fingerprint to `.keyguard.yml` (`allowlist.fingerprints`) or to the baseline.',
    ],
  ];
  return {
    text: `${forSarifMessage(description)}. ${steps.map(([t], i) => `${i + 1}. ${t}`).join(' ')}`,
    markdown: [
      `**${forMarkdown(description)}**: a ${forMarkdown(name)} credential found in the repository.`,
      '',
      ...steps.map(([, m], i) => `${i + 1}. ${m}`),
    ].join('\n'),
  };
}

function ruleEntry(
  ruleId: string,
  sample: Finding,
  meta: RuleMeta | undefined,
  advice: readonly Advised[] = [],
) {
  // A custom rule's description and provider come from the config: plain text like the rest.
  const raw = meta?.description ?? sample.description;
  const description = forSarifMessage(raw);
  const providers = sample.provider.split('|').filter(Boolean);
  const rule: Record<string, unknown> = { id: ruleId };
  if (meta?.name) rule.name = meta.name;
  rule.shortDescription = { text: description };
  rule.fullDescription = {
    text:
      meta?.fullDescription ??
      `${description}: a ${providerName(sample.provider)} credential committed to the repository. Anyone who can read the repository or its history can use it until it is revoked.`,
  };
  rule.defaultConfiguration = { level: 'error' };
  if (meta?.helpUri) rule.helpUri = meta.helpUri;
  rule.help = helpFor(sample, raw, advice);
  rule.properties = {
    tags: [
      ...new Set([
        'security',
        'secret',
        'credential',
        'external/cwe/cwe-798',
        ...providers,
        ...(meta?.tags ?? []),
      ]),
    ],
    precision: 'high',
    'problem.severity': 'error',
    'security-severity': (meta?.securitySeverity ?? DEFAULT_SECURITY_SEVERITY).toFixed(1),
  };
  return rule;
}

function messageFor(f: Finding): string {
  let text = `Leaked ${providerName(f.provider)} key ${f.redacted}`;
  const v = f.verification;
  if (v?.status === 'live') text += ` is LIVE: ${v.detail}`;
  else if (v?.status === 'revoked') text += ` (revoked: ${v.detail})`;
  else if (v?.status === 'unknown') text += ` (liveness unknown: ${v.detail})`;
  if (f.source === 'history' && f.commit) text += ` Found in history at commit ${f.commit.sha.slice(0, 7)}.`;
  if (f.encoding) text += ` Encoded as ${f.encoding}.`;
  for (const note of findingNotes(f, { detail: false })) text += ` ${note}`;
  return forSarifMessage(safeText(text, [f]));
}

function resultFor(f: Finding, ruleIndex: number) {
  const region: Record<string, number> = { startLine: f.line, startColumn: f.column };
  if (!f.encoding) {
    region.endLine = f.line;
    region.endColumn = f.column + f.secret.length;
  }
  const properties: Record<string, unknown> = {
    provider: f.provider,
    candidates: [...f.candidates],
    redacted: f.redacted,
    verification: verdict(f),
    source: f.source,
  };
  if (f.verification?.httpStatus !== undefined) properties.httpStatus = f.verification.httpStatus;
  if (f.commit) properties.commit = f.commit.sha;
  if (f.encoding) properties.encoding = f.encoding;
  if (f.advice) properties.adviceContext = f.advice.context;
  return {
    ruleId: f.ruleId,
    ruleIndex,
    level: 'error',
    message: { text: messageFor(f) },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: toUriReference(f.file), uriBaseId: '%SRCROOT%' },
          region,
        },
      },
    ],
    partialFingerprints: { 'keyguard/v1': f.fingerprint },
    properties,
  };
}

export function buildSarif(data: ReportData, opts: SarifOptions): SarifLog {
  const max = opts.maxResults ?? MAX_SARIF_RESULTS;
  const all = data.findings;
  const findings = sortByLocation(all.length > max ? sortByUrgency(all).slice(0, max) : all);
  const ruleIndex = new Map<string, number>();
  const rules: Record<string, unknown>[] = [];
  // One help step per advice context among each rule's results (first finding of each context).
  const adviceByRule = new Map<string, Map<string, Advised>>();
  for (const f of findings) {
    if (!f.advice) continue;
    let m = adviceByRule.get(f.ruleId);
    if (!m) {
      m = new Map();
      adviceByRule.set(f.ruleId, m);
    }
    if (!m.has(f.advice.context)) m.set(f.advice.context, { advice: f.advice, finding: f });
  }
  for (const f of findings) {
    if (ruleIndex.has(f.ruleId)) continue;
    ruleIndex.set(f.ruleId, rules.length);
    const advice = [...(adviceByRule.get(f.ruleId)?.values() ?? [])];
    rules.push(ruleEntry(f.ruleId, f, opts.rules?.(f.ruleId), advice));
  }
  const notifications = (data.warnings ?? []).map((w) => {
    const n: Record<string, unknown> = {
      level: 'warning',
      message: { text: forSarifMessage(safeText(w.message, all)) },
    };
    if (w.file) {
      const region = w.line ? { region: { startLine: w.line } } : {};
      n.locations = [
        {
          physicalLocation: {
            artifactLocation: { uri: toUriReference(w.file), uriBaseId: '%SRCROOT%' },
            ...region,
          },
        },
      ];
    }
    return n;
  });
  if (all.length > max) {
    notifications.push({
      level: 'warning',
      message: {
        text: `${all.length - max} findings left out: code scanning accepts at most ${max} results per run (the most urgent are kept; the JSON report has all).`,
      },
    });
  }
  const run: SarifRun = {
    tool: {
      driver: {
        name: TOOL_NAME,
        version: opts.version,
        ...(SEMVER.test(opts.version) ? { semanticVersion: opts.version } : {}),
        informationUri: opts.informationUri ?? DEFAULT_INFORMATION_URI,
        rules,
      },
    },
    invocations: [{ executionSuccessful: true, toolExecutionNotifications: notifications }],
    columnKind: 'utf16CodeUnits',
    results: findings.map((f) => resultFor(f, ruleIndex.get(f.ruleId)!)),
  };
  if (opts.srcRoot) {
    run.originalUriBaseIds = {
      '%SRCROOT%': { uri: opts.srcRoot.endsWith('/') ? opts.srcRoot : `${opts.srcRoot}/` },
    };
  }
  return { $schema: SARIF_SCHEMA, version: '2.1.0', runs: [run] };
}

export function renderSarif(data: ReportData, opts: SarifOptions): string {
  return `${forJson(JSON.stringify(buildSarif(data, opts), null, 2))}\n`;
}
