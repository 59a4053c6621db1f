/**
 * Issue 16 end to end through dist/index.js: a leaked OpenAI key that lives in a GitHub secret, AWS
 * Secrets Manager (JSON secret, one field), and an in-house store behind the signed webhook protocol
 * at once is replaced in every place before the leaked key is disabled; a failure in any one place
 * leaves the leaked key live and a re-run finishes the job with one live replacement; no whole key
 * reaches any output, and the leaked key never travels to any store.
 */
import { fingerprint } from '../../src/scan/secret.js';
import type { AccessKey, SecretsManagerEmulator } from '../emulators/aws-secrets-manager.js';
import type { GitHubEmulator } from '../emulators/github.js';
import type { OpenAIEmulator } from '../emulators/openai.js';
import type { FaultRule } from '../emulators/server.js';
import { StoreWebhookReceiver } from '../emulators/store-webhook.js';
import { startVaultEmulator, type VaultEmulator } from '../emulators/vault.js';
import { KeyGen } from '../helpers/keygen.js';
import type { RunResult, TestRepo } from './harness.js';
import {
  AWS_SECRET,
  AWS_STORE_NO_PROBE,
  awsKeyEnv,
  expectJournalRotated,
  expectLeakedKeptLive,
  expectNeverSent,
  expectReplacedInGitHubAndAws,
  expectWrittenBeforeDisable,
  leakIntoGitHubAndAws,
  logRequests,
  openaiStoresConfig,
  type PlaceEvent,
  rerunEnv,
  startGitHubOpenAIAndAws,
} from './helpers/stores-world.js';
import {
  expectNoWholeKey,
  journalOf,
  knownSecrets,
  leakRepo,
  liveReplacements,
  openaiInputs,
  runOver,
  type SweepOptions,
  stepsOf,
} from './helpers/world.js';

const CONFIG = openaiStoresConfig(
  AWS_STORE_NO_PROBE,
  "{ kind: webhook, url: '{WEBHOOK}', name: billing/openai, secret-env: STORE_WEBHOOK_KEY }",
);

const gen = new KeyGen(1616);
const HMAC_KEY = `whk-${gen.alnum(32)}`;

let github: GitHubEmulator;
let openai: OpenAIEmulator;
let aws: SecretsManagerEmulator;
let hook: StoreWebhookReceiver;
let awsKey: AccessKey;
let repo: TestRepo | undefined;
/** Every write to a place, and the leaked key's disable, in the order the emulators saw them. */
let events: PlaceEvent[];

beforeEach(async () => {
  ({ github, openai, aws, awsKey, events } = await startGitHubOpenAIAndAws(gen));
  hook = new StoreWebhookReceiver(HMAC_KEY);
  await hook.start();
  logRequests(events, hook.server, (r) => (r.body.includes('"op":"put"') ? 'put:webhook' : undefined));
});
afterEach(async () => {
  repo?.cleanup();
  repo = undefined;
  await Promise.all([github.stop(), openai.stop(), aws.stop(), hook.stop()]);
});

/** A leaked key in the GitHub secret, AWS and the webhook store (or the places `config` lists). */
function leak(config = CONFIG.replace('{WEBHOOK}', hook.url)) {
  const w = leakIntoGitHubAndAws({ github, openai, aws, events });
  hook.seed('billing/openai', w.leaked.value);
  repo = leakRepo(w.leaked.value, { config });
  return w;
}

function sweep(w: ReturnType<typeof leak>, over: Partial<SweepOptions> = {}): Promise<RunResult> {
  const base: SweepOptions = {
    repo: repo!,
    github,
    inputs: openaiInputs(openai, w.admin.value),
    env: { OPENAI_API_KEY: w.leaked.value, ...awsKeyEnv(aws, awsKey), STORE_WEBHOOK_KEY: HMAC_KEY },
  };
  return runOver(base, over);
}

/** One live replacement, in every place; the leaked key deleted; the AWS secret's other fields kept. */
function expectRotated(w: ReturnType<typeof leak>): void {
  const replacement = expectReplacedInGitHubAndAws({ github, openai, aws }, w.leaked);
  expect(hook.current('billing/openai')).toBe(replacement.value);
}

const allKeys = () => knownSecrets(openai, awsKey.secretAccessKey, HMAC_KEY);

