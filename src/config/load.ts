/**
 * `.keyguard.yml`: loading, validation with file:line errors, and a `lineOf` for the sections that
 * other modules (rotation, audit) validate themselves.
 */

import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import { type AuditConfig, parseAuditConfig } from '../audit/config.js';
import { readRegularFile } from '../files/read-regular.js';
import { urlProblem } from '../http/url.js';
import { parseRotationConfig, type RotationConfig } from '../rotate/config.js';
import { builtinRules, optionalRules } from '../rules/index.js';
import { LinearRegex } from '../scan/linear-regex.js';
import { WORKFLOW_RULE_ID } from '../sources/workflows.js';
import { ConfigError, type ConfigPath, type LineOf } from './errors.js';
import { keyShaped, quote } from './quote.js';
import { checkRegex } from './regex-safety.js';
import { suggest } from './suggest.js';

export interface CustomRule {
  id: string;
  regex: string;
  keywords?: string[];
  /** Minimum Shannon entropy (bits per character) of the match. */
  entropy?: number;
  description?: string;
  provider?: string;
}

export interface ProviderConfig {
  /** Written `base-url` in YAML. */
  baseUrl?: string;
  [k: string]: unknown;
}

export interface KeyguardConfig {
  allowlist: { paths: string[]; regexes: string[]; stopwords: string[]; fingerprints: string[] };
  /** `enable` switches on opt-in built-in rules (e.g. `stripe-test-key`); additive to the original contract. */
  rules: { disable: string[]; enable: string[]; custom: CustomRule[] };
  providers: Record<string, ProviderConfig>;
  verify: { enabled?: boolean; concurrency?: number; timeoutSeconds?: number };
  /** As YAML gave them (src/rotate and src/audit parse them again where they are used, with `source.lineOf`). */
  rotation?: unknown;
  audit?: unknown;
  /**
   * The `rotation:` and `audit:` sections, validated by the loader itself (src/rotate/config.ts,
   * src/audit/config.ts): a typo there fails loading in the CLI and the action alike.
   */
  parsed: { rotation: RotationConfig; audit: AuditConfig };
  source: { file?: string; lineOf: LineOf };
}

export const DEFAULT_CONFIG_FILES = ['.keyguard.yml', '.keyguard.yaml'] as const;

const TOP_LEVEL = ['allowlist', 'rules', 'providers', 'verify', 'rotation', 'audit'] as const;
const ALLOWLIST_KEYS = ['paths', 'regexes', 'stopwords', 'fingerprints'] as const;
const RULES_KEYS = ['disable', 'enable', 'custom'] as const;
const CUSTOM_RULE_KEYS = ['id', 'regex', 'keywords', 'entropy', 'description', 'provider'] as const;
const VERIFY_KEYS = ['enabled', 'concurrency', 'timeoutSeconds'] as const;

/** As the detector accepts them (src/scan/custom.ts). */
const RULE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const FINGERPRINT = /^[0-9a-f]{32}$/;

