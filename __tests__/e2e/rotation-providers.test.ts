/**
 * The bundled action against the other providers' emulators: OpenRouter and LiteLLM make the
 * replacement, Anthropic promotes a standby key, DeepSeek (no key API) stays an open, failing incident.
 */
import { fingerprint } from '../../src/scan/secret.js';
import { type AnthropicEmulator, startAnthropicEmulator } from '../emulators/anthropic.js';
import { DeepSeekEmulator } from '../emulators/deepseek.js';
import type { GitHubEmulator } from '../emulators/github.js';
import { LiteLLMEmulator } from '../emulators/litellm.js';
import { OpenRouterEmulator, sha256Hex } from '../emulators/openrouter.js';
import { WebhookReceiver } from '../emulators/webhook.js';
import type { TestRepo } from './harness.js';
import {
  expectNoWholeKey,
  GITHUB_TOKENS,
  ISSUES_TOKEN,
  journalOf,
  leakRepo,
  runKeyguard,
  startGitHub,
  stepsOf,
} from './helpers/world.js';

const secretsConfig = (provider: string, name: string) =>
  `rotation:\n  ${provider}:\n    env: prod\n    purpose: app\n    secrets:\n      - { name: ${name} }\n`;

let github: GitHubEmulator;
let repo: TestRepo | undefined;
const stops: (() => Promise<void>)[] = [];
beforeEach(async () => {
  github = await startGitHub();
});
afterEach(async () => {
  repo?.cleanup();
  repo = undefined;
  await Promise.all([github.stop(), ...stops.splice(0).map((s) => s())]);
});

describe('OpenRouter', () => {
  it('creates a replacement with the management key, stores it and disables the leaked key', async () => {
    const openrouter = new OpenRouterEmulator();
    await openrouter.start();
    stops.push(() => openrouter.stop());
    const leaked = openrouter.seedKey({ name: 'prod' });
    const management = openrouter.seedManagementKey();
    github.setSecret('repo', 'OPENROUTER_API_KEY', leaked);
    repo = leakRepo(leaked, {
      variable: 'OPENROUTER_API_KEY',
      config: secretsConfig('openrouter', 'OPENROUTER_API_KEY'),
    });
    const run = await runKeyguard({
      repo,
      github,
      inputs: { 'openrouter-base-url': openrouter.baseUrl, 'openrouter-management-key': management },
      env: { OPENROUTER_API_KEY: leaked },
    });

    expect(run.outputs).toMatchObject({ live: '0', rotated: '1', disabled: '1' });
    const stored = github.secretValue('repo', 'OPENROUTER_API_KEY')!;
    expect(stored).not.toBe(leaked);
    const replacement = openrouter.keys.get(sha256Hex(stored));
    expect(replacement).toMatchObject({ disabled: false, name: expect.stringMatching(/^prod-app-\d{8}$/) });
    const old = openrouter.keys.get(sha256Hex(leaked));
    expect(old === undefined || old.disabled).toBe(true);
    expect(journalOf(github, fingerprint(leaked)).status).toBe('rotated');
    expectNoWholeKey(run, github, [leaked, stored, management, ...GITHUB_TOKENS]);
  });
});

describe('LiteLLM', () => {
  it('generates a virtual key with the master key, stores it and blocks the leaked one', async () => {
    const litellm = new LiteLLMEmulator();
    await litellm.start();
    stops.push(() => litellm.stop());
    const leaked = litellm.seedKey({ key_alias: 'prod-app' });
    github.setSecret('repo', 'LITELLM_API_KEY', leaked);
    repo = leakRepo(leaked, {
      variable: 'LITELLM_API_KEY',
      config: secretsConfig('litellm', 'LITELLM_API_KEY'),
    });
    const run = await runKeyguard({
      repo,
      github,
      inputs: { 'litellm-base-url': litellm.baseUrl, 'litellm-master-key': litellm.masterKey },
      env: { LITELLM_API_KEY: leaked },
    });

    expect(run.outputs).toMatchObject({ live: '0', rotated: '1', disabled: '1' });
    const stored = github.secretValue('repo', 'LITELLM_API_KEY')!;
    expect(stored).not.toBe(leaked);
    const replacement = litellm.tokens.get(litellm.tokenOf(stored));
    expect(replacement?.blocked).not.toBe(true);
    const old = litellm.tokens.get(litellm.tokenOf(leaked));
    expect(old === undefined || old.blocked === true).toBe(true);
    expect(journalOf(github, fingerprint(leaked)).status).toBe('rotated');
    expectNoWholeKey(run, github, [leaked, stored, litellm.masterKey, ...GITHUB_TOKENS]);
  });
});