/** The leaked key never travels to a store: not in any request an emulator received. */
function expectLeakedNeverSent(w: ReturnType<typeof leak>): void {
  expectNeverSent([aws.server, hook.server, github.server], [w.leaked.value]);
}

describe('a key in GitHub, AWS Secrets Manager and a webhook store at once', () => {
  it('is replaced in all three before the leaked key is disabled', async () => {
    const w = leak();
    const started = Date.now();
    // Production waits (no KEYGUARD_RETRY_SCALE): the time measured is what a runner would see.
    const run = await sweep(w, { env: { KEYGUARD_RETRY_SCALE: '' } });

    expectRotated(w);
    const disabled = expectWrittenBeforeDisable(events, ['put:github', 'put:aws', 'put:webhook']);
    expect(run.outputs).toMatchObject({ rotated: '1', disabled: '1', live: '0' });
    const j = expectJournalRotated(
      github,
      w.leaked,
      expect.stringMatching(/^webhook:127\.0\.0\.1:\d+:billing\/openai$/),
    );
    expect(stepsOf(j)).toContain('retire:done');
    // No version holding the leaked key stays current or pending at AWS.
    for (const v of aws.secrets.get(AWS_SECRET)!.versions.values())
      if (v.secretString?.includes(w.leaked.value)) expect([...v.stages]).not.toContain('AWSCURRENT');
    expect(hook.versions('billing/openai').filter((v) => v.value === w.leaked.value && !v.destroyed)).toEqual(
      [],
    );
    const issue = github.issues[0]!.body ?? '';
    expect(issue).toContain('### Stores');
    expect(issue).toContain('restart the billing/openai workers');
    expect(run.summary).toContain('AWS Secrets Manager us-east-1/prod/openai');
    expectNoWholeKey(run, github, allKeys());
    expectLeakedNeverSent(w);
    process.stdout.write(
      `e2e: three places (GitHub, AWS, webhook): process start to leaked key disabled: ${disabled.at - started} ms\n`,
    );
  });

  it('shows every store that will change in a dry run, and changes nothing', async () => {
    const w = leak();
    const run = await sweep(w, { inputs: { 'dry-run': 'true' } });
    expect(run.stdout).toMatch(
      /dry run: AWS Secrets Manager us-east-1\/prod\/openai \(field api_key\) \(holds\) would change/,
    );
    expect(run.stdout).toMatch(/dry run: webhook store billing\/openai .* \(holds\) would change/);
    expect(events).toEqual([]);
    expect(aws.calls.filter((c) => c.op !== 'GetSecretValue' && c.op !== 'DescribeSecret')).toEqual([]);
    expect(openai.keyState(w.leaked.id)).toBe('active');
    expectNoWholeKey(run, github, allKeys());
  });

  it('runs each store preflight read-only in a dry run: no AWS write probe, and a refusal says would stop', async () => {
    const w = leak(CONFIG.replace(', write-probe: false', '').replace('{WEBHOOK}', hook.url));
    hook.readOnly.add('billing/openai');
    const run = await sweep(w, { inputs: { 'dry-run': 'true' } });
    expect(run.stdout).toMatch(
      /dry run: webhook store billing\/openai .* \(holds\) would stop: .*billing\/openai is read-only for keyguard/,
    );
    expect(run.stdout).toMatch(
      /dry run: AWS Secrets Manager us-east-1\/prod\/openai \(field api_key\) \(holds\) would change/,
    );
    expect(aws.calls.filter((c) => c.op === 'PutSecretValue')).toEqual([]);
    expect(events).toEqual([]);
    expectNoWholeKey(run, github, allKeys());
  });

  it('leaves a store that holds another key alone, and says so', async () => {
    const w = leak();
    const other = gen.openaiProject();
    hook.seed('billing/openai', other);
    const run = await sweep(w);
    expect(hook.current('billing/openai')).toBe(other);
    expect(run.stdout).toContain('holds another key');
    expect(github.issues[0]!.body).toContain('holds another key');
    expect(openai.keyState(w.leaked.id)).toBe('deleted');
  });
});

