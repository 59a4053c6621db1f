/**
 * The store registry (src/stores/index.ts): a `stores:` entry of .keyguard.yml, as the loader parses
 * it, builds the store of its kind, and that store works against its emulator.
 */
import { parseConfig } from '../../src/config/load.js';
import { RetryBudget } from '../../src/http/budget.js';
import { Secret } from '../../src/scan/secret.js';
import { createStores, supportedStoreKinds } from '../../src/stores/index.js';
import { startVaultEmulator, type VaultEmulator } from '../emulators/vault.js';
import { KeyGen } from '../helpers/keygen.js';

const gen = new KeyGen(1617);
let vault: VaultEmulator;

beforeEach(async () => {
  vault = await startVaultEmulator();
});
afterEach(() => vault.server.stop());

function storesOf(yaml: string) {
  return parseConfig(yaml, '.keyguard.yml').parsed.rotation.providers.openai!.stores!;
}

describe('the store registry', () => {
  it('lists vault-kv2 among the kinds this build can write', () => {
    expect(supportedStoreKinds()).toEqual(
      expect.arrayContaining(['aws-secrets-manager', 'webhook', 'vault-kv2']),
    );
  });

  it('builds a Vault KV v2 store from a vault-kv2 entry of .keyguard.yml', async () => {
    const leaked = gen.openaiProject();
    vault.seed('prod/openai', { api_key: leaked, org: 'acme' });
    const token = vault.token({ 'secret/data/prod/openai': ['read', 'update'] });
    const configs = storesOf(`rotation:
  openai:
    stores:
      - { kind: vault-kv2, path: prod/openai, field: api_key, address: '${vault.baseUrl}', token-env: KG_VAULT_TOKEN }
`);
    const masked: string[] = [];
    const [store] = await createStores(configs, {
      env: { KG_VAULT_TOKEN: token },
      mask: (v) => masked.push(v),
      budget: new RetryBudget({ totalMs: 1000 }),
    });

    expect(store!.kind).toBe('vault-kv2');
    expect(store!.id).toMatch(/^vault:127\.0\.0\.1:\d+:secret\/prod\/openai#api_key$/);
    expect(await store!.holds(new Secret(leaked))).toEqual({ state: 'holds' });
    expect(masked).toEqual([token]);
  });

  it('refuses a vault-kv2 entry the store cannot use (a JWT login without a role) when it is built', async () => {
    const configs = storesOf(`rotation:
  openai:
    stores:
      - { kind: vault-kv2, path: prod/openai, address: '${vault.baseUrl}', auth: jwt }
`);
    await expect(createStores(configs, { env: {} })).rejects.toThrow('`auth: jwt` needs a `role`');
    expect(vault.server.requests).toEqual([]);
  });
});
