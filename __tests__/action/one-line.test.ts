/** The action's and the CLI's last line of defence: an error message is one line and carries no credential. */
import { oneLine } from '../../src/cli/main.js';
import { KeyGen } from '../helpers/keygen.js';

const gen = new KeyGen(1313);

describe('oneLine', () => {
  const shapes: [string, string][] = [
    ['an OpenAI project key', gen.openaiProject()],
    ['an Anthropic key', gen.anthropic()],
    ['a DeepSeek key', gen.deepseek()],
    ['an OpenRouter key', gen.openrouter()],
    ['a Stripe live key', gen.stripeLive()],
    ['a Groq key', gen.groq()],
    ['an xAI key', gen.xai()],
    ['a Perplexity key', gen.perplexity()],
    ['a GitHub token', `ghp_${gen.alnum(36)}`],
    ['a fine-grained GitHub token', `github_pat_${gen.alnum(22)}_${gen.alnum(59)}`],
  ];

  it.each(shapes)('redacts %s quoted in a message', (_name, key) => {
    const text = oneLine(new Error(`provider said: "${key}" is not valid`));
    expect(text).not.toContain(key);
    expect(text).not.toContain(key.slice(8, -4));
    expect(text).toContain('provider said:');
  });

  it('hides the credential after an Authorization scheme', () => {
    const token = gen.alnum(40);
    const text = oneLine(new Error(`request failed with headers {authorization: "Bearer ${token}"}`));
    expect(text).not.toContain(token);
    expect(text).toContain('Bearer ***');
  });

  it('keeps only the first line of a message', () => {
    expect(oneLine(new Error('first\nsecond'))).toBe('first');
  });

  it('leaves ordinary words that start like a prefix alone', () => {
    expect(oneLine(new Error('task-runner and skip-worktree failed'))).toBe(
      'task-runner and skip-worktree failed',
    );
  });
});

describe('oneLine and URLs', () => {
  it('hides the credentials of a URL git quoted', () => {
    const token = gen.alnum(30);
    const text = oneLine(
      new Error(`git fetch failed: unable to access 'https://bot:${token}@github.com/acme/app/'`),
    );
    expect(text).not.toContain(token);
    expect(text).toContain("'https://***@github.com/acme/app/'");
  });
});

describe('oneLine and plain words', () => {
  it('keeps words after "token" or "Basic" that are not credentials', () => {
    expect(oneLine(new Error('the token provided lacks Basic authentication'))).toBe(
      'the token provided lacks Basic authentication',
    );
  });
});
