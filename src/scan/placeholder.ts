/**
 * Filters for strings that have a key's shape but are not keys: placeholders in docs and templates
 * (`sk-your-api-key-here`, `sk-proj-XXXX…`), redactions, repeated or sequential bodies and identifiers
 * that merely contain `sk-` (`sk-spinner-double-bounce`). They look at the key body (after the prefix).
 *
 * The thresholds are chosen so that a random body rarely trips them: a 4-letter word appears in a
 * random 160-character url-safe body about once in 7,000 keys, a 5-letter word about once in 400,000.
 */

/**
 * Substrings that only human-written bodies contain, matched as `word`, `WORD` or `Word` (a mixed-case
 * random body spells `yOuR` far more often than `your`).
 */
const PLACEHOLDER_SUBSTRINGS = [
  'xxxx',
  '****',
  '....',
  'your',
  'example',
  'sample',
  'placeholder',
  'redacted',
  'dummy',
  'replace',
  'insert',
  'apikey',
  'api_key',
  'api-key',
  'secretkey',
  'secret_key',
  'secret-key',
  'changeme',
  'secret',
  'password',
  'token',
  'invalid',
  'qwerty',
  'asdfgh',
  'lorem',
  'foobar',
];

/** Whole dash/underscore-separated segments that mark a placeholder or a name. */
const PLACEHOLDER_SEGMENTS = new Set([
  'test',
  'tests',
  'demo',
  'fake',
  'mock',
  'here',
  'key',
  'keys',
  'xxx',
  'todo',
  'null',
  'sample',
  'example',
  'your',
  'abc',
  'xyz',
  'foo',
  'bar',
]);

/** A segment that reads like a word or a name part: `learn`, `Spinner`, `v2`, `2024`, `API`. */
const WORDISH =
  /^(?:[a-z]+|[A-Z][a-z]+|[A-Z]+|[a-z]+[0-9]{1,3}|[0-9]{1,4}|v[0-9]{1,3}|[0-9]{1,2}[a-z]{1,2})$/;

const variants = (w: string) => [w, w.toUpperCase(), w[0]!.toUpperCase() + w.slice(1)];
const escapeRegex = (w: string) => w.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');

/**
 * Five letters and more count anywhere in the body. The four-character ones (`xxxx`, `your`, `****`,
 * `....`) count where people write them, at the start or the end of the body or of a `-`/`_` segment:
 * anywhere, they would turn up inside one random 48-letter lowercase body (SiliconFlow's) in ~5,000.
 */
const PLACEHOLDER_RE = new RegExp(
  [
    ...PLACEHOLDER_SUBSTRINGS.filter((w) => w.length > 4)
      .flatMap(variants)
      .map(escapeRegex),
    ...PLACEHOLDER_SUBSTRINGS.filter((w) => w.length <= 4)
      .flatMap(variants)
      .map((w) => `(?:^|[-_])${escapeRegex(w)}|${escapeRegex(w)}(?:$|[-_])`),
  ].join('|'),
);

export function hasPlaceholderText(body: string): boolean {
  if (PLACEHOLDER_RE.test(body)) return true;
  if (!body.includes('-') && !body.includes('_')) return false;
  // `Test`, `TEST` and `test` are words; `tEsT` is noise.
  const segments = body
    .split(/[-_]/)
    .map((s) => (/^(?:[a-z]+|[A-Z]+|[A-Z][a-z]+)$/.test(s) ? s.toLowerCase() : s));
  if (segments.length > 1 && PLACEHOLDER_SEGMENTS.has(segments[0]!)) return true;
  for (const seg of segments) if (seg === 'here' || seg === 'your' || seg === 'xxx') return true;
  return false;
}

/**
 * Dash- or underscore-separated words (`learn-contrib-lightning`, `spinner_double_bounce`) or
 * camelCase without digits: names, not random bodies. A random url-safe body has separators too,
 * but its long segments mix cases and digits.
 */
