/**
 * Shared world for the e2e rotation and audit tests: a GitHub emulator with two tokens (the
 * workflow's GITHUB_TOKEN, which cannot write secrets, and a PAT that can), a git repository with a
 * leaked key committed, and a runner for `dist/index.js` that wires the emulators in as inputs.
 */

import { type Journal, parseJournal } from '../../../src/incident/journal.js';
import { redact } from '../../../src/scan/secret.js';
import {
  FULL_PERMISSIONS,
  GITHUB_TOKEN_PERMISSIONS,
  type GitHubEmulator,
  startGitHubEmulator,
} from '../../emulators/github.js';
import type { OpenAIEmulator, OpenAIKeyRecord } from '../../emulators/openai.js';
import type { EmulatorServer, RecordedRequest } from '../../emulators/server.js';
import { type ActionRun, leakedIn, type RunResult, runAction, TestRepo } from '../harness.js';

/** Not key-shaped: GitHub tokens here are plain words the emulator knows. */
export const ISSUES_TOKEN = 'ghs_workflowtoken0000issuesonly';
export const SECRETS_TOKEN = 'github_pat_secretswriter0000full';
/** Both GitHub tokens, for the lists of what no output may show whole. */
export const GITHUB_TOKENS = [ISSUES_TOKEN, SECRETS_TOKEN];

export async function startGitHub(): Promise<GitHubEmulator> {
  return startGitHubEmulator({
    owner: 'acme',
    repo: 'app',
    orgs: ['acme'],
    environments: ['prod'],
    tokens: { [ISSUES_TOKEN]: GITHUB_TOKEN_PERMISSIONS, [SECRETS_TOKEN]: FULL_PERMISSIONS },
  });
}

/** A repository whose history holds `key` in `file` (a Python settings module by default). */
export function leakRepo(
  key: string,
  opts: { config?: string; file?: string; variable?: string } = {},
): TestRepo {
  const repo = new TestRepo('kg-e2e-');
  const file = opts.file ?? 'app/settings.py';
  const files: Record<string, string> = {
    'README.md': '# app\n',
    [file]: `import os\n\n${opts.variable ?? 'OPENAI_API_KEY'} = "${key}"\nTIMEOUT = 30\n`,
  };
  if (opts.config) files['.keyguard.yml'] = opts.config;
  repo.commit('add settings', files);
  return repo;
}

export interface SweepOptions {
  repo: TestRepo;
  github: GitHubEmulator;
  /** Action inputs on top of the defaults (verify, tokens). */
  inputs?: Record<string, string>;
  /** Step env (the leaked secret mapped in, standby keys, ...). */
  env?: Record<string, string>;
  eventName?: string;
  payload?: Record<string, unknown>;
  /** GITHUB_SHA: the commit the run is for (default: the checkout's HEAD). */
  sha?: string;
  timeoutMs?: number;
}

/** Runs the bundled action against the emulators; the retry waits are scaled down for tests. */
export async function runKeyguard(opts: SweepOptions): Promise<RunResult> {
  const run: ActionRun = {
    workspace: opts.repo.dir,
    eventName: opts.eventName ?? 'schedule',
    payload: opts.payload ?? { schedule: '0 3 * * *' },
    sha: opts.sha ?? opts.repo.git('rev-parse', 'HEAD'),
    inputs: {
      verify: 'true',
      'github-token': ISSUES_TOKEN,
      'secrets-token': SECRETS_TOKEN,
      ...opts.inputs,
    },
    env: {
      GITHUB_API_URL: opts.github.baseUrl,
      GITHUB_REPOSITORY: `${opts.github.owner}/${opts.github.repo}`,
      KEYGUARD_RETRY_SCALE: '0.001',
      ...opts.env,
    },
    timeoutMs: opts.timeoutMs ?? 90_000,
  };
  return runAction(run);
}

/**
 * Runs keyguard with `over` laid on `base`: the inputs and env of `over` are added to those of `base`
 * (winning where both name one), its other options replace those of `base`.
 */
export function runOver(base: SweepOptions, over: Partial<SweepOptions> = {}): Promise<RunResult> {
  return runKeyguard({
    ...base,
    ...over,
    inputs: { ...base.inputs, ...over.inputs },
    env: { ...base.env, ...over.env },
  });
}

