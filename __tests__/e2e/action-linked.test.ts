/** `fail-on-linked` through dist/index.js, as the runner runs it: linked credentials fail, warn or are left out. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { linkedRules } from '../../src/rules/linked/index.js';
import { seededRandom } from '../helpers/keygen.js';
import { leakedIn, runAction, tempRepos } from './harness.js';

const repo = tempRepos();
const token = linkedRules.find((r) => r.id === 'github-token')!.sample(seededRandom(77));

async function run(failOnLinked?: string) {
  const r = repo();
  const sha = r.commit('ci token', { '.env': `GITHUB_TOKEN=${token}\n` });
  const inputs: Record<string, string> = failOnLinked ? { 'fail-on-linked': failOnLinked } : {};
  return runAction({ workspace: r.dir, eventName: 'schedule', sha, inputs });
}

describe('the action with a linked credential', () => {
  it('fails by default, reports it as linked and never shows it whole', async () => {
    const res = await run();
    expect(res.code).toBe(1);
    const report = JSON.parse(readFileSync(join(res.dir, 'keyguard-report.json'), 'utf8'));
    expect(report.findings.map((f: { ruleId: string; kind: string }) => [f.ruleId, f.kind])).toEqual([
      ['github-token', 'linked'],
    ]);
    expect(res.stdout).toMatch(/linked credential\(s\) found \(fail-on-linked: fail\)/);
    // The runner's own masking command is the one place the key may appear (it is what hides it).
    const shown = res.allText
      .split('\n')
      .filter((l) => !l.startsWith('::add-mask::'))
      .join('\n');
    expect(res.allText).toContain(`::add-mask::${token}`);
    expect(leakedIn(shown, [token])).toEqual([]);
  });

  it('reports it without failing with fail-on-linked: warn', async () => {
    const res = await run('warn');
    expect(res.code).toBe(0);
    const report = JSON.parse(readFileSync(join(res.dir, 'keyguard-report.json'), 'utf8'));
    expect(report.findings).toHaveLength(1);
  });

  it('leaves it out with fail-on-linked: off', async () => {
    const res = await run('off');
    expect(res.code).toBe(0);
    const report = JSON.parse(readFileSync(join(res.dir, 'keyguard-report.json'), 'utf8'));
    expect(report.findings).toEqual([]);
  });

  it('stops with a clear error on a value it does not know', async () => {
    const res = await run('sometimes');
    expect(res.code).toBe(2);
    expect(res.stdout + res.stderr).toMatch(/fail-on-linked: "sometimes" is not one of fail \| warn \| off/);
  });
});
