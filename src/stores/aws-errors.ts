/**
 * AWS SDK failures as StoreErrors fit for the incident: the AWS error code, what it means for the
 * store, and never a credential or a value. AWS's own message is kept only for the codes whose text
 * explains a bad request (it names parameters, not values), scrubbed of the keys in play and of
 * anything shaped like an access key id, cut to one short line.
 */
import { type Secret, scrub } from '../scan/secret.js';
import { forLog } from '../text/inert.js';
import { StoreError } from './types.js';

/** A StoreError that keeps the AWS error code, so callers can tell "not permitted" from "not there". */
export class AwsStoreError extends StoreError {
  constructor(
    storeId: string,
    message: string,
    readonly code: string,
    transient = false,
  ) {
    super(storeId, message, transient);
    this.name = 'StoreError';
  }
}

/**
 * A failure of the SDK's credential chain (STS AssumeRoleWithWebIdentity refusing the OIDC token, no
 * credentials at all): the Secrets Manager request was never sent, so the incident must say so, and
 * "not permitted" must not be read as a Secrets Manager policy.
 */
export class AwsCredentialChainError extends Error {
  constructor(readonly reason: unknown) {
    super('the AWS credential chain failed');
    this.name = 'AwsCredentialChainError';
  }
}

/** What STS's answers to AssumeRoleWithWebIdentity mean, by code (the SDK's names and the wire's). */
const ROLE_ASSUMPTION: Record<string, string> = {
  InvalidIdentityToken:
    'STS refused the web identity token (InvalidIdentityToken): not a JWT, not signed by an OIDC provider of the account, or not for audience sts.amazonaws.com',
  ExpiredToken:
    'STS refused the web identity token (ExpiredTokenException): it has expired; request a fresh one',
  AccessDenied:
    "STS refused to assume AWS_ROLE_ARN (AccessDenied): the role's trust policy does not allow this token (check its sub condition: repository, branch, environment)",
  IDPRejectedClaim: 'the identity provider rejected the token (IDPRejectedClaim)',
  IDPCommunicationError: 'STS could not reach the identity provider (IDPCommunicationError)',
  MalformedPolicyDocument: 'STS refused the session policy (MalformedPolicyDocument)',
  RegionDisabled: 'STS is not activated in this region (RegionDisabledException)',
};

function credentialChainWhy(cause: unknown): string {
  const code = awsErrorCode(cause);
  if (code === 'CredentialsProviderError')
    return 'no AWS credentials found (environment, web identity token file with AWS_ROLE_ARN, shared config/profile, container or instance metadata)';
  const known = ROLE_ASSUMPTION[code.replace(/Exception$/, '')];
  if (known) return known;
  return `getting AWS credentials failed (${forLog(code)})`;
}

const THROTTLING = new Set([
  'ThrottlingException',
  'Throttling',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'SlowDown',
]);
const SERVER = new Set([
  'InternalServiceError',
  'InternalFailure',
  'ServiceUnavailable',
  'InternalServerError',
]);
const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'ENOTFOUND',
  'ENETUNREACH',
  'EHOSTUNREACH',
]);
const NETWORK_NAMES = new Set(['TimeoutError', 'AbortError', 'RequestTimeout', 'RequestTimeoutException']);
const CREDENTIALS = new Set([
  'UnrecognizedClientException',
  'InvalidSignatureException',
  'IncompleteSignatureException',
  'MissingAuthenticationTokenException',
  'ExpiredTokenException',
  'InvalidClientTokenId',
  'SignatureDoesNotMatch',
]);
/** Codes whose AWS message says what was wrong with the request, in words worth keeping. */
const EXPLAINED = new Set([
  'ValidationException',
  'InvalidParameterException',
  'InvalidRequestException',
  'ResourceExistsException',
  'LimitExceededException',
]);

const ACCESS_KEY_ID = /\b(?:AKIA|ASIA|AROA|AIDA)[A-Z0-9]{12,}\b/g;
const MAX_DETAIL = 240;

