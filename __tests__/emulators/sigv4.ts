/**
 * An AWS Signature Version 4 verifier written from AWS's description of the algorithm (canonical
 * request → string to sign → derived signing key → HMAC), independent of `@smithy/signature-v4`, which
 * the SDK signs with: the SDK's requests and this verifier check each other, and a unit test signs
 * requests with `@smithy/signature-v4` directly to pin the two together.
 *
 * It refuses what AWS refuses: an unknown access key, a wrong secret, a wrong region or service in the
 * credential scope, a request dated more than 5 minutes from the server's clock, a session token that
 * is missing, wrong or unsigned, and a request whose meaningful headers (`host`, `content-type`,
 * every `x-amz-*`) are not all covered by the signature.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export interface Credential {
  accessKeyId: string;
  secretAccessKey: string;
  /** Temporary credentials (STS, OIDC role assumption) carry a session token the request must sign. */
  sessionToken?: string;
}

export interface SignedRequest {
  method: string;
  /** The request target as received (path and query, still percent-encoded). */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface VerifyOptions {
  region: string;
  service: string;
  lookup: (accessKeyId: string) => Credential | undefined;
  now?: () => number;
  /** Largest allowed distance between the request's date and the server's clock (AWS: 5 minutes). */
  maxSkewMs?: number;
}

/** A refusal in AWS's words: the `__type` the JSON protocol answers with, and its message. */
export interface SigV4Refusal {
  ok: false;
  code:
    | 'MissingAuthenticationTokenException'
    | 'IncompleteSignatureException'
    | 'InvalidSignatureException'
    | 'UnrecognizedClientException';
  status: number;
  message: string;
}

export type SigV4Verdict = { ok: true; accessKeyId: string } | SigV4Refusal;

const ALGORITHM = 'AWS4-HMAC-SHA256';
const FIVE_MINUTES = 5 * 60_000;

const sha256hex = (data: string) => createHash('sha256').update(data, 'utf8').digest('hex');
const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data, 'utf8').digest();

/** RFC 3986 encoding as SigV4 wants it: every byte but unreserved characters as %XX, upper-case hex. */
export function uriEncode(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Services other than S3 sign the normalized path with each segment encoded twice. */
function canonicalUri(rawPath: string): string {
  const segments: string[] = [];
  for (const seg of rawPath.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') segments.pop();
    else segments.push(seg);
  }
  const trailing = rawPath.endsWith('/') && segments.length > 0 ? '/' : '';
  return `/${segments
    .map((s) => uriEncode(decodeURIComponent(s)))
    .map(uriEncode)
    .join('/')}${trailing}`;
}

function canonicalQuery(search: string): string {
  const pairs: [string, string][] = [];
  for (const part of search.replace(/^\?/, '').split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const k = decodeURIComponent((eq < 0 ? part : part.slice(0, eq)).replace(/\+/g, ' '));
    const v = eq < 0 ? '' : decodeURIComponent(part.slice(eq + 1).replace(/\+/g, ' '));
    pairs.push([uriEncode(k), uriEncode(v)]);
  }
  pairs.sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0));
  return pairs.map(([k, v]) => `${k}=${v}`).join('&');
}

function headerValue(v: string | string[] | undefined): string {
  const joined = Array.isArray(v) ? v.join(',') : (v ?? '');
  return joined.trim().replace(/\s+/g, ' ');
}

/** `20260102T030405Z` → epoch ms, or NaN. */
export function parseAmzDate(s: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(s);
  if (!m) return Number.NaN;
  const [, y, mo, d, h, mi, se] = m.map(Number) as number[];
  return Date.UTC(y!, mo! - 1, d!, h!, mi!, se!);
}

/** Epoch ms → `20260102T030405Z`. */
export function formatAmzDate(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/[-:]/g, '').replace('.000', '');
}

/** The signing key of a day, region and service (kDate → kRegion → kService → kSigning). */
export function signingKey(secret: string, date: string, region: string, service: string): Buffer {
  return hmac(hmac(hmac(hmac(`AWS4${secret}`, date), region), service), 'aws4_request');
}

/** The canonical request of `req` over `signedHeaders` (lower-case names, sorted). */
export function canonicalRequest(req: SignedRequest, signedHeaders: string[]): string {
  const q = req.url.indexOf('?');
  const path = q < 0 ? req.url : req.url.slice(0, q);
  const search = q < 0 ? '' : req.url.slice(q);
  const lower: Record<string, string | string[] | undefined> = {};
  for (const [k, v] of Object.entries(req.headers)) lower[k.toLowerCase()] = v;
  const headers = signedHeaders.map((h) => `${h}:${headerValue(lower[h])}\n`).join('');
  return [
    req.method.toUpperCase(),
    canonicalUri(path),
    canonicalQuery(search),
    headers,
    signedHeaders.join(';'),
    sha256hex(req.body),
  ].join('\n');
}

