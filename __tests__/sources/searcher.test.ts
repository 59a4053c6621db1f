import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Detector } from '../../src/scan/detector.js';
import {
  printableRuns,
  StreamSearch,
  searchBuffer,
  searchFile,
  searchFileSync,
} from '../../src/sources/searcher.js';
import type { RawKey } from '../../src/sources/types.js';
import { KeyGen } from '../helpers/keygen.js';

const gen = new KeyGen(11);

/** searchFile bundled into a script that scans one file and prints its keys, bytes and peak RSS. */
async function childSearcher(dir: string): Promise<string> {
  const { build } = await import('esbuild');
  const out = join(dir, 'child-searcher.mjs');
  await build({
    stdin: {
      contents: `import { Detector } from './src/scan/detector.ts';
import { searchFile } from './src/sources/searcher.ts';
const r = await searchFile(process.argv[2], new Detector(), { chunkSize: Number(process.argv[3]) });
const keys = r.keys.map((k) => k.line + ':' + k.column + ':' + k.key);
process.stdout.write(JSON.stringify({ keys, bytes: r.bytes, maxRSS: process.resourceUsage().maxRSS * 1024 }));`,
      resolveDir: process.cwd(),
      loader: 'ts',
    },
    outfile: out,
    bundle: true,
    platform: 'node',
    format: 'esm',
    logLevel: 'error',
  });
  return out;
}

function peakOf(
  script: string,
  file: string,
  chunk: number,
): { keys: string[]; bytes: number; maxRSS: number } {
  return JSON.parse(execFileSync(process.execPath, [script, file, String(chunk)], { encoding: 'utf8' }));
}
const det = new Detector();

function where(keys: RawKey[]): string[] {
  return keys.map((k) => `${k.line}:${k.column}:${k.key}`);
}

/** Where each key really is in the text: the expected answer, computed independently. */
function truth(text: string, keys: string[]): string[] {
  const out: string[] = [];
  for (const key of keys) {
    let i = text.indexOf(key);
    while (i >= 0) {
      const before = text.slice(0, i);
      const line = before.split('\n').length;
      const col = i - (before.lastIndexOf('\n') + 1) + 1;
      out.push(`${line}:${col}:${key}`);
      i = text.indexOf(key, i + 1);
    }
  }
  return out.sort();
}

function streamed(buf: Buffer, chunkSize: number): RawKey[] {
  const s = new StreamSearch(det, { chunkSize, maxCarry: chunkSize, overlap: 300, context: 16 });
  for (let i = 0; i < buf.length; i += chunkSize) s.push(buf.subarray(i, i + chunkSize));
  s.end();
  return s.keys;
}

describe('StreamSearch', () => {
  const keys = [gen.openaiProject(), gen.deepseek(), gen.moonshot(), gen.openaiLegacy()];
  const minified = `var a="${'x'.repeat(700)}";var k="${keys[0]}";${'y=1;'.repeat(400)}k2="${keys[1]}";`;
  const text = [
    'first line',
    `OPENAI_API_KEY=${keys[2]}`,
    minified,
    'é ünïcode before the key: ' + keys[3],
    '',
    `tail ${keys[1]}`,
  ].join('\n');
  const buf = Buffer.from(text);
  const expected = truth(text, keys);

  it('finds every key at its line and column when the text is one window', () => {
    expect(where(searchBuffer(buf, det).keys).sort()).toEqual(expected);
  });

  it.each([64, 97, 128, 257, 301, 512, 1000, 4096])(
    'finds each key exactly once at the right place when streamed in %i-byte chunks',
    (size) => {
      expect(where(streamed(buf, size)).sort()).toEqual(expected);
    },
  );

  it.each([64, 97, 301, 1000, 4096])(
    'finds the same keys reading a file in %i-byte chunks straight after the carried bytes',
    (size) => {
      const path = join(tmpdir(), `kg-joined-${process.pid}-${size}.txt`);
      writeFileSync(path, buf);
      try {
        const r = searchFileSync(path, det, { chunkSize: size, maxCarry: size, overlap: 300, context: 16 });
        expect(r.bytes).toBe(buf.length);
        expect(where(r.keys).sort()).toEqual(expected);
      } finally {
        rmSync(path, { force: true });
      }
    },
  );

  it('does not report the tail of a longer token that only looks like a key after a forced cut', () => {
    const token = `zz${'q'.repeat(500)}sk-${'A'.repeat(40)}`;
    expect(streamed(Buffer.from(token), 64)).toEqual([]);
  });

  it('finds a key in a binary blob and places it at its byte offset', () => {
    const key = gen.openaiProject();
    const blob = Buffer.concat([
      Buffer.from([0, 1, 2, 10, 0, 3]),
      Buffer.from(`\n\x00\x7fPAD=${key}\x00\x01`, 'latin1'),
    ]);
    const r = searchBuffer(blob, det);
    expect(r.binary).toBe(true);
    expect(where(r.keys)).toEqual([`3:7:${key}`]);
  });

  it('finds a key in binary data streamed across a chunk boundary', () => {
    const key = gen.openaiProject();
    const blob = Buffer.concat([Buffer.alloc(1000, 0), Buffer.from(key), Buffer.alloc(1000, 0)]);
    const keys2 = streamed(blob, 1024 - 50);
    expect(where(keys2)).toEqual([`1:1001:${key}`]);
  });

  it.each(['utf16le', 'utf16be'])('finds a key in a %s .env with a byte-order mark', (enc) => {
    const key = gen.openaiProject();
    const le = Buffer.from(`\ufeffA=1\r\nOPENAI_API_KEY=${key}\r\n`, 'utf16le');
    const buf = enc === 'utf16le' ? le : Buffer.from(le).swap16();
    expect(where(searchBuffer(buf, det).keys)).toEqual([`2:16:${key}`]);
  });

  it('extracts the same runs as a byte-by-byte scan on random binary data', () => {
    const naive = (b: Buffer, start: number, end: number, min: number) => {
      const out: [number, number][] = [];
      let run = -1;
      for (let i = start; i <= end; i++) {
        const ok = i < end && ((b[i]! >= 0x20 && b[i]! <= 0x7e) || b[i] === 0x09);
        if (ok && run < 0) run = i;
        if (!ok && run >= 0) {
          if (i - run >= min) out.push([run, i]);
          run = -1;
        }
      }
      return out;
    };
    let seed = 7;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    for (let round = 0; round < 200; round++) {
      // Mostly printable stretches of random length with binary bytes between them.
      const bytes: number[] = [];
      while (bytes.length < 600) {
        const printable = rand() < 0.6;
        const n = Math.floor(rand() * 40);
        for (let k = 0; k < n; k++)
          bytes.push(printable ? 0x20 + Math.floor(rand() * 95) : Math.floor(rand() * 32));
      }
      const b = Buffer.from(bytes);
      const start = Math.floor(rand() * 50);
      const end = b.length - Math.floor(rand() * 50);
      for (const min of [1, 4, 20])
        expect(printableRuns(b, start, end, min)).toEqual(naive(b, start, end, min));
    }
  });

  it('extracts printable runs of at least the minimum length, like strings', () => {
    const b = Buffer.from('\x00short\x00' + 'L'.repeat(25) + '\x01', 'latin1');
    expect(printableRuns(b, 0, b.length, 20)).toEqual([[7, 32]]);
  });
});

