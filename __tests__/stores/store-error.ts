/** The store tests' check that a store call fails the way the saga expects: with a StoreError. */
import { StoreError } from '../../src/stores/types.js';

/** The StoreError `p` rejects with; fails the test when `p` resolves or rejects with anything else. */
export async function storeErrorOf(p: Promise<unknown>): Promise<StoreError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(StoreError);
    return err as StoreError;
  }
  throw new Error('expected a StoreError');
}
