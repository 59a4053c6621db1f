import { type Journal, newJournal, openJournal, serializeJournal } from '../../src/incident/journal.js';
import { canonicalJson, createStateSeal, NO_SEAL } from '../../src/incident/seal.js';
import { LOCK_CLOCK_SKEW_MS, lockHolds, MAX_LOCK_TTL_MS } from '../../src/incident/session.js';
import { Secret } from '../../src/scan/secret.js';

const KEY = new Secret('state-key-for-the-seal-tests');
const seal = createStateSeal({ repo: 'acme/app', stateKey: KEY });

function journal(): Journal {
  const j = newJournal({
    fingerprint: 'fp_leaked',
    redacted: 'sk-proj-...abcd',
    provider: 'openai',
    mode: 'rotate',
    now: '2026-01-09T10:00:00.000Z',
  });
  j.leakedRef = { provider: 'openai', id: 'key_leaked', projectId: 'proj_1' };
  j.orphans = [];
  return j;
}

const sealedBody = () => `# incident\n\n${serializeJournal(journal(), seal)}\n`;
const expect_ = { fingerprint: 'fp_leaked', provider: 'openai' };

describe('the journal seal', () => {
  it('opens a journal keyguard sealed', () => {
    const opened = openJournal(sealedBody(), seal, expect_);
    expect(opened).toEqual({ status: 'sealed', journal: journal() });
  });

  it.each([
    ['a field was edited', (b: string) => b.replace('"key_leaked"', '"key_production"')],
    ['an orphan was added', (b: string) => b.replace('"orphans": []', '"orphans": [{"ref":{"id":"key_x"}}]')],
    ['the seal was removed', (b: string) => b.replace(/ mac=[0-9a-f]{64}/, '')],
    ['the seal is made up', (b: string) => b.replace(/ mac=[0-9a-f]{64}/, ` mac=${'0'.repeat(64)}`)],
  ])('treats a journal as absent when %s', (_why, edit) => {
    const body = edit(sealedBody());
    expect(body).not.toBe(sealedBody());
    expect(openJournal(body, seal, expect_).status).toBe('unsealed');
  });

  it.each([
    [
      'the state key changed',
      createStateSeal({ repo: 'acme/app', stateKey: new Secret('another-state-key-0000') }),
    ],
    ['it was sealed for another repository', createStateSeal({ repo: 'acme/other', stateKey: KEY })],
    ['there is no key at all', NO_SEAL],
    [
      'only an admin key of another provider is known',
      createStateSeal({ repo: 'acme/app', adminKeys: { anthropic: KEY } }),
    ],
  ])('treats a journal as absent when %s', (_why, other) => {
    expect(openJournal(sealedBody(), other, expect_).status).toBe('unsealed');
  });

  it('treats the sealed journal of another key or provider as absent', () => {
    expect(openJournal(sealedBody(), seal, { ...expect_, fingerprint: 'fp_other' }).status).toBe('unsealed');
    expect(openJournal(sealedBody(), seal, { ...expect_, provider: 'anthropic' }).status).toBe('unsealed');
  });

  it('seals with the provider admin key when no state key is given', () => {
    const admin = createStateSeal({
      repo: 'acme/app',
      adminKeys: { openai: new Secret('an-openai-admin-key-0000') },
    });
    const body = serializeJournal(journal(), admin);
    expect(openJournal(body, admin, expect_).status).toBe('sealed');
    expect(openJournal(body, seal, expect_).status).toBe('unsealed');
  });

  it('still verifies after the JSON was re-indented (the seal covers canonical JSON)', () => {
    const body = sealedBody().replace(/\n {1}"/g, '\n    "');
    expect(body).not.toBe(sealedBody());
    expect(openJournal(body, seal, expect_).status).toBe('sealed');
  });

  it('says there is no journal when the body has no block', () => {
    expect(openJournal('just text', seal, expect_).status).toBe('none');
  });

  it('orders keys canonically at every level and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: undefined } })).toBe(
      '{"a":{"d":[{"y":2,"z":1}]},"b":1}',
    );
  });
});

describe('the lock', () => {
  const now = Date.parse('2026-01-09T10:00:00Z');
  const at = (deltaMs: number) => ({ at: new Date(now + deltaMs).toISOString() });
  it.each([
    { what: 'a fresh lock', lock: at(-60_000), ttl: 30 * 60_000, holds: true },
    {
      what: 'a lock a little ahead (clock skew)',
      lock: at(LOCK_CLOCK_SKEW_MS - 1000),
      ttl: 30 * 60_000,
      holds: true,
    },
    {
      what: 'a lock dated beyond clock skew in the future',
      lock: at(LOCK_CLOCK_SKEW_MS + 1000),
      ttl: 30 * 60_000,
      holds: false,
    },
    { what: 'a lock dated a year ahead', lock: at(365 * 86_400_000), ttl: 30 * 60_000, holds: false },
    { what: 'a lock older than its lifetime', lock: at(-31 * 60_000), ttl: 30 * 60_000, holds: false },
    {
      what: 'a lock older than the longest lifetime, whatever the setting',
      lock: at(-MAX_LOCK_TTL_MS - 1000),
      ttl: 10 * MAX_LOCK_TTL_MS,
      holds: false,
    },
    { what: 'a lock with an unreadable date', lock: { at: 'soon' }, ttl: 30 * 60_000, holds: false },
    { what: 'no lock', lock: undefined, ttl: 30 * 60_000, holds: false },
  ])('$what: holds is $holds', ({ lock, ttl, holds }) => {
    expect(lockHolds(lock, now, ttl)).toBe(holds);
  });
});

describe('the seal after keyguard rotated its own admin key', () => {
  const leaked = new Secret('admin-key-material-that-leaked-0000');
  const replacement = new Secret('admin-key-material-replacement-0000');

  it('seals with the replacement once rekeyed, as the next run (reading the replacement) verifies it', () => {
    const running = createStateSeal({ repo: 'acme/app', adminKeys: { openai: leaked } });
    running.rekey!('openai', replacement);
    const body = serializeJournal(journal(), running);
    const nextRun = createStateSeal({ repo: 'acme/app', adminKeys: { openai: replacement } });
    expect(openJournal(body, nextRun, expect_).status).toBe('sealed');
    const stale = createStateSeal({ repo: 'acme/app', adminKeys: { openai: leaked } });
    expect(openJournal(body, stale, expect_).status).toBe('unsealed');
  });

  it('keeps sealing with the state key, which does not change', () => {
    const running = createStateSeal({ repo: 'acme/app', stateKey: KEY, adminKeys: { openai: leaked } });
    running.rekey!('openai', replacement);
    expect(openJournal(serializeJournal(journal(), running), seal, expect_).status).toBe('sealed');
  });

  it('rekeys only the provider whose admin key changed', () => {
    const running = createStateSeal({ repo: 'acme/app', adminKeys: { openai: leaked, anthropic: leaked } });
    const before = running.mac('anthropic', 'x');
    running.rekey!('openai', replacement);
    expect(running.mac('anthropic', 'x')).toBe(before);
  });
});
