import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Detector } from '../../src/scan/detector.js';
import { scanGit } from '../../src/sources/git.js';
import { DecodingSearch, searchBuffer, searchFileSync } from '../../src/sources/searcher.js';
import type { RawKey } from '../../src/sources/types.js';
import { detectUtf16, Utf16ToUtf8 } from '../../src/sources/utf16.js';
import { KeyGen } from '../helpers/keygen.js';
import { TestRepo } from './gitrepo.js';

const gen = new KeyGen(1616);
const det = new Detector();
const repos: TestRepo[] = [];
afterAll(() => {
  for (const r of repos) r.cleanup();
});
const where = (keys: RawKey[]) => keys.map((k) => `${k.line}:${k.column}:${k.key}`);

type Form = 'utf16le-bom' | 'utf16be-bom' | 'utf16le' | 'utf16be';
const FORMS: Form[] = ['utf16le-bom', 'utf16be-bom', 'utf16le', 'utf16be'];
function encode(text: string, form: Form): Buffer {
  const le = Buffer.from(form.endsWith('-bom') ? `\ufeff${text}` : text, 'utf16le');
  return form.startsWith('utf16be') ? Buffer.from(le).swap16() : le;
}
/** A PowerShell script with the key on line 3, after a line with accents and an emoji. */
function script(key: string): string {
  return `# Réglages 🔑\r\nWrite-Host "setup"\r\n$env:OPENAI_API_KEY = "${key}"\r\n`;
}

describe('detectUtf16', () => {
  it.each([
    [
      'a UTF-16LE byte-order mark',
      Buffer.from([0xff, 0xfe, 0x41, 0]),
      { bigEndian: false, bom: 2, guessed: false },
    ],
    [
      'a UTF-16BE byte-order mark',
      Buffer.from([0xfe, 0xff, 0, 0x41]),
      { bigEndian: true, bom: 2, guessed: false },
    ],
    [
      'BOM-less UTF-16LE text',
      Buffer.from('KEY=value\r\n', 'utf16le'),
      { bigEndian: false, bom: 0, guessed: true },
    ],
    [
      'BOM-less UTF-16BE text',
      Buffer.from('KEY=value\r\n', 'utf16le').swap16(),
      { bigEndian: true, bom: 0, guessed: true },
    ],
    ['UTF-8 text', Buffer.from('KEY=value\n'), undefined],
    ['a UTF-32LE byte-order mark', Buffer.from([0xff, 0xfe, 0, 0, 0x41, 0, 0, 0]), undefined],
    ['binary data with NULs', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0]), undefined],
    ['a few bytes too short to guess', Buffer.from('ab', 'utf16le'), undefined],
  ])('tells %s', (_name, head, expected) => {
    expect(detectUtf16(head)).toEqual(expected);
  });
});

describe('Utf16ToUtf8', () => {
  it('gives the same text whatever the chunk boundaries (split code units and surrogate pairs)', () => {
    const text = 'a🔑b\r\nçé€😀\n';
    for (const form of FORMS) {
      const bytes = encode(text, form);
      // Too short and too far from ASCII to guess: a BOM-less form is told by hand here.
      const enc = detectUtf16(bytes) ?? { bigEndian: form === 'utf16be', bom: 0, guessed: true };
      for (let size = 1; size <= 5; size++) {
        const dec = new Utf16ToUtf8(enc);
        const parts: Buffer[] = [];
        for (let i = 0; i < bytes.length; i += size) parts.push(dec.push(bytes.subarray(i, i + size)));
        parts.push(dec.end());
        expect({ form, size, text: Buffer.concat(parts).toString('utf8') }).toEqual({ form, size, text });
      }
    }
  });
});

