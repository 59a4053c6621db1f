/**
 * The detector: text in, keys out. Built-in rules are anchored on literal prefixes (`sk-`, `gsk_`…):
 * the detector finds the prefixes (each searched from its rarest character, see `needles.ts`) and runs
 * each rule's regex (sticky, bounded) only there, most specific rule first, so a text costs one search
 * pass per prefix plus a few bounded regex steps per hit — linear even on a 10 MB line of `sk-sk-sk-…`.
 * `mightMatch` answers "could `scan` find anything?" from raw bytes with one `memchr` pass per anchor
 * byte and one sparse pass for long base64 runs.
 */
import { isUtf8 } from 'node:buffer';
import { inlineIgnorePositions } from '../filters/inline.js';
import { builtinRules, optionalRules } from '../rules/index.js';
import type { Rule } from '../rules/types.js';
import {
  base64Markers,
  base64Seeds,
  DOUBLE_ENCODED_HINTS,
  decodeBase64Runs,
  decodeHintedRuns,
  MarkerTable,
  markedRunVisitor,
  someMarkedRunDecodes,
  visitLongRun,
} from './base64.js';
import { namedProviders, nearbyProviders, rankCandidates } from './context.js';
import { type CustomRuleSpec, compileCustomRule } from './custom.js';
import { shannonEntropy } from './entropy.js';
import { AnchorSet, findNeedle, type Needle, planNeedle } from './needles.js';
import {
  hasPlaceholderText,
  hasRun,
  isFollowedByMask,
  isMostlySequential,
  isPeriodic,
  isPlaceholderBody,
} from './placeholder.js';
import { BytePlan, wasmUtf8 } from './prefilter.js';

export type { CustomRuleSpec } from './custom.js';
export { compileCustomRule } from './custom.js';

/** Everything here is plain data except `rules`, so options can be sent to worker threads. */
export interface DetectorOptions {
  /** Replaces the built-in rules (in-process use only: a `Rule` holds functions). */
  rules?: Rule[];
  /** Rule ids to switch off, built-in or custom. */
  disabledRules?: string[];
  /** Opt-in built-in rules to switch on, e.g. `stripe-test-key`. */
  enableRules?: string[];
  customRules?: CustomRuleSpec[];
  /** A key matching any of these regexes is not reported. */
  allowRegexes?: string[];
  /** A key containing any of these substrings (case-insensitive) is not reported. */
  stopwords?: string[];
  /** Decode base64 runs and look for keys inside them (default true). */
  decodeBase64?: boolean;
}

export interface ScanOptions {
  /**
   * The text is printable runs extracted from binary data (one run per line, as `strings` lists them).
   * Keys there are often followed by a serializer's type byte (`N` after a `.pyc` string constant), so a
   * token a few characters longer than a known key length is cut to that length instead of reported
   * with a wrong tail (a wrong key would verify as "revoked" and hide a live leak).
   */
  binary?: boolean;
  /**
   * The bytes this text was decoded from hold no base64 run that could hide a key (`base64Clear` said
   * so): the search for such runs is skipped. Hinted runs (`.dockerconfigjson`) are still decoded.
   */
  base64Clear?: boolean;
  /**
   * The bytes the text was decoded from as UTF-8: the keywords are then found by the WebAssembly
   * pre-filter in one pass over them, instead of one JavaScript search of the text per keyword. Used
   * only when they map onto the text exactly: as many bytes as characters (then every byte is one
   * character), or valid UTF-8 (then positions are counted in code units).
   */
  utf8Bytes?: Buffer;
}

export interface DetectedKey {
  ruleId: string;
  provider: string;
  candidates: string[];
  description: string;
  key: string;
  /** 1-based; for base64 findings, where the base64 run starts. */
  line: number;
  /** 1-based, in UTF-16 code units. */
  column: number;
  encoding?: 'base64';
  /** The line holds `keyguard:allow` (or `gitleaks:allow`, `trufflehog:ignore`), in any comment syntax. */
  inlineAllowed: boolean;
  /** Set for the `linked` family (cloud keys, tokens, private keys, database URLs). */
  kind?: 'linked';
}

interface Compiled {
  rule: Rule;
  /** Index into the group's alphabets (anchored rules). */
  alphabetIndex: number;
  /** Copies of the rule's length bounds: one object shape keeps the per-hit loop fast. */
  minLength: number;
  maxLength: number;
  /** Lower wins when two rules claim overlapping text. */
  priority: number;
  /** Sticky copy for anchored rules, global for the others. */
  regex: RegExp;
  /** Exact lengths a real key of this rule has (fixed-length rules: the one length). */
  lengths: readonly number[];
}

