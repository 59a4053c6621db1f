/**
 * What a repository's, an organisation's and a branch's names may be when they come from the API (or a
 * file): they become paths (`<owner>__<name>.json`), clone URLs, git arguments and Markdown cells.
 * The same rules as the sweep's reader of shards and states (src/fleet/names.ts on the fleet-sweep
 * branch), so that a repository the plan lists is one the sweep accepts: owners are GitHub logins,
 * repositories GitHub's charset (letters, digits, `.`, `_`, `-`, at most 100), never `.`, never a `..`
 * run, never a leading `-` (an option to git), never ending in `.git`; branches a plain charset.
 */
const OWNER = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;
const NAME = /^[A-Za-z0-9._-]{1,100}$/;

export function isOwnerName(value: unknown): value is string {
  return typeof value === 'string' && OWNER.test(value);
}

export function isRepoName(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    NAME.test(value) &&
    value !== '.' &&
    !value.includes('..') &&
    !value.startsWith('-') &&
    !value.toLowerCase().endsWith('.git')
  );
}

/** `owner/name` with both parts valid. */
export function isFullName(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const parts = value.split('/');
  return parts.length === 2 && isOwnerName(parts[0]) && isRepoName(parts[1]);
}

/** A full ref name (`refs/heads/main`), kept to a plain charset git accepts. */
export function isRefName(ref: unknown): ref is string {
  return (
    typeof ref === 'string' &&
    ref.length <= 255 &&
    /^refs\/(?:heads|tags|pull)\/[A-Za-z0-9_./+@-]+$/.test(ref) &&
    !/\.\.|\/\/|@\{|\.lock(?:\/|$)|\/\.|\.$|\/$/.test(ref)
  );
}

/** A branch name (the default branch), as the API gives it. */
export function isBranchName(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    value.length > 0 &&
    !value.startsWith('-') &&
    isRefName(`refs/heads/${value}`)
  );
}
