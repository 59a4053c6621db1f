import { redactMetadataKeys } from '../../src/pipeline/metadata-keys.js';
import { Secret } from '../../src/scan/secret.js';
import type { Finding } from '../../src/types.js';
import { KeyGen } from '../helpers/keygen.js';

const gen = new KeyGen(5150);

function finding(file: string, author = 'Ada', email = 'ada@example.test'): Finding {
  const secret = new Secret(gen.deepseek());
  return {
    ruleId: 'deepseek',
    provider: 'deepseek',
    candidates: ['deepseek'],
    description: 'test',
    file,
    line: 1,
    column: 1,
    secret,
    redacted: secret.redacted,
    fingerprint: secret.fingerprint,
    source: 'history',
    commit: { sha: 'a'.repeat(40), author, email, date: '2026-01-01T00:00:00Z' },
  };
}

describe('redactMetadataKeys', () => {
  it.each([
    ['a file name', (k: string) => finding(`keys/${k}.txt`)],
    ['a commit author name', (k: string) => finding('app.env', k)],
    ['a commit e-mail', (k: string) => finding('app.env', 'Ada', `${k}@example.test`)],
  ])('masks a key in %s once, before rewriting it redacted in every finding', (_where, make) => {
    const key = gen.openrouter();
    const fs = [make(key), make(key)];
    const masked: string[] = [];
    const res = redactMetadataKeys(fs, undefined, (v) => masked.push(v));
    expect(masked).toEqual([key]);
    expect(res.keys.map((s) => s.redacted)).toEqual([new Secret(key).redacted]);
    expect(JSON.stringify(fs)).not.toContain(key.slice(8, -4));
    expect(JSON.stringify(fs)).toContain(new Secret(key).redacted);
  });

  it('leaves findings without keys in their metadata as they are', () => {
    const f = finding('src/app.env');
    const before = JSON.stringify(f);
    const masked: string[] = [];
    expect(redactMetadataKeys([f], undefined, (v) => masked.push(v)).keys).toEqual([]);
    expect([masked, JSON.stringify(f)]).toEqual([[], before]);
  });
});
