/**
 * The chat notification, end to end through dist/index.js with a local incoming-webhook receiver:
 * one message when a live key is found or rotated, keys redacted only, outside text (a hostile file
 * name) neutralised for Slack, URLs with user info refused, and a failed delivery costing a note only.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GitHubEmulator } from '../emulators/github.js';
import { type OpenAIEmulator, startOpenAIEmulator } from '../emulators/openai.js';
import { leakedIn, type TestRepo } from './harness.js';
import { GITHUB_TOKENS, leakRepo, newOpenAILeak, runKeyguard, startGitHub } from './helpers/world.js';

const CONFIG = 'rotation:\n  openai:\n    secrets:\n      - { name: OPENAI_API_KEY }\n';

/** Records every POST; answers `status`. */
class Receiver {
  readonly bodies: { path: string; json: unknown; raw: string }[] = [];
  status = 200;
  #server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (d) => {
      raw += d;
    });
    req.on('end', () => {
      let json: unknown;
      try {
        json = JSON.parse(raw);
      } catch {}
      this.bodies.push({ path: req.url ?? '', json, raw });
      res.writeHead(this.status, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  async start(): Promise<this> {
    await new Promise<void>((r) => this.#server.listen(0, '127.0.0.1', r));
    return this;
  }
  get url(): string {
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}/services/T000/B000/hooktoken`;
  }
  stop(): Promise<void> {
    return new Promise((r) => this.#server.close(() => r()));
  }
}

let github: GitHubEmulator;
let openai: OpenAIEmulator;
let hook: Receiver;
let repo: TestRepo | undefined;
beforeEach(async () => {
  github = await startGitHub();
  openai = await startOpenAIEmulator();
  hook = await new Receiver().start();
});
afterEach(async () => {
  repo?.cleanup();
  repo = undefined;
  await Promise.all([github.stop(), openai.stop(), hook.stop()]);
});

function leak(file?: string) {
  const { leaked, admin } = newOpenAILeak(openai);
  github.setSecret('repo', 'OPENAI_API_KEY', leaked.value);
  repo = leakRepo(leaked.value, { config: CONFIG, file });
  return { leaked, admin };
}

function sweep(w: ReturnType<typeof leak>, inputs: Record<string, string>) {
  return runKeyguard({
    repo: repo!,
    github,
    inputs: {
      'openai-base-url': openai.apiBase,
      'openai-admin-key': w.admin.value,
      audit: 'false',
      ...inputs,
    },
    env: { OPENAI_API_KEY: w.leaked.value },
  });
}

/** Everything the run showed, minus the `::add-mask::` lines that hand secrets to the runner's masker. */
const visible = (run: { allText: string }) =>
  run.allText
    .split('\n')
    .filter((l) => !l.startsWith('::add-mask::'))
    .join('\n');

const allKeys = (w: ReturnType<typeof leak>) => [
  ...[...openai.keys.values()].map((k) => k.value),
  w.admin.value,
  ...GITHUB_TOKENS,
];

describe('the webhook notification', () => {
  it('sends one generic message naming the rotated key redacted, and no whole key', async () => {
    const w = leak();
    const run = await sweep(w, { 'notify-webhook': hook.url, 'notify-format': 'generic' });
    expect(run.outputs).toMatchObject({ rotated: '1' });
    const [msg] = hook.bodies;
    expect({
      count: hook.bodies.length,
      event: (msg?.json as { event?: string })?.event,
      status: (msg?.json as { rotations?: { status: string }[] })?.rotations?.[0]?.status,
      wholeKeys: leakedIn(hook.bodies.map((b) => b.raw).join('\n'), allKeys(w)),
      urlShown: visible(run).includes('hooktoken'),
    }).toEqual({ count: 1, event: 'keyguard.leak', status: 'rotated', wholeKeys: [], urlShown: false });
  });

  it('neutralises a hostile file name in a Slack message: no @channel, no link, no formatting', async () => {
    const w = leak('app/<!channel> *urgent* <https:x.io|click>.py');
    await sweep(w, { 'notify-webhook': hook.url, 'notify-format': 'slack', rotate: 'off' });
    const raw = JSON.stringify(hook.bodies[0]?.json ?? {});
    expect({
      sent: hook.bodies.length,
      control: /<!channel>|<https:x\.io/.test(raw),
      escaped: raw.includes('&lt;!channel&gt;'),
      wholeKeys: leakedIn(raw, allKeys(w)),
    }).toEqual({ sent: 1, control: false, escaped: true, wholeKeys: [] });
  });

  it('sends nothing when no key is live and nothing was rotated', async () => {
    const w = leak();
    openai.keys.get(w.leaked.id)!.deleted = true;
    await sweep(w, { 'notify-webhook': hook.url, rotate: 'off' });
    expect(hook.bodies).toEqual([]);
  });

  it('refuses a webhook URL with user info and never shows the credential', async () => {
    const w = leak();
    const url = hook.url.replace('http://', 'http://hookuser:hookpassword@');
    const run = await sweep(w, { 'notify-webhook': url });
    expect({
      code: run.code,
      said: run.stdout.includes('input notify-webhook'),
      shown: visible(run).includes('hookpassword'),
      sent: hook.bodies.length,
    }).toEqual({ code: 2, said: true, shown: false, sent: 0 });
  });

  it('notes an undelivered message in the summary and still reports the run as it was', async () => {
    const w = leak();
    hook.status = 500;
    const run = await sweep(w, { 'notify-webhook': hook.url });
    expect({
      code: run.code,
      note: /notification not delivered: the webhook at http:\u200b?\/\/127\.0\.0\.1:\d+ answered HTTP 500/.test(
        run.summary,
      ),
      path: run.summary.includes('hooktoken'),
    }).toEqual({ code: 1, note: true, path: false });
  });
});
