/**
 * The HTTP layer under @kubernetes/client-node for the Kubernetes store: the client's own library
 * (node-fetch) reads any answer whole and without a time limit, so a hostile or broken API server could
 * hold the run or fill its memory. This one sends what the client built (URL, headers with the
 * credentials it applied, the TLS agent with the kubeconfig's CA) over node:http(s), with a time limit
 * per request and a cap on the answer's size; a 2xx answer that is not a JSON object is refused here,
 * before the client's deserialiser can quote it in an error.
 *
 * Every bearer token the client applies is handed to `onCredential` before the request leaves, so it is
 * masked (core.setSecret) and scrubbed from errors whichever way it was obtained (kubeconfig token,
 * service-account token file, exec plugin).
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { PromiseHttpLibrary, RequestContext, ResponseContext } from '@kubernetes/client-node';

/** A Secret is at most 1 MiB in etcd (~1.4 MiB as base64 JSON); a list page of workloads stays well below. */
export const MAX_ANSWER_BYTES = 4 * 1024 * 1024;

/** The API server did not answer, or answered something no API server sends. Our text only. */
export class KubeTransportError extends Error {
  constructor(
    message: string,
    readonly transient: boolean,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'KubeTransportError';
  }
}

export interface TransportOptions {
  timeoutMs: number;
  maxBytes?: number;
  /** Called with each credential found in a request's Authorization header. */
  onCredential?: (value: string) => void;
  /** The ResponseContext class of the loaded client (it is imported lazily). */
  ResponseContext: typeof ResponseContext;
}

export function boundedHttpLibrary(opts: TransportOptions): PromiseHttpLibrary {
  const max = opts.maxBytes ?? MAX_ANSWER_BYTES;
  return {
    send(req: RequestContext): Promise<ResponseContext> {
      const headers = { ...req.getHeaders() };
      const auth = Object.entries(headers).find(([k]) => k.toLowerCase() === 'authorization')?.[1];
      if (auth) {
        const m = /^(?:Bearer|Basic)\s+(.+)$/i.exec(auth);
        opts.onCredential?.(m ? m[1]! : auth);
      }
      const url = new URL(req.getUrl());
      const body = req.getBody();
      if (body !== undefined && typeof body !== 'string') {
        return Promise.reject(new KubeTransportError('only JSON request bodies are sent', false));
      }
      const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
      return new Promise<ResponseContext>((resolve, reject) => {
        const r = send(
          url,
          {
            method: req.getHttpMethod(),
            headers: body === undefined ? headers : { ...headers, 'content-length': Buffer.byteLength(body) },
            agent: req.getAgent(),
            signal: req.getSignal(),
          },
          (res) =>
            collect(res, max)
              .then((buf) => toResponse(res, buf, opts))
              .then(resolve, reject),
        );
        r.setTimeout(opts.timeoutMs, () =>
          r.destroy(
            new KubeTransportError(`the API server did not answer within ${opts.timeoutMs} ms`, true),
          ),
        );
        r.on('error', (err) =>
          reject(
            err instanceof KubeTransportError
              ? err
              : // Node's own text names the address and the error code, never a header or a body.
                new KubeTransportError(`the API server could not be reached (${networkReason(err)})`, true),
          ),
        );
        if (body !== undefined) r.write(body);
        r.end();
      });
    },
  };
}

function networkReason(err: unknown): string {
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && /^[A-Z_]{2,40}$/.test(code)) return code;
  return 'connection failed';
}

function collect(res: IncomingMessage, max: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    res.on('data', (c: Buffer) => {
      size += c.length;
      if (size > max) {
        res.destroy();
        reject(
          new KubeTransportError(
            `the API server's answer (${res.statusCode}) is larger than ${Math.round(max / 1024 / 1024)} MiB: refused`,
            false,
            res.statusCode,
          ),
        );
        return;
      }
      chunks.push(c);
    });
    res.on('end', () => resolve(Buffer.concat(chunks)));
    res.on('error', () =>
      reject(new KubeTransportError('the API server broke off its answer', true, res.statusCode)),
    );
  });
}

function toResponse(res: IncomingMessage, buf: Buffer, opts: TransportOptions): ResponseContext {
  const status = res.statusCode ?? 0;
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(res.headers)) {
    if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
  }
  if (status >= 200 && status < 300) {
    const type = (headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    let parsed: unknown;
    try {
      parsed = type === 'application/json' ? JSON.parse(buf.toString('utf8')) : undefined;
    } catch {
      parsed = undefined;
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      const shown = /^[a-z]+\/[a-z0-9.+-]{1,60}$/.test(type)
        ? type
        : type
          ? 'an odd content type'
          : 'no content type';
      throw new KubeTransportError(
        `the API server answered ${status} with something that is not a JSON object (${shown})`,
        false,
        status,
      );
    }
  }
  const text = buf.toString('utf8');
  return new opts.ResponseContext(status, headers, {
    text: () => Promise.resolve(text),
    binary: () => Promise.resolve(buf),
  });
}
