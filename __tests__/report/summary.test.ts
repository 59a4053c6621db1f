import { escapeMarkdown, renderSummary } from '../../src/report/index.js';
import { KeyGen } from '../helpers/keygen.js';
import { makeFinding, sampleFindings } from './fixtures.js';
import { expectGolden } from './golden.js';

const repo = {
  owner: 'acme',
  repo: 'shop',
  serverUrl: 'https://github.com',
  sha: 'fedcba9876543210fedcba9876543210fedcba98',
};

describe('renderSummary', () => {
  const sample = sampleFindings();

  it('matches the golden summary', () => {
    expectGolden('summary.md', renderSummary({ ...sample, baselined: 1 }, { repo }));
  });

  it('matches the golden summary of a clean run', () => {
    expectGolden('summary-clean.md', renderSummary({ findings: [], stats: { files: 10 } }, { repo }));
  });

  it('starts with the verdict', () => {
    expect(renderSummary(sample, { repo })).toMatch(/^## ❌ keyguard: 5 leaked keys in 4 files, 1 live\n/);
  });

  it('links the location to the blob of the scanned commit', () => {
    expect(renderSummary(sample, { repo })).toContain(
      `[src/config/prod.ts:12](https://github.com/acme/shop/blob/${repo.sha}/src/config/prod.ts#L12)`,
    );
  });

  it('links a history finding to the blob of its own commit, with the path encoded', () => {
    const f = sample.findings[3];
    expect(renderSummary(sample, { repo })).toContain(
      `(https://github.com/acme/shop/blob/${f.commit!.sha}/scripts/old%20deploy%7Cv1.sh#L7)`,
    );
  });

  it('links the introducing commit', () => {
    expect(renderSummary(sample, { repo })).toContain(
      '[abc1234](https://github.com/acme/shop/commit/abc1234def5678901234567890abcdef12345678) by Ann, 2026-01-02',
    );
  });

  it('escapes Markdown and HTML in text from the repository', () => {
    expect(escapeMarkdown('a|b <img> *x*')).toBe('a\\|b &lt;img&gt; \\*x\\*');
  });

  it('keeps the blob link whole when the file name holds a parenthesis and Markdown', () => {
    const f = makeFinding(new KeyGen(8).openaiProject(), { file: 'a)![i](https:/evil/p.png *x*.py' });
    const md = renderSummary({ findings: [f] }, { repo });
    const link = /\]\((https:\/\/github\.com\/acme\/shop\/blob\/[^)\s]*)\)/.exec(md);
    expect(link?.[1]).toMatch(/#L1$/);
    expect(link?.[1]).toContain('a%29!%5Bi%5D%28https%3A/evil/p.png%20*x*.py');
  });

  it("writes a commit author's mention, reference and link as plain text", () => {
    const f = makeFinding(new KeyGen(8).openaiProject(), {
      commit: {
        sha: 'a'.repeat(40),
        author: '[x](https://evil) @org/team #1',
        email: 'e@x',
        date: '2026-01-01',
      },
    });
    const md = renderSummary({ findings: [f] }, { repo });
    expect(md).toContain('by \\[x\\](https:\u200b//evil) @\u200borg/team \\#\u200b1,');
  });

  it('stays under its byte budget and counts what it left out', () => {
    const gen = new KeyGen(9);
    const many = Array.from({ length: 5000 }, (_, i) =>
      makeFinding(gen.deepseek(), { file: `dir${i % 50}/file.env`, line: i + 1 }),
    );
    const out = renderSummary({ findings: many }, { repo, maxBytes: 100_000 });
    expect(Buffer.byteLength(out)).toBeLessThan(100_000);
    const shown = out.split('\n').filter((l) => l.startsWith('| [')).length;
    expect(out).toContain(`${(5000 - shown).toLocaleString('en-US')} more findings not shown here`);
  });

  it('keeps the default summary under 1 MiB for a huge run', () => {
    const gen = new KeyGen(10);
    const many = Array.from({ length: 20000 }, (_, i) => makeFinding(gen.deepseek(), { line: i + 1 }));
    expect(Buffer.byteLength(renderSummary({ findings: many }, { repo }))).toBeLessThan(1024 * 1024);
  });

  it('tells what to do next', () => {
    const out = renderSummary(sample, { repo });
    expect(out).toContain('### What to do next');
    expect(out).toMatch(/Rotate the 1 live key now/);
    expect(out).toMatch(/git filter-repo/);
    expect(out).toMatch(/baseline/);
  });

  it('writes plain locations when no repository is given', () => {
    expect(renderSummary(sample)).toContain('| src/config/prod.ts:12 |');
  });
});