/** The text around a base64 run, for the provider context of keys decoded from it. */
interface Outer {
  text: string;
  start: number;
  end: number;
}

interface RawMatch {
  start: number;
  end: number;
  key: string;
  compiled: Compiled;
  provider: string;
  candidates: string[];
  encoding?: 'base64';
}

/** All anchored rules whose keywords share one prefix (`sk-`), tried in priority order at each hit. */
interface Group {
  keyword: string;
  needle: Needle;
  /** Every exact length of the group's rules, longest first (binary tails are cut to these). */
  lengths: number[];
  rules: Compiled[];
  /** Distinct alphabets of the rules (usually one), to measure the token at a hit once per alphabet. */
  alphabets: Uint8Array[];
  /** Shortest and longest key any rule of the group accepts (a token is measured up to the longest). */
  minLength: number;
  maxLength: number;
}

/** `.dockerconfigjson` holds base64 `auth` values inside a base64 document: decode twice at most. */
const MAX_BASE64_DEPTH = 2;
const GENERIC_LAST = /^generic-/;
/** How far either side of a key `Rule.nearby` looks. */
const NEARBY_RADIUS = 400;
/** Longest serializer tail cut off a key in binary data (`N`, `Z`, `r` + a printable index byte). */
const MAX_BINARY_TAIL = 2;
const NO_OPTIONS: ScanOptions = {};
/**
 * Texts at least this long are screened as their UTF-8 bytes in WebAssembly (history diffs, decoded
 * blobs); shorter ones cost less to search in JavaScript than to encode.
 */
const ENCODE_FROM = 32;

function knownLengths(rule: Rule): number[] {
  if (rule.lengths) return [...rule.lengths];
  return rule.minLength !== undefined && rule.minLength === rule.maxLength ? [rule.minLength] : [];
}

/**
 * A length-prefixed string in binary data (marshal's short string: type byte, one length byte, the
 * text): the printable run starts at the length byte, so the character before the key is its length.
 * Only trusted at the start of a run (or after marshal's `Z`/`z` type), where ordinary text never puts
 * a key's length right before it.
 */
function lengthPrefix(text: string, p: number): number {
  if (p < 1) return -1;
  const c = text.charCodeAt(p - 1);
  if (c < 0x20 || c > 0x7e) return -1;
  if (p === 1) return c;
  const b = text.charCodeAt(p - 2);
  return b === 0x0a || b === 0x5a || b === 0x7a || b < 0x20 || b > 0x7e ? c : -1;
}

function alphabetTable(cls: string): Uint8Array {
  const table = new Uint8Array(128);
  const re = new RegExp(`[${cls}]`);
  for (let c = 0; c < 128; c++) if (re.test(String.fromCharCode(c))) table[c] = 1;
  return table;
}

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

/**
 * True when the text before `p` ends an ANSI escape sequence, `ESC [ digits/; m|K`: CI logs colour values
 * (`\x1b[32m` + key), so the key starts right after a letter that is not part of it.
 */
function ansiBefore(at: (i: number) => number, p: number): boolean {
  const last = at(p - 1);
  if (last !== 0x6d /* m */ && last !== 0x4b /* K */) return false;
  let j = p - 2;
  const stop = Math.max(0, p - 20);
  while (j >= stop) {
    const c = at(j);
    if ((c >= 0x30 && c <= 0x39) || c === 0x3b) j--;
    else break;
  }
  return j >= 1 && at(j) === 0x5b /* [ */ && at(j - 1) === 0x1b /* ESC */;
}

/** Names a secret's field ends with, lower case (`OPENAI_API_KEY`, `authToken`, `db_password`). */
const SECRET_NAME_ENDINGS = ['key', 'token', 'secret', 'password', 'passwd', 'credential', 'credentials'];

/** Their last letters, for a one-lookup rejection (this runs at every glued keyword, e.g. `task-`). */
const SECRET_NAME_LAST = new Uint8Array(128);
for (const e of SECRET_NAME_ENDINGS) SECRET_NAME_LAST[e.charCodeAt(e.length - 1)] = 1;

/**
 * True when the text right before `p` ends with a secret's field name (`api_key`, `token`…, any case):
 * in binary records a value is often stored glued to its name, with no separator between them.
 */
function secretNameBefore(at: (i: number) => number, p: number): boolean {
  if (p < 3) return false;
  const lower = (c: number) => (c >= 0x41 && c <= 0x5a ? c | 0x20 : c);
  const last = lower(at(p - 1));
  if (last >= 128 || SECRET_NAME_LAST[last] === 0) return false;
  return SECRET_NAME_ENDINGS.some((e) => {
    if (p < e.length) return false;
    for (let j = 0; j < e.length; j++) if (lower(at(p - e.length + j)) !== e.charCodeAt(j)) return false;
    return true;
  });
}

