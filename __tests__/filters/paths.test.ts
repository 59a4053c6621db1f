import { normalizeGlob, pathAllowlist } from '../../src/filters/index.js';

describe('normalizeGlob', () => {
  it.each([
    ['./docs/**', 'docs'],
    ['vendor/', 'vendor'],
    ['a/**/**', 'a'],
    ['**', '**'],
    ['**/*.snap', '**/*.snap'],
  ])('turns %s into %s', (input, expected) => {
    expect(normalizeGlob(input)).toBe(expected);
  });
});

describe('pathAllowlist', () => {
  it.each([
    ['docs/**', 'docs/a/b.md', true],
    ['docs/**', 'docs.md', false],
    ['**/__snapshots__/**', 'src/__snapshots__/x.snap', true],
    ['*.snap', 'deep/dir/x.snap', true],
    ['fixtures', 'test/fixtures/keys.txt', true],
    ['src/*.env', 'src/.env', true],
    ['src/*.env', 'src/env.txt', false],
    ['src/*.env', 'src/prod.env', true],
    ['**/.env*', 'app/.env.local', true],
    ['**', 'anything/at/all.txt', true],
  ])('with %s, allowlists %s: %s', (pattern, path, expected) => {
    expect(pathAllowlist([pattern]).allowlisted(path)).toBe(expected);
  });

  it('lets the engine prune an allowlisted directory', () => {
    const allow = pathAllowlist(['docs/**', 'third_party/']);
    expect(allow.includeDir('docs')).toBe(false);
    expect(allow.includeDir('third_party')).toBe(false);
    expect(allow.includeDir('src')).toBe(true);
  });

  it('lets the engine skip an allowlisted file', () => {
    const allow = pathAllowlist(['*.snap']);
    expect(allow.include('a/b.snap')).toBe(false);
    expect(allow.include('a/b.ts')).toBe(true);
  });

  it('includes everything when there are no patterns', () => {
    const allow = pathAllowlist([]);
    expect([allow.include('x'), allow.includeDir('y'), allow.allowlisted('z')]).toEqual([true, true, false]);
  });

  it('accepts Windows separators', () => {
    expect(pathAllowlist(['docs/**']).allowlisted('docs\\guide.md')).toBe(true);
  });
});
