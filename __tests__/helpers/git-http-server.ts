/**
 * Real git smart HTTP for tests: `git http-backend` (the CGI program git ships, found through
 * `git --exec-path`) behind a local node HTTP server, serving a directory of bare repositories laid out
 * as GitHub's URLs are (`ROOT/owner/name.git`). Like GitHub it wants a token: a request without
 * `Authorization: Basic base64(x-access-token:TOKEN)` (or `Bearer TOKEN`) gets 401 with
 * `WWW-Authenticate: Basic`; pushes are refused (read-only, as the App's `contents: read`).
 *
 * Failures can be injected per repository: an HTTP status, a dropped connection, or a response cut
 * after N bytes (a damaged transfer), or a hostile ref advertisement (endless, or of N refs). Every
 * request is recorded (path, whether it was authorised).
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

export type GitFailure =
  | { kind: 'status'; status: number }
  | { kind: 'drop' }
  /** The upload-pack response is cut after this many bytes of body. */
  | { kind: 'truncate'; afterBytes: number }
  /** Every request of the repository is answered 301 to `location` + the request's path and query. */
  | { kind: 'redirect'; location: string }
  /** Each response is delayed (a slow server: for sampling the client's processes while it waits). */
  | { kind: 'slow'; ms: number }
  /**
   * A hostile server: `info/refs` answers a valid protocol-v0 ref advertisement that never ends (refs
   * streamed as fast as the client reads, whatever protocol it asked for).
   */
  | { kind: 'endless-refs' }
  /**
   * A hostile (or enormous) repository: the protocol-v2 `ls-refs` answer lists `count` distinct refs
   * (`refs/pull/N/head`); the capability advertisement is `git http-backend`'s own.
   */
  | { kind: 'many-refs'; count: number };

export interface GitRequest {
  repo: string;
  path: string;
  service: string;
  authorized: boolean;
  authorization?: string;
}

export interface GitHttpServer {
  url: string;
  root: string;
  token: string;
  requests: GitRequest[];
  /** Failures by `owner/name`. */
  failures: Map<string, GitFailure>;
  /** Called at every request, synchronously, before it is answered (the client is waiting then). */
  onRequest?: (req: GitRequest) => void;
  /** Full path of the bare repository of `owner/name` (created empty with `init`). */
  repoPath(fullName: string): string;
  init(fullName: string): string;
  stop(): Promise<void>;
}

/** One pkt-line: 4 hex digits of length (themselves included), then the payload. */
export function pktLine(payload: string): Buffer {
  const body = Buffer.from(payload, 'latin1');
  return Buffer.concat([Buffer.from((body.length + 4).toString(16).padStart(4, '0')), body]);
}

const FAKE_OID = 'e'.repeat(40);

/** Writes `next()` chunks while the client reads them, until it returns undefined or the client is gone. */
function stream(res: ServerResponse, next: () => Buffer | undefined, end: Buffer): void {
  let gone = false;
  res.on('close', () => {
    gone = true;
  });
  const pump = () => {
    while (!gone) {
      const chunk = next();
      if (!chunk) {
        res.end(end);
        return;
      }
      if (!res.write(chunk)) {
        res.once('drain', pump);
        return;
      }
    }
  };
  pump();
}

/** `info/refs` of the endless advertisement: a first ref with capabilities, then the same 1 MB forever. */
function endlessRefs(res: ServerResponse): void {
  res.writeHead(200, {
    'Content-Type': 'application/x-git-upload-pack-advertisement',
    'Cache-Control': 'no-cache',
  });
  res.write(pktLine('# service=git-upload-pack\n'));
  res.write('0000');
  res.write(pktLine(`${FAKE_OID} refs/heads/main\0multi_ack_detailed side-band-64k ofs-delta no-progress\n`));
  const lines: Buffer[] = [];
  for (let i = 0, size = 0; size < 1 << 20; i++) {
    lines.push(pktLine(`${FAKE_OID} refs/heads/branch-${i}\n`));
    size += lines[lines.length - 1]!.length;
  }
  const chunk = Buffer.concat(lines);
  stream(res, () => chunk, Buffer.alloc(0));
}

