/**
 * AWS Secrets Manager as a place a key lives (issue 16): the replacement is put as a new version that
 * becomes AWSCURRENT (the old one AWSPREVIOUS, PutSecretValue's default), JSON secrets keep their other
 * fields, and after containment no version holding the leaked key stays current or pending.
 *
 * Credentials come from the SDK's standard chain (env keys with a session token, AWS_ROLE_ARN +
 * AWS_WEB_IDENTITY_TOKEN_FILE as GitHub's OIDC role assumption sets them, profiles, container and
 * instance metadata); keyguard never reads or stores them itself.
 *
 * Retries: the SDK's own retries are off (`maxAttempts: 1`) and this module retries transient failures
 * (throttling, 5xx, no answer) itself, each wait paid from the run's RetryBudget: the SDK would sleep
 * outside the budget and stack on top of the saga's retries. PutSecretValue carries a ClientRequestToken
 * derived from the secret and the replacement's fingerprint, so a retried or re-run put is idempotent.
 */
import { createHash } from 'node:crypto';
import {
  CreateSecretCommand,
  DescribeSecretCommand,
  type DescribeSecretResponse,
  GetSecretValueCommand,
  ListSecretVersionIdsCommand,
  PutSecretValueCommand,
  SecretsManagerClient,
  type SecretVersionsListEntry,
  UpdateSecretVersionStageCommand,
} from '@aws-sdk/client-secrets-manager';
import { defaultProvider } from '@aws-sdk/credential-provider-node';
import { RetryBudget } from '../http/budget.js';
import type { Secret } from '../scan/secret.js';
import { forLog } from '../text/inert.js';
import { AwsCredentialChainError, AwsStoreError, isTransientAwsError, toStoreError } from './aws-errors.js';
import { JsonFieldError, readField, writeField } from './json-field.js';
import {
  type Holding,
  type PreflightOptions,
  type SecretStore,
  type StoreConfig,
  StoreError,
  type StoreWrite,
} from './types.js';

/** Keys `rotation.<provider>.stores[]` may set for this kind (besides kind, name, field). */
export const AWS_STORE_OPTIONS = [
  'region',
  'endpoint',
  'create',
  'retire-previous',
  'ignore-rotation',
  'write-probe',
] as const;

export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface AwsStoreDeps {
  /** Region when the config and the ARN name none (else AWS_REGION / AWS_DEFAULT_REGION). */
  region?: string;
  /** Endpoint override (tests: the emulator on loopback); the config's `endpoint` must be https. */
  endpoint?: string;
  /** The run's retry budget: every wait before a retry is paid from it. */
  budget?: RetryBudget;
  log?: (line: string) => void;
  /** Fixed credentials (tests); otherwise the SDK's standard chain. */
  credentials?: AwsCredentials | (() => Promise<AwsCredentials>);
  /** Per-request time limit (default 15 s). */
  requestTimeoutMs?: number;
  /** Attempts per call, the first included (default 3). */
  attempts?: number;
  /** First wait before a retry (default 400 ms, doubled each time, at most 10 s). */
  baseDelayMs?: number;
  env?: NodeJS.ProcessEnv;
  /** Masks a credential as soon as the SDK's chain yields it (core.setSecret in the action). */
  mask?: (value: string) => void;
}

const CURRENT = 'AWSCURRENT';
const PENDING = 'AWSPENDING';
const PREVIOUS = 'AWSPREVIOUS';
const MAX_DELAY_MS = 10_000;

interface Current {
  versionId: string;
  /** Undefined for a binary secret. */
  text?: string;
  stages: string[];
}

type Read = { kind: 'value'; value: Current } | { kind: 'absent' };

function optBool(config: StoreConfig, key: string, fallback: boolean): boolean {
  const v = config.options[key];
  if (v === undefined) return fallback;
  if (typeof v !== 'boolean')
    throw new StoreError(`aws:${config.name}`, `option ${key} must be true or false`);
  return v;
}

function optString(config: StoreConfig, key: string): string | undefined {
  const v = config.options[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || !v)
    throw new StoreError(`aws:${config.name}`, `option ${key} must be a string`);
  return v;
}

const REGION = /^[a-z]{2}(?:-[a-z]+)+-\d{1,2}$/;

