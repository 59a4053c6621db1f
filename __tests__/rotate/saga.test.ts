import { parseJournal } from '../../src/incident/journal.js';
import { RotationError, RotationLockedError } from '../../src/rotate/errors.js';
import { rotate } from '../../src/rotate/saga.js';
import { Crash, FakeHttpError } from './fakes.js';
import { expectRotated, NOW, world } from './setup.js';

const idx = (events: string[], e: string) => events.indexOf(e);

describe('rotate: the happy path', () => {
  it('creates, stores in every secret, verifies the new key, disables and then verifies the leaked key, in that order', async () => {
    const w = world();
    const result = await w.run();
    expectRotated(w, result);
    const newId = w.provider.liveCreated()[0].id;
    const e = w.events;
    const lastPut = Math.max(...e.map((x, i) => (x.startsWith('put:') ? i : -1)));
    expect(idx(e, `create:${newId}`)).toBeGreaterThan(-1);
    expect(idx(e, `create:${newId}`)).toBeLessThan(e.indexOf('put:repo:OPENAI_API_KEY'));
    expect(lastPut).toBeLessThan(idx(e, `verify:${newId}`));
    expect(idx(e, `verify:${newId}`)).toBeLessThan(idx(e, `disable:${w.leakedKey.id}`));
    expect(idx(e, `disable:${w.leakedKey.id}`)).toBeLessThan(e.lastIndexOf(`verify:${w.leakedKey.id}`));
    expect(e.filter((x) => x.startsWith('put:'))).toHaveLength(3);
  });

  it('records every step in the journal of one incident and releases the lock', async () => {
    const w = world();
    const result = await w.run();
    expect(w.incidents.issues).toHaveLength(1);
    const journal = parseJournal(w.incidents.issues[0].body)!;
    expect(journal.status).toBe('rotated');
    expect(journal.lock).toBeUndefined();
    expect(journal.steps.filter((s) => s.status === 'done').map((s) => s.step)).toEqual([
      'plan',
      'create',
      'store',
      'verify-new',
      'disable',
      'verify-old',
      'close',
    ]);
    expect(journal.replacement?.ref.id).toBe(result.replacement?.ref.id);
    expect(journal.targetsDone).toHaveLength(3);
  });

  it('titles the incident with the provider and the redacted key, and comments the outcome', async () => {
    const w = world();
    await w.run();
    const issue = w.incidents.issues[0];
    expect(issue.title).toBe(`Leaked OpenAI key ${w.leaked.redacted}`);
    expect(issue.comments.join('\n')).toContain('Rotated');
  });

  it('returns the replacement as a Secret and hands it to onSecret for masking', async () => {
    const w = world();
    const masked: string[] = [];
    const result = await w.run({}, { onSecret: (s) => masked.push(s.reveal()) });
    expect(masked).toEqual([w.provider.liveCreated()[0].value]);
    expect(result.replacementSecret?.equals(masked[0])).toBe(true);
    expect(JSON.stringify(result)).not.toContain(masked[0]);
  });

  it('lists the policy parts the provider could not enforce in the result and the incident', async () => {
    const w = world({ manual: ['per-key rpm (OpenAI limits are per project)'] });
    const result = await w.run({
      policy: { name: 'prod-chat-api-20260109', allowedIps: ['203.0.113.0/24'] },
    });
    expect(result.manual.join('\n')).toContain('203.0.113.0/24');
    expect(result.manual.join('\n')).toContain('per-key rpm');
    expect(w.incidents.issues[0].body).toContain('Not enforced by the provider');
  });

  it('is a no-op on a re-run after success: no second replacement', async () => {
    const w = world();
    await w.run();
    const result = await w.run({ runId: '1002' });
    expectRotated(w, result);
    expect(w.events.filter((e) => e.startsWith('create:'))).toHaveLength(1);
  });

  it('closes the incident when the key is revoked and no longer in HEAD', async () => {
    const w = world();
    await w.run({ inHead: false });
    expect(w.incidents.issues[0].state).toBe('closed');
  });

  it('reopens a closed incident when the same key is rotated again', async () => {
    const w = world();
    await w.run({ inHead: false });
    w.leakedKey.state = 'active';
    await w.run({ runId: '1002', inHead: true });
    expect(w.incidents.issues).toHaveLength(1);
    expect(w.incidents.issues[0].state).toBe('open');
    expect(w.incidents.issues[0].comments.join('\n')).toContain('Reopened by run 1002');
  });

  it('keeps the incident open while the key is still in HEAD', async () => {
    const w = world();
    await w.run({ inHead: true });
    expect(w.incidents.issues[0].state).toBe('open');
  });
});

