import { Detector } from '../../src/scan/detector.js';
import { isWorkflowFile, scanWorkflow, secretName } from '../../src/sources/workflows.js';
import { KeyGen } from '../helpers/keygen.js';

const gen = new KeyGen(41);
const det = new Detector();

function lineOf(text: string, key: string): number {
  return text.slice(0, text.indexOf(key)).split('\n').length;
}

describe('scanWorkflow', () => {
  const key = gen.openaiProject();
  const cases: [string, string, string, string][] = [
    [
      'workflow-level env',
      `on: push\nenv:\n  OPENAI_API_KEY: ${key}\njobs: {}\n`,
      'OPENAI_API_KEY',
      'env OPENAI_API_KEY of the workflow',
    ],
    [
      'job-level env',
      `jobs:\n  build:\n    runs-on: ubuntu-latest\n    env:\n      LLM_TOKEN: "${key}"\n`,
      'LLM_TOKEN',
      'env LLM_TOKEN of job "build"',
    ],
    [
      'step-level env',
      `jobs:\n  build:\n    steps:\n      - run: echo hi\n      - name: call\n        env:\n          openai-key: ${key}\n`,
      'OPENAI_KEY',
      'env openai-key of step 2 of job "build"',
    ],
    [
      'a with: input',
      `jobs:\n  b:\n    steps:\n      - uses: some/action@v1\n        with:\n          api-key: '${key}'\n`,
      'API_KEY',
      'input "api-key" of step 1 of job "b"',
    ],
    [
      'a run: script',
      `jobs:\n  b:\n    steps:\n      - run: |\n          echo start\n          export OPENAI_API_KEY=${key}\n          python app.py\n`,
      'OPENAI_API_KEY',
      'run script of step 1 of job "b"',
    ],
    [
      'service credentials',
      `jobs:\n  b:\n    services:\n      db:\n        image: x\n        credentials:\n          username: u\n          password: ${key}\n`,
      'DB_PASSWORD',
      'password of the service "db" credentials',
    ],
    [
      'service env',
      `jobs:\n  b:\n    services:\n      proxy:\n        image: x\n        env:\n          UPSTREAM_KEY: ${key}\n`,
      'UPSTREAM_KEY',
      'env UPSTREAM_KEY of service "proxy"',
    ],
    [
      'container credentials',
      `jobs:\n  b:\n    container:\n      image: x\n      credentials:\n        username: u\n        password: ${key}\n`,
      'REGISTRY_PASSWORD',
      'password of the container credentials',
    ],
    [
      'container env',
      `jobs:\n  b:\n    container:\n      image: x\n      env:\n        OPENAI_API_KEY: ${key}\n`,
      'OPENAI_API_KEY',
      'env OPENAI_API_KEY of the container',
    ],
    [
      'a composite action step',
      `name: a\nruns:\n  using: composite\n  steps:\n    - shell: bash\n      env:\n        MY_KEY: ${key}\n      run: echo\n`,
      'MY_KEY',
      'env MY_KEY of step 1',
    ],
    [
      'a composite action input default',
      `name: a\ninputs:\n  token:\n    default: ${key}\nruns:\n  using: composite\n  steps: []\n`,
      'TOKEN',
      'default of action input "token"',
    ],
  ];

  it.each(cases)(
    'reports a literal key in %s at its line, suggesting the secret name',
    (_name, text, name, where) => {
      const r = scanWorkflow('.github/workflows/ci.yml', text, det);
      expect(r.hits).toHaveLength(1);
      const h = r.hits[0]!;
      expect(h.ruleId).toBe('workflow-literal-secret');
      expect(h.source).toBe('workflow');
      expect(h.key.line).toBe(lineOf(text, key));
      expect(h.key.column).toBe(text.split('\n')[h.key.line - 1]!.indexOf(key) + 1);
      expect(h.message).toContain(`\${{ secrets.${name} }}`);
      expect(h.message).toContain(where);
      expect(h.message).not.toContain(key);
    },
  );

  it('falls back to the provider name when a run script gives no variable name', () => {
    const text = `jobs:\n  b:\n    steps:\n      - run: |\n          curl -H "Authorization: Bearer ${key}" https://api.example\n`;
    const r = scanWorkflow('.github/workflows/ci.yml', text, det);
    expect(r.hits[0]!.message).toContain(`\${{ secrets.OPENAI_API_KEY }}`);
  });

  it('ignores secrets references and key-free workflows', () => {
    const text = `on: push\nenv:\n  OPENAI_API_KEY: \${{ secrets.OPENAI_API_KEY }}\n`;
    expect(scanWorkflow('.github/workflows/ci.yml', text, det).hits).toEqual([]);
  });

  it('counts a key on a keyguard:allow line as suppressed', () => {
    const text = `env:\n  K: ${key} # keyguard:allow\n`;
    const r = scanWorkflow('.github/workflows/ci.yml', text, det);
    expect([r.hits.length, r.suppressed]).toEqual([0, 1]);
  });

  it('turns malformed YAML into a warning with file and line, without quoting the source', () => {
    const text = `on: push\nenv:\n  K: ${key}\n  bad: [unclosed\n`;
    const r = scanWorkflow('.github/workflows/bad.yml', text, det);
    expect(r.hits).toEqual([]);
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]).toMatchObject({ file: '.github/workflows/bad.yml', line: expect.any(Number) });
    expect(JSON.stringify(r.warnings)).not.toContain(key);
  });
});

describe('isWorkflowFile', () => {
  it.each([
    ['.github/workflows/ci.yml', true],
    ['.github/workflows/release.yaml', true],
    ['action.yml', true],
    ['actions/setup/action.yaml', true],
    ['.github/workflows/sub/ci.yml', false],
    ['config.yml', false],
  ])('classifies %s as %s', (p, want) => {
    expect(isWorkflowFile(p)).toBe(want);
  });
});

describe('secretName', () => {
  it.each([
    ['openai-key', 'OPENAI_KEY'],
    ['OPENAI_API_KEY', 'OPENAI_API_KEY'],
    ['1key', '_1KEY'],
  ])('turns %s into %s', (raw, want) => {
    expect(secretName(raw)).toBe(want);
  });
});
