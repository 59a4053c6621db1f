// False-positive traps: values a careful user would NOT want reported, as real repositories hold them.
// `VALUE_TRAPS` are planted in the same contexts as the true keys; `FILE_TRAPS` are whole files.
// Every value is assembled at run time (no key-shaped literal in the repository).

import { ALNUM, chars, HEX, int, LOWER, pickOne, URLSAFE } from './keys.mjs';

const S = 'sk';
const OAI = ['T3Bl', 'bkFJ'].join('');
const b64 = (buf) => Buffer.from(buf).toString('base64');
const b64url = (buf) => Buffer.from(buf).toString('base64url');
const bytes = (r, n) => Uint8Array.from({ length: n }, () => Math.floor(r() * 256));
const hexOf = (r, n) => chars(r, HEX, n);

function seqHex(n) {
  let s = '';
  while (s.length < n) s += '1234567890abcdef';
  return s.slice(0, n);
}

/** category → generator of one trap value (the string planted where a key would go). */
export const VALUE_TRAPS = {
  'placeholder-ellipsis': () => `${S}-...`,
  'placeholder-x-valid-length': (r) => `${S}-${'x'.repeat(pickOne(r, [32, 48]))}`,
  'placeholder-X-project-length': () => `${S}-proj-${'X'.repeat(156)}`,
  'placeholder-your-key-here': (r) =>
    pickOne(r, [`${S}-your-key-here`, `${S}-your-openai-api-key`, `${S}-your-api-key-goes-here`]),
  'placeholder-angle': () => `${S}-<your-key>`,
  'placeholder-stars': (r) => pickOne(r, [`${S}-proj-****`, `${S}-****************************************`]),
  'placeholder-abc-dots-xyz': () => `${S}-abc...xyz`,
  'placeholder-sequential-hex32': () => `${S}-${seqHex(32)}`,
  'placeholder-sequential-48': () =>
    `${S}-${'1234567890'.repeat(5).slice(0, 24)}${'abcdefghijklmnopqrstuvwx'}`,
  'placeholder-repeated-a': (r) => `${S}-${'a'.repeat(pickOne(r, [32, 48]))}`,
  'placeholder-redacted-tag': () => '<redacted>',
  'placeholder-replace-me': (r) => pickOne(r, [`${S}-REPLACE_ME`, `${S}-REPLACE_WITH_YOUR_KEY_0123456789`]),
  'placeholder-test-key': (r) =>
    pickOne(r, [`${S}-test-key`, `${S}-test-${chars(r, LOWER, 4)}-key-for-unit-tests`]),
  'placeholder-dummy': (r) => `${S}-dummy${chars(r, ALNUM, 30)}`,
  'placeholder-fake': (r) => `${S}-fake-${chars(r, ALNUM, 40)}`,
  'placeholder-example': (r) => `${S}-example${chars(r, ALNUM, 32)}`,
  'placeholder-litellm-docs-master': (r) => pickOne(r, [`${S}-1234`, `${S}-12345`, `${S}-my-master-key`]),
  'placeholder-openrouter-zeros': () => `${S}-or-v1-${'0'.repeat(64)}`,
  'placeholder-anthropic-xxx': () => `${S}-ant-api03-${'x'.repeat(93)}AA`,
  'placeholder-stripe-x': () => `${S}_live_${'x'.repeat(24)}`,
  'placeholder-bullets': () => `${S}-proj-••••••••••••`,
  'display-prefix-suffix': (r) => `${S}-proj-${chars(r, ALNUM, 4)}...${chars(r, ALNUM, 4)}`,
  'display-keyguard-redact': (r) => `${S}-proj-${chars(r, ALNUM, 4)}…${chars(r, ALNUM, 4)}`,
  'display-truncated-with-ellipsis': (r) => `${S}-${chars(r, ALNUM, 40)}...`,
  'reference-gha-secret': () => '${{ secrets.OPENAI_API_KEY }}',
  'reference-process-env': () => 'process.env.OPENAI_API_KEY',
  'reference-os-environ': () => 'os.environ["OPENAI_API_KEY"]',
  'reference-shell-var': () => '$OPENAI_API_KEY',
  'reference-helm': () => '{{ .Values.llm.apiKey }}',
  'stripe-test-key': (r) => `${S}_test_${chars(r, ALNUM, pickOne(r, [24, 99]))}`,
  'stripe-restricted-test-key': (r) => `rk_test_${chars(r, ALNUM, 24)}`,
  'truncated-openai-project': (r) => `${S}-proj-${chars(r, URLSAFE, 40)}`,
  'truncated-anthropic': (r) => `${S}-ant-api03-${chars(r, URLSAFE, 50)}`,
  'truncated-openrouter': (r) => `${S}-or-v1-${hexOf(r, 32)}`,
  'truncated-openai-legacy': (r) => `${S}-${chars(r, ALNUM, 20)}${OAI.slice(0, 5)}`,
  'truncated-svcacct-cut-at-marker': (r) => `${S}-svcacct-${chars(r, URLSAFE, 74)}`,
  'key-inside-longer-token': (r) => `${chars(r, ALNUM, 12)}${S}-${chars(r, ALNUM, 48)}`,
  'key-glued-after-underscore': (r) => `build_${S}-or-v1-${hexOf(r, 64)}`,
  'hash-sha1': (r) => hexOf(r, 40),
  'hash-sha256': (r) => hexOf(r, 64),
  'hash-sha512': (r) => hexOf(r, 128),
  uuid: (r) => `${hexOf(r, 8)}-${hexOf(r, 4)}-4${hexOf(r, 3)}-a${hexOf(r, 3)}-${hexOf(r, 12)}`,
  jwt: (r) =>
    `${b64url('{"alg":"HS256","typ":"JWT"}')}.${b64url(`{"sub":"${hexOf(r, 12)}","iat":${int(r, 1.6e9, 1.8e9)}}`)}.${b64url(bytes(r, 32))}`,
  'sklearn-estimator-uuid': (r) =>
    `${S}-${hexOf(r, 8)}-${hexOf(r, 4)}-${hexOf(r, 4)}-${hexOf(r, 4)}-${hexOf(r, 12)}`,
  'mongo-objectid-sk': (r) => `${S}-${hexOf(r, 24)}`,
  'sk-prefixed-k8s-pod': (r) =>
    `${S}-${pickOne(r, ['api', 'web', 'etl', 'auth'])}-gateway-${hexOf(r, 10)}-${chars(r, 'bcdfghjklmnpqrstvwxz2456789', 5)}`,
  'placeholder-doc-hex-variants': (r) =>
    pickOne(r, [
      `${S}-0123456789abcdef0123456789abcdef`,
      `${S}-abcdef1234567890abcdef1234567890`,
      `${S}-${seqHex(32).toUpperCase()}`,
    ]),
  'placeholder-doc-alnum-sequence': () => `${S}-1234567890abcdefghijklmnopqrstuvwxyzABCDEFGHIJKL`,
  'placeholder-proj-x-mixed': (r) =>
    pickOne(r, [`${S}-proj-${'x'.repeat(48)}`, `${S}-proj-YOUR_API_KEY_HERE`, `${S}-proj-...`]),
  'placeholder-EXAMPLE-upper': (r) =>
    pickOne(r, [`${S}-EXAMPLE${chars(r, ALNUM, 40)}`, `${S}-Example${chars(r, ALNUM, 40)}`]),
  'prefix-only': (r) => pickOne(r, [`${S}-`, `${S}-proj-`, `${S}-ant-`, `${S}-or-v1-`]),
  'regex-literal-for-key-format': (r) =>
    pickOne(r, [`/^${S}-[A-Za-z0-9]{48}$/`, `^${S}-proj-[A-Za-z0-9_-]+$`, `${S}-ant-api03-[\\w-]{93}AA`]),
  'display-openai-redacted-value': (r) => `${S}-proj-${'*'.repeat(152)}${chars(r, ALNUM, 4)}`,
  'display-anthropic-partial-hint': (r) => `${S}-ant-api03-${chars(r, ALNUM, 3)}...${chars(r, ALNUM, 2)}AA`,
  'display-openrouter-label': (r) => `${S}-or-v1-${hexOf(r, 3)}...${hexOf(r, 3)}`,
  'branch-name-with-ticket': (r) =>
    pickOne(r, [
      `feature/${S}-${int(r, 100, 9999)}-add-oauth-refresh-token-rotation`,
      `${S}-${int(r, 100, 9999)}-fix-login-redirect-loop-v2`,
    ]),
  'css-module-hashed-class': (r) =>
    `${S}-${pickOne(r, ['card', 'modal', 'button', 'table'])}_${pickOne(r, ['header', 'primary', 'row', 'title'])}__${chars(r, `${ALNUM}_-`, 5)}`,
  'sk-prefixed-release-name': (r) =>
    `${S}-${pickOne(r, ['prod', 'stg'])}-eks-cluster-${int(r, 2019, 2026)}-${hexOf(r, 8)}`,
};

