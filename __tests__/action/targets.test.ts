import { placeTargets, selectTargets } from '../../src/action/targets.js';
import type { SecretTarget } from '../../src/github/types.js';
import { Secret } from '../../src/scan/secret.js';
import { KeyGen } from '../helpers/keygen.js';

const gen = new KeyGen(7);
const leaked = new Secret(gen.openaiProject());
const other = gen.openaiProject();
const repoT = (name: string): SecretTarget => ({ name, scope: { kind: 'repo' } });
const envT = (name: string, environment = 'prod'): SecretTarget => ({
  name,
  scope: { kind: 'env', environment },
});
const orgT = (name: string): SecretTarget => ({
  name,
  scope: { kind: 'org', org: 'acme', visibility: 'selected' },
});

describe('selectTargets', () => {
  it('never invents a scope for an env variable the config does not name', () => {
    const s = selectTargets([envT('OPENAI_API_KEY')], { OPENAI_KEY: leaked.reveal() }, leaked);
    expect(s.targets).toEqual([envT('OPENAI_API_KEY')]);
    expect(s.unscoped).toEqual(['OPENAI_KEY']);
  });

  it.each([
    [
      'proves a configured secret whose env value is the leaked key',
      { OPENAI_API_KEY: leaked.reveal() },
      ['env:prod:OPENAI_API_KEY'],
      [],
    ],
    ['does not prove a configured secret with no env value', {}, [], ['OPENAI_API_KEY']],
  ])('%s', (_what, env, proven, unconfirmed) => {
    const s = selectTargets([envT('OPENAI_API_KEY')], env, leaked);
    expect(s.proven).toEqual(proven);
    expect(s.unconfirmed).toEqual(unconfirmed);
  });

  it('skips a configured secret that visibly holds another key', () => {
    const s = selectTargets([repoT('OPENAI_API_KEY')], { OPENAI_API_KEY: other }, leaked);
    expect(s.targets).toEqual([]);
    expect(s.skipped).toEqual(['OPENAI_API_KEY']);
  });
});

describe('placeTargets', () => {
  const where = (places: Record<string, SecretTarget[]>) => async (name: string) => places[name] ?? [];

  it.each<[string, SecretTarget[], SecretTarget[], string[]]>([
    ['the one environment that has it', [envT('K')], [envT('K')], []],
    ['the one organization secret that reaches the repository', [orgT('K')], [orgT('K')], []],
    ['the repository when only the repository has it', [repoT('K')], [repoT('K')], []],
    ['nowhere when no secret of that name exists', [], [], ['missing']],
    [
      'nowhere when several places have it (GitHub does not say which one the job read)',
      [repoT('K'), envT('K')],
      [],
      ['ambiguous'],
    ],
  ])('places a secret known only by name in %s', async (_what, places, targets, unplaced) => {
    const p = await placeTargets({ targets: [], proven: [] }, ['K'], where({ K: places }));
    expect(p.targets).toEqual(targets);
    expect(p.unplaced.map((u) => u.kind)).toEqual(unplaced);
    expect(p.proven).toHaveLength(targets.length);
  });

  it('uses the configured scope of a name the config lists, without asking GitHub', async () => {
    const asked: string[] = [];
    const p = await placeTargets({ targets: [envT('K', 'staging')], proven: [] }, ['k'], async (n) => {
      asked.push(n);
      return [repoT(n)];
    });
    expect(asked).toEqual([]);
    expect(p.targets).toEqual([envT('K', 'staging')]);
    expect(p.proven).toEqual(['env:staging:K']);
  });
});
