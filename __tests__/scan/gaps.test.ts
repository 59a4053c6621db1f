/**
 * The accuracy gaps an independent evaluation found (docs/accuracy.md), one class of problem per
 * block: escapes before a key, prefix families inside base64, binary length prefixes and tails, keys
 * glued to their field name in binary records, truncated OpenAI keys, names that start with `sk-`, and
 * context for keys decoded from base64.
 */
import { builtinRules } from '../../src/rules/index.js';
import { Detector } from '../../src/scan/detector.js';
import { KeyGen, OPENAI_MARKER, seededRandom } from '../helpers/keygen.js';

const detector = new Detector();
const gen = new KeyGen(77);
const b64 = (s: string) => Buffer.from(s, 'latin1').toString('base64');
const keysIn = (text: string, binary = false) => detector.scan(text, 1, { binary }).map((f) => f.key);
const sk = (...parts: string[]) => ['sk', ...parts].join('-');

/** What the searcher hands the detector for a binary file: printable runs, one per line. */
const runs = (bytes: string) =>
  bytes
    .split(/[^\x20-\x7e\t]+/)
    .filter((r) => r.length >= 20)
    .join('\n');

/** One generated key per built-in rule (LiteLLM needs its context, so it is left to its own tests). */
const samples = builtinRules()
  // Rules that need context beside the key (LiteLLM's proxy, an AWS secret) are tested with it elsewhere.
  .filter((r) => !r.requiresContext && !r.nearby)
  .map((r, i) => ({ id: r.id, rule: r, key: r.sample(seededRandom(900 + i)) }));

/**
 * Keys a length byte can announce: the token measured at the keyword is the whole key (not a URL or a
 * PEM block read on by the regex), and the length byte is printable, or the rule knows its lengths.
 */
const lengthPrefixed = samples.filter(
  ({ rule, key }) =>
    (rule.maxLength ?? Number.POSITIVE_INFINITY) >= key.length &&
    (key.length >= 0x20 || (rule.lengths ?? []).length > 0 || rule.minLength === rule.maxLength),
);

describe('escapes right before a key are boundaries', () => {
  const escapes = ['\\x22', '\\x3d', '\\X3A', '\\u0022', '%22', '&#34;', '&#x22;', '&quot;', '&#39;'];
  it.each(escapes.flatMap((e) => samples.map((s) => ({ ...s, e }))))('reports $id after $e', ({ key, e }) => {
    expect(keysIn(`{${e}api_key${e}:${e}${key}${e}}`)).toEqual([key]);
  });

  it('reports every key of an nginx access log line that writes quotes as \\x22', () => {
    const key = gen.anthropic();
    const line = `10.0.0.7 - - [02/Mar/2025:10:14:07 +0000] "POST /v1 HTTP/1.1" 200 {\\x22api_key\\x22:\\x22${key}\\x22}\n`;
    expect(keysIn(line)).toEqual([key]);
  });

  it('still does not report a key glued after two hex digits without an escape', () => {
    const key = gen.deepseek();
    expect(keysIn(`id=ab${key}\n`)).toEqual([]);
  });
});

describe('every prefix family is found inside base64', () => {
  it.each(samples)('finds $id in a base64 Secret value at every byte offset', ({ key }) => {
    for (const pad of ['', '"', '="']) {
      const found = detector.scan(`data:\n  API_KEY: ${b64(`${pad}${key}`)}\n`);
      expect(found.map((f) => [f.key === key, f.encoding])).toEqual([[true, 'base64']]);
    }
  });

  it.each(samples)('finds $id in the base64 of a whole .env file', ({ key }) => {
    const env = `# settings\nDEBUG=0\nAPI_KEY=${key}\nPORT=8080\n`;
    expect(keysIn(`ENV_FILE: ${b64(env)}\n`)).toEqual([key]);
  });

  it.each(samples)('says mightMatch on the raw bytes of a base64-only file holding $id', ({ key }) => {
    expect(detector.mightMatch(Buffer.from(`blob: ${b64(`${key}\n`)}\n`))).toBe(true);
  });
});

