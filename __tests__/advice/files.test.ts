/** Which files may have a context, by name alone: the first step of advice, and the only one for most files. */
import { fileKind, isExampleEnv } from '../../src/advice/files.js';

describe('fileKind', () => {
  it.each([
    ['Dockerfile', 'dockerfile'],
    ['services/api/Dockerfile.prod', 'dockerfile'],
    ['Dockerfile-dev', 'dockerfile'],
    ['build/api.Dockerfile', 'dockerfile'],
    ['app.dockerfile', 'dockerfile'],
    ['Containerfile', 'dockerfile'],
    ['docker-compose.yml', 'compose'],
    ['docker-compose.override.yml', 'compose'],
    ['compose.yaml', 'compose'],
    ['charts/app/values.yaml', 'helm-values'],
    ['deploy/values-prod.yaml', 'helm-values'],
    ['overlays/prod/kustomization.yaml', 'kustomization'],
    ['infra/main.tf', 'terraform'],
    ['live/terragrunt.hcl', 'terraform'],
    ['prod.tfvars', 'tfvars'],
    ['secret.auto.tfvars', 'tfvars'],
    ['vars.tfvars.json', 'tfvars'],
    ['.env', 'dotenv'],
    ['web/.env.local', 'dotenv'],
    ['config/prod.env', 'dotenv'],
    ['.envrc', 'dotenv'],
    ['.github/workflows/ci.yml', 'workflow'],
    ['k8s/deployment.yaml', 'yaml'],
  ])('names %s a %s file', (path, kind) => {
    expect(fileKind(path)).toBe(kind);
  });

  it.each([
    ['Dockerfile.md'],
    ['docs/Dockerfile.txt'],
    ['Dockerfile.dockerignore'],
    ['docker-compose.yml.md'],
    ['values.yaml.bak'],
    ['main.tf.orig'],
    ['src/app.ts'],
    ['README.md'],
    ['environment.ts'],
  ])('gives %s no kind (a document or program about one, or nothing)', (path) => {
    expect(fileKind(path)).toBeUndefined();
  });

  it('gives a path longer than 4096 characters no kind without looking further', () => {
    expect(fileKind(`${'a/'.repeat(3000)}Dockerfile`)).toBeUndefined();
  });
});

describe('isExampleEnv', () => {
  it.each([
    ['.env.example', true],
    ['.env.sample', true],
    ['.env.template', true],
    ['.env', false],
    ['.env.production', false],
  ])('says %s is an example: %s', (path, example) => {
    expect(isExampleEnv(path)).toBe(example);
  });
});
