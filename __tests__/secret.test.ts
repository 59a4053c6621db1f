import { inspect } from 'node:util';
import {
  estimateBits,
  fingerprint,
  keyPrefix,
  legacyFingerprint,
  MIN_HIDDEN_BITS,
  randomPart,
  redact,
  revealedChars,
  Secret,
  scrub,
} from '../src/scan/secret.js';
import { KeyGen } from './helpers/keygen.js';

const gen = new KeyGen(7);

describe('Secret', () => {
  const key = gen.openaiProject();
  const secret = new Secret(key);

  it('serialises to its redacted form in JSON', () => {
    expect(JSON.stringify({ secret })).not.toContain(key);
    expect(JSON.stringify({ secret })).toContain(secret.redacted);
  });

  it('prints its redacted form in templates and util.inspect', () => {
    expect(`${secret}`).toBe(secret.redacted);
    expect(inspect({ secret })).not.toContain(key);
  });

  it('reveals the value only when asked', () => {
    expect(secret.reveal()).toBe(key);
  });
});

describe('redact', () => {
  it('keeps the provider prefix, four leading and four trailing body characters', () => {
    const key = gen.anthropic();
    expect(redact(key)).toBe(`sk-ant-api03-${key.slice(13, 17)}…${key.slice(-4)}`);
  });

  it('shows no body characters of a very short key', () => {
    expect(redact('sk-abcdef')).toBe('sk-****…');
  });

  const PROVIDER_KEYS = [
    'openaiProject',
    'openaiServiceAccount',
    'openaiAdmin',
    'openaiLegacy',
    'anthropic',
    'anthropicAdmin',
    'openrouter',
    'deepseek',
    'siliconflow',
    'moonshot',
    'stripeRestricted',
    'groq',
    'xai',
    'perplexity',
  ] as const;

  it.each(PROVIDER_KEYS)('still shows four and four body characters of a %s key', (kind) => {
    for (let i = 0; i < 200; i++) {
      const key = gen[kind]();
      const body = key.slice(keyPrefix(key).length);
      expect(redact(key)).toBe(`${keyPrefix(key)}${body.slice(0, 4)}…${body.slice(-4)}`);
    }
  });

  // Random custom-rule keys of each body length: what is shown, and what stays hidden.
  it.each([
    [4, 0],
    [8, 0],
    [12, 0],
    [16, 0],
    [20, 2],
    [22, 4],
    [24, 6],
    [32, 8],
    [48, 8],
    [64, 8],
  ])('shows %i-character random bodies with at most %i characters', (length, most) => {
    for (let i = 0; i < 200; i++) {
      const body = gen.alnum(length);
      const r = revealedChars(body);
      expect(r).toBeLessThanOrEqual(most);
      if (r > 0) expect(((length - r) * estimateBits(body)) / length).toBeGreaterThanOrEqual(MIN_HIDDEN_BITS);
      expect(revealedChars(randomPart(`ACME-PROD-${body}`))).toBe(r);
      expect(redact(body).replace('…', '').replace(/\*/g, '')).toHaveLength(r);
    }
  });

  it.each([
    ['repetitive', `sk-${'a'.repeat(46)}A1`],
    // (built at run time: no key-shaped literal in the repository, even a placeholder one)
    ['word-like', `sk-${Array(8).fill('test').join('-')}`],
  ])('shows nothing of a %s body, whatever its length', (_, key) => {
    expect(redact(key)).toBe('sk-****…');
  });

  it.each([
    ['20 hex characters', 20, 80],
    ['32 hex characters', 32, 128],
  ])('counts %s as 4 bits each when they look random', (_, length, bits) => {
    expect(estimateBits(gen.hex(length))).toBe(bits);
  });
});

describe('fingerprint', () => {
  it('is stable and does not contain the key', () => {
    const key = gen.deepseek();
    expect(fingerprint(key)).toBe(fingerprint(key));
    expect(fingerprint(key)).not.toContain(key.slice(3));
  });

  it('is the v1 SHA-256 for every provider key, so existing baselines and incidents still match', () => {
    for (const kind of [
      'openaiProject',
      'anthropic',
      'deepseek',
      'litellm',
      'stripeLive',
      'moonshot',
    ] as const) {
      for (let i = 0; i < 100; i++) {
        const key = gen[kind]();
        expect(fingerprint(key)).toBe(legacyFingerprint(key));
      }
    }
  });

  it('is a memory-hard hash, not the v1 SHA-256, for a short key', () => {
    const key = `ACME-${gen.alnum(12)}`;
    expect(fingerprint(key)).toMatch(/^[0-9a-f]{32}$/);
    expect(fingerprint(key)).not.toBe(legacyFingerprint(key));
    expect(fingerprint(key)).toBe(fingerprint(key));
    expect(new Secret(key).legacyFingerprint()).toBe(legacyFingerprint(key));
  });

  it('has no legacy twin for an ordinary key', () => {
    expect(new Secret(gen.openaiProject()).legacyFingerprint()).toBeUndefined();
  });
});

/**
 * The offline attack issue 10 describes: the redacted form tells the attacker most of a short key,
 * the published fingerprint lets them test each guess for the rest. 12 hex characters with 8 shown
 * leave 65,536 guesses.
 */
describe('a short key shown next to its fingerprint', () => {
  const HEX = '0123456789abcdef';
  const key = `ACME-${gen.hex(12)}`;

  /** Tries every filling of the hidden middle of `shown` (`head…tail`) against `fp`. */
  function bruteForce(shown: string, fp: string, hash: (k: string) => string): string | undefined {
    const m = /^ACME-([0-9a-f]*)…([0-9a-f]*)$/.exec(shown);
    if (!m) return undefined;
    const hidden = 12 - m[1]!.length - m[2]!.length;
    if (hidden > 4) return undefined; // beyond a test's budget, and far beyond an attacker's with scrypt
    for (let n = 0; n < HEX.length ** hidden; n++) {
      let mid = '';
      for (let d = 0, x = n; d < hidden; d++, x = Math.floor(x / 16)) mid += HEX[x % 16];
      const guess = `ACME-${m[1]}${mid}${m[2]}`;
      if (hash(guess) === fp) return guess;
    }
    return undefined;
  }

  it('was recovered from the old redaction and the v1 fingerprint', () => {
    const body = key.slice(5);
    const oldShown = `ACME-${body.slice(0, 4)}…${body.slice(-4)}`;
    expect(bruteForce(oldShown, legacyFingerprint(key), legacyFingerprint)).toBe(key);
  });

  it('cannot be recovered from what keyguard shows now', () => {
    expect(redact(key)).toBe('****…');
    expect(bruteForce(redact(key), fingerprint(key), legacyFingerprint)).toBeUndefined();
  });
});

describe('scrub', () => {
  it('replaces every occurrence of a key in a message', () => {
    const s = new Secret(gen.openrouter());
    expect(scrub(`bad key ${s.reveal()} and ${s.reveal()}`, [s])).toBe(
      `bad key ${s.redacted} and ${s.redacted}`,
    );
  });
});