/** The `ls-refs` answer of `count` refs, 1,000 to a write. */
function manyRefs(res: ServerResponse, count: number): void {
  res.writeHead(200, { 'Content-Type': 'application/x-git-upload-pack-result', 'Cache-Control': 'no-cache' });
  res.write(pktLine(`${FAKE_OID} refs/heads/main\n`));
  let i = 0;
  stream(
    res,
    () => {
      if (i >= count) return undefined;
      const lines: Buffer[] = [];
      for (const stop = Math.min(count, i + 1000); i < stop; i++)
        lines.push(pktLine(`${FAKE_OID} refs/pull/${i + 1}/head\n`));
      return Buffer.concat(lines);
    },
    Buffer.from('0000'),
  );
}

function bodyOf(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

const BACKEND = join(execFileSync('git', ['--exec-path'], { encoding: 'utf8' }).trim(), 'git-http-backend');
const REPO_PATH = /^\/([A-Za-z0-9._-]+)\/([A-Za-z0-9._-]+?)\.git(\/.*)$/;

function authorized(header: string | undefined, token: string): boolean {
  if (!header) return false;
  const basic = /^Basic (\S+)$/i.exec(header);
  if (basic) {
    const decoded = Buffer.from(basic[1]!, 'base64').toString('utf8');
    return decoded === `x-access-token:${token}`;
  }
  const bearer = /^Bearer (\S+)$/i.exec(header);
  return bearer?.[1] === token;
}

/** Splits a CGI response: header lines up to the first blank line, then the body. */
function splitCgi(buf: Buffer): { headers: Buffer; body: Buffer } | undefined {
  const crlf = buf.indexOf('\r\n\r\n');
  const lf = buf.indexOf('\n\n');
  if (crlf < 0 && lf < 0) return undefined;
  const [at, len] = crlf >= 0 && (lf < 0 || crlf < lf) ? [crlf, 4] : [lf, 2];
  return { headers: buf.subarray(0, at), body: buf.subarray(at + len) };
}

export async function startGitHttpServer(opts: { root: string; token: string }): Promise<GitHttpServer> {
  mkdirSync(opts.root, { recursive: true });
  const failures = new Map<string, GitFailure>();
  const requests: GitRequest[] = [];
  const self: Partial<GitHttpServer> = {};

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const m = REPO_PATH.exec(url.pathname);
    const service =
      url.searchParams.get('service') ?? (m?.[3]?.endsWith('git-upload-pack') ? 'git-upload-pack' : '');
    const repo = m ? `${m[1]}/${m[2]}` : '';
    const record: GitRequest = {
      repo,
      path: url.pathname,
      service,
      authorized: authorized(req.headers.authorization, opts.token),
      ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
    };
    requests.push(record);
    self.onRequest?.(record);
    if (!record.authorized) {
      res.writeHead(401, {
        'WWW-Authenticate': 'Basic realm="keyguard test git"',
        'Content-Type': 'text/plain',
      });
      res.end('authentication required\n');
      return;
    }
    if (!m || service !== 'git-upload-pack') {
      res.writeHead(m ? 403 : 404, { 'Content-Type': 'text/plain' });
      res.end(m ? 'read-only\n' : 'not found\n');
      return;
    }
    const fail = failures.get(repo);
    if (fail?.kind === 'slow') await new Promise((r) => setTimeout(r, fail.ms));
    if (fail?.kind === 'status') {
      res.writeHead(fail.status, { 'Content-Type': 'text/plain' });
      res.end('injected failure\n');
      return;
    }
    if (fail?.kind === 'redirect') {
      res.writeHead(301, { Location: `${fail.location}${url.pathname}${url.search}` });
      res.end();
      return;
    }
    if (fail?.kind === 'drop') {
      req.socket.destroy();
      return;
    }
    if (fail?.kind === 'endless-refs' && url.pathname.endsWith('/info/refs')) {
      endlessRefs(res);
      return;
    }
    let body: Buffer | undefined;
    if (fail?.kind === 'many-refs' && req.method === 'POST') {
      body = await bodyOf(req);
      const text = (req.headers['content-encoding'] === 'gzip' ? gunzipSync(body) : body).toString('latin1');
      if (text.includes('command=ls-refs')) {
        manyRefs(res, fail.count);
        return;
      }
    }
    if (!existsSync(join(opts.root, `${repo}.git`))) {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('Repository not found.\n');
      return;
    }
    const cgi = spawn(BACKEND, [], {
      env: {
        PATH: process.env.PATH,
        GIT_PROJECT_ROOT: opts.root,
        GIT_HTTP_EXPORT_ALL: '1',
        GIT_CONFIG_NOSYSTEM: '1',
        GIT_CONFIG_GLOBAL: '/dev/null',
        PATH_INFO: url.pathname,
        QUERY_STRING: url.search.slice(1),
        REQUEST_METHOD: req.method ?? 'GET',
        CONTENT_TYPE: req.headers['content-type'] ?? '',
        REMOTE_USER: 'x-access-token',
        REMOTE_ADDR: '127.0.0.1',
        ...(req.headers['content-encoding']
          ? { HTTP_CONTENT_ENCODING: req.headers['content-encoding'] }
          : {}),
        ...(req.headers['git-protocol'] ? { GIT_PROTOCOL: String(req.headers['git-protocol']) } : {}),
      },
      stdio: ['pipe', 'pipe', 'ignore'],
    });
    if (body) cgi.stdin.end(body);
    else req.pipe(cgi.stdin);
    cgi.stdin.on('error', () => {});
    let head: Buffer = Buffer.alloc(0);
    let started = false;
    let sent = 0;
    const limit =
      fail?.kind === 'truncate' && url.pathname.endsWith('/git-upload-pack') ? fail.afterBytes : Infinity;
    const write = (chunk: Buffer) => {
      if (sent + chunk.length > limit) {
        res.write(chunk.subarray(0, Math.max(0, limit - sent)));
        sent = limit;
        cgi.kill();
        req.socket.destroy();
        return;
      }
      sent += chunk.length;
      res.write(chunk);
    };
    cgi.stdout.on('data', (chunk: Buffer) => {
      if (sent >= limit) return;
      if (started) return write(chunk);
      head = Buffer.concat([head, chunk]);
      const split = splitCgi(head);
      if (!split) return;
      started = true;
      let status = 200;
      const headers: Record<string, string> = {};
      for (const line of split.headers.toString('latin1').split(/\r?\n/)) {
        const i = line.indexOf(':');
        if (i < 0) continue;
        const name = line.slice(0, i).trim();
        const value = line.slice(i + 1).trim();
        if (name.toLowerCase() === 'status') status = Number.parseInt(value, 10) || 200;
        else headers[name] = value;
      }
      res.writeHead(status, headers);
      if (split.body.length) write(split.body);
    });
    cgi.on('close', () => {
      if (sent >= limit) return;
      if (!started) res.writeHead(500);
      res.end();
    });
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  const repoPath = (fullName: string) => join(opts.root, `${fullName}.git`);
  return Object.assign(self, {
    url: `http://127.0.0.1:${port}`,
    root: opts.root,
    token: opts.token,
    requests,
    failures,
    repoPath,
    init(fullName: string) {
      const path = repoPath(fullName);
      mkdirSync(path, { recursive: true });
      execFileSync('git', ['init', '-q', '--bare', path], {
        env: { PATH: process.env.PATH, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' },
      });
      return path;
    },
    stop: () =>
      new Promise<void>((r) => {
        server.closeAllConnections?.();
        server.close(() => r());
      }),
  }) as GitHttpServer;
}
