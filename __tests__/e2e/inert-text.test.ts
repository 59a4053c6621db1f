/**
 * Outside text is inert wherever it goes (issue 10, point 3), end to end through dist/index.js: a
 * repository whose file names, commit author and commit message carry workflow commands and Markdown,
 * and a provider whose error body does, against the GitHub and OpenAI emulators. What is checked is
 * what the runner and GitHub would make of it: the stdout lines the runner parses as commands (with
 * `::stop-commands::` honoured as the runner does), the job summary and the incident issue body.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { GitHubEmulator } from '../emulators/github.js';
import { type OpenAIEmulator, startOpenAIEmulator } from '../emulators/openai.js';
import { KeyGen } from '../helpers/keygen.js';
import { type RunResult, runAction, runCli, TestRepo } from './harness.js';
import {
  expectNoWholeKey,
  GITHUB_TOKENS,
  issueText,
  newOpenAILeak,
  runKeyguard,
  startGitHub,
} from './helpers/world.js';

// ajv-formats is CommonJS: its default export arrives wrapped under ESM.
const addFormats = ((addFormatsModule as any).default ?? addFormatsModule) as (ajv: Ajv) => Ajv;

function sarifValidator() {
  const schema = JSON.parse(readFileSync('__tests__/fixtures/sarif-schema-2.1.0.json', 'utf8'));
  if (schema.id && !schema.$id) {
    schema.$id = schema.id;
    delete schema.id;
  }
  delete schema.$schema;
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  return ajv.compile(schema);
}

const gen = new KeyGen(1010);

/** Markdown that would link, embed, mention or reference if it reached GitHub as it is. */
const MARKDOWN_PAYLOAD =
  '[x](https://evil) ![i](https://evil/p.png) <img src=x> @org/team #1 GH-2 acme/app#3';
/** A workflow command that, once parsed, switches off `::add-mask::` for the rest of the step. */
const STOP = '::stop-commands::pwned';
const LOG_PAYLOAD = `a\n${STOP}\n::add-mask::nothing\n::warning::fake ##[add-mask]x\r::error::fake`;

/** File names git stores as they are (no NUL, no `//`); the directory part holds Markdown too. */
const HOSTILE_DIR = 'cfg/[x](https:/evil) ![i](https:/evil/p.png) <img src=x> @org';
const HOSTILE_FILE = `${HOSTILE_DIR}/team #1 ${LOG_PAYLOAD.replace(/\r/g, '')}.py`;
const HOSTILE_AUTHOR = '[x](https://evil) ![i](https://evil/p.png) @org/team #1 ::stop-commands::pwned';

const CONFIG = `rotation:
  openai:
    env: prod
    purpose: chat-api
    scopes: [api.model.request]
    secrets:
      - { name: OPENAI_API_KEY }
`;

/** The workflow commands the runner would act on, in order, following its parser (actions/runner). */
function runnerCommands(stdout: string): { commands: string[]; stoppedAt?: number; oldStyle: string[] } {
  const commands: string[] = [];
  const oldStyle: string[] = [];
  let stopToken: string | undefined;
  let stoppedAt: number | undefined;
  stdout.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trimStart();
    if (stopToken !== undefined) {
      if (line === `::${stopToken}::`) stopToken = undefined;
      return;
    }
    if (raw.includes('##[')) oldStyle.push(raw);
    const m = /^::([A-Za-z-]+)(?: [^:]*)?::(.*)$/.exec(line);
    if (!m) return;
    commands.push(m[1]!);
    if (m[1] === 'stop-commands') {
      stopToken = m[2];
      stoppedAt ??= i;
    }
  });
  return { commands, stoppedAt, oldStyle };
}

/** keyguard's own commands: masks, annotations; nothing else may reach the runner's parser. */
const INTENDED = new Set(['add-mask', 'error', 'warning', 'notice', 'debug']);

