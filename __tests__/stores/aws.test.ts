/**
 * The AWS Secrets Manager sink through the real SDK (@aws-sdk/client-secrets-manager) against the
 * emulator, which verifies every SigV4 signature and enforces the API reference's shapes and
 * staging-label rules.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { RetryBudget } from '../../src/http/budget.js';
import type { Secret } from '../../src/scan/secret.js';
import { versionToken } from '../../src/stores/aws.js';
import type { StoreError } from '../../src/stores/types.js';
import { AwsFixture, SINK_ACTIONS } from './aws-helpers.js';
import { storeErrorOf } from './store-error.js';

const fx = new AwsFixture(41);
/** Every error message the tests saw, checked at the end for keys and credentials. */
const errors: string[] = [];
const keysSeen: Secret[] = [];

function key(): Secret {
  const k = fx.key();
  keysSeen.push(k);
  return k;
}

/** The StoreError `p` rejects with, its message kept for the checks that no error names a key. */
async function failure(p: Promise<unknown>): Promise<StoreError> {
  const err = await storeErrorOf(p);
  errors.push(err.message);
  return err;
}

let n = 0;
const fresh = (prefix = 'prod/openai') => `${prefix}-${++n}`;

beforeAll(async () => {
  await fx.start();
});

afterAll(async () => {
  await fx.stop();
});

describe('holds', () => {
  test('a secret whose current value is the leaked key holds it', async () => {
    const leaked = key();
    const name = fresh();
    fx.emulator.seed(name, [leaked.reveal()]);
    await expect(fx.store(name).holds(leaked)).resolves.toEqual({ state: 'holds' });
  });

  test('a secret whose current value is another key is left alone', async () => {
    const leaked = key();
    const name = fresh();
    fx.emulator.seed(name, [leaked.reveal(), key().reveal()]);
    await expect(fx.store(name).holds(leaked)).resolves.toEqual({ state: 'other' });
  });

  test('a secret that does not exist is absent', async () => {
    await expect(fx.store(fresh()).holds(key())).resolves.toEqual({ state: 'absent' });
  });

  test('the leaked key as one field of a JSON secret is found by that field', async () => {
    const leaked = key();
    const name = fresh();
    fx.emulator.seed(name, [JSON.stringify({ user: 'svc', api_key: leaked.reveal(), region: 'eu' })]);
    await expect(fx.store(name, { field: 'api_key' }).holds(leaked)).resolves.toEqual({ state: 'holds' });
  });

  test('a JSON secret without the configured field is absent for that field', async () => {
    const name = fresh();
    fx.emulator.seed(name, [JSON.stringify({ user: 'svc' })]);
    await expect(fx.store(name, { field: 'api_key' }).holds(key())).resolves.toEqual({ state: 'absent' });
  });

  test('the leaked key staged as AWSPENDING by a rotation in flight counts as held', async () => {
    const leaked = key();
    const name = fresh();
    fx.emulator.seed(name, [key().reveal()]);
    fx.emulator.addVersion(name, leaked.reveal(), ['AWSPENDING']);
    await expect(fx.store(name).holds(leaked)).resolves.toEqual({ state: 'holds' });
  });

  test('credentials without GetSecretValue give unknown, not an error', async () => {
    const leaked = key();
    const name = fresh();
    fx.emulator.seed(name, [leaked.reveal()]);
    const writeOnly = fx.accessKey(SINK_ACTIONS.filter((a) => a !== 'secretsmanager:GetSecretValue'));
    const h = await fx.store(name, { key: writeOnly }).holds(leaked);
    expect(h.state).toBe('unknown');
    expect(h.state === 'unknown' && h.why).toMatch(/AccessDeniedException/);
  });
});

