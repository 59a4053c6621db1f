/**
 * Test set-up for the AWS Secrets Manager sink: an emulator on loopback, access keys generated at run
 * time (no credential-shaped literal in the repository), and stores built through the real SDK.
 */

import { RetryBudget } from '../../src/http/budget.js';
import { Secret } from '../../src/scan/secret.js';
import { type AwsStoreDeps, createAwsSecretsManagerStore } from '../../src/stores/aws.js';
import type { SecretStore, StoreConfig } from '../../src/stores/types.js';
import { type AccessKey, SecretsManagerEmulator } from '../emulators/aws-secrets-manager.js';
import { KeyGen } from '../helpers/keygen.js';

export const SINK_ACTIONS = [
  'secretsmanager:DescribeSecret',
  'secretsmanager:GetSecretValue',
  'secretsmanager:PutSecretValue',
  'secretsmanager:ListSecretVersionIds',
  'secretsmanager:UpdateSecretVersionStage',
];

export class AwsFixture {
  readonly emulator: SecretsManagerEmulator;
  readonly gen: KeyGen;
  /** Every log line a store wrote, for the "no key, no credential" checks. */
  readonly logs: string[] = [];
  /** Every credential the tests made, for the same checks. */
  readonly credentials: string[] = [];

  constructor(seed = 31, region = 'us-east-1', now?: () => number) {
    this.gen = new KeyGen(seed);
    this.emulator = new SecretsManagerEmulator({ region, now });
  }

  start(): Promise<string> {
    return this.emulator.start();
  }

  stop(): Promise<void> {
    return this.emulator.stop();
  }

  /** A provider key (the thing that leaks), made fresh. */
  key(): Secret {
    return new Secret(this.gen.openaiProject());
  }

  /** An access key the emulator knows, allowed `allow` (default: what the sink needs). */
  accessKey(allow: string[] | '*' = SINK_ACTIONS, opts: { session?: boolean } = {}): AccessKey {
    const key: AccessKey = {
      accessKeyId: `KGEMU${this.gen.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 15)}`,
      secretAccessKey: this.gen.b64url(40),
      sessionToken: opts.session ? this.gen.b64url(120) : undefined,
      allow: allow === '*' ? '*' : new Set(allow),
    };
    this.credentials.push(key.secretAccessKey, ...(key.sessionToken ? [key.sessionToken] : []));
    this.emulator.addAccessKey(key);
    return key;
  }

  store(
    name: string,
    opts: {
      field?: string;
      options?: Record<string, unknown>;
      key?: AccessKey;
      deps?: Partial<AwsStoreDeps>;
    } = {},
  ): SecretStore {
    const key = opts.key ?? this.accessKey();
    const config: StoreConfig = {
      kind: 'aws-secrets-manager',
      name,
      field: opts.field,
      options: opts.options ?? {},
    };
    return createAwsSecretsManagerStore(config, {
      region: this.emulator.region,
      endpoint: this.emulator.endpoint,
      credentials: {
        accessKeyId: key.accessKeyId,
        secretAccessKey: key.secretAccessKey,
        sessionToken: key.sessionToken,
      },
      budget: new RetryBudget({ totalMs: 5_000 }),
      baseDelayMs: 5,
      requestTimeoutMs: 2_000,
      log: (line) => this.logs.push(line),
      ...opts.deps,
    });
  }

  /** Stage labels of every version of `name`, in creation order: `[['AWSPREVIOUS'], ['AWSCURRENT']]`. */
  stages(name: string): string[][] {
    return [...(this.emulator.secrets.get(name)?.versions.values() ?? [])].map((v) => [...v.stages].sort());
  }

  /** The value at `stage` (whole string). */
  valueAt(name: string, stage = 'AWSCURRENT'): string | undefined {
    return this.emulator.versionWith(name, stage)?.secretString;
  }
}
