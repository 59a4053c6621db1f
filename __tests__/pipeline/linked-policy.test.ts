import { isFixtureKey } from '../../src/pipeline/linked-policy.js';
import type { Finding } from '../../src/types.js';

/** A linked private-key finding at `file` with `fingerprint` (only the fields the policy reads). */
function privateKey(file: string, fingerprint: string): Finding {
  return { kind: 'linked', ruleId: 'private-key', file, fingerprint } as unknown as Finding;
}

describe('private keys that are not leaks', () => {
  it.each([
    ['under a docs or test folder', privateKey('docs/setup.md', '0'.repeat(32)), true],
    [
      'that GitHub publishes in its REST description',
      privateKey('api.github.com.json', '8e1f152ea402cf9685375f4c948b680e'),
      true,
    ],
    ['anywhere else, with any other fingerprint', privateKey('deploy/id_rsa', '1'.repeat(32)), false],
  ])('are recognised when %s', (_what, finding, expected) => {
    expect(isFixtureKey(finding)).toBe(expected);
  });
});
