import { anthropicRules } from './anthropic.js';
import { deepseekRules } from './deepseek.js';
import { genericRules } from './generic.js';
import { groqRules } from './groq.js';
import { langfuseRules } from './langfuse.js';
import { linkedRules } from './linked/index.js';
import { litellmRules } from './litellm.js';
import { moonshotRules } from './moonshot.js';
import { openaiRules } from './openai.js';
import { openrouterRules } from './openrouter.js';
import { perplexityRules } from './perplexity.js';
import { skUnderscoreRules } from './sk-underscore.js';
import { paystackRules, stripeRules, stripeTestRules } from './stripe.js';
import type { Rule } from './types.js';
import { xaiRules } from './xai.js';

export type { Rule } from './types.js';

/**
 * Every built-in rule, most specific first: at one position the first rule that accepts a key wins,
 * so `sk-proj-…` is never also reported by the generic `sk-` rule.
 */
export function builtinRules(): Rule[] {
  return [
    ...anthropicRules,
    ...openrouterRules,
    ...openaiRules,
    ...deepseekRules,
    ...moonshotRules,
    ...litellmRules,
    ...langfuseRules,
    ...paystackRules,
    ...stripeRules,
    ...skUnderscoreRules.filter((r) => r.id !== 'generic-sk-underscore-key'),
    ...groqRules,
    ...xaiRules,
    ...perplexityRules,
    ...linkedRules,
    ...skUnderscoreRules.filter((r) => r.id === 'generic-sk-underscore-key'),
    ...genericRules,
  ];
}

/** Rules that are off unless named in `DetectorOptions.enableRules`. */
export function optionalRules(): Rule[] {
  return [...stripeTestRules];
}
