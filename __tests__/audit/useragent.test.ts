import { UaClassifier } from '../../src/audit/useragent.js';

describe('UaClassifier', () => {
  const ua = new UaClassifier();
  it.each([
    ['OpenAI/Python 1.54.0', 'sdk'],
    ['AsyncOpenAI/Python 1.40.2', 'sdk'],
    ['OpenAI/JS 4.67.1', 'sdk'],
    ['openai-node/4.0.0', 'sdk'],
    ['anthropic-sdk-typescript/0.30.0', 'sdk'],
    ['Anthropic/Python 0.39.0', 'sdk'],
    ['litellm/1.50.0', 'sdk'],
    ['langchain-openai/0.2', 'sdk'],
    ['curl/8.4.0', 'generic'],
    ['python-requests/2.31.0', 'generic'],
    ['Go-http-client/1.1', 'generic'],
    ['node-fetch/1.0 (+https://github.com/bitinn/node-fetch)', 'generic'],
    ['axios/1.6.0', 'generic'],
    ['okhttp/4.12.0', 'generic'],
    ['Wget/1.21.4', 'generic'],
    ['', 'generic'],
    ['-', 'generic'],
    ['Mozilla/5.0 (X11; Linux x86_64)', 'other'],
  ])('classifies "%s" as %s', (text, want) => {
    expect(ua.classify(text)).toBe(want);
  });

  it('classifies a missing user agent (source without one) as unknown', () => {
    expect(ua.classify(undefined)).toBe('unknown');
  });

  it('uses configured lists instead of the defaults', () => {
    const custom = new UaClassifier({ sdk: ['my-internal-client'], generic: ['mozilla'] });
    expect([
      custom.classify('My-Internal-Client/2'),
      custom.classify('Mozilla/5.0'),
      custom.classify('curl/8'),
    ]).toEqual(['sdk', 'generic', 'other']);
  });
});
