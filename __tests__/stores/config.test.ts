import { isNode, LineCounter, parseDocument } from 'yaml';
import type { ConfigPath } from '../../src/config/errors.js';
import { parseRotationConfig } from '../../src/rotate/config.js';

function parse(text: string) {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc });
  const lineOf = (path: ConfigPath) => {
    const node = doc.getIn(path, true);
    return isNode(node) && node.range ? lc.linePos(node.range[0]).line : undefined;
  };
  return parseRotationConfig((doc.toJS() as { rotation?: unknown }).rotation, lineOf, '.keyguard.yml');
}

const ALL = `rotation:
  openai:
    secrets: [OPENAI_API_KEY]
    stores:
      - { kind: aws-secrets-manager, name: prod/openai, field: api_key, region: us-east-1 }
      - { kind: vault-kv2, mount: secret, path: deepseek/api_key, field: value, destroy-old: true }
      - { kind: kubernetes, namespace: prod, name: openai, field: OPENAI_API_KEY, restart: false }
      - { kind: webhook, url: 'https://secrets.internal/keyguard', name: billing/openai }
`;

describe('rotation.<provider>.stores', () => {
  it('reads every kind with its name, field and options', () => {
    expect(parse(ALL).providers.openai!.stores).toEqual([
      {
        kind: 'aws-secrets-manager',
        name: 'prod/openai',
        field: 'api_key',
        options: { region: 'us-east-1' },
      },
      {
        kind: 'vault-kv2',
        name: 'deepseek/api_key',
        field: 'value',
        options: { mount: 'secret', 'destroy-old': true },
      },
      {
        kind: 'kubernetes',
        name: 'openai',
        field: 'OPENAI_API_KEY',
        options: { namespace: 'prod', restart: false },
      },
      {
        kind: 'webhook',
        name: 'billing/openai',
        options: { url: 'https://secrets.internal/keyguard', 'secret-env': 'KEYGUARD_STORE_WEBHOOK_SECRET' },
      },
    ]);
  });

  it('accepts a provider with stores and no GitHub secrets', () => {
    const c = parse(
      'rotation:\n  openai:\n    stores:\n      - { kind: aws-secrets-manager, name: prod/openai }\n',
    );
    expect(c.providers.openai!.targets).toEqual([]);
    expect(c.providers.openai!.stores).toHaveLength(1);
  });

  it('gives a provider without stores an empty list', () => {
    expect(parse('rotation:\n  openai:\n    secrets: [A]\n').providers.openai!.stores).toEqual([]);
  });

  const INVALID: { name: string; entry: string; line: number; message: RegExp }[] = [
    {
      name: 'a misspelt kind',
      entry: '{ kind: kubernetis, namespace: a, name: b, field: c }',
      line: 5,
      message: /unknown store kind "kubernetis"; did you mean "kubernetes"\?/,
    },
    {
      name: 'a misspelt key',
      entry: '{ kind: aws-secrets-manager, name: a, feild: b }',
      line: 5,
      message: /unknown key "feild" for a aws-secrets-manager store; did you mean "field"\?/,
    },
    {
      name: 'a key of another kind',
      entry: '{ kind: aws-secrets-manager, name: a, destroy-old: true }',
      line: 5,
      message: /unknown key "destroy-old"/,
    },
    { name: 'no kind', entry: '{ name: a }', line: 5, message: /kind: is required/ },
    {
      name: 'a missing required key',
      entry: '{ kind: kubernetes, name: openai, field: K }',
      line: 5,
      message: /namespace: is required for a kubernetes store/,
    },
    {
      name: 'a boolean given as text',
      entry: "{ kind: vault-kv2, path: a, destroy-old: 'yes' }",
      line: 5,
      message: /destroy-old: expected true or false/,
    },
    {
      name: 'plain http off loopback',
      entry: '{ kind: webhook, url: "http://secrets.example.com/k", name: a }',
      line: 5,
      message: /plain http is allowed on loopback only/,
    },
    {
      name: 'credentials in the URL',
      entry: '{ kind: webhook, url: "https://u:p@secrets.example.com/k", name: a }',
      line: 5,
      message: /carries credentials/,
    },
    {
      name: 'a runner variable as the HMAC key',
      entry: '{ kind: webhook, url: "https://s.example.com/k", name: a, secret-env: GITHUB_TOKEN }',
      line: 5,
      message: /secret-env: expected the name of an env variable/,
    },
  ];

  it.each(INVALID)('rejects $name with the file and line', ({ entry, line, message }) => {
    const yaml = `rotation:\n  openai:\n    secrets: [A]\n    stores:\n      - ${entry}\n`;
    let err: Error | undefined;
    try {
      parse(yaml);
    } catch (e) {
      err = e as Error;
    }
    expect(err?.message).toMatch(message);
    expect(err?.message).toMatch(new RegExp(`^\\.keyguard\\.yml:${line}: rotation\\.openai\\.stores\\.0`));
  });

  it('rejects the same place listed twice', () => {
    const yaml =
      'rotation:\n  openai:\n    stores:\n      - { kind: aws-secrets-manager, name: a }\n      - { kind: aws-secrets-manager, name: a }\n';
    expect(() => parse(yaml)).toThrow(/stores\.1: the same place is listed twice/);
  });

  it.each([
    [
      'the same Vault path on two clusters',
      "{ kind: vault-kv2, path: openai, address: 'https://vault-a.internal' }",
      "{ kind: vault-kv2, path: openai, address: 'https://vault-b.internal' }",
    ],
    [
      'the same AWS secret behind two endpoints',
      "{ kind: aws-secrets-manager, name: a, endpoint: 'https://vpce-1.secretsmanager.internal' }",
      "{ kind: aws-secrets-manager, name: a, endpoint: 'https://vpce-2.secretsmanager.internal' }",
    ],
    [
      'the same AWS secret in two regions',
      '{ kind: aws-secrets-manager, name: a, region: us-east-1 }',
      '{ kind: aws-secrets-manager, name: a, region: eu-west-1 }',
    ],
  ])('accepts %s as two places', (_what, first, second) => {
    const yaml = `rotation:\n  openai:\n    stores:\n      - ${first}\n      - ${second}\n`;
    expect(parse(yaml).providers.openai!.stores).toHaveLength(2);
  });

  it('rejects one Vault cluster written with and without a trailing slash as the same place twice', () => {
    const yaml =
      "rotation:\n  openai:\n    stores:\n      - { kind: vault-kv2, path: openai, address: 'https://VAULT.internal/' }\n      - { kind: vault-kv2, path: openai, address: 'https://vault.internal' }\n";
    expect(() => parse(yaml)).toThrow(/stores\.1: the same place is listed twice/);
  });

  it('rejects an empty stores list', () => {
    expect(() => parse('rotation:\n  openai:\n    stores: []\n')).toThrow(/expected a non-empty list/);
  });
});