/** Contexts a value trap is planted in (every one that makes sense for a plain string). */
export const TRAP_CONTEXTS_PER_CATEGORY = 8;

function sklearnHtml(r) {
  const id = () => `${hexOf(r, 8)}-${hexOf(r, 4)}-${hexOf(r, 4)}-${hexOf(r, 4)}-${hexOf(r, 12)}`;
  const lines = [
    '<style>#sk-container-id-1 {color: black;}#sk-container-id-1 div.sk-toggleable {background-color: white;}</style>',
  ];
  for (let i = 1; i <= 6; i++) {
    const u = id();
    lines.push(
      `<div id="sk-container-id-${i}" class="sk-top-container"><div class="sk-estimator sk-toggleable"><input class="sk-toggleable__control sk-hidden--visually" id="sk-estimator-id-${i}" type="checkbox"><label for="${S}-${u}" class="sk-toggleable__label">Pipeline</label></div></div>`,
    );
  }
  return `${lines.join('\n')}\n`;
}

function spinkitCss() {
  const names = [
    'rotating-plane',
    'double-bounce',
    'wave',
    'wandering-cubes',
    'spinner-pulse',
    'chasing-dots',
    'three-bounce',
    'circle',
    'cube-grid',
    'fading-circle',
    'folding-cube',
  ];
  return (
    names
      .map(
        (n) =>
          `.${S}-${n} { width: 40px; height: 40px; animation: ${S}-${n}-anim 1.2s infinite ease-in-out; }\n.${S}-${n} .${S}-child-${n}-dot-1 { animation-delay: -1.1s; }`,
      )
      .join('\n') + '\n'
  );
}

