/**
 * What the `linked` family (cloud keys, tokens, private keys, database URLs found beside AI keys) does to
 * the exit status: `fail` (default: a leaked AWS key is as urgent as a leaked OpenAI key), `warn`
 * (reported, never fails the step), `off` (not reported). keyguard never verifies or rotates them, so
 * `fail-on: live` cannot see them: `fail-on-linked` decides on its own, and only `fail-on: never` wins.
 */
import type { Finding } from '../types.js';

export const LINKED_POLICIES = ['fail', 'warn', 'off'] as const;
export type LinkedPolicy = (typeof LINKED_POLICIES)[number];

export function isLinked(f: Finding): boolean {
  return f.kind === 'linked';
}

/** The findings a report shows under this policy (`off` drops the linked ones). */
export function reported(findings: Finding[], policy: LinkedPolicy): Finding[] {
  return policy === 'off' ? findings.filter((f) => !isLinked(f)) : findings;
}

/** How many linked findings fail the step under this policy and `fail-on`. */
export function failingLinked(findings: Finding[], policy: LinkedPolicy, failOn: string): number {
  if (policy !== 'fail' || failOn === 'never') return 0;
  return findings.filter(isLinked).length;
}

/** Applies `off` to a scan's outcome in place: linked findings are dropped from every list. */
export function applyLinkedPolicy(
  outcome: { result: { findings: Finding[] }; findings: Finding[]; newFindings: Finding[] },
  policy: LinkedPolicy,
): void {
  if (policy !== 'off') return;
  outcome.result.findings = reported(outcome.result.findings, policy);
  outcome.findings = reported(outcome.findings, policy);
  outcome.newFindings = reported(outcome.newFindings, policy);
}

/**
 * Directories that ship sample key pairs (xmlsec's `examples/rsakey.pem`, a library's `testdata/`): a
 * private key there is a fixture. Only private keys: a live token in `docs/` is still a leak.
 */
const FIXTURE_DIR = /(?:^|\/)(?:examples?|samples?|fixtures?|testdata|test|tests|__tests__|spec|doc|docs)\//i;

/**
 * Private keys that vendors publish in their own documentation as examples, by fingerprint (never the
 * key): anyone can read them, so finding one is not a leak. GitHub's REST description
 * (`@octokit/openapi`, the GitHub App manifest conversion example's `pem`) carries one in every copy.
 */
const DOCUMENTED_EXAMPLE_KEYS = new Set(['8e1f152ea402cf9685375f4c948b680e']);

export function isFixtureKey(f: Finding): boolean {
  if (!isLinked(f) || f.ruleId !== 'private-key') return false;
  return FIXTURE_DIR.test(f.file) || DOCUMENTED_EXAMPLE_KEYS.has(f.fingerprint);
}
