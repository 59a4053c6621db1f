/**
 * Which configured secrets a live key found in a swept repository may be replaced in: only those that
 * exist for that repository (its own, or the owner organisation's shared with it), never created.
 */
import { describe, expect, it } from '@jest/globals';
import { fleetTargets } from '../../src/fleet/rotation-targets.js';
import type { SecretMeta, SecretScope, SecretTarget } from '../../src/github/types.js';

const REPO: SecretTarget = { name: 'OPENAI_API_KEY', scope: { kind: 'repo' } };
const ENV: SecretTarget = { name: 'OPENAI_API_KEY', scope: { kind: 'env', environment: 'prod' } };
const ORG: SecretTarget = { name: 'OPENAI_API_KEY', scope: { kind: 'org', org: 'acme' } };
const OTHER_ORG: SecretTarget = { name: 'OPENAI_API_KEY', scope: { kind: 'org', org: 'globex' } };

/** A swept repository's secrets as GitHub would answer for them. */
function sink(opts: { repo?: string[]; env?: string[]; sharedOrg?: Record<string, SecretScope> }) {
  const asked: string[] = [];
  return {
    asked,
    async get(t: SecretTarget): Promise<SecretMeta | null> {
      asked.push(`get ${t.scope.kind}:${t.name}`);
      const names = t.scope.kind === 'repo' ? opts.repo : t.scope.kind === 'env' ? opts.env : [];
      return names?.includes(t.name)
        ? {
            name: t.name,
            scope: t.scope,
            createdAt: '2026-01-01T00:00:00Z',
            updatedAt: '2026-01-01T00:00:00Z',
          }
        : null;
    },
    async whereIs(name: string): Promise<SecretTarget[]> {
      asked.push(`whereIs ${name}`);
      const scope = opts.sharedOrg?.[name];
      return scope ? [{ name, scope }] : [];
    },
  };
}

describe('fleetTargets', () => {
  const table: {
    name: string;
    configured: SecretTarget[];
    repo: Parameters<typeof sink>[0];
    kept: string[];
  }[] = [
    {
      name: "keeps the swept repository's own secret when it exists",
      configured: [REPO],
      repo: { repo: ['OPENAI_API_KEY'] },
      kept: ['repo:OPENAI_API_KEY'],
    },
    {
      name: 'drops a repository secret the swept repository does not have (nothing is created)',
      configured: [REPO],
      repo: {},
      kept: [],
    },
    {
      name: 'keeps an environment secret of the swept repository when it exists',
      configured: [ENV],
      repo: { env: ['OPENAI_API_KEY'] },
      kept: ['env:prod:OPENAI_API_KEY'],
    },
    {
      name: 'keeps an organization secret GitHub shares with the swept repository',
      configured: [ORG],
      repo: { sharedOrg: { OPENAI_API_KEY: { kind: 'org', org: 'acme', visibility: 'selected' } } },
      kept: ['org:acme:OPENAI_API_KEY'],
    },
    {
      name: 'drops an organization secret not shared with the swept repository',
      configured: [ORG],
      repo: {},
      kept: [],
    },
    {
      name: "drops an organization secret of another organization than the repository's owner",
      configured: [OTHER_ORG],
      repo: { sharedOrg: { OPENAI_API_KEY: { kind: 'org', org: 'acme', visibility: 'all' } } },
      kept: [],
    },
    {
      name: 'keeps the repository and organization secrets of the same name together',
      configured: [REPO, ORG],
      repo: {
        repo: ['OPENAI_API_KEY'],
        sharedOrg: { OPENAI_API_KEY: { kind: 'org', org: 'acme', visibility: 'all' } },
      },
      kept: ['repo:OPENAI_API_KEY', 'org:acme:OPENAI_API_KEY'],
    },
  ];
  it.each(table)('$name', async ({ configured, repo, kept }) => {
    const found = await fleetTargets(configured, 'acme', sink(repo));
    const ids = found.targets.map((t) =>
      t.scope.kind === 'org'
        ? `org:${t.scope.org}:${t.name}`
        : t.scope.kind === 'env'
          ? `env:${t.scope.environment}:${t.name}`
          : `repo:${t.name}`,
    );
    expect(ids).toEqual(kept);
    expect(found.targets.length + found.absent.length).toBe(configured.length);
  });

  it('takes the visibility GitHub reports for an organization secret, not the config’s', async () => {
    const found = await fleetTargets(
      [{ name: 'OPENAI_API_KEY', scope: { kind: 'org', org: 'acme', visibility: 'all' } }],
      'acme',
      sink({ sharedOrg: { OPENAI_API_KEY: { kind: 'org', org: 'acme', visibility: 'selected' } } }),
    );
    expect(found.targets[0]!.scope).toEqual({ kind: 'org', org: 'acme', visibility: 'selected' });
  });

  it('says why each configured secret was left alone', async () => {
    const found = await fleetTargets([REPO, OTHER_ORG], 'acme', sink({}));
    expect(found.absent).toEqual([
      { target: 'repo:OPENAI_API_KEY', why: 'no such secret in this repository' },
      { target: 'org:globex:OPENAI_API_KEY', why: 'organization globex is not the owner acme' },
    ]);
  });

  it('asks GitHub once per name for the secrets shared with the repository', async () => {
    const s = sink({});
    await fleetTargets([ORG, { name: 'openai_api_key', scope: { kind: 'org', org: 'ACME' } }], 'acme', s);
    expect(s.asked.filter((a) => a.startsWith('whereIs'))).toEqual(['whereIs OPENAI_API_KEY']);
  });
});