describe('searchFile', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'kg-search-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('finds each key of a one-line minified bundle once, at its column, across forced cuts', async () => {
    const keys = [gen.openaiProject(), gen.anthropic(), gen.openrouter()];
    const filler = (n: number) => 'function(a){return a+1},'.repeat(n);
    const text = `!${filler(3000)}k1="${keys[0]}";${filler(2700)}k2='${keys[1]}',${filler(4100)}k3=\`${keys[2]}\`;`;
    const path = join(dir, 'bundle.min.js');
    writeFileSync(path, text);
    const r = await searchFile(path, det, { chunkSize: 16 * 1024 });
    expect(r.bytes).toBe(text.length);
    expect(where(r.keys)).toEqual(keys.map((k) => `1:${text.indexOf(k) + 1}:${k}`));
  });

  it('finds each key of a one-line bundle with accents and emoji at its column (UTF-16 units), across forced cuts', async () => {
    const keys = [gen.openaiProject(), gen.anthropic()];
    const filler = (n: number) => 'f(é,😀){return "ünï"},'.repeat(n);
    const text = `${filler(900)}k1="${keys[0]}";${filler(1300)}k2='${keys[1]}',${filler(700)}`;
    const path = join(dir, 'accents.min.js');
    writeFileSync(path, text);
    const r = await searchFile(path, det, { chunkSize: 16 * 1024 });
    expect(r.bytes).toBe(Buffer.byteLength(text));
    expect(where(r.keys)).toEqual(keys.map((k) => `1:${text.indexOf(k) + 1}:${k}`));
  });

  it('streams a 100 MB log with bounded memory and finds the key on a chunk boundary once', async () => {
    const key = gen.openaiProject();
    const path = join(dir, 'huge.log');
    const chunk = 1 << 20;
    const line = `${'2026-01-01 INFO request served ok '.repeat(2)}\n`;
    const block = Buffer.from(line.repeat(Math.ceil(chunk / line.length))).subarray(0, chunk);
    const lineCount = (b: Buffer) => b.toString('latin1').split('\n').length - 1;
    // 100 blocks of 1 MiB; the key straddles the boundary between blocks 50 and 51.
    const fd = openSync(path, 'w');
    let linesBefore = 0;
    for (let i = 0; i < 100; i++) {
      if (i === 50) {
        const head = block.subarray(0, chunk - 40);
        const lastNl = head.lastIndexOf(10);
        const withKey = Buffer.concat([head.subarray(0, lastNl + 1), Buffer.from(`token=${key}\n`)]);
        writeSync(fd, withKey);
        linesBefore += lineCount(head.subarray(0, lastNl + 1));
      } else {
        writeSync(fd, block);
        if (i < 50) linesBefore += lineCount(block);
      }
    }
    closeSync(fd);
    const small = join(dir, 'small.log');
    writeFileSync(small, `token=${key}\n`);
    // Measured in fresh processes: jest's own peak RSS (an earlier test's garbage) says nothing about this
    // read. A whole-file read would raise the child's peak by the file's 100 MB; a streamed one by a few chunks.
    const script = await childSearcher(dir);
    const huge = peakOf(script, path, chunk);
    const tiny = peakOf(script, small, chunk);
    expect(huge.bytes).toBeGreaterThan(99 * chunk);
    expect(huge.keys).toEqual([`${linesBefore + 1}:7:${key}`]);
    expect(huge.maxRSS - tiny.maxRSS).toBeLessThan(48 * 1024 * 1024);
  });
});

describe('searchFileSync on a path that is not a regular file', () => {
  it('refuses a FIFO at once instead of blocking on it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kg-fifo-'));
    const fifo = join(dir, 'pipe');
    try {
      execFileSync('mkfifo', [fifo]);
      expect(() => searchFileSync(fifo, det)).toThrow('not a regular file');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
