/**
 * Every provider keyguard knows, by id, built from config. Providers that need nothing (verify-only
 * and the admin-capable ones without an admin key) are always present so any finding can be verified;
 * LiteLLM (needs its proxy URL) and webhook (needs URLs and a secret) appear only when configured.
 *
 * Config keys are provider ids; `type` lets one config entry be a second instance of a built-in
 * (`litellm-staging: { type: litellm, baseUrl: … }`).
 */
import { ConfigError } from '../config/errors.js';
import { ANTHROPIC_DEFAULT_BASE, createAnthropicProvider } from './anthropic.js';
import { COMPATIBLE_PROVIDERS, createBuiltinCompatible } from './compatible.js';
import { createDeepSeekProvider, DEEPSEEK_BASE_URL } from './deepseek.js';
import { createLiteLLMProvider } from './litellm.js';
import { createOpenAIProvider, OPENAI_DEFAULT_BASE } from './openai.js';
import { createOpenRouterProvider, OPENROUTER_BASE_URL } from './openrouter.js';
import type { Provider, ProviderSettings } from './types.js';
import { createWebhookProvider, type WebhookSettings } from './webhook.js';

export interface ProviderConfig extends ProviderSettings {
  /** Which built-in this entry is, when the key is not a built-in id. */
  type?: string;
  /** `false` removes the provider (its keys are then reported unverified). */
  enabled?: boolean;
  /** Webhook only. */
  createUrl?: string;
  disableUrl?: string;
  deleteUrl?: string;
  secret?: WebhookSettings['secret'];
  headerName?: string;
  timestampHeader?: string;
  upstream?: string;
}

type Factory = (settings: ProviderConfig, id: string) => Provider;

/** Default base URLs, following each official SDK (OpenAI's includes `/v1`). */
export const DEFAULT_BASE_URLS: Record<string, string> = {
  openai: OPENAI_DEFAULT_BASE,
  anthropic: ANTHROPIC_DEFAULT_BASE,
  deepseek: DEEPSEEK_BASE_URL,
  openrouter: OPENROUTER_BASE_URL,
  ...Object.fromEntries(Object.values(COMPATIBLE_PROVIDERS).map((o) => [o.id, o.defaultBaseUrl])),
};

const FACTORIES: Record<string, Factory> = {
  openai: (s) => createOpenAIProvider(s),
  anthropic: (s) => createAnthropicProvider(s),
  deepseek: (s) => createDeepSeekProvider(s),
  openrouter: (s) => createOpenRouterProvider(s),
  litellm: (s, id) => withId(createLiteLLMProvider(s), id),
  webhook: (s, id) => {
    if (!s.createUrl || !s.disableUrl || !s.secret) {
      throw new ConfigError(`provider ${id}: a webhook needs createUrl, disableUrl and secret`);
    }
    return createWebhookProvider({
      ...s,
      id,
      createUrl: s.createUrl,
      disableUrl: s.disableUrl,
      secret: s.secret,
    });
  },
  ...Object.fromEntries(
    Object.keys(COMPATIBLE_PROVIDERS).map((id) => [
      id,
      (s: ProviderConfig) => createBuiltinCompatible(id, s),
    ]),
  ),
};

/** Every provider id keyguard knows. */
export const PROVIDER_IDS: readonly string[] = Object.keys(FACTORIES);

/** Built-ins that only exist when configured. */
const NEEDS_CONFIG = new Set(['litellm', 'webhook']);

function withId(p: Provider, id: string): Provider {
  if (p.id === id) return p;
  return Object.assign(Object.create(Object.getPrototypeOf(p)), p, { id });
}

/**
 * Builds the providers. `defaults` (timeouts, retries, fetch) apply to all; each entry overrides.
 * Throws ConfigError for an unknown id or a provider missing required settings.
 */
export function createProviders(
  config: Record<string, ProviderConfig> = {},
  defaults: ProviderSettings = {},
): Map<string, Provider> {
  const out = new Map<string, Provider>();
  for (const id of PROVIDER_IDS) {
    if (NEEDS_CONFIG.has(id) || config[id]) continue;
    out.set(id, FACTORIES[id]!({ ...defaults }, id));
  }
  for (const [id, entry] of Object.entries(config)) {
    if (entry.enabled === false) {
      out.delete(id);
      continue;
    }
    const type = entry.type ?? id;
    const factory = FACTORIES[type];
    if (!factory) {
      throw new ConfigError(
        `unknown provider "${type}" (config key ${id}); known: ${PROVIDER_IDS.join(', ')}; use type: for a second instance`,
      );
    }
    out.set(id, withId(factory({ ...defaults, ...entry }, id), id));
  }
  return out;
}
