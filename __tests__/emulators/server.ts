/**
 * The small HTTP framework every API emulator is built on: real HTTP on 127.0.0.1 with a random
 * port, a router, a log of every request received, and fault injection on demand.
 *
 * Emulators are test infrastructure written like product code: they speak the providers' wire format
 * (see ../shared/reference/provider-apis.md) so the adapters are tested against what they will meet.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer, type Server as TlsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { type Contract, type Operation, recordViolation } from './contract.js';

export interface EmulatorRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  /** Raw body text. */
  text: string;
  /** Parsed JSON body, or undefined. */
  body: any;
  /** Named route parameters (`/keys/:hash` → `{ hash }`), URL-decoded. */
  params: Record<string, string>;
}

export interface EmulatorResponse {
  status: number;
  headers?: Record<string, string>;
  /** Objects are sent as JSON; strings as they are; undefined as an empty body. */
  body?: unknown;
  /**
   * Why this answer is deliberately outside the description (a hostile or broken provider a test
   * asks for): it is sent unchecked. Without it every answer must conform.
   */
  offContract?: string;
}

/** How an emulator enforces its provider's description. */
export interface ContractBinding {
  contract: Contract;
  /** The provider's error body for a refused request. */
  errorBody: (status: number, message: string) => unknown;
  /** Routes the emulator serves that the description does not cover (checked by nothing). */
  undescribed?: RegExp[];
}

export type Handler = (req: EmulatorRequest) => EmulatorResponse | Promise<EmulatorResponse>;

/** A fault answers instead of the real handler, for the next `times` matching requests. */
export type Fault =
  | { kind: 'status'; status: number; headers?: Record<string, string>; body?: unknown }
  /** Holds the request without answering until the client gives up. */
  | { kind: 'timeout' }
  /** Destroys the socket without an answer (ECONNRESET / "socket hang up"). */
  | { kind: 'drop' }
  /** A 200 whose body is not valid JSON. */
  | { kind: 'malformed' };

export interface FaultRule {
  method?: string;
  /** Exact path, or a pattern tested against the path. */
  path?: string | RegExp;
  fault: Fault;
  /** How many matching requests get the fault (default 1). */
  times?: number;
  /** Let this many matching requests through first (default 0): "fail the 3rd PUT". */
  after?: number;
  /**
   * A pattern tested against the raw request body: picks one operation of a protocol that sends
   * every operation to the same path (the store webhook's `"op":"put"`), where counting requests
   * with `after` would hit whichever operation happens to come n-th.
   */
  body?: RegExp;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: string;
  headers: IncomingMessage['headers'];
  body: string;
  status: number;
  faulted: boolean;
}

interface Route {
  method: string;
  pattern: string;
  regex: RegExp;
  names: string[];
  handler: Handler;
}

export class EmulatorServer {
  readonly #routes: Route[] = [];
  readonly #faults: (FaultRule & { remaining: number; skip: number })[] = [];
  readonly #sockets = new Set<Socket>();
  #contract?: ContractBinding;
  #server?: Server | TlsServer;
  #baseUrl = '';
  /** Every request received, in order (bodies included: tests check that no key went astray). */
  readonly requests: RecordedRequest[] = [];

  /**
   * A path every request must start with, taken off before routing (GitHub Enterprise Server serves
   * its REST API under `/api/v3`); `baseUrl` includes it.
   */
  pathPrefix = '';

  constructor(readonly name: string) {}

