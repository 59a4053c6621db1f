/**
 * docs/quickstart.md (the README's first screen) against what the project ships: its commands run, its
 * hook ids and workflow files exist, and its action pins are ones a user can follow.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ROOT, runCli, TestRepo } from '../e2e/harness.js';
import { KeyGen } from '../helpers/keygen.js';

const doc = readFileSync(join(ROOT, 'docs/quickstart.md'), 'utf8');
const blocks = (lang: string) =>
  [...doc.matchAll(new RegExp(`\`\`\`${lang}\\n([\\s\\S]*?)\`\`\``, 'g'))].map((m) => m[1]!);
/** `npx keyguard@1 scan --sweep   # comment` → ['scan', '--sweep'] */
const commands = blocks('sh')
  .flatMap((b) => b.split('\n'))
  .filter((line) => line.startsWith('npx keyguard@1 '))
  .map((line) => line.replace(/#.*$/, '').trim().split(/\s+/).slice(2));

const gen = new KeyGen(777);
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('the quick start', () => {
  it('names the major version in every npx command, so a user runs the release they read about', () => {
    const npx = blocks('sh')
      .flatMap((b) => b.split('\n'))
      .filter((l) => /\bnpx\b/.test(l));
    expect(npx.filter((l) => !/npx (keyguard@1 |--no-install keyguard )/.test(l))).toEqual([]);
  });

  it('walks a user from a leak found to a baseline accepted, running its commands in order', async () => {
    const repo = new TestRepo('kg-quickstart-');
    dirs.push(repo.dir);
    repo.commit('add settings', { 'settings.env': `OPENAI_API_KEY=${gen.openaiProject()}\n` });
    const walk = commands.filter((c) => c[0] === 'scan' || c[0] === 'baseline');
    const codes: [string, number][] = [];
    for (const args of walk) codes.push([args.join(' '), (await runCli(args, { cwd: repo.dir })).code]);
    expect(codes).toEqual([
      ['scan', 1],
      ['scan --sweep', 1],
      ['baseline --output .keyguard-baseline.json', 0],
      ['scan --baseline .keyguard-baseline.json', 0],
    ]);
  });

  it('uses only hook ids that .pre-commit-hooks.yaml offers', () => {
    const offered = (
      parse(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as { id: string }[]
    ).map((h) => h.id);
    const named = [...doc.matchAll(/\bid: ([\w-]+)/g)].map((m) => m[1]!);
    expect(named.length).toBeGreaterThan(0);
    expect(named.filter((id) => !offered.includes(id))).toEqual([]);
  });

  it('links only workflow files that exist, and all three examples', () => {
    const linked = [...doc.matchAll(/\]\(\.\.\/(examples\/workflows\/[\w.-]+\.yml)\)/g)].map((m) => m[1]!);
    expect(new Set(linked)).toEqual(
      new Set([
        'examples/workflows/pr-check.yml',
        'examples/workflows/nightly-sweep.yml',
        'examples/workflows/rotate-dispatch.yml',
      ]),
    );
    for (const file of linked) expect([file, existsSync(join(ROOT, file))]).toEqual([file, true]);
  });

  it('shows the admin-key workflows pinned by commit SHA, not by a tag', () => {
    const pins = [...doc.matchAll(/uses: keyguard\/keyguard@(\S+)/g)].map((m) => m[1]!);
    expect(pins.length).toBeGreaterThan(0);
    expect(pins.filter((pin) => !/^([0-9a-f]{40}|<40-character)$/.test(pin))).toEqual([]);
    expect(doc).toMatch(/pin the action to a full\s+commit SHA, not to `@v1`/);
  });
});