describe('a UTF-16 file, read from the tree, a stream or git, gives the same keys at the same places', () => {
  it.each(FORMS)('as %s, a file of the tree, a large file and a stream agree with the UTF-8 file', (form) => {
    const key = gen.openaiProject();
    const utf8 = where(searchBuffer(Buffer.from(script(key)), det).keys);
    expect(utf8).toEqual([`3:24:${key}`]);
    const bytes = encode(script(key), form);
    expect(where(searchBuffer(bytes, det).keys)).toEqual(utf8);
    const r = new TestRepo();
    repos.push(r);
    writeFileSync(join(r.dir, 'setup.ps1'), bytes);
    expect(where(searchFileSync(join(r.dir, 'setup.ps1'), det, { chunkSize: 64 }).keys)).toEqual(utf8);
    for (const size of [1, 7, 64]) {
      const s = new DecodingSearch(det);
      for (let i = 0; i < bytes.length; i += size) s.push(bytes.subarray(i, i + size));
      s.end();
      expect({ size, keys: where(s.keys) }).toEqual({ size, keys: utf8 });
    }
  });

  it.each(FORMS)('as %s, a key that only lives in git history is found at its line', async (form) => {
    const key = gen.openaiProject();
    const r = new TestRepo();
    repos.push(r);
    r.write('README.md', 'hello\n').commit('init');
    writeFileSync(join(r.dir, 'setup.ps1'), encode(script(key), form));
    const sha = r.commit('add setup script');
    r.remove('setup.ps1').commit('drop it');
    const res = await scanGit(r.dir, det);
    expect(res.hits.map((h) => [h.file, h.commit?.sha, h.key.line, h.key.column, h.key.key])).toEqual([
      ['setup.ps1', sha, 3, 24, key],
    ]);
  });

  it('a key in a range that adds a UTF-16 file is found', async () => {
    const key = gen.openaiProject();
    const r = new TestRepo();
    repos.push(r);
    const base = r.write('README.md', 'hello\n').commit('init');
    writeFileSync(join(r.dir, 'setup.ps1'), encode(script(key), 'utf16le-bom'));
    const head = r.commit('add setup script');
    const res = await scanGit(r.dir, det, { range: `${base}..${head}` });
    expect(res.hits.map((h) => h.key.key)).toEqual([key]);
  });

  it('a binary file that starts like UTF-16 still yields a plain ASCII key later in it', () => {
    const key = gen.openaiProject();
    const bytes = Buffer.concat([
      Buffer.from('HEADER text\r\n', 'utf16le'),
      Buffer.alloc(600, 0),
      Buffer.from(`OPENAI_API_KEY=${key}`),
      Buffer.alloc(8, 0),
    ]);
    expect(searchBuffer(bytes, det).keys.map((k) => k.key)).toEqual([key]);
  });
});

describe('a UTF-16 file that a .gitattributes line tells git to diff as text', () => {
  // The attack: a commit or pull request adds `setup.ps1 diff` to .gitattributes, so git shows the
  // UTF-16 file as a text diff (NUL bytes and all) and never as a binary blob to search whole.
  const planted = (form: Form) => {
    const key = gen.openaiProject();
    const r = new TestRepo();
    repos.push(r);
    const base = r.write('README.md', 'hello\n').commit('init');
    r.write('.gitattributes', 'setup.ps1 diff\n');
    writeFileSync(join(r.dir, 'setup.ps1'), encode(script(key), form));
    const head = r.commit('add setup script');
    return { key, r, base, head };
  };

  it.each(FORMS)('still yields its key to a history scan (%s)', async (form) => {
    const { key, r } = planted(form);
    const res = await scanGit(r.dir, det);
    expect(res.hits.map((h) => h.key.key)).toEqual([key]);
  });

  it.each(FORMS)(
    'still yields its key to a range scan, as a pull request check runs it (%s)',
    async (form) => {
      const { key, r, base, head } = planted(form);
      const res = await scanGit(r.dir, det, { range: `${base}..${head}` });
      expect(res.hits.map((h) => h.key.key)).toEqual([key]);
    },
  );
});
