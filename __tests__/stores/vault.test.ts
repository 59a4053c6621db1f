/**
 * The Vault / OpenBao KV v2 store against the Vault emulator over real HTTP: token and JWT login,
 * namespaces, check-and-set conflicts, version destruction, permissions and faults.
 */
import { generateKeyPairSync } from 'node:crypto';
import { RetryBudget } from '../../src/http/budget.js';
import { Secret } from '../../src/scan/secret.js';
import type { StoreDeps } from '../../src/stores/common.js';
import type { StoreConfig } from '../../src/stores/types.js';
import { createVaultStore } from '../../src/stores/vault.js';
import {
  ActionsOidcEmulator,
  type Policy,
  startVaultEmulator,
  type VaultEmulator,
} from '../emulators/vault.js';
import { KeyGen } from '../helpers/keygen.js';
import { storeErrorOf } from './store-error.js';

const gen = new KeyGen(1616);
const PATH = 'prod/openai';
/** The minimal policy the support matrix documents (put + holds; `create` only with `create: true`). */
const MINIMAL: Policy = { 'secret/data/prod/openai': ['read', 'update'] };
const DESTROYER: Policy = {
  ...MINIMAL,
  'secret/metadata/prod/openai': ['read'],
  'secret/destroy/prod/openai': ['update'],
};
const FAST = { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 20, timeoutMs: 1500, budgetMs: 5000 };

let vault: VaultEmulator;
let leaked: Secret;
let replacement: Secret;
const logs: string[] = [];

beforeEach(async () => {
  vault = await startVaultEmulator();
  leaked = new Secret(gen.openaiProject());
  replacement = new Secret(gen.openaiProject());
  logs.length = 0;
});
afterEach(() => vault.server.stop());

function config(options: Record<string, unknown> = {}, field = 'api_key'): StoreConfig {
  return { kind: 'vault-kv2', name: PATH, field, options };
}

function store(token: string, options: Record<string, unknown> = {}, deps: StoreDeps = {}) {
  return createVaultStore(config(options), {
    endpoint: vault.baseUrl,
    env: { VAULT_TOKEN: token },
    retry: FAST,
    budget: new RetryBudget({ totalMs: 5000 }),
    log: (l) => logs.push(l),
    ...deps,
  });
}

/** Vault's answer to a write whose check-and-set version is not the current one. */
const CAS_MISMATCH = 'check-and-set parameter did not match the current version';

/** The next write of PATH (or the next `times`) gets `status`, with Vault's `errors` body when given. */
function failWrites(status: number, errors?: string[], times?: number): void {
  vault.server.injectFault({
    method: 'POST',
    path: '/v1/secret/data/prod/openai',
    ...(times === undefined ? {} : { times }),
    fault: errors ? { kind: 'status', status, body: { errors } } : { kind: 'status', status },
  });
}

describe('holds', () => {
  it('says the secret holds the leaked key when the current version’s field is it', async () => {
    vault.seed(PATH, { api_key: leaked.reveal(), org: 'acme' });
    await expect(store(vault.token(MINIMAL)).holds(leaked)).resolves.toEqual({ state: 'holds' });
  });

  it('says other when the current version holds another key, even if an older one held the leaked key', async () => {
    vault.seed(PATH, { api_key: leaked.reveal() });
    vault.seed(PATH, { api_key: replacement.reveal() });
    await expect(store(vault.token(MINIMAL)).holds(leaked)).resolves.toEqual({ state: 'other' });
  });

  it.each([
    ['the secret does not exist', () => {}],
    ['the field is not in the secret', () => vault.seed(PATH, { org: 'acme' })],
    [
      'the current version is deleted',
      () => {
        vault.seed(PATH, { api_key: 'x' });
        vault.deleteVersions(PATH, [1]);
      },
    ],
  ])('says absent when %s', async (_what, arrange) => {
    arrange();
    await expect(store(vault.token(MINIMAL)).holds(leaked)).resolves.toEqual({ state: 'absent' });
  });

  it('says unknown, not absent, when the token may not read the secret (403)', async () => {
    vault.seed(PATH, { api_key: leaked.reveal() });
    const holding = await store(vault.token({ 'secret/data/other': ['read'] })).holds(leaked);
    expect(holding.state).toBe('unknown');
    expect(holding.state === 'unknown' && holding.why).toMatch(/denied reading secret\/data\/prod\/openai/);
  });
});

