/**
 * Context advice from a file's name and a bounded look around the key's line: one row per context, each
 * with the name it should find. Keys come from the seeded generator.
 */
import { adviseAt } from '../../src/advice/detect.js';
import { LineIndex } from '../../src/advice/window.js';
import { KeyGen } from '../helpers/keygen.js';

const gen = new KeyGen(1616);
const KEY = gen.openaiProject();

/** The advice for the first `{{KEY}}` in `lines` of the file `path`. */
function advise(path: string, lines: string[], key = KEY) {
  const text = lines.join('\n').replace('{{KEY}}', key);
  const all = text.split('\n');
  const line = all.findIndex((l) => l.includes(key)) + 1;
  const column = all[line - 1]!.indexOf(key) + 1;
  return adviseAt(path, new LineIndex(text), { line, column, provider: 'openai' });
}

const K8S_ENV = [
  'apiVersion: apps/v1',
  'kind: Deployment',
  'spec:',
  '  template:',
  '    spec:',
  '      containers:',
  '      - name: app',
  '        env:',
  '        - name: OPENAI_API_KEY',
  '          value: "{{KEY}}"',
];

describe('adviseAt', () => {
  it.each<[string, string, string[], string, string | undefined]>([
    [
      'a Dockerfile ARG',
      'Dockerfile',
      ['FROM node:20', 'ARG OPENAI_API_KEY={{KEY}}'],
      'dockerfile-arg',
      'OPENAI_API_KEY',
    ],
    [
      'a Dockerfile ENV',
      'Dockerfile',
      ['FROM node:20', 'ENV OPENAI_API_KEY={{KEY}}'],
      'dockerfile-env',
      'OPENAI_API_KEY',
    ],
    [
      'a legacy ENV',
      'Dockerfile',
      ['FROM node:20', 'ENV OPENAI_API_KEY {{KEY}}'],
      'dockerfile-env',
      'OPENAI_API_KEY',
    ],
    [
      'a continued ENV',
      'Dockerfile',
      ['FROM node:20', 'ENV A=1 \\', '  # note', '  OPENAI_API_KEY={{KEY}}'],
      'dockerfile-env',
      'OPENAI_API_KEY',
    ],
    [
      'ONBUILD ENV',
      'Dockerfile',
      ['FROM node:20', 'ONBUILD ENV OPENAI_API_KEY={{KEY}}'],
      'dockerfile-env',
      'OPENAI_API_KEY',
    ],
    [
      'a RUN flag',
      'Dockerfile',
      ['FROM node:20', 'RUN ./setup --api-key {{KEY}}'],
      'dockerfile-run',
      'API_KEY',
    ],
    ['a Kubernetes env entry', 'k8s/app.yaml', K8S_ENV, 'k8s-env', 'OPENAI_API_KEY'],
    [
      'an env entry written value first',
      'k8s/app.yaml',
      [
        'kind: Pod',
        'spec:',
        '  containers:',
        '  - env:',
        '    - value: {{KEY}}',
        '      name: OPENAI_API_KEY',
      ],
      'k8s-env',
      'OPENAI_API_KEY',
    ],
    [
      'a flow-style env entry',
      'k8s/app.yaml',
      ['kind: Pod', 'spec:', '  containers:', '  - env:', '    - {name: OPENAI_API_KEY, value: "{{KEY}}"}'],
      'k8s-env',
      'OPENAI_API_KEY',
    ],
    [
      'a Secret stringData entry',
      'k8s/s.yaml',
      ['apiVersion: v1', 'kind: Secret', 'stringData:', '  OPENAI_API_KEY: {{KEY}}'],
      'k8s-secret',
      'OPENAI_API_KEY',
    ],
    [
      'a Secret whose kind comes after data',
      'k8s/s.yaml',
      ['apiVersion: v1', 'data:', '  OPENAI_API_KEY: {{KEY}}', 'kind: Secret'],
      'k8s-secret',
      'OPENAI_API_KEY',
    ],
    [
      'a ConfigMap entry',
      'k8s/c.yaml',
      ['apiVersion: v1', 'kind: ConfigMap', 'data:', '  OPENAI_API_KEY: {{KEY}}'],
      'k8s-configmap',
      'OPENAI_API_KEY',
    ],
    [
      'another Kubernetes field',
      'k8s/j.yaml',
      ['apiVersion: batch/v1', 'kind: Job', 'spec:', '  args: ["--key={{KEY}}"]'],
      'k8s-manifest',
      undefined,
    ],
    [
      'a kustomize literal',
      'kustomization.yaml',
      ['secretGenerator:', '- name: app', '  literals:', '  - OPENAI_API_KEY={{KEY}}'],
      'kustomize-secret',
      'OPENAI_API_KEY',
    ],
    [
      'a Compose environment list',
      'docker-compose.yml',
      ['services:', '  web:', '    environment:', '      - OPENAI_API_KEY={{KEY}}'],
      'compose-environment',
      'OPENAI_API_KEY',
    ],
    [
      'a Compose environment map',
      'compose.yaml',
      ['services:', '  web:', '    environment:', '      OPENAI_API_KEY: "{{KEY}}"'],
      'compose-environment',
      'OPENAI_API_KEY',
    ],
    [
      'a Compose build arg',
      'docker-compose.yml',
      ['services:', '  web:', '    build:', '      args:', '        - OPENAI_API_KEY={{KEY}}'],
      'compose-build-arg',
      'OPENAI_API_KEY',
    ],
    [
      'a Compose file under another name',
      'deploy/stack.yml',
      ['services:', '  web:', '    environment:', '      - OPENAI_API_KEY={{KEY}}'],
      'compose-environment',
      'OPENAI_API_KEY',
    ],
    [
      'a Helm value',
      'charts/app/values.yaml',
      ['openai:', '  apiKey: {{KEY}}'],
      'helm-values',
      'openai.apiKey',
    ],
    [
      'a Helm values env list',
      'values.yaml',
      ['extraEnv:', '  - name: OPENAI_API_KEY', '    value: {{KEY}}'],
      'helm-values',
      'OPENAI_API_KEY',
    ],
    [
      'a HelmRelease value',
      'flux/app.yaml',
      [
        'apiVersion: helm.toolkit.fluxcd.io/v2',
        'kind: HelmRelease',
        'spec:',
        '  values:',
        '    openai:',
        '      apiKey: {{KEY}}',
      ],
      'helm-values',
      'openai.apiKey',
    ],
    [
      'a Terraform variable default',
      'vars.tf',
      ['variable "openai_api_key" {', '  type    = string', '  default = "{{KEY}}"', '}'],
      'terraform-variable',
      'openai_api_key',
    ],
    [
      'a provider attribute',
      'main.tf',
      ['provider "openai" {', '  api_key = "{{KEY}}"', '}'],
      'terraform-attribute',
      'api_key',
    ],
    [
      'a resource map entry',
      'main.tf',
      ['resource "kubernetes_secret" "s" {', '  data = {', '    OPENAI_API_KEY = "{{KEY}}"', '  }', '}'],
      'terraform-attribute',
      'OPENAI_API_KEY',
    ],
    [
      'an env block value',
      'main.tf',
      ['resource "x" "y" {', '  env {', '    name  = "OPENAI_API_KEY"', '    value = "{{KEY}}"', '  }', '}'],
      'terraform-attribute',
      'OPENAI_API_KEY',
    ],
    [
      'a .tfvars assignment',
      'prod.tfvars',
      ['openai_api_key = "{{KEY}}"'],
      'terraform-tfvars',
      'openai_api_key',
    ],
    ['a .env assignment', '.env', ['OPENAI_API_KEY={{KEY}}'], 'dotenv', 'OPENAI_API_KEY'],
    [
      'an exported .env assignment',
      'dev.env',
      ['export OPENAI_API_KEY="{{KEY}}"'],
      'dotenv',
      'OPENAI_API_KEY',
    ],
    [
      'a workflow env the guard did not place',
      '.github/workflows/ci.yml',
      ['env:', '  OPENAI_API_KEY: {{KEY}}'],
      'github-workflow',
      'OPENAI_API_KEY',
    ],
  ])('places %s', (_what, path, lines, context, name) => {
    const a = advise(path, lines);
    expect([a?.context, a?.name]).toEqual([context, name]);
  });

  it.each<[string, string, string[]]>([
    ['a Markdown file named after a Dockerfile', 'Dockerfile.md', ['ENV OPENAI_API_KEY={{KEY}}']],
    ['a Dockerfile line that is no instruction', 'Dockerfile', ['FROM node:20', 'RUN <<EOF', 'echo {{KEY}}']],
    ['a YAML file with no recognisable structure', 'config/app.yaml', ['openai:', '  key: {{KEY}}']],
    ['a source file', 'src/app.ts', ['const key = "{{KEY}}";']],
    ['a line holding NUL bytes', 'Dockerfile', ['FROM x', 'ENV A=\0{{KEY}}']],
  ])('gives no advice for %s', (_what, path, lines) => {
    expect(advise(path, lines)).toBeUndefined();
  });

  it('names the provider variable when the file names none', () => {
    expect(advise('Dockerfile', ['FROM x', 'RUN curl -H "Authorization: Bearer {{KEY}}" x'])?.fix).toContain(
      'id=openai_api_key,env=OPENAI_API_KEY',
    );
  });

  it('points a Kubernetes env entry at valueFrom.secretKeyRef with its name', () => {
    expect(advise('k8s/app.yaml', K8S_ENV)?.fix).toContain(
      'secretKeyRef: {name: <secret>, key: OPENAI_API_KEY}',
    );
  });

  it('points a Terraform variable at sensitive = true and TF_VAR_', () => {
    const fix = advise('vars.tf', ['variable "openai_api_key" {', '  default = "{{KEY}}"', '}'])?.fix ?? '';
    expect([fix.includes('sensitive = true'), fix.includes('TF_VAR_openai_api_key')]).toEqual([true, true]);
  });

  it('says base64 is no protection for a Secret data entry', () => {
    const text = ['kind: Secret', 'data:', `  K: ${Buffer.from(KEY).toString('base64')}`].join('\n');
    const a = adviseAt('s.yaml', new LineIndex(text), {
      line: 3,
      column: 6,
      provider: 'openai',
      encoding: 'base64',
    });
    expect(a?.fix).toMatch(/^base64 in `data:` is an encoding/);
  });

  it('keeps a name with characters beyond letters, digits and _.- out of the advice', () => {
    const a = advise('.env', ['OPEN`AI={{KEY}}']);
    expect(a?.name).toBeUndefined();
  });
});

