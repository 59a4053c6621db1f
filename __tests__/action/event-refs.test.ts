/** Payload SHAs and refs: what may become a git argument. */
import { payloadRef, payloadSha, refNameProblem } from '../../src/action/event-refs.js';
import { InputError } from '../../src/config/errors.js';

const SHA1 = 'a'.repeat(40);
const SHA256 = '0123456789abcdef'.repeat(4);

describe('payloadSha', () => {
  it.each([
    ['a full SHA-1', SHA1, SHA1],
    ['a full SHA-256', SHA256, SHA256],
    ['an upper-case SHA (lower-cased)', SHA1.toUpperCase(), SHA1],
    ['the null SHA', '0'.repeat(40), '0'.repeat(40)],
    ['an absent field', undefined, undefined],
  ])('accepts %s', (_what, value, expected) => {
    expect(payloadSha(value, 'before')).toBe(expected);
  });

  it.each([
    ['an option', '--output=/tmp/x'],
    ['shell syntax', 'HEAD;id'],
    ['a revision expression', `${SHA1}^`],
    ['an abbreviated SHA', SHA1.slice(0, 12)],
    ['a ref name', 'refs/heads/main'],
    ['a SHA with a newline', `${SHA1}\n`],
    ['a number', 42],
    ['an object', { sha: SHA1 }],
  ])('refuses %s with an InputError naming the field', (_what, value) => {
    expect(() => payloadSha(value, 'pull_request.head.sha')).toThrow(InputError);
    expect(() => payloadSha(value, 'pull_request.head.sha')).toThrow(
      /event payload pull_request\.head\.sha: .* is not a full commit SHA/,
    );
  });
});

describe('refNameProblem (git check-ref-format rules)', () => {
  it.each(['refs/heads/main', 'refs/heads/feature/x-1', 'refs/tags/v1.2.3', 'refs/heads/ümlaut'])(
    'accepts %s',
    (name) => {
      expect(refNameProblem(name)).toBeUndefined();
    },
  );

  it.each([
    ['--upload-pack=x', 'does not start with refs/'],
    ['main', 'does not start with refs/'],
    ['refs/heads/a b', 'a space'],
    ['refs/heads/a\tb', 'a control character'],
    ['refs/heads/a~1', '~^:?*['],
    ['refs/heads/a^', '~^:?*['],
    ['refs/heads/a:b', '~^:?*['],
    ['refs/heads/*', '~^:?*['],
    ['refs/heads/a[b', '~^:?*['],
    ['refs/heads/a\\b', '~^:?*['],
    ['refs/heads/a..b', 'contains ..'],
    ['refs/heads/a@{1}', 'contains @{'],
    ['refs/heads/a/', 'ends with / or .'],
    ['refs/heads/a.', 'ends with / or .'],
    ['refs/heads//a', 'empty component'],
    ['refs/heads/.hidden', 'starting with .'],
    ['refs/heads/x.lock', 'ending with .lock'],
  ])('refuses %p (%s)', (name, problem) => {
    expect(refNameProblem(name)).toContain(problem);
  });

  it('is applied to payload refs, with the field named', () => {
    expect(() => payloadRef('refs/heads/a;id $(x)', 'ref')).toThrow(
      /event payload ref: .* is not a ref name/,
    );
    expect(payloadRef(undefined, 'ref')).toBeUndefined();
  });
});
