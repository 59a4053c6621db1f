/**
 * Commit SHAs and ref names from the event payload, validated before any of them reaches git. The
 * payload file is written by the runner, but its fields carry what others chose (a branch name is
 * anyone's text): a value like `--output=/tmp/x` or `HEAD;id` must never become a git argument.
 */
import { InputError } from '../config/errors.js';

/** A full object name: SHA-1 (40 hex) or SHA-256 (64 hex). Abbreviations and revision syntax are refused. */
const FULL_SHA = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;

/** Shown in errors: the value as JSON, cut short (it is someone else's text). */
function shown(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** A full lowercase hex SHA from the payload field `field`; undefined when the field is absent. */
export function payloadSha(value: unknown, field: string): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'string' && FULL_SHA.test(value.toLowerCase())) return value.toLowerCase();
  throw new InputError(
    `event payload ${field}: ${shown(value)} is not a full commit SHA (40 or 64 hex characters); refusing to pass it to git`,
  );
}

/** Why `name` is not a valid `refs/…` name under git check-ref-format's rules, or undefined when it is. */
export function refNameProblem(name: string): string | undefined {
  if (!name.startsWith('refs/')) return 'does not start with refs/';
  if (/[\x00-\x20\x7f~^:?*[\\]/.test(name)) return 'contains a space, a control character or one of ~^:?*[\\';
  if (name.includes('..')) return 'contains ..';
  if (name.includes('@{')) return 'contains @{';
  if (name.endsWith('/') || name.endsWith('.')) return 'ends with / or .';
  for (const part of name.split('/')) {
    if (part === '') return 'has an empty component (//)';
    if (part.startsWith('.')) return 'has a component starting with .';
    if (part.endsWith('.lock')) return 'has a component ending with .lock';
  }
  return undefined;
}

/** A `refs/…` name from the payload field `field`; undefined when the field is absent. */
export function payloadRef(value: unknown, field: string): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const problem = typeof value === 'string' ? refNameProblem(value) : 'is not a string';
  if (!problem) return value as string;
  throw new InputError(
    `event payload ${field}: ${shown(value)} is not a ref name (${problem}); refusing to pass it to git`,
  );
}
