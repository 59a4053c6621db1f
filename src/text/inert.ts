/**
 * Outside text made inert, one helper per sink. File names, commit messages and authors, issue text,
 * provider responses and config values are written by people keyguard does not trust; each sink reads
 * some characters as instructions:
 *
 * - the runner's log (and a terminal): a line that starts with `::` (after blanks) is a workflow
 *   command, `##[` anywhere in a line is an old-style one, and `::stop-commands::<token>` switches off
 *   the parsing of `::add-mask::` until `::<token>::`. `core.info` writes text as it is, so an outside
 *   newline starts a new, attacker-chosen line; ESC sequences drive terminals and colour the log.
 * - Markdown (job summary, issues, comments): links, images, raw HTML, `@mentions`, `#1`/`GH-1`/
 *   `owner/repo#1` references, bare URLs (GitHub autolinks them), table pipes, emphasis, code.
 *   GitHub links mentions and references in the rendered text, after backslash escapes are gone, so
 *   those are broken with a zero-width space (U+200B) rather than escaped.
 * - SARIF message text: plain text with `[text](n)` embedded links (SARIF 2.1.0 §3.11.6); GitHub code
 *   scanning also renders parts of it as Markdown.
 *
 * Each helper returns a single line. Characters that are invisible or move text around (C0/C1
 * controls, DEL, U+2028/2029, bidi and zero-width format characters, lone surrogates) are shown as
 * `\xNN` / `\uNNNN`, so a reader sees that they were there.
 */

const ZWSP = '\u200b';

/** Controls, line/paragraph separators, soft hyphen, bidi marks/overrides/isolates, zero-width and BOM. */
const INVISIBLE =
  /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const HAS_INVISIBLE = new RegExp(INVISIBLE.source);
