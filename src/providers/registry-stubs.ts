/**
 * TEMPORARY stand-ins for the OpenAI and Anthropic adapters, used by the registry only until
 * `openai.ts` / `anthropic.ts` land (written in parallel). Verify-only, `GET /v1/models`.
 */
import type { Secret } from '../scan/secret.js';
import { bearerCheck, createClient } from './compatible-kit.js';
import type { Provider, ProviderSettings } from './types.js';

export function createOpenAIStub(settings: ProviderSettings = {}): Provider {
  const client = createClient(settings);
  const baseUrl = settings.baseUrl ?? 'https://api.openai.com/v1';
  return {
    id: 'openai',
    displayName: 'OpenAI',
    capabilities: { verify: true, locate: false, create: false, disable: false, usage: false },
    limitations: ['Stand-in adapter: admin operations arrive with the full OpenAI adapter.'],
    verify: (key: Secret) => bearerCheck(client, baseUrl, '/models', { provider: 'openai', key }),
  };
}

export function createAnthropicStub(settings: ProviderSettings = {}): Provider {
  const client = createClient(settings);
  const baseUrl = settings.baseUrl ?? 'https://api.anthropic.com';
  return {
    id: 'anthropic',
    displayName: 'Anthropic',
    capabilities: { verify: true, locate: false, create: false, disable: false, usage: false },
    limitations: ['Stand-in adapter: admin operations arrive with the full Anthropic adapter.'],
    verify: (key: Secret) =>
      bearerCheck(client, baseUrl, '/v1/models', {
        provider: 'anthropic',
        key,
        headers: { 'x-api-key': key.reveal(), 'anthropic-version': '2023-06-01' },
      }),
  };
}
