/** Table tests of the shared adapter helpers in src/providers/common.ts and of the verdict tables. */
import { classifyAnthropicModels } from '../../src/providers/anthropic.js';
import {
  buildUrl,
  collectPages,
  informativeChars,
  locateResult,
  matchesRedacted,
  ProviderApiError,
  parseErrorBody,
  sanitize,
} from '../../src/providers/common.js';
import { classifyOpenAIModels } from '../../src/providers/openai.js';
import { Secret } from '../../src/scan/secret.js';
import { KeyGen } from '../helpers/keygen.js';

const gen = new KeyGen(99);
const proj = gen.openaiProject();
const ant = gen.anthropic();
const admin = gen.openaiAdmin();

describe('matchesRedacted', () => {
  const masked = (k: string, prefix: string) =>
    `${prefix}${'*'.repeat(k.length - prefix.length - 4)}${k.slice(-4)}`;
  it.each([
    ['the short OpenAI form', proj, `sk-proj-...${proj.slice(-4)}`, true],
    ['the short form with a wrong suffix', proj, `sk-proj-...${proj.slice(-4, -1)}#`, false],
    ['the short form of another prefix', proj, `sk-svcacct-...${proj.slice(-4)}`, false],
    ['a form masked to the key length', proj, masked(proj, 'sk-proj-'), true],
    ['a masked form one character too short', proj, masked(proj, 'sk-proj-').slice(1), false],
    ['the Anthropic hint', ant, `${ant.slice(0, 16)}...${ant.slice(-4)}`, true],
    ['an Anthropic hint with a wrong prefix', ant, `${ant.slice(0, 15)}#...${ant.slice(-4)}`, false],
    ['a Unicode ellipsis', proj, `sk-proj-${proj.slice(8, 12)}…${proj.slice(-4)}`, true],
    ['an admin form without a dash', admin, `sk-admin...${admin.slice(-3)}`, true],
    ['a form with no suffix', proj, 'sk-proj-...', false],
    ['an unmasked equal value', proj, proj, true],
    ['an empty form', proj, '', false],
  ])('handles %s', (_name, key, redacted, expected) => {
    expect(matchesRedacted(key, redacted)).toBe(expected);
  });

  it('counts the characters a redacted form reveals beyond the prefix', () => {
    expect(informativeChars('sk-proj-...9f2c', 'sk-proj-')).toBe(4);
    expect(informativeChars('sk-ant-api03-R2D...igAA', 'sk-ant-api03-')).toBe(7);
  });
});

describe('parseErrorBody', () => {
  it.each([
    [
      'OpenAI',
      {
        error: {
          message: 'Incorrect API key',
          type: 'invalid_request_error',
          param: null,
          code: 'invalid_api_key',
        },
      },
      { code: 'invalid_api_key', type: 'invalid_request_error', message: 'Incorrect API key' },
    ],
    [
      'OpenAI with a null code',
      { error: { message: 'Missing scopes', type: 'invalid_request_error', code: null } },
      { code: 'invalid_request_error', message: 'Missing scopes' },
    ],
    [
      'Anthropic',
      {
        type: 'error',
        error: { type: 'authentication_error', message: 'invalid x-api-key' },
        request_id: 'req_1',
      },
      { code: 'authentication_error', message: 'invalid x-api-key', requestId: 'req_1' },
    ],
    ['OpenRouter', { error: { code: 401, message: 'No auth' } }, { code: '401', message: 'No auth' }],
    ['LiteLLM 422', { detail: [{ loc: ['body'], msg: 'field required' }] }, { message: 'field required' }],
    ['a plain message', { message: 'Not Found' }, { message: 'Not Found' }],
    ['no body', undefined, {}],
  ])('reads the %s dialect', (_name, json, expected) => {
    expect(parseErrorBody(json)).toMatchObject(expected);
  });

  it('takes the request id from the headers', () => {
    expect(parseErrorBody({}, new Headers({ 'x-request-id': 'req_h' })).requestId).toBe('req_h');
  });
});

