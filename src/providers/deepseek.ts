/**
 * DeepSeek: verify only. DeepSeek has no key-management API (reference §4): keys are created and
 * deleted in the web console, so rotation stops at "verified live, revoke it by hand".
 */
import type { Secret } from '../scan/secret.js';
import type { Verification } from '../types.js';
import { bearerCheck, createClient } from './compatible-kit.js';
import type { Provider, ProviderSettings } from './types.js';

export const DEEPSEEK_BASE_URL = 'https://api.deepseek.com';

export function createDeepSeekProvider(settings: ProviderSettings = {}): Provider {
  const client = createClient(settings);
  const baseUrl = settings.baseUrl ?? DEEPSEEK_BASE_URL;
  const id = 'deepseek';
  return {
    id,
    displayName: 'DeepSeek',
    capabilities: { verify: true, locate: false, create: false, disable: false, usage: false },
    limitations: [
      'No key-management API: keys can only be created, disabled or deleted in the DeepSeek console (platform.deepseek.com).',
      'No per-key usage API: only the account balance is visible.',
    ],
    async verify(key: Secret): Promise<Verification> {
      // The balance call proves the key and says whether the account can spend; /models is the fallback.
      const balance = await bearerCheck(client, baseUrl, '/user/balance', {
        provider: id,
        key,
        onOk: (json) => {
          const available = (json as { is_available?: unknown }).is_available;
          return available === false
            ? { detail: 'the key was accepted (200); the account balance is not available for use' }
            : undefined;
        },
      });
      if (balance.status !== 'unknown' || balance.httpStatus === undefined || balance.httpStatus === 429) {
        return balance;
      }
      // A 404/5xx on the balance path (an older proxy, a partial outage): ask /models before giving up.
      const models = await bearerCheck(client, baseUrl, '/models', { provider: id, key });
      return models.status === 'unknown' ? balance : models;
    },
  };
}
