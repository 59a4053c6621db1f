/**
 * AWS Secrets Manager on 127.0.0.1, speaking the service's real wire protocol: AWS JSON 1.1 (POST /,
 * `X-Amz-Target: secretsmanager.<Operation>`, `Content-Type: application/x-amz-json-1.1`, errors as
 * `{"__type": …, "message": …}` with the `x-amzn-ErrorType` header), every request's SigV4 signature
 * verified (./sigv4.ts), IAM-like permissions per access key, and fault injection per operation.
 *
 * The operations keyguard's sink uses follow the Secrets Manager API reference: input members and their
 * length constraints (ValidationException), unknown members and wrong types (SerializationException),
 * and the staging-label rules: each label on at most one version, AWSCURRENT on exactly one version once
 * the secret has a value and never removed without being moved, AWSPREVIOUS moved automatically to the
 * version AWSCURRENT leaves, a ClientRequestToken naming an existing version is idempotent for the same
 * value and ResourceExistsException for another.
 */
import { createHash, randomUUID } from 'node:crypto';
import { ServedEmulator } from './served.js';
import { type EmulatorRequest, type EmulatorResponse, EmulatorServer } from './server.js';
import { type Credential, verifySigV4 } from './sigv4.js';

export const SECRETS_MANAGER_OPERATIONS = [
  'CreateSecret',
  'DescribeSecret',
  'GetSecretValue',
  'ListSecretVersionIds',
  'PutSecretValue',
  'UpdateSecretVersionStage',
] as const;
export type Operation = (typeof SECRETS_MANAGER_OPERATIONS)[number];

export interface AccessKey extends Credential {
  /** IAM actions this key may call (`secretsmanager:GetSecretValue`), or `*`. */
  allow: Set<string> | '*';
  /** Secret names it may touch (default: all). */
  resources?: Set<string>;
  /** Temporary credentials (STS): epoch ms after which every request is refused as expired. */
  expires?: number;
}

export interface EmulatedVersion {
  id: string;
  secretString?: string;
  secretBinary?: string;
  stages: Set<string>;
  created: number;
}

export interface EmulatedSecret {
  arn: string;
  name: string;
  versions: Map<string, EmulatedVersion>;
  created: number;
  lastChanged: number;
  rotationLambdaArn?: string;
  deleted?: number;
  owningService?: string;
}

export type SmFault =
  /** `ThrottlingException` (400), as the service answers past its request rate. */
  | { kind: 'throttle' }
  /** `InternalServiceError` (500). */
  | { kind: 'internal' }
  /** Holds the request without answering until the client gives up. */
  | { kind: 'hang' }
  /** Carries the operation out, then never answers: the client cannot know it worked (a lost answer). */
  | { kind: 'lose-answer' };

interface FaultEntry {
  op?: Operation;
  fault: SmFault;
  remaining: number;
}

class AwsError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

const JSON_11 = 'application/x-amz-json-1.1';
const ACCOUNT = '123456789012';
const CURRENT = 'AWSCURRENT';
const PREVIOUS = 'AWSPREVIOUS';

/** The members each operation accepts, with their types and constraints (API reference, 2017-10-17). */
type Member =
  | { type: 'string'; min?: number; max?: number; required?: boolean }
  | { type: 'blob'; min?: number; max?: number }
  | { type: 'integer'; min?: number; max?: number }
  | { type: 'boolean' }
  | { type: 'string-list'; min?: number; max?: number; itemMin?: number; itemMax?: number }
  | { type: 'any' };

const SECRET_ID: Member = { type: 'string', min: 1, max: 2048, required: true };
const TOKEN: Member = { type: 'string', min: 32, max: 64 };
const STAGE: Member = { type: 'string', min: 1, max: 256 };
const SECRET_STRING: Member = { type: 'string', min: 1, max: 65536 };
const SECRET_BINARY: Member = { type: 'blob', min: 1, max: 65536 };

