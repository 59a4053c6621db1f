/**
 * What a repository's and an organisation's names may be. They come from the API (or a file), which
 * keyguard does not trust: a name becomes a path (`<owner>__<name>.json`), a clone URL, a Markdown
 * cell. GitHub allows ASCII letters, digits, `.`, `-` and `_` in repository names (at most 100) and
 * letters, digits and single inner hyphens in organisation logins (at most 39); anything else is
 * refused before it reaches a sink.
 */
const REPO_NAME = /^[A-Za-z0-9._-]{1,100}$/;
const OWNER = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,37}[A-Za-z0-9])?$/;

export function isOwnerName(value: unknown): value is string {
  return typeof value === 'string' && OWNER.test(value);
}

export function isRepoName(value: unknown): value is string {
  return typeof value === 'string' && REPO_NAME.test(value) && value !== '.' && value !== '..';
}

/** `owner/name` with both parts valid. */
export function isFullName(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const parts = value.split('/');
  return parts.length === 2 && isOwnerName(parts[0]) && isRepoName(parts[1]);
}

/**
 * A branch name as git accepts one (git-check-ref-format, for `refs/heads/NAME`): no controls, space,
 * `~^:?*[\`, no `..`, `@{`, `//`, no leading `-` or `/`, no trailing `/`, `.` or `.lock`.
 */
export function isBranchName(value: unknown): value is string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 255) return false;
  if (/[\u0000-\u0020\u007f~^:?*[\\]/.test(value)) return false;
  if (value.includes('..') || value.includes('@{') || value.includes('//') || value === '@') return false;
  if (value.startsWith('-') || value.startsWith('/') || value.endsWith('/') || value.endsWith('.'))
    return false;
  if (value.endsWith('.lock') || value.split('/').some((c) => c.startsWith('.'))) return false;
  return true;
}