describe('put', () => {
  it('writes a new version with the field replaced and every other field kept', async () => {
    vault.seed(PATH, { api_key: leaked.reveal(), org: 'acme', retries: 3 });
    const write = await store(vault.token(MINIMAL)).put(replacement);
    expect(write).toEqual({ outcome: 'updated', version: '2' });
    expect(vault.current(PATH)).toEqual({ api_key: replacement.reveal(), org: 'acme', retries: 3 });
    expect(vault.versions(PATH).get(1)?.data).toEqual({ api_key: leaked.reveal(), org: 'acme', retries: 3 });
  });

  it('sends the version it read as options.cas', async () => {
    vault.seed(PATH, { api_key: leaked.reveal() });
    vault.seed(PATH, { api_key: leaked.reveal() });
    await store(vault.token(MINIMAL)).put(replacement);
    const [write] = vault.server.requestsTo('POST', '/v1/secret/data/prod/openai');
    expect(JSON.parse(write!.body).options).toEqual({ cas: 2 });
  });

  it('writes nothing when the current version already holds the value (a re-run)', async () => {
    vault.seed(PATH, { api_key: replacement.reveal() });
    await expect(store(vault.token(MINIMAL)).put(replacement)).resolves.toEqual({
      outcome: 'updated',
      version: '1',
    });
    expect(vault.versions(PATH).size).toBe(1);
  });

  it('reads again and keeps a concurrent writer’s change after a check-and-set conflict', async () => {
    vault.seed(PATH, { api_key: leaked.reveal(), org: 'acme' });
    let raced = false;
    // Another writer lands between keyguard's read and its write: Vault refuses the stale cas.
    const racing: typeof fetch = async (input, init) => {
      if (init?.method === 'POST' && !raced) {
        raced = true;
        vault.seed(PATH, { api_key: leaked.reveal(), org: 'acme', region: 'eu' });
      }
      return fetch(input, init);
    };
    const write = await store(vault.token(MINIMAL), {}, { fetch: racing }).put(replacement);
    expect(write.version).toBe('3');
    expect(vault.current(PATH)).toEqual({ api_key: replacement.reveal(), org: 'acme', region: 'eu' });
    expect(vault.server.requests.filter((r) => r.method === 'POST' && r.status === 400)).toHaveLength(1);
    expect(logs.join('\n')).toMatch(/check-and-set/);
  });

  it('gives up with a transient error when every write meets a check-and-set conflict', async () => {
    vault.seed(PATH, { api_key: leaked.reveal() });
    failWrites(400, [CAS_MISMATCH], 10);
    const err = await storeErrorOf(store(vault.token(MINIMAL)).put(replacement));
    expect(err.transient).toBe(true);
    expect(err.message).toMatch(/kept changing/);
    expect(vault.current(PATH)).toEqual({ api_key: leaked.reveal() });
  });

  it('stops when the retry budget cannot pay for the wait after a conflict', async () => {
    vault.seed(PATH, { api_key: leaked.reveal() });
    failWrites(400, [CAS_MISMATCH]);
    const err = await storeErrorOf(
      store(vault.token(MINIMAL), {}, { budget: new RetryBudget({ totalMs: 0 }) }).put(replacement),
    );
    expect(err.message).toMatch(/no retry budget left/);
  });

  it('refuses to create a missing secret unless `create: true`', async () => {
    const err = await storeErrorOf(store(vault.token(MINIMAL)).put(replacement));
    expect(err.message).toMatch(/no current version/);
    expect(vault.versions(PATH).size).toBe(0);
  });

  it('creates a missing secret with `create: true` and cas 0', async () => {
    const token = vault.token({ 'secret/data/prod/openai': ['read', 'create'] });
    await expect(store(token, { create: true }).put(replacement)).resolves.toEqual({
      outcome: 'created',
      version: '1',
    });
    const [write] = vault.server.requestsTo('POST', '/v1/secret/data/prod/openai');
    expect(JSON.parse(write!.body).options).toEqual({ cas: 0 });
  });

  it('adds the field to an existing secret as created', async () => {
    vault.seed(PATH, { org: 'acme' });
    await expect(store(vault.token(MINIMAL)).put(replacement)).resolves.toEqual({
      outcome: 'created',
      version: '2',
    });
    expect(vault.current(PATH)).toEqual({ org: 'acme', api_key: replacement.reveal() });
  });

  it('works on a mount that requires check-and-set on every write', async () => {
    vault.mount('kv', { casRequired: true });
    const token = vault.token({ 'kv/data/prod/openai': ['read', 'update'] });
    vault.seed(PATH, { api_key: leaked.reveal() }, { mount: 'kv' });
    await store(token, { mount: 'kv' }).put(replacement);
    expect(vault.current(PATH, { mount: 'kv' })).toEqual({ api_key: replacement.reveal() });
  });

  it('retries a 503 and writes once', async () => {
    vault.seed(PATH, { api_key: leaked.reveal() });
    failWrites(503);
    await store(vault.token(MINIMAL)).put(replacement);
    expect(vault.versions(PATH).size).toBe(2);
  });

  it('reports a transient failure when Vault never answers', async () => {
    vault.seed(PATH, { api_key: leaked.reveal() });
    vault.server.injectFault({ path: /data/, times: 10, fault: { kind: 'drop' } });
    const err = await storeErrorOf(store(vault.token(MINIMAL)).put(replacement));
    expect(err.transient).toBe(true);
    expect(err.message).toMatch(/did not answer/);
  });

  it('refuses a write the policy does not allow, naming the path', async () => {
    vault.seed(PATH, { api_key: leaked.reveal() });
    const err = await storeErrorOf(
      store(vault.token({ 'secret/data/prod/openai': ['read'] })).put(replacement),
    );
    expect(err.message).toMatch(/denied writing secret\/data\/prod\/openai/);
    expect(err.transient).toBe(false);
  });
});

