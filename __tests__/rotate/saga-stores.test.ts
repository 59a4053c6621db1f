/**
 * The saga with stores beyond GitHub secrets: every place is known, proven and preflighted before
 * anything is made, holds the replacement before the leaked key is disabled, and a failure in any
 * one of them leaves the leaked key live for a re-run to finish without a second live replacement.
 */
import { parseJournal } from '../../src/incident/journal.js';
import { FakeStore } from './fake-store.js';
import { expectRotated, world } from './setup.js';

function storeWorld(n = 2) {
  const w = world();
  const stores = Array.from({ length: n }, (_, i) => new FakeStore(`fake:s${i}`, w.events, w.leaked));
  const run = (over: Parameters<typeof w.run>[0] = {}) => w.run({ stores, ...over });
  return { ...w, stores, run };
}

const journalOf = (w: ReturnType<typeof storeWorld>) => parseJournal(w.incidents.issues[0]!.body)!;

describe('rotate with stores', () => {
  it('stores the replacement in every store and every secret before the leaked key is disabled', async () => {
    const w = storeWorld();
    const result = await w.run();
    expectRotated(w, result);
    const live = w.provider.liveCreated()[0]!;
    for (const s of w.stores) expect(s.value?.reveal()).toBe(live.value);
    const disableAt = w.events.indexOf(`disable:${w.leakedKey.id}`);
    for (const s of w.stores) expect(w.events.indexOf(`put:${s.id}`)).toBeLessThan(disableAt);
    expect(result.storesStored).toEqual(w.stores.map((s) => s.label));
    expect(journalOf(w).targetsDone).toEqual(expect.arrayContaining(w.stores.map((s) => s.id)));
  });

  it('asks every store what it holds and preflights it before the replacement is created', async () => {
    const w = storeWorld();
    await w.run();
    const created = w.events.findIndex((e) => e.startsWith('create:'));
    for (const s of w.stores) {
      expect(w.events.indexOf(`holds:${s.id}`)).toBeLessThan(created);
      expect(w.events.indexOf(`preflight:${s.id}`)).toBeLessThan(created);
    }
  });

  it('stops before anything is made when a store that holds the leaked key cannot be written', async () => {
    const w = storeWorld();
    w.stores[1]!.fail.preflight.push(false);
    await expect(w.run()).rejects.toMatchObject({ step: 'plan' });
    expect(w.provider.liveCreated()).toEqual([]);
    expect(w.leakedKey.state).toBe('active');
    expect(w.incidents.issues[0]!.body).toContain(
      'fake store fake:s1 holds the leaked key but cannot be written',
    );
  });

  it('leaves the leaked key live when a store fails, and a re-run finishes with one live replacement', async () => {
    const w = storeWorld(3);
    w.stores[2]!.fail.put.push(false);
    await expect(w.run()).rejects.toMatchObject({ step: 'store' });
    expect(w.leakedKey.state).toBe('active');
    const result = await w.run({ runId: '1002' });
    expectRotated(w, result);
    const live = w.provider.liveCreated()[0]!;
    for (const s of w.stores) expect(s.value?.reveal()).toBe(live.value);
  });

  it('finishes on a re-run when a store wrote the first replacement but its answer was lost', async () => {
    const w = storeWorld(3);
    // Every attempt of the run writes and loses the answer: the journal never records the store.
    w.stores[1]!.lostAnswers = 3;
    await expect(w.run()).rejects.toMatchObject({ step: 'store' });
    expect(w.leakedKey.state).toBe('active');
    const result = await w.run({ runId: '1002' });
    expectRotated(w, result);
    const live = w.provider.liveCreated();
    expect(live).toHaveLength(1);
    // The store holds the live replacement, not the first one (deleted as an orphan).
    for (const s of w.stores) expect(s.value?.reveal()).toBe(live[0]!.value);
  });

  it('leaves a store that holds another key alone, and says so in the incident', async () => {
    const w = storeWorld();
    const other = w.provider.addKey().secret;
    w.stores[0]!.value = other;
    const result = await w.run();
    expect(result.status).toBe('rotated');
    expect(w.stores[0]!.puts).toBe(0);
    expect(w.stores[0]!.value).toBe(other);
    expect(w.incidents.issues[0]!.body).toContain('fake store fake:s0 holds another key');
    expect(w.logs.join('\n')).toContain('left alone');
  });

  it('writes a store it cannot read on the config word, and says its value was not proven', async () => {
    const w = storeWorld(1);
    w.stores[0]!.readable = false;
    const result = await w.run();
    expectRotated(w, result);
    expect(w.incidents.issues[0]!.body).toContain("rotated on the config's word");
  });

  it('retires the leaked key versions after the disable and lists the follow-ups for a human', async () => {
    const w = storeWorld(1);
    w.stores[0]!.followUpItems = ['Deployment prod/api mounts this Secret: roll it out'];
    const result = await w.run();
    expect(w.events.indexOf(`retire:${w.stores[0]!.id}`)).toBeGreaterThan(
      w.events.indexOf(`disable:${w.leakedKey.id}`),
    );
    expect(w.stores[0]!.versions.some((v) => v.equals(w.leaked))).toBe(false);
    expect(result.manual).toContain('Deployment prod/api mounts this Secret: roll it out');
    expect(journalOf(w).steps.map((s) => `${s.step}:${s.status}`)).toContain('retire:done');
  });

  it('keeps the rotation when a retire fails, leaving it to a human', async () => {
    const w = storeWorld(1);
    w.stores[0]!.fail.retire.push(false);
    const result = await w.run();
    expect(result.status).toBe('rotated');
    expect(result.manual.join('\n')).toContain('Retire the leaked key');
  });

  it('counts a store proven to hold the key as ours when the admin API does not know the key', async () => {
    const w = storeWorld(1);
    w.provider.locate = async () => ({
      status: 'not-found' as const,
      reason: '12 keys in 2 projects searched',
    });
    const result = await w.run({ targets: [] });
    expect(result.notOurs).toBeUndefined();
  });

  it('does not count a store that holds another key as proof that the key is ours', async () => {
    const w = storeWorld(1);
    w.stores[0]!.value = w.provider.addKey().secret;
    w.provider.locate = async () => ({
      status: 'not-found' as const,
      reason: '12 keys in 2 projects searched',
    });
    const result = await w.run({ targets: [] });
    expect(result.notOurs).toBe(true);
    expect(w.stores[0]!.puts).toBe(0);
  });

  it('shows every store that would change in a dry run, and changes nothing', async () => {
    const w = storeWorld();
    const other = w.provider.addKey().secret;
    w.stores[1]!.value = other;
    const result = await w.run({ dryRun: true });
    expect(result.status).toBe('dry-run');
    expect(w.logs).toContain(
      `dry run: fake store fake:s0 (holds) would change: write the replacement into fake store fake:s0`,
    );
    expect(w.logs).toContain('dry run: fake store fake:s1 holds another key: would be left alone');
    expect(w.events.filter((e) => e.startsWith('put:'))).toEqual([]);
    expect(w.events.filter((e) => e.startsWith('preflight:'))).toEqual(['preflight:fake:s0:read-only']);
  });

  it('says in a dry run that a store the identity may not write would stop the run', async () => {
    const w = storeWorld();
    w.stores[1]!.fail.preflight.push(false);
    await w.run({ dryRun: true });
    expect(w.logs).toContain(
      'dry run: fake store fake:s1 (holds) would stop: fake store fake:s1: injected preflight failure',
    );
    expect(
      w.logs.some((l) => l.startsWith('dry run: fake store fake:s1') && l.includes('would change')),
    ).toBe(false);
  });

  it('shows in a dry run what each store preflight found, and keeps it in the incident of a real run', async () => {
    const w = storeWorld(1);
    w.stores[0]!.notes = ['fake store fake:s0: Deployment prod/api uses it: needs a rollout'];
    await w.run({ dryRun: true });
    expect(w.logs).toContain('dry run: fake store fake:s0: Deployment prod/api uses it: needs a rollout');
    await w.run();
    expect(w.incidents.issues[0]!.body).toContain('Deployment prod/api uses it: needs a rollout');
  });

  it('never writes a key value into the logs or the incident', async () => {
    const w = storeWorld();
    await w.run();
    expect(w.leakedValues()).toEqual([]);
  });
});