/** No command but keyguard's, no `::` inside a command's message, every mask line still processed. */
function expectInertLog(run: RunResult, masked: string[]): void {
  const { commands, stoppedAt, oldStyle } = runnerCommands(run.stdout);
  expect({ stoppedAt, oldStyle }).toEqual({ stoppedAt: undefined, oldStyle: [] });
  expect(commands.filter((c) => !INTENDED.has(c))).toEqual([]);
  for (const line of run.stdout.split('\n')) {
    if (!line.startsWith('::') || line.startsWith('::add-mask::')) continue;
    // `::error file=…::message`: the message part holds no further command separator.
    const message = line.slice(line.indexOf('::', 2) + 2);
    expect(message).not.toContain('::');
  }
  for (const key of masked) expect(run.stdout.split('\n')).toContain(`::add-mask::${key}`);
  expect(run.stdout).not.toContain('::add-mask::nothing');
}

/** The Markdown an attacker could have made live, after HTML comments (the journal) are set aside. */
function liveMarkdown(md: string): string[] {
  const text = md.replace(/<!--[\s\S]*?-->/g, '').replace(/(`+)(?:(?!\1)[^\n])+?\1/g, '`code`');
  const found: string[] = [];
  if (/\]\(https?:\/\/evil/.test(text)) found.push('link to evil');
  if (/!\[i\]\(/.test(text)) found.push('image');
  if (/<img/i.test(text)) found.push('html');
  if (/@org\/team/.test(text)) found.push('team mention');
  if (/(?<![\w\\])#1\b|GH-2|acme\/app#3/.test(text)) found.push('issue reference');
  if (/https?:\/\/evil|www\.evil/.test(text)) found.push('bare url');
  return found;
}

/** A repository whose leaked key sits in a hostile file, committed by a hostile author and message. */
function hostileRepo(key: string): TestRepo {
  const repo = new TestRepo('kg-inert-');
  repo.commit('init', { 'README.md': '# app\n', '.keyguard.yml': CONFIG });
  const full = join(repo.dir, HOSTILE_FILE);
  mkdirSync(dirname(full), { recursive: true });
  writeFileSync(full, `OPENAI_API_KEY = "${key}"\n`);
  repo.git('add', '-A');
  execFileSync(
    'git',
    [
      'commit',
      '-q',
      '-m',
      `${MARKDOWN_PAYLOAD}\n\n${LOG_PAYLOAD}`,
      '--author',
      `${HOSTILE_AUTHOR} <e@evil.example>`,
    ],
    {
      cwd: repo.dir,
      env: {
        ...process.env,
        GIT_CONFIG_NOSYSTEM: '1',
        GIT_CONFIG_GLOBAL: '/dev/null',
        GIT_COMMITTER_NAME: 'c',
        GIT_COMMITTER_EMAIL: 'c@example.com',
        GIT_AUTHOR_DATE: '2026-01-05T10:00:00Z',
        GIT_COMMITTER_DATE: '2026-01-05T10:00:00Z',
      },
    },
  );
  return repo;
}

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

function leak() {
  const { leaked, admin } = newOpenAILeak(openai);
  github.setSecret('repo', 'OPENAI_API_KEY', leaked.value);
  repo = hostileRepo(leaked.value);
  return { leaked, admin };
}

function sweep(w: ReturnType<typeof leak>): Promise<RunResult> {
  return runKeyguard({
    repo: repo!,
    github,
    inputs: { 'openai-base-url': openai.apiBase, 'openai-admin-key': w.admin.value },
    env: { OPENAI_API_KEY: w.leaked.value },
  });
}

/** Keys keyguard made in this run (the replacement). */
function replacements(leakedId: string): string[] {
  return [...openai.keys.values()].filter((k) => k.id !== leakedId).map((k) => k.value);
}

describe('a hostile file name, commit author and commit message in a sweep', () => {
  it('leave the runner parsing keyguard’s commands only, with every mask still processed', async () => {
    const w = leak();
    const run = await sweep(w);
    const made = replacements(w.leaked.id);
    expect(made).toHaveLength(1);
    expectInertLog(run, [w.leaked.value, ...made]);
  });

  it('are plain text in the bot-authored incident issue', async () => {
    const w = leak();
    await sweep(w);
    expect(github.issues).toHaveLength(1);
    const body = github.issues[0]!.body ?? '';
    // The issue does say where and by whom, as text.
    expect(body).toContain('team \\#\u200b1');
    expect(body).toContain('@\u200borg/team');
    expect(liveMarkdown(body)).toEqual([]);
    expect(liveMarkdown(issueText(github))).toEqual([]);
  });

  it('are plain text in the job summary', async () => {
    const w = leak();
    const run = await sweep(w);
    expect(run.summary).toContain('keyguard');
    expect(liveMarkdown(run.summary)).toEqual([]);
  });

  it('give valid SARIF whose messages hold no control characters', async () => {
    const w = leak();
    const run = await sweep(w);
    const sarif = readFileSync(join(run.dir, 'keyguard.sarif'), 'utf8');
    const log = JSON.parse(sarif);
    const validate = sarifValidator();
    expect(validate(log) ? [] : validate.errors).toEqual([]);
    for (const r of log.runs[0].results) expect(r.message.text).not.toMatch(/[\x00-\x1f\x7f-\x9f]/);
    expect(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toContain('%0A');
  });
});

describe('a hostile file name in a pull request', () => {
  it('stays out of the runner’s command parser and the summary’s Markdown', async () => {
    const key = gen.openaiProject();
    repo = new TestRepo('kg-inert-pr-');
    const base = repo.commit('init', { 'README.md': '# app\n' });
    const full = join(repo.dir, HOSTILE_FILE);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, `OPENAI_API_KEY = "${key}"\n`);
    const head = repo.commit(`${MARKDOWN_PAYLOAD}\n\n${LOG_PAYLOAD}`, {});
    const run = await runAction({
      workspace: repo.dir,
      eventName: 'pull_request',
      payload: {
        action: 'synchronize',
        number: 7,
        pull_request: {
          number: 7,
          commits: 1,
          base: { sha: base, ref: 'main', repo: { full_name: 'acme/app' } },
          head: { sha: head, ref: 'feature', repo: { full_name: 'acme/app' } },
        },
        repository: { full_name: 'acme/app' },
      },
      sha: head,
    });
    expect(run.code).toBe(1);
    expectInertLog(run, [key]);
    expect(liveMarkdown(run.summary)).toEqual([]);
    expect(run.summary).toContain('@\u200borg/team');
  });
});

describe('a hostile provider error body', () => {
  it('is logged as inert text, before the replacement key is masked and after', async () => {
    const w = leak();
    // One transient failure while keyguard looks the leaked key up: the retry line quotes the body.
    openai.injectFault({
      method: 'GET',
      path: /\/api_keys$/,
      times: 1,
      fault: {
        kind: 'status',
        status: 503,
        body: { error: { message: `${LOG_PAYLOAD} ${MARKDOWN_PAYLOAD}` } },
      },
    });
    const run = await sweep(w);
    expect(openai.server.requests.some((r) => r.faulted)).toBe(true);
    expect(run.stdout).toContain(':\\:stop-commands:\\:pwned');
    const made = replacements(w.leaked.id);
    expect(made).toHaveLength(1);
    expectInertLog(run, [w.leaked.value, ...made]);
    expect(liveMarkdown(issueText(github))).toEqual([]);
    const all = [...openai.keys.values(), ...openai.adminKeys.values()].map((k) => k.value);
    expectNoWholeKey(run, github, [...all, ...GITHUB_TOKENS]);
  });

  it('cannot end the step with a workflow command when the rotation fails on it', async () => {
    const w = leak();
    openai.injectFault({
      method: 'POST',
      path: /\/service_accounts$/,
      times: 100,
      fault: {
        kind: 'status',
        status: 400,
        body: { error: { message: `${LOG_PAYLOAD} ${MARKDOWN_PAYLOAD}` } },
      },
    });
    const run = await sweep(w);
    expect(run.stdout).toMatch(/stopped at step "create"/);
    expectInertLog(run, [w.leaked.value]);
    expect(liveMarkdown(run.summary)).toEqual([]);
    expect(liveMarkdown(issueText(github))).toEqual([]);
  });
});

describe('the CLI', () => {
  it('writes a hostile PATH in its error line as inert text', async () => {
    const res = await runCli(['scan', 'nope\r::stop-commands::x\x1b[2J']);
    expect(res.code).toBe(2);
    expect(runnerCommands(res.stderr)).toEqual({ commands: [], stoppedAt: undefined, oldStyle: [] });
    expect(res.stderr).not.toMatch(/[\r\x1b]/);
    expect(res.stderr).toContain('nope\\r:\\:stop-commands:\\:x\\x1b[2J');
  });
});
