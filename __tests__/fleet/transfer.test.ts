/** The seal of live keys between the sweep jobs and `fleet rotate` (src/fleet/transfer.ts). */
import { describe, expect, it } from '@jest/globals';
import { createTransferSeal, type TransferBinding } from '../../src/fleet/transfer.js';
import { Secret } from '../../src/scan/secret.js';
import { KeyGen } from '../helpers/keygen.js';

const gen = new KeyGen(9393);
const secret = new Secret(gen.alnum(40));
const planId = 'a1'.repeat(16);
const key = gen.openaiProject();
const binding: TransferBinding = {
  planId,
  rulesKey: 'c'.repeat(64),
  shard: 2,
  repository: 'acme/web',
  fingerprint: 'fp_0123456789abcdef',
};
const sealed = createTransferSeal(secret, planId).seal(binding, { key, onDefaultBranch: true });

describe('a sealed key', () => {
  it('opens under its own binding and secret', () => {
    expect(createTransferSeal(secret, planId).open(binding, sealed)).toEqual({ key, onDefaultBranch: true });
  });

  it('holds neither the key nor a dash (no scanner can read a key in it)', () => {
    expect(sealed.includes(key)).toBe(false);
    expect(sealed).not.toMatch(/-/);
  });

  it.each([
    ['another repository', { repository: 'acme/api' }],
    ['another finding', { fingerprint: 'fp_fedcba9876543210' }],
    ['another shard', { shard: 1 }],
    ['other rules', { rulesKey: 'd'.repeat(64) }],
  ])('does not open for %s', (_, change) => {
    expect(createTransferSeal(secret, planId).open({ ...binding, ...change }, sealed)).toBeUndefined();
  });

  it("does not open under another night's plan, or with another secret", () => {
    const other = 'b2'.repeat(16);
    expect(createTransferSeal(secret, other).open({ ...binding, planId: other }, sealed)).toBeUndefined();
    expect(createTransferSeal(new Secret(gen.alnum(40)), planId).open(binding, sealed)).toBeUndefined();
  });

  it('does not open once any character of it is changed', () => {
    const seal = createTransferSeal(secret, planId);
    for (let i = 0; i < sealed.length - 2; i += 7) {
      const c = sealed[i] === 'A' ? 'B' : 'A';
      expect(seal.open(binding, `${sealed.slice(0, i)}${c}${sealed.slice(i + 1)}`)).toBeUndefined();
    }
  });
});
