/**
 * Rewrites one top-level string field of a JSON object in place, as text: every other byte of the
 * secret (other fields' numbers above 2^53, key order, duplicate keys, spacing, escapes) stays exactly
 * as it was. Parsing and re-serialising would silently change such fields, and another program reads
 * them.
 *
 * The field itself must appear once: with two members of that name, readers disagree on which one
 * counts (JSON.parse takes the last, others the first), so no rewrite is safe and it is refused.
 */

export type FieldProblem = 'not-object' | 'duplicate' | 'not-string';

export class JsonFieldError extends Error {
  constructor(
    readonly problem: FieldProblem,
    message: string,
  ) {
    super(message);
  }
}

interface Member {
  key: string;
  /** Offsets of the member's value: text.slice(start, end) is its JSON. */
  start: number;
  end: number;
}

interface ObjectLayout {
  members: Member[];
  /** Offset of the closing `}`. */
  close: number;
}

const WS = /[ \t\n\r]/;

function skipWs(text: string, i: number): number {
  while (i < text.length && WS.test(text[i]!)) i++;
  return i;
}

/** End of the string literal that starts at `i` (which is `"`). */
function skipString(text: string, i: number): number {
  for (let j = i + 1; j < text.length; j++) {
    if (text[j] === '\\') j++;
    else if (text[j] === '"') return j + 1;
  }
  throw new JsonFieldError('not-object', 'unterminated string');
}

/** End of the JSON value that starts at `i`. */
function skipValue(text: string, i: number): number {
  const c = text[i];
  if (c === '"') return skipString(text, i);
  if (c === '{' || c === '[') {
    let depth = 0;
    for (let j = i; j < text.length; j++) {
      const d = text[j];
      if (d === '"') j = skipString(text, j) - 1;
      else if (d === '{' || d === '[') depth++;
      else if (d === '}' || d === ']') {
        depth--;
        if (depth === 0) return j + 1;
      }
    }
    throw new JsonFieldError('not-object', 'unterminated value');
  }
  let j = i;
  while (j < text.length && !/[,}\]\s]/.test(text[j]!)) j++;
  return j;
}

/** The top-level members of a JSON object text, with their offsets; `undefined` if it is not one. */
function layout(text: string): ObjectLayout | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
  // Valid JSON from here on, so the scanner only has to find boundaries, not validate.
  const members: Member[] = [];
  let i = skipWs(text, 0) + 1;
  for (;;) {
    i = skipWs(text, i);
    if (text[i] === '}') return { members, close: i };
    if (text[i] === ',') i = skipWs(text, i + 1);
    const keyEnd = skipString(text, i);
    const key = JSON.parse(text.slice(i, keyEnd)) as string;
    i = skipWs(text, keyEnd) + 1; // the ':'
    const start = skipWs(text, i);
    const end = skipValue(text, start);
    members.push({ key, start, end });
    i = end;
  }
}

/** Whether `text` is a JSON object (the field's value is checked by `readField`). */
export function isJsonObject(text: string): boolean {
  return layout(text) !== undefined;
}

/** The field's string value, `undefined` when absent; throws on duplicates and non-strings. */
export function readField(text: string, field: string): string | undefined {
  const obj = layout(text);
  if (!obj) throw new JsonFieldError('not-object', 'not a JSON object');
  const hits = obj.members.filter((m) => m.key === field);
  if (hits.length > 1) {
    throw new JsonFieldError(
      'duplicate',
      `has ${hits.length} members named ${JSON.stringify(field)}: readers disagree on which one counts`,
    );
  }
  const hit = hits[0];
  if (!hit) return undefined;
  const raw = text.slice(hit.start, hit.end);
  if (raw[0] !== '"') throw new JsonFieldError('not-string', 'is not a string');
  return JSON.parse(raw) as string;
}

/**
 * `text` with `field`'s value replaced by `value` (appended as the last member when absent), every
 * other byte unchanged.
 */
export function writeField(text: string, field: string, value: string): string {
  readField(text, field); // not an object, a duplicate or a non-string: refused before any change
  const obj = layout(text)!;
  const encoded = JSON.stringify(value);
  const hit = obj.members.find((m) => m.key === field);
  if (hit) return text.slice(0, hit.start) + encoded + text.slice(hit.end);
  const last = obj.members[obj.members.length - 1];
  const member = `${JSON.stringify(field)}:${encoded}`;
  if (!last) return `${text.slice(0, obj.close)}${member}${text.slice(obj.close)}`;
  return `${text.slice(0, last.end)},${member}${text.slice(last.end)}`;
}