describe('rotate: other strategies', () => {
  it('promotes a live standby key: verifies it, stores it everywhere, then disables the leaked key', async () => {
    const w = world({
      id: 'anthropic',
      displayName: 'Anthropic',
      create: false,
      makeKey: (g) => g.anthropic(),
    });
    const { key: standbyKey, secret: standby } = w.provider.addKey();
    const result = await w.run({ standby });
    expect(result.status).toBe('rotated');
    expect(result.strategy).toBe('standby');
    for (const v of w.held()) expect(v?.reveal()).toBe(standbyKey.value);
    expect(w.leakedKey.state).toBe('disabled');
    expect(w.events.some((e) => e.startsWith('create:'))).toBe(false);
    expect(idx(w.events, `verify:${standbyKey.id}`)).toBeLessThan(idx(w.events, 'put:repo:OPENAI_API_KEY'));
    expect(w.violations).toEqual([]);
    expect(result.manual.join('\n')).toContain('OPENAI_API_KEY_NEXT');
    expect(w.leakedValues()).toEqual([]);
  });

  it('refuses to promote a standby key the provider does not accept', async () => {
    const w = world({
      id: 'anthropic',
      displayName: 'Anthropic',
      create: false,
      makeKey: (g) => g.anthropic(),
    });
    const { secret: standby } = w.provider.addKey('disabled');
    await expect(w.run({ standby })).rejects.toMatchObject({ step: 'verify-new' });
    expect(w.sink.puts).toBe(0);
    expect(w.leakedKey.state).toBe('active');
  });

  it('in disable mode disables the leaked key without creating one, and asks a human for the replacement', async () => {
    const w = world();
    const result = await w.run({ mode: 'disable' });
    expect(result.status).toBe('contained');
    expect(w.events.some((e) => e.startsWith('create:'))).toBe(false);
    expect(w.sink.puts).toBe(0);
    expect(w.leakedKey.state).toBe('disabled');
    expect(result.manual.join('\n')).toContain('Create a replacement key by hand');
    expect(result.manual.join('\n')).toContain('gh secret set OPENAI_API_KEY --env prod');
  });

  it('with contain-first disables the leaked key before the replacement exists', async () => {
    const w = world();
    const result = await w.run({ containFirst: true });
    expect(result.status).toBe('rotated');
    const newId = w.provider.liveCreated()[0].id;
    expect(idx(w.events, `disable:${w.leakedKey.id}`)).toBeLessThan(idx(w.events, `create:${newId}`));
  });

  it('gives the DeepSeek console runbook and reports the key still live when there is no API to disable it', async () => {
    const w = world({
      id: 'deepseek',
      displayName: 'DeepSeek',
      create: false,
      disable: false,
      makeKey: (g) => g.deepseek(),
    });
    const result = await w.run();
    expect(result.status).toBe('still-live');
    expect(result.stillLive).toBe(true);
    expect(result.leakedState).toBe('live');
    const manual = result.manual.join('\n');
    expect(manual).toContain('https://platform.deepseek.com → API keys');
    expect(manual).toContain(`\`${w.leaked.redacted}\` and delete it`);
    expect(manual).toContain('gh secret set OPENAI_API_KEY');
    expect(manual).toContain('keeps the check failing');
    expect(w.incidents.issues[0].body).toContain('STILL LIVE');
    expect(w.events.filter((e) => !e.startsWith('verify:') && !e.startsWith('issue.'))).toEqual([]);
    expect(w.leakedValues()).toEqual([]);
  });

  it('re-verifies a still-live key on every later run and keeps saying still live', async () => {
    const w = world({
      id: 'deepseek',
      displayName: 'DeepSeek',
      create: false,
      disable: false,
      makeKey: (g) => g.deepseek(),
    });
    await w.run();
    expect((await w.run({ runId: '1002' })).status).toBe('still-live');
    w.leakedKey.state = 'deleted';
    expect((await w.run({ runId: '1003' })).status).toBe('contained');
  });
});

