/** `fleet plan` as a pure function: skips, state diff, globs, shards balanced by size, batches. */
import { describe, expect, it } from '@jest/globals';
import { changeOf, jobsOf, matrixOutput, planFleet } from '../../src/fleet/plan.js';
import { balance, MATRIX_LIMIT, weightOf } from '../../src/fleet/shards.js';
import type { FleetRepo } from '../../src/fleet/types.js';
import { OTHER_RULES, RULES, repo, stateOf } from './helpers.js';

const plan = (
  repos: FleetRepo[],
  opts: Partial<Parameters<typeof planFleet>[2]> = {},
  state = undefined as ReturnType<typeof stateOf> | undefined,
) => planFleet(repos, state, { org: 'acme', rulesKey: RULES, ...opts });

const names = (m: ReturnType<typeof plan>) => m.include.flatMap((s) => s.repos).sort();

/** A deterministic spread of sizes from 1 KB to ~2 GB. */
function sized(n: number): FleetRepo[] {
  let x = 7;
  return Array.from({ length: n }, (_, i) => {
    x = (x * 48271) % 2147483647;
    return repo(`r${i}`, { sizeKb: 1 + (x % 2_000_000) * (i % 7 === 0 ? 1 : 0.01) });
  });
}

describe('shards', () => {
  it('puts every repository in exactly one shard', () => {
    const repos = sized(500);
    const { shards } = balance(repos, 20);
    const all = shards.flat();
    expect(all.length).toBe(500);
    expect(new Set(all).size).toBe(500);
  });

  it('never makes more than 256 shards, whatever the jobs asked', () => {
    expect(balance(sized(1000), 10_000).shards.length).toBe(MATRIX_LIMIT);
  });

  it('never makes an empty shard when there are fewer repositories than jobs', () => {
    const { shards } = balance(sized(3), 20);
    expect(shards.length).toBe(3);
    expect(shards.every((s) => s.length === 1)).toBe(true);
  });

  it('balances by size within 4/3 of the lower bound (greedy LPT)', () => {
    const repos = sized(400);
    const { weights } = balance(repos, 16);
    const total = repos.reduce((n, r) => n + weightOf(r), 0);
    const lower = Math.max(total / 16, Math.max(...repos.map(weightOf)));
    expect(Math.max(...weights)).toBeLessThanOrEqual((4 / 3) * lower);
  });

  it('gives one huge repository a shard of its own', () => {
    const repos = [
      repo('huge', { sizeKb: 5_000_000 }),
      ...Array.from({ length: 9 }, (_, i) => repo(`s${i}`)),
    ];
    const { shards } = balance(repos, 3);
    expect(shards.find((s) => s.includes('acme/huge'))).toEqual(['acme/huge']);
  });

  it('counts a fixed cost per repository, so many empty ones spread out', () => {
    const repos = Array.from({ length: 12 }, (_, i) => repo(`e${i}`, { sizeKb: 0 }));
    expect(balance(repos, 4).shards.map((s) => s.length)).toEqual([3, 3, 3, 3]);
  });
});

describe('what the plan skips', () => {
  it.each([
    ['an archived repository', { archived: true }, 'archived', 'includeArchived'],
    ['a fork', { fork: true }, 'fork', 'includeForks'],
    ['an empty repository (size 0)', { sizeKb: 0 }, 'empty', 'includeEmpty'],
    ['a repository never pushed to', { pushedAt: null }, 'empty', 'includeEmpty'],
  ] as const)('skips %s unless asked', (_, fields, reason, flag) => {
    const r = repo('x', fields);
    expect(plan([r]).skipped).toEqual([{ repo: 'acme/x', reason }]);
    expect(names(plan([r], { [flag]: true }))).toEqual(['acme/x']);
  });

  it('lists invalid listing entries as skipped with why', () => {
    const m = planFleet([], undefined, { org: 'acme', rulesKey: RULES }, [
      { repo: '(page 1, entry 3)', reason: 'the name is not a repository name' },
    ]);
    expect(m.skipped).toEqual([
      { repo: '(page 1, entry 3)', reason: 'invalid: the name is not a repository name' },
    ]);
  });
});