describe('keys in binary data are cut exactly', () => {
  /** marshal of a short string constant: the type byte, one length byte, the text, then None (`N`). */
  const marshal = (key: string) => `\u00da${String.fromCharCode(key.length)}${key}N)\u0001`;

  it.each(lengthPrefixed)('reports $id from a .pyc constant without the trailing N', ({ key }) => {
    expect(keysIn(runs(marshal(key)), true)).toEqual([key]);
  });

  it.each(lengthPrefixed.filter((s) => /[A-Za-z0-9]/.test(String.fromCharCode(s.key.length))))(
    'reads the alphanumeric length byte glued to $id even outside binary mode',
    ({ key }) => {
      expect(keysIn(runs(marshal(key)))).toEqual([key]);
    },
  );

  it('does not cut a loose key in binary data to a length some other rule owns', () => {
    const key = sk(gen.alnum(40));
    expect(keysIn(runs(`\u00da\u00a4${key})\u0002`), true)).toEqual([key]);
  });

  it('does not take a quote at the start of a text line for a length byte', () => {
    const key = sk(gen.alnum(33)); // 36 characters; a quote is 34
    expect(keysIn(`"${key}",\n`)).toEqual([key]);
    expect(keysIn(`"${key}`)).toEqual([key]);
  });

  it('does not read a length byte in the middle of a text line', () => {
    const key = gen.deepseek();
    // `#` is 35, the length of a DeepSeek key, but here it is a comment sign after code.
    expect(keysIn(`x = 1 #${key}N\n`)).not.toContain(key);
  });
});

describe('keys glued to their field name in binary records', () => {
  /** A SQLite row of a `settings(name, value)` table: record header bytes, then the two texts back to back. */
  const settingsRow = (name: string, key: string) => `\u0003\u0017\u0087${name}${key}\u0000\u0000`;

  it.each(samples)('reports $id stored right after its name in a settings row', ({ key }) => {
    expect(keysIn(runs(settingsRow('openai_api_key', key)), true)).toEqual([key]);
  });

  it.each(['OPENAI_API_KEY', 'apiKey', 'auth_token', 'client_secret', 'db_password', 'credentials'])(
    'takes %s as a field name a key may be glued to',
    (name) => {
      const key = gen.deepseek();
      expect(keysIn(runs(settingsRow(name, key)), true)).toEqual([key]);
    },
  );

  it.each(['task', 'risk', 'mask', 'desk', 'monkeys', 'keystone'])(
    'does not take a word ending in %s for a field name',
    (word) => {
      const key = gen.deepseek();
      expect(keysIn(runs(settingsRow(`x_${word}`, key)), true)).toEqual([]);
    },
  );

  it('keeps text strict: a key glued to a name in a text file is a longer token, not a key', () => {
    const key = gen.deepseek();
    expect(keysIn(`openai_api_key${key}\n`)).toEqual([]);
  });
});

describe('truncated OpenAI keys are not reported as whole keys', () => {
  const url = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';
  const cases: [string, string][] = [
    ['a project key cut to 40 characters', sk('proj', gen.chars(url, 40))],
    ['a service account key cut before its marker', sk('svcacct', gen.chars(url, 74))],
    [
      'a project key cut after its marker',
      sk('proj', `${gen.chars(url, 74)}${OPENAI_MARKER}${gen.chars(url, 30)}`),
    ],
    ['a legacy key cut inside its marker', sk(`${gen.alnum(20)}${OPENAI_MARKER.slice(0, 5)}`)],
    [
      'an admin key cut short of its last half',
      sk('admin', `${gen.chars(url, 58)}${OPENAI_MARKER}${gen.chars(url, 50)}`),
    ],
  ];
  it.each(cases)('drops %s', (_name, value) => {
    expect(keysIn(`OPENAI_API_KEY=${value}\n`)).toEqual([]);
  });

  it.each([
    ['project', gen.openaiProject()],
    ['service account', gen.openaiServiceAccount()],
    ['admin', gen.openaiAdmin()],
    ['early project (20 + marker + 20)', sk('proj', `${gen.alnum(20)}${OPENAI_MARKER}${gen.alnum(20)}`)],
    ['project without the marker (newer keys)', sk('proj', gen.chars(url, 156))],
  ])('keeps a whole %s key', (_name, key) => {
    expect(keysIn(`OPENAI_API_KEY=${key}\n`)).toEqual([key]);
  });
});

