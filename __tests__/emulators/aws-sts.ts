/**
 * AWS STS `AssumeRoleWithWebIdentity` on 127.0.0.1, as GitHub's OIDC role assumption calls it
 * (`AWS_ROLE_ARN` + `AWS_WEB_IDENTITY_TOKEN_FILE`), in the service's real wire format: the AWS Query
 * protocol (POST /, `application/x-www-form-urlencoded` body
 * `Action=AssumeRoleWithWebIdentity&Version=2011-06-15&RoleArn=…&RoleSessionName=…&WebIdentityToken=…`;
 * the call is unsigned), answered with the 2011-06-15 XML (`AssumeRoleWithWebIdentityResponse` →
 * `Credentials` AccessKeyId/SecretAccessKey/SessionToken/Expiration), errors as `ErrorResponse` XML
 * (`Error/Type`, `Code`, `Message`, `RequestId`) with the API reference's codes.
 *
 * It is also the OIDC identity provider: it signs RS256 JWTs with a key made at start-up, and it checks
 * a token the way STS does: a JWT at all (InvalidIdentityToken), signed by the registered provider's key
 * (InvalidIdentityToken), an issuer with an OIDC provider in the account (InvalidIdentityToken), the
 * provider's audience (InvalidIdentityToken "Incorrect token audience"), not expired
 * (ExpiredTokenException), and the role's trust policy `sub` condition (AccessDenied, 403). Parameters
 * follow the reference's constraints (ValidationError). Granted session credentials are registered on
 * the Secrets Manager emulator with the role's permissions, their session token and their expiry, so
 * every later request must carry and sign `x-amz-security-token`.
 */
import { createSign, createVerify, generateKeyPairSync, type KeyObject, randomUUID } from 'node:crypto';
import { KeyGen } from '../helpers/keygen.js';
import type { SecretsManagerEmulator } from './aws-secrets-manager.js';
import { ServedEmulator } from './served.js';
import { type EmulatorRequest, type EmulatorResponse, EmulatorServer } from './server.js';

const XMLNS = 'https://sts.amazonaws.com/doc/2011-06-15/';
const ACCOUNT = '123456789012';
const FORM = 'application/x-www-form-urlencoded';

export interface TrustedRole {
  /** `arn:aws:iam::123456789012:role/<name>`. */
  arn: string;
  /** The trust policy's `token.actions.githubusercontent.com:sub` StringLike pattern (`*` wildcards). */
  subject: string;
  /** IAM actions the role's session may call on Secrets Manager. */
  allow: string[];
}

export interface StsCall {
  action: string;
  params: Record<string, string>;
  /** Whether the request carried an Authorization header (the SDK sends this call unsigned). */
  signed: boolean;
  outcome: string;
}

class StsError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