const SHAPES: Record<Operation, Record<string, Member>> = {
  CreateSecret: {
    Name: { type: 'string', min: 1, max: 512, required: true },
    ClientRequestToken: TOKEN,
    Description: { type: 'string', max: 2048 },
    KmsKeyId: { type: 'string', max: 2048 },
    SecretBinary: SECRET_BINARY,
    SecretString: SECRET_STRING,
    Tags: { type: 'any' },
    AddReplicaRegions: { type: 'any' },
    ForceOverwriteReplicaSecret: { type: 'boolean' },
    Type: { type: 'string', min: 0, max: 256 },
  },
  DescribeSecret: { SecretId: SECRET_ID },
  GetSecretValue: { SecretId: SECRET_ID, VersionId: TOKEN, VersionStage: STAGE },
  ListSecretVersionIds: {
    SecretId: SECRET_ID,
    MaxResults: { type: 'integer', min: 1, max: 100 },
    NextToken: { type: 'string', min: 1, max: 4096 },
    IncludeDeprecated: { type: 'boolean' },
  },
  PutSecretValue: {
    SecretId: SECRET_ID,
    ClientRequestToken: TOKEN,
    SecretBinary: SECRET_BINARY,
    SecretString: SECRET_STRING,
    VersionStages: { type: 'string-list', min: 1, max: 20, itemMin: 1, itemMax: 256 },
    RotationToken: { type: 'string', min: 36, max: 256 },
  },
  UpdateSecretVersionStage: {
    SecretId: SECRET_ID,
    VersionStage: { ...STAGE, required: true },
    RemoveFromVersionId: TOKEN,
    MoveToVersionId: TOKEN,
  },
};

/** AWS's own phrasing: `1 validation error detected: Value at 'clientRequestToken' failed to satisfy …`. */
function validate(op: Operation, body: unknown): void {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new AwsError('SerializationException', 'Start of structure or map found where not expected.');
  }
  const shape = SHAPES[op];
  const input = body as Record<string, unknown>;
  for (const k of Object.keys(input)) {
    if (!(k in shape)) throw new AwsError('SerializationException', `Unknown member ${k} for ${op}.`);
  }
  const errors: string[] = [];
  const at = (k: string) => `Value at '${k[0]!.toLowerCase()}${k.slice(1)}'`;
  for (const [k, m] of Object.entries(shape)) {
    const v = input[k];
    if (v === undefined || v === null) {
      if ('required' in m && m.required)
        errors.push(`${at(k)} failed to satisfy constraint: Member must not be null`);
      continue;
    }
    if (m.type === 'string' || m.type === 'blob') {
      if (typeof v !== 'string') throw new AwsError('SerializationException', `${k} must be a string.`);
      const len = m.type === 'blob' ? Buffer.from(v, 'base64').length : v.length;
      if (m.min !== undefined && len < m.min) {
        errors.push(
          `${at(k)} failed to satisfy constraint: Member must have length greater than or equal to ${m.min}`,
        );
      }
      if (m.max !== undefined && len > m.max) {
        errors.push(
          `${at(k)} failed to satisfy constraint: Member must have length less than or equal to ${m.max}`,
        );
      }
    } else if (m.type === 'integer') {
      if (!Number.isInteger(v)) throw new AwsError('SerializationException', `${k} must be an integer.`);
      const n = v as number;
      if ((m.min !== undefined && n < m.min) || (m.max !== undefined && n > m.max)) {
        errors.push(`${at(k)} failed to satisfy constraint: Member must be between ${m.min} and ${m.max}`);
      }
    } else if (m.type === 'boolean') {
      if (typeof v !== 'boolean') throw new AwsError('SerializationException', `${k} must be a boolean.`);
    } else if (m.type === 'string-list') {
      if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) {
        throw new AwsError('SerializationException', `${k} must be a list of strings.`);
      }
      if ((m.min !== undefined && v.length < m.min) || (m.max !== undefined && v.length > m.max)) {
        errors.push(
          `${at(k)} failed to satisfy constraint: Member must have length between ${m.min} and ${m.max}`,
        );
      }
      for (const x of v as string[]) {
        if (
          (m.itemMin !== undefined && x.length < m.itemMin) ||
          (m.itemMax !== undefined && x.length > m.itemMax)
        ) {
          errors.push(`${at(k)} failed to satisfy constraint: Member must have length between 1 and 256`);
        }
      }
    }
  }
  if (errors.length > 0) {
    throw new AwsError(
      'ValidationException',
      `${errors.length} validation error${errors.length > 1 ? 's' : ''} detected: ${errors.join('; ')}`,
    );
  }
}

const epoch = (ms: number) => ms / 1000;

export interface SecretsManagerEmulatorOptions {
  region?: string;
  now?: () => number;
}

