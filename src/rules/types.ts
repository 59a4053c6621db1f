/**
 * A detection rule is data: what a key looks like, which cheap substrings announce it, and how to
 * generate a true positive for tests (never a literal: the repository scans itself clean).
 */
import type { LinearRegex } from '../scan/linear-regex.js';

export interface Rule {
  /** Stable id, e.g. `openai-project-key`: what allowlists, baselines and `disabledRules` name. */
  id: string;
  /** Provider id, or several joined with `|` when the shape is shared (`deepseek|dashscope`). */
  provider: string;
  /** Providers whose keys have this shape, most likely first (verification tries them in order). */
  candidates: string[];
  description: string;
  /**
   * Cheap substrings that must appear in a text for the rule to run. For built-in (anchored) rules
   * every match starts with one of them, case-sensitively.
   */
  keywords: string[];
  /**
   * Global, linear regex (bounded repetition, no nested quantifiers). The key is capture group
   * `group` (default: the whole match). Built-in rules carry no leading look-behind: the detector
   * checks the character before the match against `alphabet` itself (so `\nsk-…` in JSON works).
   */
  regex: RegExp;
  /**
   * Custom rules: the linear-time (RE2) pattern the detector matches with instead of `regex`, which is
   * then a placeholder that matches nothing and is never run.
   */
  linear?: LinearRegex;
  /** Capture group that holds the key: 0 (default) = whole match, `'key'` = the named group `(?<key>…)`. */
  group?: number | 'key';
  /** Every match starts with a keyword: the detector runs the regex only at keyword hits. */
  anchored?: boolean;
  /**
   * Regex character-class body of the key's own alphabet (`A-Za-z0-9_-`). A match preceded by one of
   * these characters is the tail of a longer token and is not reported.
   */
  alphabet?: string;
  /**
   * Bounds on the whole key's length. Anchored rules whose regex ends in `(?![<alphabet>])` and only
   * matches `alphabet` characters after the prefix match whole tokens, so the detector measures the
   * token once and tries only the rules whose bounds fit it.
   */
  minLength?: number;
  maxLength?: number;
  /**
   * Exact lengths real keys of this rule have, when the bounds are looser (OpenAI's 56/132/164). In
   * binary data a token a character or two longer than one of these (or than a fixed length) is cut to
   * it: serializers put a type byte right after a string.
   */
  lengths?: number[];
  /** Minimum Shannon entropy (bits per character) of the key body after `prefixLength` characters. */
  entropyFloor?: number;
  /** Length of the fixed prefix (`sk-proj-` = 8): filters look at the body after it. */
  prefixLength?: number;
  /** Extra shape checks on the key (after the regex matched). */
  validate?(key: string): boolean;
  /**
   * Context that must appear within ~200 characters for the rule to report at all (LiteLLM keys
   * have no prefix of their own). When it is absent the next rule (the generic one) gets the key.
   */
  requiresContext?: RegExp;
  /**
   * Words that, on the key's line and with none of `unlessContext` there, say the value is not a
   * credential (`cache`, `md5` next to `sk-<32 hex>`: a digest used as a cache key). The key is dropped.
   */
  falseContext?: RegExp;
  /** Words that keep a key even when `falseContext` matches (`api_key`, a provider name). */
  unlessContext?: RegExp;
  /**
   * A user-defined rule: the detector runs its regex over the whole text (when a keyword is present)
   * and applies only the placeholder-text, repeated-run and periodic filters, not the identifier one.
   */
  custom?: boolean;
  /**
   * For rules without candidates (the generic one): providers from this list that are named near the
   * key become its candidates, nearest first.
   */
  contextCandidates?: string[];
  /** The body has a structure of its own (a UUID) that the dash-separated-words filter misreads. */
  skipIdentifierFilter?: boolean;
  /**
   * `linked`: a credential that leaks beside an AI key (cloud keys, tokens, private keys, database
   * URLs). Reported as a finding of its own kind: never verified, never rotated (see `fail-on-linked`).
   */
  kind?: 'linked';
  /**
   * Providers that share this shape but have no verifier here (Braintrust's `sk-` + 48): named near
   * the key, or in the file when nothing near names a provider, they take the candidates' place, so the
   * key is never sent to a provider the context contradicts.
   */
  contextOnly?: string[];
  /**
   * The random part the placeholder and entropy filters judge, when it is not simply the text after
   * `prefixLength` (a named OpenAI key: not the account name, only the body after it).
   */
  core?(key: string): string;
  /**
   * Something that must be near the key for it to be a credential (an AWS key id is one only with its
   * secret next to it): called with the text within 400 characters either side, the key left out.
   */
  nearby?(window: string): boolean;
  /**
   * `validate` alone judges the key: the shared placeholder filters do not apply (a private key's DER
   * holds runs such as `AAAAAAAA` that no random body has).
   */
  selfChecked?: boolean;
  /** Generates a true positive from a random source in [0, 1). Custom rules throw. */
  sample(random: () => number): string;
}