describe('include and exclude globs', () => {
  const repos = ['api-users', 'api-billing', 'web', 'Infra.Terraform', 'docs'].map((n) => repo(n));
  it.each([
    [{ include: ['api-*'] }, ['acme/api-billing', 'acme/api-users']],
    [{ exclude: ['api-*'] }, ['acme/Infra.Terraform', 'acme/docs', 'acme/web']],
    [{ include: ['api-*'], exclude: ['*-billing'] }, ['acme/api-users']],
    [{ include: ['infra.*'] }, ['acme/Infra.Terraform']],
    [{ include: ['acme/web'] }, ['acme/web']],
    [{ include: ['other/web'] }, []],
    [{ include: ['{web,docs}'] }, ['acme/docs', 'acme/web']],
    [{ include: ['!web'] }, []],
  ])('%j sweeps %j', (globs, expected) => {
    expect(names(plan(repos, globs))).toEqual(expected);
  });

  it('says a filtered-out repository was filtered out', () => {
    expect(plan([repo('web')], { exclude: ['web'] }).skipped).toEqual([
      { repo: 'acme/web', reason: 'filtered out' },
    ]);
  });

  it('refuses an empty glob', () => {
    expect(() => plan([repo('web')], { include: [' '] })).toThrow(/glob is empty/);
  });
});

describe('the state', () => {
  const base = repo('a');
  it.each([
    ['absent from the state', undefined, RULES, 'new'],
    ['pushed since', { pushedAt: '2026-11-03T00:00:00Z' }, RULES, 'pushed'],
    ['with another default branch', { defaultBranch: 'trunk' }, RULES, 'default branch changed'],
    ['swept under other rules', {}, OTHER_RULES, 'rules changed'],
    ['as the state covered it', {}, RULES, undefined],
  ] as const)('a repository %s is %s', (_, now, rules, expected) => {
    const state = now === undefined ? stateOf([]) : stateOf([base]);
    expect(changeOf({ ...base, ...now }, state, rules)).toBe(expected);
  });

  it('sweeps again an unchanged repository last swept more than --max-age days ago', () => {
    const [a, b] = [repo('a'), repo('b')];
    const state = stateOf([a, b], {
      sweptAt: (r) => (r.fullName === 'acme/a' ? '2026-11-01T00:00:00Z' : '2026-11-07T00:00:00Z'),
    });
    const m = plan([a, b], { maxAgeDays: 7, now: new Date('2026-11-09T00:00:00Z') }, state);
    expect(names(m)).toEqual(['acme/a']);
    expect(m.why).toEqual({ 'acme/a': 'stale' });
    expect(m.include[0]!.known!['acme/a']!.covered).toEqual(state.repos['acme/a']!.covered);
    expect(m.unchanged).toEqual(['acme/b']);
  });

  it('never re-lists an unchanged repository for its age with --max-age 0', () => {
    const a = repo('a');
    const state = stateOf([a], { sweptAt: () => '2020-01-01T00:00:00Z' });
    expect(plan([a], { maxAgeDays: 0 }, state).unchanged).toEqual(['acme/a']);
  });

  it('lists unchanged repositories apart and does not sweep them', () => {
    const a = repo('a');
    const b = repo('b');
    const m = plan([a, { ...b, pushedAt: '2026-11-09T00:00:00Z' }], {}, stateOf([a, b]));
    expect(m.unchanged).toEqual(['acme/a']);
    expect(names(m)).toEqual(['acme/b']);
    expect(m.why).toEqual({ 'acme/b': 'pushed' });
  });

  it('hands the sweep what the state covered, with the branch and push time as listed now', () => {
    const a = repo('a');
    const m = plan([{ ...a, pushedAt: '2026-11-09T00:00:00Z' }], {}, stateOf([a]));
    expect(m.include[0]!.known!['acme/a']).toEqual({
      defaultBranch: 'main',
      covered: { 'refs/heads/main': '1'.repeat(40) },
      pushedAt: '2026-11-09T00:00:00Z',
      sizeKb: 100,
    });
  });

  it('hands over no coverage when the rules changed (everything is read again)', () => {
    const a = repo('a');
    const m = plan([a], {}, stateOf([a], { rulesKey: OTHER_RULES }));
    expect(m.include[0]!.known!['acme/a']!.covered).toEqual({});
  });

  it('carries the rules key into every shard', () => {
    const m = plan(sized(30), { jobs: 4 });
    expect(m.include.every((s) => s.rulesKey === RULES && s.format === 1)).toBe(true);
  });
});

