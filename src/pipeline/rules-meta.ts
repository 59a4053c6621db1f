/** Rule metadata for SARIF and summaries, from the built-in rules, the workflow guard and custom rules. */
import type { KeyguardConfig } from '../config/load.js';
import type { RuleLookup } from '../report/index.js';
import { builtinRules, optionalRules } from '../rules/index.js';
import { WORKFLOW_RULE_ID } from '../sources/workflows.js';

export function ruleLookup(config?: KeyguardConfig): RuleLookup {
  const meta = new Map<string, { description: string }>();
  for (const r of [...builtinRules(), ...optionalRules()]) meta.set(r.id, { description: r.description });
  meta.set(WORKFLOW_RULE_ID, {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: GitHub expression syntax, not a template
    description: 'A literal API key in a GitHub Actions workflow where ${{ secrets.NAME }} belongs',
  });
  for (const c of config?.rules.custom ?? [])
    meta.set(c.id, { description: c.description ?? `Custom rule ${c.id}` });
  return (id) => meta.get(id);
}