export class SecretsManagerEmulator extends ServedEmulator {
  readonly server = new EmulatorServer('aws-secrets-manager');
  readonly region: string;
  readonly secrets = new Map<string, EmulatedSecret>();
  readonly #keys = new Map<string, AccessKey>();
  readonly #faults: FaultEntry[] = [];
  readonly #now: () => number;
  /** Every operation that passed the signature check, in order (with the key that signed it). */
  readonly calls: { op: string; accessKeyId: string; input: Record<string, unknown> }[] = [];
  /** Requests refused before any operation ran (bad signature, unknown key), by AWS error code. */
  readonly refused: string[] = [];
  /** Operations that got an injected fault, in order: a test can check its fault was met at all. */
  readonly faulted: string[] = [];

  constructor(opts: SecretsManagerEmulatorOptions = {}) {
    super();
    this.region = opts.region ?? 'us-east-1';
    this.#now = opts.now ?? Date.now;
    this.server.route('POST', '/', (req) => this.#handle(req));
  }

  get endpoint(): string {
    return this.server.baseUrl;
  }

  /** Registers an access key (generated by the test; never a literal) with its permissions. */
  addAccessKey(key: AccessKey): this {
    this.#keys.set(key.accessKeyId, key);
    return this;
  }

  /**
   * The next `times` calls of `op` (or of any operation) get `fault` instead of an answer. `times`
   * must be at least 1: a rule for no call would do nothing, and a test that "clears" a fault by adding
   * one would silently keep the earlier one (use clearFaults).
   */
  injectFault(fault: SmFault, opts: { op?: Operation; times?: number } = {}): this {
    const times = opts.times ?? 1;
    if (!Number.isInteger(times) || times < 1)
      throw new Error(
        `injectFault: times must be a whole number of calls >= 1, got ${times} (use clearFaults)`,
      );
    this.#faults.push({ op: opts.op, fault, remaining: times });
    return this;
  }

  /** Drops every fault still pending: the service is healthy again. */
  clearFaults(): void {
    this.#faults.length = 0;
  }

  /** Seeds a secret with one version per value, oldest first; the last is AWSCURRENT, the one before AWSPREVIOUS. */
  seed(
    name: string,
    values: string[],
    extra: { rotationLambdaArn?: string; deleted?: boolean; owningService?: string } = {},
  ): EmulatedSecret {
    const now = this.#now();
    const secret: EmulatedSecret = {
      arn: `arn:aws:secretsmanager:${this.region}:${ACCOUNT}:secret:${name}-${createHash('sha256').update(name).digest('hex').slice(0, 6)}`,
      name,
      versions: new Map(),
      created: now,
      lastChanged: now,
      rotationLambdaArn: extra.rotationLambdaArn,
      deleted: extra.deleted ? now + 7 * 86_400_000 : undefined,
      owningService: extra.owningService,
    };
    this.secrets.set(name, secret);
    for (const v of values) this.#addVersion(secret, randomUUID(), { secretString: v }, [CURRENT]);
    return secret;
  }

  /** Adds a version with the given stages (moving them), as a rotation function would. */
  addVersion(name: string, value: string, stages: string[]): string {
    const secret = this.secrets.get(name);
    if (!secret) throw new Error(`no secret ${name}`);
    const id = randomUUID();
    this.#addVersion(secret, id, { secretString: value }, stages);
    return id;
  }

  /** The version that holds `stage`, if any. */
  versionWith(name: string, stage: string): EmulatedVersion | undefined {
    for (const v of this.secrets.get(name)?.versions.values() ?? []) if (v.stages.has(stage)) return v;
    return undefined;
  }

  /** Moves `stages` onto a new version, with AWSPREVIOUS following AWSCURRENT as the service does. */
  #addVersion(
    secret: EmulatedSecret,
    id: string,
    value: { secretString?: string; secretBinary?: string },
    stages: string[],
  ): EmulatedVersion {
    const version: EmulatedVersion = { id, ...value, stages: new Set(), created: this.#now() };
    secret.versions.set(id, version);
    // The first version of a secret is AWSCURRENT whatever was asked.
    const hasCurrent = [...secret.versions.values()].some((v) => v.stages.has(CURRENT));
    for (const stage of hasCurrent ? stages : [...new Set([...stages, CURRENT])])
      this.#attach(secret, stage, version);
    secret.lastChanged = this.#now();
    return version;
  }

  #attach(secret: EmulatedSecret, stage: string, to: EmulatedVersion): void {
    for (const v of secret.versions.values()) {
      if (v === to || !v.stages.has(stage)) continue;
      v.stages.delete(stage);
      if (stage === CURRENT) {
        for (const w of secret.versions.values()) w.stages.delete(PREVIOUS);
        v.stages.add(PREVIOUS);
      }
    }
    if (stage === CURRENT) to.stages.delete(PREVIOUS);
    to.stages.add(stage);
  }

