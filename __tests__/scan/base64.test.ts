import { BASE64_SEEDS, base64Markers } from '../../src/scan/base64.js';
import { Detector } from '../../src/scan/detector.js';
import { KeyGen, seededRandom } from '../helpers/keygen.js';

const b64 = (s: string) => Buffer.from(s, 'latin1').toString('base64');
const gen = new KeyGen(21);
const detector = new Detector();

describe('base64 markers', () => {
  it('finds c2st, NrL and zay as the base64 of sk- at byte offsets 0, 1 and 2', () => {
    expect(base64Markers('sk-')).toEqual(['c2st', 'NrL', 'zay']);
  });

  it('finds one of the markers in the base64 of any text holding sk- at any offset', () => {
    const random = seededRandom(3);
    const markers = BASE64_SEEDS.flatMap(base64Markers);
    for (let i = 0; i < 300; i++) {
      const pad = 'p'.repeat(Math.floor(random() * 7));
      const key = i % 2 ? gen.deepseek() : gen.stripeLive();
      const encoded = b64(`${pad}${key}\n`);
      expect(markers.some((m) => encoded.includes(m))).toBe(true);
    }
  });
});

describe('keys inside base64 values', () => {
  it('reports a key in a Kubernetes Secret data value at the base64 value, marked base64', () => {
    const key = gen.openaiProject();
    const value = b64(key);
    const text = `apiVersion: v1\nkind: Secret\nmetadata:\n  name: llm\ndata:\n  OPENAI_API_KEY: ${value}\n`;
    const found = detector.scan(text);
    expect(found.map((f) => [f.ruleId, f.key === key, f.line, f.column, f.encoding])).toEqual([
      ['openai-project-key', true, 6, 19, 'base64'],
    ]);
  });

  it('reports a key inside the auth of a base64 .dockerconfigjson', () => {
    const key = gen.deepseek();
    const config = JSON.stringify({ auths: { 'registry.example.com': { auth: b64(`bot:${key}`) } } });
    const text = `data:\n  .dockerconfigjson: ${b64(config)}\n`;
    const found = detector.scan(text);
    expect(found.map((f) => [f.ruleId, f.key === key, f.line, f.encoding])).toEqual([
      ['deepseek-api-key', true, 2, 'base64'],
    ]);
  });

  it.each([0, 1, 2])('finds a key that starts at byte offset %i of the encoded text', (offset) => {
    const key = gen.anthropic();
    const found = detector.scan(`blob: "${b64(`${'#'.repeat(offset)}${key}`)}"`);
    expect(found.map((f) => f.key === key)).toEqual([true]);
  });

  it('finds a key deep inside a very long base64 run', () => {
    const key = gen.openrouter();
    const filler = gen.alnum(120_000);
    const found = detector.scan(`x=${b64(`${filler}\nOPENROUTER=${key}\n${filler}`)}`);
    expect(found.map((f) => [f.ruleId, f.key === key, f.column])).toEqual([['openrouter-api-key', true, 3]]);
  });

  it('reports a key found both in plain text and in base64 at both places', () => {
    const key = gen.groq();
    const found = detector.scan(`plain: ${key}\nencoded: ${b64(key)}\n`);
    expect(found.map((f) => [f.line, f.encoding ?? 'plain'])).toEqual([
      [1, 'plain'],
      [2, 'base64'],
    ]);
  });

  it('does not report a placeholder hidden in base64', () => {
    expect(detector.scan(`v: ${b64(`KEY=sk-${'x'.repeat(48)}`)}`)).toEqual([]);
  });

  it('does not decode when decodeBase64 is false', () => {
    const off = new Detector({ decodeBase64: false });
    expect(off.scan(`v: ${b64(gen.openaiProject())}`)).toEqual([]);
  });

  it('ignores base64 of random bytes', () => {
    const random = seededRandom(8);
    const bytes = Buffer.from(Array.from({ length: 4096 }, () => Math.floor(random() * 256)));
    expect(detector.scan(bytes.toString('base64'))).toEqual([]);
  });
});

describe('wrapped base64', () => {
  const wrap = (s: string, width: number, indent: string) =>
    s
      .match(new RegExp(`.{1,${width}}`, 'g'))!
      .map((l) => indent + l)
      .join('\n');

  it.each([76, 64])('finds a key in base64 wrapped at %i columns inside a YAML block', (width) => {
    const key = gen.openaiProject();
    const text = `data:\n  key: |\n${wrap(b64(`OPENAI_API_KEY=${key}\n`), width, '    ')}\n`;
    const found = detector.scan(text);
    expect(found.map((f) => [f.key === key, f.line, f.column, f.encoding])).toEqual([[true, 3, 5, 'base64']]);
  });

  it('does not join lines that are not full width', () => {
    const key = gen.openaiProject();
    const encoded = b64(key);
    const text = `a: ${encoded.slice(0, 50)}\nb: ${encoded.slice(50)}\n`;
    expect(detector.scan(text).map((f) => f.key)).not.toContain(key);
  });
});

describe('url-safe base64', () => {
  it('finds a key in the url-safe base64 payload of a JWT-like token', () => {
    // A leading 0xFF byte encodes to `_` as the first character: read as standard base64 the run would
    // start one character late, out of step with the 4-character groups.
    const key = gen.anthropic();
    const bytes = Buffer.concat([
      Buffer.from([0xff, 0x61, 0x62]),
      Buffer.from(JSON.stringify({ api_key: key })),
    ]);
    const payload = bytes.toString('base64url');
    expect(payload[0]).toBe('_');
    const found = detector.scan(`token = "eyJhbGciOiJub25lIn0.${payload}.sig"\n`);
    expect(found.map((f) => [f.key === key, f.encoding])).toEqual([[true, 'base64']]);
  });
});
