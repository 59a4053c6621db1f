import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../../src/config/errors.js';
import { loadConfig, parseConfig } from '../../src/config/load.js';
import { KeyGen } from '../helpers/keygen.js';

/** Parses and returns the ConfigError message, failing the test when nothing is thrown. */
function errorOf(text: string, file = '.keyguard.yml'): string {
  try {
    parseConfig(text, file);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('expected a ConfigError');
}

const FULL = `# every section
allowlist:
  paths: ["docs/**", "**/*.snap"]
  regexes: ["EXAMPLE"]
  stopwords: [placeholder]
  fingerprints: ["0123456789abcdef0123456789abcdef"]
rules:
  disable: [generic-sk-key]
  custom:
    - id: internal-gateway
      regex: "gw-[a-z0-9]{32}"
      keywords: [gw-]
      entropy: 3.5
      description: Internal gateway key
      provider: litellm
providers:
  litellm:
    base-url: https://llm.internal.example.com
    master-key-env: LITELLM_MASTER_KEY
verify:
  enabled: true
  concurrency: 4
  timeout-seconds: 10
rotation:
  openai:
    secrets: [OPENAI_API_KEY]
audit:
  window: 7d
`;

describe('parseConfig validates every section, as the CLI and the action both load it', () => {
  it.each([
    ['a typo under rotation:', 'rotation:\n  contain-frist: true\n', /^\.keyguard\.yml:2: rotation/],
    [
      'a typo under audit:',
      'audit:\n  allow-ip: [10.0.0.0/8]\n',
      /^\.keyguard\.yml:2: audit\.allow-ip: unknown key/,
    ],
    ['a bad audit window', 'audit:\n  window: a week\n', /^\.keyguard\.yml:2: audit\.window/],
    ['a bad rotation value', 'rotation:\n  max-key-age: -1\n', /^\.keyguard\.yml:2: rotation\.max-key-age/],
    [
      'custom rules as a list under rules:',
      'rules:\n  - id: x\n    regex: x\n',
      /^\.keyguard\.yml:1: rules: .*custom rules go under rules\.custom/,
    ],
  ])('refuses %s with the file and line', (_what, yml, error) => {
    expect(() => parseConfig(yml, '.keyguard.yml')).toThrow(error);
  });

  it('keeps the validated rotation and audit sections', () => {
    const c = parseConfig(
      'audit:\n  allow-ips: [10.0.0.0/8]\nrotation:\n  max-key-age: 30\n',
      '.keyguard.yml',
    );
    expect([c.parsed.audit.allowIps, c.parsed.rotation.maxKeyAgeDays]).toEqual([['10.0.0.0/8'], 30]);
  });
});

describe('parseConfig', () => {
  it('reads every section of a complete file', () => {
    const c = parseConfig(FULL);
    expect(c.allowlist).toEqual({
      paths: ['docs/**', '**/*.snap'],
      regexes: ['EXAMPLE'],
      stopwords: ['placeholder'],
      fingerprints: ['0123456789abcdef0123456789abcdef'],
    });
    expect(c.rules.disable).toEqual(['generic-sk-key']);
    expect(c.rules.custom).toEqual([
      {
        id: 'internal-gateway',
        regex: 'gw-[a-z0-9]{32}',
        keywords: ['gw-'],
        entropy: 3.5,
        description: 'Internal gateway key',
        provider: 'litellm',
      },
    ]);
    expect(c.verify).toEqual({ enabled: true, concurrency: 4, timeoutSeconds: 10 });
  });

  it('turns kebab-case provider keys into camelCase', () => {
    const c = parseConfig(FULL);
    expect(c.providers.litellm).toEqual({
      baseUrl: 'https://llm.internal.example.com',
      masterKeyEnv: 'LITELLM_MASTER_KEY',
    });
  });

  it('keeps rotation and audit raw for their own validators', () => {
    const c = parseConfig(FULL);
    expect(c.rotation).toEqual({ openai: { secrets: ['OPENAI_API_KEY'] } });
    expect(c.audit).toEqual({ window: '7d' });
  });

  it('gives lineOf for raw sections, sequence items and camelCase paths', () => {
    const { lineOf } = parseConfig(FULL).source;
    expect(lineOf(['rotation', 'openai', 'secrets', 0])).toBe(26);
    expect(lineOf(['audit', 'window'])).toBe(28);
    expect(lineOf(['providers', 'litellm', 'baseUrl'])).toBe(18);
    expect(lineOf(['rules', 'custom', 0, 'regex'])).toBe(11);
  });

  it('gives the nearest known line for a path that is not in the file', () => {
    const { lineOf } = parseConfig(FULL).source;
    expect(lineOf(['rotation', 'openai', 'missing'])).toBe(25);
  });

  it('gives the defaults for an empty file', () => {
    const c = parseConfig('# nothing yet\n');
    expect(c.allowlist.paths).toEqual([]);
    expect(c.rules).toEqual({ disable: [], enable: [], custom: [] });
    expect(c.providers).toEqual({});
  });

  it('accepts empty sections', () => {
    expect(parseConfig('allowlist:\nrules:\n').allowlist.stopwords).toEqual([]);
  });

  it.each([
    [
      'a look-ahead',
      '"acme_[a-z]{8}(?![a-z])"',
      /rules\.custom\[0\]\.regex: "acme_\[a-z\]\{8\}\(\?!\[a-z\]\)" uses a look-ahead/,
    ],
    ['a back-reference', '"(x)y\\\\1"', /uses a back-reference/],
    ['a named back-reference', '"(?<q>x)y\\\\k<q>"', /uses a back-reference/],
    ['an invalid pattern', '"sk-[a-z"', /is not a valid regular expression/],
    ['a pattern matching the empty string', '"x*"', /matches the empty string/],
  ])('rejects a custom regex with %s', (_name, regex, expected) => {
    const msg = errorOf(`rules:\n  custom:\n    - id: mine\n      regex: ${regex}\n`);
    expect(msg).toMatch(/^\.keyguard\.yml:4: /);
    expect(msg).toMatch(expected);
  });

  it.each([
    ['bounded repeats side by side', 'gw-[a-z]{4}-[a-z0-9]{8}'],
    // A fixed count inside a repeat with a delimiter cannot be split two ways: linear, so accepted.
    ['a repeated group holding a fixed-count atom', 'gw-(?:[a-z]{4}-)+x'],
    ['a named key group', 'token=(?<key>[A-Za-z0-9]{32})'],
    ['distinct alternatives', '(?:ab|cd)+x'],
    ['a plain class repeat', 'sk-[A-Za-z0-9]{32,}'],
    // Custom rules run on RE2: shapes that backtrack on native RegExp are linear there.
    ['a nested quantifier', '(a+)+x'],
    ['overlapping repeated alternatives', '(a|a)*x'],
    ['an inline case-insensitive flag', '(?i)acme_[a-z0-9]{32}'],
    ['a look-behind', '(?<![A-Za-z0-9])acme_[a-z0-9]{32}'],
  ])('accepts a custom regex with %s', (_name, regex) => {
    expect(
      parseConfig(`rules:\n  custom:\n    - id: mine\n      regex: '${regex}'\n`).rules.custom[0].regex,
    ).toBe(regex);
  });

  it('rejects an unknown rule id in disable and suggests the nearest one', () => {
    expect(errorOf('rules:\n  disable: [generic-sk]\n')).toMatch(
      /^\.keyguard\.yml:2: rules\.disable\[0\]: "generic-sk" is not a rule id \(did you mean "generic-sk-key"\?\)/,
    );
  });

  it('accepts a custom rule id in disable', () => {
    const c = parseConfig(
      "rules:\n  disable: [mine]\n  custom:\n    - id: mine\n      regex: 'tok_[a-z0-9]{32}'\n",
    );
    expect(c.rules.disable).toEqual(['mine']);
  });

  it('rejects enabling a rule that is not opt-in', () => {
    expect(errorOf('rules:\n  enable: [generic-sk-key]\n')).toMatch(
      /is already on \(enable is for opt-in rules: stripe-test-key/,
    );
  });

  it('names the line of malformed YAML', () => {
    expect(errorOf('allowlist:\n  paths: [a, b\nrules: {}\n', 'conf.yml')).toMatch(
      /^conf\.yml:\d+: invalid YAML/,
    );
  });

  it('reports a duplicated key as malformed YAML', () => {
    expect(errorOf('verify: {}\nverify: {}\n')).toMatch(/^\.keyguard\.yml:2: invalid YAML.*[Uu]nique/);
  });

  it('suggests the closest known key for an unknown top-level key', () => {
    expect(errorOf('verify: {}\nallowlsit:\n  paths: []\n')).toBe(
      '.keyguard.yml:2: allowlsit: unknown key "allowlsit"; did you mean "allowlist"?',
    );
  });

  it('lists the known keys when no key is close', () => {
    expect(errorOf('zzz: 1\n')).toMatch(
      /expected one of: allowlist, rules, providers, verify, rotation, audit/,
    );
  });

  it('rejects an unknown key inside a section', () => {
    expect(errorOf('allowlist:\n  path: [x]\n')).toMatch(
      /^\.keyguard\.yml:2: allowlist\.path: .*did you mean "paths"/,
    );
  });

  it('rejects a list where a mapping is expected', () => {
    expect(errorOf('verify: [1]\n')).toMatch(/^\.keyguard\.yml:1: verify: expected a mapping/);
  });

  it('rejects a number where a list of strings is expected', () => {
    expect(errorOf('allowlist:\n  paths: 3\n')).toMatch(
      /allowlist\.paths: expected a list of strings, got a number 3/,
    );
  });

  it('rejects a malformed fingerprint', () => {
    expect(errorOf('allowlist:\n  fingerprints:\n    - abc\n')).toMatch(
      /^\.keyguard\.yml:3: allowlist\.fingerprints\[0\]: "abc" is not a fingerprint: expected 32 lowercase hex/,
    );
  });

  it('rejects an out-of-range concurrency and quotes the expected form', () => {
    expect(errorOf('verify:\n  concurrency: 0\n')).toBe(
      '.keyguard.yml:2: verify.concurrency: 0 is not valid: expected a whole number from 1 to 64',
    );
  });

  it.each([
    ['a base URL', 'openai', 'base-url', 'baseUrl'],
    ["a webhook's createUrl", 'acme', 'createUrl', 'createUrl'],
    ["a webhook's disableUrl", 'acme', 'disableUrl', 'disableUrl'],
  ])('rejects %s with user info, naming the line and never the credential', (_what, id, key, shown) => {
    const password = `pw${Math.random().toString(36).slice(2)}x`;
    const message = errorOf(
      `providers:\n  ${id}:\n    ${key}: https://ops:${password}@hooks.example.com/k\n`,
    );
    expect(message).toMatch(
      new RegExp(
        `^\\.keyguard\\.yml:3: providers\\.${id}\\.${shown}: "https://hooks\\.example\\.com/k" carries credentials`,
      ),
    );
    expect(message).not.toContain(password);
  });

  it('rejects a base URL that is not http(s)', () => {
    expect(errorOf('providers:\n  openai:\n    base-url: ftp://x\n')).toMatch(
      /^\.keyguard\.yml:3: providers\.openai\.baseUrl: "ftp:\/\/x" is not an http\(s\) URL/,
    );
  });

  it('rejects a custom rule without a regex', () => {
    expect(errorOf('rules:\n  custom:\n    - id: a\n')).toMatch(/rules\.custom\[0\]: missing "regex"/);
  });

  it('rejects a custom rule id with a space', () => {
    expect(errorOf('rules:\n  custom:\n    - {id: "my rule", regex: "a1"}\n')).toMatch(
      /rules\.custom\[0\]\.id: "my rule" is not valid: expected letters, digits/,
    );
  });

  it('rejects two custom rules with the same id', () => {
    expect(errorOf('rules:\n  custom:\n    - {id: a, regex: "a1"}\n    - {id: a, regex: "b2"}\n')).toMatch(
      /^\.keyguard\.yml:4: .*"a" is used by another custom rule/,
    );
  });

  it('counts the further problems after the first', () => {
    expect(errorOf('verify:\n  concurrency: 0\n  enabled: 3\n')).toMatch(/\(and 1 more problem\)$/);
  });

  it('never repeats a key pasted into the config in its error message', () => {
    const key = new KeyGen(3).openaiProject();
    const msg = errorOf(`allowlist:\n  fingerprints: ["${key}"]\n`);
    expect(msg).not.toContain(key);
    expect(msg).not.toContain(key.slice(12, -4));
    expect(msg).toContain('is not a fingerprint');
  });
});

describe('parseConfig with a key pasted in', () => {
  it('rejects a key in a provider setting, redacted, naming its line', () => {
    const key = new KeyGen(4).openaiAdmin();
    const msg = errorOf(`providers:\n  openai:\n    admin-key: ${key}\n`);
    expect(msg).toMatch(
      /^\.keyguard\.yml:3: providers\.openai\.admin-key: looks like an API key \(sk-admin-/,
    );
    expect(msg).not.toContain(key);
    expect(msg).not.toContain(key.slice(13, -4));
  });

  it('rejects a key in the rotation section', () => {
    const key = new KeyGen(4).openrouter();
    expect(errorOf(`rotation:\n  openrouter:\n    note: "${key}"\n`)).toMatch(
      /rotation\.openrouter\.note: looks like an API key/,
    );
  });

  it('accepts a placeholder that only looks like a key prefix', () => {
    expect(() =>
      parseConfig('providers:\n  openai:\n    note: sk-xxxxxxxxxxxxxxxxxxxxxxxxxxxx\n'),
    ).not.toThrow();
  });
});

describe('loadConfig', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'keyguard-config-'));
  });

  it('loads a named file', async () => {
    const file = join(dir, 'named.yml');
    await writeFile(file, 'rules:\n  disable: [generic-sk-key]\n');
    const c = await loadConfig(file);
    expect(c.rules.disable).toEqual(['generic-sk-key']);
    expect(c.source.file).toBe(file);
  });

  it('gives the defaults when the default file is missing', async () => {
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      const c = await loadConfig(undefined);
      expect(c.allowlist.paths).toEqual([]);
      expect(c.source.file).toBeUndefined();
    } finally {
      process.chdir(cwd);
    }
  });

  it('fails with a ConfigError when a named file is missing', async () => {
    await expect(loadConfig(join(dir, 'nope.yml'))).rejects.toThrow(/nope\.yml: config file not found/);
  });

  it('gives the defaults for a missing named file that is not required', async () => {
    const c = await loadConfig(join(dir, 'nope.yml'), { required: false });
    expect(c.rules.custom).toEqual([]);
  });
});
