/** "Rotate these too": linked credentials found with a confirmed leak, listed in its incident. */
import { newJournal } from '../../src/incident/journal.js';
import { attachCompanions, companionsOf } from '../../src/incident/linked.js';
import { renderIncident } from '../../src/incident/render.js';
import { linkedRules } from '../../src/rules/linked/index.js';
import { Secret } from '../../src/scan/secret.js';
import type { Finding } from '../../src/types.js';
import { KeyGen, seededRandom } from '../helpers/keygen.js';

const gen = new KeyGen(31);
const sha = gen.sha();
const sample = (id: string, seed: number) => linkedRules.find((r) => r.id === id)!.sample(seededRandom(seed));

function finding(key: string, over: Partial<Finding>): Finding {
  const secret = new Secret(key);
  return {
    ruleId: 'openai-project-key',
    provider: 'openai',
    candidates: ['openai'],
    description: 'OpenAI project key',
    file: '.env',
    line: 1,
    column: 16,
    secret,
    redacted: secret.redacted,
    fingerprint: secret.fingerprint,
    source: 'history',
    commit: { sha, author: 'Dev', email: 'dev@example.com', date: '2026-01-02T00:00:00Z' },
    ...over,
  };
}

const leakKey = gen.openaiProject();
const githubKey = sample('github-token', 1);
const dbUrl = sample('database-url', 2);
const elsewhereKey = sample('huggingface-token', 3);
const leak = finding(leakKey, {});
const github = finding(githubKey, {
  ruleId: 'github-token',
  provider: 'github',
  kind: 'linked',
  description: 'GitHub token',
  line: 2,
});
const db = finding(dbUrl, {
  ruleId: 'database-url',
  provider: 'database',
  kind: 'linked',
  description: 'Database URL with a password',
  file: 'config/db.yml',
  line: 4,
});
const unrelated = finding(elsewhereKey, {
  ruleId: 'huggingface-token',
  provider: 'huggingface',
  kind: 'linked',
  description: 'Hugging Face token',
  file: 'other.txt',
  commit: { sha: gen.sha(), author: 'x', email: 'x@example.com', date: '2026-01-01T00:00:00Z' },
});

describe('linked credentials found with a leak', () => {
  it('are the linked findings of the same file or the same commit, and nothing else', () => {
    expect(companionsOf(leak, [leak, github, db, unrelated]).map((c) => [c.ruleId, c.why])).toEqual([
      ['github-token', 'same file'],
      ['database-url', 'same commit'],
    ]);
  });

  it('are attached to the leak only, never to a linked finding', () => {
    const all = [leak, github, db, unrelated].map((f) => ({ ...f }));
    attachCompanions(all);
    expect(all.map((f) => f.companions?.length ?? 0)).toEqual([2, 0, 0, 0]);
  });

  it('are listed in the incident, redacted, with where and the console page, never whole', () => {
    const withCompanions = { ...leak, companions: companionsOf(leak, [leak, github, db]) };
    const body = renderIncident({
      journal: newJournal({
        fingerprint: leak.fingerprint,
        redacted: leak.redacted,
        provider: 'openai',
        mode: 'rotate',
        now: 'T0',
      }),
      providerName: 'OpenAI',
      finding: withCompanions,
    });
    expect(body).toContain('### Rotate these too');
    expect(body).toContain(
      `\`${github.redacted}\` at \`.env:2\` (same file) — revoke at https://github.com/settings/tokens`,
    );
    expect(body).toContain(`\`${db.redacted}\` at \`config/db.yml:4\` (same commit)`);
    for (const whole of [leakKey, githubKey, dbUrl]) expect(body).not.toContain(whole);
  });

  it('leave the incident as it was when none leaked with the key', () => {
    const body = renderIncident({
      journal: newJournal({
        fingerprint: leak.fingerprint,
        redacted: leak.redacted,
        provider: 'openai',
        mode: 'rotate',
        now: 'T0',
      }),
      finding: leak,
    });
    expect(body).not.toContain('Rotate these too');
  });
});
