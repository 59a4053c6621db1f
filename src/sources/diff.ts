/**
 * Parses `git log -p` / `git diff` output (unified and `--cc` combined diffs) line by line and yields the
 * ADDED lines grouped in blocks of consecutive new-file lines, with their new-file line numbers.
 *
 * In a combined diff (merges, `--cc`) a line is "added" only when it is new against EVERY parent (all
 * prefix columns are `+`): that is what a merge resolution introduced; lines merely brought in from one
 * side were already seen in that side's own commits.
 */

/** Commit header line written by our `--format`: RS, a tag, then NUL-separated fields. */
export const COMMIT_MARK = '\x1eKG\x00';
export const COMMIT_FORMAT = '%x1eKG%x00%H%x00%an%x00%ae%x00%aI';

export interface CommitHeader {
  sha: string;
  author: string;
  email: string;
  date: string;
}

export interface AddedBlock {
  path: string;
  /** New-file line number of `lines[0]`. */
  firstLine: number;
  lines: string[];
}

export interface DiffEvents {
  onCommit?(c: CommitHeader): void;
  onBlock(b: AddedBlock): void;
  /**
   * A binary change git did not show as text (`Binary files … differ`), with the new blob's id when
   * the log was run with `--full-index`.
   */
  onBinary?(path: string, blob?: string): void;
}

/** Undoes git's C-style quoting of unusual paths (`"a\tb"`, octal UTF-8 bytes). */
export function unquotePath(p: string): string {
  if (!p.startsWith('"') || !p.endsWith('"')) return p;
  const bytes: number[] = [];
  const s = p.slice(1, -1);
  const simple: Record<string, number> = { n: 10, t: 9, r: 13, '"': 34, '\\': 92, a: 7, b: 8, f: 12, v: 11 };
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (ch !== '\\') {
      bytes.push(...Buffer.from(ch, 'utf8'));
      continue;
    }
    const next = s[i + 1] ?? '';
    if (/[0-7]/.test(next)) {
      bytes.push(Number.parseInt(s.slice(i + 1, i + 4), 8));
      i += 3;
    } else {
      bytes.push(simple[next] ?? next.charCodeAt(0));
      i += 1;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** `b/dir/file` → `dir/file`; `/dev/null` → null (a deletion). */
function newPath(raw: string): string | null {
  const p = unquotePath(raw.replace(/\t$/, ''));
  if (p === '/dev/null') return null;
  return p.startsWith('b/') ? p.slice(2) : p;
}

/** The new path from `diff --git a/X b/X` when no `+++` line follows (binary, mode-only changes). */
function pathFromDiffLine(line: string): string {
  const rest = line.replace(/^diff --(git|cc|combined) /, '');
  if (rest.startsWith('"')) return newPath(rest.slice(rest.indexOf('"', 1) + 2)) ?? rest;
  if (!rest.startsWith('a/')) return rest;
  return rest.slice(Math.floor(rest.length / 2) + 1).replace(/^b\//, '');
}

const HUNK = /^(@{2,}) (?:-\d+(?:,\d+)? )+\+(\d+)(?:,\d+)? @{2,}/;

export class DiffParser {
  readonly #ev: DiffEvents;
  #path: string | null = null;
  #diffLine = '';
  #blob: string | undefined;
  #inHunk = false;
  #cols = 1;
  #next = 0;
  #block: AddedBlock | null = null;

  constructor(events: DiffEvents) {
    this.#ev = events;
  }

  #flush(): void {
    if (this.#block) this.#ev.onBlock(this.#block);
    this.#block = null;
  }

  line(line: string): void {
    if (this.#inHunk) {
      const c = line.charCodeAt(0);
      // '+', ' ', '-': hunk content; '\': "No newline at end of file".
      if (c === 43 || c === 32 || c === 45) {
        this.#content(line);
        return;
      }
      if (c === 92) return;
      this.#inHunk = false;
      this.#flush();
    }
    if (line.startsWith(COMMIT_MARK)) {
      this.#flush();
      const [sha = '', author = '', email = '', date = ''] = line.slice(COMMIT_MARK.length).split('\x00');
      this.#path = null;
      this.#ev.onCommit?.({ sha, author, email, date });
    } else if (line.startsWith('diff --')) {
      this.#path = null;
      this.#blob = undefined;
      this.#diffLine = line;
    } else if (line.startsWith('index ')) {
      const m = /^index [0-9a-f,]+\.\.([0-9a-f]+)/.exec(line);
      this.#blob = m && !/^0+$/.test(m[1]!) ? m[1] : undefined;
    } else if (line.startsWith('+++ ')) {
      this.#path = newPath(line.slice(4));
    } else if (line.startsWith('@@')) {
      const m = HUNK.exec(line);
      if (!m || this.#path === null) return;
      this.#cols = m[1]!.length - 1;
      this.#next = Number(m[2]);
      this.#inHunk = true;
    } else if (line.startsWith('Binary files ') && line.endsWith(' differ')) {
      if (!line.endsWith('/dev/null differ'))
        this.#ev.onBinary?.(pathFromDiffLine(this.#diffLine), this.#blob);
    }
  }

  #content(line: string): void {
    let added: boolean;
    if (this.#cols === 1) {
      // Plain diffs (all but merges): one prefix character, no slicing to look at it.
      const c = line.charCodeAt(0);
      if (c === 45) return; // '-': not in the new file
      added = c === 43;
    } else {
      const prefix = line.slice(0, this.#cols);
      if (prefix.includes('-')) return; // not in the new file
      added = !prefix.includes(' ');
    }
    const n = this.#next++;
    if (!added) {
      this.#flush();
      return;
    }
    const text = line.slice(this.#cols);
    const b = this.#block;
    if (b && b.firstLine + b.lines.length === n) {
      b.lines.push(text);
    } else {
      this.#flush();
      this.#block = { path: this.#path!, firstLine: n, lines: [text] };
    }
  }

  end(): void {
    this.#inHunk = false;
    this.#flush();
  }
}
