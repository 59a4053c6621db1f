import { inspect } from 'node:util';
import { Detector } from '../../src/scan/detector.js';
import { toFinding } from '../../src/scan/finding.js';
import { KeyGen } from '../helpers/keygen.js';

const gen = new KeyGen(51);

describe('toFinding', () => {
  const key = gen.openaiProject();
  const [hit] = new Detector().scan(`OPENAI_API_KEY=${key}\n`);
  const finding = toFinding(hit!, 'config/.env', 'tree');

  it('carries the rule, provider and position of the detector hit', () => {
    expect(finding).toMatchObject({
      ruleId: 'openai-project-key',
      provider: 'openai',
      candidates: ['openai'],
      file: 'config/.env',
      line: 1,
      column: 16,
      source: 'tree',
    });
  });

  it('keeps the key only behind Secret.reveal()', () => {
    expect(finding.secret.reveal()).toBe(key);
  });

  it('never shows the whole key when serialised, printed or inspected', () => {
    for (const out of [
      JSON.stringify(finding),
      String(finding.secret),
      inspect(finding),
      `${finding.redacted}`,
    ]) {
      expect(out).not.toContain(key);
    }
  });

  it('marks keys found in base64', () => {
    const [b64] = new Detector().scan(`v: ${Buffer.from(key).toString('base64')}`);
    expect(toFinding(b64!, 'k8s/secret.yaml', 'tree').encoding).toBe('base64');
  });
});