const b64url = (b: Buffer | string) => Buffer.from(b).toString('base64url');
const xmlEscape = (s: string) =>
  s.replace(
    /[<>&'"]/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!,
  );

export class StsEmulator extends ServedEmulator {
  readonly server = new EmulatorServer('aws-sts');
  readonly issuer: string;
  readonly audience = 'sts.amazonaws.com';
  readonly calls: StsCall[] = [];
  /** Every credential granted, for the "nothing leaks" checks. */
  readonly granted: { accessKeyId: string; secretAccessKey: string; sessionToken: string }[] = [];
  readonly #roles = new Map<string, TrustedRole>();
  readonly #key: { privateKey: KeyObject; publicKey: KeyObject };
  readonly #kid = randomUUID();
  readonly #gen: KeyGen;
  readonly #now: () => number;

  constructor(
    readonly secretsManager: SecretsManagerEmulator,
    opts: { issuer?: string; now?: () => number; seed?: number } = {},
  ) {
    super();
    this.issuer = opts.issuer ?? 'https://token.actions.githubusercontent.com';
    this.#now = opts.now ?? Date.now;
    this.#gen = new KeyGen(opts.seed ?? 2011);
    this.#key = generateKeyPairSync('rsa', { modulusLength: 2048 });
    this.server.route('POST', '/', (req) => this.#handle(req));
  }

  get endpoint(): string {
    return this.server.baseUrl;
  }

  trustRole(role: TrustedRole): this {
    this.#roles.set(role.arn, role);
    return this;
  }

  /** An OIDC token as GitHub's provider issues it (RS256), or one signed by `otherKey` (a forgery). */
  issueToken(claims: Record<string, unknown>, opts: { otherKey?: boolean } = {}): string {
    const now = Math.floor(this.#now() / 1000);
    const header = b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: this.#kid }));
    const payload = b64url(
      JSON.stringify({ iss: this.issuer, aud: this.audience, iat: now, nbf: now, exp: now + 300, ...claims }),
    );
    const key = opts.otherKey
      ? generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey
      : this.#key.privateKey;
    const sig = createSign('RSA-SHA256').update(`${header}.${payload}`).sign(key);
    return `${header}.${payload}.${b64url(sig)}`;
  }

  #handle(req: EmulatorRequest): EmulatorResponse {
    const type = String(req.headers['content-type'] ?? '')
      .split(';')[0]!
      .trim()
      .toLowerCase();
    const params = Object.fromEntries(new URLSearchParams(type === FORM ? req.text : ''));
    const call: StsCall = {
      action: params.Action ?? '',
      params,
      signed: req.headers.authorization !== undefined,
      outcome: 'ok',
    };
    this.calls.push(call);
    try {
      if (type !== FORM) throw new StsError('InvalidAction', 'Could not find operation for the request.');
      if (params.Version !== '2011-06-15')
        throw new StsError(
          'InvalidAction',
          `Could not find operation ${params.Action ?? ''} for version ${params.Version ?? 'NO_VERSION_SPECIFIED'}`,
        );
      if (params.Action !== 'AssumeRoleWithWebIdentity')
        throw new StsError(
          'InvalidAction',
          `Could not find operation ${params.Action ?? ''} for version 2011-06-15`,
        );
      return { status: 200, headers: this.#headers(), body: this.#assume(params) };
    } catch (err) {
      if (!(err instanceof StsError)) throw err;
      call.outcome = err.code;
      return {
        status: err.status,
        headers: this.#headers(),
        body: `<ErrorResponse xmlns="${XMLNS}">\n  <Error>\n    <Type>Sender</Type>\n    <Code>${err.code}</Code>\n    <Message>${xmlEscape(err.message)}</Message>\n  </Error>\n  <RequestId>${randomUUID()}</RequestId>\n</ErrorResponse>\n`,
      };
    }
  }

  #headers(): Record<string, string> {
    return { 'content-type': 'text/xml', 'x-amzn-requestid': randomUUID() };
  }

  /** The API reference's constraints on the request parameters. */
  #validate(p: Record<string, string>): void {
    const errors: string[] = [];
    const check = (name: string, min: number, max: number, pattern?: RegExp) => {
      const v = p[name];
      const at = `Value ${v === undefined ? 'null' : `'${name === 'WebIdentityToken' ? '***' : v}'`} at '${name[0]!.toLowerCase()}${name.slice(1)}'`;
      if (v === undefined) errors.push(`${at} failed to satisfy constraint: Member must not be null`);
      else if (v.length < min || v.length > max)
        errors.push(`${at} failed to satisfy constraint: Member must have length between ${min} and ${max}`);
      else if (pattern && !pattern.test(v))
        errors.push(
          `${at} failed to satisfy constraint: Member must satisfy regular expression pattern: ${pattern.source}`,
        );
    };
    check('RoleArn', 20, 2048);
    check('RoleSessionName', 2, 64, /^[\w+=,.@-]*$/);
    check('WebIdentityToken', 4, 20000);
    if (p.DurationSeconds !== undefined) {
      const d = Number(p.DurationSeconds);
      if (!Number.isInteger(d) || d < 900 || d > 43200)
        errors.push(
          `Value '${p.DurationSeconds}' at 'durationSeconds' failed to satisfy constraint: Member must have value between 900 and 43200`,
        );
    }
    if (errors.length)
      throw new StsError(
        'ValidationError',
        `${errors.length} validation error${errors.length > 1 ? 's' : ''} detected: ${errors.join('; ')}`,
      );
  }

  /** The token's claims once STS would accept it for `role`; else the error STS answers. */
  #verifyToken(token: string, role: TrustedRole | undefined): Record<string, unknown> {
    const parts = token.split('.');
    let header: Record<string, unknown>;
    let claims: Record<string, unknown>;
    try {
      if (parts.length !== 3) throw new Error('parts');
      header = JSON.parse(Buffer.from(parts[0]!, 'base64url').toString());
      claims = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString());
    } catch {
      throw new StsError(
        'InvalidIdentityToken',
        'The ID Token provided is not a valid JWT. (You may see this error if you sent an Access Token)',
      );
    }
    if (claims.iss !== this.issuer)
      throw new StsError(
        'InvalidIdentityToken',
        `No OpenIDConnect provider found in your account for ${String(claims.iss)}`,
      );
    const valid =
      header.alg === 'RS256' &&
      header.kid === this.#kid &&
      createVerify('RSA-SHA256')
        .update(`${parts[0]}.${parts[1]}`)
        .verify(this.#key.publicKey, Buffer.from(parts[2]!, 'base64url'));
    if (!valid)
      throw new StsError(
        'InvalidIdentityToken',
        'The web identity token that was passed could not be validated by AWS. Get a new identity token from the identity provider and then retry the request.',
      );
    const aud = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
    if (!aud.includes(this.audience)) throw new StsError('InvalidIdentityToken', 'Incorrect token audience');
    const now = Math.floor(this.#now() / 1000);
    if (typeof claims.exp !== 'number' || claims.exp <= now)
      throw new StsError(
        'ExpiredTokenException',
        `Token expired: current date/time ${now} must be before the expiration date/time ${String(claims.exp)}`,
      );
    const pattern =
      role &&
      new RegExp(
        `^${role.subject
          .split('*')
          .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
          .join('.*')}$`,
      );
    if (!role || !pattern!.test(String(claims.sub)))
      throw new StsError('AccessDenied', 'Not authorized to perform sts:AssumeRoleWithWebIdentity', 403);
    return claims;
  }

  #assume(p: Record<string, string>): string {
    this.#validate(p);
    const role = this.#roles.get(p.RoleArn!);
    const claims = this.#verifyToken(p.WebIdentityToken!, role);
    const duration = p.DurationSeconds ? Number(p.DurationSeconds) : 3600;
    const expires = this.#now() + duration * 1000;
    const creds = {
      accessKeyId: `ASIA${this.#gen.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16)}`,
      secretAccessKey: this.#gen.b64url(40),
      sessionToken: this.#gen.b64url(300),
    };
    this.granted.push(creds);
    this.secretsManager.addAccessKey({ ...creds, allow: new Set(role!.allow), expires });
    const roleName = role!.arn.split('/').pop()!;
    return `<AssumeRoleWithWebIdentityResponse xmlns="${XMLNS}">
  <AssumeRoleWithWebIdentityResult>
    <SubjectFromWebIdentityToken>${xmlEscape(String(claims.sub))}</SubjectFromWebIdentityToken>
    <Audience>${this.audience}</Audience>
    <AssumedRoleUser>
      <Arn>arn:aws:sts::${ACCOUNT}:assumed-role/${xmlEscape(roleName)}/${xmlEscape(p.RoleSessionName!)}</Arn>
      <AssumedRoleId>AROA${this.#gen.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 17)}:${xmlEscape(p.RoleSessionName!)}</AssumedRoleId>
    </AssumedRoleUser>
    <Credentials>
      <SessionToken>${creds.sessionToken}</SessionToken>
      <SecretAccessKey>${creds.secretAccessKey}</SecretAccessKey>
      <Expiration>${new Date(expires).toISOString().replace(/\.\d{3}Z$/, 'Z')}</Expiration>
      <AccessKeyId>${creds.accessKeyId}</AccessKeyId>
    </Credentials>
    <Provider>${xmlEscape(this.issuer.replace(/^https:\/\//, ''))}</Provider>
  </AssumeRoleWithWebIdentityResult>
  <ResponseMetadata>
    <RequestId>${randomUUID()}</RequestId>
  </ResponseMetadata>
</AssumeRoleWithWebIdentityResponse>
`;
  }
}