describe('rotate: when the leaked key cannot be pinned down', () => {
  it('never disables a key the admin API matches ambiguously, and says the key is still live', async () => {
    const w = world();
    const ref = (id: string) => ({ provider: 'openai', id });
    w.provider.locate = async () => ({
      status: 'ambiguous',
      matches: [ref('key_a'), ref('key_b')],
      reason: 'two keys share the redacted value',
    });
    const result = await w.run();
    expect(result.status).toBe('still-live');
    expect(w.events.some((e) => e.startsWith('disable:'))).toBe(false);
    expect(result.manual.join('\n')).toContain('keyguard will not guess');
    expect(result.manual.join('\n')).toContain('`key_a`, `key_b`');
  });

  it('stops at verify-old when the provider still accepts the key after disabling it', async () => {
    const w = world();
    w.provider.disable = async () => {};
    w.provider.state = async () => 'active';
    const err = await w.run().catch((e: unknown) => e);
    expect((err as RotationError).step).toBe('verify-old');
    expect((err as Error).message).toContain('still reports it live');
  });
});

describe('rotate: a key the organization does not own', () => {
  const notFound = async () => ({ status: 'not-found' as const, reason: '12 keys in 2 projects searched' });

  it('creates, stores and disables nothing when the admin API does not know the key and no secret is proven to hold it', async () => {
    const w = world();
    w.provider.locate = notFound;
    const result = await w.run();
    expect(result.notOurs).toBe(true);
    expect(result.status).toBe('still-live');
    expect(w.events.filter((e) => /^(create|put|disable|delete):/.test(e))).toEqual([]);
    expect(w.sink.puts).toBe(0);
    expect(result.replacement).toBeUndefined();
    expect(result.manual.join('\n')).toContain('Not our key');
    expect(w.incidents.allText()).toContain('NOT OUR KEY');
    expect(w.leakedValues()).toEqual([]);
  });

  it('creates and stores nothing in contain-first mode either', async () => {
    const w = world();
    w.provider.locate = notFound;
    const result = await w.run({ containFirst: true });
    expect(result.notOurs).toBe(true);
    expect(w.events.filter((e) => /^(create|put|disable):/.test(e))).toEqual([]);
  });

  it.each([
    ['a configured secret whose env value has the leaked fingerprint', ['repo:OPENAI_API_KEY']],
    ['every configured secret proven', ['repo:OPENAI_API_KEY', 'env:prod:OPENAI_API_KEY']],
  ])(
    'rotates into our secrets when %s holds the key, even though the admin API does not know it',
    async (_what, heldBy) => {
      const w = world();
      w.provider.locate = notFound;
      const result = await w.run({ heldBy });
      expect(result.notOurs).toBeUndefined();
      expect(w.events.some((e) => e.startsWith('create:'))).toBe(true);
      expect(w.sink.puts).toBe(3);
    },
  );

  it('does not count a proof for a secret that is not among the targets', async () => {
    const w = world();
    w.provider.locate = notFound;
    const result = await w.run({ heldBy: ['repo:SOME_OTHER_SECRET'] });
    expect(result.notOurs).toBe(true);
    expect(w.sink.puts).toBe(0);
  });

  it('names the commit to follow up but never the committer free text', async () => {
    const w = world();
    w.provider.locate = notFound;
    const sha = 'a'.repeat(40);
    const result = await w.run({
      finding: {
        commit: { sha, author: '[@team](https://evil.example)', email: 'x@example.com', date: '2026-01-01' },
      } as never,
    });
    const text = result.manual.join('\n');
    expect(text).toContain(`commit ${sha.slice(0, 12)}`);
    expect(text).not.toContain('evil.example');
  });
});

describe('rotate: dry run', () => {
  it('prints the plan and changes nothing: no provider call, no secret, no issue write', async () => {
    const w = world();
    const result = await w.run({ dryRun: true });
    expect(result.status).toBe('dry-run');
    expect(w.events).toEqual([]);
    expect(w.sink.puts).toBe(0);
    expect(w.incidents.writes).toBe(0);
    expect(w.logs.join('\n')).toContain('1. plan');
    expect(w.logs.join('\n')).toContain('create a replacement key named prod-chat-api-20260109');
    expect(w.logs.join('\n')).toContain('nothing was changed');
  });
});

interface FaultCase {
  name: string;
  step: string;
  inject: (w: ReturnType<typeof world>) => void;
}

const forbidden = () => new FakeHttpError('request failed: 403 forbidden', 403);