/** INVISIBLE without C0 controls (raw in JSON output they are its own line breaks and indent). */
const INVISIBLE_BEYOND_C0 =
  /[\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function visibleEscape(ch: string): string {
  const named = NAMED[ch];
  if (named) return named;
  const code = ch.charCodeAt(0);
  return code < 0x100
    ? `\\x${code.toString(16).padStart(2, '0')}`
    : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** Every invisible or text-moving character as a visible escape (`\n`, `\x1b`, `\u202e`). */
export function showInvisible(text: string): string {
  return text.replace(INVISIBLE, visibleEscape);
}

function asText(value: unknown): string {
  return value === undefined || value === null ? '' : String(value);
}

/**
 * One line for the runner's log, stderr or a terminal: no CR/LF or other controls (ANSI escapes
 * become visible `\x1b[…`), no `::` (`:\:`) so no workflow command can start or hide anywhere in the
 * line, and no `##[` (`#\#[`). Apply it to outside text, or to the whole line at the sink when the
 * line holds no workflow command of keyguard's own.
 */
export function forLog(value: unknown): string {
  return showInvisible(asText(value))
    .replace(/:(?=:)/g, ':\\')
    .replace(/#(?=#\[)/g, '#\\');
}

/**
 * A workflow command's property value (an annotation's `file=`) must stay exact for the runner to
 * place it, so it cannot be rewritten: the toolkit escapes CR, LF, `%`, `:` and `,`, and this says
 * whether what is left is inert. `##[` is not (the runner's old-style parser looks for it anywhere in
 * a line); such a value is left out and shown in the message instead.
 */
export function isInertProperty(value: unknown): boolean {
  return !asText(value).includes('##[');
}

/** Breaks what GitHub would turn into a mention, a reference or a link in rendered text. */
function breakAutolinks(text: string): string {
  return (
    text
      // @user, @org/team, and e-mail addresses (GitHub autolinks `a@b.co`).
      .replace(/@(?=[\p{L}\p{N}_])/gu, `@${ZWSP}`)
      // #123, owner/repo#123, GH-123.
      .replace(/#(?=\d)/g, `#${ZWSP}`)
      .replace(/\b(GH)-(?=\d)/gi, `$1-${ZWSP}`)
      // scheme://host and www.host (GFM autolink extension); `<http://…>` goes with `<` below.
      .replace(/:(?=\/\/)/g, `:${ZWSP}`)
      .replace(/\b(www)\./gi, `$1${ZWSP}.`)
  );
}

/**
 * ASCII punctuation with a meaning inside a line of GitHub Markdown (math `$` and strike `~`
 * included); `-`, `+` and `1.` only mean something at the start (a list), so only there.
 */
const MARKDOWN_PUNCTUATION = /[\\`*[\]|#~$]/g;

/**
 * Outside text as plain inline Markdown, safe in a paragraph, a list item, a link text or a table
 * cell: HTML is entity-encoded, Markdown punctuation backslash-escaped, mentions, references and URLs
 * broken. Line breaks become spaces.
 */
export function forMarkdown(value: unknown): string {
  const line = showInvisible(asText(value).replace(/[\r\n\t]+/g, ' '));
  return (
    breakAutolinks(line)
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(MARKDOWN_PUNCTUATION, '\\$&')
      // `_` between letters or digits never emphasises (GFM): `OPENAI_API_KEY` stays readable.
      .replace(/(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu, '\\_')
      .replace(/^[-+]/, '\\$&')
      .replace(/^(\d+)([.)])/, '$1\\$2')
  );
}

/**
 * Outside text as an inline code span (file paths, ids, key names): nothing inside a code span is a
 * link, mention, reference or HTML on GitHub. The fence is longer than any backtick run inside, and
 * line breaks become spaces. `|` is escaped unless `table: false`, since GFM splits table cells before
 * it reads code spans (outside a table the backslash would show). An empty value gives `—`.
 */
export function forMarkdownCode(value: unknown, opts: { table?: boolean } = {}): string {
  let text = showInvisible(asText(value).replace(/[\r\n\t]+/g, ' '));
  if (opts.table !== false) text = text.replace(/\|/g, '\\|');
  if (text === '') return '—';
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  // A space on each side keeps a leading or trailing backtick off the fence (CommonMark strips one).
  const pad = text.startsWith('`') || text.endsWith('`') || /^ .* $/.test(text) ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/**
 * A URL from outside (an API's `html_url`) for a Markdown link target: only http(s), and percent-
 * encoded where Markdown would end or bend the link (spaces, quotes, brackets, `<>`, backslash,
 * backtick, `|`). Undefined when it is not an http(s) URL: show it as code instead.
 */
export function forMarkdownUrl(value: unknown): string | undefined {
  const url = asText(value);
  if (!/^https?:\/\/[^\s]+$/i.test(url) || HAS_INVISIBLE.test(url)) return undefined;
  return url.replace(
    /[\s"'()<>[\]\\`|]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  );
}

/**
 * JSON text (from JSON.stringify) with every invisible or text-moving character inside its strings
 * written as a `\uXXXX` escape: the same data once parsed, but a viewer or terminal showing the file
 * sees no raw DEL, C1 control, line separator, bidi override or zero-width character. JSON.stringify
 * escapes only C0 controls and lone surrogates itself.
 */
export function forJson(json: string): string {
  return json.replace(INVISIBLE_BEYOND_C0, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * Outside text in a SARIF `message.text`: one line, SARIF's own escapes for `\`, `[` and `]` (so no
 * embedded link), and mentions, references, URLs and HTML tags broken for the viewers that render the
 * message as Markdown. JSON.stringify takes care of the rest of the JSON.
 */
export function forSarifMessage(value: unknown): string {
  const line = showInvisible(asText(value).replace(/[\r\n\t]+/g, ' '));
  return breakAutolinks(line)
    .replace(/[\\[\]]/g, '\\$&')
    .replace(/<(?=[A-Za-z/!?])/g, `<${ZWSP}`);
}

/**
 * Outside text in Slack `mrkdwn`: one line; `&`, `<` and `>` escaped as Slack requires (its control
 * sequences `<!channel>`, `<@U123>`, `<https://x|text>` all start with `<`), mentions and URLs broken,
 * and the formatting characters `*`, `_`, `~` and the backtick followed by a zero-width space so they
 * pair with nothing (mrkdwn has no backslash escape).
 */
export function forSlack(value: unknown): string {
  const line = showInvisible(asText(value).replace(/[\r\n\t]+/g, ' '));
  return breakAutolinks(line)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[*_~`]/g, `$&${ZWSP}`);
}

/**
 * Outside text in a Microsoft Teams card's text (Adaptive Card / MessageCard Markdown, a CommonMark
 * subset with no HTML): one line, mentions and URLs broken, Markdown punctuation backslash-escaped,
 * `<` broken so no tag-like text survives.
 */
export function forTeams(value: unknown): string {
  const line = showInvisible(asText(value).replace(/[\r\n\t]+/g, ' '));
  return breakAutolinks(line)
    .replace(/[\\`*_[\]~|#]/g, '\\$&')
    .replace(/</g, `<${ZWSP}`);
}
