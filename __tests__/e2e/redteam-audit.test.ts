/**
 * Red-team review of issue 10 point 3 through the audit: whoever stole the leaked key writes the usage
 * logs the audit reads (its user agent, the model it asked for, even the IP field of a proxy that
 * takes X-Forwarded-For). Those strings reach the audit comment keyguard posts on the incident. The
 * SAFE outcome: no link, image, HTML, mention or issue reference comes alive, no table row or code
 * block is broken out of, and no key-shaped string the thief planted appears whole.
 */
import { LiteLLMEmulator } from '../emulators/litellm.js';
import { KeyGen } from '../helpers/keygen.js';
import { runAction, TestRepo } from './harness.js';
import { leakRepo, runKeyguard, startGitHub } from './helpers/world.js';

const gen = new KeyGen(4242);
const HOSTILE =
  '` [x](https://evil) ![i](https://evil/p.png) <img src=x> @org/team #1 ``` </details>\n| a | b |';

/** Markdown outside code spans and fenced blocks (CommonMark: n backticks close on n). */
function outsideCode(md: string): string {
  const noFences = md.replace(/^(`{3,}|~{3,})[^\n]*\n[\s\S]*?^\1[ \t]*$/gm, '');
  let out = '';
  for (let i = 0; i < noFences.length; ) {
    if (noFences[i] !== '`') {
      out += noFences[i++];
      continue;
    }
    let n = 0;
    while (noFences[i + n] === '`') n++;
    const fence = '`'.repeat(n);
    let j = noFences.indexOf(fence, i + n);
    while (j >= 0 && noFences[j + n] === '`') {
      let k = j;
      while (noFences[k] === '`') k++;
      j = noFences.indexOf(fence, k);
    }
    if (j < 0) {
      out += fence;
      i += n;
    } else i = j + n;
  }
  return out;
}

/**
 * GFM splits a table row on every unescaped `|` before it reads code spans, so a pipe inside a code
 * span ends the cell (and the span): read each cell on its own, as GitHub does.
 */
function cellsThenCode(md: string): string {
  return md
    .split('\n')
    .map((line) =>
      line.trimStart().startsWith('|')
        ? line
            .split(/(?<!\\)\|/)
            .map(outsideCode)
            .join(' ')
        : line,
    )
    .join('\n');
}

function liveMarkdown(md: string): string[] {
  const text = outsideCode(cellsThenCode(md));
  const found: string[] = [];
  if (/\]\(https?:\/\/evil/.test(text)) found.push('link');
  if (/\[y\]\(https:\/\/evil\/pipe\)/.test(text)) found.push('link after a pipe broke the cell');
  if (/!\[i\]\(/.test(text)) found.push('image');
  if (/<img/i.test(text)) found.push('html');
  if (/(?<![\w\\\u200b])@org\/team/.test(text)) found.push('mention');
  if (/(?<![\w\\&])#1\b/.test(text)) found.push('issue ref');
  if (/https?:\/\/evil/.test(text)) found.push('bare url');
  return found;
}

let repo: TestRepo | undefined;
afterEach(() => {
  repo?.cleanup();
  repo = undefined;
});

describe('red team: usage logs written by whoever holds the leaked key', () => {
  it('are inert in the audit comment keyguard posts on the incident', async () => {
    const github = await startGitHub();
    const litellm = new LiteLLMEmulator();
    await litellm.start();
    try {
      const leaked = litellm.seedKey({ key_alias: 'prod-app' });
      const planted = gen.openrouter();
      const now = Date.now();
      litellm.seedSpend(
        leaked,
        Array.from({ length: 30 }, (_, i) => ({
          startTime: new Date(now - (i + 1) * 3_600_000).toISOString(),
          endTime: new Date(now - (i + 1) * 3_600_000 + 1000).toISOString(),
          model: `gpt-4o ${HOSTILE}`,
          requester_ip_address: i % 2 ? `198.51.100.4 ${HOSTILE}` : '203.0.113.9',
          metadata: { user_agent: `${HOSTILE} ${planted}` },
        })),
      );
      github.setSecret('repo', 'LITELLM_API_KEY', leaked);
      repo = leakRepo(leaked, {
        variable: 'LITELLM_API_KEY',
        config: 'rotation:\n  litellm:\n    secrets:\n      - { name: LITELLM_API_KEY }\n',
      });
      await runKeyguard({
        repo,
        github,
        inputs: { 'litellm-base-url': litellm.baseUrl, 'litellm-master-key': litellm.masterKey },
        env: { LITELLM_API_KEY: leaked },
      });
      const comments = github.issues.flatMap((i) => i.comments.map((c) => c.body));
      const audit = comments.find((c) => /audit/i.test(c)) ?? '';
      expect(audit).not.toBe('');
      expect(liveMarkdown(audit)).toEqual([]);
      expect(audit).not.toContain(planted);
    } finally {
      await Promise.all([github.stop(), litellm.stop()]);
    }
  }, 120_000);
});

describe('red team: a pipe in a file name inside the summary table', () => {
  it('does not split the row and bring a link alive', async () => {
    const r = new TestRepo('kg-rt-pipe-');
    repo = r;
    r.commit('init', { 'README.md': '# app\n' });
    const sha = r.commit('add', {
      'cfg/a|[y](https:/evil/pipe) `x|[z](https:/evil/pipe)`.env': `DEEPSEEK_API_KEY=${gen.deepseek()}\n`,
    });
    const res = await runAction({ workspace: r.dir, eventName: 'schedule', sha });
    expect(res.code).toBe(1);
    const text = outsideCode(cellsThenCode(res.summary));
    expect(text).not.toMatch(/\[[yz]\]\(https:\/evil/);
  });
});
