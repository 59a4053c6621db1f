import { B64URL, join, pick } from './gen.js';
import type { Rule } from './types.js';

/**
 * LiteLLM virtual keys are `sk-` + 16 random bytes in url-safe base64 (22 characters): no prefix of
 * their own, so the rule only reports when LiteLLM or a proxy is named nearby; otherwise the generic
 * `sk-` rule reports the key without a provider.
 */
export const litellmRules: Rule[] = [
  {
    id: 'litellm-virtual-key',
    provider: 'litellm',
    candidates: ['litellm'],
    description: 'LiteLLM proxy virtual key',
    keywords: ['sk-'],
    regex: /sk-[A-Za-z0-9_-]{22}(?![A-Za-z0-9_-])/g,
    anchored: true,
    minLength: 25,
    maxLength: 25,
    alphabet: 'A-Za-z0-9_-',
    prefixLength: 3,
    entropyFloor: 3.3,
    requiresContext: /lite_?llm|proxy|:4000\b/i,
    sample: (random) => join('sk-', pick(random, B64URL, 22)),
  },
];
