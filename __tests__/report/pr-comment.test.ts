import { PR_COMMENT_MARKER, PR_COMMENT_ROWS, renderPrComment } from '../../src/report/pr-comment.js';
import { gfmToHtml } from '../helpers/browser.js';
import { KeyGen } from '../helpers/keygen.js';
import { makeFinding } from './fixtures.js';

const repo = { owner: 'acme', repo: 'shop', serverUrl: 'https://github.com' };
const sha = '0123456789abcdef0123456789abcdef01234567';
const commit = { sha, author: 'Ann', email: 'a@example.com', date: '2026-11-01T10:00:00Z' };

describe('renderPrComment', () => {
  it('starts with the hidden marker the sticky comment is found by', () => {
    const f = makeFinding(new KeyGen(1).openaiProject(), { source: 'range', commit });
    expect(renderPrComment([f], { repo }).split('\n')[0]).toBe(PR_COMMENT_MARKER);
  });

  it('shows a hostile file name as code: no mention, image or HTML', () => {
    const f = makeFinding(new KeyGen(2).openaiProject(), {
      source: 'range',
      commit,
      file: '@acme/admins ![x](https://evil.example/p.png) <img src=x>.env',
    });
    const html = gfmToHtml(renderPrComment([f], { repo }));
    expect({ img: /<img/i.test(html), evil: html.includes('href="https://evil') }).toEqual({
      img: false,
      evil: false,
    });
  });

  it('never holds the whole key', () => {
    const key = new KeyGen(3).openaiProject();
    const f = makeFinding(key, { source: 'range', commit, message: `use a secret instead of ${key}` });
    expect(renderPrComment([f], { repo }).includes(key)).toBe(false);
  });

  it(`lists at most ${PR_COMMENT_ROWS} findings and counts the rest`, () => {
    const gen = new KeyGen(4);
    const many = Array.from({ length: PR_COMMENT_ROWS + 3 }, (_, i) =>
      makeFinding(gen.deepseek(), { line: i + 1, source: 'range', commit }),
    );
    expect(renderPrComment(many, { repo })).toContain('…and 3 more findings: see the job summary.');
  });
});
