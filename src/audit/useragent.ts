/**
 * User-agent classes: an official SDK or framework (how the owner's code calls the API) versus a
 * generic HTTP client (how a script testing a stolen key usually does). Lists are substrings,
 * matched case-insensitively, and configurable.
 */
import type { UaClass, UaLists } from './types.js';

export const DEFAULT_UA_LISTS: UaLists = {
  sdk: [
    'openai/python',
    'openai/js',
    'openai-node',
    'openai-python',
    'openai/go',
    'openai-go',
    'openai/java',
    'openai-java',
    'openai/.net',
    'openai-dotnet',
    'asyncopenai',
    'anthropic-sdk',
    'anthropic/',
    'anthropic-typescript',
    'anthropic-python',
    'litellm',
    'langchain',
    'llama-index',
    'llamaindex',
    'openrouter',
    'ai-sdk/',
    'vercel-ai',
  ],
  generic: [
    'curl/',
    'python-requests/',
    'python-urllib',
    'python-httpx/',
    'aiohttp/',
    'go-http-client/',
    'node-fetch',
    'undici',
    'axios/',
    'okhttp',
    'wget',
    'postmanruntime/',
    'insomnia/',
    'httpie/',
    'java/',
    'apache-httpclient/',
    'libwww-perl',
    'ruby',
    'powershell',
  ],
};

export class UaClassifier {
  readonly #sdk: string[];
  readonly #generic: string[];
  readonly #cache = new Map<string, UaClass>();

  constructor(lists?: Partial<UaLists>) {
    this.#sdk = (lists?.sdk ?? DEFAULT_UA_LISTS.sdk).map((s) => s.toLowerCase());
    this.#generic = (lists?.generic ?? DEFAULT_UA_LISTS.generic).map((s) => s.toLowerCase());
  }

  /** `undefined`: the source records no user agent; `''`: the request sent none (generic). */
  classify(ua: string | undefined): UaClass {
    if (ua === undefined) return 'unknown';
    const hit = this.#cache.get(ua);
    if (hit) return hit;
    const lower = ua.trim().toLowerCase();
    let cls: UaClass;
    if (lower === '' || lower === '-') cls = 'generic';
    else if (this.#sdk.some((s) => lower.includes(s))) cls = 'sdk';
    else if (this.#generic.some((s) => lower.includes(s))) cls = 'generic';
    else cls = 'other';
    if (this.#cache.size >= 20_000) this.#cache.clear();
    this.#cache.set(ua, cls);
    return cls;
  }
}
