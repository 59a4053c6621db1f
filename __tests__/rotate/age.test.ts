import { keysDueForRotation } from '../../src/rotate/age.js';
import { Secret } from '../../src/scan/secret.js';
import { KeyGen } from '../helpers/keygen.js';
import { FakeSink } from './fakes.js';

const NOW = new Date('2026-01-09T10:00:00Z');
const repo = (name: string) => ({ name, scope: { kind: 'repo' as const } });

describe('keysDueForRotation', () => {
  const gen = new KeyGen(3);
  const sink = new FakeSink([]);
  sink.seed(repo('OLD'), new Secret(gen.openaiProject()), '2025-09-01T00:00:00Z');
  sink.seed(repo('OLDER'), new Secret(gen.openaiProject()), '2025-06-01T00:00:00Z');
  sink.seed(repo('FRESH'), new Secret(gen.openaiProject()), '2026-01-01T00:00:00Z');

  it('returns secrets last updated more than N days ago, oldest first', async () => {
    const due = await keysDueForRotation(sink, [repo('OLD'), repo('FRESH'), repo('OLDER')], 90, NOW);
    expect(due.map((d) => [d.target.name, d.ageDays])).toEqual([
      ['OLDER', 222],
      ['OLD', 130],
    ]);
  });

  it('skips secrets that do not exist', async () => {
    expect(await keysDueForRotation(sink, [repo('MISSING')], 1, NOW)).toEqual([]);
  });

  it('rejects a max age that is not positive', async () => {
    await expect(keysDueForRotation(sink, [], 0, NOW)).rejects.toThrow(/positive number of days/);
  });
});
