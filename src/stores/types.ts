/**
 * Secret stores beyond GitHub: the seam between the rotation saga and every place a key can live
 * (AWS Secrets Manager, Vault/OpenBao KV v2, Kubernetes Secrets, an in-house store behind a signed
 * webhook, and GitHub itself through an adapter over SecretsSink).
 *
 * One `SecretStore` is one configured place (`rotation.<provider>.stores:` in .keyguard.yml): a
 * secret (and, for structured secrets, one field of it). The saga asks every place, before the
 * leaked key is disabled, whether it holds the leaked key (`holds`), whether it can be written
 * (`preflight`), then writes the replacement (`put`) and, after containment, retires what still
 * holds the leaked key (`retire`). A place that holds the key and cannot be written stops the
 * disable: production is never left keyless.
 */
import type { Secret } from '../scan/secret.js';

export type StoreKind = 'github' | 'aws-secrets-manager' | 'vault-kv2' | 'kubernetes' | 'webhook';

/** What a place holds now, proven by fingerprint where its read API allows. */
export type Holding =
  /** The current value (or the configured field of it) is the leaked key. */
  | { state: 'holds' }
  /** The current value is another key: leave this place alone. */
  | { state: 'other' }
  /** The place does not exist (yet): writing creates it only if the store's config allows. */
  | { state: 'absent' }
  /** Cannot read values (GitHub secrets, no read permission): rotated on the config's word. */
  | { state: 'unknown'; why: string };

export interface StoreWrite {
  /** `created`: new secret/field; `updated`: new version/value. */
  outcome: 'created' | 'updated';
  /** Store's own version id of what was written (AWS VersionId, Vault version, k8s resourceVersion). */
  version?: string;
}

export interface PreflightOptions {
  /** dry-run: send nothing that could write, even a no-op write. */
  readOnly?: boolean;
}

export interface SecretStore {
  readonly kind: StoreKind;
  /** Stable id for the journal, no key material: `aws:us-east-1:prod/openai#api_key`. */
  readonly id: string;
  /** Human label for logs and the incident (passes through forLog/forMarkdown at the sink). */
  readonly label: string;
  /** Whether the current value holds the leaked key. Never throws for "not permitted": `unknown`. */
  holds(leaked: Secret): Promise<Holding>;
  /**
   * Proves the replacement can be written (credentials, permissions, the secret exists) without writing.
   * Throws StoreError. With `readOnly` (dry-run) it proves only what reading can (AWS skips its no-op
   * write probe).
   */
  preflight(opts?: PreflightOptions): Promise<void>;
  /**
   * What the last preflight found that a human should know before anything changes (the workloads
   * that read a Kubernetes Secret, and whether keyguard restarts them): kept in the incident, shown by
   * dry-run.
   */
  preflightNotes?(): string[];
  /** Writes the replacement, keeping every other field of a structured secret. Idempotent for the same value. */
  put(value: Secret): Promise<StoreWrite>;
  /**
   * After the leaked key is disabled: no version that holds it stays current or pending (AWS stages,
   * Vault versions when `destroy-old` is set). Returns lines for the incident of what was done.
   */
  retire?(leaked: Secret): Promise<string[]>;
  /** What a human must still do after the write (e.g. Deployments that mount a k8s Secret need a rollout). */
  followUps?(): Promise<string[]>;
  /** What `dry-run` prints: the change this place would get, no value. */
  plan(): string;
}

/** A store failure with a reason fit for the incident (no key material, no credentials). */
export class StoreError extends Error {
  constructor(
    readonly storeId: string,
    message: string,
    /** Transient failures (throttling, 5xx, network) may be retried within the run's budget. */
    readonly transient = false,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}

/** One entry of `rotation.<provider>.stores:` after parsing; kind-specific fields stay in `options`. */
export interface StoreConfig {
  kind: StoreKind;
  /** Secret name / path / Secret object name, as the store names it. */
  name: string;
  /** Field inside a structured secret (AWS JSON secret, Vault KV data key, k8s Secret data key). */
  field?: string;
  options: Record<string, unknown>;
}