describe('Anthropic', () => {
  let anthropic: AnthropicEmulator;
  beforeEach(async () => {
    anthropic = await startAnthropicEmulator();
    stops.push(() => anthropic.stop());
  });

  it('promotes the ANTHROPIC_API_KEY_NEXT standby and sets the leaked key inactive', async () => {
    const leaked = anthropic.addKey({ name: 'prod' });
    const standby = anthropic.addKey({ name: 'prod-next' });
    const admin = anthropic.addAdminKey();
    github.setSecret('repo', 'ANTHROPIC_API_KEY', leaked.value);
    github.setSecret('repo', 'ANTHROPIC_API_KEY_NEXT', standby.value);
    repo = leakRepo(leaked.value, {
      variable: 'ANTHROPIC_API_KEY',
      config: secretsConfig('anthropic', 'ANTHROPIC_API_KEY'),
    });
    const run = await runKeyguard({
      repo,
      github,
      inputs: { 'anthropic-base-url': anthropic.baseUrl, 'anthropic-admin-key': admin },
      env: { ANTHROPIC_API_KEY: leaked.value, ANTHROPIC_API_KEY_NEXT: standby.value },
    });

    expect(run.outputs).toMatchObject({ live: '0', rotated: '1', disabled: '1' });
    expect(github.secretValue('repo', 'ANTHROPIC_API_KEY')).toBe(standby.value);
    expect(anthropic.keys.get(leaked.id)?.status).toBe('inactive');
    expect(anthropic.keys.get(standby.id)?.status).toBe('active');
    const j = journalOf(github, fingerprint(leaked.value));
    expect(j).toMatchObject({ status: 'rotated', strategy: 'standby' });
    expect(j.manual.join('\n')).toContain('ANTHROPIC_API_KEY_NEXT');
    expectNoWholeKey(run, github, [leaked.value, standby.value, admin, ...GITHUB_TOKENS]);
  });
});

describe('DeepSeek (no key API)', () => {
  let deepseek: DeepSeekEmulator;
  let leaked: string;
  beforeEach(async () => {
    deepseek = new DeepSeekEmulator();
    await deepseek.start();
    stops.push(() => deepseek.stop());
    leaked = deepseek.seedKey();
    github.setSecret('repo', 'DEEPSEEK_API_KEY', leaked);
    repo = leakRepo(leaked, {
      variable: 'DEEPSEEK_API_KEY',
      config: secretsConfig('deepseek', 'DEEPSEEK_API_KEY'),
    });
  });

  const sweep = (failOn: string) =>
    runKeyguard({
      repo: repo!,
      github,
      // The shape is shared with DashScope: point it at the emulator too, never at the internet.
      inputs: {
        'deepseek-base-url': deepseek.baseUrl,
        'dashscope-base-url': deepseek.baseUrl,
        'fail-on': failOn,
      },
      env: { DEEPSEEK_API_KEY: leaked },
    });

  it('opens an incident with the console runbook, disables nothing and fails the step', async () => {
    const run = await sweep('live');
    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ live: '1', rotated: '0', disabled: '0' });
    expect(run.stdout).toContain('STILL LIVE: DeepSeek still accepts the leaked key');
    const issue = github.issues[0]!;
    expect(issue.body).toContain('platform.deepseek.com');
    const j = journalOf(github, fingerprint(leaked));
    expect(j.status).toBe('still-live');
    expect(stepsOf(j)).toContain('disable:skipped');
    expect(github.secretValue('repo', 'DEEPSEEK_API_KEY')).toBe(leaked);
    expectNoWholeKey(run, github, [leaked, ...GITHUB_TOKENS]);
  });

  it('keeps failing on later sweeps while DeepSeek accepts the key, and passes once it is revoked', async () => {
    await sweep('live');
    const again = await sweep('live');
    expect(again.code).toBe(1);
    expect(again.outputs).toMatchObject({ live: '1', disabled: '0' });
    expect(github.issues).toHaveLength(1);
    expectNoWholeKey(again, github, [leaked, ...GITHUB_TOKENS]);

    deepseek.revoke(leaked);
    const revoked = await sweep('live');
    expect(revoked.outputs).toMatchObject({ live: '0', 'new-findings': '1' });
    expect(revoked.code).toBe(0);
    // A revoked key still in the history is still a leak finding (fail-on any) until it is
    // purged from the history or baselined.
    // The incident follows: contained now, and open while the key is still in HEAD.
    expect(journalOf(github, fingerprint(leaked)).status).toBe('contained');
    expect(github.issues[0]!.state).toBe('open');
    expect(revoked.outputs).toMatchObject({ disabled: '0' });
    expect(revoked.summary).toContain('incident moved to contained');
    expectNoWholeKey(revoked, github, [leaked, ...GITHUB_TOKENS]);
    const strict = await sweep('any');
    expect(strict.code).toBe(1);
    expectNoWholeKey(strict, github, [leaked, ...GITHUB_TOKENS]);

    // Out of HEAD (history only) and revoked: the incident is resolved and closed.
    repo!.commit('drop the key', {
      'app/settings.py': 'import os\n\nDEEPSEEK_API_KEY = os.environ["DEEPSEEK_API_KEY"]\n',
    });
    const removed = await sweep('live');
    expect(removed.code).toBe(0);
    expect(github.issues[0]!.state).toBe('closed');
    expectNoWholeKey(removed, github, [leaked, ...GITHUB_TOKENS]);
  });
});

