/**
 * Verify-only adapters for providers with an OpenAI-compatible (or otherwise cheap) read endpoint and
 * no key-management API that we know of: Moonshot, DashScope, SiliconFlow, Groq, Perplexity, xAI,
 * Stripe. One factory, one small table of instances.
 */
import type { Secret } from '../scan/secret.js';
import type { Verification } from '../types.js';
import { bearerCheck, createClient, now } from './compatible-kit.js';
import type { Provider, ProviderSettings } from './types.js';

export interface CompatibleOptions {
  id: string;
  displayName: string;
  /** Following the official SDK's convention (path prefix included, e.g. `/v1`). */
  defaultBaseUrl: string;
  /**
   * A read-only, free path to call with the key; may carry a query (`/v1/charges?limit=1`).
   * Undefined: the provider has no free check and the key is never sent (verdict `unknown`).
   */
  verifyPath?: string;
  /** Headers that carry the key; default `Authorization: Bearer <key>`. */
  authHeader?: (key: Secret) => Record<string, string>;
  /** 403 means a live key with limited rights (Stripe restricted keys). */
  restrictedOn403?: boolean;
  /** Statuses besides 401 that mean the key is dead (xAI answers 400 for an unknown key). */
  revokedStatuses?: number[];
  /** Reads a 2xx body: e.g. xAI reports a blocked key with 200. */
  onOk?: (json: unknown) => Partial<Verification> | undefined;
  limitations?: string[];
}

const NO_ADMIN = 'No key-management API known: disable and replace the key in the provider console.';
const NO_USAGE = 'No per-key usage API known.';

export function createCompatibleProvider(
  options: CompatibleOptions,
  settings: ProviderSettings = {},
): Provider {
  const client = createClient(settings);
  const baseUrl = settings.baseUrl ?? options.defaultBaseUrl;
  return {
    id: options.id,
    displayName: options.displayName,
    capabilities: { verify: true, locate: false, create: false, disable: false, usage: false },
    limitations: options.limitations ?? [NO_ADMIN, NO_USAGE],
    async verify(key: Secret): Promise<Verification> {
      if (!options.verifyPath) {
        return {
          status: 'unknown',
          provider: options.id,
          endpoint: '(none)',
          detail: `${options.displayName} has no free verification endpoint; the key was not sent (a paid call would be needed)`,
          checkedAt: now(),
        };
      }
      return bearerCheck(client, baseUrl, options.verifyPath, {
        provider: options.id,
        key,
        headers: options.authHeader?.(key),
        restrictedOn403: options.restrictedOn403,
        revokedStatuses: options.revokedStatuses,
        onOk: options.onOk,
      });
    },
  };
}

/** The built-in verify-only providers, by id. Base URLs follow each official SDK / docs. */
export const COMPATIBLE_PROVIDERS: Record<string, CompatibleOptions> = {
  moonshot: {
    id: 'moonshot',
    displayName: 'Moonshot (Kimi)',
    defaultBaseUrl: 'https://api.moonshot.ai/v1',
    verifyPath: '/users/me/balance',
    limitations: [
      NO_ADMIN,
      NO_USAGE,
      'Keys from the China site need base URL https://api.moonshot.cn/v1 (set it in config).',
    ],
  },
  dashscope: {
    id: 'dashscope',
    displayName: 'Alibaba DashScope (Qwen)',
    defaultBaseUrl: 'https://dashscope.aliyuncs.com/compatible-mode/v1',
    verifyPath: '/models',
    limitations: [
      NO_ADMIN,
      NO_USAGE,
      'Keys are region-specific: international keys need base URL https://dashscope-intl.aliyuncs.com/compatible-mode/v1.',
    ],
  },
  siliconflow: {
    id: 'siliconflow',
    displayName: 'SiliconFlow',
    defaultBaseUrl: 'https://api.siliconflow.cn/v1',
    verifyPath: '/user/info',
  },
  groq: {
    id: 'groq',
    displayName: 'Groq',
    defaultBaseUrl: 'https://api.groq.com/openai/v1',
    verifyPath: '/models',
  },
  perplexity: {
    id: 'perplexity',
    displayName: 'Perplexity',
    defaultBaseUrl: 'https://api.perplexity.ai',
    // The only free call found: the documented "List Models" of Perplexity's router (Bearer auth).
    // A completion would cost money, so it is never used.
    verifyPath: '/router/v1/models',
    limitations: [
      NO_ADMIN,
      NO_USAGE,
      'Verified with GET /router/v1/models (free, documented with Bearer auth); that it rejects bad keys with 401 is unconfirmed.',
    ],
  },
  xai: {
    id: 'xai',
    displayName: 'xAI',
    defaultBaseUrl: 'https://api.x.ai/v1',
    verifyPath: '/api-key',
    revokedStatuses: [400],
    onOk: (json) => {
      const j = json as { api_key_blocked?: boolean; api_key_disabled?: boolean; team_blocked?: boolean };
      if (j.api_key_blocked || j.api_key_disabled || j.team_blocked) {
        return { status: 'revoked', detail: 'the key exists but is blocked or disabled (200 from /api-key)' };
      }
      return undefined;
    },
  },
  stripe: {
    id: 'stripe',
    displayName: 'Stripe',
    defaultBaseUrl: 'https://api.stripe.com',
    verifyPath: '/v1/charges?limit=1',
    restrictedOn403: true,
    limitations: [
      'Key rolling is a Dashboard action (no public API to create or expire secret keys).',
      'Restricted keys (rk_) without charge read rights show as live and restricted (403).',
      NO_USAGE,
    ],
  },
};

export function createBuiltinCompatible(id: string, settings: ProviderSettings = {}): Provider {
  const options = COMPATIBLE_PROVIDERS[id];
  if (!options) throw new Error(`no built-in compatible provider ${id}`);
  return createCompatibleProvider(options, settings);
}