describe('sanitize and ProviderApiError', () => {
  it('redacts any key-shaped token in a message', () => {
    const text = sanitize(`bad key ${proj} and ${ant}`);
    expect(text).not.toContain(proj);
    expect(text).not.toContain(ant);
    expect(text).toContain(new Secret(proj).redacted);
  });

  it('scrubs the given secrets even when they do not look like keys', () => {
    const s = new Secret('plain-token-value-123');
    expect(sanitize('token plain-token-value-123 rejected', [s])).not.toContain('plain-token-value-123');
  });

  it.each([
    [503, undefined, true],
    [429, undefined, true],
    [400, undefined, false],
    [undefined, undefined, false],
    [undefined, true, true],
  ])('marks status %p (explicit %p) as transient: %p', (status, explicit, expected) => {
    expect(new ProviderApiError('openai', 'op', 'm', status, undefined, explicit).transient).toBe(expected);
  });

  it('never carries a whole key in its message', () => {
    const e = new ProviderApiError('openai', 'disable', `rejected ${proj}`, 400);
    expect(e.message).not.toContain(proj);
    expect(e.status).toBe(400);
  });
});

describe('buildUrl', () => {
  it.each([
    [
      'arrays in plain repeated form (style form, explode)',
      { api_key_ids: ['a', 'b'] },
      'api_key_ids=a&api_key_ids=b',
    ],
    ['a bracketed name as the description declares it', { 'resource_ids[]': ['k'] }, 'resource_ids%5B%5D=k'],
    [
      'objects as deepObject',
      { effective_at: { gte: 1, lt: 2 } },
      'effective_at%5Bgte%5D=1&effective_at%5Blt%5D=2',
    ],
    ['scalars once, undefined left out', { limit: 5, page: undefined, on: true }, 'limit=5&on=true'],
    ['values percent-encoded', { q: 'a b&c=d' }, 'q=a%20b%26c%3Dd'],
  ])('joins paths and sends %s', (_name, query, expected) => {
    expect(buildUrl('http://h/v1/', '/usage', query)).toBe(`http://h/v1/usage?${expected}`);
  });

  it('joins paths without a query when nothing is set', () => {
    expect(buildUrl('http://h/v1/', '/usage', { page: undefined })).toBe('http://h/v1/usage');
  });
});

describe('collectPages', () => {
  it('follows cursors until has_more is false', async () => {
    const pages: Record<string, { items: number[]; next?: string; hasMore: boolean }> = {
      start: { items: [1, 2], next: 'b', hasMore: true },
      b: { items: [3], next: 'c', hasMore: true },
      c: { items: [4], hasMore: false },
    };
    expect(await collectPages(async (c) => pages[c ?? 'start']!)).toEqual([1, 2, 3, 4]);
  });

  it('stops on a repeated cursor instead of looping', async () => {
    let calls = 0;
    await collectPages(async () => {
      calls++;
      return { items: [1], next: 'same', hasMore: true };
    });
    expect(calls).toBe(2);
  });
});

describe('locateResult', () => {
  it('reports one match as found, none as not-found and several as ambiguous', () => {
    const a = { provider: 'openai', id: 'key_a', redactedValue: 'sk-proj-...abcd' };
    const b = { provider: 'openai', id: 'key_b', redactedValue: 'sk-proj-...abcd' };
    expect(locateResult('OpenAI', [a, a], 'x').status).toBe('found');
    expect(locateResult('OpenAI', [], 'x').status).toBe('not-found');
    const amb = locateResult('OpenAI', [a, b], 'x');
    expect(amb).toMatchObject({ status: 'ambiguous', matches: [a, b] });
  });
});

describe('classifyOpenAIModels', () => {
  const body = (code: string | null, message = '', type = 'invalid_request_error') =>
    parseErrorBody({ error: { code, message, type } });
  it.each([
    [200, body(null), 'live'],
    [401, body('invalid_api_key', 'Incorrect API key provided: sk-proj-****abcd'), 'revoked'],
    [401, body(null, 'Missing scopes: api.model.read'), 'live'],
    [401, body(null, 'IP not authorized'), 'unknown'],
    [401, body(null, 'Something new'), 'unknown'],
    [403, body('unsupported_country_region_territory'), 'unknown'],
    [429, body('insufficient_quota', 'You exceeded your current quota', 'insufficient_quota'), 'live'],
    [429, body('rate_limit_exceeded'), 'unknown'],
    [500, body(null), 'unknown'],
    [404, body(null), 'unknown'],
  ])('maps %i %o to %s', (status, err, expected) => {
    expect(classifyOpenAIModels({ status, attempts: 1 }, err).status).toBe(expected);
  });
});

describe('classifyAnthropicModels', () => {
  it.each([
    [200, 'live'],
    [401, 'revoked'],
    [402, 'live'],
    [403, 'unknown'],
    [404, 'unknown'],
    [429, 'unknown'],
    [529, 'unknown'],
    [500, 'unknown'],
  ])('maps %i to %s', (status, expected) => {
    expect(classifyAnthropicModels({ status, attempts: 1 }, {}).status).toBe(expected);
  });
});
