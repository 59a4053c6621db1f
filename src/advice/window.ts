/**
 * A bounded view of a file around one line: the context detectors read only these lines, never the
 * whole file, so their cost does not depend on the file's size or shape. Every line is cut to
 * `MAX_LINE` characters; a target line longer than `MAX_TARGET_LINE` (minified code, a data blob) has
 * no context worth naming and gives no window at all.
 */

/** Lines looked at above the key's line (enclosing YAML keys, HCL blocks, Dockerfile continuations). */
export const LINES_BEFORE = 200;
/** Lines looked at below it (a Kubernetes env item's `name:` after its `value:`, a Secret's `kind:`). */
export const LINES_AFTER = 64;
export const MAX_LINE = 1024;
export const MAX_TARGET_LINE = 8192;

export interface LineWindow {
  /** Lines above the target, nearest LAST (`before[before.length - 1]` is the line just above). */
  before: string[];
  /** The target line (whole, at most MAX_TARGET_LINE characters). */
  line: string;
  /** Lines below the target, nearest first. */
  after: string[];
  /** True when `before` reaches the first line of the file. */
  fromTop: boolean;
}

/** Line starts of a text, computed once and only as far as asked. */
export class LineIndex {
  private readonly starts: number[] = [0];
  private scanned = 0;
  constructor(readonly text: string) {}

  /** Offset where 1-based `line` starts, or -1 past the end. */
  start(line: number): number {
    while (this.starts.length < line && this.scanned < this.text.length) {
      const nl = this.text.indexOf('\n', this.scanned);
      if (nl < 0) {
        this.scanned = this.text.length;
        break;
      }
      this.starts.push(nl + 1);
      this.scanned = nl + 1;
    }
    return line >= 1 && line <= this.starts.length ? this.starts[line - 1]! : -1;
  }

  /** Line `line` without its end of line, at most `max` characters; undefined past the end. */
  lineAt(line: number, max = MAX_LINE): string | undefined {
    const s = this.start(line);
    // The empty "line" after a final newline is not a line.
    if (s < 0 || (s === this.text.length && line > 1)) return undefined;
    let e = this.text.indexOf('\n', s);
    if (e < 0) e = this.text.length;
    const cut = Math.min(e, s + max);
    let out = this.text.slice(s, cut);
    if (cut === e && out.endsWith('\r')) out = out.slice(0, -1);
    return line === 1 && out.charCodeAt(0) === 0xfeff ? out.slice(1) : out;
  }

  /** Length of line `line` (without its end of line). */
  lineLength(line: number): number {
    const s = this.start(line);
    if (s < 0) return -1;
    let e = this.text.indexOf('\n', s);
    if (e < 0) e = this.text.length;
    return e - s;
  }
}

/** The window around 1-based `line`, or undefined when the line does not exist or is too long. */
export function windowAt(
  index: LineIndex,
  line: number,
  before = LINES_BEFORE,
  after = LINES_AFTER,
): LineWindow | undefined {
  const len = index.lineLength(line);
  if (len < 0 || len > MAX_TARGET_LINE) return undefined;
  const target = index.lineAt(line, MAX_TARGET_LINE);
  if (target === undefined) return undefined;
  const first = Math.max(1, line - before);
  const above: string[] = [];
  for (let l = first; l < line; l++) above.push(index.lineAt(l) ?? '');
  const below: string[] = [];
  for (let l = line + 1; l <= line + after; l++) {
    const t = index.lineAt(l);
    if (t === undefined) break;
    below.push(t);
  }
  return { before: above, line: target, after: below, fromTop: first === 1 };
}