describe('names that start with sk- are not keys', () => {
  const consonants = 'bcdfghjklmnpqrstvwxz2456789';
  const cases: [string, string][] = [
    [
      'a Deployment pod name with a hex template hash',
      sk('api', 'gateway', gen.hex(10), gen.chars(consonants, 5)),
    ],
    [
      'a Deployment pod name with a SafeEncodeString hash',
      sk('etl', 'worker', gen.chars(consonants, 10), gen.chars(consonants, 5)),
    ],
    ['a css-loader class name', `sk-button_primary__${gen.alnum(3)}Q${gen.alnum(1)}`],
    ['a css-loader class name with a dash in the hash', `sk-modal_title__a${gen.alnum(2)}-Z`],
  ];
  it.each(cases)('drops %s', (_name, value) => {
    expect(keysIn(`  ${value}   1/1   Running   0   3d\n`)).toEqual([]);
  });

  it('drops sk-<md5> on a line about caching', () => {
    expect(keysIn(`const cacheKey = "${sk(gen.hex(32))}"; // md5 of the request\n`)).toEqual([]);
  });

  it('keeps sk-<32 hex> on a line that names a key even when it mentions a hash', () => {
    const key = gen.deepseek();
    expect(keysIn(`DEEPSEEK_API_KEY=${key}  # rotated, hash in vault\n`)).toEqual([key]);
  });
});

describe('LiteLLM-shaped keys without context', () => {
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_-';
  it('reports a 22-character body without digits that is 16 random bytes in base64', () => {
    const key = sk(`${gen.chars(letters, 21)}w`);
    expect(detector.scan(`KEY=${key}\n`).map((f) => [f.key === key, f.ruleId])).toEqual([
      [true, 'generic-sk-key'],
    ]);
  });

  it('still drops a 22-character body without digits whose last character 16 bytes cannot end in', () => {
    expect(keysIn(`KEY=${sk(`${gen.chars(letters, 21)}z`)}\n`)).toEqual([]);
  });
});

describe('keys decoded from base64 keep the context of their line', () => {
  it('reports a LiteLLM key under LITELLM_API_KEY in a Secret as LiteLLM', () => {
    const key = gen.litellm();
    const found = detector.scan(`data:\n  LITELLM_API_KEY: ${b64(key)}\n`);
    expect(found.map((f) => [f.key === key, f.ruleId, f.provider])).toEqual([
      [true, 'litellm-virtual-key', 'litellm'],
    ]);
  });

  it('puts DashScope first for a key under DASHSCOPE_API_KEY in a Secret', () => {
    const key = gen.deepseek();
    const found = detector.scan(`data:\n  DASHSCOPE_API_KEY: ${b64(key)}\n`);
    expect(found.map((f) => f.candidates)).toEqual([['dashscope', 'deepseek']]);
  });

  it('prefers a name inside the decoded text over the name outside it', () => {
    const key = gen.deepseek();
    const found = detector.scan(`data:\n  DASHSCOPE_ENV: ${b64(`DEEPSEEK_API_KEY=${key}\n`)}\n`);
    expect(found.map((f) => f.candidates)).toEqual([['deepseek', 'dashscope']]);
  });
});

describe('wrapped base64', () => {
  const wrap = (s: string) => s.replace(/.{76}(?=.)/g, '$&\n  ');
  it.each([52, 53, 54, 55, 56, 57])(
    'finds a key whose marker is split by the line wrap (%i bytes before it)',
    (pad) => {
      const key = gen.xai();
      const text = `blob: |\n  ${wrap(b64(`${'#'.repeat(pad)}\n${key}\n`))}\n`;
      expect(keysIn(text)).toEqual([key]);
      expect(detector.mightMatch(Buffer.from(text))).toBe(true);
    },
  );
});
