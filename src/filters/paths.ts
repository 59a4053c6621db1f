/**
 * The path allowlist as a matcher, for applyFilters and for the scan engine (which can skip
 * allowlisted files and prune whole directories before reading anything).
 *
 * gitignore-like semantics over minimatch (`dot: true`): a pattern without a slash matches a name at
 * any depth (`*.snap`, `fixtures`); a pattern that matches a directory covers everything below it
 * (`vendor/`, `third_party/**`, `docs`); a leading `./` is ignored.
 */
import { Minimatch } from 'minimatch';

export interface PathAllowlist {
  /** True when the file (or any directory above it) is allowlisted. */
  allowlisted(relPath: string): boolean;
  /** For the engine's `include`: false skips the file. Checks the path itself (directories are pruned apart). */
  include(relPath: string): boolean;
  /** For the engine's `includeDir`: false prunes the directory and everything below it. */
  includeDir(relDir: string): boolean;
}

/** `./docs/**` → `docs`: what is left is matched against the path and each of its directories. */
export function normalizeGlob(pattern: string): string {
  let p = pattern.trim().replace(/^\.\//, '');
  for (;;) {
    const next = p.replace(/\/+$/, '').replace(/\/\*\*$/, '');
    if (next === p || next === '') break;
    p = next;
  }
  return p;
}

function toPosix(path: string): string {
  return path.replace(/\\/g, '/').replace(/^\.\//, '');
}

export function pathAllowlist(patterns: readonly string[]): PathAllowlist {
  const globs = patterns.map((raw) => {
    const p = normalizeGlob(raw);
    return new Minimatch(p, { dot: true, matchBase: !p.includes('/') });
  });
  const matches = (path: string): boolean => globs.some((g) => g.match(path));
  return {
    allowlisted(relPath) {
      if (globs.length === 0) return false;
      const parts = toPosix(relPath).split('/');
      for (let i = 1; i <= parts.length; i++) if (matches(parts.slice(0, i).join('/'))) return true;
      return false;
    },
    include: (relPath) => globs.length === 0 || !matches(toPosix(relPath)),
    includeDir: (relDir) => globs.length === 0 || !matches(toPosix(relDir).replace(/\/+$/, '')),
  };
}
