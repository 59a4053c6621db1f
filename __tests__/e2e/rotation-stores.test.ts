/**
 * Issue 16 end to end through dist/index.js: a leaked OpenAI key that lives in a GitHub secret, AWS
 * Secrets Manager (JSON secret, one field), and an in-house store behind the signed webhook protocol
 * at once is replaced in every place before the leaked key is disabled; a failure in any one place
 * leaves the leaked key live and a re-run finishes the job with one live replacement; no whole key
 * reaches any output, and the leaked key never travels to any store.
 */
import { fingerprint } from '../../src/scan/secret.js';
import { type AccessKey, SecretsManagerEmulator } from '../emulators/aws-secrets-manager.js';
import type { GitHubEmulator } from '../emulators/github.js';
import { type OpenAIEmulator, type OpenAIKeyRecord, startOpenAIEmulator } from '../emulators/openai.js';
import type { FaultRule, RecordedRequest } from '../emulators/server.js';
import { StoreWebhookReceiver } from '../emulators/store-webhook.js';
import { startVaultEmulator, type VaultEmulator } from '../emulators/vault.js';
import { KeyGen } from '../helpers/keygen.js';
import type { RunResult, TestRepo } from './harness.js';
import {
  expectNoWholeKey,
  ISSUES_TOKEN,
  journalOf,
  leakRepo,
  runKeyguard,
  SECRETS_TOKEN,
  type SweepOptions,
  startGitHub,
  stepsOf,
  watchRequests,
} from './helpers/world.js';

const AWS_NAME = 'prod/openai';
const AWS_ACTIONS = [
  'secretsmanager:DescribeSecret',
  'secretsmanager:GetSecretValue',
  'secretsmanager:PutSecretValue',
  'secretsmanager:ListSecretVersionIds',
  'secretsmanager:UpdateSecretVersionStage',
];
const CONFIG = `rotation:
  openai:
    env: prod
    purpose: chat-api
    secrets:
      - { name: OPENAI_API_KEY }
    stores:
      - { kind: aws-secrets-manager, name: ${AWS_NAME}, field: api_key, region: us-east-1, write-probe: false }
      - { kind: webhook, url: '{WEBHOOK}', name: billing/openai, secret-env: STORE_WEBHOOK_KEY }
`;

const gen = new KeyGen(1616);
const HMAC_KEY = `whk-${gen.alnum(32)}`;

let github: GitHubEmulator;
let openai: OpenAIEmulator;
let aws: SecretsManagerEmulator;
let hook: StoreWebhookReceiver;
let awsKey: AccessKey;
let repo: TestRepo | undefined;
/** Every write to a place, and the leaked key's disable, in the order the emulators saw them. */
let events: { what: string; at: number }[];

beforeEach(async () => {
  github = await startGitHub();
  openai = await startOpenAIEmulator();
  aws = new SecretsManagerEmulator({ region: 'us-east-1' });
  await aws.start();
  hook = new StoreWebhookReceiver(HMAC_KEY);
  await hook.start();
  awsKey = {
    accessKeyId: `KGEMU${gen.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 15)}`,
    secretAccessKey: gen.b64url(40),
    allow: new Set(AWS_ACTIONS),
  };
  aws.addAccessKey(awsKey);
  events = [];
  const record = (what: (r: RecordedRequest) => string | undefined) => (r: RecordedRequest, at: number) => {
    const w = what(r);
    if (w) events.push({ what: w, at });
  };
  watchRequests(
    github.server,
    record((r) => (r.method === 'PUT' && /\/secrets\/[A-Z_]+$/.test(r.path) ? 'put:github' : undefined)),
  );
  watchRequests(
    aws.server,
    record((r) => (String(r.headers['x-amz-target']).endsWith('.PutSecretValue') ? 'put:aws' : undefined)),
  );
  watchRequests(
    hook.server,
    record((r) => (r.body.includes('"op":"put"') ? 'put:webhook' : undefined)),
  );
});
afterEach(async () => {
  repo?.cleanup();
  repo = undefined;
  await Promise.all([github.stop(), openai.stop(), aws.stop(), hook.stop()]);
});

