import { HEX, join, pick } from './gen.js';
import type { Rule } from './types.js';

/**
 * DeepSeek and Alibaba DashScope (Qwen, Bailian) both issue `sk-` + 32 lowercase hex. The detector
 * puts whichever provider is named nearest to the key first (see `scan/context.ts`).
 */
export const deepseekRules: Rule[] = [
  {
    id: 'deepseek-api-key',
    provider: 'deepseek|dashscope',
    candidates: ['deepseek', 'dashscope'],
    description: 'DeepSeek or DashScope (Qwen) API key: 32 hex characters',
    keywords: ['sk-'],
    regex: /sk-[0-9a-f]{32}(?![A-Za-z0-9_-])/g,
    anchored: true,
    minLength: 35,
    maxLength: 35,
    alphabet: 'A-Za-z0-9_-',
    prefixLength: 3,
    entropyFloor: 2.7,
    // A body of digits only, or of letters only, is a counter or a word, not 128 random bits.
    validate: (key) => /[a-f]/.test(key.slice(3)) && /[0-9]/.test(key.slice(3)),
    // `sk-` + an md5 is also how code names cache entries: a key on a line about caching or hashing,
    // with no word of keys or providers, is a digest.
    falseContext: /cache|md5|hash|digest|checksum|etag|fingerprint/i,
    unlessContext:
      /api[_-]?key|secret|token|bearer|authori[sz]ation|credential|deepseek|dashscope|qwen|aliyun|bailian|tongyi|openai|llm|env/i,
    sample: (random) => join('sk-', pick(random, HEX, 32)),
  },
];
