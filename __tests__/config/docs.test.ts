import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseConfig } from '../../src/config/load.js';
import { parseRotationConfig } from '../../src/rotate/config.js';

const docs = readFileSync(
  join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'docs', 'config.md'),
  'utf8',
);

describe('docs/config.md', () => {
  it('has a complete example that keyguard accepts', () => {
    const example = /```yaml\n([\s\S]*?)```/.exec(docs)![1];
    const config = parseConfig(example, '.keyguard.yml');
    expect(config.rules.custom[0].id).toBe('internal-gateway');
    expect(config.providers.litellm.baseUrl).toBe('https://llm.internal.example.com');
  });

  it('has a rotation example that the rotation module accepts', () => {
    const example = /```yaml\n([\s\S]*?)```/.exec(docs)![1];
    const config = parseConfig(example, '.keyguard.yml');
    expect(parseRotationConfig(config.rotation, config.source.lineOf, '.keyguard.yml').maxKeyAgeDays).toBe(
      90,
    );
  });

  it('names the line of a bad rotation value when loading', () => {
    expect(() => parseConfig('verify: {}\nrotation:\n  max-key-age: -1\n', '.keyguard.yml')).toThrow(
      /^\.keyguard\.yml:3: /,
    );
  });

  it.each([
    'allowlist',
    'paths',
    'regexes',
    'stopwords',
    'fingerprints',
    'disable',
    'custom',
    'base-url',
    'concurrency',
    'timeout-seconds',
  ])('documents the %s key', (key) => {
    expect(docs).toContain(`\`${key}\``);
  });
});