export function looksLikeIdentifier(body: string): boolean {
  const segments = body.split(/[-_]+/).filter((s) => s.length > 0);
  if (segments.length >= 2) {
    const long = segments.filter((s) => s.length >= 3);
    const words = long.filter((s) => WORDISH.test(s)).length;
    // Two parts: both words. Three or more (`prod-eks-cluster-2024-a1b2c3`): three in four.
    if (long.length > 0 && (words === long.length || (segments.length >= 3 && words >= 0.75 * long.length))) {
      return true;
    }
  }
  // One-case letters then digits (`supersecretkey123456`) or the reverse: typed by a human.
  if (/^(?:[a-z]+|[A-Z]+)[0-9]+$/.test(body) || /^[0-9]+(?:[a-z]+|[A-Z]+)$/.test(body)) return true;
  return false;
}

/**
 * `aaaaaa`, `123456`, `abcdef`, `987654`: a run of 6 equal or consecutive characters (a random
 * 64-character hex body has one about once in 6,000 keys; a shorter run would cost real keys).
 */
export function hasRun(body: string, length = 6): boolean {
  let same = 1;
  let up = 1;
  let down = 1;
  for (let i = 1; i < body.length; i++) {
    const d = body.charCodeAt(i) - body.charCodeAt(i - 1);
    same = d === 0 ? same + 1 : 1;
    up = d === 1 ? up + 1 : 1;
    down = d === -1 ? down + 1 : 1;
    if (same >= length || up >= length || down >= length) return true;
  }
  return hasInterleavedRun(body, length);
}

/** `1a2b3c4d5e…`: every other character counts up (the favourite fake key in tutorials). */
function hasInterleavedRun(body: string, length: number): boolean {
  const run = [1, 1];
  for (let i = 2; i < body.length; i++) {
    const d = body.charCodeAt(i) - body.charCodeAt(i - 2);
    run[i & 1] = d === 1 ? run[i & 1]! + 1 : 1;
    if (run[i & 1]! >= length) return true;
  }
  return false;
}

/**
 * `abc123def456ghi789…`, `1234abcd5678efgh…`: typed by walking the keyboard. In two of five adjacent
 * pairs or more, the second character is next to the first (a random hex body: about one in eight).
 */
export function isMostlySequential(body: string): boolean {
  if (body.length < 12) return false;
  let steps = 0;
  for (let i = 1; i < body.length; i++) {
    const d = body.charCodeAt(i) - body.charCodeAt(i - 1);
    if (d === 1 || d === -1) steps++;
  }
  return steps >= 0.4 * (body.length - 1);
}

/**
 * The body repeats one block, whatever its length (`a1b2c3a1b2c3…`, a 30-character block twice and a
 * bit): at least two whole copies, give or take a two-character tail.
 */
export function isPeriodic(body: string): boolean {
  // Custom rules' matches are unbounded: past 1,024 characters a block that long is not looked for.
  const longest = Math.min(body.length >> 1, 1024);
  for (let p = 1; p <= longest; p++) {
    let i = p;
    while (i < body.length && body.charCodeAt(i) === body.charCodeAt(i - p)) i++;
    // Up to two characters after the copies may differ: a format's fixed tail (Anthropic's `AA`).
    if (i >= body.length - 2 && i >= 2 * p) return true;
  }
  return false;
}

/** Everything above: true when the body is not a random secret. */
export function isPlaceholderBody(body: string): boolean {
  // Cheapest first: the character loops, then the regexes.
  return (
    hasRun(body) ||
    isPeriodic(body) ||
    isMostlySequential(body) ||
    hasPlaceholderText(body) ||
    looksLikeIdentifier(body)
  );
}

/** The key is shown truncated or masked right after the match: `sk-abcd…`, `sk-proj-abc***`. */
export function isFollowedByMask(text: string, end: number): boolean {
  const c = text.charCodeAt(end);
  if (c === 0x2026 /* … */) return true;
  if (c === 0x2e /* . */ || c === 0x2a /* * */) {
    const next = text.slice(end, end + 3);
    return next === '...' || next === '***';
  }
  return false;
}
