/** The `linked` family: credentials that leak beside AI keys, held to the same precision bar. */

import { generateKeyPairSync } from 'node:crypto';
import { awsSecretSample } from '../../src/rules/linked/cloud.js';
import { linkedRules } from '../../src/rules/linked/index.js';
import { Detector } from '../../src/scan/detector.js';
import { KeyGen, seededRandom } from '../helpers/keygen.js';

const detector = new Detector();
const gen = new KeyGen(4242);
const j = (...p: string[]) => p.join('');
const ids = (text: string) => detector.scan(text).map((f) => f.ruleId);
const rule = (id: string) => linkedRules.find((r) => r.id === id)!;

describe('linked findings', () => {
  it.each(linkedRules.map((r) => [r.id, r] as const))('%s findings are of the linked kind', (id, r) => {
    const random = seededRandom(5);
    const context: Record<string, string> = {
      'aws-access-key': `secret = ${awsSecretSample(random)}\n`,
      'google-service-account-key': '{"type": "service_account",\n',
    };
    const [f] = detector.scan(`${context[id] ?? ''}value = "${r.sample(random)}"\n`);
    expect([f?.ruleId, f?.kind]).toEqual([id, 'linked']);
  });
});

describe('AWS access key pairs', () => {
  const id = () => rule('aws-access-key').sample(seededRandom(9));
  it('reports a key id with its secret on the next line', () => {
    expect(
      ids(`aws_access_key_id = ${id()}\naws_secret_access_key = ${awsSecretSample(seededRandom(3))}\n`),
    ).toEqual(['aws-access-key']);
  });

  it('does not report a key id with no secret beside it', () => {
    expect(ids(`aws_access_key_id = ${id()}\n`)).toEqual([]);
  });

  it("does not report AWS's documented example pair", () => {
    const exampleId = j('AKIA', 'IOSFODNN7', 'EXAMPLE');
    const exampleSecret = j('wJalrXUtnFEMI/K7MDENG/', 'bPxRfiCY', 'EXAMPLEKEY');
    expect(ids(`aws_access_key_id = ${exampleId}\naws_secret_access_key = ${exampleSecret}\n`)).toEqual([]);
  });

  it('does not take a 40-character hex digest for the secret', () => {
    expect(ids(`aws_access_key_id = ${id()}\ncommit = ${gen.hex(40)}\n`)).toEqual([]);
  });
});

describe('GitHub tokens', () => {
  it('does not report a classic token whose checksum is wrong', () => {
    const good = rule('github-token').sample(seededRandom(2));
    const last = good.at(-1) === 'A' ? 'B' : 'A';
    expect(ids(`GITHUB_TOKEN=${good.slice(0, -1)}${last}\n`)).toEqual([]);
    expect(ids(`GITHUB_TOKEN=${good}\n`)).toEqual(['github-token']);
  });
});

describe('private keys', () => {
  it('does not report a docs block with a ... body', () => {
    const begin = j('-----BEGIN ', 'RSA PRIVATE KEY-----');
    const end = j('-----END ', 'RSA PRIVATE KEY-----');
    expect(ids(`${begin}\nMIIEpAIBAAKCAQEA...\n...\n${end}\n`)).toEqual([]);
    expect(ids(`${begin}\n<your key here>\n${end}\n`)).toEqual([]);
  });

  it('does not report a header alone', () => {
    expect(ids(`const marker = "${j('-----BEGIN ', 'PRIVATE KEY-----')}";\n`)).toEqual([]);
  });

  it('reports the key inside a service-account JSON as Google', () => {
    const pem = rule('google-service-account-key').sample(seededRandom(8));
    const json = `{"type": "service_account", "private_key_id": "${gen.hex(40)}", "private_key": "${pem}\\n", "client_email": "ci@proj.iam.gserviceaccount.com"}`;
    expect(ids(json)).toEqual(['google-service-account-key']);
  });
});