describe('preflight', () => {
  test('a writable secret passes, and the write probe creates no version and moves no label', async () => {
    const name = fresh();
    fx.emulator.seed(name, [key().reveal(), key().reveal()]);
    const before = fx.stages(name);
    const current = fx.emulator.versionWith(name, 'AWSCURRENT')!.id;
    await fx.store(name).preflight();
    expect(fx.stages(name)).toEqual(before);
    const probe = fx.emulator.calls.filter((c) => c.op === 'PutSecretValue' && c.input.SecretId === name);
    expect(probe.map((c) => c.input.ClientRequestToken)).toEqual([current]);
  });

  test('credentials without PutSecretValue fail preflight, naming the permission', async () => {
    const name = fresh();
    fx.emulator.seed(name, [key().reveal()]);
    const readOnly = fx.accessKey(SINK_ACTIONS.filter((a) => a !== 'secretsmanager:PutSecretValue'));
    const err = await failure(fx.store(name, { key: readOnly }).preflight());
    expect(err.message).toMatch(/PutSecretValue.*not permitted/);
    expect(err.transient).toBe(false);
  });

  test('a secret that does not exist fails preflight unless create is set', async () => {
    const name = fresh();
    const err = await failure(fx.store(name).preflight());
    expect(err.message).toMatch(/does not exist.*create: true/);
    await expect(fx.store(name, { options: { create: true } }).preflight()).resolves.toBeUndefined();
  });

  test('a secret scheduled for deletion fails preflight', async () => {
    const name = fresh();
    fx.emulator.seed(name, [key().reveal()], { deleted: true });
    expect((await failure(fx.store(name).preflight())).message).toMatch(/scheduled for deletion/);
  });

  test('a secret managed by another AWS service fails preflight', async () => {
    const name = fresh();
    fx.emulator.seed(name, [key().reveal()], { owningService: 'rds' });
    expect((await failure(fx.store(name).preflight())).message).toMatch(/managed by rds/);
  });

  test('a rotation in flight (an AWSPENDING version) fails preflight', async () => {
    const name = fresh();
    fx.emulator.seed(name, [key().reveal()], {
      rotationLambdaArn: 'arn:aws:lambda:us-east-1:123456789012:function:rot',
    });
    fx.emulator.addVersion(name, key().reveal(), ['AWSPENDING']);
    expect((await failure(fx.store(name).preflight())).message).toMatch(/being rotated by Secrets Manager/);
  });

  test("Secrets Manager's own rotation, when idle, is said in the log and in the follow-ups", async () => {
    const name = fresh();
    fx.emulator.seed(name, [key().reveal()], {
      rotationLambdaArn: 'arn:aws:lambda:us-east-1:123456789012:function:rot',
    });
    const store = fx.store(name);
    await store.preflight();
    expect(fx.logs.some((l) => l.includes(name) && /own rotation is on/.test(l))).toBe(true);
    expect((await store.followUps!()).join('\n')).toMatch(/rotates .* itself/);
  });

  test('a field store on a secret that is not JSON fails preflight', async () => {
    const name = fresh();
    fx.emulator.seed(name, [key().reveal()]);
    expect((await failure(fx.store(name, { field: 'api_key' }).preflight())).message).toMatch(
      /not a JSON object/,
    );
  });
});