describe('a failure in any one place leaves the leaked key live, and a re-run finishes', () => {
  /** `met`: the fault was met at all (a rule that never fires would make the case pass vacuously). */
  const FAULTS: { place: string; inject: () => void; clear: () => void; met: () => boolean }[] = [
    {
      place: 'the GitHub secret',
      inject: () =>
        github.injectFault({
          method: 'PUT',
          path: /\/secrets\/OPENAI_API_KEY$/,
          times: 100,
          fault: { kind: 'status', status: 500, body: { message: 'Server Error' } },
        }),
      clear: () => github.server.clearFaults(),
      met: () => github.server.requests.some((r) => r.faulted),
    },
    {
      place: 'AWS Secrets Manager',
      inject: () => aws.injectFault({ kind: 'internal' }, { op: 'PutSecretValue', times: 100 }),
      clear: () => aws.clearFaults(),
      met: () => aws.faulted.includes('PutSecretValue'),
    },
    {
      place: 'the webhook store',
      inject: () =>
        // By operation, not by count: every operation is a POST to /store, and "after 3 requests" hit
        // retire (after the leaked key was disabled) instead of the put.
        hook.server.injectFault({
          path: '/store',
          body: /"op":"put"/,
          times: 100,
          fault: { kind: 'status', status: 503, body: { error: 'store is down' } },
        }),
      clear: () => hook.server.clearFaults(),
      met: () => hook.server.requests.some((r) => r.faulted && r.body.includes('"op":"put"')),
    },
  ];

  it.each(FAULTS)('when $place fails', async ({ inject, clear, met }) => {
    const w = leak();
    inject();
    const first = await sweep(w);
    expectLeakedKeptLive(first, { github, openai, events }, w.leaked);
    // Stopped at the write itself, after the replacement was made (not before, in the preflight).
    expect(first.stdout).toContain('rotation stopped at step "store"');
    expect(met()).toBe(true);

    clear();
    // A re-run maps the secrets as they are now: the GitHub secret may hold the first replacement.
    const second = await sweep(w, { env: rerunEnv(github) });
    expect(second.outputs.rotated).toBe('1');
    expectRotated(w);
    expectNoWholeKey(first, github, allKeys());
    expectNoWholeKey(second, github, allKeys());
    expectLeakedNeverSent(w);
  });

  it('writes again a secret the config does not list that got the first replacement', async () => {
    // No `secrets:`: the GitHub secret is found by its env value (the leaked key) and placed by name.
    const w = leak(CONFIG.replace('{WEBHOOK}', hook.url).replace(/ {4}secrets:\n.*\n/, ''));
    aws.injectFault({ kind: 'internal' }, { op: 'PutSecretValue', times: 100 });
    const first = await sweep(w);
    expect(first.outputs.rotated).toBe('0');
    expect(github.secretValue('repo', 'OPENAI_API_KEY')).not.toBe(w.leaked.value);

    aws.clearFaults();
    const second = await sweep(w, { env: rerunEnv(github) });
    expect(second.outputs.rotated).toBe('1');
    expectRotated(w);
  });

  it('stops before anything is made when a place that holds the key cannot be written', async () => {
    const w = leak();
    hook.readOnly.add('billing/openai');
    const run = await sweep(w);
    expect(liveReplacements(openai, w.leaked)).toEqual([]);
    expect(openai.keyState(w.leaked.id)).toBe('active');
    expect(events).toEqual([]);
    expect(run.stdout).toContain('holds the leaked key but cannot be written');
    expect(github.issues[0]!.body).toContain('read-only for keyguard');
  });
});

describe('a store that fails only after the leaked key is disabled', () => {
  it('leaves the rotation done and the retire of the old versions to a human, in the incident', async () => {
    const w = leak();
    // The old case's fault ("503 after 3 requests"): holds, preflight and put succeed, retire fails.
    hook.server.injectFault({
      path: '/store',
      body: /"op":"retire"/,
      times: 100,
      fault: { kind: 'status', status: 503, body: { error: 'store is down' } },
    });
    const run = await sweep(w);
    expectRotated(w);
    expect(run.outputs.rotated).toBe('1');
    const j = journalOf(github, fingerprint(w.leaked.value));
    expect(stepsOf(j)).toContain('retire:failed');
    expect(j.manual.join('\n')).toMatch(
      /Retire the leaked key's versions in webhook store billing\/openai .*by hand/,
    );
    // The version that held the leaked key is no longer current (only not destroyed).
    expect(hook.versions('billing/openai').find((v) => v.value === w.leaked.value)?.current).toBe(false);
    expectNoWholeKey(run, github, allKeys());
  });
});

