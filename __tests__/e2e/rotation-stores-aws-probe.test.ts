/**
 * The AWS store's write probe with the default config (no `write-probe:` key) end to end through
 * dist/index.js. The probe proves secretsmanager:PutSecretValue in the preflight, before any place
 * changes, by a PutSecretValue of the current version's own value with that version's own id as
 * ClientRequestToken, which AWS ignores: it must create no version, move no label (AWSPREVIOUS stays
 * where the replacement's put puts it), leave the retire step's view unchanged, and send the current
 * value (the leaked key) nowhere but back to the one secret that already holds it.
 */
import { fingerprint } from '../../src/scan/secret.js';
import { type AccessKey, SecretsManagerEmulator } from '../emulators/aws-secrets-manager.js';
import type { GitHubEmulator } from '../emulators/github.js';
import { type OpenAIEmulator, startOpenAIEmulator } from '../emulators/openai.js';
import { KeyGen } from '../helpers/keygen.js';
import type { RunResult, TestRepo } from './harness.js';
import {
  AWS_READ_ACTIONS,
  AWS_ROTATION_ACTIONS,
  AWS_SECRET,
  AWS_STORE,
  addAwsAccessKey,
  awsKeyEnv,
  openaiStoresConfig,
} from './helpers/stores-world.js';
import {
  expectNoWholeKey,
  journalOf,
  knownSecrets,
  leakRepo,
  newOpenAILeak,
  openaiInputs,
  runKeyguard,
  startGitHub,
} from './helpers/world.js';

// The default config: the write probe is on.
const CONFIG = openaiStoresConfig(AWS_STORE);

const gen = new KeyGen(1617);
let github: GitHubEmulator;
let openai: OpenAIEmulator;
let aws: SecretsManagerEmulator;
let repo: TestRepo | undefined;

beforeEach(async () => {
  github = await startGitHub();
  openai = await startOpenAIEmulator();
  aws = new SecretsManagerEmulator({ region: 'us-east-1' });
  await aws.start();
});
afterEach(async () => {
  repo?.cleanup();
  repo = undefined;
  await Promise.all([github.stop(), openai.stop(), aws.stop()]);
});

function leak() {
  const { leaked, admin } = newOpenAILeak(openai);
  github.setSecret('repo', 'OPENAI_API_KEY', leaked.value);
  // An older value first, so AWSPREVIOUS has somewhere to be before the run.
  const older = gen.openaiProject();
  const secret = aws.seed(AWS_SECRET, [
    JSON.stringify({ api_key: older, org: 'acme' }),
    JSON.stringify({ api_key: leaked.value, org: 'acme' }),
  ]);
  const [olderId, leakedId] = [...secret.versions.keys()] as [string, string];
  repo = leakRepo(leaked.value, { config: CONFIG });
  return { leaked, admin, olderId, leakedId };
}

function sweep(w: ReturnType<typeof leak>, key: AccessKey): Promise<RunResult> {
  return runKeyguard({
    repo: repo!,
    github,
    inputs: openaiInputs(openai, w.admin.value),
    env: { OPENAI_API_KEY: w.leaked.value, ...awsKeyEnv(aws, key) },
  });
}

const allKeys = (key: AccessKey) => knownSecrets(openai, key.secretAccessKey);

describe('the default AWS write probe', () => {
  it('proves the write in the preflight without a version or a label moved, and the rotation finishes', async () => {
    const w = leak();
    const key = addAwsAccessKey(aws, gen, AWS_ROTATION_ACTIONS);
    const run = await sweep(w, key);

    const puts = aws.calls.filter((c) => c.op === 'PutSecretValue');
    // The probe (current version's own id and value), then the replacement under keyguard's token.
    expect(puts).toHaveLength(2);
    expect(puts[0]!.input.ClientRequestToken).toBe(w.leakedId);
    expect(puts[1]!.input.ClientRequestToken).not.toBe(w.leakedId);
    // Exactly one version more than seeded: the replacement. The probe made none.
    const versions = aws.secrets.get(AWS_SECRET)!.versions;
    expect([...versions.keys()]).toEqual([w.olderId, w.leakedId, puts[1]!.input.ClientRequestToken]);
    // AWSPREVIOUS moved once, with AWSCURRENT, from the older version to the leaked one.
    expect([...versions.get(w.olderId)!.stages]).toEqual([]);
    expect([...versions.get(w.leakedId)!.stages]).toEqual(['AWSPREVIOUS']);
    expect(run.outputs).toMatchObject({ rotated: '1', disabled: '1', live: '0' });
    expect(openai.keyState(w.leaked.id)).toBe('deleted');
    // Retire saw the leaked version as AWSPREVIOUS, as it would without the probe, and says so.
    expect(github.issues[0]!.body).toMatch(/keeps AWSPREVIOUS and holds the leaked key/);
    const j = journalOf(github, fingerprint(w.leaked.value));
    expect(j.status).toBe('rotated');
    expectNoWholeKey(run, github, allKeys(key));
  });

  it('sends the leaked key to AWS only in the probe, back to the secret that holds it', async () => {
    const w = leak();
    const key = addAwsAccessKey(aws, gen, AWS_ROTATION_ACTIONS);
    await sweep(w, key);
    const carrying = aws.server.requests.filter((r) =>
      r.body.includes(JSON.stringify(w.leaked.value).slice(1, -1)),
    );
    expect(carrying.map((r) => String(r.headers['x-amz-target']))).toEqual(['secretsmanager.PutSecretValue']);
    expect(JSON.parse(carrying[0]!.body)).toMatchObject({
      SecretId: AWS_SECRET,
      ClientRequestToken: w.leakedId,
    });
    for (const r of github.server.requests) expect(r.body).not.toContain(w.leaked.value);
  });

  it('stops before any place changes when the credentials may read but not write the secret', async () => {
    const w = leak();
    const key = addAwsAccessKey(aws, gen, AWS_READ_ACTIONS);
    const run = await sweep(w, key);
    expect(run.outputs.rotated).toBe('0');
    expect(run.stdout).toMatch(
      /rotation stopped at step "plan": AWS Secrets Manager .* cannot be written \(PutSecretValue .*not permitted .*nothing was created or disabled/,
    );
    expect(github.secretValue('repo', 'OPENAI_API_KEY')).toBe(w.leaked.value);
    expect(aws.secrets.get(AWS_SECRET)!.versions.size).toBe(2);
    expect(openai.keyState(w.leaked.id)).toBe('active');
    expectNoWholeKey(run, github, allKeys(key));
  });
});
