import { defaultConfig } from '../../src/config/load.js';
import { applyFilters, buildBaseline } from '../../src/filters/index.js';
import { legacyFingerprint } from '../../src/scan/secret.js';
import { KeyGen } from '../helpers/keygen.js';
import { makeFinding } from '../report/fixtures.js';

const gen = new KeyGen(11);

function configWith(allow: Partial<ReturnType<typeof defaultConfig>['allowlist']>, disable: string[] = []) {
  const c = defaultConfig();
  c.allowlist = { ...c.allowlist, ...allow };
  c.rules.disable = disable;
  return c;
}

describe('applyFilters', () => {
  it('keeps every finding when nothing is configured', () => {
    const f = makeFinding(gen.openaiProject());
    expect(applyFilters([f], defaultConfig())).toEqual({
      kept: [f],
      suppressed: 0,
      baselined: 0,
      reasons: { rule: 0, path: 0, regex: 0, stopword: 0, fingerprint: 0 },
    });
  });

  it.each([
    ['a glob on the file', ['docs/**'], 'docs/guide/setup.md', true],
    ['a dot file under a glob', ['docs/**'], 'docs/.hidden/x.md', true],
    ['a slashless glob at any depth', ['*.snap'], 'a/b/__snapshots__/x.snap', true],
    ['a directory name', ['fixtures/'], 'test/fixtures/keys.txt', true],
    ['a leading ./ in the pattern', ['./vendor/**'], 'vendor/lib.js', true],
    ['an unrelated path', ['docs/**'], 'src/docs.ts', false],
  ])('applies the path allowlist: %s', (_name, paths, file, dropped) => {
    const result = applyFilters([makeFinding(gen.anthropic(), { file })], configWith({ paths }));
    expect(result.suppressed).toBe(dropped ? 1 : 0);
    if (dropped) expect(result.reasons.path).toBe(1);
  });

  it('drops a finding whose key matches an allow regex', () => {
    const key = gen.deepseek();
    const result = applyFilters([makeFinding(key)], configWith({ regexes: [`^sk-${key.slice(3, 9)}`] }));
    expect(result.reasons.regex).toBe(1);
  });

  it('drops a finding whose file path matches an allow regex', () => {
    const result = applyFilters(
      [makeFinding(gen.deepseek(), { file: 'test/golden/out.json' })],
      configWith({ regexes: ['golden/'] }),
    );
    expect(result.reasons.regex).toBe(1);
  });

  it('drops a key containing a stopword, ignoring case', () => {
    const key = `sk-${gen.hex(10)}EXAMPLE${gen.hex(15)}`;
    expect(applyFilters([makeFinding(key)], configWith({ stopwords: ['example'] })).reasons.stopword).toBe(1);
  });

  it('keeps a key without the stopword', () => {
    expect(
      applyFilters([makeFinding(gen.litellm())], configWith({ stopwords: ['zzzzzzzzzz'] })).kept,
    ).toHaveLength(1);
  });

  it('drops an allowlisted fingerprint', () => {
    const f = makeFinding(gen.openrouter());
    expect(applyFilters([f], configWith({ fingerprints: [f.fingerprint] })).reasons.fingerprint).toBe(1);
  });

  it('drops findings of a disabled rule', () => {
    const f = makeFinding(gen.groq(), { ruleId: 'groq' });
    expect(applyFilters([f], configWith({}, ['groq'])).reasons.rule).toBe(1);
  });

  it('counts baselined findings apart from suppressed ones', () => {
    const a = makeFinding(gen.openaiProject());
    const b = makeFinding(gen.openaiProject(), { file: 'docs/x.md' });
    const c = makeFinding(gen.openaiProject());
    const result = applyFilters([a, b, c], configWith({ paths: ['docs/**'] }), {
      baseline: buildBaseline([a]),
    });
    expect(result).toMatchObject({ kept: [c], suppressed: 1, baselined: 1 });
  });

  it('still baselines a key that moved to another file and line', () => {
    const key = gen.anthropic();
    const baseline = buildBaseline([makeFinding(key, { file: 'old.ts', line: 3 })]);
    const moved = makeFinding(key, { file: 'new/place.ts', line: 99 });
    expect(applyFilters([moved], defaultConfig(), { baseline }).baselined).toBe(1);
  });

  // Baselines and allowlists written before short keys got their memory-hard fingerprint.
  it('still baselines a short custom-rule key recorded under its v1 fingerprint', () => {
    const f = makeFinding(`ACME-${gen.alnum(12)}`, { ruleId: 'acme' });
    expect(f.fingerprint).not.toBe(legacyFingerprint(f.secret.reveal()));
    const baseline = buildBaseline([{ ...f, fingerprint: legacyFingerprint(f.secret.reveal()) }]);
    expect(applyFilters([f], defaultConfig(), { baseline }).baselined).toBe(1);
  });

  it('still drops a short custom-rule key allowlisted by its v1 fingerprint', () => {
    const f = makeFinding(`ACME-${gen.alnum(12)}`, { ruleId: 'acme' });
    const config = configWith({ fingerprints: [legacyFingerprint(f.secret.reveal())] });
    expect(applyFilters([f], config).reasons.fingerprint).toBe(1);
  });
});