function identifiersFile(r) {
  const lines = [
    'import numpy as np',
    'from sklearn.linear_model import LogisticRegression  # pip install scikit-learn  (not sk-learn)',
    'risk_free_rate = 0.04  # risk-free-rate-annualized-2024',
    'QUEUE = "task-queue-worker-high-priority-3"',
    'MONITOR = "disk-usage-monitor-7f9c2b1d4e-x8k2p"',
    `ROUTE = "/a${S}-question-about-your-documents-v2"`,
    'TRANSFORM = "mask-image-background-removal-large"',
    'HOST = "desk-booking-service-prod-eu-west-1"',
    'POD = "flask-deployment-7d9f8b6c5d-x2x4z"',
    `SPINNER = "${S}-spinner ${S}-spinner-pulse"`,
    `LOCALE = "${S}-SK"  # Slovak`,
    `CSS = "${S}-card__header--is-active-with-very-long-modifier-name"`,
    `PKG = "@${S}-ui/date-range-picker-component-2"`,
    `PKG2 = "${S}-react-native-spinkit-loading-indicators"`,
  ];
  for (let i = 0; i < 10; i++)
    lines.push(
      `NAME_${i} = "${pickOne(r, ['whisk', 'brisk', 'kiosk', 'tusk', 'husk'])}-${chars(r, LOWER, 6)}-${chars(r, ALNUM, 24)}"`,
    );
  return `${lines.join('\n')}\n`;
}

