import { buildKeyPolicy, expandName, policyCoverage } from '../../src/rotate/policy.js';

const NOW = new Date('2026-01-09T10:00:00Z');

describe('expandName', () => {
  it.each([
    ['{env}-{purpose}-{yyyymmdd}', { env: 'prod', purpose: 'chat-api' }, 'prod-chat-api-20260109'],
    ['{provider}-{secret}-{yyyymmdd}', { secret: 'OPENAI_API_KEY' }, 'openai-openai-api-key-20260109'],
    ['{env}-{purpose}-{yyyymmdd}', {}, 'ci-api-20260109'],
    ['{env}  /{purpose}', { env: 'prod', purpose: 'x' }, 'prod-x'],
  ])('expands %s with %j to %s', (template, vars, expected) => {
    expect(expandName(template, { provider: 'openai', now: NOW, ...vars })).toBe(expected);
  });
});

describe('buildKeyPolicy', () => {
  it('expands the name and copies the limits', () => {
    const p = buildKeyPolicy(
      {
        nameTemplate: '{env}-{purpose}-{yyyymmdd}',
        env: 'prod',
        purpose: 'chat-api',
        rpm: 60,
        models: ['m'],
      },
      { provider: 'openai', now: NOW },
    );
    expect(p).toEqual({ name: 'prod-chat-api-20260109', rpm: 60, models: ['m'] });
  });
});

describe('policyCoverage', () => {
  it('lists per-key IP allow lists and OpenAI per-key rate limits as not enforced', () => {
    const c = policyCoverage('openai', {
      name: 'n',
      scopes: ['api.model.request'],
      rpm: 60,
      allowedIps: ['10.0.0.0/8'],
    });
    expect(c.enforced).toEqual(['scopes api.model.request']);
    expect(c.notEnforced).toEqual(['60 requests per minute', 'source IP allow list 10.0.0.0/8']);
  });

  it('treats LiteLLM budgets, models and rate limits as enforced', () => {
    const c = policyCoverage('litellm', { name: 'n', budgetUsd: 5, models: ['m'], rpm: 1, tpm: 2 });
    expect(c.notEnforced).toEqual([]);
  });
});
