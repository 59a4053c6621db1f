/**
 * Which configured secrets a live key found in a swept repository may be replaced in: only those that
 * exist for that repository, never created; its own (and environment) secrets only when the central
 * config lists it in fleet-repository-secrets, since any admin of a repository can create a secret of
 * the configured name and so receive the replacement of a key of ours planted there.
 */
import { describe, expect, it } from '@jest/globals';
import { fleetTargets, optedIn } from '../../src/fleet/rotation-targets.js';
import type { SecretMeta, SecretScope, SecretTarget } from '../../src/github/types.js';

const REPO: SecretTarget = { name: 'OPENAI_API_KEY', scope: { kind: 'repo' } };
const ENV: SecretTarget = { name: 'OPENAI_API_KEY', scope: { kind: 'env', environment: 'prod' } };
const ORG: SecretTarget = { name: 'OPENAI_API_KEY', scope: { kind: 'org', org: 'acme' } };
const OTHER_ORG: SecretTarget = { name: 'OPENAI_API_KEY', scope: { kind: 'org', org: 'globex' } };
/** The swept repository, listed in fleet-repository-secrets in most cases below. */
const SWEPT = 'acme/web';
const LISTED = ['acme/web'];
const SHARED_ALL = { OPENAI_API_KEY: { kind: 'org', org: 'acme', visibility: 'all' } as SecretScope };

const ids = (targets: SecretTarget[]) =>
  targets.map((t) =>
    t.scope.kind === 'org'
      ? `org:${t.scope.org}:${t.name}`
      : t.scope.kind === 'env'
        ? `env:${t.scope.environment}:${t.name}`
        : `repo:${t.name}`,
  );

/** A swept repository's secrets as GitHub would answer for them. */
function sink(opts: {
  repo?: string[];
  env?: string[];
  sharedOrg?: Record<string, SecretScope>;
  getFails?: boolean;
}) {
  const asked: string[] = [];
  return {
    asked,
    async get(t: SecretTarget): Promise<SecretMeta | null> {
      asked.push(`get ${t.scope.kind}:${t.name}`);
      if (opts.getFails) throw new Error('GitHub answered 502');
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
    const found = await fleetTargets(configured, SWEPT, sink(repo), LISTED);
    expect(ids(found.targets)).toEqual(kept);
    expect(found.targets.length + found.absent.length).toBe(configured.length);
    expect(found.notWritten).toEqual([]);
  });

  it('takes the visibility GitHub reports for an organization secret, not the config’s', async () => {
    const found = await fleetTargets(
      [{ name: 'OPENAI_API_KEY', scope: { kind: 'org', org: 'acme', visibility: 'all' } }],
      SWEPT,
      sink({ sharedOrg: { OPENAI_API_KEY: { kind: 'org', org: 'acme', visibility: 'selected' } } }),
    );
    expect(found.targets[0]!.scope).toEqual({ kind: 'org', org: 'acme', visibility: 'selected' });
  });

  it('says why each configured secret was left alone', async () => {
    const found = await fleetTargets([REPO, OTHER_ORG], SWEPT, sink({}), LISTED);
    expect(found.absent).toEqual([
      { target: 'repo:OPENAI_API_KEY', why: 'no such secret in this repository' },
      { target: 'org:globex:OPENAI_API_KEY', why: 'organization globex is not the owner acme' },
    ]);
  });

  it('asks GitHub once per name for the secrets shared with the repository', async () => {
    const s = sink({});
    await fleetTargets([ORG, { name: 'openai_api_key', scope: { kind: 'org', org: 'ACME' } }], SWEPT, s);
    expect(s.asked.filter((a) => a.startsWith('whereIs'))).toEqual(['whereIs OPENAI_API_KEY']);
  });
});

describe('fleetTargets for a repository not listed in fleet-repository-secrets', () => {
  const NOT_WRITTEN =
    'repository secret OPENAI_API_KEY: a secret of that name exists in acme/web; not written (repository not listed in fleet-repository-secrets); update it by hand if it held the key';
  const table: {
    name: string;
    configured: SecretTarget[];
    listed: string[];
    repo: Parameters<typeof sink>[0];
    kept: string[];
    notWritten: string[];
  }[] = [
    {
      name: 'does not write its own secret of the configured name, and names it as not written',
      configured: [REPO],
      listed: [],
      repo: { repo: ['OPENAI_API_KEY'] },
      kept: [],
      notWritten: [NOT_WRITTEN],
    },
    {
      name: 'still writes the organization secret shared with it',
      configured: [REPO, ORG],
      listed: ['acme/api'],
      repo: { repo: ['OPENAI_API_KEY'], sharedOrg: SHARED_ALL },
      kept: ['org:acme:OPENAI_API_KEY'],
      notWritten: [NOT_WRITTEN],
    },
    {
      name: 'does not write its environment secret of the configured name either',
      configured: [ENV],
      listed: [],
      repo: { env: ['OPENAI_API_KEY'] },
      kept: [],
      notWritten: [
        'environment secret OPENAI_API_KEY (environment prod): a secret of that name exists in acme/web; not written (repository not listed in fleet-repository-secrets); update it by hand if it held the key',
      ],
    },
    {
      name: 'says nothing of a secret the repository does not have',
      configured: [REPO, ORG],
      listed: [],
      repo: { sharedOrg: SHARED_ALL },
      kept: ['org:acme:OPENAI_API_KEY'],
      notWritten: [],
    },
    {
      name: 'names a secret GitHub would not say exists as possibly there, without failing',
      configured: [REPO, ORG],
      listed: [],
      repo: { getFails: true, sharedOrg: SHARED_ALL },
      kept: ['org:acme:OPENAI_API_KEY'],
      notWritten: [
        'repository secret OPENAI_API_KEY: a secret of that name may exist (GitHub did not say) in acme/web; not written (repository not listed in fleet-repository-secrets); update it by hand if it held the key',
      ],
    },
    {
      name: 'writes its own secret when a glob lists it',
      configured: [REPO],
      listed: ['acme/w*'],
      repo: { repo: ['OPENAI_API_KEY'] },
      kept: ['repo:OPENAI_API_KEY'],
      notWritten: [],
    },
  ];
  it.each(table)('$name', async ({ configured, listed, repo, kept, notWritten }) => {
    const found = await fleetTargets(configured, SWEPT, sink(repo), listed);
    expect(ids(found.targets)).toEqual(kept);
    expect(found.notWritten).toEqual(notWritten);
  });
});

describe('optedIn', () => {
  const table: { repository: string; globs: string[]; listed: boolean }[] = [
    { repository: 'acme/web', globs: ['acme/web'], listed: true },
    { repository: 'Acme/Web', globs: ['acme/web'], listed: true },
    { repository: 'acme/payments-eu', globs: ['acme/payments-*'], listed: true },
    { repository: 'acme/payments', globs: ['acme/payments-*'], listed: false },
    { repository: 'acme/web', globs: ['web'], listed: false },
    { repository: 'acme/web-old', globs: ['acme/web'], listed: false },
    { repository: 'globex/web', globs: ['acme/*'], listed: false },
    { repository: 'acme/web', globs: [], listed: false },
  ];
  it.each(table)('says $repository is listed by $globs: $listed', ({ repository, globs, listed }) => {
    expect(optedIn(repository, globs)).toBe(listed);
  });
});
