/**
 * The STS emulator on the wire, as the AWS Query protocol has it: a form-encoded POST answered with
 * the 2011-06-15 XML, a refused token answered with STS's ErrorResponse XML, and granted session
 * credentials that Secrets Manager accepts only with their token and only until they expire.
 */
import { SecretsManagerEmulator } from './aws-secrets-manager.js';
import { StsEmulator } from './aws-sts.js';

let now = Date.UTC(2026, 11, 3, 8, 0, 0);
const sm = new SecretsManagerEmulator({ now: () => now });
const sts = new StsEmulator(sm, { now: () => now });
const ROLE = 'arn:aws:iam::123456789012:role/keyguard-rotation';

beforeAll(async () => {
  sts.trustRole({ arn: ROLE, subject: 'repo:acme/app:*', allow: ['secretsmanager:DescribeSecret'] });
  await sts.start();
});
afterAll(() => sts.stop());

function assume(token: string, extra: Record<string, string> = {}) {
  return fetch(sts.endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
    body: new URLSearchParams({
      Action: 'AssumeRoleWithWebIdentity',
      Version: '2011-06-15',
      RoleArn: ROLE,
      RoleSessionName: 'keyguard',
      WebIdentityToken: token,
      ...extra,
    }).toString(),
  });
}

describe('STS AssumeRoleWithWebIdentity emulator', () => {
  it('answers a good token with the Credentials XML', async () => {
    const res = await assume(sts.issueToken({ sub: 'repo:acme/app:ref:refs/heads/main' }));
    const xml = await res.text();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/xml');
    const granted = sts.granted.at(-1)!;
    expect(xml).toMatch(
      /^<AssumeRoleWithWebIdentityResponse xmlns="https:\/\/sts\.amazonaws\.com\/doc\/2011-06-15\/">/,
    );
    expect(xml).toContain(`<AccessKeyId>${granted.accessKeyId}</AccessKeyId>`);
    expect(xml).toContain(`<SessionToken>${granted.sessionToken}</SessionToken>`);
    expect(xml).toContain('<Expiration>2026-12-03T09:00:00Z</Expiration>');
    expect(xml).toContain(
      '<SubjectFromWebIdentityToken>repo:acme/app:ref:refs/heads/main</SubjectFromWebIdentityToken>',
    );
  });

  it('refuses a forged token with the ErrorResponse XML STS sends', async () => {
    const res = await assume(
      sts.issueToken({ sub: 'repo:acme/app:ref:refs/heads/main' }, { otherKey: true }),
    );
    const xml = await res.text();
    expect(res.status).toBe(400);
    expect(xml).toMatch(
      /^<ErrorResponse xmlns="https:\/\/sts\.amazonaws\.com\/doc\/2011-06-15\/">\n {2}<Error>\n {4}<Type>Sender<\/Type>\n {4}<Code>InvalidIdentityToken<\/Code>\n {4}<Message>The web identity token that was passed could not be validated by AWS\. Get a new identity token from the identity provider and then retry the request\.<\/Message>\n {2}<\/Error>\n {2}<RequestId>[0-9a-f-]{36}<\/RequestId>\n<\/ErrorResponse>/,
    );
  });

  it.each([
    ['a wrong audience', { aud: 'api://other' }, 400, 'InvalidIdentityToken', 'Incorrect token audience'],
    [
      'an unknown issuer',
      { iss: 'https://idp.evil' },
      400,
      'InvalidIdentityToken',
      'No OpenIDConnect provider',
    ],
    [
      'a subject the trust policy does not name',
      { sub: 'repo:evil/app:ref:x' },
      403,
      'AccessDenied',
      'Not authorized',
    ],
  ])('refuses %s', async (_what, claims, status, code, message) => {
    const res = await assume(sts.issueToken({ sub: 'repo:acme/app:ref:refs/heads/main', ...claims }));
    const xml = await res.text();
    expect(res.status).toBe(status);
    expect(xml).toContain(`<Code>${code}</Code>`);
    expect(xml).toContain(message);
  });

  it('refuses a session name outside the pattern as a ValidationError', async () => {
    const res = await assume(sts.issueToken({ sub: 'repo:acme/app:x' }), { RoleSessionName: 'a b' });
    expect(await res.text()).toContain('<Code>ValidationError</Code>');
  });

  it('refuses another action or a missing version as InvalidAction', async () => {
    const res = await assume('x', { Action: 'AssumeRole' });
    expect(await res.text()).toContain('<Code>InvalidAction</Code>');
  });

  it('has Secrets Manager refuse the session credentials once they expire', async () => {
    await assume(sts.issueToken({ sub: 'repo:acme/app:x' }));
    const granted = sts.granted.at(-1)!;
    const { SecretsManagerClient, DescribeSecretCommand } = await import('@aws-sdk/client-secrets-manager');
    await sm.start();
    sm.seed('prod/openai', ['v1']);
    const client = new SecretsManagerClient({
      region: 'us-east-1',
      endpoint: sm.endpoint,
      credentials: granted,
      maxAttempts: 1,
      systemClockOffset: now - Date.now(),
    });
    try {
      await expect(
        client.send(new DescribeSecretCommand({ SecretId: 'prod/openai' })),
      ).resolves.toBeDefined();
      now += 3601_000;
      client.config.systemClockOffset = now - Date.now();
      await expect(client.send(new DescribeSecretCommand({ SecretId: 'prod/openai' }))).rejects.toMatchObject(
        {
          name: 'ExpiredTokenException',
        },
      );
    } finally {
      await sm.stop();
    }
  });
});
