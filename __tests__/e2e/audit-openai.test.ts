/**
 * After the bundled action disables a leaked OpenAI key, it audits the key's last 7×24 h (Usage API
 * and Audit Logs on the emulator) and comments the audit on the incident.
 */
import { fingerprint } from '../../src/scan/secret.js';
import type { GitHubEmulator } from '../emulators/github.js';
import { type OpenAIEmulator, startOpenAIEmulator } from '../emulators/openai.js';
import type { TestRepo } from './harness.js';
import {
  expectNoWholeKey,
  GITHUB_TOKENS,
  journalOf,
  leakRepo,
  newOpenAILeak,
  runKeyguard,
  startGitHub,
} from './helpers/world.js';

const CONFIG = 'rotation:\n  openai:\n    secrets:\n      - { name: OPENAI_API_KEY }\n';
const HOUR = 3600;

let github: GitHubEmulator;
let openai: OpenAIEmulator;
let repo: TestRepo | undefined;
beforeEach(async () => {
  github = await startGitHub();
  openai = await startOpenAIEmulator();
});
afterEach(async () => {
  repo?.cleanup();
  repo = undefined;
  await Promise.all([github.stop(), openai.stop()]);
});

/** A leaked key with a week of usage and a management event from an address outside the allow list. */
function seededLeak() {
  const { project, leaked, admin } = newOpenAILeak(openai);
  const now = Math.floor(Date.now() / 1000);
  for (let h = 70; h >= 2; h -= 6) {
    openai.seedUsage({ apiKeyId: leaked.id, time: now - h * HOUR, requests: 3, inputTokens: 1200 });
  }
  // A burst the day before the rotation: what an abuser would look like.
  openai.seedUsage({ apiKeyId: leaked.id, time: now - 20 * HOUR, requests: 400, model: 'gpt-4o' });
  openai.seedAuditLog({
    type: 'api_key.updated',
    effective_at: now - 30 * HOUR,
    project: { id: project.id, name: project.name },
    actor: {
      type: 'session',
      session: {
        user: { id: 'user_x', email: 'x@example.com' },
        ip_address: '198.51.100.23',
      },
    },
    'api_key.updated': { id: leaked.id, changes_requested: { scopes: ['api.model.request'] } },
  });
  github.setSecret('repo', 'OPENAI_API_KEY', leaked.value);
  repo = leakRepo(leaked.value, { config: CONFIG });
  return { leaked, admin };
}

function sweep(w: ReturnType<typeof seededLeak>, inputs: Record<string, string> = {}) {
  return runKeyguard({
    repo: repo!,
    github,
    inputs: {
      'openai-base-url': openai.apiBase,
      'openai-admin-key': w.admin.value,
      'allowed-ips': '10.0.0.0/8',
      ...inputs,
    },
    env: { OPENAI_API_KEY: w.leaked.value },
  });
}

it('comments an audit with a verdict, tables and a mermaid chart on the incident, and no whole key', async () => {
  const w = seededLeak();
  const run = await sweep(w);

  expect(run.outputs).toMatchObject({ rotated: '1', disabled: '1' });
  expect(journalOf(github, fingerprint(w.leaked.value)).status).toBe('rotated');
  const issue = github.issues[0]!;
  const audit = issue.comments.find((c) => c.body.includes('**Verdict:**'));
  expect(audit).toBeDefined();
  const body = audit!.body;
  expect(body).toMatch(/\n\|.*\|\n\|\s*-+/); // a markdown table
  expect(body).toContain('```mermaid');
  expect(body).toContain('xychart-beta');
  expect(body).toContain('198.51.100.23');
  // The audit-log schema gives no actor a user agent: the gaps say so instead of showing none.
  expect(body).toContain('no user agent for any action');
  // keyguard's own delete of the key, a moment before the audit, is in the window too.
  expect(body).toContain('`api_key.deleted`');
  // The audit reads usage for the leaked key's id only, over the week before now.
  const usage = openai.requestsTo('GET', /\/v1\/organization\/usage\//);
  expect(usage.length).toBeGreaterThan(0);
  for (const r of usage) expect(r.query).toContain(`api_key_ids=${w.leaked.id}`);
  const keys = [...openai.keys.values()].map((k) => k.value);
  expectNoWholeKey(run, github, [...keys, w.admin.value, ...GITHUB_TOKENS]);
});

it('adds no audit comment when the audit input is false', async () => {
  const w = seededLeak();
  const run = await sweep(w, { audit: 'false' });
  expect(run.outputs).toMatchObject({ rotated: '1', disabled: '1' });
  expect(github.issues[0]!.comments.some((c) => c.body.includes('**Verdict:**'))).toBe(false);
  expect(openai.requestsTo('GET', /\/v1\/organization\/usage\//)).toEqual([]);
});
