/**
 * Advice in every scan mode: the file is read again only for findings, from where the scan saw it (the
 * working tree, the commit, the index), and a file swapped for a link or too large gives none.
 */
import { symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { adviseHits, MAX_ADVICE_FILE_BYTES } from '../../src/advice/attach.js';
import { defaultConfig } from '../../src/config/load.js';
import { runScan, type ScanTarget } from '../../src/pipeline/scan.js';
import type { Hit } from '../../src/sources/types.js';
import { TestRepo } from '../e2e/harness.js';
import { KeyGen } from '../helpers/keygen.js';

const gen = new KeyGen(1617);
const key = gen.openaiProject();
const DOCKERFILE = `FROM node:20\nARG OPENAI_API_KEY=${key}\n`;

let repo: TestRepo;
let base: string;
let head: string;
beforeAll(() => {
  repo = new TestRepo('kg-advice-');
  base = repo.commit('init', { 'README.md': '# app\n' });
  head = repo.commit('docker', { Dockerfile: DOCKERFILE });
  // The working tree and the index differ from the commit: each mode must read its own copy.
  repo.write('Dockerfile', `FROM node:20\nENV OPENAI_API_KEY=${key}\n`);
  repo.write('api/Dockerfile', DOCKERFILE);
  repo.git('add', 'api/Dockerfile');
});
afterAll(() => repo.cleanup());

const targets: [string, () => ScanTarget, string, string][] = [
  ['tree', () => ({ kind: 'tree' }), 'Dockerfile', 'dockerfile-env'],
  ['history', () => ({ kind: 'history' }), 'Dockerfile', 'dockerfile-arg'],
  ['range', () => ({ kind: 'range', range: `${base}..${head}` }), 'Dockerfile', 'dockerfile-arg'],
  ['staged', () => ({ kind: 'staged' }), 'api/Dockerfile', 'dockerfile-arg'],
];

it.each(targets)(
  'advises a %s finding from the copy that scan read',
  async (_mode, target, file, context) => {
    const out = await runScan({ root: repo.dir, target: target(), config: defaultConfig() });
    expect(out.findings.filter((f) => f.file === file).map((f) => f.advice?.context)).toEqual([context]);
  },
);

function hitIn(file: string): Hit {
  return {
    file,
    source: 'tree',
    key: {
      ruleId: 'r',
      provider: 'openai',
      candidates: ['openai'],
      description: 'd',
      key,
      line: 2,
      column: 20,
      inlineAllowed: false,
    },
  };
}

it('reads no file that was swapped for a symbolic link after the scan', async () => {
  writeFileSync(join(repo.dir, 'target.txt'), DOCKERFILE);
  symlinkSync(join(repo.dir, 'target.txt'), join(repo.dir, 'Dockerfile.link'));
  const h = hitIn('Dockerfile.link');
  await adviseHits(repo.dir, [h], 'worktree');
  expect(h.advice).toBeUndefined();
});

it('reads no file larger than the advice limit', async () => {
  writeFileSync(join(repo.dir, 'Dockerfile.big'), `${DOCKERFILE}${'#\n'.repeat(MAX_ADVICE_FILE_BYTES)}`);
  const h = hitIn('Dockerfile.big');
  await adviseHits(repo.dir, [h], 'worktree');
  expect(h.advice).toBeUndefined();
});

it('reads no file outside the scanned root', async () => {
  const h = hitIn('../outside/Dockerfile');
  await adviseHits(repo.dir, [h], 'worktree');
  expect(h.advice).toBeUndefined();
});

it('leaves a hit whose file kind has no context alone, without reading it', async () => {
  const h = hitIn('does-not-exist.ts');
  await adviseHits(repo.dir, [h], 'worktree');
  expect(h.advice).toBeUndefined();
});
