/**
 * Issue 16 end to end through dist/index.js, for a provider that cannot create keys (Anthropic): a
 * leaked key that lives in a GitHub secret and an in-house store (signed webhook), with no standby key
 * and the input `rotate: rotate`, is NOT disabled: there is no replacement to write, so disabling it
 * would leave both places on a dead key. The run stops before anything changes, naming each place and
 * the way out; a standby key (`ANTHROPIC_API_KEY_NEXT`) or `rotate: disable` lets a re-run go on.
 */
import { fingerprint } from '../../src/scan/secret.js';
import { type AnthropicEmulator, startAnthropicEmulator } from '../emulators/anthropic.js';
import type { GitHubEmulator } from '../emulators/github.js';
import { StoreWebhookReceiver } from '../emulators/store-webhook.js';
import { KeyGen } from '../helpers/keygen.js';
import type { RunResult, TestRepo } from './harness.js';
import {
  expectNoWholeKey,
  GITHUB_TOKENS,
  journalOf,
  leakRepo,
  runOver,
  type SweepOptions,
  startGitHub,
} from './helpers/world.js';

const STORE = 'billing/anthropic';
const CONFIG = `rotation:
  anthropic:
    env: prod
    purpose: app
    secrets:
      - { name: ANTHROPIC_API_KEY }
    stores:
      - { kind: webhook, url: '{WEBHOOK}', name: ${STORE}, secret-env: STORE_WEBHOOK_KEY }
`;

const gen = new KeyGen(1619);
const HMAC_KEY = `whk-${gen.alnum(32)}`;

let github: GitHubEmulator;
let anthropic: AnthropicEmulator;
let hook: StoreWebhookReceiver;
let repo: TestRepo | undefined;

beforeEach(async () => {
  github = await startGitHub();
  anthropic = await startAnthropicEmulator();
  hook = new StoreWebhookReceiver(HMAC_KEY);
  await hook.start();
});
afterEach(async () => {
  repo?.cleanup();
  repo = undefined;
  await Promise.all([github.stop(), anthropic.stop(), hook.stop()]);
});

function leak() {
  const leaked = anthropic.addKey({ name: 'prod' });
  const admin = anthropic.addAdminKey();
  github.setSecret('repo', 'ANTHROPIC_API_KEY', leaked.value);
  hook.seed(STORE, leaked.value);
  repo = leakRepo(leaked.value, {
    variable: 'ANTHROPIC_API_KEY',
    config: CONFIG.replace('{WEBHOOK}', hook.url),
  });
  return { leaked, admin };
}

function sweep(w: ReturnType<typeof leak>, over: Partial<SweepOptions> = {}): Promise<RunResult> {
  const base: SweepOptions = {
    repo: repo!,
    github,
    inputs: { 'anthropic-base-url': anthropic.baseUrl, 'anthropic-admin-key': w.admin },
    env: { ANTHROPIC_API_KEY: w.leaked.value, STORE_WEBHOOK_KEY: HMAC_KEY },
  };
  return runOver(base, over);
}

const tokens = (w: ReturnType<typeof leak>, ...more: string[]) => [
  w.leaked.value,
  w.admin,
  HMAC_KEY,
  ...GITHUB_TOKENS,
  ...more,
];

describe('a provider that cannot create keys, with no standby key', () => {
  it('does not disable the leaked key while a store and a secret hold it, and says why in the incident', async () => {
    const w = leak();
    const run = await sweep(w, { inputs: { rotate: 'rotate' } });
    expect(run.outputs).toMatchObject({ rotated: '0', disabled: '0' });
    expect(anthropic.keys.get(w.leaked.id)?.status).toBe('active');
    expect(hook.current(STORE)).toBe(w.leaked.value);
    expect(github.secretValue('repo', 'ANTHROPIC_API_KEY')).toBe(w.leaked.value);
    expect(run.stdout).toContain('refusing to disable the leaked key');
    expect(run.stdout).toContain('webhook store');
    expect(run.stdout).toContain('`ANTHROPIC_API_KEY_NEXT`');
    const j = journalOf(github, fingerprint(w.leaked.value));
    expect(j.status).toBe('failed');
    const reason = j.manual.find((m) => m.startsWith('keyguard did not disable the leaked key'))!;
    expect(reason).toContain('repository secret ANTHROPIC_API_KEY (proven)');
    expect(reason).toContain(`${STORE}`);
    expect(reason).toContain('`rotate: disable`');
    expectNoWholeKey(run, github, tokens(w));
  });

  it('promotes a standby key into the store and the secret on a re-run, then disables the leaked key', async () => {
    const w = leak();
    await sweep(w, { inputs: { rotate: 'rotate' } });
    const standby = anthropic.addKey({ name: 'prod-next' });
    const run = await sweep(w, {
      inputs: { rotate: 'rotate' },
      env: { ANTHROPIC_API_KEY_NEXT: standby.value, GITHUB_RUN_ID: '4244' },
    });
    expect(run.outputs).toMatchObject({ rotated: '1', disabled: '1' });
    expect(hook.current(STORE)).toBe(standby.value);
    expect(github.secretValue('repo', 'ANTHROPIC_API_KEY')).toBe(standby.value);
    expect(anthropic.keys.get(w.leaked.id)?.status).toBe('inactive');
    expectNoWholeKey(run, github, tokens(w, standby.value));
  });

  it('with rotate: disable accepts the outage, and the by-hand runbook names the store', async () => {
    const w = leak();
    const run = await sweep(w, { inputs: { rotate: 'disable' } });
    expect(run.outputs).toMatchObject({ disabled: '1' });
    expect(anthropic.keys.get(w.leaked.id)?.status).toBe('inactive');
    const j = journalOf(github, fingerprint(w.leaked.value));
    expect(j.status).toBe('contained');
    const byHand = j.manual.find((m) => m.startsWith('Create a replacement key by hand'))!;
    expect(byHand).toContain('gh secret set ANTHROPIC_API_KEY');
    expect(byHand).toContain(STORE);
    expectNoWholeKey(run, github, tokens(w));
  });
});
