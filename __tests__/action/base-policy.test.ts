/** loadPolicy: in a pull request, .keyguard.yml and the baseline as the base commit has them. */
import { mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadPolicy } from '../../src/action/base-policy.js';
import { MAX_CONFIG_BYTES } from '../../src/action/commit-files.js';
import type { ActionSettings } from '../../src/action/inputs.js';
import { TestRepo } from '../sources/gitrepo.js';

const repos: TestRepo[] = [];
const outside = realpathSync(mkdtempSync(join(tmpdir(), 'kg-policy-')));
afterAll(() => {
  for (const r of repos) r.cleanup();
  rmSync(outside, { recursive: true, force: true });
});

function repo(): TestRepo {
  const r = new TestRepo();
  repos.push(r);
  return r;
}

function settings(r: TestRepo, extra: Partial<ActionSettings> = {}): ActionSettings {
  return {
    mode: 'pr',
    root: r.dir,
    workspace: r.dir,
    configFile: join(r.dir, '.keyguard.yml'),
    configRequired: false,
    configNamed: false,
    ...extra,
  } as ActionSettings;
}

const ALLOW_FIXTURES = 'allowlist:\n  paths:\n    - fixtures/**\n';

describe('loadPolicy in a pull request', () => {
  it("reads the base commit's config, not the file in the checkout", async () => {
    const r = repo();
    const base = r.write('.keyguard.yml', ALLOW_FIXTURES).commit('base');
    const head = r.write('.keyguard.yml', 'allowlist:\n  paths:\n    - "**"\n').commit('head');
    const policy = await loadPolicy(settings(r), { base, head });
    expect(policy.config.allowlist.paths).toEqual(['fixtures/**']);
    expect(policy.notes).toEqual([
      "this pull request changes .keyguard.yml; the check used the base branch's version",
    ]);
  });

  it('uses the defaults when the base has no config, even though the pull request adds one', async () => {
    const r = repo();
    const base = r.write('README.md', '#\n').commit('base');
    const head = r.write('.keyguard.yml', 'rules:\n  disable: [openai-project-key]\n').commit('head');
    const policy = await loadPolicy(settings(r), { base, head });
    expect(policy.config.rules.disable).toEqual([]);
    expect(policy.notes[0]).toMatch(
      /adds \.keyguard\.yml; the check used the base branch's configuration \(none/,
    );
  });

  it("keeps the base's custom rules when the pull request removes the file", async () => {
    const r = repo();
    const rule = 'rules:\n  custom:\n    - id: gw\n      regex: "gw-[a-z0-9]{32}"\n';
    const base = r.write('.keyguard.yml', rule).commit('base');
    const head = r.remove('.keyguard.yml').commit('head');
    const policy = await loadPolicy(settings(r), { base, head });
    expect(policy.config.rules.custom.map((c) => c.id)).toEqual(['gw']);
    expect(policy.notes[0]).toMatch(/^this pull request removes \.keyguard\.yml/);
  });

  it('decides between .keyguard.yml and .keyguard.yaml at the base', async () => {
    const r = repo();
    const base = r.write('.keyguard.yml', ALLOW_FIXTURES).commit('base');
    // The PR deletes .keyguard.yml and adds a permissive .keyguard.yaml (the checkout would pick that one).
    r.remove('.keyguard.yml');
    const head = r.write('.keyguard.yaml', 'allowlist:\n  paths:\n    - "**"\n').commit('head');
    const policy = await loadPolicy(settings(r, { configFile: join(r.dir, '.keyguard.yaml') }), {
      base,
      head,
    });
    expect(policy.config.allowlist.paths).toEqual(['fixtures/**']);
    expect(policy.notes).toContain(
      "this pull request adds .keyguard.yaml; the check used the base branch's .keyguard.yml",
    );
  });

  it('names the file, the base commit and the line of a problem in the base config', async () => {
    const r = repo();
    const base = r.write('.keyguard.yml', 'verify:\n  concurrency: 1\n  timeoutSeconds: 0\n').commit('base');
    await expect(loadPolicy(settings(r), { base })).rejects.toThrow(
      new RegExp(`^\\.keyguard\\.yml \\(at base ${base.slice(0, 7)}\\):3: verify\\.timeoutSeconds`),
    );
  });

  it.each([
    [
      'a symbolic link',
      (r: TestRepo) => symlinkSync('/etc/hostname', join(r.dir, '.keyguard.yml')),
      /symbolic link/,
    ],
    [
      'too large',
      (r: TestRepo) => r.write('.keyguard.yml', `# ${'x'.repeat(MAX_CONFIG_BYTES)}\n`),
      /bytes on the base/,
    ],
  ])('refuses a base config that is %s', async (_what, make, error) => {
    const r = repo();
    make(r);
    const base = r.commit('base');
    await expect(loadPolicy(settings(r), { base })).rejects.toThrow(error);
  });

  it("reads the base's baseline, and none when the pull request is what adds it", async () => {
    const r = repo();
    const base = r.write('README.md', '#\n').commit('base');
    const baseline = { version: 1, createdAt: '', findings: [{ fingerprint: 'a'.repeat(32) }] };
    const head = r.write('bl.json', JSON.stringify(baseline)).commit('head');
    const policy = await loadPolicy(settings(r, { baseline: join(r.dir, 'bl.json') }), { base, head });
    expect(policy.baseline).toBeUndefined();
    expect(policy.notes).toEqual([
      "this pull request adds bl.json; the check used the base branch's baseline (none: no finding is baselined)",
    ]);
  });

  it('reads a config from outside the work tree from disk: the pull request did not write it', async () => {
    const r = repo();
    const base = r.write('README.md', '#\n').commit('base');
    const file = join(outside, 'keyguard.yml');
    writeFileSync(file, ALLOW_FIXTURES);
    const policy = await loadPolicy(
      settings(r, { configFile: file, configNamed: true, configRequired: true }),
      {
        base,
      },
    );
    expect(policy.config.allowlist.paths).toEqual(['fixtures/**']);
  });
});
