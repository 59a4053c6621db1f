/** getInputs: fork detection and the `path` input, read from a real event payload file. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getInputs } from '../../src/action/inputs.js';

const dir = mkdtempSync(join(tmpdir(), 'kg-inputs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function settingsFor(eventName: string, payload: object, inputs: Record<string, string> = {}) {
  const eventPath = join(dir, `${eventName}-${Math.random()}.json`);
  writeFileSync(eventPath, JSON.stringify(payload));
  const env = { GITHUB_EVENT_NAME: eventName, GITHUB_EVENT_PATH: eventPath, GITHUB_WORKSPACE: dir };
  return getInputs(env, (name) => inputs[name] ?? '');
}

function pr(head: unknown) {
  return {
    pull_request: {
      base: { sha: 'a', repo: { full_name: 'acme/app' } },
      head: { sha: 'b', repo: head },
    },
  };
}

describe('fork detection', () => {
  const cases: [string, boolean, string, unknown][] = [
    ['a pull request from the same repository', false, 'pull_request', { full_name: 'acme/app' }],
    ['a pull request from a fork', true, 'pull_request', { full_name: 'mallory/app' }],
    ['a pull_request_target from a fork', true, 'pull_request_target', { full_name: 'mallory/app' }],
    ['a pull request whose fork was deleted (head.repo null)', true, 'pull_request', null],
  ];
  it.each(cases)('treats %s as from a fork: %s', (_name, fork, event, head) => {
    expect(settingsFor(event, pr(head)).fromFork).toBe(fork);
  });

  it('never rotates in pr mode, whatever the rotate input says', () => {
    expect(
      settingsFor('pull_request_target', pr({ full_name: 'acme/app' }), { rotate: 'rotate' }).rotate,
    ).toBe('off');
  });
});

describe('the path input', () => {
  it('rejects a path that is not a directory, naming it', () => {
    expect(() => settingsFor('schedule', {}, { path: 'no/such/dir' })).toThrow(
      /input path: "no\/such\/dir" is not a directory/,
    );
  });

  it('resolves a relative path against the workspace', () => {
    expect(settingsFor('schedule', {}, { path: '.' }).root).toBe(dir);
  });
});

describe('the config input', () => {
  it('finds the default config spelled .keyguard.yaml, as the CLI does', () => {
    const ws = mkdtempSync(join(tmpdir(), 'kg-yaml-'));
    writeFileSync(join(ws, '.keyguard.yaml'), 'allowlist: {}\n');
    const eventPath = join(ws, 'event.json');
    writeFileSync(eventPath, '{}');
    const env = { GITHUB_EVENT_NAME: 'schedule', GITHUB_EVENT_PATH: eventPath, GITHUB_WORKSPACE: ws };
    const settings = getInputs(env, () => '');
    rmSync(ws, { recursive: true, force: true });
    expect(settings.configFile).toBe(join(ws, '.keyguard.yaml'));
    expect(settings.configRequired).toBe(false);
  });

  it('uses .keyguard.yml when neither file exists', () => {
    expect(settingsFor('schedule', {}).configFile).toBe(join(dir, '.keyguard.yml'));
  });
});

describe('state-key', () => {
  it('reads the state key as a secret', () => {
    const s = settingsFor('schedule', {}, { 'state-key': 'a-random-state-key-of-32-chars!!' });
    expect(s.stateKey?.reveal()).toBe('a-random-state-key-of-32-chars!!');
    expect(String(s.stateKey)).not.toContain('a-random-state-key');
  });

  it('leaves it unset when empty (journals are then sealed with the provider admin key)', () => {
    expect(settingsFor('schedule', {}).stateKey).toBeUndefined();
  });

  it('refuses a state key too short to be a secret, with a clear error', () => {
    expect(() => settingsFor('schedule', {}, { 'state-key': 'short' })).toThrow(
      /input state-key: use a random secret of at least 16 characters/,
    );
  });
});

describe('URL inputs with credentials', () => {
  const password = `pw${Math.random().toString(36).slice(2)}x`;
  it.each(['openai-base-url', 'litellm-base-url', 'stripe-base-url'])(
    'refuses %s with user info, without quoting the credential',
    (input) => {
      let message = '';
      try {
        settingsFor('schedule', {}, { [input]: `https://ci:${password}@proxy.example.com/v1` });
      } catch (err) {
        message = (err as Error).message;
      }
      expect(message).toMatch(
        new RegExp(`^input ${input}: "https://proxy.example.com/v1" carries credentials`),
      );
      expect(message).not.toContain(password);
    },
  );

  it.each(['GITHUB_API_URL', 'GITHUB_SERVER_URL'])('refuses a %s with user info', (name) => {
    const eventPath = join(dir, `env-${Math.random()}.json`);
    writeFileSync(eventPath, '{}');
    const env = {
      GITHUB_EVENT_NAME: 'schedule',
      GITHUB_EVENT_PATH: eventPath,
      GITHUB_WORKSPACE: dir,
      [name]: `https://x-access-token:${password}@ghe.example.com/api/v3`,
    };
    expect(() => getInputs(env, () => '')).toThrow(new RegExp(`^${name}: .*carries credentials`));
    expect(() => getInputs(env, () => '')).not.toThrow(password);
  });
});
