import { escapeData, escapeProperty, renderAnnotations } from '../../src/report/index.js';
import { KeyGen } from '../helpers/keygen.js';
import { makeFinding, sampleFindings } from './fixtures.js';
import { expectGolden } from './golden.js';

describe('renderAnnotations', () => {
  const sample = sampleFindings();

  it('matches the golden workflow commands', () => {
    expectGolden('annotations.txt', renderAnnotations(sample));
  });

  it.each([
    ['a percent sign', '100%', '100%25'],
    ['a carriage return and a newline', 'a\r\nb', 'a%0D%0Ab'],
  ])('escapes %s in the message', (_name, input, expected) => {
    expect(escapeData(input)).toBe(expected);
  });

  it.each([
    ['a colon', 'a:b', 'a%3Ab'],
    ['a comma', 'a,b', 'a%2Cb'],
    ['a percent sign before the others', '%:,', '%25%3A%2C'],
  ])('escapes %s in a property', (_name, input, expected) => {
    expect(escapeProperty(input)).toBe(expected);
  });

  it('escapes a file name with a comma and a colon', () => {
    const f = makeFinding(new KeyGen(1).deepseek(), { file: 'a,b:c.env' });
    expect(renderAnnotations({ findings: [f] })).toMatch(/^::error file=a%2Cb%3Ac\.env,line=1,col=1,title=/);
  });

  it('keeps a commit author who writes a workflow command inside the message, broken', () => {
    const f = makeFinding(new KeyGen(3).openaiProject(), {
      commit: { sha: 'a'.repeat(40), author: 'x\n::stop-commands::tok', email: 'e@x', date: '2026-01-01' },
    });
    const line = renderAnnotations({ findings: [f] }).trimEnd();
    expect(line.split('\n')).toHaveLength(1);
    expect(line.slice(line.indexOf('::', 2) + 2)).not.toContain('::');
  });

  it('leaves out the location of a file whose name holds an old-style ##[ command', () => {
    const f = makeFinding(new KeyGen(3).openaiProject(), { file: 'a ##[add-mask]b.env' });
    const line = renderAnnotations({ findings: [f] });
    expect(line).not.toContain('file=');
    expect(line).not.toContain('##[');
    expect(line).toContain('In a #\\#[add-mask]b.env:');
  });

  it('puts live keys first, then the tree before history, revoked last', () => {
    const order = renderAnnotations(sample)
      .trimEnd()
      .split('\n')
      .map((l) => /file=([^,]+)/.exec(l)![1]);
    expect(order).toEqual([
      'src/config/prod.ts',
      '.env.example',
      'k8s/secret.yaml',
      'scripts/old deploy|v1.sh',
      'src/config/prod.ts',
    ]);
  });

  it('caps errors at ten and counts the rest in a warning', () => {
    const gen = new KeyGen(2);
    const many = Array.from({ length: 13 }, (_, i) => makeFinding(gen.deepseek(), { line: i + 1 }));
    const lines = renderAnnotations({ findings: many }).trimEnd().split('\n');
    expect(lines.filter((l) => l.startsWith('::error '))).toHaveLength(10);
    expect(lines.at(-1)).toBe('::warning::3 more findings: see the job summary / SARIF');
  });

  it('prints nothing when there are no findings', () => {
    expect(renderAnnotations({ findings: [] })).toBe('');
  });
});
