/**
 * A history window: which commits a history scan reads. Users give it as `--since-commit REF` or
 * `--log-opts "…"`, but nothing they type reaches git as written: the text is parsed into this structure
 * against an allowlist, and `windowArgs` rebuilds git arguments from it, every option in `--name=value`
 * form and every revision after `--end-of-options`. So no user text can become an option that runs a
 * program or writes a file (`--output`, `--ext-diff`, `-c`, `--exec-path`, `--textconv`…).
 *
 * Allowed (docs/cli.md): revisions (`REV`, `A..B`, `A...B`; REV = a hex SHA, `HEAD`, or a branch/tag name,
 * with optional `~N`/`^N`), `--since/--after=DATE`, `--until/--before=DATE`, `--author=TEXT`,
 * `--max-count=N` (`-n N`), `--all`.
 */
import { InputError } from '../config/errors.js';

export interface HistoryWindow {
  /** Revisions or ranges, each validated by `revisionProblem`; none = every ref (`--all`). */
  revisions: string[];
  since?: string;
  until?: string;
  author?: string;
  maxCount?: number;
}

export const LOG_OPTS_ALLOWED =
  'REV, A..B, A...B, --all, --since=DATE, --until=DATE, --after=DATE, --before=DATE, --author=TEXT, --max-count=N, -n N';

/** One revision name: a SHA, HEAD or a branch/tag name (git check-ref-format rules), then ~N / ^N. */
const NAME =
  /^(?!-)(?!.*\.\.)(?!.*@\{)(?!.*\/\/)(?!.*\.lock(?:[~^/]|$))[A-Za-z0-9_][A-Za-z0-9_./-]*?(?:[~^]\d{0,4})*$/;

/** Why `rev` (a revision or an A..B / A...B range) is not accepted, or undefined. */
export function revisionProblem(rev: string): string | undefined {
  if (rev.length > 255) return 'is longer than 255 characters';
  const m = /^(.*?)(\.\.\.?)(.*)$/.exec(rev);
  const sides = m ? [m[1]!, m[3]!] : [rev];
  for (const s of sides) {
    if (!s) return 'has an empty side';
    if (!NAME.test(s) || s.endsWith('/') || s.endsWith('.') || /(^|\/)\./.test(s))
      return `"${s}" is not a commit SHA, HEAD or a branch or tag name`;
  }
  return undefined;
}

const DATE = /^[A-Za-z0-9][A-Za-z0-9 :.,+/_-]{0,63}$/;

/** Splits on whitespace, honouring '…' and "…" (no escapes, no expansion: this is not a shell). */
function tokens(text: string): string[] {
  const out: string[] = [];
  const re = /\s*(?:"([^"]*)"|'([^']*)'|([^\s"']+))/gy;
  let cur = '';
  let started = false;
  let last = 0;
  // Quoted and bare pieces with no space between them are one word: --author="Jane Doe".
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (started && /^\s/.test(m[0])) {
      out.push(cur);
      cur = '';
    }
    cur += m[1] ?? m[2] ?? m[3] ?? '';
    started = true;
    last = re.lastIndex;
  }
  if (text.slice(last).trim()) throw new InputError('--log-opts has an unclosed quote');
  if (started) out.push(cur);
  return out;
}

function check(flag: string, value: string, ok: boolean, expected: string): string {
  if (!ok) throw new InputError(`--log-opts ${flag}: "${value.slice(0, 80)}" is not ${expected}`);
  return value;
}

const date = (flag: string, v: string): string => check(flag, v, DATE.test(v), 'a date');

/** `--log-opts` text → a window, or an InputError naming the refused word and the allowlist. */
export function parseLogOpts(text: string): HistoryWindow {
  const w: HistoryWindow = { revisions: [] };
  let all = false;
  const words = tokens(text);
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const eq = word.indexOf('=');
    const [name, inline] =
      word.startsWith('--') && eq > 0 ? [word.slice(0, eq), word.slice(eq + 1)] : [word, undefined];
    const value = (): string => {
      if (inline !== undefined) return inline;
      const next = words[++i];
      if (next === undefined) throw new InputError(`--log-opts ${name} needs a value`);
      return next;
    };
    switch (name) {
      case '--since':
      case '--after':
        w.since = date(name, value());
        break;
      case '--until':
      case '--before':
        w.until = date(name, value());
        break;
      case '--author': {
        const v = value();
        w.author = check(
          name,
          v,
          v.length > 0 && v.length <= 200 && !v.startsWith('-') && !/[\x00-\x1f\x7f]/.test(v),
          'an author name or e-mail',
        );
        break;
      }
      case '--max-count':
      case '-n': {
        const v = value();
        check(name, v, /^\d{1,9}$/.test(v) && Number(v) > 0, 'a positive whole number');
        w.maxCount = Number(v);
        break;
      }
      case '--all':
        all = true;
        break;
      default: {
        if (/^-n\d{1,9}$/.test(word)) {
          w.maxCount = Number(word.slice(2));
          break;
        }
        if (word.startsWith('-'))
          throw new InputError(
            `--log-opts: "${word.slice(0, 40)}" is not allowed (allowed: ${LOG_OPTS_ALLOWED})`,
          );
        const problem = revisionProblem(word);
        if (problem) throw new InputError(`--log-opts: revision ${problem}`);
        w.revisions.push(word);
      }
    }
  }
  if (all && w.revisions.length) throw new InputError('--log-opts: --all and revisions exclude each other');
  return w;
}

/** git log / rev-list arguments for a window: options as `--name=value`, revisions after `--end-of-options`. */
export function windowArgs(w: HistoryWindow): string[] {
  const out: string[] = [];
  if (w.since !== undefined) out.push(`--since=${w.since}`);
  if (w.until !== undefined) out.push(`--until=${w.until}`);
  if (w.author !== undefined) out.push(`--author=${w.author}`);
  if (w.maxCount !== undefined) out.push(`--max-count=${w.maxCount}`);
  for (const r of w.revisions) {
    const problem = revisionProblem(r);
    if (problem) throw new InputError(`revision ${problem}`);
  }
  return w.revisions.length ? [...out, '--end-of-options', ...w.revisions] : [...out, '--all'];
}