/** `base-url` → `baseUrl`; camelCase stays as it is. */
export function camelKey(key: string): string {
  return key.replace(/[-_]([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** The configuration with nothing set (what a repository without `.keyguard.yml` gets). */
export function defaultConfig(file?: string): KeyguardConfig {
  return {
    allowlist: { paths: [], regexes: [], stopwords: [], fingerprints: [] },
    rules: { disable: [], enable: [], custom: [] },
    providers: {},
    verify: {},
    parsed: {
      rotation: parseRotationConfig(undefined, () => undefined, file),
      audit: parseAuditConfig(undefined, () => undefined, file),
    },
    source: { file, lineOf: () => undefined },
  };
}

function pathText(path: ConfigPath): string {
  let s = '';
  for (const seg of path) s += typeof seg === 'number' ? `[${seg}]` : s ? `.${seg}` : seg;
  return s;
}

function typeName(v: unknown): string {
  if (v === null || v === undefined) return 'nothing';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  return `a ${typeof v}`;
}

/** Builds lineOf over a parsed document; path segments may be camelCase for kebab-case YAML keys. */
function makeLineOf(contents: Node | null, lines: LineCounter): LineOf {
  const lineAt = (n: unknown): number | undefined => {
    const range = (n as Node | null)?.range;
    return range ? lines.linePos(range[0]).line : undefined;
  };
  return (path) => {
    let node: unknown = contents;
    let line = lineAt(node);
    for (const seg of path) {
      if (isMap(node)) {
        const pair = node.items.find(
          (p) => isScalar(p.key) && camelKey(String(p.key.value)) === camelKey(String(seg)),
        );
        if (!pair) return line;
        line = lineAt(pair.key) ?? line;
        node = pair.value;
        // A scalar value's own line (a block string starts below its key); a collection keeps the key's.
        if (isScalar(node)) line = lineAt(node) ?? line;
      } else if (isSeq(node) && typeof seg === 'number' && seg < node.items.length) {
        node = node.items[seg];
        line = lineAt(node) ?? line;
      } else {
        return line;
      }
    }
    return line;
  };
}

class Validator {
  readonly problems: { message: string; line?: number }[] = [];
  constructor(
    readonly file: string,
    readonly lineOf: LineOf,
  ) {}

  fail(path: ConfigPath, message: string): void {
    const where = pathText(path);
    this.problems.push({ message: where ? `${where}: ${message}` : message, line: this.lineOf(path) });
  }

  /** A mapping (or nothing) whose keys are checked against `known`; returns it with camelCase keys. */
  mapping(path: ConfigPath, value: unknown, known?: readonly string[]): Record<string, unknown> {
    if (value === null || value === undefined) return {};
    if (typeof value !== 'object' || Array.isArray(value)) {
      this.fail(path, `expected a mapping (key: value lines), got ${typeName(value)} ${quote(value)}`);
      return {};
    }
    const out: Record<string, unknown> = {};
    for (const [rawKey, v] of Object.entries(value as Record<string, unknown>)) {
      const key = camelKey(rawKey);
      if (known && !known.includes(key)) {
        const hint = suggest(rawKey, known);
        this.fail(
          [...path, rawKey],
          `unknown key ${quote(rawKey)}${hint ? `; did you mean "${hint}"?` : `; expected one of: ${known.join(', ')}`}`,
        );
        continue;
      }
      out[key] = v;
    }
    return out;
  }

  stringList(path: ConfigPath, value: unknown, check?: (s: string, p: ConfigPath) => boolean): string[] {
    if (value === null || value === undefined) return [];
    const list = typeof value === 'string' ? [value] : value;
    if (!Array.isArray(list)) {
      this.fail(path, `expected a list of strings, got ${typeName(value)} ${quote(value)}`);
      return [];
    }
    const out: string[] = [];
    list.forEach((item, i) => {
      const p = typeof value === 'string' ? path : [...path, i];
      if (typeof item !== 'string' || item === '') {
        this.fail(p, `expected a non-empty string, got ${typeName(item)} ${quote(item)}`);
      } else if (!check || check(item, p)) {
        out.push(item);
      }
    });
    return out;
  }

  regex(path: ConfigPath, value: string): boolean {
    const problem = checkRegex(value);
    if (problem) this.fail(path, `${quote(value)} ${problem.message}`);
    return !problem;
  }

  /** A custom rule's regex: it runs on RE2 (linear time), so it is checked by RE2's rules. */
  customRegex(path: ConfigPath, value: string): boolean {
    let problem: string | undefined;
    try {
      if (LinearRegex.compile(value).matchesEmpty())
        problem = 'matches the empty string, so it would match every line';
    } catch (err) {
      problem = (err as Error).message;
    }
    if (problem) this.fail(path, `${quote(value)} ${problem}`);
    return !problem;
  }

  optionalString(path: ConfigPath, value: unknown): string | undefined {
    if (value === null || value === undefined) return undefined;
    if (typeof value !== 'string' || value === '') {
      this.fail(path, `expected a non-empty string, got ${typeName(value)} ${quote(value)}`);
      return undefined;
    }
    return value;
  }

  number(
    path: ConfigPath,
    value: unknown,
    opts: { min: number; max: number; integer?: boolean; unit?: string },
  ): number | undefined {
    if (value === null || value === undefined) return undefined;
    const ok =
      typeof value === 'number' &&
      Number.isFinite(value) &&
      value >= opts.min &&
      value <= opts.max &&
      (!opts.integer || Number.isInteger(value));
    if (!ok) {
      const kind = opts.integer ? 'a whole number' : 'a number';
      this.fail(
        path,
        `${quote(value)} is not valid: expected ${kind} from ${opts.min} to ${opts.max}${opts.unit ?? ''}`,
      );
      return undefined;
    }
    return value as number;
  }

  boolean(path: ConfigPath, value: unknown): boolean | undefined {
    if (value === null || value === undefined) return undefined;
    if (typeof value !== 'boolean') {
      this.fail(path, `${quote(value)} is not valid: expected true or false`);
      return undefined;
    }
    return value;
  }
}

function validateAllowlist(v: Validator, raw: unknown): KeyguardConfig['allowlist'] {
  const m = v.mapping(['allowlist'], raw, ALLOWLIST_KEYS);
  return {
    paths: v.stringList(['allowlist', 'paths'], m.paths),
    regexes: v.stringList(['allowlist', 'regexes'], m.regexes, (s, p) => v.regex(p, s)),
    stopwords: v.stringList(['allowlist', 'stopwords'], m.stopwords),
    fingerprints: v.stringList(['allowlist', 'fingerprints'], m.fingerprints, (s, p) => {
      if (FINGERPRINT.test(s)) return true;
      v.fail(
        p,
        `${quote(s)} is not a fingerprint: expected 32 lowercase hex characters, as in reports and baselines`,
      );
      return false;
    }),
  };
}

function validateCustomRule(v: Validator, raw: unknown, i: number): CustomRule | undefined {
  const base: ConfigPath = ['rules', 'custom', i];
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    v.fail(base, `expected a mapping with at least "id" and "regex", got ${typeName(raw)} ${quote(raw)}`);
    return undefined;
  }
  const before = v.problems.length;
  const m = v.mapping(base, raw, CUSTOM_RULE_KEYS);
  const id = v.optionalString([...base, 'id'], m.id);
  if (id === undefined && m.id === undefined) v.fail(base, 'missing "id" (e.g. id: internal-gateway-key)');
  else if (id !== undefined && !RULE_ID.test(id)) {
    v.fail(
      [...base, 'id'],
      `${quote(id)} is not valid: expected letters, digits, "-", "." or "_" (at most 64)`,
    );
  }
  const regex = v.optionalString([...base, 'regex'], m.regex);
  if (regex === undefined && m.regex === undefined) v.fail(base, 'missing "regex"');
  else if (regex !== undefined) v.customRegex([...base, 'regex'], regex);
  const rule: CustomRule = { id: id ?? '', regex: regex ?? '' };
  if (m.keywords !== undefined) rule.keywords = v.stringList([...base, 'keywords'], m.keywords);
  const entropy = v.number([...base, 'entropy'], m.entropy, { min: 0, max: 8, unit: ' bits per character' });
  if (entropy !== undefined) rule.entropy = entropy;
  const description = v.optionalString([...base, 'description'], m.description);
  if (description !== undefined) rule.description = description;
  const provider = v.optionalString([...base, 'provider'], m.provider);
  if (provider !== undefined) rule.provider = provider;
  return v.problems.length === before ? rule : undefined;
}

function validateRules(v: Validator, raw: unknown): KeyguardConfig['rules'] {
  if (Array.isArray(raw)) {
    // The shape older docs showed: say where custom rules go instead of only "expected a mapping".
    v.fail(
      ['rules'],
      'expected a mapping (disable, enable, custom): custom rules go under rules.custom, as a list of "- id:" entries',
    );
    return { disable: [], enable: [], custom: [] };
  }
  const m = v.mapping(['rules'], raw, RULES_KEYS);
  const disable = v.stringList(['rules', 'disable'], m.disable);
  const enable = v.stringList(['rules', 'enable'], m.enable);
  const custom: CustomRule[] = [];
  if (m.custom !== undefined && m.custom !== null) {
    if (!Array.isArray(m.custom)) {
      v.fail(
        ['rules', 'custom'],
        `expected a list of rules (lines starting with "- id:"), got ${typeName(m.custom)}`,
      );
    } else {
      const seen = new Set<string>();
      m.custom.forEach((r, i) => {
        const rule = validateCustomRule(v, r, i);
        if (!rule) return;
        if (seen.has(rule.id))
          v.fail(['rules', 'custom', i, 'id'], `${quote(rule.id)} is used by another custom rule`);
        seen.add(rule.id);
        custom.push(rule);
      });
    }
  }
  // A typo in a rule id would silently switch nothing off (or on): name the rule it probably meant.
  const known = [...KNOWN_RULE_IDS, ...custom.map((r) => r.id)];
  const optional = new Set(optionalRules().map((r) => r.id));
  disable.forEach((id, i) => {
    if (!known.includes(id)) v.fail(['rules', 'disable', i], unknownRule(id, known));
  });
  enable.forEach((id, i) => {
    if (!optional.has(id)) {
      v.fail(
        ['rules', 'enable', i],
        known.includes(id)
          ? `${quote(id)} is already on (enable is for opt-in rules: ${[...optional].join(', ')})`
          : unknownRule(id, [...optional]),
      );
    }
  });
  return { disable, enable, custom };
}

const KNOWN_RULE_IDS = [...builtinRules(), ...optionalRules()].map((r) => r.id).concat(WORKFLOW_RULE_ID);

function unknownRule(id: string, known: string[]): string {
  const hint = suggest(id, known);
  return `${quote(id)} is not a rule id${hint ? ` (did you mean ${quote(hint)}?)` : ''}; see docs/rules.md`;
}

function validateProviders(v: Validator, raw: unknown): KeyguardConfig['providers'] {
  v.mapping(['providers'], raw);
  const out: KeyguardConfig['providers'] = {};
  // Provider ids are names (`acme-keys`, `litellm-staging`), matched by `rotation:`: never camelCased.
  const entries = raw && typeof raw === 'object' && !Array.isArray(raw) ? Object.entries(raw) : [];
  for (const [id, settings] of entries) {
    const path: ConfigPath = ['providers', id];
    const s = v.mapping(path, settings) as ProviderConfig;
    // Every URL setting (`baseUrl`, a webhook's `createUrl`…): http(s), and no credentials in it.
    for (const [key, value] of Object.entries(s)) {
      if (!/url$/i.test(key) || value === undefined) continue;
      const problem =
        typeof value === 'string'
          ? urlProblem(value)
          : `expected an http(s) URL like https://api.example.com/v1, got ${typeName(value)}`;
      if (problem) v.fail([...path, key], problem);
    }
    out[id] = s;
  }
  return out;
}

function validateVerify(v: Validator, raw: unknown): KeyguardConfig['verify'] {
  const m = v.mapping(['verify'], raw, VERIFY_KEYS);
  const out: KeyguardConfig['verify'] = {};
  const enabled = v.boolean(['verify', 'enabled'], m.enabled);
  if (enabled !== undefined) out.enabled = enabled;
  const concurrency = v.number(['verify', 'concurrency'], m.concurrency, { min: 1, max: 64, integer: true });
  if (concurrency !== undefined) out.concurrency = concurrency;
  const timeout = v.number(['verify', 'timeoutSeconds'], m.timeoutSeconds, {
    min: 1,
    max: 300,
    unit: ' seconds',
  });
  if (timeout !== undefined) out.timeoutSeconds = timeout;
  return out;
}

/** Keys do not belong in the config: reports any key-shaped string value under `path`. */
function rejectKeys(v: Validator, path: ConfigPath, value: unknown): void {
  if (typeof value === 'string') {
    const key = keyShaped(value);
    if (key) {
      v.fail(
        path,
        `looks like an API key (${key}): keys do not belong in .keyguard.yml; pass it as a secret or environment variable, and rotate this one`,
      );
    }
  } else if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) rejectKeys(v, [...path, i], item);
  } else if (value !== null && typeof value === 'object') {
    for (const [k, item] of Object.entries(value)) rejectKeys(v, [...path, k], item);
  }
}

/** Parses and validates `.keyguard.yml` text. Throws ConfigError naming file:line on the first problem. */
export function parseConfig(text: string, file?: string): KeyguardConfig {
  const shown = file ?? DEFAULT_CONFIG_FILES[0];
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const err = doc.errors[0];
    const { line, col } = lines.linePos(err.pos[0]);
    const what = err.message.split('\n')[0].replace(/ at line \d+, column \d+.*$/, '');
    throw new ConfigError(`invalid YAML at column ${col}: ${what}`, shown, line);
  }
  const lineOf = makeLineOf(doc.contents as Node | null, lines);
  const config = defaultConfig(file);
  config.source.lineOf = lineOf;
  const data: unknown = doc.toJS();
  const v = new Validator(shown, lineOf);
  const top = v.mapping([], data, TOP_LEVEL);
  if (v.problems.length === 0) {
    config.allowlist = validateAllowlist(v, top.allowlist);
    config.rules = validateRules(v, top.rules);
    config.providers = validateProviders(v, top.providers);
    config.verify = validateVerify(v, top.verify);
    for (const section of ['providers', 'verify', 'rotation', 'audit'] as const)
      rejectKeys(v, [section], top[section]);
    if (top.rotation !== undefined) config.rotation = top.rotation;
    if (top.audit !== undefined) config.audit = top.audit;
  }
  if (v.problems.length > 0) {
    const first = v.problems[0];
    const more = v.problems.length - 1;
    const tail = more > 0 ? ` (and ${more} more problem${more === 1 ? '' : 's'})` : '';
    throw new ConfigError(`${first.message}${tail}`, shown, first.line);
  }
  // One validation for every entry point: the sections other modules own are checked here too.
  config.parsed = {
    rotation: parseRotationConfig(config.rotation, lineOf, shown),
    audit: parseAuditConfig(config.audit, lineOf, shown),
  };
  return config;
}

/**
 * Loads a config file. With no file, the default names are tried and a missing file gives the
 * defaults; a file named explicitly (or `required`) must exist.
 */
export async function loadConfig(
  file: string | undefined,
  opts?: {
    required?: boolean;
    /** Directories the file must really be in (symbolic links resolved); see files/read-regular.ts. */
    within?: readonly string[];
    withinName?: string;
  },
): Promise<KeyguardConfig> {
  const required = opts?.required ?? file !== undefined;
  const candidates = file !== undefined ? [file] : [...DEFAULT_CONFIG_FILES];
  for (const candidate of candidates) {
    let text: string;
    try {
      text = await readRegularFile(candidate, { within: opts?.within, withinName: opts?.withinName });
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') continue;
      throw new ConfigError(`cannot read the config file: ${(err as Error).message}`, candidate);
    }
    return parseConfig(text, candidate);
  }
  if (required) {
    throw new ConfigError(
      `config file not found (expected a YAML file; see docs/config.md, or omit the option to use defaults)`,
      candidates[0],
    );
  }
  return defaultConfig(undefined);
}
