/**
 * The store registry: `kind` → factory. A factory turns one parsed `stores:` entry into a SecretStore;
 * credentials come from `deps.env` (never from .keyguard.yml). Kinds without a factory in this build
 * are refused with a StoreError when the rotation starts, before anything changes.
 */
import type { RetryBudget } from '../http/budget.js';
import { createAwsSecretsManagerStore } from './aws.js';
import { createKubernetesStore } from './kubernetes.js';
import { type SecretStore, type StoreConfig, StoreError, type StoreKind } from './types.js';
import { createVaultStore } from './vault.js';
import { createWebhookStore } from './webhook.js';

export interface StoreDeps {
  /** The step's environment: where each kind finds its credentials. */
  env: NodeJS.ProcessEnv;
  /** Masks a credential as soon as it is read (core.setSecret in the action). */
  mask?: (value: string) => void;
  /** The run's retry budget, shared with every HTTP client. */
  budget?: RetryBudget;
  log?: (line: string) => void;
  fetch?: typeof fetch;
  now?: () => Date;
}

export type StoreFactory = (config: StoreConfig, deps: StoreDeps) => SecretStore | Promise<SecretStore>;

const FACTORIES = new Map<StoreKind, StoreFactory>([
  // Credentials: the SDK's standard chain from the env (OIDC role assumption in Actions works).
  [
    'aws-secrets-manager',
    (c, d) => createAwsSecretsManagerStore(c, { env: d.env, mask: d.mask, budget: d.budget, log: d.log }),
  ],
  // Credentials: KUBECONFIG, else the pod's service account, else ~/.kube/config (kubernetes-auth.ts).
  [
    'kubernetes',
    (c, d) =>
      createKubernetesStore(c, { env: d.env, mask: d.mask, budget: d.budget, log: d.log, now: d.now }),
  ],
  ['webhook', createWebhookStore],
  // Credentials: VAULT_TOKEN (or `token-env`), or a JWT login with the Actions OIDC token (`role`).
  [
    'vault-kv2',
    (c, d) => createVaultStore(c, { env: d.env, mask: d.mask, budget: d.budget, log: d.log, fetch: d.fetch }),
  ],
]);

/** Adds (or replaces) the factory of a kind. */
export function registerStoreKind(kind: StoreKind, factory: StoreFactory): void {
  FACTORIES.set(kind, factory);
}

export function supportedStoreKinds(): StoreKind[] {
  return [...FACTORIES.keys()];
}

/** A readable name for a configured place, before its store exists (for errors). */
export function describeStoreConfig(c: StoreConfig): string {
  const where = [c.options.namespace, c.options.mount, c.options.region].filter((x) => typeof x === 'string');
  return `${c.kind} ${where.length ? `${where.join('/')}/` : ''}${c.name}${c.field ? `#${c.field}` : ''}`;
}

/** Builds every configured store; throws StoreError for a kind this build cannot write. */
export async function createStores(configs: readonly StoreConfig[], deps: StoreDeps): Promise<SecretStore[]> {
  const out: SecretStore[] = [];
  for (const c of configs) {
    const factory = FACTORIES.get(c.kind);
    if (!factory)
      throw new StoreError(
        describeStoreConfig(c),
        `store kind ${c.kind} is not supported by this build of keyguard (supported: ${supportedStoreKinds().join(', ')})`,
      );
    out.push(await factory(c, deps));
  }
  return out;
}

export { createGitHubStore } from './github.js';
export * from './types.js';