  #takeFault(op: Operation): SmFault | undefined {
    for (const f of this.#faults) {
      if (f.remaining <= 0 || (f.op && f.op !== op)) continue;
      f.remaining--;
      this.faulted.push(op);
      return f.fault;
    }
    return undefined;
  }

  async #handle(req: EmulatorRequest): Promise<EmulatorResponse> {
    const target = req.headers['x-amz-target'];
    const contentType = req.headers['content-type'];
    const url = req.path + (req.query.toString() ? `?${req.query.toString()}` : '');
    const verdict = verifySigV4(
      { method: req.method, url, headers: req.headers, body: req.text },
      { region: this.region, service: 'secretsmanager', lookup: (id) => this.#keys.get(id), now: this.#now },
    );
    if (!verdict.ok) {
      this.refused.push(verdict.code);
      return this.#error(new AwsError(verdict.code, verdict.message, verdict.status));
    }
    const signer = this.#keys.get(verdict.accessKeyId)!;
    if (signer.expires !== undefined && this.#now() >= signer.expires) {
      this.refused.push('ExpiredTokenException');
      return this.#error(
        new AwsError('ExpiredTokenException', 'The security token included in the request is expired'),
      );
    }
    if (typeof contentType !== 'string' || contentType.split(';')[0]!.trim() !== JSON_11) {
      return this.#error(
        new AwsError('UnknownOperationException', 'Content-Type must be application/x-amz-json-1.1.'),
      );
    }
    const op = typeof target === 'string' && target.startsWith('secretsmanager.') ? target.slice(15) : '';
    if (!(SECRETS_MANAGER_OPERATIONS as readonly string[]).includes(op)) {
      return this.#error(new AwsError('UnknownOperationException', 'The operation is not supported.'));
    }
    const operation = op as Operation;
    let input: Record<string, unknown>;
    try {
      input = JSON.parse(req.text || '{}');
      validate(operation, input);
    } catch (err) {
      if (err instanceof AwsError) return this.#error(err);
      return this.#error(new AwsError('SerializationException', 'The request body is not valid JSON.'));
    }
    const key = this.#keys.get(verdict.accessKeyId)!;
    this.calls.push({ op: operation, accessKeyId: key.accessKeyId, input });
    const fault = this.#takeFault(operation);
    if (fault?.kind === 'hang') return new Promise<EmulatorResponse>(() => {});
    if (fault?.kind === 'throttle') return this.#error(new AwsError('ThrottlingException', 'Rate exceeded'));
    if (fault?.kind === 'internal') {
      return this.#error(new AwsError('InternalServiceError', 'An error occurred on the server side.', 500));
    }
    try {
      const secretName = operation === 'CreateSecret' ? (input.Name as string) : (input.SecretId as string);
      this.#authorize(key, operation, secretName);
      const body = this.#run(operation, input);
      if (fault?.kind === 'lose-answer') return new Promise<EmulatorResponse>(() => {});
      return { status: 200, headers: this.#headers(), body };
    } catch (err) {
      if (err instanceof AwsError) return this.#error(err);
      throw err;
    }
  }

  #authorize(key: AccessKey, op: Operation, secretName: string): void {
    const name = this.#find(secretName)?.name ?? secretName;
    const action = `secretsmanager:${op}`;
    const allowed =
      (key.allow === '*' || key.allow.has(action)) && (!key.resources || key.resources.has(name));
    if (!allowed) {
      throw new AwsError(
        'AccessDeniedException',
        `User: arn:aws:iam::${ACCOUNT}:user/emulated is not authorized to perform: ${action} on resource: ${name} because no identity-based policy allows the ${action} action`,
      );
    }
  }

  #find(id: string): EmulatedSecret | undefined {
    return this.secrets.get(id) ?? [...this.secrets.values()].find((s) => s.arn === id);
  }

  #secret(id: string, opts: { allowDeleted?: boolean } = {}): EmulatedSecret {
    const s = this.#find(id);
    if (!s)
      throw new AwsError('ResourceNotFoundException', "Secrets Manager can't find the specified secret.");
    if (s.deleted !== undefined && !opts.allowDeleted) {
      throw new AwsError(
        'InvalidRequestException',
        "You tried to perform the operation on a secret that's currently marked deleted.",
      );
    }
    return s;
  }

  #run(op: Operation, input: Record<string, any>): unknown {
    switch (op) {
      case 'CreateSecret':
        return this.#create(input);
      case 'DescribeSecret':
        return this.#describe(input);
      case 'GetSecretValue':
        return this.#get(input);
      case 'ListSecretVersionIds':
        return this.#list(input);
      case 'PutSecretValue':
        return this.#put(input);
      case 'UpdateSecretVersionStage':
        return this.#updateStage(input);
    }
  }

  #create(input: Record<string, any>): unknown {
    if (input.SecretString !== undefined && input.SecretBinary !== undefined) {
      throw new AwsError(
        'InvalidParameterException',
        "You can't specify both a binary secret value and a string secret value in the same secret.",
      );
    }
    if (this.secrets.has(input.Name)) {
      throw new AwsError(
        'ResourceExistsException',
        'The operation failed because the secret already exists.',
      );
    }
    const secret = this.seed(input.Name, []);
    const hasValue = input.SecretString !== undefined || input.SecretBinary !== undefined;
    let versionId: string | undefined;
    if (hasValue) {
      versionId = input.ClientRequestToken ?? randomUUID();
      this.#addVersion(
        secret,
        versionId!,
        { secretString: input.SecretString, secretBinary: input.SecretBinary },
        [CURRENT],
      );
    }
    return { ARN: secret.arn, Name: secret.name, ...(versionId ? { VersionId: versionId } : {}) };
  }

  #describe(input: Record<string, any>): unknown {
    const s = this.#secret(input.SecretId, { allowDeleted: true });
    const stages: Record<string, string[]> = {};
    for (const v of s.versions.values()) if (v.stages.size > 0) stages[v.id] = [...v.stages];
    return {
      ARN: s.arn,
      Name: s.name,
      CreatedDate: epoch(s.created),
      LastChangedDate: epoch(s.lastChanged),
      VersionIdsToStages: stages,
      ...(s.rotationLambdaArn
        ? {
            RotationEnabled: true,
            RotationLambdaARN: s.rotationLambdaArn,
            RotationRules: { AutomaticallyAfterDays: 30 },
          }
        : {}),
      ...(s.deleted !== undefined ? { DeletedDate: epoch(s.deleted) } : {}),
      ...(s.owningService ? { OwningService: s.owningService } : {}),
    };
  }

  #get(input: Record<string, any>): unknown {
    const s = this.#secret(input.SecretId);
    let v: EmulatedVersion | undefined;
    if (input.VersionId !== undefined) {
      v = s.versions.get(input.VersionId);
      if (v && input.VersionStage !== undefined && !v.stages.has(input.VersionStage)) {
        throw new AwsError(
          'InvalidParameterException',
          'The version ID and staging label refer to different versions.',
        );
      }
    } else {
      const stage = input.VersionStage ?? CURRENT;
      v = [...s.versions.values()].find((x) => x.stages.has(stage));
      if (!v) {
        throw new AwsError(
          'ResourceNotFoundException',
          `Secrets Manager can't find the specified secret value for staging label: ${stage}`,
        );
      }
    }
    if (!v) {
      throw new AwsError(
        'ResourceNotFoundException',
        "Secrets Manager can't find the specified secret value for VersionId",
      );
    }
    return {
      ARN: s.arn,
      Name: s.name,
      VersionId: v.id,
      ...(v.secretString !== undefined ? { SecretString: v.secretString } : { SecretBinary: v.secretBinary }),
      VersionStages: [...v.stages],
      CreatedDate: epoch(v.created),
    };
  }

  #list(input: Record<string, any>): unknown {
    const s = this.#secret(input.SecretId, { allowDeleted: true });
    const all = [...s.versions.values()].filter((v) => input.IncludeDeprecated === true || v.stages.size > 0);
    const start = input.NextToken ? Number(Buffer.from(input.NextToken, 'base64url').toString()) : 0;
    if (!Number.isInteger(start) || start < 0 || start > all.length) {
      throw new AwsError('InvalidNextTokenException', 'The NextToken value is invalid.');
    }
    const size = input.MaxResults ?? 100;
    const page = all.slice(start, start + size);
    const next =
      start + size < all.length ? Buffer.from(String(start + size)).toString('base64url') : undefined;
    return {
      ARN: s.arn,
      Name: s.name,
      Versions: page.map((v) => ({
        VersionId: v.id,
        VersionStages: [...v.stages],
        CreatedDate: epoch(v.created),
      })),
      ...(next ? { NextToken: next } : {}),
    };
  }

  #put(input: Record<string, any>): unknown {
    const s = this.#secret(input.SecretId);
    if ((input.SecretString === undefined) === (input.SecretBinary === undefined)) {
      throw new AwsError(
        'InvalidParameterException',
        'You must provide either SecretString or SecretBinary, but not both.',
      );
    }
    const token: string = input.ClientRequestToken ?? randomUUID();
    const existing = s.versions.get(token);
    if (existing) {
      // Same token, same value: the request is ignored (idempotent). Another value: refused.
      if (existing.secretString === input.SecretString && existing.secretBinary === input.SecretBinary) {
        return { ARN: s.arn, Name: s.name, VersionId: existing.id, VersionStages: [...existing.stages] };
      }
      throw new AwsError(
        'ResourceExistsException',
        'A resource with the ID you requested already exists: a version with this ClientRequestToken has another value.',
      );
    }
    const stages: string[] = input.VersionStages ?? [CURRENT];
    const v = this.#addVersion(
      s,
      token,
      { secretString: input.SecretString, secretBinary: input.SecretBinary },
      stages,
    );
    return { ARN: s.arn, Name: s.name, VersionId: v.id, VersionStages: [...v.stages] };
  }

  #updateStage(input: Record<string, any>): unknown {
    const s = this.#secret(input.SecretId);
    const stage: string = input.VersionStage;
    const holder = [...s.versions.values()].find((v) => v.stages.has(stage));
    const from =
      input.RemoveFromVersionId !== undefined ? s.versions.get(input.RemoveFromVersionId) : undefined;
    const to = input.MoveToVersionId !== undefined ? s.versions.get(input.MoveToVersionId) : undefined;
    if (input.RemoveFromVersionId !== undefined && !from) {
      throw new AwsError(
        'ResourceNotFoundException',
        "Secrets Manager can't find the specified secret version.",
      );
    }
    if (input.MoveToVersionId !== undefined && !to) {
      throw new AwsError(
        'ResourceNotFoundException',
        "Secrets Manager can't find the specified secret version.",
      );
    }
    if (from && !from.stages.has(stage)) {
      throw new AwsError(
        'InvalidParameterException',
        `The staging label ${stage} is not attached to the version you specified in RemoveFromVersionId.`,
      );
    }
    if (to && holder && holder !== to && holder !== from) {
      throw new AwsError(
        'InvalidParameterException',
        `The staging label ${stage} is currently attached to version ${holder.id}, so you must explicitly reference that version in RemoveFromVersionId.`,
      );
    }
    if (!to && stage === CURRENT) {
      throw new AwsError(
        'InvalidParameterException',
        "You can't remove the staging label AWSCURRENT: move it to another version instead.",
      );
    }
    if (!to && !from) {
      throw new AwsError(
        'InvalidParameterException',
        'You must specify RemoveFromVersionId, MoveToVersionId or both.',
      );
    }
    if (to) this.#attach(s, stage, to);
    else from!.stages.delete(stage);
    s.lastChanged = this.#now();
    return { ARN: s.arn, Name: s.name };
  }

  #headers(): Record<string, string> {
    return { 'content-type': JSON_11, 'x-amzn-requestid': randomUUID() };
  }

  #error(err: AwsError): EmulatorResponse {
    return {
      status: err.status,
      headers: {
        ...this.#headers(),
        'x-amzn-errortype': `${err.type}:http://internal.amazon.com/coral/com.amazonaws.secrets/`,
      },
      body: { __type: err.type, message: err.message },
    };
  }
}
