/**
 * The workflow-file guard for git sources (history, range / pull request, staged): a key that a commit
 * (or the index) adds to a workflow or action file gets the same rule id (`workflow-literal-secret`) and
 * the same `${{ secrets.NAME }}` advice as in a tree scan, so one key is one code-scanning alert in every
 * mode. The diff only shows added lines; the guard needs the whole YAML document, so the file is read as
 * it was at that commit (or in the index) and its findings are matched to the diff's by line and key.
 */
import type { ScanWarning } from '../types.js';
import { groupHitsByBlob, readBlob } from './hit-groups.js';
import type { Hit, KeyDetector } from './types.js';
import { isWorkflowFile, scanWorkflow } from './workflows.js';

/** Workflow files are small; a larger one is left to the text scan (its finding stays the plain rule). */
const MAX_WORKFLOW_BYTES = 1 << 20;

/**
 * Gives every hit in a workflow file the guard's rule and advice. `root` is the scanned directory (hit
 * paths are relative to it); hits without a commit come from the index (`staged`).
 */
export async function adviseWorkflowHits(
  root: string,
  hits: Hit[],
  det: KeyDetector,
): Promise<ScanWarning[]> {
  const groups = groupHitsByBlob(hits, (h) => (isWorkflowFile(h.file) ? (h.commit?.sha ?? '') : undefined));
  const warnings: ScanWarning[] = [];
  for (const g of groups) {
    const text = await readBlob(root, g.rev, g.file, MAX_WORKFLOW_BYTES);
    if (text === undefined) continue; // too large or unreadable: the plain finding stands
    const guarded = scanWorkflow(g.file, text, det);
    warnings.push(...guarded.warnings);
    const byPlace = new Map(guarded.hits.map((w) => [`${w.key.line}\n${w.key.key}`, w]));
    for (const h of g.hits) {
      const w = byPlace.get(`${h.key.line}\n${h.key.key}`);
      if (!w) continue;
      h.ruleId = w.ruleId;
      h.description = w.description;
      h.message = w.message;
      if (w.advice) h.advice = w.advice;
    }
  }
  return warnings;
}
