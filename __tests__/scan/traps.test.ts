import { Detector } from '../../src/scan/detector.js';
import { redact } from '../../src/scan/secret.js';
import { KeyGen, OPENAI_MARKER } from '../helpers/keygen.js';
import { CONTEXTS, place } from './contexts.js';

const gen = new KeyGen(5);
const sk = (body: string) => ['sk', body].join('-');
const base64 = (s: string) => Buffer.from(s).toString('base64');

/**
 * Strings that look like keys to a naive `sk-[A-Za-z0-9]+` search but are not keys. Built at run
 * time where the result would have a key's shape (the repository holds no key-shaped literal).
 */
const TRAPS: Record<string, string> = {
  'x placeholder': sk('x'.repeat(48)),
  'X placeholder with proj prefix': sk(`proj-${'X'.repeat(156)}`),
  'X placeholder with marker': sk(`proj-${'X'.repeat(74)}${OPENAI_MARKER}${'X'.repeat(74)}`),
  dots: 'sk-...',
  ellipsis: 'sk-…',
  'your-api-key-here': 'sk-your-api-key-here',
  'long your-key placeholder': sk('your-openai-api-key-goes-right-here-0123'),
  'proj placeholder words': sk('proj-your-project-key-here-replace-me-please'),
  'short digits': 'sk-1234',
  'sk-test': 'sk-test',
  stars: 'sk-****',
  'long stars': sk('*'.repeat(40)),
  'abc...xyz': 'sk-abc...xyz',
  'redacted tag': '<redacted>',
  'redacted word': sk('REDACTED'),
  'repeated a': sk('a'.repeat(48)),
  'repeated 0 hex': sk('0'.repeat(32)),
  'sequential hex': sk('0123456789abcdef'.repeat(2)),
  'sequential alphabet': sk('abcdefghijklmnopqrstuvwxyz'.repeat(2).slice(0, 48)),
  'digits then hex': sk('1234567890abcdef1234567890abcdef'),
  'keyboard walk': sk('abc123def456ghi789jkl012mno345'),
  'keyboard walk with proj prefix': sk('proj-abc123def456ghi789jkl012mno345pqr678stu901vwx234yz'),
  'blocks of digits and letters': sk('1234abcd5678efgh9012ijkl3456mnop'),
  'human-chosen secret': sk('Secret4MyProject2024Production'),
  'periodic body': sk('a1B2c3D4'.repeat(4)),
  'dictionary words with dashes': 'sk-my-secret-key-goes-here',
  'sklearn plugin name': 'sk-learn-contrib-lightning-2024',
  'css spinner class': '.sk-spinner-double-bounce-animation',
  'resource name with a hash suffix': 'sk-prod-eks-cluster-2024-a1b2c3d4',
  'camel case words': 'sk-ThisIsNotARealKeyJustAnExample',
  'scikit-learn': 'scikit-learn',
  'sk-learn': 'sk-learn',
  'task-queue': `ta${sk('queue-worker-7f3a9c2e5b1d4f6a8c0e')}`,
  'risk-free': 'risk-free-rate-3m9xq7Lz2Rk8Wp4Tn6Vb',
  'disk-usage': 'disk-usage-2a9f8e7d6c5b4a39f1e2d3c4',
  'desk-top': 'desk-top-Qm3Zx8Kp2Lw9Rt5Yv7Nb',
  'github secret reference': ['$', '{{ secrets.OPENAI_API_KEY }}'].join(''),
  'process.env reference': 'process.env.OPENAI_API_KEY',
  'os.environ reference': 'os.environ["DEEPSEEK_API_KEY"]',
  'shell variable': '$OPENAI_API_KEY',
  'helm value': '{{ .Values.openai.apiKey }}',
  'git sha': gen.sha(),
  'sk- + sha1': sk(gen.sha()),
  'sk- + sha256': sk(gen.hex(64)),
  uuid: '3f2c9a1e-7b4d-4e8f-9a0b-1c2d3e4f5a6b',
  'sk- + uuid': sk('3f2c9a1e-7b4d-4e8f-9a0b-1c2d3e4f5a6b'),
  'sklearn estimator id': sk('estimator-3f2c9a1e-7b4d-4e8f-9a0b-1c2d3e4f5a6b'),
  'sklearn container id': 'sk-container-id-12',
  'sk- + ObjectId': sk('507f1f77bcf86cd799439011'),
  'npm integrity': `sha512-${Buffer.from(gen.alnum(64)).toString('base64')}`,
  'redacted project key': redact(gen.openaiProject()),
  'redacted anthropic key': redact(gen.anthropic()),
  'length-preserving mask': `sk-proj-${'*'.repeat(152)}${gen.alnum(4)}`,
  'truncated key': `${gen.openaiProject().slice(0, 30)}...`,
  'truncated project key': gen.openaiProject().slice(0, 36),
  'short anthropic key': gen.anthropic().slice(0, 60),
  'truncated generic key': `${sk(gen.alnum(24))}…`,
  'stripe placeholder': ['sk', 'live', 'x'.repeat(24)].join('_'),
  'stripe your key': ['sk', 'live', 'your_key_here'].join('_'),
  'stripe test key': ['sk', 'test', gen.alnum(24)].join('_'),
  'anthropic x placeholder': ['sk', 'ant', `api03-${'x'.repeat(93)}AA`].join('-'),
  'openrouter zeros': sk(`or-v1-${'0'.repeat(64)}`),
  'base64 of a placeholder': base64(`OPENAI_API_KEY=${sk('x'.repeat(48))}`),
  'key inside a url-safe token': `eyJhbGciOiJIUzI1NiJ9${gen.deepseek()}`,
  'key glued after a word': `mask${gen.deepseek().slice(2)}`,
  'container name': sk(`worker-1-${gen.hex(12)}`),
  'long container name': sk(`api-worker-12-${gen.alnum(28).toLowerCase()}`),
  'asset name with a long hash': sk(`logo-${gen.alnum(32).toLowerCase()}`),
  'svg filter id': sk(`drop-shadow-${gen.hex(6)}-${gen.hex(8)}`),
  'hashed asset file name': `/static/${sk(`logo-${gen.hex(20)}`)}.svg`,
  'image path with size': sk('hero-banner-1920x1080-v4'),
  'svg gradient id': sk(`gradient-linear-${gen.hex(6)}-${gen.hex(6)}`),
  'svg filter id with a mixed-case tail': sk(`drop-shadow-${gen.alnum(10)}`),
  'chart id with a mixed-case tail': sk(`line-chart-series-${gen.alnum(16)}`),
};

const detector = new Detector();

describe('traps are not reported', () => {
  const cases = Object.entries(TRAPS).flatMap(([trap, value]) =>
    Object.entries(CONTEXTS).map(([context, template]) => ({ trap, value, context, template })),
  );
  it.each(cases)('$trap in $context', ({ value, template }) => {
    const found = detector.scan(place(template, value).text);
    expect(found.map((f) => `${f.ruleId}: ${f.key}`)).toEqual([]);
  });
});