describe('preflight', () => {
  it('passes with the minimal policy', async () => {
    vault.seed(PATH, { api_key: leaked.reveal() });
    await expect(store(vault.token(MINIMAL)).preflight()).resolves.toBeUndefined();
  });

  it.each([
    [
      'a read-only token',
      { 'secret/data/prod/openai': ['read'] } as Policy,
      {},
      /lacks `update` on secret\/data\/prod\/openai/,
    ],
    [
      'no read',
      { 'secret/data/prod/openai': ['update'] } as Policy,
      {},
      /keeping the secret's other fields needs `read`/,
    ],
    [
      'destroy-old without destroy',
      MINIMAL,
      { 'destroy-old': true },
      /`read` on secret\/metadata\/prod\/openai, `update` on secret\/destroy\/prod\/openai/,
    ],
    [
      'a deny on the exact path',
      { 'secret/data/*': ['read', 'update'], 'secret/data/prod/openai': ['deny'] } as Policy,
      {},
      /denied reading/,
    ],
  ])('fails for %s, naming what is missing', async (_what, policy, options, reason) => {
    vault.seed(PATH, { api_key: leaked.reveal() });
    const err = await storeErrorOf(store(vault.token(policy), options).preflight());
    expect(err.message).toMatch(reason);
    expect(vault.versions(PATH).size).toBe(1);
  });

  it('passes destroy-old with the destroying policy', async () => {
    vault.seed(PATH, { api_key: leaked.reveal() });
    await expect(store(vault.token(DESTROYER), { 'destroy-old': true }).preflight()).resolves.toBeUndefined();
  });

  it('fails for a missing secret without `create`', async () => {
    await expect(storeErrorOf(store(vault.token(MINIMAL)).preflight())).resolves.toHaveProperty(
      'message',
      expect.stringMatching(/create it first/),
    );
  });

  it('accepts a glob policy (`secret/data/prod/*`) as Vault does', async () => {
    vault.seed(PATH, { api_key: leaked.reveal() });
    await expect(
      store(vault.token({ 'secret/data/prod/*': ['read', 'update'] })).preflight(),
    ).resolves.toBeUndefined();
  });

  it('fails without a token, naming the variable and not guessing', async () => {
    const err = await storeErrorOf(store('').preflight());
    expect(err.message).toBe('no Vault token: VAULT_TOKEN is empty');
  });
});

