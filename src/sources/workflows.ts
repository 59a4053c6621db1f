/**
 * Workflow-file guard: a literal key in a GitHub Actions workflow or composite action is reported as its
 * own rule, `workflow-literal-secret`, with the secret name to use instead (`${{ secrets.NAME }}`).
 *
 * Every string scalar of the document is searched (env at workflow/job/step level, `with:` inputs,
 * `run:` scripts, service/container credentials and env, reusable-workflow `secrets:`, action input
 * defaults...); the path to the scalar says where it sits and what the secret should be called. Lines come
 * from the source text, so they match the plain text scan's and the engine can let this finding replace
 * the plain one. Malformed YAML is a warning (the text scan still covers the file).
 */
import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import { fixFor } from '../advice/wording.js';
import { hasInlineIgnore } from '../filters/inline.js';
import type { ScanWarning } from '../types.js';
import type { Hit, KeyDetector, RawKey } from './types.js';

export const WORKFLOW_RULE_ID = 'workflow-literal-secret';

/** `.github/workflows/*.yml|yaml` and `action.yml|yaml` anywhere (composite and Docker actions). */
export function isWorkflowFile(rel: string): boolean {
  return /^\.github\/workflows\/[^/]+\.ya?ml$/.test(rel) || /(^|\/)action\.ya?ml$/.test(rel);
}

export interface WorkflowResult {
  hits: Hit[];
  warnings: ScanWarning[];
  suppressed: number;
}

type Path = (string | number)[];

/** `OPENAI_API_KEY`, `api-key` → `API_KEY`: what GitHub accepts as a secret name. */
export function secretName(raw: string): string {
  const n = raw
    .toUpperCase()
    .replace(/[^A-Z0-9_]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return /^[0-9]/.test(n) ? `_${n}` : n || 'API_KEY';
}

function providerName(key: RawKey): string {
  return secretName(`${(key.candidates[0] ?? key.provider).split('|')[0]}_API_KEY`);
}

/** Where in the workflow a scalar sits, in words, and the secret name that belongs there. */
function describe(
  path: Path,
  key: RawKey,
  lineText: string,
  keyCol: number,
): { where: string; name: string } {
  const last = path[path.length - 1];
  const parent = path[path.length - 2];
  const job = path[0] === 'jobs' && typeof path[1] === 'string' ? `job "${path[1]}"` : undefined;
  const stepIdx = path.indexOf('steps');
  const step =
    stepIdx >= 0 && typeof path[stepIdx + 1] === 'number'
      ? `step ${Number(path[stepIdx + 1]) + 1}`
      : undefined;
  const scope = [step, job].filter(Boolean).join(' of ') || 'the workflow';
  if (parent === 'env' && typeof last === 'string') {
    const owner = path[path.length - 4];
    const svc =
      path[path.length - 3] === 'container'
        ? 'the container'
        : owner === 'services'
          ? `service "${path[path.length - 3]}"`
          : scope;
    return { where: `env ${last} of ${svc}`, name: secretName(last) };
  }
  if (parent === 'with' && typeof last === 'string')
    return { where: `input "${last}" of ${scope}`, name: secretName(last) };
  if (parent === 'secrets' && typeof last === 'string')
    return { where: `secret "${last}" passed by ${scope}`, name: secretName(last) };
  if (parent === 'credentials' && typeof last === 'string') {
    const owner = path[path.length - 3] === 'container' ? 'REGISTRY' : String(path[path.length - 3]);
    return {
      where: `${last} of the ${owner === 'REGISTRY' ? 'container' : `service "${owner}"`} credentials`,
      name: secretName(`${owner}_${last}`),
    };
  }
  if (last === 'default' && path[0] === 'inputs' && typeof parent === 'string') {
    return { where: `default of action input "${parent}"`, name: secretName(parent) };
  }
  if (last === 'run') {
    // `export OPENAI_API_KEY=sk-…`, `KEY: "sk-…"`, `--api-key sk-…`
    const before = lineText.slice(0, Math.max(0, keyCol - 1));
    const m = /([A-Za-z_][A-Za-z0-9_-]*)["']?\s*(?:[:=]|\s)\s*["']?$/.exec(before);
    const name =
      m && !/^(bearer|echo|export|curl|token)$/i.test(m[1]!)
        ? secretName(m[1]!.replace(/^-+/, ''))
        : providerName(key);
    return { where: `run script of ${scope}`, name };
  }
  const named = [...path].reverse().find((p): p is string => typeof p === 'string');
  return {
    where: `${path.join('.') || 'document'}`,
    name: named && named !== 'run' ? secretName(named) : providerName(key),
  };
}

/** Runs the guard on one workflow or action file's text. Never throws on bad YAML. */
export function scanWorkflow(rel: string, text: string, det: KeyDetector): WorkflowResult {
  const out: WorkflowResult = { hits: [], warnings: [], suppressed: 0 };
  if (!det.mightMatch(text)) return out;
  const lc = new LineCounter();
  let doc: ReturnType<typeof parseDocument>;
  try {
    doc = parseDocument(text, { lineCounter: lc, uniqueKeys: false });
  } catch (err) {
    out.warnings.push({
      file: rel,
      message: `workflow not parsed as YAML (${(err as Error).message.split('\n')[0]})`,
    });
    return out;
  }
  if (doc.errors.length) {
    const e = doc.errors[0]!;
    // Only the first line of yaml's message: the rest quotes source, which may hold the key.
    out.warnings.push({
      file: rel,
      line: e.linePos?.[0]?.line,
      message: `malformed YAML, workflow checks skipped (scanned as text only): ${e.message.split('\n')[0]}`,
    });
    return out;
  }
  const lines = text.split('\n');
  const visit = (node: unknown, path: Path): void => {
    if (isMap(node)) {
      for (const pair of node.items) {
        const k = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        visit(pair.value, [...path, k]);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => {
        visit(item, [...path, i]);
      });
    } else if (isScalar(node) && typeof node.value === 'string') {
      scalar(node as Node, node.value, path);
    }
  };
  const scalar = (node: Node, value: string, path: Path): void => {
    if (!det.mightMatch(value)) return;
    const [start, , end] = node.range ?? [0, 0, text.length];
    let from = start;
    for (const key of det.scan(value, 1)) {
      // Place the key where it is in the file; the scalar's start if escaping hides it.
      const at = text.indexOf(key.key, from);
      const offset = at >= 0 && at < end ? at : start;
      if (at >= 0 && at < end) from = at + 1;
      const pos = lc.linePos(offset);
      const lineText = lines[pos.line - 1] ?? '';
      if (hasInlineIgnore(lineText) || key.inlineAllowed) {
        out.suppressed++;
        continue;
      }
      const { where, name } = describe(path, key, lineText, pos.col);
      const fix = fixFor('github-workflow', { name });
      out.hits.push({
        key: { ...key, line: pos.line, column: pos.col },
        file: rel,
        source: 'workflow',
        ruleId: WORKFLOW_RULE_ID,
        description: `Literal ${key.provider} key in a GitHub Actions ${path[0] === 'runs' || path[0] === 'inputs' ? 'action' : 'workflow'} file`,
        message: `${where}: ${fix}`,
        advice: { context: 'github-workflow', where, fix, name },
      });
    }
  };
  visit(doc.contents, []);
  return out;
}
