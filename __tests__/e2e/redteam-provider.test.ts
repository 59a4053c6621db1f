/**
 * Red-team review of issue 10 against the emulators, as an outsider: a hostile provider (or a proxy in
 * front of one) that echoes keys, hangs or drips; a GitHub that answers with hostile text; a same-repo
 * pull request that triggers keyguard through a PR event `auto` does not treat as a PR. Each test builds
 * the hostile input and asserts the SAFE outcome; `it.failing` marks a hole found.
 */
import { createServer, type IncomingMessage, request, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { GitHubEmulator } from '../emulators/github.js';
import { type OpenAIEmulator, startOpenAIEmulator } from '../emulators/openai.js';
import { KeyGen } from '../helpers/keygen.js';
import { runAction, TestRepo } from './harness.js';
import {
  expectNoWholeKey,
  GITHUB_TOKENS,
  leakRepo,
  newOpenAILeak,
  runKeyguard,
  startGitHub,
} from './helpers/world.js';

const gen = new KeyGen(8888);
const CONFIG = `rotation:
  openai:
    env: prod
    purpose: chat-api
    scopes: [api.model.request]
    secrets:
      - { name: OPENAI_API_KEY }
`;

type Handler = (req: IncomingMessage, body: string, res: ServerResponse) => void | Promise<void>;

/** A hostile HTTP server on loopback; records every request with its headers. */
async function hostileServer(handler: Handler): Promise<{
  url: string;
  seen: { method: string; path: string; auth: string; body: string }[];
  stop: () => Promise<void>;
}> {
  const seen: { method: string; path: string; auth: string; body: string }[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => {
      body += d;
    });
    req.on('end', () => {
      seen.push({
        method: req.method ?? '',
        path: req.url ?? '',
        auth: String(req.headers.authorization ?? req.headers['x-api-key'] ?? ''),
        body,
      });
      void handler(req, body, res);
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    stop: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

/** Forwards to `target`, letting `rewrite` change a JSON answer (status, body) on its way back. */
function proxyTo(
  target: string,
  rewrite: (req: IncomingMessage, status: number, body: any) => { status: number; body: unknown } | undefined,
): Handler {
  return (req, body, res) =>
    new Promise<void>((done) => {
      const u = new URL(req.url ?? '/', target);
      const headers = { ...req.headers, host: u.host };
      const out = request(u, { method: req.method, headers }, (up) => {
        let text = '';
        up.on('data', (d) => {
          text += d;
        });
        up.on('end', () => {
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          const changed = rewrite(req, up.statusCode ?? 500, json);
          if (changed) {
            res.writeHead(changed.status, { 'content-type': 'application/json' });
            res.end(JSON.stringify(changed.body));
          } else {
            res.writeHead(up.statusCode ?? 500, up.headers);
            res.end(text);
          }
          done();
        });
      });
      out.end(body);
    });
}

/** Markdown with its code spans removed as CommonMark reads them (a run of n backticks closes on n). */
function outsideCodeSpans(md: string): string {
  let out = '';
  for (let i = 0; i < md.length; ) {
    if (md[i] !== '`') {
      out += md[i++];
      continue;
    }
    let n = 0;
    while (md[i + n] === '`') n++;
    const fence = '`'.repeat(n);
    let j = md.indexOf(fence, i + n);
    while (j >= 0 && md[j + n] === '`') {
      let k = j;
      while (md[k] === '`') k++;
      j = md.indexOf(fence, k);
    }
    if (j < 0) {
      out += fence;
      i += n;
    } else i = j + n;
  }
  return out;
}

let github: GitHubEmulator;
let openai: OpenAIEmulator;
let repo: TestRepo | undefined;
const stops: (() => Promise<void>)[] = [];
beforeEach(async () => {
  github = await startGitHub();
  openai = await startOpenAIEmulator();
});
afterEach(async () => {
  repo?.cleanup();
  repo = undefined;
  await Promise.all([github.stop(), openai.stop(), ...stops.splice(0).map((s) => s())]);
});

function world() {
  const { project, leaked, admin } = newOpenAILeak(openai);
  github.setSecret('repo', 'OPENAI_API_KEY', leaked.value);
  repo = leakRepo(leaked.value, { config: CONFIG });
  return { project, leaked, admin };
}

describe('red team: a provider whose error bodies echo the keys it was sent', () => {
  it('puts no whole leaked or admin key into the issue, summary, SARIF or JSON when the create call echoes them', async () => {
    const w = world();
    const proxy = await hostileServer(
      proxyTo(openai.baseUrl, (req, status, body) => {
        if (req.method === 'POST' && /service_accounts|api_keys/.test(req.url ?? ''))
          return {
            status: 400,
            body: {
              error: {
                message: `Incorrect request. Authorization was "${req.headers.authorization}" for key ${w.leaked.value}`,
                type: 'invalid_request_error',
                param: null,
                code: 'invalid_request',
              },
            },
          };
        return status >= 0 ? undefined : { status, body };
      }),
    );
    stops.push(proxy.stop);
    const run = await runKeyguard({
      repo: repo!,
      github,
      inputs: { 'openai-base-url': `${proxy.url}/v1`, 'openai-admin-key': w.admin.value },
      env: { OPENAI_API_KEY: w.leaked.value },
    });
    expect(proxy.seen.some((r) => r.method === 'POST')).toBe(true);
    expectNoWholeKey(run, github, [w.leaked.value, w.admin.value, ...GITHUB_TOKENS]);
  });

  it('puts no whole replacement key anywhere when the create answer repeats it in its id and name', async () => {
    const w = world();
    const made: string[] = [];
    const proxy = await hostileServer(
      proxyTo(openai.baseUrl, (req, status, body) => {
        if (req.method !== 'POST') return undefined;
        if (body?.api_key?.value) {
          made.push(body.api_key.value);
          return { status, body: { ...body, api_key: { ...body.api_key, name: body.api_key.value } } };
        }
        if (typeof body?.value === 'string') {
          made.push(body.value);
          return { status, body: { ...body, name: body.value, redacted_value: body.value } };
        }
        return undefined;
      }),
    );
    stops.push(proxy.stop);
    const run = await runKeyguard({
      repo: repo!,
      github,
      inputs: { 'openai-base-url': `${proxy.url}/v1`, 'openai-admin-key': w.admin.value },
      env: { OPENAI_API_KEY: w.leaked.value },
    });
    expect(made.length).toBeGreaterThan(0);
    expectNoWholeKey(run, github, [w.leaked.value, w.admin.value, ...made]);
  });
});

describe('red team: a provider that never answers or drips', () => {
  function verifyRun(base: string) {
    const r = new TestRepo('kg-rt-');
    repo = r;
    const sha = r.commit('add', { 'k.txt': `OPENAI_API_KEY=${gen.openaiProject()}\n` });
    return runAction({
      workspace: r.dir,
      eventName: 'schedule',
      sha,
      inputs: { verify: 'true', 'openai-base-url': `${base}/v1` },
      timeoutMs: 150_000,
    });
  }

  // Was a hole: 4 attempts of 20 s each, the run ended after 83 s; now verification's 30 s deadline cuts them.
  // A body dripping one byte a second behaves the same (the 20 s is a whole-request deadline).
  it('a verify call the provider holds open forever ends the run within 60 s', async () => {
    const hang = await hostileServer(() => {
      /* never answers */
    });
    stops.push(hang.stop);
    const started = Date.now();
    const run = await verifyRun(hang.url);
    const took = Date.now() - started;
    expect(hang.seen.length).toBeGreaterThan(0);
    expect({ took: took < 60_000, code: run.code }).toEqual({ took: true, code: 1 });
  }, 160_000);

  // Guard: the endless body is cut by the same deadline; memory stays bounded. (Ends in about 31 s
  // since verification has its 30 s deadline; asserted at 120 s.)
  it('a verify answer that never ends (an endless body) does not exhaust memory and the run still ends', async () => {
    const chunk = Buffer.alloc(1 << 20, 0x20);
    const flood = await hostileServer((_req, _body, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"data":[');
      const pump = () => {
        while (!res.destroyed && res.write(chunk)) {
          /* fill the socket */
        }
        if (!res.destroyed) res.once('drain', pump);
      };
      pump();
    });
    stops.push(flood.stop);
    const started = Date.now();
    const run = await verifyRun(flood.url);
    const took = Date.now() - started;
    expect({ took: took < 120_000, code: run.code }).toEqual({ took: true, code: 1 });
  }, 160_000);
});

const HOSTILE_URL =
  'javascript:alert(1)//\n::stop-commands::pwned\n` [x](https://evil) | ![i](https://evil/p.png) `';

describe('red team: GitHub answers with hostile text', () => {
  function hostileIssueUrl(): void {
    github.injectFault({
      method: 'POST',
      path: /\/issues$/,
      times: 1,
      fault: {
        kind: 'status',
        status: 201,
        body: {
          number: 1,
          id: 1,
          title: 'x',
          state: 'open',
          html_url: HOSTILE_URL,
          user: { login: 'github-actions[bot]', id: 41898282, type: 'Bot' },
        },
      },
    });
  }

  it('an incident html_url that is a javascript: link with a backtick break-out is neither linked nor obeyed', async () => {
    const w = world();
    hostileIssueUrl();
    const run = await runKeyguard({
      repo: repo!,
      github,
      inputs: { 'openai-base-url': openai.apiBase, 'openai-admin-key': w.admin.value },
      env: { OPENAI_API_KEY: w.leaked.value },
    });
    expect(run.stdout.split('\n').filter((l) => l.startsWith('::stop-commands::'))).toEqual([]);
    expect(outsideCodeSpans(run.summary)).not.toMatch(/\]\(javascript:|\]\(https:\/\/evil/);
  });

  it('the incident output never carries GitHub’s html_url unchecked (newlines, javascript:) into later steps', async () => {
    const w = world();
    hostileIssueUrl();
    const run = await runKeyguard({
      repo: repo!,
      github,
      inputs: { 'openai-base-url': openai.apiBase, 'openai-admin-key': w.admin.value },
      env: { OPENAI_API_KEY: w.leaked.value },
    });
    // Safe: empty, or an https URL on GITHUB_SERVER_URL with no control characters.
    expect(run.outputs.incident ?? '').toMatch(/^(|https:\/\/github\.com\/acme\/app\/issues\/\d+)$/);
  });

  it('a GitHub error body carrying workflow commands is logged inert', async () => {
    const w = world();
    github.injectFault({
      method: 'POST',
      path: /\/issues$/,
      times: 20,
      fault: {
        kind: 'status',
        status: 422,
        body: { message: 'Validation Failed\n::stop-commands::pwned\n::add-mask::nothing\r::warning::fake' },
      },
    });
    const run = await runKeyguard({
      repo: repo!,
      github,
      inputs: { 'openai-base-url': openai.apiBase, 'openai-admin-key': w.admin.value },
      env: { OPENAI_API_KEY: w.leaked.value },
    });
    const bad = run.stdout
      .split(/\r?\n|\r/)
      .filter((l) => /^::(stop-commands|add-mask::nothing|warning::fake)/.test(l));
    expect(bad).toEqual([]);
  });
});
