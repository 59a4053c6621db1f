/**
 * Every reporter, fed findings with real generated keys, and with those keys also planted in the
 * free-text fields (messages, details, warnings), must never print a whole key or even its middle.
 */

import { buildBaseline, serializeBaseline } from '../../src/filters/index.js';
import {
  renderAnnotations,
  renderJson,
  renderSarif,
  renderSummary,
  renderText,
} from '../../src/report/index.js';
import { keyPrefix } from '../../src/scan/secret.js';
import type { Finding } from '../../src/types.js';
import { KeyGen } from '../helpers/keygen.js';
import { makeFinding, secretMiddle } from './fixtures.js';

const gen = new KeyGen(2026);
const keys = [
  gen.openaiProject(),
  gen.openaiServiceAccount(),
  gen.openaiAdmin(),
  gen.openaiLegacy(),
  gen.anthropic(),
  gen.anthropicAdmin(),
  gen.openrouter(),
  gen.deepseek(),
  gen.siliconflow(),
  gen.moonshot(),
  gen.litellm(),
  gen.stripeLive(),
  gen.stripeRestricted(),
  gen.groq(),
  gen.xai(),
  gen.perplexity(),
];

const findings: Finding[] = keys.map((key, i) =>
  makeFinding(key, {
    file: `dir/file${i}.env`,
    line: i + 1,
    source: i % 3 === 0 ? 'history' : 'tree',
    message: `context mentions ${key} again`,
    commit: { sha: gen.sha(), author: 'Dev', email: 'dev@example.com', date: '2026-01-01T00:00:00Z' },
    verification: {
      status: (['live', 'revoked', 'unknown'] as const)[i % 3],
      provider: 'openai',
      endpoint: 'GET /v1/models',
      detail: `provider echoed the key ${key}`,
      checkedAt: '2026-01-01T00:00:00Z',
    },
  }),
);
const data = {
  findings,
  warnings: [{ file: 'x.env', message: `could not parse near ${keys[0]}` }],
  stats: { files: 16, bytes: 1000, durationMs: 5, suppressed: 0 },
};

const outputs: [string, string][] = [
  ['text', renderText(data, { color: false })],
  ['text with colour', renderText(data, { color: true })],
  ['json', renderJson(data, { version: '0.1.0' })],
  ['sarif', renderSarif(data, { version: '0.1.0' })],
  ['annotations', renderAnnotations(data, { max: 100 })],
  [
    'summary',
    renderSummary(data, { repo: { owner: 'o', repo: 'r', serverUrl: 'https://github.com', sha: 'abc' } }),
  ],
  ['baseline', serializeBaseline(buildBaseline(findings))],
];

describe.each(outputs)('the %s output', (_name, output) => {
  it.each(keys.map((k) => [k.slice(0, 12), k]))('does not contain the key starting %s', (_short, key) => {
    expect(output).not.toContain(key);
    expect(output).not.toContain(secretMiddle(key, keyPrefix(key).length));
  });

  it('shows the redacted form of the keys', () => {
    expect(output).toContain(findings[1].redacted);
  });
});
