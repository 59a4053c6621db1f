/** src/fleet/git-auth.ts and clone.ts's reasons: the server URL, the header, the token scrubbed, git's stderr in words. */
import { describe, expect, it } from '@jest/globals';
import { cloneFailure } from '../../src/fleet/clone.js';
import { fleetApiUrl } from '../../src/fleet/env.js';
import {
  authorizationHeader,
  fetchConfig,
  fleetServerUrl,
  headerConfig,
  tokenForms,
  withoutToken,
} from '../../src/fleet/git-auth.js';
import { Secret } from '../../src/scan/secret.js';
import { KeyGen } from '../helpers/keygen.js';

const token = new Secret(`ghs_${new KeyGen(77).alnum(36)}`);

describe('fleetServerUrl', () => {
  it.each([
    [undefined, 'https://github.com'],
    ['https://ghe.example.com/', 'https://ghe.example.com'],
    ['http://127.0.0.1:8080', 'http://127.0.0.1:8080'],
    ['http://localhost:9', 'http://localhost:9'],
  ])('takes GITHUB_SERVER_URL=%s as %s', (raw, want) => {
    expect(fleetServerUrl(raw === undefined ? {} : { GITHUB_SERVER_URL: raw })).toBe(want);
  });

  it.each([
    ['http://ghe.example.com', /unencrypted/],
    ['https://user:pw@ghe.example.com', /credentials/],
    ['https://ghe.example.com/?x=1', /no query/],
    ['ext::sh -c touch', /not an http\(s\) URL/],
    ['file:///srv/git', /not an http\(s\) URL/],
  ])('refuses GITHUB_SERVER_URL=%s', (raw, why) => {
    expect(() => fleetServerUrl({ GITHUB_SERVER_URL: raw })).toThrow(why);
  });
});

describe('fleetApiUrl', () => {
  it.each([
    [undefined, 'https://api.github.com'],
    ['https://ghe.example.com/api/v3/', 'https://ghe.example.com/api/v3'],
    ['http://127.0.0.1:8080/api/v3', 'http://127.0.0.1:8080/api/v3'],
    ['http://localhost:9', 'http://localhost:9'],
  ])('takes GITHUB_API_URL=%s as %s', (raw, want) => {
    expect(fleetApiUrl(raw === undefined ? {} : { GITHUB_API_URL: raw })).toBe(want);
  });

  it.each([
    [
      'http://ghe.example.com/api/v3',
      /GITHUB_API_URL: http:\/\/ghe\.example\.com would send the token unencrypted/,
    ],
    ['http://10.0.0.7:8080/api/v3', /unencrypted/],
    ['https://user:pw@ghe.example.com/api/v3', /credentials/],
    ['https://ghe.example.com/api/v3?via=proxy', /GITHUB_API_URL: .*no query/],
    ['https://ghe.example.com/api/v3#x', /no query or fragment/],
  ])('refuses GITHUB_API_URL=%s', (raw, why) => {
    expect(() => fleetApiUrl({ GITHUB_API_URL: raw })).toThrow(why);
  });
});

describe('the header', () => {
  it("is Basic with GitHub's x-access-token user", () => {
    const value = authorizationHeader(token).replace('Authorization: Basic ', '');
    expect(Buffer.from(value, 'base64').toString()).toBe(`x-access-token:${token.reveal()}`);
  });

  it("is scoped to the server's URL", () => {
    expect(headerConfig('https://ghe.example.com', token)[0]![0]).toBe(
      'http.https://ghe.example.com/.extraHeader',
    );
  });

  it('is absent without a token', () => {
    expect(headerConfig('https://github.com', undefined)).toEqual([]);
  });

  it('is never part of the command-line config', () => {
    const text = fetchConfig('https://github.com').flat().join('\n');
    expect(tokenForms(token).filter((f) => text.includes(f))).toEqual([]);
    expect(text).toMatch(/http\.followRedirects\nfalse/);
    expect(text).toMatch(/protocol\.file\.allow\nnever/);
  });

  it('allows http only for a loopback server', () => {
    const http = (server: string) => fetchConfig(server).find(([k]) => k === 'protocol.http.allow')![1];
    expect([http('https://github.com'), http('http://127.0.0.1:1')]).toEqual(['never', 'always']);
  });
});

describe('withoutToken', () => {
  it.each(tokenForms(token).map((f, i) => [i, f]))('removes form %i of the token', (_, form) => {
    expect(withoutToken(`fatal: ${form} here`, token)).toBe('fatal: [token] here');
  });
});

describe('cloneFailure', () => {
  it.each([
    ["fatal: could not read Username for 'https://github.com': terminal prompts disabled", /HTTP 401/],
    ["fatal: unable to access 'https://x/a.git/': The requested URL returned error: 403", /HTTP 403/],
    ["remote: Repository not found.\nfatal: repository 'https://x/a.git/' not found", /HTTP 404/],
    [
      "fatal: unable to access 'https://x/a.git/': The requested URL returned error: 502",
      /answered HTTP 502/,
    ],
    [
      "fatal: unable to access 'https://x/a.git/': The requested URL returned error: 301",
      /moved .*redirects are not followed/,
    ],
    ["fatal: unable to access 'https://x/a.git/': The requested URL returned error: 429", /rate limited/],
    ['error: RPC failed; curl 18 transfer closed\nfatal: early EOF', /damaged or interrupted transfer/],
    [
      'error: object 1234: badFilemode: contains bad file modes\nfatal: fsck error in packed object',
      /damaged/,
    ],
    ['fatal: Operation too slow. Less than 1024 bytes/sec', /timed out/],
    ['fatal: something else entirely', /clone failed: something else entirely/],
  ])('says why for %j', (stderr, why) => {
    expect(cloneFailure(stderr, token)).toMatch(why);
  });

  it('never repeats the token git printed', () => {
    const why = cloneFailure(`fatal: weird ${token.reveal()} ${tokenForms(token)[1]}`, token);
    expect(tokenForms(token).filter((f) => why.includes(f))).toEqual([]);
  });

  it('keeps control characters out of the reason', () => {
    expect(cloneFailure('fatal: a\u001b[31mred\u0007', token)).not.toMatch(/[\x00-\x1f]/);
  });
});