/**
 * True when the character before `p` ends a token: not in the key's alphabet, or the tail of an
 * escape that a JSON string, a notebook, a log or a URL puts right before a value: `\n`, `\t`, `\r`,
 * `\xNN` (nginx writes `"` as `\x22`), `\uNNNN`, `%NN`, and the HTML entities `&#NN;`, `&#xNN;`,
 * `&quot;` whose `;` is a boundary already.
 */
function boundaryBefore(text: string, p: number, alphabet: Uint8Array): boolean {
  if (p === 0) return true;
  const c = text.charCodeAt(p - 1);
  if (c >= 128 || alphabet[c] === 0) return true;
  if ((c === 0x6e || c === 0x74 || c === 0x72) && p >= 2 && text.charCodeAt(p - 2) === 0x5c) return true;
  if (p >= 3 && ansiBefore((i) => text.charCodeAt(i), p)) return true;
  if (!isHex(c) || p < 3 || !isHex(text.charCodeAt(p - 2))) return false;
  const b = text.charCodeAt(p - 3);
  if (b === 0x25 /* %NN */) return true;
  if ((b === 0x78 || b === 0x58) && p >= 4 && text.charCodeAt(p - 4) === 0x5c /* \xNN */) return true;
  if (p >= 6 && text.charCodeAt(p - 6) === 0x5c && text.charCodeAt(p - 5) === 0x75 /* \uNNNN */) {
    return isHex(text.charCodeAt(p - 4)) && isHex(b);
  }
  return false;
}

/** Characters of `alphabet` from `p` on, counting at most `max + 1` (enough to say "too long"). */
function tokenLength(text: string | Buffer, p: number, alphabet: Uint8Array, max: number): number {
  const limit = Math.min(text.length, p + max + 1);
  let i = p;
  if (typeof text === 'string') {
    while (i < limit) {
      const c = text.charCodeAt(i);
      if (c >= 128 || alphabet[c] === 0) break;
      i++;
    }
  } else {
    while (i < limit) {
      const c = text[i]!;
      if (c >= 128 || alphabet[c] === 0) break;
      i++;
    }
  }
  return i - p;
}

/** The key's line (at most 120 characters either side) names a non-credential use and nothing else. */
function isFalseContext(r: Rule, text: string, start: number, end: number): boolean {
  let from = text.lastIndexOf('\n', start) + 1;
  from = Math.max(from, start - 120);
  let to = text.indexOf('\n', end);
  if (to === -1 || to > end + 120) to = Math.min(text.length, end + 120);
  const line = text.slice(from, start) + text.slice(end, to);
  return r.falseContext!.test(line) && !r.unlessContext?.test(line);
}

function commonPrefix(words: readonly string[]): string {
  let common = words[0] ?? '';
  for (const w of words) while (!w.startsWith(common)) common = common.slice(0, -1);
  return common;
}

/** The text within the context radius of a base64 run. */
function outerWindow(o: Outer): string {
  return o.text.slice(Math.max(0, o.start - 200), Math.min(o.text.length, o.end + 200));
}

function compileAllow(source: string): RegExp {
  try {
    return new RegExp(source);
  } catch (e) {
    throw new Error(`allow regex ${JSON.stringify(source)} is invalid: ${(e as Error).message}`);
  }
}

export class Detector {
  /** The active rules, in priority order. */
  readonly rules: readonly Rule[];
  readonly #groups: Group[] = [];
  readonly #free: Compiled[] = [];
  /** Base64 markers of every prefix family and the double-encoding hints. */
  readonly #markers: MarkerTable;
  /** Group keywords (index < #groups.length) and double-encoding hints, found through shared anchors. */
  readonly #anchors: AnchorSet;
  /** The same needles and markers for the WebAssembly pre-filter (undefined when it is off). */
  readonly #plan: BytePlan | undefined;
  readonly #allow: RegExp[];
  readonly #stopwords: string[];
  readonly #decodeBase64: boolean;