const FAULTS: FaultCase[] = [
  { name: 'create fails', step: 'create', inject: (w) => w.provider.faults.add('create', forbidden) },
  {
    name: 'store fails on the 2nd target',
    step: 'store',
    inject: (w) => w.sink.faults.add('put', forbidden, { after: 1 }),
  },
  {
    name: 'the process dies after create, before any store',
    step: 'store',
    inject: (w) => w.sink.faults.add('put', () => new Crash('sink')),
  },
  {
    name: 'the process dies after the last store, before it is recorded',
    step: 'store',
    inject: (w) => w.sink.faults.add('put', () => new Crash('sink'), { after: 2, when: 'after' }),
  },
  {
    name: 'verify-new fails',
    step: 'verify-new',
    inject: (w) => w.provider.faults.add('verify', () => new FakeHttpError('GET /v1/models: 400', 400)),
  },
  { name: 'disable fails', step: 'disable', inject: (w) => w.provider.faults.add('disable', forbidden) },
  {
    name: 'the process dies between store and disable',
    step: 'disable',
    inject: (w) => w.provider.faults.add('disable', () => new Crash('provider')),
  },
  {
    name: 'disable takes effect but its answer is lost and the provider cannot be asked',
    step: 'disable',
    inject: (w) => {
      w.provider.faults.add('disable', () => new Crash('provider'), { when: 'after' });
      w.provider.faults.add('state', () => new FakeHttpError('GET key: 503', 503), { times: 3 });
    },
  },
  {
    name: 'verify-old fails',
    step: 'verify-old',
    inject: (w) =>
      w.provider.faults.add('verify', () => new FakeHttpError('GET /v1/models: 400', 400), { after: 1 }),
  },
  {
    name: 'the incident store fails to record the created replacement',
    step: 'create',
    inject: (w) =>
      w.incidents.faults.add('update', () => new FakeHttpError('PATCH issue: 422', 422), { after: 2 }),
  },
];

describe.each(FAULTS)('rotate: when $name', ({ step, inject }) => {
  it(`stops at step "${step}" with an error naming it, and never disables the leaked key early`, async () => {
    const w = world();
    inject(w);
    const err = await w.run().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RotationError);
    expect((err as RotationError).step).toBe(step);
    expect((err as Error).message).toContain(`step "${step}"`);
    expect((err as Error).message).toContain('re-run to finish');
    expect(w.violations).toEqual([]);
    expect(w.leakedValues()).toEqual([]);
  });

  it('finishes on a re-run with exactly one live replacement in every secret and the leaked key disabled', async () => {
    const w = world();
    inject(w);
    await w.run().catch(() => undefined);
    w.provider.faults.clear();
    w.sink.faults.clear();
    w.incidents.faults.clear();
    const result = await w.run({ runId: '1002' });
    expectRotated(w, result);
  });
});

describe('rotate: retries and recovery', () => {
  it('retries a transient store failure and completes in one run', async () => {
    const w = world();
    w.sink.faults.add('put', () => new FakeHttpError('PUT secret: 503', 503), { after: 1 });
    expectRotated(w, await w.run());
    expect(w.logs.join('\n')).toContain('retry 1');
  });

  it('treats a retried delete that answers 404 as done once the provider says the key is gone', async () => {
    const w = world({ disableDeletes: true });
    w.provider.faults.add('disable', () => new FakeHttpError('DELETE key: 502', 502), { when: 'after' });
    const result = await w.run();
    expectRotated(w, result);
    expect(w.leakedKey.state).toBe('deleted');
    expect(w.events).toContain(`state:${w.leakedKey.id}`);
  });

  it('deletes the replacement orphaned by a store failure and overwrites the secrets that held it', async () => {
    const w = world();
    w.sink.faults.add('put', forbidden, { after: 1 });
    await w.run().catch(() => undefined);
    const orphan = w.provider.liveCreated()[0];
    expect(w.sink.values.get('repo:OPENAI_API_KEY')?.reveal()).toBe(orphan.value);
    const result = await w.run({ runId: '1002' });
    expectRotated(w, result);
    expect(orphan.state).toBe('deleted');
    expect(w.events).toContain(`delete:${orphan.id}`);
    expect(result.journal?.orphans).toEqual([expect.objectContaining({ deleted: true })]);
    expect(w.incidents.issues[0].body).toContain(`orphaned replacement \`${orphan.id}\``);
  });

  it('verifies a replacement stored by an earlier run by its key id instead of creating another', async () => {
    const w = world();
    w.provider.faults.add('verify', () => new FakeHttpError('GET /v1/models: 400', 400));
    await w.run().catch(() => undefined);
    const result = await w.run({ runId: '1002' });
    expectRotated(w, result);
    expect(w.events.filter((e) => e.startsWith('create:'))).toHaveLength(1);
  });

  it('asks a human to look for a key whose create call was interrupted', async () => {
    const w = world();
    w.provider.faults.add('create', () => new Crash('provider'), { when: 'after' });
    await w.run().catch(() => undefined);
    const result = await w.run({ runId: '1002' });
    expect(result.manual.join('\n')).toContain('stopped inside the create call for `prod-chat-api-20260109`');
  });

  it('lists an orphan it could not delete as a manual step without failing the rotation', async () => {
    const w = world();
    w.sink.faults.add('put', forbidden, { after: 1 });
    await w.run().catch(() => undefined);
    w.provider.faults.add('delete', forbidden);
    const result = await w.run({ runId: '1002' });
    expect(result.status).toBe('rotated');
    expect(result.manual.join('\n')).toContain('Delete the orphaned replacement key id');
  });
});