describe('put', () => {
  test('the replacement becomes AWSCURRENT and the old value AWSPREVIOUS', async () => {
    const [old, replacement] = [key(), key()];
    const name = fresh();
    fx.emulator.seed(name, [key().reveal(), old.reveal()]);
    const w = await fx.store(name).put(replacement);
    expect(w.outcome).toBe('updated');
    expect(fx.valueAt(name)).toBe(replacement.reveal());
    expect(fx.valueAt(name, 'AWSPREVIOUS')).toBe(old.reveal());
    expect(fx.stages(name)).toEqual([[], ['AWSPREVIOUS'], ['AWSCURRENT']]);
  });

  test("the new version's id is the token derived from the secret and the replacement", async () => {
    const replacement = key();
    const name = fresh();
    fx.emulator.seed(name, [key().reveal()]);
    const w = await fx.store(name).put(replacement);
    expect(w.version).toBe(versionToken('us-east-1', name, undefined, replacement));
  });

  test('a JSON secret keeps every other field, in order', async () => {
    const replacement = key();
    const name = fresh();
    fx.emulator.seed(name, [JSON.stringify({ user: 'svc', api_key: key().reveal(), port: 5432 })]);
    await fx.store(name, { field: 'api_key' }).put(replacement);
    expect(fx.valueAt(name)).toBe(JSON.stringify({ user: 'svc', api_key: replacement.reveal(), port: 5432 }));
  });

  test('a JSON secret keeps every other byte: big integers, duplicate keys, spacing and escapes', async () => {
    const replacement = key();
    const name = fresh();
    const secretWith = (k: string) =>
      `{\n  "id": 9007199254740993,\n  "api_key" : ${JSON.stringify(k)},\n  "tags": {"b": 1, "a": 2.50},\n  "note": "caf\\u00e9",\n  "x": 1, "x": 2\n}\n`;
    fx.emulator.seed(name, [secretWith(key().reveal())]);
    await fx.store(name, { field: 'api_key' }).put(replacement);
    expect(fx.valueAt(name)).toBe(secretWith(replacement.reveal()));
  });

  test('a JSON secret with the field twice is refused before any write, naming the duplicate', async () => {
    const name = fresh();
    const held = key().reveal();
    fx.emulator.seed(name, [`{"api_key": ${JSON.stringify(held)}, "api_key": ${JSON.stringify(held)}}`]);
    const store = fx.store(name, { field: 'api_key' });
    const err = await failure(store.preflight());
    expect(err.message).toMatch(/has 2 members named "api_key".*remove the duplicate/);
    await failure(store.put(key()));
    expect(fx.emulator.secrets.get(name)!.versions.size).toBe(1);
  });

  test('a new field of a JSON secret goes last and leaves the rest as it was', async () => {
    const replacement = key();
    const name = fresh();
    const before = '{ "id": 12345678901234567890 }';
    fx.emulator.seed(name, [before]);
    await fx.store(name, { field: 'api_key' }).put(replacement);
    expect(fx.valueAt(name)).toBe(
      `{ "id": 12345678901234567890,"api_key":${JSON.stringify(replacement.reveal())} }`,
    );
  });

  test('putting the same replacement again adds no version', async () => {
    const replacement = key();
    const name = fresh();
    fx.emulator.seed(name, [key().reveal()]);
    const store = fx.store(name);
    const first = await store.put(replacement);
    const second = await store.put(replacement);
    expect(second.version).toBe(first.version);
    expect(fx.emulator.secrets.get(name)!.versions.size).toBe(2);
  });

  test('a put whose answer was lost is retried with the same token and makes one version', async () => {
    const replacement = key();
    const name = fresh();
    fx.emulator.seed(name, [key().reveal()]);
    fx.emulator.injectFault({ kind: 'lose-answer' }, { op: 'PutSecretValue' });
    const store = fx.store(name, { deps: { requestTimeoutMs: 300 } });
    const w = await store.put(replacement);
    const puts = fx.emulator.calls.filter((c) => c.op === 'PutSecretValue' && c.input.SecretId === name);
    expect(puts).toHaveLength(2);
    expect(new Set(puts.map((c) => c.input.ClientRequestToken)).size).toBe(1);
    expect(fx.emulator.secrets.get(name)!.versions.size).toBe(2);
    expect(w.version).toBe(puts[0]!.input.ClientRequestToken);
  });

  test('a secret that does not exist is created when create is set', async () => {
    const replacement = key();
    const name = fresh();
    const w = await fx
      .store(name, { field: 'api_key', options: { create: true }, key: fx.accessKey('*') })
      .put(replacement);
    expect(w.outcome).toBe('created');
    expect(fx.valueAt(name)).toBe(JSON.stringify({ api_key: replacement.reveal() }));
  });

  test('a secret that does not exist is not created without create', async () => {
    const err = await failure(fx.store(fresh()).put(key()));
    expect(err.message).toMatch(/does not exist/);
  });

  test('write-only credentials replace a whole value blind', async () => {
    const replacement = key();
    const name = fresh();
    fx.emulator.seed(name, [key().reveal()]);
    const writeOnly = fx.accessKey(['secretsmanager:PutSecretValue']);
    await fx.store(name, { key: writeOnly }).put(replacement);
    expect(fx.valueAt(name)).toBe(replacement.reveal());
  });
});

