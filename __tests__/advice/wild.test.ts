/**
 * The held-out corpus (__tests__/fixtures/manifests-wild/): shapes of real manifests from public
 * repositories, each written with a generated key into a temporary directory and scanned by the real
 * engine; the finding's advice must name the context (and the variable) a reader would.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { scan } from '../../src/engine/index.js';
import { KeyGen } from '../helpers/keygen.js';

const CORPUS = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'manifests-wild');

interface WildCase {
  case: string;
  file: string;
  keygen: 'openaiProject' | 'anthropic' | 'deepseek' | 'openrouter';
  expect: string | null;
  name?: string;
  source: string;
}

const cases: WildCase[] = JSON.parse(readFileSync(join(CORPUS, 'cases.json'), 'utf8'));
const gen = new KeyGen(7);
const root = mkdtempSync(join(tmpdir(), 'kg-wild-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe.each(cases)('the wild case $case ($file)', (c) => {
  let advice: { context: string; name?: string } | undefined;
  let findings = 0;
  beforeAll(async () => {
    const key = gen[c.keygen]();
    const dir = join(root, c.case);
    const text = readFileSync(join(CORPUS, c.case, c.file), 'utf8')
      .replaceAll('{{KEY_B64}}', Buffer.from(key).toString('base64'))
      .replaceAll('{{KEY}}', key);
    mkdirSync(dirname(join(dir, c.file)), { recursive: true });
    writeFileSync(join(dir, c.file), text);
    const res = await scan({ root: dir, mode: 'tree', threads: 1 });
    findings = res.findings.length;
    advice = res.findings[0]?.advice;
  });

  it('holds one finding', () => {
    expect(findings).toBe(1);
  });

  it(`is advised as ${c.expect ?? 'nothing'}`, () => {
    expect(advice?.context ?? null).toBe(c.expect);
  });

  if (c.name !== undefined)
    it(`names ${c.name}`, () => {
      expect(advice?.name).toBe(c.name);
    });
});

it('holds no key-shaped literal: every template carries the placeholder', () => {
  for (const c of cases)
    expect(readFileSync(join(CORPUS, c.case, c.file), 'utf8')).toMatch(/\{\{KEY(?:_B64)?\}\}/);
});
