/**
 * Builds the provider adapters from the config file, base-URL overrides (action inputs / CLI flags)
 * and admin keys, the same way for the CLI and the action.
 */
import { InputError } from '../config/errors.js';
import type { KeyguardConfig } from '../config/load.js';
import { RetryBudget } from '../http/budget.js';
import { urlProblem } from '../http/url.js';
import { createProviders, type ProviderConfig } from '../providers/registry.js';
import type { Provider, ProviderSettings } from '../providers/types.js';
import type { Secret } from '../scan/secret.js';

/** Providers whose base URL is an input (`<id>-base-url`). */
export const BASE_URL_PROVIDERS = [
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
] as const;

export interface ProviderWiring {
  /** Base URL per provider id: override the config file's. */
  baseUrls?: Partial<Record<string, string>>;
  adminKeys?: Partial<Record<string, Secret>>;
  env?: NodeJS.ProcessEnv;
  defaults?: ProviderSettings;
  /** Told every secret read from env (`secretEnv`) before any adapter holds it: the action masks it. */
  mask?: (value: string) => void;
}

export function buildProviders(config: KeyguardConfig, wiring: ProviderWiring = {}): Map<string, Provider> {
  const merged: Record<string, ProviderConfig> = {};
  for (const [id, raw] of Object.entries(config.providers)) {
    const entry = { ...(raw as ProviderConfig) };
    // Secrets never live in the config file: it names the environment variable that holds them.
    const secretEnv = (raw as { secretEnv?: unknown }).secretEnv;
    const value = typeof secretEnv === 'string' ? wiring.env?.[secretEnv] : undefined;
    if (value) {
      wiring.mask?.(value);
      entry.secret = value;
    }
    merged[id] = entry;
  }
  for (const [id, url] of Object.entries(wiring.baseUrls ?? {})) {
    if (url) merged[id] = { ...merged[id], baseUrl: url };
  }
  // Whatever the source (config, input, flag), no adapter is built on a URL that holds credentials.
  for (const [id, entry] of Object.entries(merged)) {
    for (const [key, value] of Object.entries(entry)) {
      if (!/url$/i.test(key) || typeof value !== 'string') continue;
      const problem = urlProblem(value);
      if (problem) throw new InputError(`provider ${id}: ${key} ${problem}`);
    }
  }
  for (const [id, key] of Object.entries(wiring.adminKeys ?? {})) {
    if (key) merged[id] = { ...merged[id], adminKey: key };
  }
  return createProviders(merged, wiring.defaults);
}

/**
 * Default wall-clock budget of verification: with the rotation stage's own budget after it, a run
 * ends within issue 10's 60 s even when a provider holds every request open, however many keys.
 */
export const DEFAULT_VERIFY_BUDGET_MS = 30_000;

/**
 * Verification settings from `.keyguard.yml` (`verify:`), with the defaults the CLI and action share.
 * `deadline` (epoch ms) is the end of the stage, for the verifier and for the providers' RetryBudget.
 */
export function verifyOptionsFrom(
  config: KeyguardConfig,
  now = Date.now(),
): { concurrency?: number; budgetMs: number; deadline: number } {
  const budgetMs =
    config.verify.timeoutSeconds !== undefined
      ? config.verify.timeoutSeconds * 1000
      : DEFAULT_VERIFY_BUDGET_MS;
  return { concurrency: config.verify.concurrency, budgetMs, deadline: now + budgetMs };
}

/** The providers' retry budget for the verification stage: no request or wait outlives its deadline. */
export function verifyBudget(opts: { budgetMs: number; deadline: number }): RetryBudget {
  return new RetryBudget({ totalMs: opts.budgetMs, deadline: opts.deadline });
}