describe('retire', () => {
  test('an AWSPENDING version holding the leaked key loses the label', async () => {
    const [leaked, replacement] = [key(), key()];
    const name = fresh();
    fx.emulator.seed(name, [leaked.reveal()]);
    const pending = fx.emulator.addVersion(name, leaked.reveal(), ['AWSPENDING']);
    const store = fx.store(name);
    await store.put(replacement);
    const lines = await store.retire!(leaked);
    expect(fx.emulator.secrets.get(name)!.versions.get(pending)!.stages.size).toBe(0);
    expect(lines.join('\n')).toMatch(new RegExp(`removed AWSPENDING from version ${pending}`));
  });

  test('a custom label on a version holding the leaked key is removed too', async () => {
    const [leaked, replacement] = [key(), key()];
    const name = fresh();
    fx.emulator.seed(name, [key().reveal()]);
    const staged = fx.emulator.addVersion(name, leaked.reveal(), ['blue']);
    const store = fx.store(name);
    await store.put(replacement);
    await store.retire!(leaked);
    expect([...fx.emulator.secrets.get(name)!.versions.get(staged)!.stages]).toEqual([]);
  });

  test('AWSPREVIOUS holding the leaked key stays, and the lines say so', async () => {
    const [leaked, replacement] = [key(), key()];
    const name = fresh();
    fx.emulator.seed(name, [leaked.reveal()]);
    const store = fx.store(name);
    await store.put(replacement);
    const lines = await store.retire!(leaked);
    expect(fx.valueAt(name, 'AWSPREVIOUS')).toBe(leaked.reveal());
    expect(lines.join('\n')).toMatch(/keeps AWSPREVIOUS and holds the leaked key, which is disabled/);
  });

  test('with retire-previous, AWSPREVIOUS is removed from the leaked version', async () => {
    const [leaked, replacement] = [key(), key()];
    const name = fresh();
    fx.emulator.seed(name, [leaked.reveal()]);
    const store = fx.store(name, { options: { 'retire-previous': true } });
    await store.put(replacement);
    await store.retire!(leaked);
    expect(fx.emulator.versionWith(name, 'AWSPREVIOUS')).toBeUndefined();
    expect(fx.valueAt(name)).toBe(replacement.reveal());
  });

  test('the leaked key still AWSCURRENT is an error, not a line', async () => {
    const leaked = key();
    const name = fresh();
    fx.emulator.seed(name, [leaked.reveal()]);
    expect((await failure(fx.store(name).retire!(leaked))).message).toMatch(
      /still holds the leaked key as AWSCURRENT/,
    );
  });

  test('a JSON field secret is retired by that field', async () => {
    const [leaked, replacement] = [key(), key()];
    const name = fresh();
    fx.emulator.seed(name, [JSON.stringify({ a: 1, api_key: leaked.reveal() })]);
    const pending = fx.emulator.addVersion(name, JSON.stringify({ a: 2, api_key: leaked.reveal() }), [
      'AWSPENDING',
    ]);
    const store = fx.store(name, { field: 'api_key' });
    await store.put(replacement);
    await store.retire!(leaked);
    expect(fx.emulator.secrets.get(name)!.versions.get(pending)!.stages.size).toBe(0);
  });
});