function packageLock(r) {
  const deps = {};
  for (let i = 0; i < 40; i++) {
    deps[`node_modules/pkg-${i}`] = {
      version: `1.${i}.0`,
      resolved: `https://registry.npmjs.org/pkg-${i}/-/pkg-${i}-1.${i}.0.tgz`,
      integrity: `sha512-${b64(bytes(r, 64))}`,
    };
  }
  return `${JSON.stringify({ name: 'app', lockfileVersion: 3, packages: deps }, null, 2)}\n`;
}

/** Random base64 blobs (image data URI, source map) that contain `sk-`-looking runs by chance. */
function blobs(r) {
  let img = '';
  // force the url-safe alphabet blob to hold "sk-" in the middle a few times, as large blobs do
  let urlBlob = b64url(bytes(r, 3000));
  for (let i = 0; i < 5; i++) {
    const at = int(r, 100, urlBlob.length - 100);
    urlBlob = `${urlBlob.slice(0, at)}${S}-${urlBlob.slice(at + 3)}`;
  }
  img = b64(bytes(r, 6000));
  return `<img src="data:image/png;base64,${img}">\n<script>window.__STATE__="${urlBlob}"</script>\n`;
}

function gitShas(r) {
  const lines = [];
  for (let i = 0; i < 30; i++)
    lines.push(`${hexOf(r, 40)} ${pickOne(r, ['fix', 'feat', 'chore'])}: change ${i}`);
  return `${lines.join('\n')}\n`;
}

function k8sDeployment(r) {
  const pods = [];
  for (let i = 0; i < 10; i++)
    pods.push(
      `${pickOne(r, ['flask', 'task', 'disk', 'risk', 'ask'])}-deployment-${hexOf(r, 10)}-${chars(r, 'bcdfghjklmnpqrstvwxz2456789', 5)}   1/1   Running   0   ${i}d`,
    );
  return `NAME   READY   STATUS   RESTARTS   AGE\n${pods.join('\n')}\n`;
}

function keyHandlingCode() {
  return [
    'export function assertKey(apiKey: string) {',
    `  if (!apiKey.startsWith('${S}-')) throw new Error('OpenAI keys start with ${S}-');`,
    `  if (/^${S}-proj-[A-Za-z0-9_-]{20,}$/.test(apiKey)) return 'project';`,
    `  if (apiKey.startsWith('${S}-ant-')) return 'anthropic';`,
    `  const shown = apiKey.slice(0, 8) + '...' + apiKey.slice(-4); // e.g. ${S}-proj-...a1b2`,
    `  return apiKey.replace(/^${S}-(proj|svcacct|admin)-/, '');`,
    '}',
    '',
  ].join('\n');
}

export const FILE_TRAPS = [
  { category: 'file-sklearn-html-repr', file: 'model_report.html', gen: sklearnHtml },
  { category: 'file-spinkit-css', file: 'spinkit.css', gen: spinkitCss },
  { category: 'file-identifiers-with-sk', file: 'names.py', gen: identifiersFile },
  { category: 'file-package-lock-integrity', file: 'package-lock.json', gen: packageLock },
  { category: 'file-base64-blobs', file: 'page.html', gen: blobs },
  { category: 'file-git-shas', file: 'git-log.txt', gen: gitShas },
  { category: 'file-k8s-pod-names', file: 'pods.txt', gen: k8sDeployment },
  { category: 'file-key-handling-code', file: 'keys.ts', gen: keyHandlingCode },
];
