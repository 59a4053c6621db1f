import { readFileSync, writeFileSync } from 'node:fs';
import { ConfigError } from '../../src/config/errors.js';
import { renderProvidersDoc, renderSupportMatrix } from '../../src/providers/matrix.js';
import { createProviders, DEFAULT_BASE_URLS, PROVIDER_IDS } from '../../src/providers/registry.js';
import { Secret } from '../../src/scan/secret.js';
import { DeepSeekEmulator } from '../emulators/deepseek.js';

const ALL = [
  'openai',
  'anthropic',
  'deepseek',
  'dashscope',
  'openrouter',
  'litellm',
  'moonshot',
  'siliconflow',
  'groq',
  'perplexity',
  'xai',
  'stripe',
  'webhook',
];
const DOC = new URL('../../docs/providers.md', import.meta.url);

describe('provider registry', () => {
  it('knows every provider id', () => {
    expect([...PROVIDER_IDS].sort()).toEqual([...ALL].sort());
  });

  it('builds every provider that needs no settings, and leaves out litellm and webhook', () => {
    const ids = [...createProviders().keys()].sort();
    expect(ids).toEqual(ALL.filter((id) => id !== 'litellm' && id !== 'webhook').sort());
  });

  it('builds litellm and webhook when they are configured', () => {
    const m = createProviders({
      litellm: { baseUrl: 'https://llm.example.com' },
      webhook: { createUrl: 'https://h.example.com/c', disableUrl: 'https://h.example.com/d', secret: 's' },
    });
    expect(m.get('litellm')!.capabilities.create).toBe(true);
    expect(m.get('webhook')!.capabilities.disable).toBe(true);
  });

  it('follows each SDK base URL convention (OpenAI includes /v1)', () => {
    expect(DEFAULT_BASE_URLS.openai).toBe('https://api.openai.com/v1');
    expect(DEFAULT_BASE_URLS.openrouter).toBe('https://openrouter.ai/api/v1');
    expect(DEFAULT_BASE_URLS.dashscope).toBe('https://dashscope.aliyuncs.com/compatible-mode/v1');
    expect(DEFAULT_BASE_URLS.moonshot).toBe('https://api.moonshot.ai/v1');
  });

  it('uses a configured base URL instead of the default', async () => {
    const emu = new DeepSeekEmulator();
    const key = emu.seedKey();
    await emu.start();
    try {
      const p = createProviders({ deepseek: { baseUrl: emu.baseUrl } }).get('deepseek')!;
      expect((await p.verify(new Secret(key))).status).toBe('live');
    } finally {
      await emu.stop();
    }
  });

  it('builds a second instance of a built-in under its own id with type', () => {
    const m = createProviders({
      'litellm-staging': { type: 'litellm', baseUrl: 'https://staging.example.com' },
    });
    expect(m.get('litellm-staging')!.id).toBe('litellm-staging');
  });

  it('drops a provider that is disabled in config', () => {
    expect(createProviders({ perplexity: { enabled: false } }).has('perplexity')).toBe(false);
  });

  it.each([
    ['an unknown provider', { mistral: {} }, /unknown provider "mistral"/],
    ['litellm without its URL', { litellm: {} }, /baseUrl/],
    [
      'a webhook without its secret',
      { webhook: { createUrl: 'https://x', disableUrl: 'https://y' } },
      /secret/,
    ],
  ])('rejects %s with a ConfigError', (_n, config, msg) => {
    expect(() => createProviders(config as any)).toThrow(ConfigError);
    expect(() => createProviders(config as any)).toThrow(msg);
  });
});

describe('support matrix', () => {
  it('has one row per provider with its capabilities', () => {
    const table = renderSupportMatrix([...createProviders({ litellm: { baseUrl: 'https://l' } }).values()]);
    expect(table).toContain('| LiteLLM proxy | `litellm` | yes | yes | yes | yes | yes |');
    expect(table).toContain('| DeepSeek | `deepseek` | yes | — | — | — | — |');
  });

  it('docs/providers.md is up to date with the adapters', () => {
    const fresh = renderProvidersDoc();
    if (process.env.KEYGUARD_UPDATE_DOCS === '1') writeFileSync(DOC, fresh);
    // Stale? Regenerate: KEYGUARD_UPDATE_DOCS=1 NODE_OPTIONS=--experimental-vm-modules npx jest __tests__/providers/registry
    expect(readFileSync(DOC, 'utf8')).toBe(fresh);
  });
});
