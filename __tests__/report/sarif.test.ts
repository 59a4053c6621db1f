import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { buildSarif, renderSarif } from '../../src/report/index.js';
import { sampleFindings } from './fixtures.js';
import { expectGolden, GOLDEN_DIR } from './golden.js';

// ajv-formats is CommonJS: its default export arrives wrapped under ESM.
const addFormats = ((addFormatsModule as any).default ?? addFormatsModule) as (ajv: Ajv) => Ajv;

/** The official schema is draft-04 (`id`); ajv's default draft-07 reads it once `id` becomes `$id`. */
function sarifValidator() {
  const schema = JSON.parse(readFileSync(join(GOLDEN_DIR, '..', 'sarif-schema-2.1.0.json'), 'utf8'));
  delete schema.$schema;
  schema.$id = schema.id;
  delete schema.id;
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  return ajv.compile(schema);
}

const rules = (id: string) =>
  id === 'openai-project'
    ? {
        name: 'OpenAIProjectKey',
        description: 'OpenAI project API key',
        helpUri: 'https://example.com/rules/openai',
      }
    : undefined;

describe('renderSarif', () => {
  const sample = sampleFindings();
  const validate = sarifValidator();

  it('matches the golden SARIF', () => {
    expectGolden('report.sarif', renderSarif(sample, { version: '0.1.0', rules }));
  });

  it('is valid against the SARIF 2.1.0 schema', () => {
    const ok = validate(
      JSON.parse(renderSarif(sample, { version: '0.1.0', rules, srcRoot: 'file:///work/repo' })),
    );
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('uses a validator that rejects a result without a message', () => {
    const bad: any = buildSarif(sample, { version: '0.1.0' });
    delete bad.runs[0].results[0].message;
    expect(validate(bad)).toBe(false);
  });

  it('is valid against the schema with no findings', () => {
    expect(validate(buildSarif({ findings: [] }, { version: '0.1.0' }))).toBe(true);
  });

  it('describes the tool driver', () => {
    const driver = buildSarif(sample, { version: '0.1.0' }).runs[0].tool.driver;
    expect(driver).toMatchObject({
      name: 'keyguard',
      version: '0.1.0',
      informationUri: expect.stringMatching(/^https:/),
    });
  });

  it('lists one rule for each rule that has a result, with severity and tags', () => {
    const run: any = buildSarif(sample, { version: '0.1.0', rules }).runs[0];
    expect(run.tool.driver.rules.map((r: any) => r.id)).toEqual([
      'deepseek-or-dashscope',
      'stripe-secret',
      'openrouter',
      'openai-project',
      'anthropic-api',
    ]);
    const openai = run.tool.driver.rules[3];
    expect(openai.name).toBe('OpenAIProjectKey');
    expect(openai.properties['security-severity']).toBe('9.0');
    expect(openai.properties.tags).toEqual(expect.arrayContaining(['security', 'secret', 'openai']));
    expect(openai.help.markdown).toMatch(/Revoke or rotate the key at \[OpenAI\]/);
  });

  it('points each result at its rule index and tracks it by the key fingerprint', () => {
    const run: any = buildSarif(sample, { version: '0.1.0' }).runs[0];
    for (const r of run.results) {
      expect(run.tool.driver.rules[r.ruleIndex].id).toBe(r.ruleId);
      expect(r.level).toBe('error');
    }
    const live = run.results.find((r: any) => r.ruleId === 'openai-project');
    expect(live.partialFingerprints['keyguard/v1']).toBe(sample.findings[0].fingerprint);
    expect(live.properties).toMatchObject({
      provider: 'openai',
      verification: 'live',
      commit: sample.findings[0].commit!.sha,
    });
  });

  it('gives a relative, encoded location under %SRCROOT%', () => {
    const run: any = buildSarif(sample, { version: '0.1.0' }).runs[0];
    const history = run.results.find((r: any) => r.ruleId === 'openrouter');
    expect(history.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'scripts/old%20deploy%7Cv1.sh', uriBaseId: '%SRCROOT%' },
      region: { startLine: 7, startColumn: 9, endLine: 7, endColumn: 9 + sample.keys[3].length },
    });
  });

  it('names the provider and the redacted key in the message', () => {
    const run: any = buildSarif(sample, { version: '0.1.0' }).runs[0];
    const live = run.results.find((r: any) => r.ruleId === 'openai-project');
    expect(live.message.text).toMatch(
      new RegExp(`^Leaked OpenAI key ${sample.findings[0].redacted} is LIVE`),
    );
  });

  it('reports scan warnings as tool notifications', () => {
    const run: any = buildSarif(sample, { version: '0.1.0' }).runs[0];
    expect(run.invocations[0].toolExecutionNotifications).toHaveLength(2);
  });
});

describe('renderSarif with more findings than code scanning accepts', () => {
  it('keeps the most urgent results and says how many were left out', () => {
    const sample = sampleFindings();
    const run: any = buildSarif(sample, { version: '0.1.0', maxResults: 2 }).runs[0];
    expect(run.results.map((r: any) => r.properties.verification)).toEqual(['unknown', 'live']);
    expect(run.invocations[0].toolExecutionNotifications.at(-1).message.text).toMatch(/^3 findings left out/);
  });
});