describe('rotate with stores and no replacement to write', () => {
  /** A provider that can disable keys but not create them (Anthropic-like), the key in one store. */
  function noReplacementWorld(opts: { disable?: boolean } = {}) {
    const w = world({ create: false, ...opts });
    const store = new FakeStore('fake:s0', w.events, w.leaked);
    return {
      ...w,
      store,
      run: (over: Parameters<typeof w.run>[0] = {}) => w.run({ stores: [store], ...over }),
    };
  }

  it('stops before the disable when a store holds the leaked key, naming the store and the way out', async () => {
    const w = noReplacementWorld();
    await expect(w.run({ targets: [] })).rejects.toMatchObject({ step: 'plan' });
    expect(w.leakedKey.state).toBe('active');
    expect(w.store.value?.equals(w.leaked)).toBe(true);
    const error = w.errors[0]!;
    expect(error).toContain('fake store fake:s0 (proven) holds the leaked key');
    expect(error).toContain('KEYGUARD_STANDBY_VALUE');
    expect(error).toContain('`rotate: disable`');
    expect(w.incidents.issues[0]!.body).toContain(
      'keyguard did not disable the leaked key: fake store fake:s0',
    );
  });

  it('stops before the disable when GitHub secrets hold the key, naming each and its standby secret', async () => {
    const w = world({ create: false });
    await expect(w.run()).rejects.toMatchObject({ step: 'plan' });
    expect(w.leakedKey.state).toBe('active');
    expect(w.errors[0]).toContain("repository secret OPENAI_API_KEY (on the config's word)");
    expect(w.errors[0]).toContain('`OPENAI_API_KEY_NEXT`');
  });

  it('goes on once a standby key is given: promoted into the store, then the leaked key disabled', async () => {
    const w = noReplacementWorld();
    await expect(w.run()).rejects.toMatchObject({ step: 'plan' });
    const { secret: standby } = w.provider.addKey();
    const result = await w.run({ standby, runId: '1002' });
    expect(result.status).toBe('rotated');
    expect(w.store.value?.equals(standby)).toBe(true);
    expect(w.leakedKey.state).toBe('disabled');
  });

  it('in disable mode accepts the outage: disables the key and lists the store in the by-hand runbook', async () => {
    const w = noReplacementWorld();
    const result = await w.run({ mode: 'disable' });
    expect(result.status).toBe('contained');
    expect(w.leakedKey.state).toBe('disabled');
    const byHand = result.manual.find((m) => m.startsWith('Create a replacement key by hand'))!;
    expect(byHand).toContain('fake store fake:s0');
    expect(byHand).toContain('gh secret set OPENAI_API_KEY --env prod');
  });

  it('does not stop when keyguard cannot disable the key itself, and lists the store in the runbook', async () => {
    const w = noReplacementWorld({ disable: false });
    const result = await w.run();
    expect(result.status).toBe('still-live');
    expect(result.manual.join('\n')).toMatch(/Create a replacement key by hand .*fake store fake:s0/);
  });

  it('does not stop when the leaked key is disabled already', async () => {
    const w = noReplacementWorld();
    w.leakedKey.state = 'disabled';
    expect((await w.run()).status).toBe('contained');
  });

  it('says in a dry run that the run would stop before the disable', async () => {
    const w = noReplacementWorld();
    await w.run({ dryRun: true, targets: [] });
    expect(
      w.logs.some((l) => l.startsWith('dry run: would stop before the disable: fake store fake:s0')),
    ).toBe(true);
  });
});
