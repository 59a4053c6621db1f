/**
 * The fleet: sweeping every repository of an organisation on a GitHub Actions matrix.
 * plan (API listing + state → matrix) → sweep (one shard per matrix job → one result per repo)
 * → report (merge shards → org report + next night's state). Every stage is a pure function of
 * files, so the same CLI runs in a laptop loop, a matrix, and tests running shards as processes.
 * All these shapes are written to and read from disk: readers validate them (hostile until proven).
 */

/** Bumped when any shape below changes incompatibly; readers refuse other versions with a clear error. */
export const FLEET_FORMAT = 1;

/** A repository as the plan saw it in the API listing. */
export interface FleetRepo {
  /** `owner/name`. */
  fullName: string;
  defaultBranch: string;
  /** ISO time of the last push, from the API; a change means "look again". */
  pushedAt: string | null;
  /** Size in KB from the API (used to balance shards). */
  sizeKb: number;
  archived: boolean;
  fork: boolean;
  private: boolean;
}

/** One matrix entry: `{"shard":1,"repos":[...]}` plus what sweep needs to be incremental. */
export interface FleetShard {
  format: typeof FLEET_FORMAT;
  shard: number;
  /** Full names, in the order they will be swept. */
  repos: string[];
  /** Per repo, from the plan: default branch and ref heads already covered by the state (ref → sha). */
  known?: Record<
    string,
    {
      defaultBranch: string;
      covered: Record<string, string>;
      /** Added by plan: `pushed_at` as listed; sweep copies it into the result (the state records it). */
      pushedAt?: string | null;
      /** Added by plan: size in KB as listed. */
      sizeKb?: number;
    }
  >;
  /** The verdict key (rules + config + version) the plan was made under. */
  rulesKey: string;
  /**
   * Added by plan: the plan's random id (32 hex digits), the same in every shard. A key sealed for
   * `fleet rotate` (./transfer.ts) is bound to it: it opens under this night's plan only.
   */
  planId?: string;
}

/** What `plan --output` writes; `include` is what `strategy.matrix` takes (≤ 256 entries). */
export interface FleetMatrix {
  include: FleetShard[];
  /** Repositories unchanged since the state: not swept tonight. */
  unchanged: string[];
  /** Repositories skipped (archived, fork, empty) with the reason, unless asked to include them. */
  skipped: { repo: string; reason: string }[];
  /** Changed repositories left for a later run (over the batch limit); the next plan starts with them. */
  deferred: string[];
  /** Added by plan: the organisation and the verdict key of this plan. */
  org?: string;
  rulesKey?: string;
  /** Added by plan: its random id (every shard carries it too) and when it was made. */
  planId?: string;
  createdAt?: string;
  /** Added by plan: why each repository of `include` is swept (`new`, `pushed`, `rules changed`, `default branch changed`). */
  why?: Record<string, string>;
  /** Added by plan: what the listing cost (`requests` = API calls, 1 per 100 repositories). */
  stats?: { listed: number; requests: number; ms: number; rateRemaining?: number };
}

export interface FleetFinding {
  repository: string;
  file: string;
  line: number;
  /** The introducing commit (history findings). */
  commit?: string;
  ruleId: string;
  fingerprint: string;
  /** Redacted form only: never the key. */
  redacted: string;
  /** `tree`, `history` or both (one finding per key per repository). */
  seenIn: ('tree' | 'history')[];
  /** Optional (report's SARIF uses them when given): 1-based column, provider id. */
  column?: number;
  provider?: string;
  verification?: { status: 'live' | 'revoked' | 'unknown'; detail?: string };
  /** `sweep --rotate`: what the rotation of this live key did (redacted text only). */
  rotation?: FleetRotation;
  /**
   * `sweep --seal`: the live key, sealed for `fleet rotate` (./transfer.ts: AES-256-GCM under a key
   * derived from the transfer secret, bound to the plan, the shard, the repository and the
   * fingerprint). Read only by `fleet rotate`; every other reader drops it.
   */
  sealed?: string;
  /**
   * When the key was found (ISO time of that night's report): set on findings the state carries
   * (./carried.ts); in a report it marks a finding from an earlier night, not re-read tonight.
   */
  foundOn?: string;
  /**
   * Every sighting of the key in the swept repository carries an inline allow comment
   * (`keyguard:allow`, `gitleaks:allow`, `trufflehog:ignore`): the fleet still reports it, as
   * "silenced in the repository" (./silenced.ts), unless it is live (then it is a finding like any).
   */
  inlineAllowed?: true;
  /**
   * Report only (never read from a file): the finding comes from a result that is not coverage under
   * the plan (a repository it did not list, or another shard's): reported, never kept in the state.
   */
  outsidePlan?: true;
}

/**
 * The outcome of rotating one live key in the sweep job: `rotated` (replacement stored and live,
 * leaked key revoked), `contained` (revoked, replacement by hand), `dry-run`, or left live:
 * `still-live` (the provider still accepts it: no disable API, or not our key), `skipped` (not
 * rotated: no rotation config, no secret known to hold it), `failed` (stopped; a re-run finishes).
 */
export interface FleetRotation {
  status: 'rotated' | 'contained' | 'dry-run' | 'still-live' | 'skipped' | 'failed';
  /** Why, in redacted form (at most 500 characters). */
  detail: string;
  /** The incident in the central repository. */
  incident?: string;
}

export const ROTATION_STATUSES: readonly FleetRotation['status'][] = [
  'rotated',
  'contained',
  'dry-run',
  'still-live',
  'skipped',
  'failed',
];

/** One file per repository in sweep's `--output-dir`: `<owner>__<name>.json`. */
export interface FleetRepoResult {
  format: typeof FLEET_FORMAT;
  repository: string;
  status: 'scanned' | 'failed';
  /** Why a failed repository failed (clone refused, timeout, damaged): no token, no URL with credentials. */
  reason?: string;
  rulesKey: string;
  defaultBranch?: string;
  /** Ref heads covered by this sweep (ref → sha): with the old coverage, the next night's `known`. */
  covered?: Record<string, string>;
  pushedAt?: string | null;
  findings: FleetFinding[];
  stats: { commitsRead: number; blobsRead: number; bytesRead: number; ms: number };
  /**
   * The plan's shard that swept it (written by `fleet sweep`): with `report --plan`, a result is
   * coverage only when the plan listed its repository in this shard (docs/fleet.md, "What the report
   * trusts").
   */
  shard?: number;
}

/** What `report --state-out` writes and `plan --state` / `sweep --state` read. */
export interface FleetState {
  format: typeof FLEET_FORMAT;
  org: string;
  rulesKey: string;
  updatedAt: string;
  repos: Record<
    string,
    {
      pushedAt: string | null;
      defaultBranch: string;
      covered: Record<string, string>;
      sweptAt: string;
      /** The repository's findings still standing (redacted, with verdicts), at most 200 (./carried.ts). */
      findings?: FleetFinding[];
      /** Findings left out over that cap. */
      findingsDropped?: number;
    }
  >;
}