describe('retire', () => {
  function history() {
    vault.seed(PATH, { api_key: leaked.reveal(), org: 'a' }); // 1
    vault.seed(PATH, { api_key: gen.openaiProject() }); // 2: another key
    vault.seed(PATH, { api_key: leaked.reveal(), org: 'b' }); // 3
    vault.seed(PATH, { api_key: replacement.reveal() }); // 4: current
  }

  it('destroys every older version that holds the leaked key with `destroy-old: true`', async () => {
    history();
    const lines = await store(vault.token(DESTROYER), { 'destroy-old': true }).retire!(leaked);
    const v = vault.versions(PATH);
    expect([1, 2, 3, 4].map((n) => v.get(n)?.destroyed)).toEqual([true, false, true, false]);
    expect(lines).toEqual([expect.stringMatching(/destroyed version\(s\) 1,3, which held the leaked key/)]);
  });

  it('lists those versions with the destroy command when destroy-old is not set', async () => {
    history();
    const lines = await store(vault.token(DESTROYER)).retire!(leaked);
    expect([...vault.versions(PATH).values()].some((v) => v.destroyed)).toBe(false);
    expect(lines).toEqual([
      expect.stringContaining('`vault kv destroy -mount=secret -versions=1,3 prod/openai`'),
    ]);
  });

  it('never destroys the current version, and says it still holds the leaked key', async () => {
    vault.seed(PATH, { api_key: leaked.reveal() });
    const lines = await store(vault.token(DESTROYER), { 'destroy-old': true }).retire!(leaked);
    expect(vault.versions(PATH).get(1)?.destroyed).toBe(false);
    expect(lines).toEqual([expect.stringMatching(/current version 1 still holds the leaked key/)]);
  });

  it('names deleted versions it cannot read instead of skipping them silently', async () => {
    history();
    vault.deleteVersions(PATH, [1]);
    const lines = await store(vault.token(DESTROYER), { 'destroy-old': true }).retire!(leaked);
    expect(vault.versions(PATH).get(1)?.destroyed).toBe(false);
    expect(lines.join('\n')).toMatch(/version\(s\) 1 are deleted or unreadable.*-versions=1 prod\/openai/);
  });

  it('says what to check by hand when the metadata may not be read', async () => {
    history();
    const lines = await store(vault.token(MINIMAL), { 'destroy-old': true }).retire!(leaked);
    expect(lines).toEqual([expect.stringMatching(/cannot list its versions/)]);
  });

  it('reports a refused destroy with the command to run', async () => {
    history();
    const token = vault.token({ ...MINIMAL, 'secret/metadata/prod/openai': ['read'] });
    const lines = await store(token, { 'destroy-old': true }).retire!(leaked);
    expect(lines.join('\n')).toMatch(/could not destroy version\(s\) 1,3 \(403/);
  });
});

describe('JWT login and namespaces', () => {
  let oidc: ActionsOidcEmulator;
  beforeEach(async () => {
    oidc = new ActionsOidcEmulator((claims) => vault.signJwt(claims));
    await oidc.server.start();
    vault.mount('secret', { namespace: 'team-a' });
    vault.jwtRole('keyguard', {
      namespace: 'team-a',
      boundAudiences: ['https://vault.example'],
      boundClaims: { repository: 'acme/app' },
      policy: MINIMAL,
    });
    vault.seed(PATH, { api_key: leaked.reveal(), org: 'acme' }, { namespace: 'team-a' });
  });
  afterEach(() => oidc.server.stop());

  const jwtStore = (options: Record<string, unknown> = {}, mask?: (v: string) => void) =>
    store(
      '',
      { role: 'keyguard', namespace: 'team-a', audience: 'https://vault.example', ...options },
      {
        env: oidc.env(),
        mask,
      },
    );

  it('logs in with the Actions OIDC token for the configured audience and writes in the namespace', async () => {
    await jwtStore().put(replacement);
    expect(oidc.audiences).toEqual(['https://vault.example']);
    expect(vault.current(PATH, { namespace: 'team-a' })).toEqual({
      api_key: replacement.reveal(),
      org: 'acme',
    });
    expect(new Set(vault.namespacesSeen)).toEqual(new Set(['team-a']));
  });

  it('masks the OIDC token and the Vault token it obtains before using them', async () => {
    const masked: string[] = [];
    await jwtStore({}, (v) => masked.push(v)).holds(leaked);
    const login = vault.server.requestsTo('POST', '/v1/auth/jwt/login')[0]!;
    const read = vault.server.requestsTo('GET', '/v1/secret/data/prod/openai')[0]!;
    expect(masked).toContain(JSON.parse(login.body).jwt);
    expect(masked).toContain(read.headers['x-vault-token']);
    expect(masked).toContain(oidc.requestToken);
  });

  it('logs in once for all calls of a store', async () => {
    const s = jwtStore();
    await s.holds(leaked);
    await s.put(replacement);
    expect(vault.server.requestsTo('POST', '/v1/auth/jwt/login')).toHaveLength(1);
  });

  it('fails with Vault’s reason when the audience is not bound to the role', async () => {
    const err = await storeErrorOf(jwtStore({ audience: 'sigstore' }).holds(leaked));
    expect(err.message).toMatch(
      /JWT login to auth\/jwt \(role keyguard\) answered 400: .*audience claim does not match/,
    );
  });

  it('fails when the JWT is signed by another key', async () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const jwt = vault.signJwt(
      { aud: 'https://vault.example', repository: 'acme/app', exp: Date.now() / 1000 + 60 },
      other,
    );
    const s = store(
      '',
      { role: 'keyguard', namespace: 'team-a', 'jwt-env': 'CI_JWT' },
      { env: { CI_JWT: jwt } },
    );
    const err = await storeErrorOf(s.holds(leaked));
    expect(err.message).toMatch(/failed to verify id token signature/);
    expect(err.message).not.toContain(jwt);
  });

  it('asks for `id-token: write` when the runner gave no OIDC request variables', async () => {
    const err = await storeErrorOf(
      store('', { role: 'keyguard', namespace: 'team-a' }, { env: {} }).holds(leaked),
    );
    expect(err.message).toMatch(/permissions: id-token: write/);
  });

  it('denies a token of another namespace', async () => {
    const rootElsewhere = vault.token({ '*': ['root'] });
    const holding = await store(rootElsewhere, { namespace: 'team-a' }).holds(leaked);
    expect(holding.state).toBe('unknown');
  });
});