describe('database and broker URLs', () => {
  const pass = () => gen.alnum(20);
  it.each([
    ['postgres', (p: string) => `postgres://app:${p}@db.prod.internal:5432/app`],
    ['SQLAlchemy', (p: string) => `postgresql+psycopg2://app:${p}@10.0.3.7/app`],
    ['MongoDB SRV', (p: string) => `mongodb+srv://svc:${p}@cluster0.ab12c.mongodb.net/db`],
    ['Redis TLS', (p: string) => `rediss://default:${p}@cache.prod.internal:6380`],
    ['AMQP', (p: string) => `amqps://worker:${p}@mq.prod.internal/vhost`],
  ])('reports a %s URL with a password', (_n, make) => {
    expect(ids(`DATABASE_URL=${make(pass())}\n`)).toEqual(['database-url']);
  });

  it.each([
    ['a ${VAR} template', 'postgres://app:${DB_PASSWORD}@db.prod.internal/app'],
    ['a $VAR template', 'postgres://app:$DB_PASSWORD@db.prod.internal/app'],
    ['a Helm template', 'postgres://app:{{ .Values.pw }}@db/app'],
    ['user:password@localhost', 'postgres://user:password@localhost:5432/app'],
    ['a random password on localhost', `mysql://root:${gen.alnum(16)}@127.0.0.1:3306/app`],
    ['an example host', `redis://default:${gen.alnum(16)}@redis.example.com:6379`],
    ['a default password', 'amqp://guest:guest@rabbit.internal:5672'],
    ['no password', 'postgres://app@db.prod.internal/app'],
  ])('does not report %s', (_n, url) => {
    expect(ids(`DATABASE_URL=${url}\n`)).toEqual([]);
  });
});

describe('inline ignores of other tools', () => {
  it.each(['keyguard:allow', 'gitleaks:allow', 'trufflehog:ignore'])(
    'honours %s on the key line',
    (marker) => {
      const [f] = detector.scan(`OPENAI_API_KEY=${gen.openaiProject()} # ${marker}\n`);
      expect(f?.inlineAllowed).toBe(true);
    },
  );

  it('does not carry an ignore to the next line', () => {
    const [f] = detector.scan(`# gitleaks:allow\nOPENAI_API_KEY=${gen.openaiProject()}\n`);
    expect(f?.inlineAllowed).toBe(false);
  });
});

describe('private keys made by real tools', () => {
  const pem = (type: 'rsa' | 'ed25519' | 'ec', encoding: 'pkcs8' | 'pkcs1' | 'sec1') =>
    generateKeyPairSync(
      type as 'rsa',
      {
        modulusLength: 2048,
        namedCurve: 'P-256',
        privateKeyEncoding: { type: encoding as 'pkcs8', format: 'pem' },
        publicKeyEncoding: { type: 'spki', format: 'pem' },
      } as never,
    ).privateKey as unknown as string;

  it.each([
    ['RSA PKCS#8', () => pem('rsa', 'pkcs8')],
    ['RSA PKCS#1', () => pem('rsa', 'pkcs1')],
    ['Ed25519 PKCS#8', () => pem('ed25519', 'pkcs8')],
    ['EC SEC1', () => pem('ec', 'sec1')],
  ])('reports a %s key as a linked private key', (_n, make) => {
    expect(ids(make())).toEqual(['private-key']);
  });

  it('reports an OpenSSH key although its body holds runs of A', () => {
    const bytes = Buffer.concat([
      Buffer.from('openssh-key-v1\0'),
      Buffer.alloc(12),
      Buffer.from(gen.hex(300), 'hex'),
    ]);
    const lines = bytes.toString('base64').match(/.{1,70}/g)!;
    const text = [
      j('-----BEGIN ', 'OPENSSH PRIVATE KEY-----'),
      ...lines,
      j('-----END ', 'OPENSSH PRIVATE KEY-----'),
    ].join('\n');
    expect(ids(`${text}\n`)).toEqual(['private-key']);
  });
});

describe('AWS pairs in a .env file', () => {
  it('reports the key id when the secret follows NAME= with no space', () => {
    const id = rule('aws-access-key').sample(seededRandom(21));
    const text = `AWS_ACCESS_KEY_ID=${id}\nAWS_SECRET_ACCESS_KEY=${awsSecretSample(seededRandom(22))}\n`;
    expect(ids(text)).toEqual(['aws-access-key']);
  });
});
