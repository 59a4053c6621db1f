/** The `incident` output: only a plain https issue link on the configured GitHub server passes. */
import { safeIncidentUrl } from '../../src/action/incident-output.js';

const SERVER = 'https://github.com';

describe('the incident output', () => {
  it.each(['https://github.com/acme/app/issues/12', 'https://github.com/my-org/my.repo_1/issues/1'])(
    'passes the issue link %s',
    (url) => {
      expect(safeIncidentUrl(url, SERVER)).toBe(url);
    },
  );

  it('passes an issue link on an Enterprise Server host', () => {
    expect(safeIncidentUrl('https://ghe.example.com/acme/app/issues/3', 'https://ghe.example.com')).toBe(
      'https://ghe.example.com/acme/app/issues/3',
    );
  });

  it.each([
    ['a javascript: link', 'javascript:alert(1)//https://github.com/acme/app/issues/1'],
    ['a newline that starts a new output line', 'https://github.com/acme/app/issues/1\nevil=1'],
    ['a carriage return', 'https://github.com/acme/app/issues/1\r'],
    ['a shell break-out', 'https://github.com/acme/app/issues/1";id;"'],
    ['a backtick', 'https://github.com/acme/app/issues/1`id`'],
    ['a space', 'https://github.com/acme/app/issues/1 $(id)'],
    ['another host', 'https://evil.example/acme/app/issues/1'],
    ['a look-alike host', 'https://github.com.evil.example/acme/app/issues/1'],
    ['user info', 'https://github.com@evil.example/acme/app/issues/1'],
    ['http', 'http://github.com/acme/app/issues/1'],
    ['a query', 'https://github.com/acme/app/issues/1?x=$(id)'],
    ['a fragment', 'https://github.com/acme/app/issues/1#x'],
    ['a path that is not an issue', 'https://github.com/acme/app/pull/1'],
    ['a dot-dot path', 'https://github.com/acme/../issues/1'],
    ['percent escapes', 'https://github.com/acme/app%0a/issues/1'],
    ['a DEL or C1 control character', 'https://github.com/acme/app/issues/1\u0085'],
    ['not a string', 42],
    ['empty', ''],
  ])('refuses %s', (_label, url) => {
    expect(safeIncidentUrl(url, SERVER)).toBeUndefined();
  });
});