describe('batches over several runs', () => {
  const repos = Array.from({ length: 10 }, (_, i) => repo(`r${i}`));
  it('sweeps at most --max-repos tonight and defers the rest', () => {
    const m = plan(repos, { maxRepos: 4 });
    expect(names(m).length).toBe(4);
    expect(m.deferred.length).toBe(6);
    expect(new Set([...names(m), ...m.deferred]).size).toBe(10);
  });

  it('takes never-swept repositories first, then those swept longest ago', () => {
    const old = repos.slice(0, 5);
    const state = stateOf(old, { sweptAt: (r) => `2026-10-0${Number(r.fullName.slice(-1)) + 1}T00:00:00Z` });
    const pushed = old.map((r) => ({ ...r, pushedAt: '2026-11-20T00:00:00Z' }));
    const m = plan([...pushed, ...repos.slice(5)], { maxRepos: 7 }, state);
    // r5..r9 were never swept; then r0 (swept 10-01) and r1 (10-02).
    expect(names(m)).toEqual(['acme/r0', 'acme/r1', 'acme/r5', 'acme/r6', 'acme/r7', 'acme/r8', 'acme/r9']);
    expect(m.deferred).toEqual(['acme/r2', 'acme/r3', 'acme/r4']);
  });

  it('covers 10,000 repositories in batches: each run takes what the last left', () => {
    const fleet = Array.from({ length: 10_000 }, (_, i) => repo(`repo-${String(i).padStart(5, '0')}`));
    let state = stateOf([]);
    const seen = new Set<string>();
    for (let night = 0; night < 4; night++) {
      const m = plan(fleet, { jobs: 256, maxRepos: 2500 }, state);
      expect(m.include.length).toBeLessThanOrEqual(256);
      const tonight = names(m);
      for (const n of tonight) {
        expect(seen.has(n)).toBe(false);
        seen.add(n);
      }
      state = stateOf(fleet.filter((r) => seen.has(r.fullName)));
    }
    expect(seen.size).toBe(10_000);
    expect(plan(fleet, { jobs: 256 }, state).include).toEqual([]);
  });
});

describe('limits', () => {
  it.each([0, 257, 1.5, -3])('refuses --jobs %p', (jobs) => {
    expect(() => jobsOf(jobs)).toThrow(/from 1 to 256/);
  });

  it('makes 20 shards by default', () => {
    expect(plan(sized(100)).include.length).toBe(20);
  });

  it("keeps the action's matrix output to shard numbers and counts", () => {
    const m = plan(
      Array.from({ length: 50 }, (_, i) => repo(`r${i}`)),
      { jobs: 5 },
    );
    const out = JSON.parse(matrixOutput(m));
    expect(out.include).toHaveLength(5);
    expect(out.include[0]).toEqual({ shard: 1, repos: 10 });
  });

  it('keeps the matrix output under GitHub’s 1 MB output limit for 10,000 repositories', () => {
    const fleet = Array.from({ length: 10_000 }, (_, i) => repo(`a-rather-long-repository-name-${i}`));
    expect(matrixOutput(plan(fleet, { jobs: 256 })).length).toBeLessThan(20_000);
  });
});
