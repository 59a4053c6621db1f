/**
 * The emulator's SigV4 verifier (./sigv4.ts) against the signer the AWS SDK uses, `@smithy/signature-v4`:
 * what the SDK signs verifies, and each thing an attacker (or a bug) could change after signing is
 * refused the way AWS refuses it, both by the verifier and on the wire (JSON 1.1 error body and
 * `x-amzn-ErrorType`).
 */
import { createHash, createHmac } from 'node:crypto';
import { request } from 'node:http';
import { SignatureV4 } from '@smithy/signature-v4';
import { KeyGen } from '../helpers/keygen.js';
import { type AccessKey, SecretsManagerEmulator } from './aws-secrets-manager.js';
import { parseAmzDate, type SignedRequest, verifySigV4 } from './sigv4.js';

/** The SDK's hash constructor shape, on node:crypto (the SDK's own is @smithy/hash-node). */
class Sha256 {
  readonly #h;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.#h = secret ? createHmac('sha256', bytes(secret)) : createHash('sha256');
  }
  update(data: string | ArrayBuffer | ArrayBufferView): void {
    this.#h.update(bytes(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.#h.digest());
  }
}

function bytes(d: string | ArrayBuffer | ArrayBufferView): string | Buffer {
  if (typeof d === 'string') return d;
  if (d instanceof ArrayBuffer) return Buffer.from(d);
  return Buffer.from(d.buffer, d.byteOffset, d.byteLength);
}

const gen = new KeyGen(61);
const REGION = 'us-east-1';
const HOST = '127.0.0.1:4566';
const KEY: AccessKey = {
  accessKeyId: `KGEMU${gen.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 15)}`,
  secretAccessKey: gen.b64url(40),
  sessionToken: gen.b64url(120),
  allow: '*',
};
const NOW = Date.UTC(2026, 11, 3, 8, 0, 0);
const BODY = JSON.stringify({ SecretId: 'prod/openai' });

async function sign(
  opts: { secret?: string; date?: number; host?: string; body?: string } = {},
): Promise<SignedRequest> {
  const signer = new SignatureV4({
    service: 'secretsmanager',
    region: REGION,
    sha256: Sha256,
    credentials: {
      accessKeyId: KEY.accessKeyId,
      secretAccessKey: opts.secret ?? KEY.secretAccessKey,
      sessionToken: KEY.sessionToken,
    },
  });
  const signed = await signer.sign(
    {
      method: 'POST',
      protocol: 'http:',
      hostname: '127.0.0.1',
      port: 4566,
      path: '/',
      query: {},
      headers: {
        host: opts.host ?? HOST,
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'secretsmanager.GetSecretValue',
      },
      body: opts.body ?? BODY,
    },
    { signingDate: new Date(opts.date ?? NOW) },
  );
  return { method: 'POST', url: '/', headers: { ...signed.headers }, body: opts.body ?? BODY };
}

const verify = (req: SignedRequest, now = NOW) =>
  verifySigV4(req, {
    region: REGION,
    service: 'secretsmanager',
    lookup: (id) => (id === KEY.accessKeyId ? KEY : undefined),
    now: () => now,
  });

const MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.';

describe('SigV4 verifier against @smithy/signature-v4', () => {
  it('accepts a request @smithy/signature-v4 signed', async () => {
    expect(verify(await sign())).toEqual({ ok: true, accessKeyId: KEY.accessKeyId });
  });

  it.each<[string, (r: SignedRequest) => SignedRequest]>([
    ['an altered body', (r) => ({ ...r, body: BODY.replace('prod', 'dev1') })],
    [
      'an altered x-amz-target',
      (r) => ({ ...r, headers: { ...r.headers, 'x-amz-target': 'secretsmanager.PutSecretValue' } }),
    ],
    ['an altered host', (r) => ({ ...r, headers: { ...r.headers, host: '127.0.0.1:4567' } })],
    ['an altered path', (r) => ({ ...r, url: '/other' })],
    ['an added query', (r) => ({ ...r, url: '/?Action=PutSecretValue' })],
  ])('refuses %s as a signature mismatch', async (_what, tamper) => {
    expect(verify(tamper(await sign()))).toEqual({
      ok: false,
      code: 'InvalidSignatureException',
      status: 400,
      message: MISMATCH,
    });
  });

  it('refuses a wrong secret access key as a signature mismatch', async () => {
    expect(verify(await sign({ secret: gen.b64url(40) }))).toMatchObject({
      code: 'InvalidSignatureException',
      message: MISMATCH,
    });
  });

  it('refuses a request signed more than 5 minutes ago in the words AWS uses', async () => {
    const signed = await sign({ date: NOW - 6 * 60_000 });
    expect(verify(signed)).toEqual({
      ok: false,
      code: 'InvalidSignatureException',
      status: 400,
      message: `Signature expired: 20261203T075400Z is now earlier than 20261203T075500Z (20261203T080000Z - 5 min.)`,
    });
  });

  it('refuses a request dated more than 5 minutes ahead in the words AWS uses', async () => {
    const signed = await sign({ date: NOW + 6 * 60_000 });
    expect(verify(signed)).toMatchObject({
      code: 'InvalidSignatureException',
      message: `Signature not yet current: 20261203T080600Z is still later than 20261203T080500Z (20261203T080000Z + 5 min.)`,
    });
  });

  it('refuses a session token swapped after signing as an invalid token', async () => {
    const r = await sign();
    expect(
      verify({ ...r, headers: { ...r.headers, 'x-amz-security-token': gen.b64url(120) } }),
    ).toMatchObject({ code: 'UnrecognizedClientException', status: 400 });
  });

  it('reads the date the signer wrote', async () => {
    expect(parseAmzDate(String((await sign()).headers['x-amz-date']))).toBe(NOW);
  });
});

describe('Secrets Manager emulator refusing a tampered request on the wire', () => {
  const emulator = new SecretsManagerEmulator({ region: REGION });
  let port = 0;
  beforeAll(async () => {
    emulator.addAccessKey(KEY);
    emulator.seed('prod/openai', [gen.b64url(20)]);
    port = Number(new URL(await emulator.start()).port);
  });
  afterAll(() => emulator.stop());

  function send(r: SignedRequest): Promise<{ status: number; type: string; body: unknown }> {
    return new Promise((resolve, reject) => {
      const headers = { ...r.headers } as Record<string, string>;
      const req = request({ host: '127.0.0.1', port, method: 'POST', path: r.url, headers }, (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            type: String(res.headers['x-amzn-errortype'] ?? ''),
            body: JSON.parse(text),
          }),
        );
      });
      req.on('error', reject);
      req.end(r.body);
    });
  }

  it('answers a signed request that was not altered', async () => {
    const r = await sign({ host: `127.0.0.1:${port}`, date: Date.now() });
    expect((await send(r)).status).toBe(200);
  });

  it('answers an altered body with the JSON 1.1 error AWS sends', async () => {
    const r = await sign({ host: `127.0.0.1:${port}`, date: Date.now() });
    const out = await send({ ...r, body: BODY.replace('prod', 'dev1') });
    expect(out).toEqual({
      status: 400,
      type: expect.stringMatching(/^InvalidSignatureException:/),
      body: { __type: 'InvalidSignatureException', message: MISMATCH },
    });
    expect(emulator.calls).toHaveLength(1);
  });
});