describe('adviseAt on hostile input', () => {
  const time = (fn: () => unknown): number => {
    const t = performance.now();
    fn();
    return performance.now() - t;
  };

  it('gives no advice, fast, for a key at the end of a 10 MB line', () => {
    const text = `ENV A=${'x'.repeat(10_000_000)} ${KEY}`;
    let a: unknown = 'unset';
    const ms = time(() => {
      a = adviseAt('Dockerfile', new LineIndex(text), {
        line: 1,
        column: text.length - KEY.length + 1,
        provider: 'openai',
      });
    });
    expect([a, ms < 500]).toEqual([undefined, true]);
  });

  it('places a key under 100,000 levels of YAML nesting in bounded time', () => {
    const lines = Array.from({ length: 100_000 }, (_, i) => `${' '.repeat(Math.min(i, 900))}k${i}:`);
    lines.push(`${' '.repeat(901)}OPENAI_API_KEY: ${KEY}`);
    const text = lines.join('\n');
    const ms = time(() =>
      adviseAt('values.yaml', new LineIndex(text), { line: lines.length, column: 918, provider: 'openai' }),
    );
    expect(ms).toBeLessThan(500);
  });

  it('stops counting braces on lines made of braces', () => {
    const lines = Array.from({ length: 300 }, () => '{'.repeat(1000));
    lines.push(`x = "${KEY}"`);
    const text = lines.join('\n');
    const ms = time(() =>
      adviseAt('main.tf', new LineIndex(text), { line: lines.length, column: 6, provider: 'openai' }),
    );
    expect(ms).toBeLessThan(500);
  });

  it('reads nothing past the window on a file of a million lines', () => {
    const lines = Array.from({ length: 1_000_000 }, (_, i) => `A${i}=1`);
    lines.push(`OPENAI_API_KEY=${KEY}`);
    const index = new LineIndex(lines.join('\n'));
    expect(adviseAt('.env', index, { line: lines.length, column: 16, provider: 'openai' })?.name).toBe(
      'OPENAI_API_KEY',
    );
  });

  it('gives no advice for a line past the end of the file', () => {
    expect(
      adviseAt('.env', new LineIndex('A=1\n'), { line: 9, column: 1, provider: 'openai' }),
    ).toBeUndefined();
  });
});
