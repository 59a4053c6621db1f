/**
 * What every store adapter shares: the dependencies a factory takes, option readers that quote the
 * bad value, and error text from outside (API error bodies) made short, one line and free of every
 * secret the store holds (the leaked key, the replacement, tokens).
 */
import type { RetryBudget } from '../http/budget.js';
import type { RetryPolicy } from '../http/client.js';
import { type Secret, scrub } from '../scan/secret.js';
import { forLog } from '../text/inert.js';
import { StoreError } from './types.js';

export interface StoreDeps {
  /** The run's retry budget (src/http/budget.ts): every wait before a retry is charged to it. */
  budget?: RetryBudget;
  /** One line for the run's log (no key material is ever passed). */
  log?: (line: string) => void;
  /** Masks a credential the store obtained (a Vault token, an OIDC token): the action's core.setSecret. */
  mask?: (value: string) => void;
  /** Environment to read (VAULT_TOKEN, KUBECONFIG, ACTIONS_ID_TOKEN_REQUEST_*): default process.env. */
  env?: NodeJS.ProcessEnv;
  /** The HTTP client's retry policy (tests shorten it); default src/http/client.ts DEFAULT_RETRY. */
  retry?: Partial<RetryPolicy>;
  /** fetch for the HTTP client (tests). */
  fetch?: typeof fetch;
  /** Overrides the store's endpoint (Vault address) — tests point it at an emulator. */
  endpoint?: string;
  /** Kubernetes: a kubeconfig as YAML text, instead of KUBECONFIG / in-cluster / ~/.kube/config. */
  kubeconfig?: string;
}

/** Longest piece of outside error text kept in a message. */
const MAX_OUTSIDE = 300;

/** Outside text (an API's error message) for a StoreError: one inert line, clipped, secrets scrubbed. */
export function outsideText(text: unknown, secrets: Iterable<Secret | undefined>): string {
  const known = [...secrets].filter((s): s is Secret => s !== undefined);
  const clean = forLog(scrub(String(text ?? ''), known)).trim();
  return clean.length > MAX_OUTSIDE ? `${clean.slice(0, MAX_OUTSIDE)}…` : clean;
}

export function stringOption(id: string, options: Record<string, unknown>, name: string): string | undefined {
  const v = options[name];
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v !== 'string') {
    throw new StoreError(id, `option \`${name}\` must be a string, got ${typeof v}`);
  }
  return v;
}

export function boolOption(id: string, options: Record<string, unknown>, name: string): boolean {
  const v = options[name];
  if (v === undefined || v === null) return false;
  if (typeof v !== 'boolean') {
    throw new StoreError(id, `option \`${name}\` must be true or false, got ${JSON.stringify(v)}`);
  }
  return v;
}

/** Refuses option names the store does not know (a typo like `destroy_old` must not silently do nothing). */
export function checkOptionNames(
  id: string,
  options: Record<string, unknown>,
  known: readonly string[],
): void {
  const unknown = Object.keys(options).filter((k) => !known.includes(k));
  if (unknown.length) {
    throw new StoreError(
      id,
      `unknown option(s) ${unknown.map((k) => `\`${forLog(k)}\``).join(', ')}; known: ${known.join(', ')}`,
    );
  }
}

/** Exponential wait before the n-th retry of an optimistic write (cas / resourceVersion conflicts). */
export function conflictBackoffMs(attempt: number): number {
  return Math.min(2_000, 100 * 2 ** attempt) * (0.75 + 0.25 * Math.random());
}

/** Attempts of an optimistic write before giving up (each waits within the run's budget). */
export const MAX_CONFLICT_ATTEMPTS = 5;
