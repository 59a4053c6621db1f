import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../../src/config/errors.js';
import {
  buildBaseline,
  parseBaseline,
  readBaseline,
  serializeBaseline,
  writeBaseline,
} from '../../src/filters/index.js';
import { KeyGen } from '../helpers/keygen.js';
import { makeFinding } from '../report/fixtures.js';

const gen = new KeyGen(5);
const NOW = new Date('2026-02-01T00:00:00.000Z');

describe('baseline', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'keyguard-baseline-'));
  });

  it('writes fingerprints and redacted keys, never the key', async () => {
    const keys = [gen.openaiProject(), gen.anthropic()];
    const path = join(dir, 'b1.json');
    await writeBaseline(
      path,
      keys.map((k, i) => makeFinding(k, { line: i + 1 })),
      { now: NOW },
    );
    const text = await readFile(path, 'utf8');
    for (const k of keys) {
      expect(text).not.toContain(k);
      expect(text).not.toContain(k.slice(12, -4));
    }
    expect(JSON.parse(text)).toMatchObject({ version: 1, createdAt: NOW.toISOString() });
  });

  it('sorts entries by file, line and rule so the same findings give the same file', () => {
    const a = makeFinding(gen.deepseek(), { file: 'b.ts', line: 2 });
    const b = makeFinding(gen.deepseek(), { file: 'a.ts', line: 9 });
    const c = makeFinding(gen.deepseek(), { file: 'a.ts', line: 3 });
    const one = serializeBaseline(buildBaseline([a, b, c], NOW));
    const two = serializeBaseline(buildBaseline([c, a, b], NOW));
    expect(one).toBe(two);
    expect(JSON.parse(one).findings.map((e: any) => `${e.file}:${e.line}`)).toEqual([
      'a.ts:3',
      'a.ts:9',
      'b.ts:2',
    ]);
  });

  it('records a duplicate finding once', () => {
    const f = makeFinding(gen.openrouter());
    expect(buildBaseline([f, { ...f }], NOW).findings).toHaveLength(1);
  });

  it('reads back what it wrote', async () => {
    const path = join(dir, 'b2.json');
    const written = await writeBaseline(path, [makeFinding(gen.moonshot(), { file: 'x.py', line: 4 })], {
      now: NOW,
    });
    expect(await readBaseline(path)).toEqual(written);
  });

  it.each([
    ['text that is not JSON', '{nope', /not valid JSON/],
    ['a wrong version', '{"version": 2, "findings": []}', /version 2, not 1/],
    ['a missing findings list', '{"version": 1}', /no "findings" list/],
    [
      'a bad fingerprint',
      '{"version": 1, "findings": [{"fingerprint": "xyz"}]}',
      /findings\[0\]\.fingerprint/,
    ],
  ])('rejects %s with a ConfigError naming the file', (_name, text, expected) => {
    expect(() => parseBaseline(text, 'base.json')).toThrow(ConfigError);
    expect(() => parseBaseline(text, 'base.json')).toThrow(expected);
    expect(() => parseBaseline(text, 'base.json')).toThrow(/^base\.json: /);
  });

  it('reports a missing baseline file as a ConfigError', async () => {
    await expect(readBaseline(join(dir, 'missing.json'))).rejects.toThrow(
      /missing\.json: baseline file not found/,
    );
  });

  it('reads a file with a malformed entry as a ConfigError', async () => {
    const path = join(dir, 'bad.json');
    await writeFile(path, '[]');
    await expect(readBaseline(path)).rejects.toThrow(ConfigError);
  });
});
