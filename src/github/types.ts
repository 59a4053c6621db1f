/**
 * The seams between the rotation saga and GitHub: where secrets are written and where the incident
 * (with its journal) is kept. src/github/ implements them against the REST API; unit tests pass fakes.
 */
import type { Secret } from '../scan/secret.js';

export type SecretScope =
  | { kind: 'repo' }
  | { kind: 'env'; environment: string }
  | {
      kind: 'org';
      org: string;
      /** Required by the API when creating; kept as it was when updating. */
      visibility?: 'all' | 'private' | 'selected';
      selectedRepositoryIds?: number[];
    };

export interface SecretTarget {
  /** `[A-Za-z0-9_]`, not starting with `GITHUB_` or a digit; stored upper case. */
  name: string;
  scope: SecretScope;
  /**
   * `owner/name` of the repository a `repo` or `env` secret belongs to, when it is not the run's own
   * repository (the fleet: one rotation writes the secrets of several swept repositories).
   */
  repository?: string;
}

export interface SecretMeta {
  name: string;
  scope: SecretScope;
  createdAt: string;
  updatedAt: string;
}

export interface SecretsSink {
  /** Encrypts with the scope's public key (libsodium sealed box) and stores. */
  put(target: SecretTarget, value: Secret): Promise<'created' | 'updated'>;
  /** Metadata only: GitHub never returns secret values. */
  get(target: SecretTarget): Promise<SecretMeta | null>;
  list(scope: SecretScope): Promise<SecretMeta[]>;
}

export interface IncidentRecord {
  number: number;
  url: string;
  title: string;
  body: string;
  state: 'open' | 'closed';
}

/** One issue per leaked key, found again by the key's fingerprint (a marker in the body). */
export interface IncidentStore {
  find(fingerprint: string): Promise<IncidentRecord | null>;
  create(fingerprint: string, title: string, body: string): Promise<IncidentRecord>;
  update(number: number, body: string): Promise<IncidentRecord>;
  comment(number: number, body: string): Promise<void>;
  close(number: number, comment?: string): Promise<void>;
  /** Reopens a closed incident (a re-leak of the same key); optional so fakes need not implement it. */
  reopen?(number: number, comment?: string): Promise<void>;
}

/** The repository a run works on. */
export interface RepoContext {
  owner: string;
  repo: string;
  /** e.g. https://api.github.com (GITHUB_API_URL on GHES). */
  apiUrl: string;
  /** e.g. https://github.com, for blob links. */
  serverUrl: string;
  sha?: string;
  runId?: string;
}
