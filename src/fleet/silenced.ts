/**
 * Keys silenced in a swept repository by an inline allow comment (`keyguard:allow`, `gitleaks:allow`,
 * `trufflehog:ignore` on the key's line). In a repository's own scan that comment is the
 * repository's call; in the fleet the swept repository is not trusted by the central team (any
 * contributor can write the comment next to a key), so the fleet still reports the key, flagged
 * `inlineAllowed: true` (every sighting of it, tree and history, carries the comment), in a group of its
 * own: "silenced in the repository by an inline allow comment — review". Such a key does not by
 * itself make the sweep or the report exit 1, unless it was verified live: a live key is never
 * silenced.
 */
import type { FleetFinding } from './types.js';

export const SILENCED_LABEL = 'silenced in the repository by an inline allow comment — review';

export function isSilenced(f: Pick<FleetFinding, 'inlineAllowed' | 'verification'>): boolean {
  return f.inlineAllowed === true && f.verification?.status !== 'live';
}
