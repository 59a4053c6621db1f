/**
 * The plain data types that flow between keyguard's stages:
 * sources → detector → Finding → filters → reporters, and Finding → Verification → rotation → audit.
 * Every stage can be tested alone with these.
 */
import type { Secret } from './scan/secret.js';

/** Where a finding was seen: the working tree, full history, a commit range, or a workflow file. */
export type FindingSource = 'tree' | 'history' | 'range' | 'workflow';

export interface CommitInfo {
  sha: string;
  author: string;
  email: string;
  /** ISO 8601 author date. */
  date: string;
  /** How many later commits still contain the same key at this path (history scans). */
  laterCommits?: number;
}

export type Liveness = 'live' | 'revoked' | 'unknown';

/** What a provider said about a key. Carries the HTTP evidence, never the key. */
export interface Verification {
  status: Liveness;
  /** The provider that answered (for ambiguous shapes: the one that recognised the key). */
  provider: string;
  /** e.g. `GET /v1/models` (path only; the base URL may be a private proxy). */
  endpoint: string;
  httpStatus?: number;
  /** The provider's own error code or type, e.g. `invalid_api_key`. */
  errorCode?: string;
  /** One human sentence: why this verdict. */
  detail: string;
  /** A live key whose scopes are limited (e.g. OpenAI "missing scopes", Stripe restricted key). */
  restricted?: boolean;
  checkedAt: string;
}

export interface Finding {
  ruleId: string;
  /** Provider id, or several joined with `|` when the shape is shared (`deepseek|dashscope`). */
  provider: string;
  /** Providers whose keys have this shape, most likely first; verification tries them in order. */
  candidates: string[];
  description: string;
  /** Relative path with forward slashes. */
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based, in characters. */
  column: number;
  /** The key itself: serializes as its redacted form; `secret.reveal()` only where it must be sent. */
  secret: Secret;
  redacted: string;
  fingerprint: string;
  source: FindingSource;
  commit?: CommitInfo;
  /** Set when the key was found inside an encoded value (e.g. a Kubernetes Secret's `data:`). */
  encoding?: 'base64';
  /** Extra human context from the rule (e.g. the workflow guard's suggested secret name). */
  message?: string;
  /**
   * What should replace the literal, from the context the key was found in (a Dockerfile `ARG`, a
   * Kubernetes `env[].value`, a Terraform variable...). Set only for findings in files whose kind
   * keyguard recognises (src/advice/).
   */
  advice?: FindingAdvice;
  verification?: Verification;
  /**
   * `linked`: a credential found beside AI keys (AWS, GitHub, a database URL…): reported, never verified
   * or rotated; the incident lists it to rotate by hand.
   */
  kind?: 'linked';
  /** Linked credentials found with this key (same file or commit): the incident's "rotate these too". */
  companions?: LinkedCompanion[];
}

/** Where a literal key sits, by the kind of file and the field it is assigned to. */
export type AdviceContext =
  | 'dockerfile-arg'
  | 'dockerfile-env'
  | 'dockerfile-run'
  | 'dockerfile'
  | 'k8s-env'
  | 'k8s-secret'
  | 'k8s-configmap'
  | 'k8s-manifest'
  | 'kustomize-secret'
  | 'compose-environment'
  | 'compose-build-arg'
  | 'compose'
  | 'helm-values'
  | 'terraform-variable'
  | 'terraform-tfvars'
  | 'terraform-attribute'
  | 'dotenv'
  | 'github-workflow';

/** The context-specific fix for a literal key: where it sits, and the reference to use instead. */
export interface FindingAdvice {
  context: AdviceContext;
  /** Where, in words: `Dockerfile ARG OPENAI_API_KEY`, `env OPENAI_API_KEY of a Kubernetes container`. */
  where: string;
  /** What to put there instead (one sentence). */
  fix: string;
  /** The variable or field the key is assigned to, when known (letters, digits, `_.-` only). */
  name?: string;
}

/** A linked credential as an incident lists it: redacted, with where it was found. Never the key. */
export interface LinkedCompanion {
  ruleId: string;
  provider: string;
  description: string;
  redacted: string;
  file: string;
  line: number;
  commit?: string;
  why: 'same file' | 'same commit';
}

/** A file or input that could not be read or parsed: reported, never fatal. */
export interface ScanWarning {
  file?: string;
  line?: number;
  message: string;
}

export interface ScanResult {
  findings: Finding[];
  warnings: ScanWarning[];
  stats: {
    files: number;
    bytes: number;
    commits?: number;
    durationMs: number;
    /** Findings dropped by allowlists, inline ignores or the baseline. */
    suppressed: number;
  };
}