describe('no secret in any error', () => {
  it('scrubs the token, the leaked key and the replacement from an error body that echoes them', async () => {
    const token = vault.token(MINIMAL);
    vault.seed(PATH, { api_key: leaked.reveal() });
    failWrites(400, [`bad request from ${token} writing ${replacement.reveal()} over ${leaked.reveal()}`]);
    const s = store(token);
    await s.holds(leaked);
    const err = await storeErrorOf(s.put(replacement));
    for (const secret of [token, leaked.reveal(), replacement.reveal()]) {
      expect(err.message).not.toContain(secret);
      expect(String(err.stack)).not.toContain(secret);
    }
    expect(err.message).toContain(replacement.redacted);
  });

  it('keeps outside error text on one inert line', async () => {
    vault.seed(PATH, { api_key: leaked.reveal() });
    vault.server.injectFault({
      method: 'GET',
      fault: { kind: 'status', status: 400, body: { errors: ['line one\n::error::forged'] } },
    });
    const err = await storeErrorOf(store(vault.token(MINIMAL)).holds(leaked));
    expect(err.message).not.toMatch(/\n/);
    expect(err.message).not.toMatch(/^::/m);
  });
});

describe('configuration', () => {
  it.each([
    [{ address: 'http://vault.example:8200' }, /must be https/],
    [{ address: 'https://user:pw@vault.example' }, /plain origin/],
    [{ destroy_old: true }, /unknown option\(s\) `destroy_old`/],
    [{ 'destroy-old': 'yes' }, /must be true or false/],
    [{ auth: 'jwt' }, /needs a `role`/],
    [{ auth: 'approle' }, /must be `token` or `jwt`/],
    [{ mount: '../sys' }, /not a plain Vault path/],
  ])('refuses %j', (options, reason) => {
    expect(() => createVaultStore(config(options), { env: { VAULT_ADDR: 'https://vault.example' } })).toThrow(
      reason,
    );
  });

  it('requires the field', () => {
    expect(() =>
      createVaultStore({ kind: 'vault-kv2', name: PATH, options: {} }, { endpoint: 'https://v.example' }),
    ).toThrow(/`field` is required/);
  });

  it('names the place without key material in id, label and plan', () => {
    const s = createVaultStore(config({ namespace: 'team-a', 'destroy-old': true }), {
      endpoint: 'https://vault.example:8200',
    });
    expect(s.id).toBe('vault:vault.example:8200:team-a/secret/prod/openai#api_key');
    expect(s.label).toBe('Vault team-a/secret/prod/openai field api_key');
    expect(s.plan()).toMatch(/new version with `api_key` replaced, every other field kept.*destroyed/);
  });
});
