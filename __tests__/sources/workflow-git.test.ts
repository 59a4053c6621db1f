/**
 * The workflow-file guard in every mode: a key a commit (a pull request's range, the history, the index)
 * adds to a workflow file is the same rule, with the same `${{ secrets.NAME }}` advice, as in a tree scan,
 * so code scanning keeps one alert per key.
 */
import { defaultConfig } from '../../src/config/load.js';
import { runScan, type ScanTarget } from '../../src/pipeline/scan.js';
import { TestRepo } from '../e2e/harness.js';
import { KeyGen } from '../helpers/keygen.js';

const gen = new KeyGen(4242);
const key = gen.openaiProject();
const WORKFLOW = [
  'name: ci',
  'on: push',
  'jobs:',
  '  test:',
  '    runs-on: ubuntu-latest',
  '    env:',
  `      OPENAI_API_KEY: ${key}`,
  '    steps:',
  '      - run: npm test',
  '',
].join('\n');

let repo: TestRepo;
let base: string;
let head: string;
beforeAll(() => {
  repo = new TestRepo('kg-wf-git-');
  base = repo.commit('init', { 'README.md': '# app\n' });
  head = repo.commit('ci', { '.github/workflows/ci.yml': WORKFLOW });
  // Staged on top: the same key in a second workflow, only in the index.
  repo.write('.github/workflows/nightly.yml', WORKFLOW.replace('name: ci', 'name: nightly'));
  repo.git('add', '.github/workflows/nightly.yml');
});
afterAll(() => repo.cleanup());

const targets: [string, () => ScanTarget, string][] = [
  ['tree', () => ({ kind: 'tree' }), '.github/workflows/ci.yml'],
  ['history', () => ({ kind: 'history' }), '.github/workflows/ci.yml'],
  ['sweep', () => ({ kind: 'sweep' }), '.github/workflows/ci.yml'],
  [
    'range (a pull request)',
    () => ({ kind: 'range', range: `${base}..${head}` }),
    '.github/workflows/ci.yml',
  ],
  [
    'history window (--since-commit)',
    () => ({ kind: 'history', window: { revisions: [`${base}..HEAD`] } }),
    '.github/workflows/ci.yml',
  ],
  ['staged (pre-commit)', () => ({ kind: 'staged' }), '.github/workflows/nightly.yml'],
];

describe.each(targets)('a key added to a workflow file, scanned as %s', (_name, target, file) => {
  it('is reported as workflow-literal-secret with the secrets advice, on the line of the key', async () => {
    const out = await runScan({ root: repo.dir, target: target(), config: defaultConfig() });
    const f = out.findings.filter((x) => x.file === file);
    expect(f.map((x) => [x.ruleId, x.line])).toEqual([['workflow-literal-secret', 7]]);
    expect(f[0]!.message).toContain('${{ secrets.OPENAI_API_KEY }}');
  });
});
