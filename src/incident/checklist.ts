/**
 * The incident's checklists, whose ticks belong to people: keyguard re-renders the issue body on every
 * run, so each item carries a stable id in a hidden comment (`<!-- keyguard:check=ID -->`) and the
 * next render keeps the ticks it reads back from the body.
 *
 * Only a yes/no per known id is taken from the body, never text: the items are always written from
 * keyguard's own list, so a hostile edit can at most tick or untick a box. Callers pass bodies of
 * keyguard's own issues only (the incident store refuses the rest, see github/incidents.ts).
 */
import { createHash } from 'node:crypto';
import { forMarkdown } from '../text/inert.js';

export interface ChecklistItem {
  /** Stable across runs and wording changes: `[a-z0-9-]`, at most 40 characters. */
  id: string;
  /** Markdown, already inert. */
  text: string;
}

const ID = /^[a-z0-9][a-z0-9-]{0,39}$/;
/** A task line of ours: `- [ ]` or `- [x]`, anything, then our id comment at the end of the line. */
const LINE =
  /^[ \t]{0,3}[-*+][ \t]+\[([ xX])\][^\n]*?<!-- keyguard:check=([a-z0-9][a-z0-9-]{0,39}) -->[ \t]*$/gm;

/** The id of an item whose text is its identity (a step the saga asks of a human): a short hash. */
export function idForText(prefix: string, text: string): string {
  return `${prefix}-${createHash('sha256').update(text).digest('hex').slice(0, 12)}`;
}

/** Items from plain text (from keyguard's own code or journal), made inert, ids from the text. */
export function itemsFromText(prefix: string, texts: readonly string[]): ChecklistItem[] {
  return texts.map((t) => ({ id: idForText(prefix, t), text: forMarkdown(t) }));
}

/** The ids ticked in `body`; a body of no checklist (or none at all) ticks nothing. */
export function tickedIn(body: string | null | undefined): Set<string> {
  const out = new Set<string>();
  if (!body) return out;
  // Where one id appears twice (a hand edit), an unticked line wins: never claim a task done.
  const unticked = new Set<string>();
  for (const m of body.matchAll(LINE)) {
    if (m[1] === ' ') unticked.add(m[2]!);
    else out.add(m[2]!);
  }
  for (const id of unticked) out.delete(id);
  return out;
}

/** Task lines, ticked where a person ticked them. */
export function renderChecklist(items: readonly ChecklistItem[], ticked: ReadonlySet<string>): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const item of items) {
    if (!ID.test(item.id)) throw new Error(`checklist id ${JSON.stringify(item.id)} is not [a-z0-9-]`);
    if (seen.has(item.id)) continue;
    seen.add(item.id);
    out.push(`- [${ticked.has(item.id) ? 'x' : ' '}] ${item.text} <!-- keyguard:check=${item.id} -->`);
  }
  return out;
}
