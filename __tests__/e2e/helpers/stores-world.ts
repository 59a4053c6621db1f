/**
 * Shared world for the e2e tests of rotation into stores (rotation-stores*.test.ts), on top of
 * world.ts: the rotation config that lists the stores, the AWS Secrets Manager store (its secret, an
 * access key and the step env that reach it), and a log of the writes to each place and of the leaked
 * key's disable, in the order the emulators saw them, by which the tests check that every place held
 * the replacement before the leaked key went.
 */

import type { Journal } from '../../../src/incident/journal.js';
import { fingerprint } from '../../../src/scan/secret.js';
import { type AccessKey, SecretsManagerEmulator } from '../../emulators/aws-secrets-manager.js';
import type { GitHubEmulator } from '../../emulators/github.js';
import { type OpenAIEmulator, type OpenAIKeyRecord, startOpenAIEmulator } from '../../emulators/openai.js';
import type { EmulatorServer, RecordedRequest } from '../../emulators/server.js';
import type { KeyGen } from '../../helpers/keygen.js';
import type { RunResult } from '../harness.js';
import { journalOf, liveReplacements, newOpenAILeak, startGitHub, watchRequests } from './world.js';

/** The AWS secret the stores hold the key in: a JSON document, the key in its field `api_key`. */
export const AWS_SECRET = 'prod/openai';

/** What the AWS store needs to rotate (docs/stores.md's policy), the write probe included. */
export const AWS_ROTATION_ACTIONS = [
  'secretsmanager:DescribeSecret',
  'secretsmanager:GetSecretValue',
  'secretsmanager:PutSecretValue',
  'secretsmanager:ListSecretVersionIds',
  'secretsmanager:UpdateSecretVersionStage',
];

/** The same without PutSecretValue: credentials that may read the secret but not write it. */
export const AWS_READ_ACTIONS = AWS_ROTATION_ACTIONS.filter((a) => a !== 'secretsmanager:PutSecretValue');

/** The store entry for AWS_SECRET with the default config (the write probe on). */
export const AWS_STORE = `{ kind: aws-secrets-manager, name: ${AWS_SECRET}, field: api_key, region: us-east-1 }`;

/** The same with the write probe off (the only PutSecretValue is then the replacement's). */
export const AWS_STORE_NO_PROBE = AWS_STORE.replace(' }', ', write-probe: false }');

/** The rotation config for an OpenAI key in the repository secret OPENAI_API_KEY and in `stores`. */
export function openaiStoresConfig(...stores: string[]): string {
  return `rotation:
  openai:
    env: prod
    purpose: chat-api
    secrets:
      - { name: OPENAI_API_KEY }
    stores:
${stores.map((s) => `      - ${s}\n`).join('')}`;
}

/** A static access key the Secrets Manager emulator accepts for `actions` (emulator ids, not key-shaped). */
export function addAwsAccessKey(
  aws: SecretsManagerEmulator,
  gen: KeyGen,
  actions: string[] = AWS_ROTATION_ACTIONS,
): AccessKey {
  const key: AccessKey = {
    accessKeyId: `KGEMU${gen.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 15)}`,
    secretAccessKey: gen.b64url(40),
    allow: new Set(actions),
  };
  aws.addAccessKey(key);
  return key;
}

/** The step env that reaches the Secrets Manager emulator with a static access key (no instance metadata). */
export function awsKeyEnv(aws: SecretsManagerEmulator, key: AccessKey): Record<string, string> {
  return {
    AWS_ACCESS_KEY_ID: key.accessKeyId,
    AWS_SECRET_ACCESS_KEY: key.secretAccessKey,
    AWS_REGION: 'us-east-1',
    AWS_ENDPOINT_URL_SECRETS_MANAGER: aws.endpoint,
    AWS_EC2_METADATA_DISABLED: 'true',
  };
}

/** The document AWS_SECRET holds: `value` in `api_key`, among other fields a rotation must keep. */
export function seedAwsSecret(aws: SecretsManagerEmulator, value: string): void {
  aws.seed(AWS_SECRET, [JSON.stringify({ api_key: value, org: 'acme', timeout: 30 })]);
}

/** The document of AWS_SECRET's AWSCURRENT version. */
export function awsCurrent(aws: SecretsManagerEmulator): Record<string, unknown> {
  return JSON.parse(aws.versionWith(AWS_SECRET, 'AWSCURRENT')!.secretString!);
}

/**
 * What the tests of three places at once start from: GitHub, OpenAI and Secrets Manager emulators, an
 * access key the AWS store may rotate with, and the log of the writes to GitHub and AWS (each test
 * adds its third place, and logs it).
 */
export async function startGitHubOpenAIAndAws(gen: KeyGen) {
  const github = await startGitHub();
  const openai = await startOpenAIEmulator();
  const aws = new SecretsManagerEmulator({ region: 'us-east-1' });
  await aws.start();
  const awsKey = addAwsAccessKey(aws, gen);
  const events: PlaceEvent[] = [];
  logGitHubAndAwsPuts(events, github, aws);
  return { github, openai, aws, awsKey, events };
}

/**
 * A leaked OpenAI key (with an admin key to rotate it) in the repository secret OPENAI_API_KEY and
 * in AWS_SECRET, its disable logged in `events`; the test puts it in its third place.
 */