describe('rotate: concurrency', () => {
  it('lets only one of two concurrent runs create a replacement; the other stops with a clear message', async () => {
    const w = world();
    const [a, b] = await Promise.allSettled([
      rotate(w.request({ runId: '2001' }), w.deps),
      rotate(w.request({ runId: '2002' }), w.deps),
    ]);
    const outcomes = [a, b].map((r) => r.status);
    expect(outcomes.sort()).toEqual(['fulfilled', 'rejected']);
    const rejected = [a, b].find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason).toBeInstanceOf(RotationLockedError);
    expect(rejected.reason.message).toMatch(/is already being rotated by run 200[12]/);
    expect(w.events.filter((e) => e.startsWith('create:'))).toHaveLength(1);
    expect(w.incidents.issues.filter((i) => i.state === 'open')).toHaveLength(1);
  });

  it('lets only one of two concurrent re-runs resume an existing incident', async () => {
    const w = world();
    w.sink.faults.add('put', forbidden, { after: 1 });
    await w.run().catch(() => undefined);
    const settled = await Promise.allSettled([
      rotate(w.request({ runId: '2001' }), w.deps),
      rotate(w.request({ runId: '2002' }), w.deps),
    ]);
    expect(settled.filter((r) => r.status === 'rejected')).toHaveLength(1);
    expect(w.provider.liveCreated()).toHaveLength(1);
    expect(w.events.filter((e) => e.startsWith('create:'))).toHaveLength(2);
  });

  it('stops while another run holds a fresh lock, and takes over a lock older than 30 minutes', async () => {
    const w = world();
    // A run that died without releasing its lock.
    w.sink.faults.add('put', () => new Crash('sink'));
    w.incidents.faults.add('update', () => new Crash('incidents'), { after: 3, times: 10 });
    await w.run({ runId: '3001' }).catch(() => undefined);
    expect(parseJournal(w.incidents.issues[0].body)?.lock?.runId).toBe('3001');
    w.sink.faults.clear();
    w.incidents.faults.clear();
    await expect(w.run({ runId: '3002' })).rejects.toThrow(/already being rotated by run 3001/);
    w.setNow(new Date(NOW.getTime() + 31 * 60_000));
    expectRotated(w, await w.run({ runId: '3002' }));
  });

  it('lets a re-run of the same workflow run (same run id) resume its own lock', async () => {
    const w = world();
    w.sink.faults.add('put', () => new Crash('sink'));
    w.incidents.faults.add('update', () => new Crash('incidents'), { after: 3, times: 10 });
    await w.run({ runId: '3001' }).catch(() => undefined);
    w.sink.faults.clear();
    w.incidents.faults.clear();
    expectRotated(w, await w.run({ runId: '3001' }));
  });
});

describe('rotate: secrecy', () => {
  it('never puts a whole key in a journal, issue, comment, log line or error, even when steps fail', async () => {
    const w = world();
    w.sink.faults.add('put', () => new FakeHttpError(`PUT failed for ${w.leaked.reveal()}`, 403), {
      after: 1,
    });
    await w.run().catch(() => undefined);
    await w.run({ runId: '1002' });
    expect(w.allText().length).toBeGreaterThan(1000);
    expect(w.leakedValues()).toEqual([]);
    expect(w.allText()).toContain(w.leaked.redacted);
  });
});