/** The inputs that point keyguard at the OpenAI emulator, with `adminKey` as its admin key. */
export function openaiInputs(openai: OpenAIEmulator, adminKey: string): Record<string, string> {
  return { 'openai-base-url': openai.apiBase, 'openai-admin-key': adminKey };
}

/** A new OpenAI project `prod` with a project key (the one that leaks) and an admin key to rotate it. */
export function newOpenAILeak(openai: OpenAIEmulator) {
  const project = openai.addProject('prod');
  const leaked = openai.addKey({ projectId: project.id });
  const admin = openai.addAdminKey();
  return { project, leaked, admin };
}

/** The service-account keys (the ones keyguard makes) other than `leaked` that are still active. */
export function liveReplacements(openai: OpenAIEmulator, leaked: OpenAIKeyRecord): OpenAIKeyRecord[] {
  return [...openai.keys.values()].filter(
    (k) => k.id !== leaked.id && k.ownerType === 'service_account' && !k.deleted,
  );
}

/**
 * Every secret a run could show that no output may hold whole: the keys and admin keys the OpenAI
 * emulator knows, both GitHub tokens, and `more`.
 */
export function knownSecrets(openai: OpenAIEmulator, ...more: string[]): string[] {
  return [
    ...[...openai.keys.values()].map((k) => k.value),
    ...[...openai.adminKeys.values()].map((k) => k.value),
    ...GITHUB_TOKENS,
    ...more,
  ];
}

/** Every issue title, body (with its journal) and comment the run left on the GitHub emulator. */
export function issueText(github: GitHubEmulator): string {
  return github.issues.flatMap((i) => [i.title, i.body ?? '', ...i.comments.map((c) => c.body)]).join('\n');
}

/**
 * No whole key (nor its body between the first 8 and last 4 characters) anywhere a user can see it:
 * stdout, stderr, GITHUB_OUTPUT, the step summary, SARIF, the JSON report, issues and journals.
 * Only `::add-mask::` lines may carry a key, and a key the run masks is masked before any other
 * line mentions it (whole or redacted).
 */
export function expectNoWholeKey(run: RunResult, github: GitHubEmulator, keys: string[]): void {
  const lines = run.stdout.split('\n');
  const isMask = (l: string) => l.startsWith('::add-mask::');
  const visible = [
    lines.filter((l) => !isMask(l)).join('\n'),
    run.allText
      .split('\n')
      .filter((l) => !isMask(l))
      .join('\n'),
    issueText(github),
  ].join('\n');
  expect(leakedIn(visible, keys)).toEqual([]);
  for (const key of keys) {
    const masked = lines.indexOf(`::add-mask::${key}`);
    const mentioned = lines.findIndex((l) => !isMask(l) && (l.includes(key) || l.includes(redact(key))));
    // A run that never held a key's value (a re-run naming an earlier replacement) cannot mask it.
    if (masked >= 0 && mentioned >= 0) {
      expect({ key: redact(key), masked: masked < mentioned }).toEqual({
        key: redact(key),
        masked: true,
      });
    }
  }
}

/** The journal of the incident for a key fingerprint (parsed from the issue body). */
export function journalOf(github: GitHubEmulator, fingerprint: string): Journal {
  const issue = github.issues.find((i) => (i.body ?? '').includes(fingerprint));
  const j = issue && parseJournal(issue.body ?? '');
  if (!j) throw new Error(`no incident journal for ${fingerprint}`);
  return j;
}

/** `step:status` of every journal entry, in order. */
export function stepsOf(j: Journal): string[] {
  return j.steps.map((s) => `${s.step}:${s.status}`);
}

/** Calls `onRequest` as each request reaches an emulator (e.g. to time the leaked key's disable). */
export function watchRequests(
  server: EmulatorServer,
  onRequest: (r: RecordedRequest, at: number) => void,
): void {
  const list = server.requests;
  const push = list.push.bind(list);
  list.push = (...items: RecordedRequest[]) => {
    for (const r of items) onRequest(r, Date.now());
    return push(...items);
  };
}
