// Hard negatives: `sk-`-ish text real repositories contain that is not a live secret.
import { createHash } from 'node:crypto';
import { ALNUM, chars, DIGITS, HEX, LOWER, URLSAFE } from './keys.mjs';

const sha = (alg, s) => createHash(alg).update(s).digest('hex');
const uuid = (r) => {
  const h = chars(r, HEX, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20)}`;
};
const words = [
  'primary',
  'secondary',
  'blue',
  'green',
  'xl',
  'large',
  'small',
  'header',
  'footer',
  'button',
  'card',
  'modal',
  'nav',
  'checkout',
  'billing',
  'search',
  'worker',
  'router',
  'cache',
];
const w = (r) => r.pick(words);
const podSuffix = (r) => `${chars(r, '6789bcdf', 10)}-${chars(r, 'bcdfghjklmnpqrstvwxz2456789', 5)}`;
const mark = ['T3Bl', 'bkFJ'].join('');
// Dash joined at run time so this file holds no key-shaped literal.
const D = '-';
const live = ['sk', 'live'].join('_');

/** [kind, relative path, generator(rng) → file text] */
export const NEGATIVE = [
  [
    'css-design-tokens',
    'web/styles/tokens.css',
    (r) =>
      `:root {\n${Array.from({ length: 6 }, (_, i) => `  --sk-color-${w(r)}-${(i + 1) * 100}: #${chars(r, HEX, 6)};`).join('\n')}\n}\n.sk-button-${w(r)} { color: var(--sk-color-blue-500); }\n`,
  ],
  [
    'spinkit-css',
    'web/styles/spinner.css',
    () =>
      `.sk-chase { width: 40px; height: 40px; }\n.sk-chase-dot:nth-child(2) { animation-delay: -1.0s; }\n.sk-folding-cube .sk-cube2 { transform: rotateZ(90deg); }\n.sk-cube-grid .sk-cube13 { animation-delay: 0.2s; }\n`,
  ],
  [
    'i18n-locale-keys',
    'web/i18n/index.json',
    () =>
      `{\n  "locales": ["en-US", "de-DE", "sk-SK", "cs-CZ"],\n  "sk-SK": { "checkout.title": "Pokladňa", "settings.language": "Jazyk" },\n  "fallback": { "sk-SK": "cs-CZ" }\n}\n`,
  ],
  [
    'i18n-message-ids',
    'web/i18n/messages.ts',
    (r) =>
      `export const ids = {\n${Array.from({ length: 5 }, () => `  '${w(r)}': 'sk-${w(r)}-${w(r)}-label-v${r.int(9) + 1}',`).join('\n')}\n};\n`,
  ],
  [
    'feature-flags',
    'config/flags.yaml',
    (r) =>
      `flags:\n  sk${D}enable-new-checkout-flow-2024: true\n  sk${D}${w(r)}-experiment-v${r.int(9) + 2}-rollout50: false\n  sk${D}search-ranking-model-2024q3-variant-b: true\n`,
  ],
  [
    'k8s-pod-names',
    'ops/pods.txt',
    (r) =>
      `NAME                                  READY   STATUS\n${Array.from({ length: 4 }, () => `sk-${w(r)}-${podSuffix(r)}    1/1     Running`).join('\n')}\n`,
  ],
  [
    'helm-release-names',
    'charts/umbrella/Chart.yaml',
    () =>
      `apiVersion: v2\nname: umbrella\ndependencies:\n  - name: redis\n    alias: sk-redis-master-0\n  - name: postgresql\n    alias: sk-postgresql-ha-pgpool-2024\n`,
  ],
  [
    'sku-codes',
    'data/catalog.csv',
    (r) =>
      `sku,name,price\n${Array.from({ length: 6 }, () => `sk-${2020 + r.int(6)}-${w(r)}-${r.pick(['xs', 's', 'm', 'l', 'xl', 'xxl'])},Shirt,${r.int(90) + 10}.00`).join('\n')}\n`,
  ],
  [
    'docs-obviously-fake',
    'docs/setup.md',
    () =>
      `Set your key:\n\n\`\`\`sh\nexport OPENAI_API_KEY=sk${D}xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\nexport ANTHROPIC_API_KEY=sk${D}ant-api03-XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX\nexport DEEPSEEK_API_KEY=sk${D}your-deepseek-api-key-goes-here\n\`\`\`\n`,
  ],
  [
    'docs-sequential-fake',
    'docs/quickstart.md',
    () =>
      `Example (not a real key):\n\n    DEEPSEEK_API_KEY=sk${D}1234567890abcdef1234567890abcdef\n    OPENAI_API_KEY=sk${D}abcdefghijklmnopqrstuvwxyz1234567890ABCD\n    MOONSHOT_API_KEY=sk${D}abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUV\n`,
  ],
  [
    'docs-key-format',
    'docs/keys.md',
    () =>
      `| Provider | Format |\n|---|---|\n| OpenAI | \`sk-proj-\` followed by ~160 characters |\n| Anthropic | \`sk-ant-api03-…AA\` |\n| OpenRouter | \`sk-or-v1-<64 hex>\` |\n\nRegex: \`sk-[A-Za-z0-9]{48}\`, \`sk-or-v1-[a-f0-9]{64}\`\n`,
  ],
  [
    'placeholders',
    'config/example.env',
    () =>
      `OPENAI_API_KEY=sk-<your-key-here>\nANTHROPIC_API_KEY=sk-ant-REPLACE_ME\nOPENROUTER_API_KEY=sk-or-v1-...\nDEEPSEEK_API_KEY=sk-...\nLITELLM_MASTER_KEY=sk-1234\n`,
  ],
  [
    'test-fixture-placeholder',
    'tests/fixtures/keys.py',
    () =>
      `FAKE_OPENAI = "sk${D}test-0000000000000000000000000000"\nFAKE_ANTHROPIC = "sk${D}ant-api03-" + "a" * 93 + "AA"\nDUMMY = "sk${D}dummy-key-for-unit-tests-only"\n`,
  ],
  [
    'masked-ellipsis',
    'logs/masked.log',
    (r) =>
      `INFO using key sk-…${chars(r, ALNUM, 4)}\nINFO using key sk-proj-…${chars(r, ALNUM, 4)}\nINFO anthropic key sk-ant-…${chars(r, ALNUM, 4)}\n`,
  ],
  [
    'masked-stars',
    'logs/masked2.log',
    (r) =>
      `Authorization: Bearer sk-****************************${chars(r, ALNUM, 4)}\nkey=sk-proj-********************${chars(r, ALNUM, 4)}\nOPENAI_API_KEY=sk-***\n`,
  ],
  [
    'masked-prefix-only',
    'logs/masked3.log',
    (r) =>
      `openai.AuthenticationError: Incorrect API key provided: sk-proj-${chars(r, ALNUM, 4)}************************************${chars(r, ALNUM, 4)}.\n`,
  ],
  [
    'truncated-keys',
    'docs/support-ticket.md',
    (r) =>
      `The key starting with \`sk-proj-${chars(r, URLSAFE, 8)}\` was revoked.\nThe OpenRouter key \`sk-or-v1-${chars(r, HEX, 6)}...\` has no credit.\n`,
  ],
  ['cut-openai-halves', 'logs/cut.log', (r) => `key head: sk-${chars(r, ALNUM, 20)}${mark.slice(0, 4)}\n`],
  [
    'sha256-with-prefix',
    'data/hashes.txt',
    (r) => `${Array.from({ length: 4 }, (_, i) => `sk-${sha('sha256', `x${i}${r()}`)}`).join('\n')}\n`,
  ],
  [
    'sha1-with-prefix',
    'data/sha1.txt',
    (r) => `${Array.from({ length: 4 }, (_, i) => `sk-${sha('sha1', `y${i}${r()}`)}`).join('\n')}\n`,
  ],
  ['sha512-with-prefix', 'data/sha512.txt', (r) => `sk-${sha('sha512', `z${r()}`)}\n`],
  [
    'uuid-ids',
    'data/ids.json',
    (r) => `{"items":[${Array.from({ length: 4 }, () => `{"id":"sk-${uuid(r)}"}`).join(',')}]}\n`,
  ],
  [
    'random-short-ids',
    'data/short.json',
    (r) => `{"refs":[${Array.from({ length: 5 }, () => `"sk-${chars(r, ALNUM, 10)}"`).join(',')}]}\n`,
  ],
  [
    'jira-keys-branches',
    'CHANGELOG.md',
    (r) =>
      `## 2.3.0\n- SK-${r.int(9000) + 1000}: fix login loop (branch feature/sk-${r.int(9000) + 1000}-fix-login-loop)\n- SK-${r.int(9000) + 1000}: retry payments\n`,
  ],
  [
    'html-lang',
    'web/index.html',
    () =>
      `<!doctype html>\n<html lang="sk">\n<head>\n<link rel="alternate" hreflang="sk-SK" href="https://acme.example/sk-SK/" />\n</head>\n</html>\n`,
  ],
  [
    'npm-package-names',
    'web/package.json',
    () =>
      `{\n  "name": "web",\n  "dependencies": {\n    "@sk-global/ui-kit": "^3.2.1",\n    "sk-ui-tokens": "1.0.0-beta.12",\n    "sk-date-picker-v2-compat": "2.4.0"\n  }\n}\n`,
  ],
  [
    'docker-image-tags',
    'deploy/images.txt',
    (r) => `ghcr.io/acme/sk-api:1.4.2-alpine\nregistry.acme.dev/sk-worker:sha-${chars(r, HEX, 7)}\n`,
  ],
  [
    'svg-ids',
    'web/img/logo.svg',
    (r) =>
      `<svg xmlns="http://www.w3.org/2000/svg"><defs><linearGradient id="sk-gradient-linear-${chars(r, HEX, 6)}"/></defs><path id="sk-icon-arrow-left-24px" d="M0 0h24v24H0z"/></svg>\n`,
  ],
  [
    'minified-arithmetic',
    'public/assets/vendor-9a1b.js',
    () =>
      `function q(sk,ox){return sk-ox}var sk=10,Math2=Math;var r=sk-Math2.floor(3.5)+sk-1;var d=sk-offsetX1234567890abcdefghij;\n`,
  ],
  [
    'lockfile',
    'package-lock.json',
    (r) =>
      `{\n  "packages": {\n    "node_modules/sk-lib": {\n      "version": "1.2.3",\n      "resolved": "https://registry.npmjs.org/sk-lib/-/sk-lib-1.2.3.tgz",\n      "integrity": "sha512-${Buffer.from(Array.from({ length: 64 }, () => r.int(256))).toString('base64')}"\n    }\n  }\n}\n`,
  ],
  [
    'stripe-test-keys',
    'tests/stripe_test.rb',
    (r) =>
      `Stripe.api_key = "${['sk', 'test'].join('_')}_${chars(r, ALNUM, 24)}"\nRESTRICTED = "${['rk', 'test'].join('_')}_${chars(r, ALNUM, 24)}"\n`,
  ],
  [
    'stripe-publishable',
    'web/src/stripe.js',
    (r) => `const stripe = Stripe("${['pk', 'live'].join('_')}_${chars(r, ALNUM, 24)}");\n`,
  ],
  [
    'env-var-references',
    '.github/workflows/ci.yml',
    () =>
      `env:\n  OPENAI_API_KEY: \${{ secrets.OPENAI_API_KEY }}\n  ANTHROPIC_API_KEY: $ANTHROPIC_API_KEY\n  DEEPSEEK_API_KEY: "{{ .Values.deepseek.apiKey }}"\n`,
  ],
  [
    'ansible-vault',
    'ansible/group_vars/vault.yml',
    (r) =>
      `openai_api_key: !vault |\n  $ANSIBLE_VAULT;1.1;AES256\n${Array.from({ length: 4 }, () => `  ${chars(r, DIGITS + 'abcdef', 80)}`).join('\n')}\n`,
  ],
  [
    'sops-encrypted',
    'secrets/prod.enc.yaml',
    (r) =>
      `openai_api_key: ENC[AES256_GCM,data:${Buffer.from(Array.from({ length: 60 }, () => r.int(256))).toString('base64')},iv:${chars(r, ALNUM, 22)}=,tag:${chars(r, ALNUM, 22)}==,type:str]\n`,
  ],
  [
    'regex-in-code',
    'src/detect.py',
    () =>
      `PATTERNS = [\n    r"sk-[A-Za-z0-9]{48}",\n    r"sk-proj-[A-Za-z0-9_-]{74}T3BlbkFJ[A-Za-z0-9_-]{74}",\n    r"sk-ant-api03-[\\w-]{93}AA",\n]\n`,
  ],
  [
    'icon-names',
    'web/icons.ts',
    () =>
      `export const icons = ['sk-icon-arrow-left-24px', 'sk-icon-chevron-down-16px', 'sk-icon-settings-gear-outline-32']\n`,
  ],
  [
    'git-short-sha',
    'RELEASES.txt',
    (r) => `build sk-${chars(r, HEX, 7)} deployed\nbuild sk-${chars(r, HEX, 12)} rolled back\n`,
  ],
  [
    'sklearn-names',
    'requirements.txt',
    () => `scikit-learn==1.4.2\nsk-video==1.1.10\nsk-learn-extra-utils==0.3.0\n`,
  ],
  [
    'k8s-secret-names',
    'k8s/deploy.yaml',
    () =>
      `envFrom:\n  - secretRef:\n      name: sk-openai-credentials-prod\n  - secretRef:\n      name: sk-anthropic-credentials-2024\n`,
  ],
  [
    'terraform-resource-names',
    'infra/main.tf',
    () =>
      `resource "aws_secretsmanager_secret" "sk-prod-openai-key-v2" {\n  name = "sk-prod-openai-key-v2"\n}\n`,
  ],
  [
    'urls-with-sk',
    'docs/links.md',
    () =>
      `- https://shop.example/sk-SK/products/sk-2024-blue-xl\n- https://cdn.example/sk-assets/v12/sk-hero-banner-1920x1080.webp\n`,
  ],
  [
    'png-data-uri',
    'web/src/img.js',
    (r) =>
      `export const px = "data:image/png;base64,${Buffer.from(Array.from({ length: 300 }, () => r.int(256))).toString('base64')}";\n`,
  ],
  [
    'sourcemap-mappings',
    'public/assets/vendor-9a1b.js.map',
    (r) =>
      `{"version":3,"sources":["vendor.js"],"names":["sk","ox"],"mappings":"${Array.from({ length: 40 }, () => chars(r, ALNUM + '+/', 6)).join(';')}"}\n`,
  ],
  [
    'locale-data-bundle',
    'public/assets/locale-sk.js',
    () =>
      `var locales={"sk-SK":{months:["január","február"],weekdays:["nedeľa","pondelok"]},"sk":{code:"sk-SK"}};\n`,
  ],
  [
    'postman-variables',
    'postman/env.json',
    () =>
      `{"values":[{"key":"openai_key","value":"{{OPENAI_API_KEY}}"},{"key":"auth","value":"Bearer {{openai_key}}"}]}\n`,
  ],
  [
    'key-ids-not-keys',
    'audit/keys.json',
    (r) =>
      `{"data":[{"id":"key_${chars(r, ALNUM, 16)}","name":"ci","redacted_value":"sk-...${chars(r, ALNUM, 4)}"},{"id":"apikey_01${chars(r, ALNUM, 22)}","partial_key_hint":"sk-ant-api03-${chars(r, URLSAFE, 4)}...${chars(r, URLSAFE, 4)}AA"}]}\n`,
  ],
  [
    'key-hash-hex',
    'audit/openrouter.json',
    (r) => `{"hash":"${chars(r, HEX, 64)}","label":"sk-or-v1-${chars(r, HEX, 3)}...${chars(r, HEX, 3)}"}\n`,
  ],
  [
    'printenv-masked',
    'ci/debug/printenv-masked.txt',
    () => `HOME=/home/runner\nOPENAI_API_KEY=***\nANTHROPIC_API_KEY=\nDEEPSEEK_API_KEY=[REDACTED]\n`,
  ],
  [
    'http-dump-redacted',
    'captures/redacted.http',
    () => `POST /v1/chat/completions HTTP/1.1\nAuthorization: Bearer [REDACTED]\nx-api-key: sk-ant-***\n`,
  ],
  [
    'stack-trace-filenames',
    'crash/trace.txt',
    () =>
      `Error: boom\n    at handler (/app/src/sk-router.js:42:13)\n    at next (/app/node_modules/sk-middleware-compose-2024/index.js:18:9)\n`,
  ],
  [
    'low-entropy-sk',
    'data/low.txt',
    () =>
      `sk${D}aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\nsk${D}00000000000000000000000000000000\nsk${D}abababababababababababababababababababababababab\n`,
  ],
  [
    'kebab-identifiers',
    'web/components.ts',
    () =>
      `export const ids = ['sk${D}very-long-component-name-with-many-parts-v2', 'sk${D}storybook-button--primary-large-2', 'sk${D}2024-q3-marketing-landing-hero-variant-b']\n`,
  ],
  [
    'jwt-tokens',
    'tests/jwt.txt',
    (r) =>
      `eyJhbGciOiJIUzI1NiJ9.${Buffer.from(`{"sub":"${chars(r, DIGITS, 8)}"}`).toString('base64url')}.${chars(r, URLSAFE, 43)}\n`,
  ],
  [
    'docker-compose-service-names',
    'compose.override.yml',
    () =>
      `services:\n  sk-worker-1:\n    image: acme/worker\n  sk-scheduler-2024:\n    image: acme/scheduler\n`,
  ],
  [
    'storybook-ids',
    'web/stories.json',
    () => `{"stories":{"sk-button--primary-large-2":{},"sk-card--with-image-3x":{}}}\n`,
  ],
  [
    'git-lfs-pointer',
    'assets/model.bin',
    (r) =>
      `version https://git-lfs.github.com/spec/v1\noid sha256:${chars(r, HEX, 64)}\nsize ${r.int(1e9)}\n`,
  ],
  [
    'skeleton-loader-classes',
    'web/Skeleton.tsx',
    () =>
      `export const Skeleton = () => <div className="sk-skeleton sk-skeleton--text-3-lines sk-pulse-anim-1200ms" />;\n`,
  ],
  [
    'hex-trace-ids',
    'logs/trace.log',
    (r) =>
      `trace_id=${chars(r, HEX, 32)} span_id=${chars(r, HEX, 16)} session=sess_${chars(r, LOWER + DIGITS, 24)}\n`,
  ],
  [
    'live-word-not-stripe',
    'docs/ops.md',
    () => `The ${live.replace('_', '-')} environment and the \`${live}\` flag are unrelated to Stripe.\n`,
  ],
  [
    'words-ending-in-sk',
    'web/styles/app.css',
    (r) =>
      `.task-queue-worker-${podSuffix(r)} { mask-image: none; }\n.risk-score-model-2024q3-variant-b-${chars(r, HEX, 8)} { -webkit-mask-position-x: 0; }\n.kiosk-checkout-screen-1920x1080-v${r.int(9)} {}\n`,
  ],
  [
    'base64url-tokens-with-sk',
    'data/tokens.txt',
    (r) =>
      `${Array.from({ length: 4 }, () => `${chars(r, URLSAFE, 12)}sk-${chars(r, URLSAFE, 28)}`).join('\n')}\n`,
  ],
  [
    'webpack-chunk-names',
    'public/assets/manifest.json',
    (r) =>
      `{"sk${D}vendors-node_modules_react-dom_index_js":"/assets/sk${D}vendors-node_modules_react-dom_index_js-${chars(r, HEX, 8)}.js"}\n`,
  ],
  [
    'hashed-asset-filenames',
    'public/assets/index.html',
    (r) =>
      `<img src="/assets/sk-logo-${chars(r, HEX, 8)}${chars(r, HEX, 12)}.svg"><link href="/assets/sk-main-${chars(r, ALNUM, 8)}.css">\n`,
  ],
  [
    'css-in-js-hashes',
    'web/styles/generated.css',
    (r) =>
      `${Array.from({ length: 4 }, () => `.sk-${chars(r, LOWER + DIGITS, 7)} { display: flex; }`).join('\n')}\n`,
  ],
  [
    'container-names',
    'ops/docker-ps.txt',
    (r) =>
      `${Array.from({ length: 3 }, (_, i) => `${chars(r, HEX, 12)}   acme/worker   "node w.js"   Up 2 hours   sk-worker-${i + 1}-${chars(r, HEX, 12)}`).join('\n')}\n`,
  ],
  [
    'helm-generated-names',
    'charts/out/manifest.yaml',
    (r) =>
      `metadata:\n  name: sk-release-name-redis-ha-announce-${r.int(3)}\n  labels:\n    app.kubernetes.io/instance: sk-release-name-${chars(r, LOWER + DIGITS, 5)}\n`,
  ],
  [
    'gradient-and-filter-ids',
    'web/img/chart.svg',
    (r) =>
      `<svg><defs><filter id="sk-drop-shadow-${chars(r, ALNUM, 10)}"/><clipPath id="sk-clip-path-${chars(r, LOWER + DIGITS, 12)}"/></defs></svg>\n`,
  ],
  [
    'image-sizes-in-paths',
    'docs/assets.md',
    (r) =>
      `![hero](/img/sk-hero-banner-${r.pick(['1920x1080', '1280x720', '3840x2160'])}-v${r.int(9)}.webp)\n![thumb](/img/sk-thumb-${r.int(900) + 100}x${r.int(900) + 100}@2x.png)\n`,
  ],
];
