import { inspect } from 'node:util';
import { fingerprint, redact, Secret, scrub } from '../src/scan/secret.js';
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
});

describe('fingerprint', () => {
  it('is stable and does not contain the key', () => {
    const key = gen.deepseek();
    expect(fingerprint(key)).toBe(fingerprint(key));
    expect(fingerprint(key)).not.toContain(key.slice(3));
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
