/**
 * Where a line sits in an HCL file (Terraform `.tf`, `.tfvars`, `terragrunt.hcl`): the attribute it
 * assigns and the blocks around it, found by counting braces upward through a `LineWindow` (strings
 * and comments blanked first, so `"${var.x}"` and `# {` do not count). Linear in the window.
 */
import type { LineWindow } from './window.js';

export interface HclBlock {
  /** `variable`, `resource`, `provider`..., or the attribute name of a map (`data = {`). */
  type: string;
  /** The block's labels (`resource "aws_x" "main"` → `['aws_x', 'main']`); none for a map. */
  labels: string[];
  /** An attribute's map value (`tags = {`), not a block. */
  isMap: boolean;
}

/** Unmatched `{` looked at, at most (hostile input: lines of braces). */
const MAX_OPENS = 32;

export interface HclPlace {
  /** The attribute the literal is assigned to on its line (`default`, `api_key`, `OPENAI_API_KEY`). */
  attribute?: string;
  /** Enclosing blocks and maps, innermost first. */
  blocks: HclBlock[];
  /** `name = "X"` in the same block as the literal (an `env { name, value }` entry). */
  siblingName?: string;
}

const NAME_ATTRIBUTE = /^\s*name\s*=\s*"([A-Za-z_][\w.-]{0,79})"\s*$/;

/**
 * The line with string contents and comments blanked, same length (so positions match the raw line):
 * only structural braces are left.
 */
function structural(line: string): string {
  return line
    .replace(
      /"(?:[^"\\]|\\.)*(?:"|$)/g,
      (m) => `"${'_'.repeat(Math.max(0, m.length - 2))}${m.length > 1 ? '"' : ''}`,
    )
    .replace(/(?:#|\/\/).*$/, (m) => ' '.repeat(m.length));
}

function header(text: string): HclBlock | undefined {
  const t = text.trim();
  const map = /^"?([A-Za-z_][\w.-]{0,79})"?\s*[=:]\s*(?:[\w.]+\s*\(\s*)?(?:\[\s*)?$/.exec(t);
  if (map) return { type: map[1]!, labels: [], isMap: true };
  const block = /^([A-Za-z_][\w-]{0,79})((?:\s+(?:"[^"]{0,120}"|[A-Za-z_][\w-]{0,79})){0,3})\s*$/.exec(t);
  if (!block) return undefined;
  const labels = [...block[2]!.matchAll(/"([^"]*)"|([A-Za-z_][\w-]*)/g)].map((m) => m[1] ?? m[2]!);
  return { type: block[1]!, labels, isMap: false };
}

/** The attribute being assigned just before `col` (1-based) on the line: `name = "` or `"name": "`. */
function attributeBefore(line: string, col: number): string | undefined {
  const prefix = line.slice(Math.max(0, col - 1 - 256), Math.max(0, col - 1));
  const m = /(?:^|[\s{,(])"?([A-Za-z_][\w.-]{0,79})"?\s*[=:]\s*(?:"[^"=]{0,120})?$/.exec(prefix);
  return m?.[1];
}

/** Blocks and maps around `column` (1-based) of the window's line, and the attribute it sets. */
export function hclPlace(win: LineWindow, column: number): HclPlace {
  const place: HclPlace = { attribute: attributeBefore(win.line, column), blocks: [] };
  // Below the line, up to the end of its block: a `name =` written after `value =`.
  let below = 0;
  for (const raw of win.after) {
    const s = structural(raw);
    if (below === 0 && place.siblingName === undefined) place.siblingName = NAME_ATTRIBUTE.exec(raw)?.[1];
    for (const c of s) below += c === '{' ? 1 : c === '}' ? -1 : 0;
    if (below < 0) break;
  }
  let depth = 0;
  let opens = 0;
  const lines = [win.line.slice(0, Math.max(0, column - 1)), ...[...win.before].reverse()];
  for (const raw of lines) {
    if (place.blocks.length === 0 && depth === 0 && place.siblingName === undefined)
      place.siblingName = NAME_ATTRIBUTE.exec(raw)?.[1];
    const s = structural(raw);
    for (let i = s.length - 1; i >= 0; i--) {
      const c = s[i];
      if (c === '}' || c === ']' || c === ')') depth++;
      else if (c === '{' || c === '[' || c === '(') {
        if (depth > 0) {
          depth--;
          continue;
        }
        if (c !== '{') continue; // inside a list or a call: keep looking for the block or map
        if (++opens > MAX_OPENS) return place;
        const before = s.slice(0, i);
        const cut = Math.max(before.lastIndexOf('{'), before.lastIndexOf(','), before.lastIndexOf(';'));
        const h = header(raw.slice(cut + 1, i));
        if (h) {
          place.blocks.push(h);
          if (!h.isMap && /^\S/.test(raw)) return place; // a top-level block: nothing encloses it
        }
      }
    }
  }
  return place;
}
