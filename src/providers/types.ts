/**
 * One interface for every provider. Optional methods say plainly what a provider can do; the
 * support matrix in docs/ is generated from `capabilities` and `limitations`.
 */
import type { RetryBudget } from '../http/budget.js';
import type { Secret } from '../scan/secret.js';
import type { Verification } from '../types.js';

/** A provider-side identifier of a key (never the key itself). */
export interface KeyRef {
  provider: string;
  /** The provider's key id (OpenAI `key_…`, Anthropic `apikey_…`, OpenRouter hash, LiteLLM token hash). */
  id: string;
  name?: string;
  /** As the provider shows it, e.g. `sk-proj-...9f2c`. */
  redactedValue?: string;
  /** OpenAI: the project that holds the key. */
  projectId?: string;
  /** OpenAI: set when a service account owns the key. */
  serviceAccountId?: string;
  ownerType?: 'user' | 'service_account' | 'admin' | 'other';
  createdAt?: string;
}

export type LocateResult =
  | { status: 'found'; ref: KeyRef }
  | { status: 'ambiguous'; matches: KeyRef[]; reason: string }
  | {
      status: 'not-found';
      reason: string;
      /**
       * The admin API cannot list this kind of key (Anthropic admin keys), but proved it belongs to
       * our organization (the key itself names the same organization): ours, with no id to act on.
       */
      ownOrganization?: true;
      /**
       * The key itself proves it belongs to another organization (OpenAI admin keys list their own
       * organization): not ours even if a secret of ours holds it, so nothing is made for it.
       */
      otherOrganization?: true;
    };

/** What the replacement key may do. Fields a provider cannot enforce come back in `NewKey.manual`. */
export interface KeyPolicy {
  /** Already expanded from the name template, e.g. `prod-chat-api-20260109`. */
  name: string;
  /**
   * `admin`: the leaked key is an organization admin key, so its replacement is one too (never a
   * project key, never with a project key's scopes or limits). Absent: an ordinary API key.
   */
  kind?: KeyKind;
  /** OpenAI: project to create the service account in (defaults to the leaked key's project). */
  project?: string;
  /** OpenAI key scopes, e.g. `api.model.read`. */
  scopes?: string[];
  /** LiteLLM / OpenAI model allow list. */
  models?: string[];
  allowedRoutes?: string[];
  rpm?: number;
  tpm?: number;
  dailyRequests?: number;
  /** USD budget (LiteLLM max_budget, OpenRouter limit). */
  budgetUsd?: number;
  /** `daily|weekly|monthly` (OpenRouter) or LiteLLM duration string like `30d`. */
  budgetReset?: string;
  /** Days until the key expires. */
  expiresInDays?: number;
  /** Source IP allow list: no provider here enforces it per key; always a manual step. */
  allowedIps?: string[];
  metadata?: Record<string, string>;
}

export interface NewKey {
  ref: KeyRef;
  secret: Secret;
  /** Policy parts this provider could not enforce: listed in the plan and the incident. */
  manual: string[];
}

export interface TimeWindow {
  /** ISO 8601, inclusive. */
  start: string;
  /** ISO 8601, exclusive. */
  end: string;
}

/**
 * One observation of a key's use: either a single request (call logs, LiteLLM spend logs) or an
 * aggregate bucket (usage APIs: `requests` > 1, no status/ip/userAgent).
 */
export interface UsageEvent {
  /** ISO 8601 start of the request or bucket. */
  time: string;
  /** Bucket length in seconds when aggregated (3600 for hourly usage). */
  bucketSeconds?: number;
  requests: number;
  inputTokens?: number;
  outputTokens?: number;
  costUsd?: number;
  status?: number;
  ip?: string;
  userAgent?: string;
  model?: string;
  path?: string;
  keyId?: string;
  /** e.g. `openai-usage`, `openai-audit-log`, `litellm-spend-logs`, `csv`. */
  source: string;
  /** Management event type for audit-log sources, e.g. `api_key.deleted`. */
  eventType?: string;
}

export interface ProviderCapabilities {
  verify: true;
  /**
   * `false` when `verify()` can never tell live from revoked (the webhook provider never sends the
   * key anywhere): the rotation saga then takes the provider's answers to create and disable as
   * the evidence, and says so in the journal. Absent means verify() gives real verdicts.
   */
  liveness?: false;
  locate: boolean;
  create: boolean;
  disable: boolean;
  usage: boolean;
}

export type KeyState = 'active' | 'disabled' | 'deleted';

/** `admin`: an organization admin key (OpenAI `sk-admin-…`, Anthropic `sk-ant-admin01-…`). */
export type KeyKind = 'admin' | 'api';

export interface Provider {
  id: string;
  displayName: string;
  capabilities: ProviderCapabilities;
  /** What this provider cannot do through its API, in plain words (support matrix, incident). */
  limitations: string[];
  /** What kind of key a value is, for providers with more than one (admin keys). Absent: `api`. */
  kindOf?(key: Secret): KeyKind;
  /** Whether `key` is the admin key this adapter itself authenticates its admin calls with. */
  usesAdminKey?(key: Secret): boolean;
  /**
   * From now on, authenticate admin calls with `key`: keyguard's own admin key leaked, its
   * replacement is stored and verified, and the leaked one is about to be deleted.
   */
  useAdminKey?(key: Secret): void;
  /** Read-only liveness check: never changes anything at the provider. */
  verify(key: Secret): Promise<Verification>;
  /** Admin API: which key id is this leaked key? */
  locate?(key: Secret): Promise<LocateResult>;
  /** Admin API: create a least-privilege replacement, near the leaked key (same project) if given. */
  create?(policy: KeyPolicy, near?: KeyRef): Promise<NewKey>;
  /** Admin API: make the key stop working (disable in place, or delete where that is the only way). */
  disable?(ref: KeyRef): Promise<void>;
  /** Admin API: remove a key for good (used to clean up an orphaned replacement). */
  delete?(ref: KeyRef): Promise<void>;
  /** Admin API: the key's state, used before retrying a disable (a retried DELETE may 404). */
  state?(ref: KeyRef): Promise<KeyState>;
  /**
   * Admin API: the key as the provider lists it by id (name, creation time, visible hint), or null
   * when it is gone. The saga deletes an orphaned replacement only when this matches what its create
   * call returned.
   */
  describe?(ref: KeyRef): Promise<KeyRef | null>;
  /**
   * Admin API: usage of the key in a time window. Rows the source does not attribute to the key are
   * never counted as the key's; what the source could not tell goes to `notes.gap`.
   */
  usage?(ref: KeyRef, window: TimeWindow, notes?: UsageNotes): Promise<UsageEvent[]>;
}

/** What a usage source could not do in this run (it ignored the key filter…), for the audit's gaps. */
export interface UsageNotes {
  gap(text: string): void;
}

/** Connection settings common to every provider adapter. */
export interface ProviderSettings {
  /** Following the official SDK's convention (OpenAI's includes `/v1`). */
  baseUrl?: string;
  /** Admin / management / master key for admin operations. */
  adminKey?: Secret;
  /** Per-request timeout in ms. */
  timeoutMs?: number;
  /** Retries for 408/409/429/5xx. */
  maxRetries?: number;
  /** Cap on a single wait, in ms (Retry-After above it is clamped). */
  maxRetryDelayMs?: number;
  /** The run's shared budget for retry waits (see src/http/budget.ts). */
  budget?: RetryBudget;
  fetch?: typeof fetch;
}
