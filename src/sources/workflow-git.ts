/**
 * The workflow-file guard for git sources (history, range / pull request, staged): a key that a commit
 * (or the index) adds to a workflow or action file gets the same rule id (`workflow-literal-secret`) and
 * the same `${{ secrets.NAME }}` advice as in a tree scan, so one key is one code-scanning alert in every
 * mode. The diff only shows added lines; the guard needs the whole YAML document, so the file is read as
 * it was at that commit (or in the index) and its findings are matched to the diff's by line and key.
 */
import { execGit } from '../git/pinned.js';
import type { ScanWarning } from '../types.js';
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
  const groups = new Map<string, { rev: string; file: string; hits: Hit[] }>();
  for (const h of hits) {
    if (!isWorkflowFile(h.file)) continue;
    const rev = h.commit?.sha ?? '';
    const k = `${rev}\n${h.file}`;
    let g = groups.get(k);
    if (!g) {
      g = { rev, file: h.file, hits: [] };
      groups.set(k, g);
    }
    g.hits.push(h);
  }
  const warnings: ScanWarning[] = [];
  for (const g of groups.values()) {
    // `SHA:./path` (or `:./path`, the index): the path is relative to the scanned directory, where git
    // runs. The argument starts with a hex SHA or ':', so it can never be read as an option.
    if (g.rev && !/^[0-9a-f]{40,64}$/.test(g.rev)) continue;
    const out = await execGit(root, ['cat-file', 'blob', `${g.rev}:./${g.file}`], {
      maxBuffer: MAX_WORKFLOW_BYTES,
    });
    if (!out.ok) continue; // too large or unreadable: the plain finding stands
    const guarded = scanWorkflow(g.file, out.stdout, det);
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
