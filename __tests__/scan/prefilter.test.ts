import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BASE64_SEEDS, base64Markers, MarkerTable } from '../../src/scan/base64.js';
import { Detector } from '../../src/scan/detector.js';
import { BytePlan, wasmCountByte, wasmReadArea } from '../../src/scan/prefilter.js';
import { ReadBuffer, searchFileSync } from '../../src/sources/searcher.js';
import { KeyGen, seededRandom } from '../helpers/keygen.js';

const NEEDLES = ['sk-', 'sk_', 'rk_', 'gsk_', 'xai-', 'pplx-', '.dockerc'];
const MARKERS = new MarkerTable(BASE64_SEEDS.flatMap(base64Markers));
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/-_';
const isB64 = (b: number) => b < 128 && B64.includes(String.fromCharCode(b));

function plan(needles: string[] = NEEDLES, markers: MarkerTable = MARKERS): BytePlan {
  const p = BytePlan.build(needles, markers.bitmap);
  if (!p) throw new Error('the WebAssembly pre-filter is off');
  return p;
}

/** Every needle occurrence, as the byte-by-byte search sees it: [needle index, start], by start. */
function occurrences(buf: Buffer, needles: string[]): [number, number][] {
  const out: [number, number][] = [];
  for (let s = 0; s < buf.length; s++)
    needles.forEach((n, i) => {
      if (buf.subarray(s, s + n.length).toString('latin1') === n) out.push([i, s]);
    });
  return out;
}

function screenedOccurrences(p: BytePlan, buf: Buffer): [number, number][] {
  const out: [number, number][] = [];
  p.screen(buf, (i, s) => {
    out.push([i, s]);
    return false;
  });
  return out.sort((a, b) => a[1] - b[1] || a[0] - b[0]);
}

/** Random bytes from `alphabet`, mixed with a few arbitrary bytes. */
function noise(random: () => number, length: number, alphabet: string): Buffer {
  const buf = Buffer.alloc(length);
  for (let i = 0; i < length; i++)
    buf[i] =
      random() < 0.05
        ? Math.floor(random() * 256)
        : alphabet.charCodeAt(Math.floor(random() * alphabet.length));
  return buf;
}

/** The runs the screen must flag, worked out byte by byte: unbroken base64 of 32+ with a marker's
 * first three characters, or a full wrapped line (64 or 76, then CR or LF). */
function flaggedRuns(buf: Buffer): [number, number][] {
  const out: [number, number][] = [];
  const value = (b: number) => B64.indexOf(String.fromCharCode(b)) % 64;
  let s = 0;
  while (s < buf.length) {
    if (!isB64(buf[s]!)) {
      s++;
      continue;
    }
    let e = s;
    while (e < buf.length && isB64(buf[e]!)) e++;
    if (e - s >= 32) {
      const wrapLine = (e - s === 64 || e - s === 76) && (buf[e] === 10 || buf[e] === 13);
      let marked = false;
      for (let j = s; j + 3 <= e && !marked; j++) {
        const code = (value(buf[j]!) << 12) | (value(buf[j + 1]!) << 6) | value(buf[j + 2]!);
        marked = (MARKERS.bitmap[code >>> 5]! & (1 << (code & 31))) !== 0;
      }
      if (wrapLine || marked) out.push([s, e]);
    }
    s = e;
  }
  return out;
}

describe('the WebAssembly pre-filter module', () => {
  it('is the compiled form of the committed prefilter.wat', () => {
    expect(() => execFileSync(process.execPath, ['scripts/build-wasm.mjs', '--check'])).not.toThrow();
  });

  it('runs in this Node, so the tests exercise it rather than the fallback', () => {
    expect(wasmReadArea(16)).toBeInstanceOf(Buffer);
  });
});

