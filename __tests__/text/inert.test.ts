import {
  forJson,
  forLog,
  forMarkdown,
  forMarkdownCode,
  forMarkdownUrl,
  forSarifMessage,
  showInvisible,
} from '../../src/text/inert.js';

/** What an attacker puts in a file name, a commit author or message, or a provider's error body. */
const HOSTILE = [
  'a\n::stop-commands::pwned\nb',
  '  ::add-mask::x',
  '::set-output name=x::y',
  '::warning file=a::b',
  'x ##[add-mask]y',
  'x\r::error::y',
  'x\u2028::error::y',
  '\x1b[2J\x1b]8;;https://evil\x07link\x1b]8;;\x07',
  '[x](https://evil) ![i](https://evil/p.png) <img src=x> @org/team #1',
  'owner/repo#12 GH-7 gh-8 https://evil.example www.evil.example a@b.co',
  '<script>alert(1)</script> <http://evil> &lt;b&gt;',
  '| a | b | `code` **bold** _em_ ~~s~~ $x$ \\',
  '- list\n# heading\n> quote',
  'rtl \u202e gnp.exe \u2066 zero\u200bwidth \ufeff bom',
  'lone \ud800 surrogate',
];

/** Lines a runner would read as a workflow command (after leading blanks), or an old `##[` one anywhere. */
function commandLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/).filter((l) => l.trimStart().startsWith('::') || l.includes('##['));
}

describe('forLog', () => {
  it.each(HOSTILE)('keeps %j on one line with no workflow command in it', (input) => {
    const out = forLog(input);
    expect(out).not.toMatch(/[\r\n\u2028\u2029\x00-\x1f\x7f-\x9f]/);
    expect(out).not.toContain('::');
    expect(commandLines(out)).toEqual([]);
  });

  it('turns ::stop-commands:: into visibly broken text', () => {
    expect(forLog('a\n::stop-commands::tok')).toBe('a\\n:\\:stop-commands:\\:tok');
  });

  it('breaks every pair of colons, however many there are', () => {
    expect(forLog(':::')).toBe(':\\:\\:');
  });

  it('shows an ANSI escape as text instead of sending it to the terminal', () => {
    expect(forLog('\x1b[31mred')).toBe('\\x1b[31mred');
  });

  it('shows a bidi override as its code point', () => {
    expect(forLog('a\u202eb')).toBe('a\\u202eb');
  });

  it('leaves ordinary text as it is', () => {
    expect(forLog('keyguard: scanning 3 commits of main (a1b2c3d..e4f5a6b) at 10:00')).toBe(
      'keyguard: scanning 3 commits of main (a1b2c3d..e4f5a6b) at 10:00',
    );
  });

  it('accepts numbers and undefined', () => {
    expect(forLog(42)).toBe('42');
    expect(forLog(undefined)).toBe('');
  });
});

/** The Markdown constructs GitHub would render from outside text, on the markup itself. */
function liveMarkdown(md: string): string[] {
  const found: string[] = [];
  // A code span hides everything inside it; look only outside spans (as GitHub does).
  const outside = md.replace(/(`+)(?:(?!\1).)+\1/g, ' ');
  if (/(?<!\\)\[[^\]]*(?<!\\)\]\(/.test(outside)) found.push('link');
  if (/<[a-z!/?]/i.test(outside)) found.push('html or autolink');
  if (/@[\p{L}\p{N}_]/u.test(outside)) found.push('mention');
  if (/#\d/.test(outside) || /\bGH-\d/i.test(outside)) found.push('reference');
  if (/[a-z]:\/\//i.test(outside) || /\bwww\./i.test(outside)) found.push('url');
  if (/(?<!\\)\|/.test(outside)) found.push('cell break');
  if (/(?<!\\)[*`~$]/.test(outside)) found.push('emphasis, code or math');
  if (/[\r\n]/.test(md)) found.push('line break');
  return found;
}

