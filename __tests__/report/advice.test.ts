/** Context advice reaches every reporter, once per finding, and never carries the key. */
import { renderAnnotations } from '../../src/report/annotations.js';
import { buildJsonReport } from '../../src/report/json.js';
import { renderPrComment } from '../../src/report/pr-comment.js';
import { buildSarif } from '../../src/report/sarif.js';
import { renderSummary } from '../../src/report/summary.js';
import { renderText } from '../../src/report/text.js';
import type { FindingAdvice } from '../../src/types.js';
import { KeyGen } from '../helpers/keygen.js';
import { makeFinding } from './fixtures.js';

const gen = new KeyGen(1618);
const key = gen.openaiProject();
const advice: FindingAdvice = {
  context: 'dockerfile-arg',
  where: 'Dockerfile ARG OPENAI_API_KEY',
  fix: 'pass the key as a BuildKit build secret',
  name: 'OPENAI_API_KEY',
};
const LINE = 'Dockerfile ARG OPENAI_API_KEY: pass the key as a BuildKit build secret';
const finding = makeFinding(key, { file: 'Dockerfile', line: 2, column: 20, advice });
const data = { findings: [finding] };

describe('context advice in the reports', () => {
  it('is a field of the JSON finding', () => {
    expect(buildJsonReport(data, { version: '1.0.0' }).findings[0]!.advice).toEqual(advice);
  });

  it('follows the finding in the text report', () => {
    expect(renderText(data, { color: false })).toContain(`↳ ${LINE}`);
  });

  it('is shown once in the text report when the rule message says the same (the workflow guard)', () => {
    const wf = makeFinding(key, { advice, message: LINE });
    expect(renderText({ findings: [wf] }, { color: false }).split(LINE).length - 1).toBe(1);
  });

  it('ends the annotation message', () => {
    expect(renderAnnotations(data)).toContain(LINE);
  });

  it('is in the SARIF result message', () => {
    expect(buildSarif(data, { version: '1.0.0' }).runs[0]!.results[0]!.message.text).toContain(LINE);
  });

  it('names its context in the SARIF result properties', () => {
    expect(buildSarif(data, { version: '1.0.0' }).runs[0]!.results[0]!.properties.adviceContext).toBe(
      'dockerfile-arg',
    );
  });

  it('adds a step to the SARIF rule help', () => {
    const help = buildSarif(data, { version: '1.0.0' }).runs[0]!.tool.driver.rules[0]!.help as {
      text: string;
    };
    expect(help.text).toContain(
      'Where it was found (Dockerfile ARG OPENAI_API_KEY): pass the key as a BuildKit build secret.',
    );
  });

  it('fills a "Replace with" column in the job summary', () => {
    const md = renderSummary(data);
    expect([
      md.includes('| Replace with |'),
      md.includes('pass the key as a BuildKit build secret |'),
    ]).toEqual([true, true]);
  });

  it('adds no column to a job summary without advice', () => {
    expect(renderSummary({ findings: [makeFinding(key)] })).not.toContain('Replace with');
  });

  it('is the "what to do" of the pull-request comment', () => {
    expect(renderPrComment([finding])).toContain(`| ${LINE} |`);
  });

  it('never prints the key, even when an outside name in the advice holds it', () => {
    const leaky = makeFinding(key, { advice: { ...advice, where: `job "${key}"` } });
    const outputs = [
      JSON.stringify(buildJsonReport({ findings: [leaky] }, { version: '1' })),
      JSON.stringify(buildSarif({ findings: [leaky] }, { version: '1' })),
      renderText({ findings: [leaky] }, { color: false }),
      renderAnnotations({ findings: [leaky] }),
      renderSummary({ findings: [leaky] }),
      renderPrComment([leaky]),
    ];
    expect(outputs.filter((o) => o.includes(key.slice(12, -8)))).toEqual([]);
  });
});