const refuse = (code: SigV4Refusal['code'], message: string, status = 400): SigV4Refusal => ({
  ok: false,
  code,
  status,
  message,
});

/** Headers the signature must cover when present: what routes the call and what carries credentials. */
function mustBeSigned(name: string): boolean {
  return name === 'host' || name === 'content-type' || name.startsWith('x-amz-');
}

export function verifySigV4(req: SignedRequest, opts: VerifyOptions): SigV4Verdict {
  const now = (opts.now ?? Date.now)();
  const lower: Record<string, string | string[] | undefined> = {};
  for (const [k, v] of Object.entries(req.headers)) lower[k.toLowerCase()] = v;
  const auth = headerValue(lower.authorization);
  if (!auth) return refuse('MissingAuthenticationTokenException', 'Missing Authentication Token', 403);
  const m =
    /^AWS4-HMAC-SHA256 Credential=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]{64})$/.exec(
      auth,
    );
  if (!m) {
    return refuse(
      'IncompleteSignatureException',
      `Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters (${ALGORITHM}).`,
    );
  }
  const [, credential, signedList, signature] = m as unknown as [string, string, string, string];
  const scope = credential.split('/');
  if (scope.length !== 5)
    return refuse('IncompleteSignatureException', 'Credential should be scoped correctly.');
  const [accessKeyId, date, region, service, terminator] = scope as [string, string, string, string, string];
  const cred = opts.lookup(accessKeyId);
  if (!cred)
    return refuse('UnrecognizedClientException', 'The security token included in the request is invalid.');
  if (region !== opts.region || service !== opts.service || terminator !== 'aws4_request') {
    return refuse(
      'InvalidSignatureException',
      `Credential should be scoped to a valid region and service: expected '${opts.region}/${opts.service}'.`,
    );
  }
  const amzDate = headerValue(lower['x-amz-date']);
  const when = parseAmzDate(amzDate);
  if (Number.isNaN(when)) {
    return refuse(
      'IncompleteSignatureException',
      'Authorization header requires existence of a valid X-Amz-Date.',
    );
  }
  if (amzDate.slice(0, 8) !== date) {
    return refuse('InvalidSignatureException', 'Credential should be scoped to the date of X-Amz-Date.');
  }
  const skew = opts.maxSkewMs ?? FIVE_MINUTES;
  // AWS's own wording, e.g. `Signature expired: 20130524T000000Z is now earlier than 20130524T000500Z
  // (20130524T001000Z - 5 min.)`.
  const minutes = `${Math.round(skew / 60_000)} min.`;
  if (now - when > skew) {
    return refuse(
      'InvalidSignatureException',
      `Signature expired: ${amzDate} is now earlier than ${formatAmzDate(now - skew)} (${formatAmzDate(now)} - ${minutes})`,
    );
  }
  if (when - now > skew) {
    return refuse(
      'InvalidSignatureException',
      `Signature not yet current: ${amzDate} is still later than ${formatAmzDate(now + skew)} (${formatAmzDate(now)} + ${minutes})`,
    );
  }
  const signed = signedList.split(';');
  const sorted = [...signed].sort();
  if (
    signed.some((h, i) => h !== sorted[i] || h !== h.toLowerCase()) ||
    new Set(signed).size !== signed.length
  ) {
    return refuse('IncompleteSignatureException', 'SignedHeaders must be lower-case, sorted and unique.');
  }
  for (const name of Object.keys(lower)) {
    if (name !== 'authorization' && mustBeSigned(name) && !signed.includes(name)) {
      return refuse('InvalidSignatureException', `The request header ${name} is not signed.`);
    }
  }
  for (const name of signed) {
    if (lower[name] === undefined)
      return refuse('InvalidSignatureException', `Signed header ${name} is missing.`);
  }
  const token = headerValue(lower['x-amz-security-token']);
  if ((cred.sessionToken ?? '') !== token) {
    return refuse('UnrecognizedClientException', 'The security token included in the request is invalid.');
  }
  const stringToSign = [
    ALGORITHM,
    amzDate,
    `${date}/${region}/${service}/aws4_request`,
    sha256hex(canonicalRequest(req, signed)),
  ].join('\n');
  const expected = createHmac('sha256', signingKey(cred.secretAccessKey, date, region, service))
    .update(stringToSign, 'utf8')
    .digest();
  if (!timingSafeEqual(expected, Buffer.from(signature, 'hex'))) {
    return refuse(
      'InvalidSignatureException',
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.',
    );
  }
  return { ok: true, accessKeyId };
}