describe('forMarkdown', () => {
  it.each(HOSTILE)('renders %j as plain text', (input) => {
    expect(liveMarkdown(forMarkdown(input))).toEqual([]);
  });

  it.each([
    ['@org/team', '@\u200borg/team'],
    ['#1', '\\#\u200b1'],
    ['owner/repo#12', 'owner/repo\\#\u200b12'],
    ['GH-7', 'GH-\u200b7'],
    ['https://evil', 'https:\u200b//evil'],
    ['www.evil.example', 'www\u200b.evil.example'],
    ['<img src=x>', '&lt;img src=x&gt;'],
    ['[x](y)', '\\[x\\](y)'],
    ['a|b', 'a\\|b'],
    ['OPENAI_API_KEY', 'OPENAI_API_KEY'],
    ['_em_', '\\_em\\_'],
    ['- item', '\\- item'],
    ['1. item', '1\\. item'],
    ['a\nb', 'a b'],
  ])('writes %j as %j', (input, expected) => {
    expect(forMarkdown(input)).toBe(expected);
  });
});

describe('forMarkdownCode', () => {
  it.each(HOSTILE)('keeps %j inside one code span', (input) => {
    const out = forMarkdownCode(input);
    const fence = /^`+/.exec(out)![0];
    const inner = out.slice(fence.length, -fence.length);
    expect(out.endsWith(fence)).toBe(true);
    expect(inner).not.toContain(fence);
    expect(inner).not.toMatch(/(?<!\\)\|/);
    expect(out).not.toMatch(/[\r\n]/);
  });

  it.each([
    ['src/a.py', '`src/a.py`'],
    ['a`b', '``a`b``'],
    ['`x`', '`` `x` ``'],
    ['a|b', '`a\\|b`'],
    ['', '—'],
  ])('writes %j as %j', (input, expected) => {
    expect(forMarkdownCode(input)).toBe(expected);
  });

  it('leaves the pipe alone outside a table', () => {
    expect(forMarkdownCode('a|b', { table: false })).toBe('`a|b`');
  });
});

describe('forMarkdownUrl', () => {
  it.each([
    ['https://github.com/acme/app/issues/1', 'https://github.com/acme/app/issues/1'],
    ['https://x/a)b![i](https://evil', 'https://x/a%29b!%5Bi%5D%28https://evil'],
    ['javascript:alert(1)', undefined],
    ['https://x/\nfoo', undefined],
  ])('makes %j a link target of %j', (input, expected) => {
    expect(forMarkdownUrl(input)).toBe(expected);
  });
});

describe('forSarifMessage', () => {
  it.each(HOSTILE)('keeps %j on one line with no embedded link, mention, reference or tag', (input) => {
    const out = forSarifMessage(input);
    expect(out).not.toMatch(/[\r\n\u2028\u2029\x00-\x1f\x7f-\x9f]/);
    expect(out).not.toMatch(/(?<!\\)\[[^\]]*(?<!\\)\]\(/);
    expect(out).not.toMatch(/<[a-z!/?]/i);
    expect(out).not.toMatch(/@[\p{L}\p{N}_]|#\d|[a-z]:\/\//iu);
  });

  it('escapes brackets the SARIF way', () => {
    expect(forSarifMessage('see [here](1) \\')).toBe('see \\[here\\](1) \\\\');
  });
});

describe('showInvisible', () => {
  it.each([
    ['\n', '\\n'],
    ['\t', '\\t'],
    ['\x00', '\\x00'],
    ['\x7f', '\\x7f'],
    ['\u0085', '\\x85'],
    ['\u2028', '\\u2028'],
    ['\u200b', '\\u200b'],
    ['\ud800', '\\ud800'],
    ['é 漢 😀', 'é 漢 😀'],
  ])('shows %j as %j', (input, expected) => {
    expect(showInvisible(input)).toBe(expected);
  });
});

describe('forJson', () => {
  it.each(HOSTILE)('escapes the invisible characters of %j and parses back to the same text', (input) => {
    const json = forJson(JSON.stringify({ file: input }));
    expect(json).not.toMatch(/[\x00-\x1f\x7f-\x9f\u2028\u2029\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/);
    expect(JSON.parse(json)).toEqual({ file: input });
  });
});