  get baseUrl(): string {
    if (!this.#baseUrl) throw new Error(`${this.name} emulator is not started`);
    return `${this.#baseUrl}${this.pathPrefix}`;
  }

  /**
   * Registers a route; `:name` segments become params, and a last `*name` segment takes the rest of
   * the path, slashes included (Vault's `/v1/secret/data/a/b/c`).
   */
  route(method: string, pattern: string, handler: Handler): this {
    const names: string[] = [];
    const source = pattern
      .split('/')
      .map((seg) => {
        if (seg.startsWith(':')) {
          names.push(seg.slice(1));
          return '([^/]+)';
        }
        if (seg.startsWith('*')) {
          names.push(seg.slice(1));
          return '(.+)';
        }
        return seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      })
      .join('/');
    this.#routes.push({
      method: method.toUpperCase(),
      pattern,
      regex: new RegExp(`^${source}/?$`),
      names,
      handler,
    });
    return this;
  }

  /** The routes registered so far, as `route()` was given them (an emulator derives its contract from them). */
  get routeList(): { method: string; pattern: string }[] {
    return this.#routes.map(({ method, pattern }) => ({ method, pattern }));
  }

  /** From now on every request is checked against the description and every answer too. */
  enforce(binding: ContractBinding): this {
    this.#contract = binding;
    return this;
  }

  get contract(): Contract | undefined {
    return this.#contract?.contract;
  }

  injectFault(rule: FaultRule): this {
    const times = rule.times ?? 1;
    // A rule for no request does nothing: a test "clearing" a fault with one keeps the earlier fault.
    if (!Number.isInteger(times) || times < 1)
      throw new Error(`injectFault: times must be a whole number >= 1, got ${times} (use clearFaults)`);
    this.#faults.push({ ...rule, remaining: times, skip: rule.after ?? 0 });
    return this;
  }

  clearFaults(): void {
    this.#faults.length = 0;
  }

  /** Requests whose path matches (for assertions). */
  requestsTo(method: string, path: string | RegExp): RecordedRequest[] {
    return this.requests.filter(
      (r) =>
        r.method === method.toUpperCase() && (typeof path === 'string' ? r.path === path : path.test(r.path)),
    );
  }

  /**
   * Listens on 127.0.0.1. With `tls` (a PEM key and certificate, e.g. from ./tls.ts) it speaks HTTPS:
   * clients that insist on it (@kubernetes/client-node with a CA in its kubeconfig) talk to it as to a cluster.
   */
  async start(port = 0, options: { tls?: { key: string; cert: string } } = {}): Promise<string> {
    const listener = (req: IncomingMessage, res: ServerResponse) => {
      this.#handle(req, res).catch((err) => {
        if (!res.headersSent) {
          res.writeHead(500, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ error: { message: `emulator bug: ${String(err)}` } }));
        }
      });
    };
    this.#server = options.tls ? createTlsServer(options.tls, listener) : createServer(listener);
    this.#server.on('connection', (s) => {
      this.#sockets.add(s);
      s.on('close', () => this.#sockets.delete(s));
    });
    await new Promise<void>((resolve) => this.#server!.listen(port, '127.0.0.1', resolve));
    const { port: actual } = this.#server.address() as AddressInfo;
    this.#baseUrl = `${options.tls ? 'https' : 'http'}://127.0.0.1:${actual}`;
    return this.#baseUrl;
  }

  async stop(): Promise<void> {
    for (const s of this.#sockets) s.destroy();
    if (this.#server) await new Promise<void>((resolve) => this.#server!.close(() => resolve()));
    this.#server = undefined;
  }

  #takeFault(method: string, path: string, body: string): Fault | undefined {
    for (const f of this.#faults) {
      if (f.remaining <= 0) continue;
      if (f.method && f.method.toUpperCase() !== method) continue;
      if (f.path && (typeof f.path === 'string' ? f.path !== path : !f.path.test(path))) continue;
      if (f.body && !f.body.test(body)) continue;
      if (f.skip > 0) {
        f.skip--;
        continue;
      }
      f.remaining--;
      return f.fault;
    }
    return undefined;
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://emulator');
    const method = (req.method ?? 'GET').toUpperCase();
    if (this.pathPrefix) {
      if (!url.pathname.startsWith(`${this.pathPrefix}/`)) {
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ message: `not under ${this.pathPrefix}` }));
        return;
      }
      url.pathname = url.pathname.slice(this.pathPrefix.length);
    }
    const record: RecordedRequest = {
      method,
      path: url.pathname,
      query: url.search,
      headers: req.headers,
      body: text,
      status: 0,
      faulted: false,
    };
    this.requests.push(record);

    const fault = this.#takeFault(method, url.pathname, text);
    if (fault) {
      record.faulted = true;
      if (fault.kind === 'timeout') return; // never answer; stop() destroys the socket
      if (fault.kind === 'drop') {
        req.socket.destroy();
        return;
      }
      if (fault.kind === 'malformed') {
        record.status = 200;
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"data": [ {"id": "trunc');
        return;
      }
      return this.#send(res, record, { status: fault.status, headers: fault.headers, body: fault.body });
    }

    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = undefined;
    }
    let op: Operation | undefined;
    const binding = this.#contract;
    if (binding && !binding.undescribed?.some((re) => re.test(url.pathname))) {
      const verdict = binding.contract.checkRequest({
        method,
        path: url.pathname,
        search: url.search,
        headers: req.headers,
        text,
      });
      if (!verdict.ok) {
        return this.#send(res, record, {
          status: verdict.status,
          body: binding.errorBody(verdict.status, verdict.reason),
          offContract: 'the refusal of a request outside the description',
        });
      }
      op = verdict.op;
    }
    for (const r of this.#routes) {
      if (r.method !== method) continue;
      const m = r.regex.exec(url.pathname);
      if (!m) continue;
      const params: Record<string, string> = {};
      r.names.forEach((n, i) => {
        params[n] = decodeURIComponent(m[i + 1]!);
      });
      const out = await r.handler({
        method,
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        text,
        body,
        params,
      });
      return this.#send(res, record, out, op);
    }
    this.#send(res, record, {
      status: 404,
      body: { error: { message: `no route ${method} ${url.pathname}` } },
    });
  }

  #send(res: ServerResponse, record: RecordedRequest, out: EmulatorResponse, op?: Operation): void {
    record.status = out.status;
    if (op && this.#contract && out.offContract === undefined) {
      for (const v of this.#contract.contract.checkResponse(op, out.status, out.body)) {
        recordViolation(this.name, v);
      }
    }
    const headers: Record<string, string> = { ...out.headers };
    let payload = '';
    if (out.body !== undefined) {
      payload = typeof out.body === 'string' ? out.body : JSON.stringify(out.body);
      if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
        headers['content-type'] = typeof out.body === 'string' ? 'text/plain' : 'application/json';
      }
    }
    res.writeHead(out.status, headers);
    res.end(payload);
  }
}

/** `Authorization: Bearer X` → X, or undefined. */
export function bearer(req: EmulatorRequest): string | undefined {
  const h = req.headers.authorization;
  const m = typeof h === 'string' ? /^Bearer\s+(.+)$/i.exec(h) : null;
  return m?.[1]?.trim();
}
