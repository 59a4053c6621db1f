/** Turns a source's hit into the shared `Finding`: the key wrapped in a `Secret`, redacted, fingerprinted. */
import { Secret } from '../scan/secret.js';
import type { Hit } from '../sources/types.js';
import type { Finding } from '../types.js';

export function toFinding(hit: Hit): Finding {
  const k = hit.key;
  const secret = new Secret(k.key);
  const f: Finding = {
    ruleId: hit.ruleId ?? k.ruleId,
    provider: k.provider,
    candidates: [...k.candidates],
    description: hit.description ?? k.description,
    file: hit.file,
    line: k.line,
    column: k.column,
    secret,
    redacted: secret.redacted,
    fingerprint: secret.fingerprint,
    source: hit.source,
  };
  if (hit.commit) f.commit = { ...hit.commit };
  if (k.encoding) f.encoding = k.encoding;
  if (hit.message) f.message = hit.message;
  if (hit.advice) f.advice = { ...hit.advice };
  if (k.kind) f.kind = k.kind;
  return f;
}

/** Stable order: by file, line, column, then rule. */
export function compareFindings(a: Finding, b: Finding): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return a.line - b.line || a.column - b.column || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0);
}

/**
 * The workflow guard's finding replaces the plain text finding of the same key on the same line, so a
 * key in a workflow is reported once, with the better advice.
 */
export function replaceByWorkflow(tree: Hit[], workflow: Hit[]): Hit[] {
  const taken = new Set(workflow.map((h) => `${h.file}\n${h.key.line}\n${h.key.key}`));
  return [...tree.filter((h) => !taken.has(`${h.file}\n${h.key.line}\n${h.key.key}`)), ...workflow];
}