export function leakIntoGitHubAndAws(world: {
  github: GitHubEmulator;
  openai: OpenAIEmulator;
  aws: SecretsManagerEmulator;
  events: PlaceEvent[];
}) {
  const w = newOpenAILeak(world.openai);
  world.github.setSecret('repo', 'OPENAI_API_KEY', w.leaked.value);
  seedAwsSecret(world.aws, w.leaked.value);
  logDisable(world.events, world.openai, w.leaked);
  return w;
}

/**
 * One live replacement, in the repository secret OPENAI_API_KEY and in AWS_SECRET (its other fields
 * kept as seedAwsSecret wrote them); the leaked key deleted. Returns the replacement.
 */
export function expectReplacedInGitHubAndAws(
  world: { github: GitHubEmulator; openai: OpenAIEmulator; aws: SecretsManagerEmulator },
  leaked: OpenAIKeyRecord,
): OpenAIKeyRecord {
  const { github, openai, aws } = world;
  const live = liveReplacements(openai, leaked);
  expect(live).toHaveLength(1);
  const value = live[0]!.value;
  expect(github.secretValue('repo', 'OPENAI_API_KEY')).toBe(value);
  expect(awsCurrent(aws)).toEqual({ api_key: value, org: 'acme', timeout: 30 });
  expect(openai.keyState(leaked.id)).toBe('deleted');
  return live[0]!;
}

/**
 * The leaked key's incident journal says rotated, with its places done in order: the repository
 * secret, AWS_SECRET's field, then `third` (a store's target, or a matcher for one). Returns it.
 */
export function expectJournalRotated(
  github: GitHubEmulator,
  leaked: OpenAIKeyRecord,
  third: unknown,
): Journal {
  const j = journalOf(github, fingerprint(leaked.value));
  expect(j.status).toBe('rotated');
  expect(j.targetsDone).toEqual(['repo:OPENAI_API_KEY', `aws:us-east-1:${AWS_SECRET}#api_key`, third]);
  return j;
}

/**
 * After a run that stopped: nothing rotated, the leaked key still active and never disabled, and its
 * incident failed (a re-run is to finish the job).
 */
export function expectLeakedKeptLive(
  run: RunResult,
  world: { github: GitHubEmulator; openai: OpenAIEmulator; events: PlaceEvent[] },
  leaked: OpenAIKeyRecord,
): void {
  expect(run.outputs.rotated).toBe('0');
  expect(world.openai.keyState(leaked.id)).toBe('active');
  expect(world.events.some((e) => e.what === 'disable')).toBe(false);
  expect(journalOf(world.github, fingerprint(leaked.value)).status).toBe('failed');
}

/** A write to a place (`put:github`, `put:aws`, ...) or the leaked key's `disable`, and when. */
export interface PlaceEvent {
  what: string;
  at: number;
}

/** Logs in `events` each request to `server` that `name` names (and skips those it does not). */
export function logRequests(
  events: PlaceEvent[],
  server: EmulatorServer,
  name: (r: RecordedRequest) => string | undefined,
): void {
  watchRequests(server, (r, at) => {
    const what = name(r);
    if (what) events.push({ what, at });
  });
}

/** Logs every secret written at GitHub as `put:github` and every PutSecretValue at AWS as `put:aws`. */
export function logGitHubAndAwsPuts(
  events: PlaceEvent[],
  github: GitHubEmulator,
  aws: SecretsManagerEmulator,
): void {
  logRequests(events, github.server, (r) =>
    r.method === 'PUT' && /\/secrets\/[A-Z_]+$/.test(r.path) ? 'put:github' : undefined,
  );
  logRequests(events, aws.server, (r) =>
    String(r.headers['x-amz-target']).endsWith('.PutSecretValue') ? 'put:aws' : undefined,
  );
}

/** Logs the OpenAI emulator's deletion of `leaked` as `disable`. */
export function logDisable(events: PlaceEvent[], openai: OpenAIEmulator, leaked: OpenAIKeyRecord): void {
  logRequests(events, openai.server, (r) =>
    r.method === 'DELETE' && r.path.endsWith(`/api_keys/${leaked.id}`) ? 'disable' : undefined,
  );
}

/** The leaked key was disabled, and each of `places` was written before that; returns the disable. */
export function expectWrittenBeforeDisable(events: PlaceEvent[], places: string[]): PlaceEvent {
  const disabled = events.find((e) => e.what === 'disable');
  expect(disabled).toBeDefined();
  for (const place of places) {
    const put = events.find((e) => e.what === place);
    expect({ place, before: put !== undefined && events.indexOf(put) < events.indexOf(disabled!) }).toEqual({
      place,
      before: true,
    });
  }
  return disabled!;
}

/** None of `forms` (the leaked key, whole or encoded) is in any request `servers` received. */
export function expectNeverSent(servers: EmulatorServer[], forms: string[]): void {
  for (const s of servers)
    for (const r of s.requests)
      for (const f of forms)
        expect(`${r.path}?${r.query} ${JSON.stringify(r.headers)} ${r.body}`).not.toContain(f);
}

/** A re-run's env: another run id, and the GitHub secret mapped in as it is now (maybe the first replacement). */
export function rerunEnv(github: GitHubEmulator): Record<string, string> {
  return { GITHUB_RUN_ID: '4243', OPENAI_API_KEY: github.secretValue('repo', 'OPENAI_API_KEY')! };
}