  constructor(opts: DetectorOptions = {}) {
    const disabled = new Set(opts.disabledRules ?? []);
    const enabled = new Set(opts.enableRules ?? []);
    const base = opts.rules ?? [...builtinRules(), ...optionalRules().filter((r) => enabled.has(r.id))];
    const custom = (opts.customRules ?? []).map(compileCustomRule);
    // Specific built-ins, then custom rules, then the generic catch-all.
    const ordered = [
      ...base.filter((r) => !GENERIC_LAST.test(r.id)),
      ...custom,
      ...base.filter((r) => GENERIC_LAST.test(r.id)),
    ].filter((r) => !disabled.has(r.id));
    this.rules = ordered;

    const anchoredKeywords = new Set<string>();
    for (const r of ordered) if (r.anchored) for (const k of r.keywords) anchoredKeywords.add(k);
    // Group each keyword under the shortest keyword that prefixes it: one `indexOf` pass for `sk-`
    // serves `sk-proj-`, `sk-ant-api03-` and the rest.
    const parentOf = (k: string): string => {
      let best = k;
      for (const other of anchoredKeywords)
        if (k.startsWith(other) && other.length < best.length) best = other;
      return best;
    };
    const groups = new Map<string, Compiled[]>();
    ordered.forEach((rule, priority) => {
      if (rule.anchored) {
        const compiled: Compiled = {
          rule,
          priority,
          alphabetIndex: 0,
          minLength: rule.minLength ?? 0,
          maxLength: rule.maxLength ?? Number.POSITIVE_INFINITY,
          regex: new RegExp(rule.regex.source, `${rule.regex.flags.replace(/[gy]/g, '')}y`),
          lengths: knownLengths(rule),
        };
        for (const k of new Set(rule.keywords.map(parentOf))) {
          const list = groups.get(k) ?? [];
          list.push(compiled);
          groups.set(k, list);
        }
      } else {
        const flags = `${rule.regex.flags.replace(/[gyd]/g, '')}g${rule.group ? 'd' : ''}`;
        this.#free.push({
          rule,
          priority,
          regex: new RegExp(rule.regex.source, flags),
          alphabetIndex: 0,
          minLength: 0,
          maxLength: Number.POSITIVE_INFINITY,
          lengths: [],
        });
      }
    });
    for (const [keyword, rules] of groups) {
      const sources = [...new Set(rules.map((c) => c.rule.alphabet ?? 'A-Za-z0-9_-'))];
      for (const c of rules) c.alphabetIndex = sources.indexOf(c.rule.alphabet ?? 'A-Za-z0-9_-');
      const maxLength = Math.max(...rules.map((c) => c.maxLength));
      const minLength = Math.min(...rules.map((c) => c.minLength));
      const lengths = [...new Set(rules.flatMap((c) => c.lengths))].sort((a, b) => b - a);
      this.#groups.push({
        keyword,
        needle: planNeedle(keyword),
        lengths,
        rules,
        alphabets: sources.map(alphabetTable),
        minLength,
        maxLength,
      });
    }

    this.#decodeBase64 = opts.decodeBase64 ?? true;
    // Every prefix family the rules anchor on (`sk-`, `sk_`, `rk_`, `xai-`, `pplx-`…) at all three
    // byte alignments: a base64 run holding none of these markers cannot hold a built-in key.
    this.#markers = new MarkerTable(
      this.#decodeBase64 ? base64Seeds(groups.keys()).flatMap(base64Markers) : [],
    );
    const needles = [
      ...this.#groups.map((g) => g.keyword),
      ...(this.#decodeBase64 ? [commonPrefix(DOUBLE_ENCODED_HINTS)] : []),
    ];
    this.#anchors = new AnchorSet(needles);
    this.#plan = BytePlan.build(needles, this.#markers.bitmap);
    this.#allow = (opts.allowRegexes ?? []).map(compileAllow);
    this.#stopwords = (opts.stopwords ?? []).map((s) => s.toLowerCase()).filter((s) => s.length > 0);
  }

  /**
   * Could `scan` find anything in this chunk? A cheap substring test on raw bytes (no decoding), for
   * callers that skip files or blobs early. Never false when `scan` would find a key.
   */
  mightMatch(chunk: Buffer | string): boolean {
    // A text is screened as its UTF-8 bytes (what the tree path screens for the same text), except
    // inside another screen: the bytes go where that screen may have copied its own.
    const bytes =
      typeof chunk === 'string' && this.#screening === 0 && chunk.length >= ENCODE_FROM
        ? wasmUtf8(chunk)
        : undefined;
    this.#screening++;
    try {
      return this.#mightMatch(bytes ?? chunk);
    } finally {
      this.#screening--;
    }
  }

  /** `mightMatch` calls under way (a base64 run's decoding is screened inside its run's screen). */
  #screening = 0;

  #mightMatch(chunk: Buffer | string): boolean {
    // A keyword only counts when a token long enough for one of its rules follows it (`task-queue`
    // does not): `#find` skips shorter tokens too.
    const groups = this.#groups;
    const at = typeof chunk === 'string' ? (i: number) => chunk.charCodeAt(i) : (i: number) => chunk[i]!;
    const accept = (index: number, p: number): boolean => {
      const g = groups[index];
      if (!g) return true; // a double-encoding hint
      // Glued inside a word (`mask-image`, `Asterisk_Slash`, `park_timeout`): `#find` needs a boundary
      // before the keyword (`boundaryBefore`) or a length byte (`lengthPrefix`), and neither holds when
      // the character before is a token character of every alphabet (not the n/t/r of `\n`), the one
      // before that is printable but not Z/z, and the two are not both hex (`%NN`, `\xNN`, `\uNNNN`).
      // Both are ASCII, so the decoded text has them too. Common in code; skipped without a token.
      if (p >= 2) {
        const c = at(p - 1);
        const b = at(p - 2);
        if (
          c >= 0x20 &&
          c <= 0x7e &&
          c !== 0x6e &&
          c !== 0x74 &&
          c !== 0x72 &&
          b >= 0x20 &&
          b <= 0x7e &&
          b !== 0x5a &&
          b !== 0x7a &&
          !(isHex(c) && isHex(b)) &&
          !ansiBefore(at, p) &&
          g.alphabets.every((t) => t[c] === 1) &&
          !secretNameBefore(at, p)
        )
          return false;
      }
      for (const table of g.alphabets)
        if (tokenLength(chunk, p, table, g.minLength) >= g.minLength) return true;
      return false;
    };
    // Raw bytes go through the WebAssembly screen when it can take them: the same needle occurrences,
    // and base64 runs ruled out wholesale when none could hide a key.
    const screen = typeof chunk === 'string' ? undefined : this.#plan?.screen(chunk, accept);
    if (screen === 'keyword') return true;
    if (screen === undefined && this.#anchors.some(chunk, accept)) return true;
    // A base64 run counts when its decoding could hold a key (scan decodes it and searches the result,
    // nested runs included): runs whose marker is noise, e.g. inside a long identifier, do not.
    if (screen !== 'nothing' && this.#markers.size > 0) {
      const test = (d: string) => this.mightMatch(d);
      if (screen === 'base64-run') {
        // Only the runs the screen flagged: the ones `someMarkedRunDecodes` would find a marker in.
        const buf = chunk as Buffer;
        const visit = markedRunVisitor(buf, this.#markers, test);
        let covered = 0;
        const hit = this.#plan!.someRun(buf, (s, e) => {
          if (s < covered) return false; // inside a wrapped run already visited
          const next = visitLongRun(buf, s, e, visit);
          covered = next + 1;
          return next < 0;
        });
        if (hit ?? someMarkedRunDecodes(chunk, this.#markers, test)) return true;
      } else if (someMarkedRunDecodes(chunk, this.#markers, test)) return true;
    }
    if (this.#free.length === 0) return false;
    if (this.#free.some((c) => c.rule.keywords.length === 0)) return true;
    const lower = (typeof chunk === 'string' ? chunk : chunk.toString('utf8')).toLowerCase();
    return this.#free.some((c) => c.rule.keywords.some((k) => lower.includes(k)));
  }

  /**
   * True when these raw bytes certainly hold no base64 run that could hide a key (so `scan` of their
   * text may skip looking, with `base64Clear`); false when they may, or when that is not known cheaply.
   */
  base64Clear(chunk: Buffer): boolean {
    if (!this.#decodeBase64) return true;
    return this.#plan?.someRun(chunk, () => true) === false;
  }

  /** Every key in `text`, in order of position. `firstLine` is the line number of the text's first line. */
  scan(text: string, firstLine = 1, opts: ScanOptions = NO_OPTIONS): DetectedKey[] {
    const bytes =
      opts.utf8Bytes ??
      (this.#screening === 0 && text.length >= ENCODE_FROM && this.#plan ? wasmUtf8(text) : undefined);
    const found = this.#find(
      text,
      true,
      opts.binary === true,
      undefined,
      bytes ? this.#keywordStarts(bytes, text) : undefined,
    );
    if (this.#decodeBase64) found.push(...this.#findBase64(text, 1, undefined, opts.base64Clear === true));
    if (found.length === 0) return [];
    found.sort((a, b) => a.start - b.start || a.compiled.priority - b.compiled.priority);

    const allows = inlineIgnorePositions(text);
    let allowIdx = 0;
    let line = firstLine;
    let lineStart = 0;
    let nextNl = text.indexOf('\n');
    const out: DetectedKey[] = [];
    for (const m of found) {
      while (nextNl !== -1 && nextNl < m.start) {
        line++;
        lineStart = nextNl + 1;
        nextNl = text.indexOf('\n', lineStart);
      }
      const lineEnd = nextNl === -1 ? text.length : nextNl;
      while (allowIdx < allows.length && allows[allowIdx]! < lineStart) allowIdx++;
      const inlineAllowed = allowIdx < allows.length && allows[allowIdx]! < lineEnd;
      const r = m.compiled.rule;
      const d: DetectedKey = {
        ruleId: r.id,
        provider: m.provider,
        candidates: m.candidates,
        description: r.description,
        key: m.key,
        line,
        column: m.start - lineStart + 1,
        inlineAllowed,
      };
      if (m.encoding) d.encoding = m.encoding;
      if (r.kind) d.kind = r.kind;
      out.push(d);
    }
    return out;
  }

  /**
   * Where each group's keyword occurs in these bytes (ascending, overlaps included: what `findNeedle`
   * would find one after another), from one WebAssembly pass; undefined when it cannot run.
   */
  #keywordStarts(bytes: Buffer, text: string): number[][] | undefined {
    if (!this.#plan) return undefined;
    // Invalid bytes decode to U+FFFD one for one or fewer, valid characters to fewer units: equal
    // lengths mean every byte is one unit at the same offset.
    const same = bytes.length === text.length;
    if (!same && !(isUtf8(bytes) && this.#plan.utf16Length(bytes) === text.length)) return undefined;
    const lists: number[][] = this.#groups.map(() => []);
    const ran = this.#plan.occurrences(
      bytes,
      (index, start) => {
        lists[index]?.push(start);
        return false;
      },
      !same,
    );
    return ran === undefined ? undefined : lists;
  }

  /**
   * Plain-text matches, without overlaps (the higher-priority rule keeps contested text). `starts`: each
   * group's keyword positions, found already (see `#keywordStarts`).
   */
  #find(text: string, withFree: boolean, binary: boolean, outer?: Outer, starts?: number[][]): RawMatch[] {
    const out: RawMatch[] = [];
    for (let gi = 0; gi < this.#groups.length; gi++) {
      const g = this.#groups[gi]!;
      const known = starts?.[gi];
      let k = 0;
      // The first occurrence at or after `from`, like `findNeedle(text, g.needle, from)`.
      const nextAt = (from: number): number => {
        if (!known) return findNeedle(text, g.needle, from);
        while (k < known.length && known[k]! < from) k++;
        return k < known.length ? known[k]! : -1;
      };
      const tokenLengths = new Array<number>(g.alphabets.length);
      let p = nextAt(0);
      while (p !== -1) {
        let next = p + 1;
        // Token length per alphabet; -1 where the character before `p` continues the token.
        let longest = -1;
        let boundary = false;
        for (let a = 0; a < g.alphabets.length; a++) {
          const table = g.alphabets[a]!;
          const ok = boundaryBefore(text, p, table);
          boundary ||= ok;
          tokenLengths[a] = ok ? tokenLength(text, p, table, g.maxLength) : -1;
          if (tokenLengths[a]! > longest) longest = tokenLengths[a]!;
        }
        let match: RawMatch | undefined;
        if (longest >= g.minLength) match = this.#atToken(g, text, p, tokenLengths, binary, outer);
        else if (!boundary) {
          // Glued to the character before: unless that character is the key's own length byte, or (in
          // binary data) the key is a value glued to its name, as a SQLite row of a settings table
          // stores `openai_api_key` and `sk-…` back to back.
          const length = this.#prefixedLength(g, text, p);
          if (length > 0) match = this.#atLength(g, text, p, length, outer);
          else if (binary && secretNameBefore((i) => text.charCodeAt(i), p)) {
            for (let a = 0; a < g.alphabets.length; a++)
              tokenLengths[a] = tokenLength(text, p, g.alphabets[a]!, g.maxLength);
            if (Math.max(...tokenLengths) >= g.minLength)
              match = this.#atToken(g, text, p, tokenLengths, binary, outer);
          }
        }
        if (match) {
          out.push(match);
          next = match.end;
        }
        p = nextAt(next);
      }
    }
    if (withFree && this.#free.length > 0) {
      let lower: string | undefined;
      for (const c of this.#free) {
        if (c.rule.keywords.length > 0) {
          lower ??= text.toLowerCase();
          const l = lower;
          if (!c.rule.keywords.some((k) => l.includes(k))) continue;
        }
        if (c.rule.linear) {
          // Custom rules: RE2, linear in the text whatever the pattern.
          for (const [start, end] of c.rule.linear.keySpans(text, c.rule.group ?? 0)) {
            if (end === start) continue;
            const match = this.#accept(c, text.slice(start, end), text, start, end, outer);
            if (match) out.push(match);
          }
          continue;
        }
        c.regex.lastIndex = 0;
        for (let m = c.regex.exec(text); m !== null; m = c.regex.exec(text)) {
          if (m[0].length === 0) c.regex.lastIndex++;
          let start = m.index;
          let key = m[0];
          if (c.rule.group !== undefined && c.rule.group !== 0) {
            const span = c.rule.group === 'key' ? m.indices?.groups?.key : m.indices?.[c.rule.group];
            if (!span) continue;
            [start] = span;
            key = text.slice(span[0], span[1]);
          }
          if (key.length === 0) continue;
          const match = this.#accept(c, key, text, start, start + key.length, outer);
          if (match) out.push(match);
        }
      }
    }
    if (this.#groups.length + (withFree ? this.#free.length : 0) < 2) return out;
    out.sort((a, b) => a.start - b.start || a.compiled.priority - b.compiled.priority);
    const kept: RawMatch[] = [];
    for (const m of out) {
      const last = kept[kept.length - 1];
      if (last && m.start < last.end) {
        if (m.compiled.priority < last.compiled.priority) kept[kept.length - 1] = m;
      } else kept.push(m);
    }
    return kept;
  }

  /** The first rule of the group that accepts the token at `p` (whose lengths per alphabet are given). */
  #atToken(
    g: Group,
    text: string,
    p: number,
    tokenLengths: number[],
    binary: boolean,
    outer: Outer | undefined,
  ): RawMatch | undefined {
    // A length byte right before the key (binary data) says exactly where it ends. In text, only a
    // glued one is read (see `#find`): `"sk-…` at a line start is a quote, not the length 34.
    const prefixed = binary ? this.#prefixedLength(g, text, p) : -1;
    if (prefixed > 0 && prefixed < Math.max(...tokenLengths)) {
      const m = this.#atLength(g, text, p, prefixed, outer);
      if (m) return m;
    }
    if (binary) {
      // A serializer's type byte may follow the key: try the known key lengths a little shorter
      // than the token first, so the key is never reported with a wrong tail.
      const longest = Math.max(...tokenLengths);
      for (const length of g.lengths) {
        if (length >= longest || length < longest - MAX_BINARY_TAIL) continue;
        const m = this.#atLength(g, text, p, length, outer, true);
        if (m) return m;
      }
    }
    for (const c of g.rules) {
      const length = tokenLengths[c.alphabetIndex]!;
      if (length < c.minLength || length > c.maxLength) continue;
      c.regex.lastIndex = p;
      const m = c.regex.exec(text);
      if (!m) continue;
      const match = this.#accept(c, m[0], text, p, p + m[0].length, outer);
      if (match) return match;
      // A placeholder with a distinctive prefix (`sk-proj-your-key…`) is not handed down to the
      // generic rule: the prefix already said what it is.
      if ((c.rule.prefixLength ?? 0) > g.keyword.length) return undefined;
    }
    return undefined;
  }

  /**
   * The key length a length byte before `p` announces, when it fits the group and the token goes on
   * for at most a short tail after it (a serializer type byte such as `N` after the string).
   */
  #prefixedLength(g: Group, text: string, p: number): number {
    const length = lengthPrefix(text, p);
    if (length < g.minLength || length > g.maxLength) return -1;
    let token = 0;
    for (const table of g.alphabets)
      token = Math.max(token, tokenLength(text, p, table, length + MAX_BINARY_TAIL));
    if (token < length) return -1;
    return token - length <= MAX_BINARY_TAIL ? length : -1;
  }

  /** The first rule of the group that accepts exactly `length` characters at `p` as a key. */
  #atLength(
    g: Group,
    text: string,
    p: number,
    length: number,
    outer: Outer | undefined,
    ownedOnly = false,
  ): RawMatch | undefined {
    // The regexes end in a look-ahead for a token boundary: end the text at the cut (a cheap slice).
    const cut = text.slice(0, p + length);
    if (ownedOnly) {
      // A guessed cut (no length byte) only where a rule of that exact length has the shape there: a
      // loose key (`sk-` + 40) is not shortened to some other length the generic rule also accepts.
      const shaped = g.rules.some((c) => {
        if (!c.lengths.includes(length)) return false;
        c.regex.lastIndex = p;
        return c.regex.exec(cut)?.[0].length === length;
      });
      if (!shaped) return undefined;
    }
    for (const c of g.rules) {
      if (length < c.minLength || length > c.maxLength) continue;
      if (tokenLength(cut, p, g.alphabets[c.alphabetIndex]!, length) !== length) continue;
      c.regex.lastIndex = p;
      const m = c.regex.exec(cut);
      if (!m || m[0].length !== length) continue;
      const match = this.#accept(c, m[0], text, p, p + length, outer);
      if (match) return match;
    }
    return undefined;
  }

  /** The filters every match passes: context, placeholders, entropy, shape checks, allowlists. */
  #accept(
    c: Compiled,
    key: string,
    text: string,
    start: number,
    end: number,
    outer?: Outer,
  ): RawMatch | undefined {
    const r = c.rule;
    if (r.requiresContext) {
      const around = text.slice(Math.max(0, start - 200), Math.min(text.length, end + 200));
      if (!r.requiresContext.test(around) && !(outer && r.requiresContext.test(outerWindow(outer)))) {
        return undefined;
      }
    }
    if (r.falseContext && isFalseContext(r, text, start, end)) return undefined;
    if (r.nearby) {
      // Wider than the provider context: a compose file puts the pair a few settings apart.
      const before = text.slice(Math.max(0, start - NEARBY_RADIUS), start);
      const after = text.slice(end, Math.min(text.length, end + NEARBY_RADIUS));
      if (!r.nearby(`${before}\n${after}`)) return undefined;
    }
    const body = r.core ? r.core(key) : key.slice(r.prefixLength ?? 0);
    const identifierFilter = !r.custom && !r.skipIdentifierFilter;
    if (
      !r.selfChecked &&
      (identifierFilter
        ? isPlaceholderBody(body)
        : hasRun(body) || isPeriodic(body) || isMostlySequential(body) || hasPlaceholderText(body))
    ) {
      return undefined;
    }
    if (r.entropyFloor !== undefined && shannonEntropy(body) < r.entropyFloor) return undefined;
    if (r.validate && !r.validate(key)) return undefined;
    if (isFollowedByMask(text, end)) return undefined;
    if (this.#stopwords.length > 0) {
      const lower = key.toLowerCase();
      if (this.#stopwords.some((s) => lower.includes(s))) return undefined;
    }
    if (this.#allow.some((a) => a.test(key))) return undefined;
    let candidates = rankCandidates(r.candidates, text, start, end);
    if (r.contextOnly) {
      // The context decides among the shape's owners; verification then goes only where it points.
      const named = namedProviders(text, start, end, [...r.candidates, ...r.contextOnly]);
      if (named.length > 0) candidates = named;
    }
    if (candidates.length === 0 && r.contextCandidates) {
      candidates = nearbyProviders(text, start, end, r.contextCandidates);
    }
    if (outer && candidates.length !== 1) {
      // A key decoded from base64 has little context of its own: the line around the run
      // (`DASHSCOPE_API_KEY: <base64>`) names the provider when the decoded text does not.
      const pool = r.candidates.length > 0 ? r.candidates : (r.contextCandidates ?? []);
      const inner = nearbyProviders(text, start, end, pool);
      if (inner.length === 0) {
        const near = nearbyProviders(outer.text, outer.start, outer.end, pool);
        if (near.length > 0) {
          candidates =
            r.candidates.length > 0 ? [...near, ...r.candidates.filter((x) => !near.includes(x))] : near;
        }
      }
    }
    const provider =
      candidates.length > 1
        ? candidates.join('|')
        : r.candidates.length && !r.contextOnly
          ? r.provider
          : (candidates[0] ?? r.provider);
    return { start, end, key, compiled: c, provider, candidates };
  }

  /** Keys inside base64 runs, reported at the run (nested runs: at the outermost one). */
  #findBase64(text: string, depth: number, outer: Outer | undefined, runsClear = false): RawMatch[] {
    const out: RawMatch[] = [];
    const seen = new Set<string>();
    const segments = runsClear ? [] : decodeBase64Runs(text, this.#markers);
    if (depth === 1) segments.push(...decodeHintedRuns(text));
    for (const seg of segments) {
      const around = outer ?? { text, start: seg.runStart, end: seg.runEnd };
      const inner = this.#find(seg.decoded, false, false, around);
      if (depth < MAX_BASE64_DEPTH) inner.push(...this.#findBase64(seg.decoded, depth + 1, around));
      for (const m of inner) {
        const id = `${seg.runStart}:${m.key}`;
        if (seen.has(id)) continue;
        seen.add(id);
        out.push({ ...m, start: seg.runStart, end: seg.runEnd, encoding: 'base64' });
      }
    }
    return out;
  }
}