/** `arn:aws:secretsmanager:eu-west-1:…:secret:name` → `eu-west-1`. */
function regionOfArn(name: string): string | undefined {
  const m = /^arn:aws[a-z-]*:secretsmanager:([a-z0-9-]+):\d{12}:secret:/.exec(name);
  return m?.[1];
}

/** A version id as it may appear in the incident: AWS's (a UUID) or ours; anything else is withheld. */
function showVersion(id: string | undefined): string {
  return id && /^[A-Za-z0-9-]{1,64}$/.test(id) ? id : '(unprintable version id)';
}

/**
 * The ClientRequestToken (and so the VersionId) of the version holding `replacement`: the same secret,
 * field and replacement always give the same token, so a retry after a lost answer, or a re-run of the
 * saga, is a no-op at AWS instead of a second version. UUID-shaped, like the ones the SDK makes.
 */
export function versionToken(
  region: string,
  name: string,
  field: string | undefined,
  replacement: Secret,
): string {
  const h = createHash('sha256')
    .update(`keyguard:aws-secrets-manager:v1\0${region}\0${name}\0${field ?? ''}\0${replacement.fingerprint}`)
    .digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/**
 * The SDK's standard credential chain, with each credential it yields masked before the SDK uses it:
 * OIDC role assumption (AWS_ROLE_ARN + AWS_WEB_IDENTITY_TOKEN_FILE) makes session credentials at run
 * time that no `secrets:` mapping masked, and an SDK or proxy error could quote them.
 */
type CredentialChain = ReturnType<typeof defaultProvider>;
type Credentials = Awaited<ReturnType<CredentialChain>>;

function maskedChain(
  mask: ((value: string) => void) | undefined,
): (props?: Parameters<CredentialChain>[0]) => Promise<Credentials> {
  const chain = defaultProvider();
  return async (props) => {
    let c: Credentials;
    try {
      c = await chain(props);
    } catch (err) {
      throw new AwsCredentialChainError(err);
    }
    mask?.(c.secretAccessKey);
    if (c.sessionToken) mask?.(c.sessionToken);
    return c;
  };
}

export function createAwsSecretsManagerStore(config: StoreConfig, deps: AwsStoreDeps = {}): SecretStore {
  return new AwsSecretsManagerStore(config, deps);
}

class AwsSecretsManagerStore implements SecretStore {
  readonly kind = 'aws-secrets-manager' as const;
  readonly id: string;
  readonly label: string;
  readonly #name: string;
  readonly #field?: string;
  readonly #region: string;
  readonly #client: SecretsManagerClient;
  readonly #budget: RetryBudget;
  readonly #log: (line: string) => void;
  readonly #attempts: number;
  readonly #baseDelayMs: number;
  readonly #timeoutMs: number;
  readonly #create: boolean;
  readonly #retirePrevious: boolean;
  readonly #ignoreRotation: boolean;
  readonly #writeProbe: boolean;
  /** What DescribeSecret said in preflight (rotation settings for followUps). */
  #described?: DescribeSecretResponse;

  constructor(config: StoreConfig, deps: AwsStoreDeps) {
    const env = deps.env ?? process.env;
    if (config.kind !== 'aws-secrets-manager') {
      throw new StoreError(`aws:${config.name}`, `not an aws-secrets-manager store: ${config.kind}`);
    }
    if (!config.name || config.name.length > 2048) {
      throw new StoreError(
        'aws:?',
        'an aws-secrets-manager store needs a secret name or ARN (at most 2048 characters)',
      );
    }
    for (const k of Object.keys(config.options)) {
      if (!(AWS_STORE_OPTIONS as readonly string[]).includes(k)) {
        throw new StoreError(
          `aws:${config.name}`,
          `unknown option ${forLog(k)} (known: ${AWS_STORE_OPTIONS.join(', ')})`,
        );
      }
    }
    const region =
      optString(config, 'region') ??
      regionOfArn(config.name) ??
      deps.region ??
      env.AWS_REGION ??
      env.AWS_DEFAULT_REGION;
    if (!region || !REGION.test(region)) {
      throw new StoreError(
        `aws:${config.name}`,
        region
          ? `region ${forLog(region)} is not an AWS region name`
          : 'no AWS region: set region in the store, use an ARN, or set AWS_REGION',
      );
    }
    const configured = optString(config, 'endpoint');
    if (configured !== undefined && !/^https:\/\/[^/?#\s]+\/?$/.test(configured)) {
      throw new StoreError(
        `aws:${config.name}`,
        'option endpoint must be an https:// origin (a VPC endpoint)',
      );
    }
    this.#name = config.name;
    this.#field = config.field;
    this.#region = region;
    this.id = `aws:${region}:${config.name}${config.field ? `#${config.field}` : ''}`;
    this.label = `AWS Secrets Manager ${region}/${config.name}${config.field ? ` (field ${config.field})` : ''}`;
    this.#budget = deps.budget ?? new RetryBudget();
    this.#log = deps.log ?? (() => {});
    this.#attempts = Math.max(1, deps.attempts ?? 3);
    this.#baseDelayMs = deps.baseDelayMs ?? 400;
    this.#timeoutMs = deps.requestTimeoutMs ?? 15_000;
    this.#create = optBool(config, 'create', false);
    this.#retirePrevious = optBool(config, 'retire-previous', false);
    this.#ignoreRotation = optBool(config, 'ignore-rotation', false);
    this.#writeProbe = optBool(config, 'write-probe', true);
    this.#client = new SecretsManagerClient({
      region,
      endpoint: deps.endpoint ?? configured,
      credentials: deps.credentials ?? maskedChain(deps.mask),
      maxAttempts: 1,
      requestHandler: {
        requestTimeout: this.#timeoutMs,
        connectionTimeout: Math.min(this.#timeoutMs, 5_000),
      },
    });
  }

  plan(): string {
    const what = this.#field ? `field ${this.#field} of ${this.#name}` : this.#name;
    return `AWS Secrets Manager (${this.#region}): ${what} gets a new version with the replacement as AWSCURRENT (the old version becomes AWSPREVIOUS); after the leaked key is disabled, no version holding it stays current or pending`;
  }

  /** One SDK call, retried on transient failures while the run's budget pays the waits. */
  async #call<T>(
    operation: string,
    run: (signal: AbortSignal) => Promise<T>,
    secrets: Secret[] = [],
  ): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const wall = this.#budget.wallLeftMs();
      if (wall === 0) {
        throw new AwsStoreError(
          this.id,
          `${operation} on ${forLog(this.#name)} not sent: the stage's deadline has passed`,
          'Deadline',
          true,
        );
      }
      const signal = AbortSignal.timeout(Math.min(this.#timeoutMs, wall ?? this.#timeoutMs));
      try {
        return await run(signal);
      } catch (err) {
        if (!isTransientAwsError(err) || attempt + 1 >= this.#attempts) {
          throw toStoreError(this.id, operation, this.#name, err, secrets);
        }
        const wait = Math.round(
          Math.min(MAX_DELAY_MS, this.#baseDelayMs * 2 ** attempt) * (1 - 0.25 * Math.random()),
        );
        const first = toStoreError(this.id, operation, this.#name, err, secrets);
        if (!(await this.#budget.wait(wait))) {
          throw new AwsStoreError(
            this.id,
            `${first.message}; no retry: ${this.#budget.describe()}`,
            first.code,
            true,
          );
        }
        this.#log(
          `${this.label}: ${first.message}; retry ${attempt + 1} of ${this.#attempts - 1} after ${wait} ms`,
        );
      }
    }
  }

  /** The value at a stage (or version id); `absent` when the secret or that value does not exist. */
  async #read(select: { VersionStage?: string; VersionId?: string }, secrets: Secret[] = []): Promise<Read> {
    try {
      const out = await this.#call(
        'GetSecretValue',
        (abortSignal) =>
          this.#client.send(new GetSecretValueCommand({ SecretId: this.#name, ...select }), { abortSignal }),
        secrets,
      );
      return {
        kind: 'value',
        value: { versionId: out.VersionId ?? '', text: out.SecretString, stages: out.VersionStages ?? [] },
      };
    } catch (err) {
      if (err instanceof AwsStoreError && err.code === 'ResourceNotFoundException') return { kind: 'absent' };
      throw err;
    }
  }

  /** The configured field of a JSON secret (or the whole value); `undefined` when the field is not there. */
  #valueOf(text: string): string | undefined {
    if (!this.#field) return text;
    return this.#fieldOp(() => readField(text, this.#field!));
  }

  /** Runs a JSON field read or rewrite, turning its refusal into the store's precise error. */
  #fieldOp<T>(op: () => T): T {
    try {
      return op();
    } catch (err) {
      if (!(err instanceof JsonFieldError)) throw err;
      const name = forLog(this.#name);
      const field = forLog(this.#field);
      if (err.problem === 'not-object') {
        throw new AwsStoreError(
          this.id,
          `${name} is not a JSON object, so it has no field ${field}: drop field from the store or store JSON`,
          'NotJson',
        );
      }
      if (err.problem === 'duplicate') {
        throw new AwsStoreError(
          this.id,
          `${name} ${err.message}; keyguard will not guess: remove the duplicate, then re-run`,
          'DuplicateField',
        );
      }
      throw new AwsStoreError(this.id, `field ${field} of ${name} is not a string`, 'NotString');
    }
  }

  async holds(leaked: Secret): Promise<Holding> {
    let current: Read;
    try {
      current = await this.#read({ VersionStage: CURRENT }, [leaked]);
    } catch (err) {
      const code = err instanceof AwsStoreError ? err.code : '';
      if (code === 'AccessDeniedException' || code === 'AccessDenied' || code === 'DecryptionFailure') {
        return { state: 'unknown', why: `cannot read ${this.#name} (${code}): rotated on the config's word` };
      }
      throw err;
    }
    if (current.kind === 'absent') return { state: 'absent' };
    if (current.value.text === undefined)
      return { state: 'unknown', why: `${this.#name} is a binary secret` };
    const value = this.#valueOf(current.value.text);
    if (value !== undefined && leaked.equals(value)) return { state: 'holds' };
    // A rotation in flight may have staged the leaked key as AWSPENDING: that counts too.
    const pending = await this.#read({ VersionStage: PENDING }, [leaked]).catch(
      () => ({ kind: 'absent' }) as Read,
    );
    if (pending.kind === 'value' && pending.value.text !== undefined) {
      const p = this.#valueOfQuiet(pending.value.text);
      if (p !== undefined && leaked.equals(p)) return { state: 'holds' };
    }
    return value === undefined ? { state: 'absent' } : { state: 'other' };
  }

  #valueOfQuiet(text: string): string | undefined {
    try {
      return this.#valueOf(text);
    } catch {
      return undefined;
    }
  }

  async preflight(opts: PreflightOptions = {}): Promise<void> {
    let d: DescribeSecretResponse;
    try {
      d = await this.#call('DescribeSecret', (abortSignal) =>
        this.#client.send(new DescribeSecretCommand({ SecretId: this.#name }), { abortSignal }),
      );
    } catch (err) {
      if (err instanceof AwsStoreError && err.code === 'ResourceNotFoundException') {
        if (!this.#create) {
          throw new AwsStoreError(
            this.id,
            `${forLog(this.#name)} does not exist in ${this.#region} (set create: true to let keyguard create it)`,
            err.code,
          );
        }
        this.#log(
          `${this.label}: does not exist yet; it will be created (secretsmanager:CreateSecret is not proven before then)`,
        );
        return;
      }
      throw err;
    }
    this.#described = d;
    if (d.DeletedDate) {
      throw new AwsStoreError(
        this.id,
        `${forLog(this.#name)} is scheduled for deletion (${d.DeletedDate.toISOString()}): restore it (RestoreSecret) or drop it from the stores`,
        'Deleted',
      );
    }
    if (d.OwningService) {
      throw new AwsStoreError(
        this.id,
        `${forLog(this.#name)} is managed by ${forLog(d.OwningService)}: keyguard does not write managed secrets`,
        'Managed',
      );
    }
    const stages = d.VersionIdsToStages ?? {};
    if (d.RotationEnabled) {
      const pending = Object.entries(stages).find(([, s]) => s.includes(PENDING) && !s.includes(CURRENT));
      const lambda = forLog(d.RotationLambdaARN ?? 'a rotation function');
      if (pending && !this.#ignoreRotation) {
        throw new AwsStoreError(
          this.id,
          `${forLog(this.#name)} is being rotated by Secrets Manager (${lambda}; version ${showVersion(pending[0])} is AWSPENDING): a put now would race that rotation. Let it finish or cancel it (CancelRotateSecret), or set ignore-rotation: true`,
          'RotationInProgress',
        );
      }
      this.#log(
        `${this.label}: Secrets Manager's own rotation is on (${lambda}): its next rotation replaces keyguard's value; make sure that function creates keys at the same provider`,
      );
    }
    // Read the current value: a JSON secret must be one (its other fields are kept), and the write
    // probe below needs it.
    const current = await this.#read({ VersionStage: CURRENT }).catch((err: unknown) => {
      const code = err instanceof AwsStoreError ? err.code : '';
      if (this.#field && (code === 'AccessDeniedException' || code === 'DecryptionFailure')) {
        throw new AwsStoreError(
          this.id,
          `${forLog(this.#name)}: reading it is not permitted (${code}), and keeping its other JSON fields needs secretsmanager:GetSecretValue`,
          code,
        );
      }
      if (code === 'AccessDeniedException' || code === 'DecryptionFailure') return undefined;
      throw err;
    });
    if (current === undefined) {
      this.#log(`${this.label}: write permission not proven (no read access for the no-op write probe)`);
      return;
    }
    if (current.kind === 'absent') {
      this.#log(`${this.label}: has no current value yet; the replacement will be its first version`);
      return;
    }
    if (current.value.text === undefined) {
      throw new AwsStoreError(
        this.id,
        `${forLog(this.#name)} is a binary secret: keyguard writes SecretString only`,
        'Binary',
      );
    }
    if (this.#field) this.#valueOf(current.value.text);
    if (this.#writeProbe && !opts.readOnly) await this.#probeWrite(current.value);
  }

  /**
   * Proves secretsmanager:PutSecretValue without writing anything: PutSecretValue with the current
   * version's own id as ClientRequestToken and its own value is, per the API reference, ignored (same
   * token, same value: idempotent), so it creates no version and moves no label, yet it is authorized
   * like a real put. KMS encryption rights are not proven (nothing is encrypted).
   */
  async #probeWrite(current: Current): Promise<void> {
    if (current.versionId.length < 32 || current.versionId.length > 64) {
      this.#log(
        `${this.label}: write permission not proven (the current version id cannot serve as a request token)`,
      );
      return;
    }
    const out = await this.#call('PutSecretValue', (abortSignal) =>
      this.#client.send(
        new PutSecretValueCommand({
          SecretId: this.#name,
          ClientRequestToken: current.versionId,
          SecretString: current.text,
        }),
        { abortSignal },
      ),
    );
    if (out.VersionId !== current.versionId) {
      throw new AwsStoreError(
        this.id,
        `${forLog(this.#name)}: the no-op write probe created version ${showVersion(out.VersionId)}; check the secret`,
        'ProbeWrote',
      );
    }
  }

  async put(value: Secret): Promise<StoreWrite> {
    const token = versionToken(this.#region, this.#name, this.#field, value);
    const current = await this.#read({ VersionStage: CURRENT }, [value]).catch((err: unknown) => {
      // Write-only credentials can still replace a whole value; a field needs the others read first.
      const code = err instanceof AwsStoreError ? err.code : '';
      if (!this.#field && (code === 'AccessDeniedException' || code === 'DecryptionFailure'))
        return undefined;
      throw err;
    });
    let text = value.reveal();
    let outcome: StoreWrite['outcome'] = 'updated';
    if (current === undefined) {
      // Unread: written blind, as GitHub secrets are.
    } else if (current.kind === 'value') {
      if (current.value.text === undefined) {
        throw new AwsStoreError(
          this.id,
          `${forLog(this.#name)} is a binary secret: keyguard writes SecretString only`,
          'Binary',
        );
      }
      if (this.#field) {
        const held = this.#valueOf(current.value.text);
        if (held === undefined) outcome = 'created';
        else if (value.equals(held)) return { outcome, version: current.value.versionId };
        // Only the field's value changes, as text: every other byte stays (numbers past 2^53, order,
        // spacing); a new field goes last.
        const old = current.value.text;
        text = this.#fieldOp(() => writeField(old, this.#field!, value.reveal()));
      } else if (value.equals(current.value.text)) {
        return { outcome, version: current.value.versionId };
      }
    } else {
      outcome = 'created';
      if (this.#field) text = JSON.stringify({ [this.#field]: value.reveal() });
    }
    try {
      const out = await this.#call(
        'PutSecretValue',
        (abortSignal) =>
          this.#client.send(
            new PutSecretValueCommand({
              SecretId: this.#name,
              ClientRequestToken: token,
              SecretString: text,
            }),
            { abortSignal },
          ),
        [value],
      );
      return { outcome, version: out.VersionId };
    } catch (err) {
      if (!(err instanceof AwsStoreError)) throw err;
      if (err.code === 'ResourceNotFoundException' && this.#create)
        return this.#createSecret(text, token, value);
      if (err.code === 'ResourceExistsException') {
        throw new AwsStoreError(
          this.id,
          `${forLog(this.#name)}: keyguard already wrote this replacement as version ${token}, which is no longer current, and the secret changed since: check who moved AWSCURRENT before re-running`,
          err.code,
        );
      }
      throw err;
    }
  }

  async #createSecret(text: string, token: string, value: Secret): Promise<StoreWrite> {
    const out = await this.#call(
      'CreateSecret',
      (abortSignal) =>
        this.#client.send(
          new CreateSecretCommand({ Name: this.#name, ClientRequestToken: token, SecretString: text }),
          {
            abortSignal,
          },
        ),
      [value],
    );
    return { outcome: 'created', version: out.VersionId };
  }

  async #versions(): Promise<SecretVersionsListEntry[]> {
    const all: SecretVersionsListEntry[] = [];
    let next: string | undefined;
    for (let page = 0; page < 100; page++) {
      const out = await this.#call('ListSecretVersionIds', (abortSignal) =>
        this.#client.send(
          new ListSecretVersionIdsCommand({ SecretId: this.#name, MaxResults: 100, NextToken: next }),
          {
            abortSignal,
          },
        ),
      );
      all.push(...(out.Versions ?? []));
      next = out.NextToken;
      if (!next) break;
    }
    return all;
  }

  async retire(leaked: Secret): Promise<string[]> {
    const lines: string[] = [];
    let found = 0;
    for (const v of await this.#versions()) {
      const stages = v.VersionStages ?? [];
      if (!v.VersionId || stages.length === 0) continue;
      const shown = showVersion(v.VersionId);
      let read: Read;
      try {
        read = await this.#read({ VersionId: v.VersionId }, [leaked]);
      } catch (err) {
        if (!(err instanceof AwsStoreError) || err.transient) throw err;
        lines.push(
          `version ${shown} (${stages.join(', ')}) could not be read (${err.code}): whether it holds the leaked key is unknown`,
        );
        continue;
      }
      if (read.kind === 'absent' || read.value.text === undefined) continue;
      const held = this.#valueOfQuiet(read.value.text);
      if (held === undefined || !leaked.equals(held)) continue;
      found++;
      if (stages.includes(CURRENT)) {
        throw new AwsStoreError(
          this.id,
          `${forLog(this.#name)}: version ${shown} still holds the leaked key as AWSCURRENT: the replacement was not put, or AWSCURRENT was moved back`,
          'LeakedCurrent',
        );
      }
      for (const stage of stages) {
        if (stage === PREVIOUS && !this.#retirePrevious) {
          lines.push(
            `version ${shown} keeps AWSPREVIOUS and holds the leaked key, which is disabled at the provider: a rollback to AWSPREVIOUS would bring back a dead key (set retire-previous: true to remove the label)`,
          );
          continue;
        }
        await this.#call('UpdateSecretVersionStage', (abortSignal) =>
          this.#client.send(
            new UpdateSecretVersionStageCommand({
              SecretId: this.#name,
              VersionStage: stage,
              RemoveFromVersionId: v.VersionId,
            }),
            { abortSignal },
          ),
        );
        lines.push(`removed ${forLog(stage)} from version ${shown}, which holds the leaked key`);
      }
    }
    if (found === 0) lines.push(`no version of ${this.#name} with a staging label holds the leaked key`);
    return lines;
  }

  async followUps(): Promise<string[]> {
    const out = [
      `Applications that cache ${this.#name} (the AWS caching clients keep a value up to an hour by default) see the replacement only after their cache expires or they restart.`,
    ];
    if (this.#described?.RotationEnabled) {
      out.push(
        `Secrets Manager rotates ${this.#name} itself (${this.#described.RotationLambdaARN ?? 'rotation function'}): check that its function creates keys at the provider keyguard rotated, or turn its rotation off.`,
      );
    }
    return out;
  }
}
