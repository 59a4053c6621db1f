/** Naming of secret targets: a stable id for the journal and a human label for the incident. */
import type { SecretTarget } from '../github/types.js';

/** `repo:NAME`, `env:prod:NAME`, `org:acme:NAME`: names are case-insensitive, stored upper case. */
export function targetId(t: SecretTarget): string {
  const name = t.name.toUpperCase();
  // Another repository's secret (the fleet) is named with it: the same name in two repositories is two places.
  const at = t.repository && t.scope.kind !== 'org' ? `${t.repository.toLowerCase()}:` : '';
  switch (t.scope.kind) {
    case 'repo':
      return `repo:${at}${name}`;
    case 'env':
      return `env:${at}${t.scope.environment}:${name}`;
    case 'org':
      return `org:${t.scope.org}:${name}`;
  }
}

export function describeTarget(t: SecretTarget): string {
  const name = t.name.toUpperCase();
  const of = t.repository && t.scope.kind !== 'org' ? ` of ${t.repository}` : '';
  switch (t.scope.kind) {
    case 'repo':
      return `repository secret ${name}${of}`;
    case 'env':
      return `environment secret ${name} (environment ${t.scope.environment}${of})`;
    case 'org':
      return `organization secret ${name} (org ${t.scope.org}${t.scope.visibility ? `, ${t.scope.visibility}` : ''})`;
  }
}

/** The standby secret of a target: `OPENAI_API_KEY` → `OPENAI_API_KEY_NEXT`. */
export function standbyName(name: string, suffix = '_NEXT'): string {
  return `${name.toUpperCase()}${suffix.toUpperCase()}`;
}