interface SdkErrorLike {
  name?: string;
  code?: string;
  message?: string;
  $fault?: 'client' | 'server';
  $metadata?: { httpStatusCode?: number };
}

/** The AWS error code of an SDK failure (`ThrottlingException`), or the Node network code. */
export function awsErrorCode(err: unknown): string {
  const e = (err ?? {}) as SdkErrorLike;
  if (typeof e.code === 'string' && NETWORK_CODES.has(e.code)) return e.code;
  return typeof e.name === 'string' && e.name ? e.name : 'Error';
}

/** Throttling, server faults (5xx) and failures with no answer at all are worth another try. */
export function isTransientAwsError(err: unknown): boolean {
  if (err instanceof AwsCredentialChainError) return isTransientAwsError(err.reason);
  const e = (err ?? {}) as SdkErrorLike;
  const code = awsErrorCode(err);
  if (THROTTLING.has(code) || SERVER.has(code) || NETWORK_CODES.has(code) || NETWORK_NAMES.has(code))
    return true;
  const status = e.$metadata?.httpStatusCode;
  if (typeof status === 'number') return status === 429 || status >= 500;
  // No HTTP status: the request got no answer (refused, reset, hang-up), unless it never left
  // (no credentials, a bug of ours). Some runtimes hand the socket error over without its `code`.
  return e.$fault === undefined && code !== 'CredentialsProviderError' && !(err instanceof TypeError);
}

function detail(err: unknown, secrets: Secret[]): string {
  const raw = (err as SdkErrorLike)?.message;
  if (typeof raw !== 'string' || !raw) return '';
  const clean = forLog(scrub(raw, secrets)).replace(ACCESS_KEY_ID, '(access key id)');
  return `: ${clean.length > MAX_DETAIL ? `${clean.slice(0, MAX_DETAIL)}…` : clean}`;
}

/**
 * The StoreError for a failed `operation` on `secret`. `secrets` are the keys the call involved (the
 * leaked one, the replacement): scrubbed from any text that comes back.
 */
export function toStoreError(
  storeId: string,
  operation: string,
  secret: string,
  err: unknown,
  secrets: Secret[] = [],
): AwsStoreError {
  if (err instanceof AwsStoreError) return err;
  if (err instanceof AwsCredentialChainError) {
    return new AwsStoreError(
      storeId,
      `${operation} on ${forLog(secret)} not sent: ${credentialChainWhy(err.reason)}`,
      awsErrorCode(err.reason),
      isTransientAwsError(err.reason),
    );
  }
  const code = awsErrorCode(err);
  const transient = isTransientAwsError(err);
  const where = `${operation} on ${forLog(secret)}`;
  let why: string;
  if (code === 'AccessDeniedException' || code === 'AccessDenied') {
    why = `not permitted (the credentials lack secretsmanager:${operation} on this secret, or a resource or KMS key policy denies it)`;
  } else if (code === 'ResourceNotFoundException') {
    why = 'the secret (or the version asked for) does not exist';
  } else if (code === 'DecryptionFailure' || code === 'EncryptionFailure') {
    why = `${code}: the secret's KMS key cannot be used with these credentials (kms:Decrypt / kms:GenerateDataKey)`;
  } else if (code === 'CredentialsProviderError') {
    why =
      'no AWS credentials found (environment, web identity token file with AWS_ROLE_ARN, shared config/profile, container or instance metadata)';
  } else if (CREDENTIALS.has(code)) {
    why = `AWS refused the credentials (${code}): wrong or expired key, session token, region or clock`;
  } else if (THROTTLING.has(code)) {
    why = `throttled by AWS (${code})`;
  } else if (SERVER.has(code) || ((err as SdkErrorLike)?.$metadata?.httpStatusCode ?? 0) >= 500) {
    why = `AWS server error (${code})`;
  } else if (transient) {
    why = `no answer from Secrets Manager (${code})`;
  } else if (EXPLAINED.has(code)) {
    why = `${code}${detail(err, secrets)}`;
  } else {
    why = code;
  }
  return new AwsStoreError(storeId, `${where} failed: ${why}`, code, transient);
}
