/**
 * OIDC role assumption end to end through dist/index.js, as GitHub Actions sets it up
 * (aws-actions/configure-aws-credentials with role-to-assume, or the runner's own token file): the step
 * has no AWS keys at all, only AWS_ROLE_ARN and AWS_WEB_IDENTITY_TOKEN_FILE. The SDK's chain calls
 * STS AssumeRoleWithWebIdentity (the STS emulator, reached through AWS_ENDPOINT_URL_STS, which the SDK
 * honours), and every Secrets Manager request must be signed with the session credentials and carry
 * their token (the Secrets Manager emulator verifies both). Session credentials are masked before any
 * line is written, and a token STS refuses stops the rotation before anything changes.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SecretsManagerEmulator } from '../emulators/aws-secrets-manager.js';
import { StsEmulator } from '../emulators/aws-sts.js';
import type { GitHubEmulator } from '../emulators/github.js';
import { type OpenAIEmulator, startOpenAIEmulator } from '../emulators/openai.js';
import type { RunResult, TestRepo } from './harness.js';
import {
  AWS_ROTATION_ACTIONS,
  AWS_SECRET,
  AWS_STORE,
  awsCurrent,
  openaiStoresConfig,
} from './helpers/stores-world.js';
import {
  expectNoWholeKey,
  knownSecrets,
  leakRepo,
  newOpenAILeak,
  openaiInputs,
  runKeyguard,
  startGitHub,
} from './helpers/world.js';

const ROLE_ARN = 'arn:aws:iam::123456789012:role/keyguard-rotation';
const SUBJECT = 'repo:acme/app:ref:refs/heads/main';
const CONFIG = openaiStoresConfig(AWS_STORE);

let github: GitHubEmulator;
let openai: OpenAIEmulator;
let aws: SecretsManagerEmulator;
let sts: StsEmulator;
let repo: TestRepo | undefined;
let dir: string;

beforeEach(async () => {
  github = await startGitHub();
  openai = await startOpenAIEmulator();
  aws = new SecretsManagerEmulator({ region: 'us-east-1' });
  sts = new StsEmulator(aws);
  sts.trustRole({
    arn: ROLE_ARN,
    subject: 'repo:acme/app:*',
    allow: AWS_ROTATION_ACTIONS,
  });
  await Promise.all([aws.start(), sts.start()]);
  dir = mkdtempSync(join(tmpdir(), 'keyguard-oidc-'));
});
afterEach(async () => {
  repo?.cleanup();
  repo = undefined;
  rmSync(dir, { recursive: true, force: true });
  await Promise.all([github.stop(), openai.stop(), aws.stop(), sts.stop()]);
});

function leak() {
  const { leaked, admin } = newOpenAILeak(openai);
  github.setSecret('repo', 'OPENAI_API_KEY', leaked.value);
  aws.seed(AWS_SECRET, [JSON.stringify({ api_key: leaked.value, org: 'acme' })]);
  repo = leakRepo(leaked.value, { config: CONFIG });
  return { leaked, admin };
}

function sweep(w: ReturnType<typeof leak>, token: string): Promise<RunResult> {
  const tokenFile = join(dir, 'web-identity-token');
  writeFileSync(tokenFile, token);
  return runKeyguard({
    repo: repo!,
    github,
    inputs: openaiInputs(openai, w.admin.value),
    env: {
      OPENAI_API_KEY: w.leaked.value,
      // No AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY: the role is the only way in.
      AWS_ROLE_ARN: ROLE_ARN,
      AWS_WEB_IDENTITY_TOKEN_FILE: tokenFile,
      AWS_ROLE_SESSION_NAME: 'keyguard-e2e',
      AWS_REGION: 'us-east-1',
      AWS_ENDPOINT_URL_STS: sts.endpoint,
      AWS_ENDPOINT_URL_SECRETS_MANAGER: aws.endpoint,
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_CONFIG_FILE: join(dir, 'no-config'),
      AWS_SHARED_CREDENTIALS_FILE: join(dir, 'no-credentials'),
    },
  });
}

const allKeys = (token: string) =>
  knownSecrets(openai, token, ...sts.granted.flatMap((c) => [c.secretAccessKey, c.sessionToken]));

describe('AWS credentials from OIDC role assumption only', () => {
  it('rotates the key with session credentials whose signature and token Secrets Manager verified', async () => {
    const w = leak();
    const token = sts.issueToken({ sub: SUBJECT });
    const run = await sweep(w, token);

    expect(sts.calls.map((c) => [c.action, c.outcome, c.signed])).toEqual([
      ['AssumeRoleWithWebIdentity', 'ok', false],
    ]);
    expect(sts.calls[0]!.params).toMatchObject({
      Version: '2011-06-15',
      RoleArn: ROLE_ARN,
      RoleSessionName: 'keyguard-e2e',
      WebIdentityToken: token,
    });
    const session = sts.granted[0]!;
    expect(aws.calls.length).toBeGreaterThan(0);
    expect(new Set(aws.calls.map((c) => c.accessKeyId))).toEqual(new Set([session.accessKeyId]));
    expect(aws.refused).toEqual([]);
    for (const r of aws.server.requests) expect(r.headers['x-amz-security-token']).toBe(session.sessionToken);
    expect(awsCurrent(aws)).toMatchObject({ org: 'acme' });
    expect(run.outputs).toMatchObject({ rotated: '1', disabled: '1' });
    expect(openai.keyState(w.leaked.id)).toBe('deleted');
    // Masked before any line about them, and nowhere in any output.
    expect(run.stdout).toContain(`::add-mask::${session.secretAccessKey}`);
    expect(run.stdout).toContain(`::add-mask::${session.sessionToken}`);
    expectNoWholeKey(run, github, allKeys(token));
  });

  const INVALID = 'STS refused the web identity token (InvalidIdentityToken)';
  it.each([
    [
      'signed by another key',
      () => sts.issueToken({ sub: SUBJECT }, { otherKey: true }),
      'InvalidIdentityToken',
      INVALID,
    ],
    [
      'expired',
      () => sts.issueToken({ sub: SUBJECT, exp: Math.floor(Date.now() / 1000) - 60 }),
      'ExpiredTokenException',
      'STS refused the web identity token (ExpiredTokenException): it has expired',
    ],
    [
      'for another repository',
      () => sts.issueToken({ sub: 'repo:evil/fork:ref:refs/heads/main' }),
      'AccessDenied',
      "STS refused to assume AWS_ROLE_ARN (AccessDenied): the role's trust policy does not allow this token",
    ],
    ['not a JWT at all', () => 'not-a-jwt', 'InvalidIdentityToken', INVALID],
  ])('stops before anything changes when the token is %s', async (_what, make, code, why) => {
    const w = leak();
    const token = make();
    const run = await sweep(w, token);
    expect(sts.calls.length).toBeGreaterThan(0);
    expect(sts.calls.every((c) => c.outcome === code)).toBe(true);
    expect(sts.granted).toEqual([]);
    expect(aws.calls).toEqual([]);
    expect(run.outputs.rotated).toBe('0');
    expect(run.stdout).toContain(
      `rotation stopped at step "plan": AWS Secrets Manager us-east-1/prod/openai (field api_key) may hold the leaked key but cannot be written (DescribeSecret on prod/openai not sent: ${why}`,
    );
    expect(github.secretValue('repo', 'OPENAI_API_KEY')).toBe(w.leaked.value);
    expect(openai.keyState(w.leaked.id)).toBe('active');
    expectNoWholeKey(run, github, allKeys(token));
  });
});
