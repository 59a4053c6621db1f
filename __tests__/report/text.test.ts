import { renderText } from '../../src/report/index.js';
import { makeFinding, sampleFindings } from './fixtures.js';
import { expectGolden } from './golden.js';

describe('renderText', () => {
  const sample = sampleFindings();

  it('matches the golden report', () => {
    expectGolden('text.txt', renderText(sample, { color: false }));
  });

  it('matches the golden report with colour', () => {
    expectGolden('text-color.txt', renderText(sample, { color: true }));
  });

  it('writes no ANSI escape when colour is off', () => {
    expect(renderText(sample, { color: false })).not.toContain('\x1b[');
  });

  it('shows the location, rule, redacted key and introducing commit on one line', () => {
    const f = sample.findings[0];
    const line = renderText(sample, { color: false })
      .split('\n')
      .find((l) => l.includes(f.redacted));
    expect(line?.replace(/ +/g, ' ')).toBe(
      ` 12:5 openai-project ${f.redacted} LIVE (introduced in abc1234 by Ann, 2026-01-02)`,
    );
  });

  it('ends with a summary line of counts, size and time', () => {
    const lines = renderText(sample, { color: false }).trimEnd().split('\n');
    expect(lines.at(-1)).toBe(
      '5 leaked keys in 4 files (1 live) · 1,234 files, 56 MB in 0.8 s · 2 suppressed',
    );
  });

  it('says so when there are no leaked keys', () => {
    expect(
      renderText({ findings: [], stats: { files: 3, bytes: 1500, durationMs: 40 } }, { color: false }),
    ).toBe('No leaked keys · 3 files, 1.5 KB in 0.0 s\n');
  });

  it('uses the singular for one key in one file', () => {
    const one = makeFinding(sample.keys[0]);
    expect(renderText({ findings: [one] }, { color: false })).toMatch(/\n1 leaked key in 1 file\n$/);
  });
});

describe('renderText with hostile names', () => {
  it('shows control characters in a file name as visible escapes', () => {
    const sample = sampleFindings();
    const f = makeFinding(sample.keys[0], { file: 'evil\x1b[2Jname.env' });
    const out = renderText({ findings: [f] }, { color: false });
    expect(out).not.toContain('\x1b');
    expect(out).toContain('evil\\x1b[2Jname.env');
  });

  it('keeps a file name with a newline and a workflow command on one inert line', () => {
    const sample = sampleFindings();
    const f = makeFinding(sample.keys[0], { file: 'a\n::stop-commands::tok\nb.env' });
    const out = renderText({ findings: [f] }, { color: false });
    expect(out.split('\n').filter((l) => l.trimStart().startsWith('::'))).toEqual([]);
    expect(out).toContain('a\\n:\\:stop-commands:\\:tok\\nb.env');
  });
});