/** A leaked key in the GitHub secret, AWS and the webhook store (or the places `config` lists). */
function leak(config = CONFIG.replace('{WEBHOOK}', hook.url)) {
  const project = openai.addProject('prod');
  const leaked = openai.addKey({ projectId: project.id });
  const admin = openai.addAdminKey();
  github.setSecret('repo', 'OPENAI_API_KEY', leaked.value);
  aws.seed(AWS_NAME, [JSON.stringify({ api_key: leaked.value, org: 'acme', timeout: 30 })]);
  hook.seed('billing/openai', leaked.value);
  repo = leakRepo(leaked.value, { config });
  watchRequests(openai.server, (r, at) => {
    if (r.method === 'DELETE' && r.path.endsWith(`/api_keys/${leaked.id}`))
      events.push({ what: 'disable', at });
  });
  return { project, leaked, admin };
}

function sweep(w: ReturnType<typeof leak>, over: Partial<SweepOptions> = {}): Promise<RunResult> {
  return runKeyguard({
    repo: repo!,
    github,
    ...over,
    inputs: { 'openai-base-url': openai.apiBase, 'openai-admin-key': w.admin.value, ...over.inputs },
    env: {
      OPENAI_API_KEY: w.leaked.value,
      AWS_ACCESS_KEY_ID: awsKey.accessKeyId,
      AWS_SECRET_ACCESS_KEY: awsKey.secretAccessKey,
      AWS_REGION: 'us-east-1',
      AWS_ENDPOINT_URL_SECRETS_MANAGER: aws.endpoint,
      AWS_EC2_METADATA_DISABLED: 'true',
      STORE_WEBHOOK_KEY: HMAC_KEY,
      ...over.env,
    },
  });
}

function awsCurrent(): Record<string, unknown> {
  return JSON.parse(aws.versionWith(AWS_NAME, 'AWSCURRENT')!.secretString!);
}

function liveReplacements(leaked: OpenAIKeyRecord): OpenAIKeyRecord[] {
  return [...openai.keys.values()].filter(
    (k) => k.id !== leaked.id && k.ownerType === 'service_account' && !k.deleted,
  );
}

/** One live replacement, in every place; the leaked key deleted; the AWS secret's other fields kept. */
function expectRotated(w: ReturnType<typeof leak>): OpenAIKeyRecord {
  const live = liveReplacements(w.leaked);
  expect(live).toHaveLength(1);
  const value = live[0]!.value;
  expect(github.secretValue('repo', 'OPENAI_API_KEY')).toBe(value);
  expect(awsCurrent()).toEqual({ api_key: value, org: 'acme', timeout: 30 });
  expect(hook.current('billing/openai')).toBe(value);
  expect(openai.keyState(w.leaked.id)).toBe('deleted');
  return live[0]!;
}

function allKeys(): string[] {
  return [
    ...[...openai.keys.values()].map((k) => k.value),
    ...[...openai.adminKeys.values()].map((k) => k.value),
    ISSUES_TOKEN,
    SECRETS_TOKEN,
    awsKey.secretAccessKey,
    HMAC_KEY,
  ];
}

/** The leaked key never travels to a store: not in any request an emulator received. */
function expectLeakedNeverSent(w: ReturnType<typeof leak>): void {
  for (const r of [...aws.server.requests, ...hook.server.requests, ...github.server.requests])
    expect(`${r.path}?${r.query} ${JSON.stringify(r.headers)} ${r.body}`).not.toContain(w.leaked.value);
}

