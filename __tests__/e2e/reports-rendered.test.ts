/**
 * What people read after a rotation, from the bundled action (dist/index.js) end to end: the job
 * summary leads with what happened and carries the audit's charts; the incident keeps the boxes
 * people ticked across re-runs; and both render as GitHub renders them (GFM + Mermaid in headless
 * Chromium) with no Mermaid error and every chart's legend. Screenshots go to
 * __tests__/artifacts/screenshots/ (and to docs/screenshots/ with KEYGUARD_UPDATE_SCREENSHOTS=1).
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'puppeteer-core';
import { fingerprint } from '../../src/scan/secret.js';
import type { GitHubEmulator } from '../emulators/github.js';
import { type OpenAIEmulator, startOpenAIEmulator } from '../emulators/openai.js';
import { chromiumPath, launchBrowser, renderMarkdown, SCREENSHOT_DIR } from '../helpers/browser.js';
import type { RunResult, TestRepo } from './harness.js';
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

/** A leaked key with three days of ordinary use and a burst of refused calls the day before. */
function seededLeak() {
  const { leaked, admin } = newOpenAILeak(openai);
  const now = Math.floor(Date.now() / 1000);
  for (let h = 160; h >= 2; h -= 3)
    openai.seedUsage({ apiKeyId: leaked.id, time: now - h * HOUR, requests: 3 + (h % 5), inputTokens: 900 });
  openai.seedUsage({ apiKeyId: leaked.id, time: now - 20 * HOUR, requests: 60, model: 'gpt-4o' });
  github.setSecret('repo', 'OPENAI_API_KEY', leaked.value);
  repo = leakRepo(leaked.value, { config: CONFIG });
  return { leaked, admin };
}

function sweep(w: ReturnType<typeof seededLeak>): Promise<RunResult> {
  return runKeyguard({
    repo: repo!,
    github,
    inputs: { 'openai-base-url': openai.apiBase, 'openai-admin-key': w.admin.value },
    env: { OPENAI_API_KEY: w.leaked.value },
  });
}

function allKeys(w: ReturnType<typeof seededLeak>): string[] {
  return [...[...openai.keys.values()].map((k) => k.value), w.admin.value, ...GITHUB_TOKENS];
}

describe('the job summary after a successful rotation', () => {
  it('leads with the leak contained and the rotation table, not with ❌ and "rotate each key"', async () => {
    const w = seededLeak();
    const run = await sweep(w);
    expect(run.outputs).toMatchObject({ rotated: '1', disabled: '1' });
    const lines = run.summary.split('\n').filter(Boolean);
    expect({
      heading: lines[0],
      tableFirst: run.summary.indexOf('| Key | Provider |') < run.summary.indexOf('| Location |'),
      rotateEach: run.summary.includes('Rotate each key'),
      done: run.summary.includes('**Done by keyguard:**'),
    }).toEqual({
      heading: '## 🛡️ keyguard: leak contained: 1 replaced, none still live',
      tableFirst: true,
      rotateEach: false,
      done: true,
    });
    expectNoWholeKey(run, github, allKeys(w));
  });

  it("carries the audit's charts, with a link to the incident for the rest", async () => {
    const w = seededLeak();
    const run = await sweep(w);
    expect([
      (run.summary.match(/```mermaid/g) ?? []).length >= 1,
      run.summary.includes('The full audit is on [the incident]('),
    ]).toEqual([true, true]);
  });
});

describe("the incident's checklist", () => {
  it('keeps the boxes a person ticked when a re-run re-renders the body', async () => {
    const w = seededLeak();
    openai.injectFault({
      method: 'POST',
      path: /\/service_accounts$/,
      times: 100,
      fault: { kind: 'status', status: 500, body: { error: { message: 'The server had an error' } } },
    });
    expect((await sweep(w)).code).toBe(2);
    const issue = github.issues[0]!;
    // A person ticks one box in GitHub's UI (the body of keyguard's own issue changes).
    issue.body = issue.body!.replace(/- \[ \] (.*<!-- keyguard:check=restart-deployments -->)/, '- [x] $1');
    openai.clearFaults();
    const second = await sweep(w);
    expect(second.outputs).toMatchObject({ rotated: '1' });
    const ticked = [...issue.body!.matchAll(/- \[x\] .*<!-- keyguard:check=([a-z0-9-]+) -->/g)].map(
      (m) => m[1],
    );
    expect({ ticked, status: journalOf(github, fingerprint(w.leaked.value)).status }).toEqual({
      ticked: ['restart-deployments'],
      status: 'rotated',
    });
  });
});

const executable = chromiumPath();
if (!executable)
  console.warn(
    "\n\n*** SKIPPED: no Chromium found (install Debian's `chromium`, or set KEYGUARD_CHROMIUM): the summary and the incident were NOT checked in a browser ***\n\n",
  );

(executable ? describe : describe.skip)('the summary and the incident in a real browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser(executable as string);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  it('renders both with no Mermaid error and every chart titled and with its legend', async () => {
    const w = seededLeak();
    const run = await sweep(w);
    const issue = github.issues[0]!;
    // The issue page as a reader sees it: the body, then the comments (the full audit).
    const incident = [issue.body ?? '', ...issue.comments.map((c) => c.body)].join('\n\n---\n\n');
    const pages = {
      summary: await renderMarkdown(browser, run.summary, {
        theme: 'light',
        png: join(SCREENSHOT_DIR, 'summary-light.png'),
      }),
      'summary-dark': await renderMarkdown(browser, run.summary, {
        theme: 'dark',
        png: join(SCREENSHOT_DIR, 'summary-dark.png'),
      }),
      incident: await renderMarkdown(browser, incident, {
        theme: 'light',
        png: join(SCREENSHOT_DIR, 'incident-light.png'),
      }),
    };
    if (process.env.KEYGUARD_UPDATE_SCREENSHOTS === '1') {
      const docs = join(process.cwd(), 'docs', 'screenshots');
      mkdirSync(docs, { recursive: true });
      copyFileSync(join(SCREENSHOT_DIR, 'summary-light.png'), join(docs, 'summary.png'));
      copyFileSync(join(SCREENSHOT_DIR, 'incident-light.png'), join(docs, 'incident.png'));
    }
    const check = (p: (typeof pages)['summary']) => ({
      charts: p.charts.length > 0,
      errors: p.charts.filter((c) => c.errorDiagram || c.parseError).length,
      untitled: p.charts.filter((c) => !c.texts.some((t) => / per (hour|\d+ h)/.test(t))).length,
      noLegend: p.charts.filter((c) => c.legend.length === 0).length,
    });
    const clean = { charts: true, errors: 0, untitled: 0, noLegend: 0 };
    expect({
      summary: check(pages.summary),
      dark: check(pages['summary-dark']),
      incident: check(pages.incident),
      leads: pages.summary.text.trimStart().startsWith('🛡️ keyguard: leak contained'),
    }).toEqual({ summary: clean, dark: clean, incident: clean, leads: true });
  }, 120_000);
});
