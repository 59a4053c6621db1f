/** What git-refs lets through from git's own error text. */
import { withoutCredentials } from '../../src/action/git-refs.js';

describe('withoutCredentials', () => {
  it.each([
    [
      "fatal: unable to access 'https://user:t0ken@github.com/acme/app/'",
      "fatal: unable to access 'https://***@github.com/acme/app/'",
    ],
    [
      'fatal: https://x-access-token:abc123@example.com/repo failed',
      'fatal: https://***@example.com/repo failed',
    ],
    [
      "fatal: 'origin' does not appear to be a git repository",
      "fatal: 'origin' does not appear to be a git repository",
    ],
  ])('turns %p into %p', (input, expected) => {
    expect(withoutCredentials(input)).toBe(expected);
  });
});