describe('retries and the run budget', () => {
  test('throttling twice is retried within the budget', async () => {
    const leaked = key();
    const name = fresh();
    fx.emulator.seed(name, [leaked.reveal()]);
    fx.emulator.injectFault({ kind: 'throttle' }, { op: 'GetSecretValue', times: 2 });
    const budget = new RetryBudget({ totalMs: 5_000 });
    await expect(fx.store(name, { deps: { budget } }).holds(leaked)).resolves.toEqual({ state: 'holds' });
    expect(budget.remainingMs()).toBeLessThan(5_000);
  });

  test('throttling past the attempts is a transient StoreError', async () => {
    const name = fresh();
    fx.emulator.seed(name, [key().reveal()]);
    fx.emulator.injectFault({ kind: 'throttle' }, { op: 'DescribeSecret', times: 3 });
    const err = await failure(fx.store(name).preflight());
    expect(err.transient).toBe(true);
    expect(err.message).toMatch(/throttled by AWS \(ThrottlingException\)/);
  });

  test('a wait the budget cannot pay is not slept: the call fails at once', async () => {
    const name = fresh();
    fx.emulator.seed(name, [key().reveal()]);
    fx.emulator.injectFault({ kind: 'internal' }, { op: 'DescribeSecret' });
    const budget = new RetryBudget({ totalMs: 0 });
    const err = await failure(fx.store(name, { deps: { budget } }).preflight());
    expect(err.transient).toBe(true);
    expect(err.message).toMatch(/AWS server error.*no retry: 0 s of the run's 0 s retry budget left/);
  });

  test('a request that hangs times out and is retried', async () => {
    const name = fresh();
    fx.emulator.seed(name, [key().reveal()]);
    fx.emulator.injectFault({ kind: 'hang' }, { op: 'DescribeSecret' });
    await expect(fx.store(name, { deps: { requestTimeoutMs: 300 } }).preflight()).resolves.toBeUndefined();
  });

  test('an endpoint that refuses connections is a transient StoreError', async () => {
    const store = fx.store(fresh(), { deps: { endpoint: 'http://127.0.0.1:9', attempts: 1 } });
    const err = await failure(store.preflight());
    expect(err.message).toMatch(/no answer from Secrets Manager/);
    expect(err.transient).toBe(true);
  });
});

describe('signatures', () => {
  test('a wrong secret access key is refused by the emulator and reported as refused credentials', async () => {
    const name = fresh();
    fx.emulator.seed(name, [key().reveal()]);
    const real = fx.accessKey();
    const forged = { ...real, secretAccessKey: fx.gen.b64url(40) };
    fx.credentials.push(forged.secretAccessKey);
    const refusedBefore = fx.emulator.refused.length;
    const err = await failure(fx.store(name, { deps: { credentials: forged } }).preflight());
    expect(err.message).toMatch(/AWS refused the credentials \(InvalidSignatureException\)/);
    expect(fx.emulator.refused.slice(refusedBefore)).toEqual(['InvalidSignatureException']);
  });

  test('temporary credentials sign their session token, and a missing token is refused', async () => {
    const name = fresh();
    fx.emulator.seed(name, [key().reveal()]);
    const temp = fx.accessKey(SINK_ACTIONS, { session: true });
    await expect(fx.store(name, { key: temp }).preflight()).resolves.toBeUndefined();
    const noToken = { accessKeyId: temp.accessKeyId, secretAccessKey: temp.secretAccessKey };
    const err = await failure(fx.store(name, { deps: { credentials: noToken } }).preflight());
    expect(err.message).toMatch(/UnrecognizedClientException/);
  });

  test('a signature from a clock 10 minutes off is refused as expired', async () => {
    const skewed = new AwsFixture(43, 'us-east-1', () => Date.now() + 10 * 60_000);
    await skewed.start();
    try {
      skewed.emulator.seed('s', [skewed.key().reveal()]);
      const err = await failure(skewed.store('s').preflight());
      expect(err.message).toMatch(/InvalidSignatureException/);
      expect(skewed.emulator.refused).toEqual(['InvalidSignatureException']);
    } finally {
      await skewed.stop();
    }
  });

  test('the standard credential chain reads keys from the environment', async () => {
    const name = fresh();
    fx.emulator.seed(name, [key().reveal()]);
    const k = fx.accessKey(SINK_ACTIONS, { session: true });
    const saved = { ...process.env };
    Object.assign(process.env, {
      AWS_ACCESS_KEY_ID: k.accessKeyId,
      AWS_SECRET_ACCESS_KEY: k.secretAccessKey,
      AWS_SESSION_TOKEN: k.sessionToken,
    });
    delete process.env.AWS_PROFILE;
    try {
      await expect(fx.store(name, { deps: { credentials: undefined } }).preflight()).resolves.toBeUndefined();
    } finally {
      for (const v of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE']) {
        if (saved[v] === undefined) delete process.env[v];
        else process.env[v] = saved[v];
      }
    }
  });
});

describe('configuration', () => {
  test.each([
    [{ name: 'x', options: { region: 'Mars' } }, /not an AWS region/],
    [{ name: 'x', options: { endpoint: 'http://example.test' } }, /https:\/\/ origin/],
    [{ name: 'x', options: { colour: 'red' } }, /unknown option colour/],
    [{ name: 'x', options: { create: 'yes' } }, /create must be true or false/],
  ])('%j is refused', (cfg, why) => {
    expect(() => fx.store(cfg.name, { options: cfg.options })).toThrow(why);
  });

  test('the region of an ARN is the store region', () => {
    const store = fx.store('arn:aws:secretsmanager:eu-west-3:123456789012:secret:prod/k-AbCdEf', {
      deps: { region: undefined },
    });
    expect(store.id).toBe('aws:eu-west-3:arn:aws:secretsmanager:eu-west-3:123456789012:secret:prod/k-AbCdEf');
  });

  test('the id and the plan carry no key material', () => {
    const store = fx.store('prod/openai', { field: 'api_key' });
    expect(store.id).toBe('aws:us-east-1:prod/openai#api_key');
    expect(store.plan()).toMatch(/field api_key of prod\/openai gets a new version .* AWSCURRENT/);
  });
});

test('no key and no credential appears in any error or log line', () => {
  expect(errors.length).toBeGreaterThan(5);
  const text = [...errors, ...fx.logs].join('\n');
  for (const k of keysSeen) expect(text).not.toContain(k.reveal());
  for (const c of fx.credentials) expect(text).not.toContain(c);
  expect(text).not.toMatch(/KGEMU[A-Z2-7]{15}/);
});