describe('a key in GitHub and Vault KV v2', () => {
  const VAULT_PATH = 'prod/openai';
  let vault: VaultEmulator;
  let vaultToken: string;

  beforeEach(async () => {
    vault = await startVaultEmulator();
    // The support matrix's policy for `destroy-old: true` (docs/stores.md).
    vaultToken = vault.token({
      'secret/data/prod/openai': ['read', 'update'],
      'secret/metadata/prod/openai': ['read'],
      'secret/destroy/prod/openai': ['update'],
    });
    logRequests(events, vault.server, (r) =>
      r.method === 'POST' && r.path === `/v1/secret/data/${VAULT_PATH}` ? 'put:vault' : undefined,
    );
  });
  afterEach(() => vault.server.stop());

  function leakInVault() {
    const w = leak(
      openaiStoresConfig(
        `{ kind: vault-kv2, path: ${VAULT_PATH}, field: api_key, address: '${vault.baseUrl}', destroy-old: true }`,
      ),
    );
    vault.seed(VAULT_PATH, { api_key: w.leaked.value, org: 'acme' });
    return w;
  }

  const run = (w: ReturnType<typeof leak>, over: Partial<SweepOptions> = {}) =>
    sweep(w, { ...over, env: { VAULT_TOKEN: vaultToken, ...over.env } });

  function expectVaultRotated(w: ReturnType<typeof leak>): void {
    const live = liveReplacements(openai, w.leaked);
    expect(live).toHaveLength(1);
    expect(github.secretValue('repo', 'OPENAI_API_KEY')).toBe(live[0]!.value);
    expect(vault.current(VAULT_PATH)).toEqual({ api_key: live[0]!.value, org: 'acme' });
    expect(openai.keyState(w.leaked.id)).toBe('deleted');
    // destroy-old: no version that held the leaked key keeps its value.
    for (const v of vault.versions(VAULT_PATH).values())
      if (v.data?.api_key === w.leaked.value) expect(v.destroyed).toBe(true);
  }

  it('is replaced in both before the leaked key is disabled, other fields kept', async () => {
    const w = leakInVault();
    const out = await run(w);
    expectVaultRotated(w);
    const disabled = events.findIndex((e) => e.what === 'disable');
    expect(events.findIndex((e) => e.what === 'put:vault')).toBeLessThan(disabled);
    expect(out.outputs.rotated).toBe('1');
    expectNoWholeKey(out, github, [...allKeys(), vaultToken]);
  });

  const FAULTS: { case: string; fault: FaultRule }[] = [
    {
      case: 'Vault answers 500 to the write',
      fault: {
        method: 'POST',
        path: `/v1/secret/data/${VAULT_PATH}`,
        times: 100,
        fault: { kind: 'status', status: 500, body: { errors: ['internal error'] } },
      },
    },
    {
      // holds (read), preflight (read + capabilities-self), then the put's read meets a sealed Vault.
      case: 'Vault answers 503 to every request after the preflight',
      fault: {
        path: /^\/v1\//,
        after: 3,
        times: 100,
        fault: { kind: 'status', status: 503, body: { errors: ['Vault is sealed'] } },
      },
    },
  ];

  it.each(FAULTS)('leaves the leaked key live when $case, and a re-run finishes', async ({ fault }) => {
    const w = leakInVault();
    vault.server.injectFault(fault);
    const first = await run(w);
    expectLeakedKeptLive(first, { github, openai, events }, w.leaked);
    expect(first.stdout).toContain('rotation stopped at step "store"');
    expect(vault.server.requests.some((r) => r.faulted)).toBe(true);
    expect(vault.current(VAULT_PATH)).toEqual({ api_key: w.leaked.value, org: 'acme' });

    vault.server.clearFaults();
    const second = await run(w, { env: rerunEnv(github) });
    expect(second.outputs.rotated).toBe('1');
    expectVaultRotated(w);
    expectNoWholeKey(first, github, [...allKeys(), vaultToken]);
    expectNoWholeKey(second, github, [...allKeys(), vaultToken]);
  });
});
