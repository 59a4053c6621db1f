/** Naming of secret targets: a stable id for the journal and a human label for the incident. */
import type { SecretTarget } from '../github/types.js';

/** `repo:NAME`, `env:prod:NAME`, `org:acme:NAME`: names are case-insensitive, stored upper case. */
export function targetId(t: SecretTarget): string {
  const name = t.name.toUpperCase();
  switch (t.scope.kind) {
    case 'repo':
      return `repo:${name}`;
    case 'env':
      return `env:${t.scope.environment}:${name}`;
    case 'org':
      return `org:${t.scope.org}:${name}`;
  }
}

export function describeTarget(t: SecretTarget): string {
  const name = t.name.toUpperCase();
  switch (t.scope.kind) {
    case 'repo':
      return `repository secret ${name}`;
    case 'env':
      return `environment secret ${name} (environment ${t.scope.environment})`;
    case 'org':
      return `organization secret ${name} (org ${t.scope.org}${t.scope.visibility ? `, ${t.scope.visibility}` : ''})`;
  }
}

/** The standby secret of a target: `OPENAI_API_KEY` → `OPENAI_API_KEY_NEXT`. */
export function standbyName(name: string, suffix = '_NEXT'): string {
  return `${name.toUpperCase()}${suffix.toUpperCase()}`;
}