describe('a revoked key with no incident', () => {
  let deepseek: DeepSeekEmulator;
  beforeEach(async () => {
    deepseek = new DeepSeekEmulator();
    await deepseek.start();
    stops.push(() => deepseek.stop());
  });

  const sweepRevoked = (githubToken: string) => {
    const leaked = deepseek.seedKey();
    deepseek.revoke(leaked);
    repo = leakRepo(leaked, { variable: 'DEEPSEEK_API_KEY' });
    return runKeyguard({
      repo,
      github,
      inputs: {
        'deepseek-base-url': deepseek.baseUrl,
        'dashscope-base-url': deepseek.baseUrl,
        'github-token': githubToken,
      },
    }).then((run) => ({ run, leaked }));
  };

  it('opens no incident and changes nothing', async () => {
    const { run, leaked } = await sweepRevoked(ISSUES_TOKEN);
    expect(run.code).toBe(1); // fail-on any: still a leak in the code
    expect(run.outputs).toMatchObject({ live: '0', rotated: '0', disabled: '0', incident: '' });
    expect(github.issues).toEqual([]);
    // Writes only: the GraphQL viewer query (who keyguard is) reads.
    expect(github.requests.filter((r) => r.method !== 'GET' && r.path !== '/graphql')).toEqual([]);
    expectNoWholeKey(run, github, [leaked, ...GITHUB_TOKENS]);
  });

  it('says once that incidents were not checked when the token cannot read issues', async () => {
    github.addToken('ghs_contentsreadonly0000', {});
    const { run, leaked } = await sweepRevoked('ghs_contentsreadonly0000');
    expect(run.code).toBe(1);
    expect(run.stdout.match(/incidents of revoked keys not checked/g)).toHaveLength(1);
    expectNoWholeKey(run, github, [leaked, ...GITHUB_TOKENS]);
  });
});

describe('webhook (in-house key service)', () => {
  it('rotates an in-house key through the signed webhook on a max-key-age sweep', async () => {
    const hmac = `whsec-${'k'.repeat(8)}-${Date.now()}`;
    const receiver = new WebhookReceiver(hmac);
    await receiver.start();
    stops.push(() => receiver.stop());
    const current = `acme_${Math.random().toString(36).slice(2)}${Math.random().toString(36).slice(2)}`;
    github.setSecret('repo', 'ACME_API_KEY', current);
    github.setSecretUpdatedAt('repo', 'ACME_API_KEY', '2026-01-01T00:00:00Z');
    repo = leakRepo('nothing here', {
      config: [
        'providers:',
        '  acme-keys:',
        '    type: webhook',
        `    createUrl: ${receiver.baseUrl}/create`,
        `    disableUrl: ${receiver.baseUrl}/disable`,
        '    secretEnv: ACME_WEBHOOK_SECRET',
        'rotation:',
        '  acme-keys:',
        '    env: prod',
        '    purpose: billing',
        '    secrets:',
        '      - { name: ACME_API_KEY }',
        '',
      ].join('\n'),
    });
    const run = await runKeyguard({
      repo,
      github,
      inputs: { 'max-key-age': '30' },
      env: { ACME_API_KEY: current, ACME_WEBHOOK_SECRET: hmac },
    });
    expect(receiver.rejected).toBe(0);
    expect(receiver.accepted.map((c) => c.action)).toEqual(['create', 'disable']);
    const stored = github.secretValue('repo', 'ACME_API_KEY')!;
    expect(stored).not.toBe(current);
    // The receiver never gets the key itself: only its fingerprint and redacted form.
    expect(JSON.stringify(receiver.accepted)).not.toContain(current);
    expect(receiver.accepted[1]!.keyRef).toMatchObject({ id: fingerprint(current) });
    expect(run.outputs).toMatchObject({ rotated: '1', disabled: '1' });
    expect(run.code).toBe(0);
    // keyguard cannot verify in-house keys: the journal says the receiver's word is the evidence.
    const j = journalOf(github, fingerprint(current));
    expect(j.status).toBe('rotated');
    expect(j.leakedVerification?.detail).toContain('not checked by keyguard');
    expectNoWholeKey(run, github, [current, stored, hmac, ...GITHUB_TOKENS]);
  });
});