describe('a key in GitHub, AWS Secrets Manager and a webhook store at once', () => {
  it('is replaced in all three before the leaked key is disabled', async () => {
    const w = leak();
    const started = Date.now();
    // Production waits (no KEYGUARD_RETRY_SCALE): the time measured is what a runner would see.
    const run = await sweep(w, { env: { KEYGUARD_RETRY_SCALE: '' } });
    const disabled = events.find((e) => e.what === 'disable');

    expectRotated(w);
    expect(disabled).toBeDefined();
    for (const place of ['put:github', 'put:aws', 'put:webhook']) {
      const put = events.find((e) => e.what === place);
      expect({ place, before: put !== undefined && events.indexOf(put) < events.indexOf(disabled!) }).toEqual(
        {
          place,
          before: true,
        },
      );
    }
    expect(run.outputs).toMatchObject({ rotated: '1', disabled: '1', live: '0' });
    const j = journalOf(github, fingerprint(w.leaked.value));
    expect(j.status).toBe('rotated');
    expect(j.targetsDone).toEqual([
      'repo:OPENAI_API_KEY',
      'aws:us-east-1:prod/openai#api_key',
      expect.stringMatching(/^webhook:127\.0\.0\.1:\d+:billing\/openai$/),
    ]);
    expect(stepsOf(j)).toContain('retire:done');
    // No version holding the leaked key stays current or pending at AWS.
    for (const v of aws.secrets.get(AWS_NAME)!.versions.values())
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
      `e2e: three places (GitHub, AWS, webhook): process start to leaked key disabled: ${disabled!.at - started} ms\n`,
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
    expect(first.outputs.rotated).toBe('0');
    // Stopped at the write itself, after the replacement was made (not before, in the preflight).
    expect(first.stdout).toContain('rotation stopped at step "store"');
    expect(met()).toBe(true);
    expect(openai.keyState(w.leaked.id)).toBe('active');
    expect(events.some((e) => e.what === 'disable')).toBe(false);
    expect(journalOf(github, fingerprint(w.leaked.value)).status).toBe('failed');

    clear();
    // A re-run maps the secrets as they are now: the GitHub secret may hold the first replacement.
    const second = await sweep(w, {
      env: { GITHUB_RUN_ID: '4243', OPENAI_API_KEY: github.secretValue('repo', 'OPENAI_API_KEY')! },
    });
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
    const second = await sweep(w, {
      env: { GITHUB_RUN_ID: '4243', OPENAI_API_KEY: github.secretValue('repo', 'OPENAI_API_KEY')! },
    });
    expect(second.outputs.rotated).toBe('1');
    expectRotated(w);
  });

  it('stops before anything is made when a place that holds the key cannot be written', async () => {
    const w = leak();
    hook.readOnly.add('billing/openai');
    const run = await sweep(w);
    expect(liveReplacements(w.leaked)).toEqual([]);
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
    watchRequests(vault.server, (r, at) => {
      if (r.method === 'POST' && r.path === `/v1/secret/data/${VAULT_PATH}`)
        events.push({ what: 'put:vault', at });
    });
  });
  afterEach(() => vault.server.stop());

  function leakInVault() {
    const config = `rotation:
  openai:
    env: prod
    purpose: chat-api
    secrets:
      - { name: OPENAI_API_KEY }
    stores:
      - { kind: vault-kv2, path: ${VAULT_PATH}, field: api_key, address: '${vault.baseUrl}', destroy-old: true }
`;
    const w = leak(config);
    vault.seed(VAULT_PATH, { api_key: w.leaked.value, org: 'acme' });
    return w;
  }

  const run = (w: ReturnType<typeof leak>, over: Partial<SweepOptions> = {}) =>
    sweep(w, { ...over, env: { VAULT_TOKEN: vaultToken, ...over.env } });

  function expectVaultRotated(w: ReturnType<typeof leak>): void {
    const live = liveReplacements(w.leaked);
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
    expect(first.outputs.rotated).toBe('0');
    expect(first.stdout).toContain('rotation stopped at step "store"');
    expect(vault.server.requests.some((r) => r.faulted)).toBe(true);
    expect(openai.keyState(w.leaked.id)).toBe('active');
    expect(events.some((e) => e.what === 'disable')).toBe(false);
    expect(vault.current(VAULT_PATH)).toEqual({ api_key: w.leaked.value, org: 'acme' });
    expect(journalOf(github, fingerprint(w.leaked.value)).status).toBe('failed');

    vault.server.clearFaults();
    const second = await run(w, {
      env: { GITHUB_RUN_ID: '4243', OPENAI_API_KEY: github.secretValue('repo', 'OPENAI_API_KEY')! },
    });
    expect(second.outputs.rotated).toBe('1');
    expectVaultRotated(w);
    expectNoWholeKey(first, github, [...allKeys(), vaultToken]);
    expectNoWholeKey(second, github, [...allKeys(), vaultToken]);
  });
});