describe('needle search through byte pairs', () => {
  it.each([1, 2, 3, 4, 5])(
    'reports every needle occurrence in random text dense with near misses (seed %i)',
    (seed) => {
      const random = seededRandom(seed);
      const p = plan();
      for (let round = 0; round < 40; round++) {
        const buf = noise(random, Math.floor(random() * 600), 'skrgxaipl-_.doce \n');
        expect(screenedOccurrences(p, buf)).toEqual(occurrences(buf, NEEDLES));
      }
    },
  );

  it('finds a needle in the last bytes of the buffer, past the 16-byte steps', () => {
    const p = plan();
    for (let pad = 0; pad < 40; pad++) {
      const buf = Buffer.from(`${'a'.repeat(pad)}xai-`, 'latin1');
      expect(screenedOccurrences(p, buf)).toEqual([[4, pad]]);
    }
  });

  it('misses nothing when more than 8 pairs share the buckets', () => {
    const random = seededRandom(9);
    const needles = Array.from({ length: 20 }, () => noise(random, 3, 'abcdefghij').toString('latin1'));
    const p = plan(needles);
    for (let round = 0; round < 30; round++) {
      const buf = noise(random, 400, 'abcdefghij');
      expect(screenedOccurrences(p, buf)).toEqual(occurrences(buf, needles));
    }
  });

  it('stops at the first occurrence the caller accepts', () => {
    const seen: number[] = [];
    const result = plan().screen(Buffer.from('a sk- b sk_ c rk_ d'), (_i, s) => {
      seen.push(s);
      return s > 5;
    });
    expect([result, seen]).toEqual(['keyword', [2, 8]]);
  });

  it('compares needles longer than the 8 bytes WebAssembly checks to their last byte', () => {
    const random = seededRandom(12);
    const needles = [
      '-----BEGIN PRIVATE KEY',
      '-----BEGIN RSA PRIVATE KEY',
      'hooks.slack.com/',
      'github_pat_',
    ];
    const p = plan(needles);
    for (let round = 0; round < 40; round++) {
      const pieces = [
        '-----BEGIN ',
        'PRIVATE KEY',
        'PRIVATE KEX',
        'RSA ',
        'hooks.slack.com',
        'hooks.slack.co/',
        '/',
        'github_pa',
        't_',
        ' ',
      ];
      const text = Array.from({ length: 30 }, () => pieces[Math.floor(random() * pieces.length)]).join('');
      const buf = Buffer.from(text, 'latin1');
      expect(screenedOccurrences(p, buf)).toEqual(occurrences(buf, needles));
    }
  });

  it('hands back every occurrence when there are more than its output area holds at once', () => {
    const buf = Buffer.from(`${'sk-xai-'.repeat(7000)}rk_`, 'latin1');
    const found: [number, number][] = [];
    expect(
      plan().occurrences(buf, (i, s) => {
        found.push([i, s]);
        return false;
      }),
    ).toBe(false);
    expect(found).toEqual(occurrences(buf, NEEDLES));
  });

  it('reports no occurrence of a needle whose character no byte equals (WebAssembly sees its low byte)', () => {
    const needle = `${String.fromCharCode(0x15d)}k-`; // low byte 0x5d is ']'
    expect(screenedOccurrences(plan([needle, 'sk-']), Buffer.from('a ]k- b sk-', 'latin1'))).toEqual([
      [1, 8],
    ]);
  });

  it('still finds the base64 runs after more needle occurrences than one pass hands back', () => {
    const gen = new KeyGen(3);
    const run = Buffer.from(`x${gen.deepseek()}`).toString('base64');
    const buf = Buffer.from(`${'sk-a '.repeat(9000)}${run}\n`, 'latin1');
    expect(flaggedRuns(buf).length).toBeGreaterThan(0);
    expect(plan().screen(buf, () => false)).toBe('base64-run');
    expect(plan().screen(Buffer.from(`${'sk-a '.repeat(9000)}\n`), () => false)).toBe('nothing');
  });

  it('declines a one-character needle, leaving it to the JavaScript search', () => {
    expect(BytePlan.build(['k'], MARKERS.bitmap)).toBeUndefined();
  });
});

describe('base64 run screening', () => {
  function visited(buf: Buffer): [number, number][] {
    const out: [number, number][] = [];
    plan().someRun(buf, (s, e) => {
      out.push([s, e]);
      return false;
    });
    return out;
  }

  it.each([11, 12, 13, 14])(
    'flags exactly the runs with a marker or a full wrapped line (seed %i)',
    (seed) => {
      const random = seededRandom(seed);
      const gen = new KeyGen(seed);
      for (let round = 0; round < 40; round++) {
        const parts: string[] = [];
        for (let k = 0; k < 12; k++) {
          const pick = random();
          if (pick < 0.25)
            parts.push(Buffer.from(`x${gen.deepseek()}`.slice(Math.floor(random() * 3))).toString('base64'));
          else if (pick < 0.4)
            parts.push(noise(random, 64 + (random() < 0.5 ? 12 : 0), B64).toString('latin1'));
          else if (pick < 0.7) parts.push(noise(random, Math.floor(random() * 120), B64).toString('latin1'));
          else parts.push(noise(random, Math.floor(random() * 20), ' .,;:"\n\r').toString('latin1'));
          parts.push(random() < 0.5 ? '\n' : ' ');
        }
        const buf = Buffer.from(parts.join(''), 'latin1');
        expect(visited(buf)).toEqual(flaggedRuns(buf));
      }
    },
  );

  it.each([15, 16, 17])(
    'answers in the needle pass whether a flagged run exists, as the separate run search does (seed %i)',
    (seed) => {
      const random = seededRandom(seed);
      const gen = new KeyGen(seed);
      const p = plan(['zq~', 'q~z']); // needles that never occur: every screen goes on to the runs
      for (let round = 0; round < 200; round++) {
        const parts: string[] = [];
        for (let k = 0; k < 1 + Math.floor(random() * 4); k++) {
          const pick = random();
          if (pick < 0.2)
            parts.push(Buffer.from(`x${gen.deepseek()}`.slice(Math.floor(random() * 3))).toString('base64'));
          else if (pick < 0.35)
            parts.push(noise(random, 64 + (random() < 0.5 ? 12 : 0), B64).toString('latin1'));
          else if (pick < 0.7)
            parts.push(noise(random, 14 + Math.floor(random() * 40), B64).toString('latin1'));
          else parts.push(noise(random, Math.floor(random() * 6), ' .,;:"\n\r').toString('latin1'));
          parts.push(random() < 0.5 ? '\n' : ' ');
        }
        // Cut anywhere, so runs end at the buffer's end and at every offset from the 16-byte steps.
        const text = parts.join('');
        const buf = Buffer.from(
          text.slice(Math.floor(random() * 20), text.length - Math.floor(random() * 20)),
          'latin1',
        );
        const expected = flaggedRuns(buf).length > 0 ? 'base64-run' : 'nothing';
        expect([buf.toString('latin1'), p.screen(buf, () => false)]).toEqual([
          buf.toString('latin1'),
          expected,
        ]);
      }
    },
  );

  it('flags nothing in text that only breaks into short words', () => {
    const buf = Buffer.from('const total = items.reduce((sum, item) => sum + item.price, 0);\n'.repeat(200));
    expect(visited(buf)).toEqual([]);
  });
});

