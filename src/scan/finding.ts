import type { CommitInfo, Finding, FindingSource } from '../types.js';
import type { DetectedKey } from './detector.js';
import { Secret } from './secret.js';

/**
 * Wraps a detector hit into a `Finding`: from here on the key travels as a `Secret` and serialises
 * only as its redacted form.
 */
export function toFinding(d: DetectedKey, file: string, source: FindingSource, commit?: CommitInfo): Finding {
  const secret = new Secret(d.key);
  const finding: Finding = {
    ruleId: d.ruleId,
    provider: d.provider,
    candidates: [...d.candidates],
    description: d.description,
    file,
    line: d.line,
    column: d.column,
    secret,
    redacted: secret.redacted,
    fingerprint: secret.fingerprint,
    source,
  };
  if (commit) finding.commit = commit;
  if (d.encoding) finding.encoding = d.encoding;
  return finding;
}
