import { isNode, LineCounter, parseDocument } from 'yaml';
import { ConfigError, type ConfigPath } from '../../src/config/errors.js';
import { parseRotationConfig } from '../../src/rotate/config.js';

/** Loads a `.keyguard.yml` text the way the config loader does: the rotation section and a lineOf. */
function load(text: string) {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc });
  const lineOf = (path: ConfigPath) => {
    const node = doc.getIn(path, true);
    return isNode(node) && node.range ? lc.linePos(node.range[0]).line : undefined;
  };
  return { raw: (doc.toJS() as { rotation?: unknown })?.rotation, lineOf };
}

function parse(text: string) {
  const { raw, lineOf } = load(text);
  return parseRotationConfig(raw, lineOf, '.keyguard.yml');
}

const FULL = `
rotation:
  contain-first: false
  standby-suffix: _next
  max-key-age: 90d
  openai:
    project: proj_abc
    env: prod
    purpose: chat-api
    scopes: [api.model.request]
    models: [gpt-4o-mini]
    rpm: 60
    tpm: 100000
    daily-requests: 5000
    budget: 25.5
    expiry: 12w
    allowed-ips: [203.0.113.0/24]
    secrets:
      - { name: OPENAI_API_KEY }
      - { name: openai_api_key, environment: prod }
      - { name: OPENAI_API_KEY, org: acme, visibility: private }
  openrouter:
    contain-first: true
    name-template: '{provider}-{secret}-{yyyymmdd}'
    budget-reset: monthly
    secrets: [OPENROUTER_API_KEY]
`;

describe('parseRotationConfig', () => {
  it('reads repository, environment and organization secrets by name, stored upper case', () => {
    const c = parse(FULL);
    expect(c.providers.openai.targets).toEqual([
      { name: 'OPENAI_API_KEY', scope: { kind: 'repo' } },
      { name: 'OPENAI_API_KEY', scope: { kind: 'env', environment: 'prod' } },
      { name: 'OPENAI_API_KEY', scope: { kind: 'org', org: 'acme', visibility: 'private' } },
    ]);
  });

  it('reads the key policy with durations in days', () => {
    expect(parse(FULL).providers.openai.policy).toEqual({
      nameTemplate: '{env}-{purpose}-{yyyymmdd}',
      project: 'proj_abc',
      env: 'prod',
      purpose: 'chat-api',
      scopes: ['api.model.request'],
      models: ['gpt-4o-mini'],
      rpm: 60,
      tpm: 100000,
      dailyRequests: 5000,
      budgetUsd: 25.5,
      expiresInDays: 84,
      allowedIps: ['203.0.113.0/24'],
    });
  });

  it('applies global defaults and lets a provider override them', () => {
    const c = parse(FULL);
    expect(c.maxKeyAgeDays).toBe(90);
    expect(c.providers.openai.standbySuffix).toBe('_NEXT');
    expect(c.providers.openai.containFirst).toBe(false);
    expect(c.providers.openrouter.containFirst).toBe(true);
    expect(c.providers.openrouter.policy.nameTemplate).toBe('{provider}-{secret}-{yyyymmdd}');
  });

  it('reads fleet-repository-secrets as a list of owner/name globs, empty when absent', () => {
    const c = parse(
      'rotation:\n  openai:\n    secrets: [A]\n    fleet-repository-secrets: [acme/web, acme/payments-*]\n  openrouter:\n    secrets: [B]\n',
    );
    expect(c.providers.openai.fleetRepositorySecrets).toEqual(['acme/web', 'acme/payments-*']);
    expect(c.providers.openrouter.fleetRepositorySecrets).toEqual([]);
  });

  it('returns an empty configuration when there is no rotation section', () => {
    expect(parseRotationConfig(undefined, () => undefined)).toEqual({
      containFirst: false,
      standbySuffix: '_NEXT',
      providers: {},
    });
  });

  const INVALID: { name: string; yaml: string; line: number; message: RegExp }[] = [
    {
      name: 'a provider without secrets',
      yaml: 'rotation:\n  openai:\n    project: p\n',
      line: 3,
      message: /secrets: is required/,
    },
    {
      name: 'a secret name starting with GITHUB_',
      yaml: 'rotation:\n  openai:\n    secrets:\n      - name: GITHUB_TOKEN\n',
      line: 4,
      message: /invalid secret name "GITHUB_TOKEN"/,
    },
    {
      name: 'an unknown template variable',
      yaml: "rotation:\n  openai:\n    name-template: '{team}-{yyyymmdd}'\n    secrets: [A]\n",
      line: 3,
      message: /unknown variable \{team\}/,
    },
    {
      name: 'a negative rpm',
      yaml: 'rotation:\n  openai:\n    secrets: [A]\n    rpm: -5\n',
      line: 4,
      message: /expected a positive integer, got -5/,
    },
    {
      name: 'a bad expiry',
      yaml: 'rotation:\n  openai:\n    secrets: [A]\n    expiry: soon\n',
      line: 4,
      message: /duration like 30d/,
    },
    {
      name: 'an unknown key in a provider section',
      yaml: 'rotation:\n  openai:\n    secrets: [A]\n    rmp: 5\n',
      line: 4,
      message: /unknown key "rmp"/,
    },
    {
      name: 'a secret that is both environment and organization',
      yaml: 'rotation:\n  openai:\n    secrets:\n      - { name: A, environment: prod, org: acme }\n',
      line: 4,
      message: /not both/,
    },
    {
      name: 'an organization visibility that does not exist',
      yaml: 'rotation:\n  openai:\n    secrets:\n      - { name: A, org: acme, visibility: public }\n',
      line: 4,
      message: /expected all, private or selected/,
    },
    {
      name: 'contain-first that is not a boolean',
      yaml: 'rotation:\n  contain-first: yes please\n',
      line: 2,
      message: /expected true or false/,
    },
    {
      name: 'a misspelt fleet-repository-secrets, with the key it meant',
      yaml: 'rotation:\n  openai:\n    secrets: [A]\n    fleet-repository-secret: [acme/web]\n',
      line: 4,
      message: /unknown key "fleet-repository-secret"; did you mean "fleet-repository-secrets"\?/,
    },
    {
      name: 'a fleet-repository-secrets entry that is not owner/name',
      yaml: 'rotation:\n  openai:\n    secrets: [A]\n    fleet-repository-secrets: [web]\n',
      line: 4,
      message: /expected owner\/name or a glob like acme\/payments-\*, got "web"/,
    },
    {
      name: 'fleet-repository-secrets with only organization secrets to apply to',
      yaml: 'rotation:\n  openai:\n    secrets:\n      - { name: A, org: acme }\n    fleet-repository-secrets: [acme/web]\n',
      line: 5,
      message: /applies to repository and environment secrets/,
    },
    {
      name: 'an allowed IP that is not an IP',
      yaml: 'rotation:\n  openai:\n    secrets: [A]\n    allowed-ips: [office]\n',
      line: 4,
      message: /expected an IP or CIDR, got "office"/,
    },
  ];

  it.each(INVALID)('rejects $name with the file and line', ({ yaml, line, message }) => {
    const err = (() => {
      try {
        parse(yaml);
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).line).toBe(line);
    expect((err as ConfigError).message).toMatch(message);
    expect((err as ConfigError).message.startsWith(`.keyguard.yml:${line}: `)).toBe(true);
  });
});