describe('the detector with the pre-filter and without it', () => {
  /** Documents built from the pieces keys and their look-alikes are found among. */
  function documents(seed: number, count: number): Buffer[] {
    const random = seededRandom(seed);
    const gen = new KeyGen(seed);
    const keys = [
      () => gen.openaiProject(),
      () => gen.anthropic(),
      () => gen.deepseek(),
      () => gen.openrouter(),
      () => gen.stripeLive(),
      () => gen.groq(),
      () => gen.xai(),
      () => gen.perplexity(),
      () => gen.moonshot(),
    ];
    const key = () => keys[Math.floor(random() * keys.length)]!();
    const wrap = (s: string, width: number, indent: string) =>
      s.match(new RegExp(`.{1,${width}}`, 'g'))!.join(`\n${indent}`);
    const pieces = [
      () => `OPENAI_API_KEY=${key()}`,
      () => Buffer.from(`${'x'.repeat(Math.floor(random() * 3))}${key()}\n`).toString('base64'),
      () => Buffer.from(`${'y'.repeat(Math.floor(random() * 3))}${key()}`).toString('base64url'),
      () =>
        wrap(Buffer.from(`config:\n  api_key: ${key()}\n${'z'.repeat(60)}`).toString('base64'), 76, '    '),
      () => wrap(Buffer.from(`k=${key()}`.repeat(3)).toString('base64'), 64, ''),
      () =>
        `.dockerconfigjson: ${Buffer.from(JSON.stringify({ auth: Buffer.from(`u:${key()}`).toString('base64') })).toString('base64')}`,
      () => 'task-queue risk-free disk-usage sk-learn .sk-spinner mask-image',
      () => `sk-${'x'.repeat(40)} sk-your-api-key-here sk-proj-XXXXXXXXXXXXXXXXXXXX`,
      () => noise(random, 80, B64).toString('latin1'),
      () => noise(random, 40, '\x00\x01\x02\xff\xfe\n').toString('latin1'),
      () => `\x1b[32m${key()}\x1b[0m`,
      () => 'function f(a, b) { return a + b; }\n',
    ];
    return Array.from({ length: count }, () => {
      const parts: string[] = [];
      const n = 1 + Math.floor(random() * 6);
      for (let k = 0; k < n; k++) {
        const piece = pieces[Math.floor(random() * pieces.length)]!();
        // Sometimes cut a piece short or glue it to the next one: broken keys must agree too.
        parts.push(random() < 0.2 ? piece.slice(0, Math.floor(random() * piece.length)) : piece);
        parts.push(['\n', ' ', '', '"', '\r\n'][Math.floor(random() * 5)]!);
      }
      return Buffer.from(parts.join(''), 'latin1');
    });
  }

  const detector = new Detector();

  it.each([21, 22, 23])(
    'answers mightMatch on bytes as the JavaScript path answers on the same text (seed %i)',
    (seed) => {
      const docs = documents(seed, 400);
      const wasm = docs.map((d) => detector.mightMatch(d));
      const js = docs.map((d) => detector.mightMatch(d.toString('latin1')));
      expect(wasm).toEqual(js);
      // Both answers occur, so the comparison means something.
      expect(new Set(wasm)).toEqual(new Set([true, false]));
    },
  );

  it.each([31, 32])('finds the same keys when told the bytes are clear of base64 runs (seed %i)', (seed) => {
    for (const doc of documents(seed, 300)) {
      if (doc.includes(0)) continue;
      const text = doc.toString('utf8');
      const clear = detector.base64Clear(doc);
      expect(detector.scan(text, 1, { base64Clear: clear })).toEqual(detector.scan(text));
    }
  });

  it.each([41, 42])(
    'finds the same keys in ASCII text through its bytes as through the text (seed %i)',
    (seed) => {
      let checked = 0;
      for (const doc of documents(seed, 300)) {
        if (doc.some((b) => b >= 0x80)) continue;
        const text = doc.toString('latin1');
        expect(detector.scan(text, 1, { utf8Bytes: doc })).toEqual(detector.scan(text));
        checked++;
      }
      expect(checked).toBeGreaterThan(50);
    },
  );

  it.each([43, 44])(
    'finds the same keys in UTF-8 text through its bytes, columns counted in UTF-16 (seed %i)',
    (seed) => {
      const random = seededRandom(seed);
      const wide = ['é', '€ ', '😀', '\u{10348}', 'ü-', '日本'];
      for (const doc of documents(seed, 200)) {
        const text = [...doc.toString('latin1')]
          .map((c) =>
            c.charCodeAt(0) >= 0x80 || random() < 0.05 ? wide[Math.floor(random() * wide.length)] : c,
          )
          .join('');
        const found = detector.scan(text);
        expect(detector.scan(text, 1, { utf8Bytes: Buffer.from(text, 'utf8') })).toEqual(found);
      }
    },
  );

  it('searches the text itself when the bytes are not valid UTF-8', () => {
    const key = new KeyGen(9).deepseek();
    const bytes = Buffer.concat([Buffer.from([0xe2, 0x82]), Buffer.from(` x=${key}`)]);
    const text = bytes.toString('utf8');
    expect(detector.scan(text, 1, { utf8Bytes: bytes })).toEqual(detector.scan(text));
    expect(detector.scan(text)).toHaveLength(1);
  });

  it('ignores bytes that are not the text (their length differs)', () => {
    const key = new KeyGen(8).deepseek();
    const text = `OPENAI_API_KEY=${key}`;
    expect(detector.scan(text, 1, { utf8Bytes: Buffer.from('short') })).toEqual(detector.scan(text));
  });

  it('screens bytes over 1 MiB that lie outside its memory through the JavaScript path, with the same answer', () => {
    const gen = new KeyGen(5);
    const big = Buffer.alloc(3 << 20, 0x61);
    expect(detector.mightMatch(big)).toBe(false);
    Buffer.from(` ${gen.deepseek()}\n`).copy(big, big.length - 40);
    expect(detector.mightMatch(big)).toBe(true);
  });
});

