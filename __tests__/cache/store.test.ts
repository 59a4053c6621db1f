/** Where the action keeps its cache between runs: the @actions/cache adapter (stubbed) and the keys it uses. */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { planActionCache } from '../../src/action/scan-cache.js';
import { type ActionsCacheLib, actionsCacheStore, directoryCacheStore } from '../../src/cache/store.js';
import { defaultConfig } from '../../src/config/load.js';
import { Secret } from '../../src/scan/secret.js';

function stubLib(available = true) {
  const calls: { fn: string; args: unknown[] }[] = [];
  const lib: ActionsCacheLib = {
    isFeatureAvailable: () => available,
    restoreCache: async (...args) => {
      calls.push({ fn: 'restoreCache', args });
      return 'matched-key';
    },
    saveCache: async (...args) => {
      calls.push({ fn: 'saveCache', args });
      return 1;
    },
  };
  return { lib, calls };
}

const env = {
  GITHUB_REPOSITORY: 'acme/app',
  GITHUB_REF: 'refs/heads/main',
  GITHUB_RUN_ID: '7',
  RUNNER_TEMP: '/tmp/rt',
};
const stateKey = new Secret('a-state-key-of-enough-length-42');

describe('the @actions/cache adapter', () => {
  it('restores with the primary key and the restore keys, and saves under the key', async () => {
    const { lib, calls } = stubLib();
    const store = actionsCacheStore(lib);
    const dir = mkdtempSync(join(tmpdir(), 'kg-adapter-'));
    try {
      expect(await store.restore(dir, 'k-1', ['k-'])).toBe('matched-key');
      await store.save(dir, 'k-2');
      expect(calls).toEqual([
        { fn: 'restoreCache', args: [[dir], 'k-1', ['k-']] },
        { fn: 'saveCache', args: [[dir], 'k-2'] },
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('does nothing when the cache service is not available', async () => {
    const { lib, calls } = stubLib(false);
    const store = actionsCacheStore(lib);
    expect(await store.restore('/nonexistent/dir', 'k', [])).toBeUndefined();
    await store.save('/nonexistent/dir', 'k');
    expect(calls).toEqual([]);
  });
});

describe('the directory-backed store', () => {
  it('restores the newest entry that starts with a restore key', async () => {
    const root = mkdtempSync(join(tmpdir(), 'kg-dirstore-'));
    try {
      const store = directoryCacheStore(join(root, 'store'));
      for (const [run, text] of [
        ['p-1', 'one'],
        ['p-2', 'two'],
      ]) {
        mkdirSync(join(root, run!));
        writeFileSync(join(root, run!, 'f'), text!);
        await store.save(join(root, run!), run!);
      }
      expect(await store.restore(join(root, 'out'), 'p-3', ['p-'])).toBe('p-2');
      expect(readFileSync(join(root, 'out', 'f'), 'utf8')).toBe('two');
      expect(await store.restore(join(root, 'none'), 'q-1', ['q-'])).toBeUndefined();
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('the action cache plan', () => {
  const config = defaultConfig();
  const plan = (extra: Record<string, string> = {}, mode: 'sweep' | 'push' | 'pr' = 'sweep') =>
    planActionCache({ mode, stateKey, adminKeys: {}, env: { ...env, ...extra } }, config);

  it('is on for sweeps, with a unique key per run and the branch in the restore key', () => {
    const p = plan().plan!;
    expect(p.key.startsWith(p.restoreKeys[0]!)).toBe(true);
    expect(p.key).toMatch(/-7-1$/);
    expect(p.settings.dir).toBe('/tmp/rt/keyguard-scan-cache');
  });

  it('never lets a cache of another branch or repository match its restore key', () => {
    const main = plan().plan!.restoreKeys[0]!;
    const other = plan({ GITHUB_REF: 'refs/heads/feature' }).plan!;
    const fork = plan({ GITHUB_REPOSITORY: 'mallory/app' }).plan!;
    expect(other.key.startsWith(main)).toBe(false);
    expect(fork.key.startsWith(main)).toBe(false);
  });

  it('starts fresh when the rules or config change', () => {
    const changed = { ...config, rules: { ...config.rules, disable: ['openai-project-key'] } };
    const a = plan().plan!;
    const b = planActionCache({ mode: 'sweep', stateKey, adminKeys: {}, env }, changed).plan!;
    expect(b.restoreKeys[0]).not.toBe(a.restoreKeys[0]);
  });

  it('is off for pull requests, off when switched off, and off without a secret to seal it', () => {
    expect(plan({}, 'pr')).toEqual({});
    expect(plan({ KEYGUARD_SCAN_CACHE: 'off' })).toEqual({});
    expect(planActionCache({ mode: 'sweep', adminKeys: {}, env }, config).note).toMatch(
      /needs the state-key/,
    );
  });

  it.each<['auto' | 'on' | 'off', 'sweep' | 'push', boolean]>([
    ['auto', 'sweep', true],
    ['auto', 'push', false],
    ['on', 'push', true],
    ['off', 'sweep', false],
  ])('input scan-cache: %s in a %s run uses the cache: %s', (scanCache, mode, on) => {
    const p = planActionCache({ mode, scanCache, stateKey, adminKeys: {}, env }, config);
    expect(Boolean(p.plan)).toBe(on);
  });

  it('the input wins over the environment once it is set', () => {
    const p = planActionCache(
      {
        mode: 'sweep',
        scanCache: 'off',
        stateKey,
        adminKeys: {},
        env: { ...env, KEYGUARD_SCAN_CACHE: 'on' },
      },
      config,
    );
    expect(p).toEqual({});
  });

  it('is never used for a pull request from a fork, whatever the input says', () => {
    const p = planActionCache(
      { mode: 'push', scanCache: 'on', fromFork: true, stateKey, adminKeys: {}, env },
      config,
    );
    expect(p).toEqual({});
  });

  it('seals with a secret that depends on the repository', () => {
    const a = plan().plan!.settings.secret;
    const b = plan({ GITHUB_REPOSITORY: 'acme/other' }).plan!.settings.secret;
    expect(a.equals(b)).toBe(false);
  });
});
