/**
 * Provider names near a key: which of several providers sharing a key shape is the likely one.
 * `DASHSCOPE_API_KEY=sk-<32 hex>` is DashScope, `deepseek.api_key = "sk-<32 hex>"` is DeepSeek.
 */

/** Lowercase words that name a provider in code, config and URLs. */
export const PROVIDER_HINTS: Record<string, string[]> = {
  openai: ['openai'],
  anthropic: ['anthropic', 'claude'],
  deepseek: ['deepseek'],
  dashscope: ['dashscope', 'qwen', 'aliyun', 'bailian', 'tongyi'],
  moonshot: ['moonshot', 'kimi'],
  siliconflow: ['siliconflow', 'silicon_flow', 'siliconcloud'],
  openrouter: ['openrouter'],
  litellm: ['litellm', 'lite_llm'],
  stripe: ['stripe'],
  // Shape-sharers without a verifier here: named, they take the key (see `Rule.contextOnly`).
  braintrust: ['braintrust'],
  // One API / New API gateways issue `sk-` + 48 tokens of their own.
  'one-api': ['one-api', 'oneapi', 'one_api', 'new-api', 'newapi'],
  clerk: ['clerk'],
  iexcloud: ['iexcloud', 'iexapis', 'iex_'],
  checkout: ['checkout.com', 'checkout_sdk', 'checkout-sdk', 'ckotech'],
  recharge: ['recharge'],
  photoroom: ['photoroom'],
  paystack: ['paystack'],
};

/** How far around a key (in characters) a provider name still counts. */
export const CONTEXT_RADIUS = 200;

/** The distance from the key to the nearest mention of each provider in the window, nearest first. */
export function nearbyProviders(
  text: string,
  start: number,
  end: number,
  providers: readonly string[] = Object.keys(PROVIDER_HINTS),
  radius = CONTEXT_RADIUS,
): string[] {
  const from = Math.max(0, start - radius);
  const window = text.slice(from, Math.min(text.length, end + radius)).toLowerCase();
  const keyStart = start - from;
  const keyEnd = end - from;
  const found: { provider: string; distance: number }[] = [];
  for (const provider of providers) {
    let best = Number.POSITIVE_INFINITY;
    for (const word of PROVIDER_HINTS[provider] ?? [provider]) {
      for (let i = window.indexOf(word); i !== -1; i = window.indexOf(word, i + 1)) {
        // Skip mentions inside the key itself (hex bodies can spell nothing, but be safe).
        if (i >= keyStart && i < keyEnd) continue;
        const d = i < keyStart ? keyStart - (i + word.length) : i - keyEnd;
        if (d < best) best = d;
      }
    }
    if (best !== Number.POSITIVE_INFINITY) found.push({ provider, distance: best });
  }
  return found.sort((a, b) => a.distance - b.distance).map((f) => f.provider);
}

/** Candidates named nearby first (nearest first), then the rest in the rule's own order. */
export function rankCandidates(
  candidates: readonly string[],
  text: string,
  start: number,
  end: number,
): string[] {
  if (candidates.length < 2) return [...candidates];
  const near = nearbyProviders(text, start, end, candidates);
  return [...near, ...candidates.filter((c) => !near.includes(c))];
}

/**
 * Who the context says the key belongs to: the providers of `pool` named within the radius, nearest
 * first; when none is, the ones the file names anywhere (a variable, an import, a base URL far above the
 * key), in the pool's order; else none.
 */
export function namedProviders(text: string, start: number, end: number, pool: readonly string[]): string[] {
  const near = nearbyProviders(text, start, end, pool);
  if (near.length > 0 || text.length <= 2 * CONTEXT_RADIUS + end - start) return near;
  const lower = text.toLowerCase();
  return pool.filter((p) => (PROVIDER_HINTS[p] ?? [p]).some((w) => lower.includes(w)));
}
