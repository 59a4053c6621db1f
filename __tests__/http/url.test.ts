/** URL display: a URL's user info is a credential, so no error, log line or config message shows it. */
import { randomBytes } from 'node:crypto';
import { HttpClient, NetworkError } from '../../src/http/client.js';
import { displayPath, displayUrl, hasUserInfo, scrubUrls, urlProblem } from '../../src/http/url.js';

/** A password made at run time: never a literal in the repository. */
const secret = () => `pw${randomBytes(9).toString('hex')}`;

describe('hasUserInfo', () => {
  const cases: [string, boolean, (s: string) => string][] = [
    ['user and password', true, (s) => `https://user:${s}@api.example.com/v1`],
    ['a user only (a token as user name)', true, (s) => `https://${s}@api.example.com/v1`],
    ['an empty user with a password', true, (s) => `https://:${s}@api.example.com`],
    ['user info in a URL that does not parse', true, (s) => `https://user:${s}@host:99999/x`],
    ['an "@" in the path only', false, () => 'https://api.example.com/v1/a@b'],
    ['an "@" in the query only', false, () => 'https://api.example.com/v1?mail=a@b'],
    ['no user info', false, () => 'http://127.0.0.1:8080/v1'],
  ];
  it.each(cases)('finds user info in %s: %s', (_name, expected, make) => {
    expect(hasUserInfo(make(secret()))).toBe(expected);
  });
});

describe('displayUrl and displayPath', () => {
  it('shows scheme, host and path, never user info, query or fragment', () => {
    const s = secret();
    expect(displayUrl(`https://u:${s}@api.example.com:8443/v1/models?key=${s}#${s}`)).toBe(
      'https://api.example.com:8443/v1/models',
    );
  });

  it('shows a path alone for request errors', () => {
    expect(displayPath(`https://u:${secret()}@h/key/info?key=x`)).toBe('/key/info');
  });

  it('shows nothing of a value that is not a URL', () => {
    expect(displayUrl(`not a url ${secret()}`)).toBe('(invalid URL)');
  });
});

describe('scrubUrls', () => {
  it('removes the user info of every URL quoted in a message', () => {
    const a = secret();
    const b = secret();
    const text = `fetch https://x:${a}@one.example/v1 then git://${b}@two.example/r.git failed`;
    const out = scrubUrls(text);
    expect(out).not.toContain(a);
    expect(out).not.toContain(b);
    expect(out).toBe('fetch https://***@one.example/v1 then git://***@two.example/r.git failed');
  });
});

describe('urlProblem', () => {
  const cases: [string, (s: string) => string, RegExp | undefined][] = [
    ['a plain https URL', () => 'https://api.example.com/v1', undefined],
    ['a URL with user info', (s) => `https://bob:${s}@api.example.com/v1`, /carries credentials before "@"/],
    ['an unparsable URL with user info', (s) => `https://bob:${s}@h:99999`, /carries credentials/],
    ['an ftp URL', () => 'ftp://files.example.com', /is not an http\(s\) URL/],
    ['a bare user:password@host', (s) => `bob:${s}@api.example.com`, /value \(not shown\) is not an http/],
  ];
  it.each(cases)('judges %s without quoting any credential', (_name, make, expected) => {
    const s = secret();
    const problem = urlProblem(make(s));
    if (expected) expect(problem).toMatch(expected);
    else expect(problem).toBeUndefined();
    expect(problem ?? '').not.toContain(s);
  });
});

describe('a request to a URL with user info', () => {
  it('fails with a NetworkError that does not quote the credential (Node fetch quotes the URL)', async () => {
    const s = secret();
    const client = new HttpClient({ retry: { maxRetries: 0 } });
    const err = await client.request({ url: `http://bob:${s}@127.0.0.1:9/v1/models` }).catch((e) => e);
    expect(err).toBeInstanceOf(NetworkError);
    expect(err.message).toMatch(/^GET \/v1\/models failed after 1 attempt/);
    expect(err.message).not.toContain(s);
  });
});