describe('read buffers in WebAssembly memory', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kg-prefilter-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('grows for a file larger than the read area and still scans it whole', () => {
    const gen = new KeyGen(6);
    const key = gen.openrouter();
    const file = join(dir, 'big.txt');
    writeFileSync(file, `${'filler line of text\n'.repeat(300_000)}token = "${key}"\n`);
    const scratch = new ReadBuffer();
    const r = searchFileSync(file, new Detector(), { chunkSize: 8 << 20 }, scratch);
    expect(r.keys.map((k) => [k.key === key, k.line])).toEqual([[true, 300_001]]);
    // The grown area serves the next file too.
    const small = join(dir, 'small.env');
    writeFileSync(small, `A=1\nKEY=${key}\n`);
    expect(searchFileSync(small, new Detector(), {}, scratch).keys.map((k) => k.line)).toEqual([2]);
  });

  it('counts newlines in a read buffer as a byte-by-byte count does', () => {
    const random = seededRandom(8);
    const area = wasmReadArea(4096)!;
    const bytes = noise(random, 4000, 'ab\n');
    bytes.copy(area);
    for (const [s, e] of [
      [0, 4000],
      [3, 17],
      [100, 101],
      [7, 7],
    ] as const) {
      const expected = [...bytes.subarray(s, e)].filter((b) => b === 10).length;
      expect(wasmCountByte(area, s, e, 10)).toBe(expected);
    }
  });

  it('declines a read area larger than its memory can grow, and still serves smaller ones', () => {
    expect(wasmReadArea(5 * 1024 ** 3)).toBeUndefined();
    expect(wasmReadArea(4096)?.length).toBeGreaterThanOrEqual(4096);
  });

  it('does not count in bytes outside its memory (the caller counts those itself)', () => {
    expect(wasmCountByte(Buffer.from('a\nb\n'), 0, 4, 10)).toBeUndefined();
  });
});
