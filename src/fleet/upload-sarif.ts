/**
 * `fleet report --upload-sarif`: each repository's SARIF to its own code scanning
 * (`POST /repos/{owner}/{repo}/code-scanning/sarifs`: gzip, then base64; the commit and ref are the
 * default branch's head the sweep covered). One request per repository, sent one after another,
 * 1 s apart (GitHub's advice for bulk writes; its secondary limit counts content-creating requests
 * per minute), rate limits waited out within the run's retry budget. GitHub refuses a SARIF above
 * 10 MB gzipped: such a repository is reported as not uploaded, and the others go on.
 */
import { gzipSync } from 'node:zlib';
import type { GitHubClient } from '../github/client.js';
import type { SarifLog } from '../report/sarif.js';
import type { FleetReport } from './report.js';
import type { FleetRepoResult, FleetState } from './types.js';

export const MAX_SARIF_GZIP_BYTES = 10 * 1024 * 1024;
/** Spacing of uploads (GitHub: "at least one second between each request" for bulk writers). */
export const SARIF_UPLOAD_INTERVAL_MS = 1000;

/** `--upload-scope`: tonight's swept repositories, or every repository with a SARIF (unchanged ones from the state). */
export const UPLOAD_SCOPES = ['changed', 'all'] as const;
export type UploadScope = (typeof UPLOAD_SCOPES)[number];
/** Uploads per run by default: 1 s apart, 1,000 take about 17 minutes. */
export const DEFAULT_MAX_UPLOADS = 1000;

/** Where a repository's SARIF is attached: its default branch and the head covered there. */
export type UploadHead = Pick<FleetRepoResult, 'repository' | 'defaultBranch' | 'covered'>;

export interface UploadOutcome {
  repository: string;
  status: 'uploaded' | 'failed' | 'skipped';
  detail: string;
}

/**
 * Which SARIF logs this run uploads: the scope's repositories (`changed`: scanned tonight; `all`: also
 * those the state carries), in the report's order (most urgent first), at most `max`; the rest are
 * `skipped` with why (a later run with `all` sends them).
 */
export function uploadTargets(
  logs: Map<string, SarifLog>,
  report: FleetReport,
  results: readonly FleetRepoResult[],
  state: FleetState | undefined,
  scope: UploadScope,
  max: number,
): { logs: Map<string, SarifLog>; heads: UploadHead[]; skipped: UploadOutcome[] } {
  const status = new Map(report.repositories.map((r) => [r.repository.toLowerCase(), r.status]));
  const heads: UploadHead[] = results.filter((r) => r.status === 'scanned');
  if (scope === 'all')
    for (const [repository, e] of Object.entries(state?.repos ?? {}))
      if (status.get(repository.toLowerCase()) === 'unchanged')
        heads.push({ repository, defaultBranch: e.defaultBranch, covered: e.covered });
  const chosen = new Map<string, SarifLog>();
  const skipped: UploadOutcome[] = [];
  for (const [repository, log] of logs) {
    const s = status.get(repository.toLowerCase());
    if (s !== 'scanned' && scope === 'changed') continue;
    if (chosen.size >= max)
      skipped.push({ repository, status: 'skipped', detail: `over --max-uploads ${max} for this run` });
    else chosen.set(repository, log);
  }
  return { logs: chosen, heads, skipped };
}

export async function uploadSarifs(
  client: GitHubClient,
  logs: Map<string, SarifLog>,
  results: readonly UploadHead[],
): Promise<UploadOutcome[]> {
  const byRepo = new Map(results.map((r) => [r.repository.toLowerCase(), r]));
  const out: UploadOutcome[] = [];
  for (const [repository, log] of logs) {
    const r = byRepo.get(repository.toLowerCase());
    const branch = r?.defaultBranch;
    const ref = branch ? `refs/heads/${branch}` : undefined;
    const sha = ref ? r?.covered?.[ref] : undefined;
    if (!ref || !sha) {
      out.push({
        repository,
        status: 'skipped',
        detail: 'the sweep recorded no default-branch head to attach it to',
      });
      continue;
    }
    const gz = gzipSync(JSON.stringify(log));
    if (gz.length > MAX_SARIF_GZIP_BYTES) {
      out.push({
        repository,
        status: 'failed',
        detail: `${gz.length} bytes gzipped is above GitHub's 10 MB`,
      });
      continue;
    }
    const [owner, name] = repository.split('/') as [string, string];
    try {
      const res = await client.request<{ id?: string }>(
        'POST',
        `/repos/${owner}/${name}/code-scanning/sarifs`,
        {
          body: { commit_sha: sha, ref, sarif: gz.toString('base64'), tool_name: 'keyguard' },
          // An upload is idempotent for GitHub (same commit, ref and tool: the analysis is replaced).
          idempotent: true,
        },
      );
      out.push({
        repository,
        status: 'uploaded',
        detail: typeof res.data?.id === 'string' ? `analysis ${res.data.id}` : 'accepted',
      });
    } catch (err) {
      out.push({ repository, status: 'failed', detail: (err as Error).message });
    }
  }
  return out;
}
