/**
 * Where a line sits in a YAML document, read from indentation alone: the keys that enclose it, the
 * other keys of its list item (a Kubernetes env entry's `name:`), and the document's top-level `kind:`.
 * No parser: a bounded walk up (and a little down) a `LineWindow`, one regex per line, each line
 * already cut short. Good enough to tell where a literal sits in block-style YAML (what manifests,
 * Compose files and values files are); flow style is recognised on the key's own line.
 */
import type { LineWindow } from './window.js';

interface YamlLine {
  blank: boolean;
  /** `---` or `...`: a document boundary. */
  boundary: boolean;
  indent: number;
  /** Column (0-based) of the last `- ` sequence indicator that starts the line's content. */
  dash?: number;
  key?: string;
  keyCol?: number;
  /** What follows `key:` (trimmed, comment kept), or the item's text after `- ` when there is no key. */
  value: string;
}

const KEY =
  /(?:"([^"\\\n]{0,200})"|'([^'\n]{0,200})'|([^\s#'"{}[\],:&*!|>%@`-][^:#\n]{0,200}|-[^\s:#\n][^:#\n]{0,200}))[ \t]*:(?=[ \t]|$)/y;

export function parseYamlLine(line: string): YamlLine {
  const out: YamlLine = { blank: false, boundary: false, indent: 0, value: '' };
  if (/^(?:---|\.\.\.)(?:\s|$)/.test(line)) {
    out.boundary = true;
    return out;
  }
  let i = 0;
  while (i < line.length && line.charCodeAt(i) === 32) i++;
  out.indent = i;
  if (i === line.length || line[i] === '#' || /^\s*$/.test(line.slice(i))) {
    out.blank = true;
    return out;
  }
  // `- `, `- - ` (nested sequences): the last dash is the item that holds the rest of the line.
  while (line[i] === '-' && (i + 1 === line.length || line[i + 1] === ' ')) {
    out.dash = i;
    i++;
    while (i < line.length && line.charCodeAt(i) === 32) i++;
  }
  KEY.lastIndex = i;
  const m = KEY.exec(line);
  if (m) {
    out.key = m[1] ?? m[2] ?? m[3]!.trimEnd();
    out.keyCol = i;
    out.value = line.slice(KEY.lastIndex).trim();
  } else {
    out.value = line.slice(i).trim();
    if (out.value === '' && out.dash === undefined) out.blank = true;
  }
  return out;
}

export interface YamlPlace {
  /** Enclosing keys, outermost first (sequence items are not named). */
  path: string[];
  /** The key on the literal's line (`value`, `OPENAI_API_KEY`), if the line is `key: …`. */
  key?: string;
  /** The line is a bare sequence item (`- OPENAI_API_KEY=…`): its text. */
  item?: string;
  /** The other keys of the list item (or mapping) the literal is in, with their values. */
  siblings: Map<string, string>;
  /** The literal sits directly in a sequence item (an `env:` entry). */
  inItem: boolean;
  /** The literal is inside a block scalar (`key: |`): `key` is that scalar's key. */
  inBlockScalar: boolean;
  /** The document's top-level `kind:` and whether it has `apiVersion:` (a Kubernetes object). */
  kind?: string;
  apiVersion: boolean;
  /** Top-level keys of the document seen in the window (`services`, `stringData`...). */
  topKeys: Set<string>;
}

function unquote(v: string): string {
  const t = v.replace(/\s+#.*$/, '').trim();
  const m = /^(["'])(.*)\1$/.exec(t);
  return m ? m[2]! : t;
}

/** Where the window's line sits; undefined when it is blank or a document boundary. */
export function yamlPlace(win: LineWindow): YamlPlace | undefined {
  const t = parseYamlLine(win.line);
  if (t.blank || t.boundary) return undefined;
  const place: YamlPlace = {
    path: [],
    siblings: new Map(),
    inItem: false,
    inBlockScalar: false,
    apiVersion: false,
    topKeys: new Set(),
  };
  // `col`: the column of the node being placed; `inSeq`: that node is a sequence item (dash at col).
  let col: number;
  let inSeq: boolean;
  let collecting = true;
  let itemDash = -1;
  if (t.key !== undefined) {
    place.key = t.key;
    if (t.dash !== undefined) {
      col = t.dash;
      inSeq = true;
      place.inItem = true;
      itemDash = t.dash;
    } else {
      col = t.keyCol!;
      inSeq = false;
    }
  } else if (t.dash !== undefined) {
    place.item = t.value;
    col = t.dash;
    inSeq = true;
    collecting = false;
  } else {
    col = t.indent;
    inSeq = false;
    collecting = false;
  }
  const ownKeyCol = t.keyCol;
  const top = (l: YamlLine) => {
    if (l.indent !== 0 || l.dash !== undefined || l.key === undefined) return;
    place.topKeys.add(l.key);
    if (l.key === 'kind' && place.kind === undefined) place.kind = unquote(l.value);
    if (l.key === 'apiVersion') place.apiVersion = true;
  };
  /**
   * A dash at `dash` starts the list item the walk is in: the walk goes on from that dash, in a
   * sequence, no longer collecting siblings; the item is the key's own while no path is above it.
   */
  const enterListItem = (dash: number) => {
    if (place.path.length === 0) {
      place.inItem = true;
      itemDash = dash;
    }
    col = dash;
    inSeq = true;
    collecting = false;
  };
  top(t);
  for (let j = win.before.length - 1; j >= 0; j--) {
    const l = parseYamlLine(win.before[j]!);
    if (l.boundary) break;
    if (l.blank) continue;
    top(l);
    if (!inSeq) {
      if (l.key !== undefined && l.keyCol === col) {
        // A sibling key of the same mapping; with a dash before it, the line starts our list item.
        if (collecting && !place.siblings.has(l.key)) place.siblings.set(l.key, unquote(l.value));
        if (l.dash !== undefined && l.dash < col) enterListItem(l.dash);
        continue;
      }
      if (l.indent >= col) continue;
      if (l.key !== undefined && l.keyCol! < col) {
        if (/^[|>][-+0-9]*\s*(?:#.*)?$/.test(l.value) && place.path.length === 0 && !place.inBlockScalar) {
          // Everything seen so far was the text of this block scalar, not YAML structure.
          place.inBlockScalar = true;
          place.key = l.key;
          place.item = undefined;
          place.siblings.clear();
          place.inItem = false;
          // From here on the walk is in YAML again: the scalar's key has siblings (`- name:` of an env entry).
          collecting = true;
          col = l.keyCol!;
          inSeq = false;
          if (l.dash !== undefined) enterListItem(l.dash);
          continue;
        }
        place.path.unshift(l.key);
        collecting = false;
        col = l.dash ?? l.keyCol!;
        inSeq = l.dash !== undefined;
        continue;
      }
      if (l.dash !== undefined && l.dash < col) {
        col = l.dash;
        inSeq = true;
        collecting = false;
      }
    } else {
      // A sequence item: its parent is a key at or left of the dash (`env:` then `- name:`), whose
      // value is the sequence itself (empty on its line).
      if (l.indent > col) continue;
      if (l.dash !== undefined && l.dash === col && l.key === undefined) continue;
      if (l.dash !== undefined && l.dash >= col) continue; // an earlier item of the same sequence
      if (l.key !== undefined && l.keyCol! <= col && (l.value === '' || l.value.startsWith('#'))) {
        place.path.unshift(l.key);
        collecting = false;
        col = l.dash ?? l.keyCol!;
        inSeq = l.dash !== undefined;
        continue;
      }
      if (l.dash !== undefined && l.dash < col) col = l.dash;
    }
  }
  // Below the line: the rest of its list item (`value:` written before `name:`), and a `kind:` that
  // sorted after `data:` (`kubectl get -o yaml` writes keys in alphabetical order).
  let open = place.inItem && !place.inBlockScalar && ownKeyCol !== undefined;
  for (const raw of win.after) {
    const l = parseYamlLine(raw);
    if (l.boundary) break;
    if (l.blank) continue;
    top(l);
    if (!open) continue;
    if (l.dash !== undefined ? l.dash <= itemDash : l.indent < ownKeyCol!) open = false;
    else if (
      l.key !== undefined &&
      l.keyCol === ownKeyCol &&
      l.dash === undefined &&
      !place.siblings.has(l.key)
    )
      place.siblings.set(l.key, unquote(l.value));
  }
  return place;
}
