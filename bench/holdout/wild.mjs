// The `wild` suite of the hold-out corpus (node bench/holdout/run.mjs --suite wild): key shapes and
// look-alikes seen in the field that the first hold-out corpus did not cover, scored per class, with
// provider attribution scored separately from misses. Built without reading the detector; see
// docs/holdout.md ("The wild suite") for the sources of every shape.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { HARD, POSITIVE } from './contexts.mjs';
import { ALNUM, chars, FAMILIES, fingerprint, HEX, LOWER, mask, rng } from './keys.mjs';
import * as K from './wild-keys.mjs';

const UNHINTED = { env: 'API_KEY', url: 'https://llm.internal.acme.dev/v1', provider: 'llm' };
const CLASSES = {
  'named-openai': '1. OpenAI keys carrying a service-account name (sk-<name>-…, sk-None-…)',
  'sk-underscore': '2. sk_live_ tokens that are not Stripe, and other sk_ prefixes',
  'sk48-shared': '3. sk- + 48 alphanumerics used by several providers',
  'openai-markerless': '4. OpenAI prefixes without the marker; redacted markers',
  'repeated-block': '5. Placeholder bodies repeating one block; random keys of the same lengths',
  linked: '6. Credentials that leak next to an AI key (not sk- keys)',
  companion: '6b. The AI keys planted next to the linked credentials',
  'inline-ignore': "7. Other tools' inline ignore comments (gitleaks:allow, trufflehog:ignore)",
};

// ---- context helpers --------------------------------------------------------------------------------------
const ALL_CTX = [...POSITIVE.map((c) => [...c, 'plain']), ...HARD.map((c) => [...c, 'hard'])];
const render = (tpl, key, f, r) => {
  const out = tpl(key, f, r);
  return typeof out === 'string' ? { text: out, needle: key } : out;
};
// Templates whose text names the provider (env var, base URL or provider word), for class 3.
const SENT = { env: 'ZQENVQZ', url: 'https://zqurlqz.example/v1', provider: 'zqprovqz' };
const NAMING_CTX = ALL_CTX.filter(([, , tpl]) => {
  const o = render(tpl, 'sk-zq', SENT, rng(1));
  const t = o.buffer ? o.buffer.toString('utf16le') + o.buffer.toString('latin1') : o.text + (o.needle ?? '');
  const dec = o.needle && o.needle !== 'sk-zq' ? Buffer.from(o.needle, 'base64').toString() : '';
  return /zqenvqz|zqurlqz|zqprovqz/i.test(t + dec);
});

function shuffled(arr, r) {
  const a = [...arr];
  for (let i = a.length - 1; i > 0; i--) {
    const k = r.int(i + 1);
    [a[i], a[k]] = [a[k], a[i]];
  }
  return a;
}

const lineOf = (text, needle) => text.slice(0, text.indexOf(needle)).split('\n').length;

// ---- the registry of cases ------------------------------------------------------------------------------
// A case writes one file. build(r) → { text | buffer, plants }. A plant is one planted string:
//   expect 'report' (a positive), 'silent' (a hard negative instance) or 'info' (counted, not scored);
//   fps: the strings whose fingerprint identifies it (the key; for pairs and URLs, each part);
//   needle/line: where it is; provider: the expected provider, when attribution is scored.
const CASES = [];
const add = (cls, kind, ctx, path, build) => CASES.push({ cls, kind, ctx, path, build });
const pos = (secret, o = {}) => ({
  expect: 'report',
  fps: [secret, ...(o.alts ?? [])],
  needle: secret,
  ...o,
});
const neg = (secret, o = {}) => ({
  expect: 'silent',
  fps: [secret, ...(o.alts ?? [])],
  needle: secret,
  ...o,
});

/** One key per context, in `n` contexts drawn from `pool` (fixed per seed and kind). */
function singles(seedPick, cls, kind, n, pool, gen, fam, o = {}) {
  const picked = shuffled(pool, seedPick(`pick/${cls}/${kind}`)).slice(0, n);
  for (const [ctx, path, tpl] of picked)
    add(cls, kind, ctx, path, (r) => {
      const g = gen(r);
      const key = typeof g === 'string' ? g : g.key;
      const hinted = o.alwaysHinted || r() < 0.5;
      const f = hinted ? fam : { ...fam, ...UNHINTED };
      const out = render(tpl, key, f, r);
      const plant = (o.expect === 'silent' ? neg : pos)(key, {
        provider: o.expect === 'silent' ? undefined : fam.provider,
        needle: out.needle,
        line: out.line,
        hinted,
        detail: g.detail,
      });
      if (o.expect === 'info') plant.expect = 'info';
      return { text: out.text, buffer: out.buffer, plants: [plant] };
    });
}

const fam = (provider, env, url) => ({ provider, env, url });
const OPENAI = fam('openai', 'OPENAI_API_KEY', 'https://api.openai.com/v1');

function companion(r) {
  const name = r.pick(['openai-project', 'anthropic-api', 'openrouter', 'deepseek', 'groq', 'xai']);
  const f = FAMILIES[name];
  return { key: f.gen(r), env: f.env, url: f.url, provider: f.provider };
}
const comp = (c) => pos(c.key, { cls: 'companion', kind: 'companion-ai-key', provider: c.provider });

export function buildCases(seedPick) {
  CASES.length = 0;
  const plainPool = ALL_CTX.filter((c) => c[3] === 'plain');

  // 1. Named OpenAI keys.
  singles(seedPick, 'named-openai', 'named-short', 24, ALL_CTX, K.namedShort, OPENAI);
  singles(seedPick, 'named-openai', 'none-short', 10, ALL_CTX, K.noneShort, OPENAI);
  singles(seedPick, 'named-openai', 'none-long', 10, ALL_CTX, K.noneLong, OPENAI);
  add('named-openai', 'named-placeholder-x', 'docs', 'docs/service-accounts.md', (r) => {
    const ks = Array.from(
      { length: 4 },
      () => `${K.P.SK}${K.accountName(r)}-${'X'.repeat(20)}${K.MARK}${'X'.repeat(20)}`,
    );
    return {
      text: `# Service accounts\n\nEach bot gets its own key. The key looks like:\n\n${ks.map((k) => `    ${k}`).join('\n')}\n\nNever commit the real value.\n`,
      plants: ks.map((k) => neg(k)),
    };
  });
  add('named-openai', 'named-masked', 'log', 'logs/openai-errors.log', (r) => {
    const lines = [];
    const plants = [];
    for (let i = 0; i < 4; i++) {
      const name = K.accountName(r);
      const real = K.namedShort(r, name);
      const m =
        i % 2 === 0
          ? `${K.P.SK}${name}-${'*'.repeat(36)}${real.slice(-4)}`
          : `${real.slice(0, 3 + name.length + 5)}…${real.slice(-4)}`;
      lines.push(
        i % 2 === 0
          ? `2024-06-0${i + 1}T10:00:00Z ERROR openai: Incorrect API key provided: ${m}. You can find your API key at https://platform.openai.com/account/api-keys.`
          : `2024-06-0${i + 1}T10:00:00Z INFO  using key ${m} for service account ${name}`,
      );
      plants.push(neg(m));
    }
    return { text: `${lines.join('\n')}\n`, plants };
  });
  add('named-openai', 'named-truncated', 'chat', 'exports/slack/ops.json', (r) => {
    const cut = Array.from({ length: 3 }, () => K.namedShort(r).slice(0, -(28 + r.int(8))));
    return {
      text: `[\n${cut.map((c, i) => `  {"type":"message","user":"U0${i}","text":"which key is the billing bot on? starts with ${c}","ts":"171455${i}000.0001"}`).join(',\n')}\n]\n`,
      plants: cut.map((c) => neg(c)),
    };
  });
  add('named-openai', 'named-low-entropy', 'fixture', 'tests/fixtures/openai_keys.py', (r) => {
    const n = () => K.accountName(r);
    const ks = [
      `${K.P.SK}${n()}-${'a'.repeat(20)}${K.MARK}${'a'.repeat(20)}`,
      `${K.P.SK}${n()}-${'0'.repeat(20)}${K.MARK}${'0'.repeat(20)}`,
      `${K.P.SK}${n()}-abcdefghijklmnopqrst${K.MARK}uvwxyzABCDEFGHIJKLMN`,
      `${K.P.SK}${n()}-12345678901234567890${K.MARK}12345678901234567890`,
    ];
    return {
      text: `${ks.map((k, i) => `FAKE_KEY_${i} = "${k}"`).join('\n')}\n`,
      plants: ks.map((k) => neg(k)),
    };
  });
  add('named-openai', 'account-name-identifiers', 'k8s', 'k8s/serviceaccounts.yaml', (r) => {
    const ids = Array.from(
      { length: 4 },
      () => `${K.P.SK}${K.accountName(r)}-${chars(r, 'bcdfghjklmnpqrstvwxz2456789', 5)}`,
    );
    return {
      text: `${ids.map((id) => `---\napiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: ${id.toLowerCase()}\n  namespace: llm`).join('\n')}\n`,
      plants: ids.map((id) => neg(id.toLowerCase())),
    };
  });

  // 2. sk_ families.
  const pay = [
    ['stripe-secret', K.stripeSecret, fam('stripe', 'STRIPE_SECRET_KEY', 'https://api.stripe.com')],
    [
      'stripe-restricted',
      K.stripeRestricted,
      fam('stripe', 'STRIPE_RESTRICTED_KEY', 'https://api.stripe.com'),
    ],
    ['paystack-live', K.paystackLive, fam('paystack', 'PAYSTACK_SECRET_KEY', 'https://api.paystack.co')],
    ['clerk-live', K.clerkLive, fam('clerk', 'CLERK_SECRET_KEY', 'https://api.clerk.com/v1')],
    [
      'live-with-dash',
      K.liveWithDash,
      fam('unknown', 'PAYMENTS_API_SECRET', 'https://payments.internal.acme.dev'),
    ],
    [
      'iex-secret',
      K.iexSecret,
      fam('iexcloud', 'IEX_CLOUD_SECRET_TOKEN', 'https://cloud.iexapis.com/stable'),
    ],
    ['checkout-live', K.checkoutLive, fam('checkout', 'CKO_SECRET_KEY', 'https://api.checkout.com')],
    [
      'checkout-sandbox',
      K.checkoutSandbox,
      fam('checkout', 'CKO_SECRET_KEY', 'https://api.sandbox.checkout.com'),
    ],
    ['recharge', K.rechargeKey, fam('recharge', 'RECHARGE_API_TOKEN', 'https://api.rechargeapps.com')],
    [
      'photoroom',
      K.photoroomKey,
      fam('photoroom', 'PHOTOROOM_API_KEY', 'https://sdk.photoroom.com/v1/segment'),
    ],
  ];
  for (const [kind, gen, f] of pay) singles(seedPick, 'sk-underscore', kind, 12, ALL_CTX, gen, f);
  add('sk-underscore', 'stripe-test-keys', 'config', 'config/stripe.test.env', (r) => {
    const ks = [K.STRIPE_DOC_TEST, `${K.P.TEST}${chars(r, ALNUM, 24)}`, `${K.P.TEST}${chars(r, ALNUM, 99)}`];
    return {
      text: `# test mode only\nSTRIPE_SECRET_KEY=${ks[0]}\nSTRIPE_SECRET_KEY_CI=${ks[1]}\nSTRIPE_SECRET_KEY_LOCAL=${ks[2]}\n`,
      plants: ks.map((k) => neg(k)),
    };
  });
  add('sk-underscore', 'live-placeholders', 'docs', 'docs/payments.md', () => {
    const ks = [
      `${K.P.LIVE}${'x'.repeat(24)}`,
      `${K.P.LIVE}YOUR_SECRET_KEY`,
      `${K.P.LIVE}...`,
      `${K.P.LIVE}<your-live-key>`,
      `${K.P.LIVE}${'X'.repeat(99)}`,
    ];
    return {
      text: `## Going live\n\n${ks.map((k) => `- \`STRIPE_SECRET_KEY=${k}\``).join('\n')}\n`,
      plants: ks.map((k) => neg(k)),
    };
  });
  add('sk-underscore', 'live-masked', 'log', 'logs/billing.log', (r) => {
    const ks = Array.from({ length: 4 }, (_, i) => {
      const k = K.stripeSecret(r);
      return i % 2 ? `${K.P.LIVE}${'*'.repeat(20)}${k.slice(-4)}` : `${K.P.LIVE}...${k.slice(-4)}`;
    });
    return {
      text: `${ks.map((k, i) => `2024-07-0${i + 1} WARN stripe: Invalid API Key provided: ${k}`).join('\n')}\n`,
      plants: ks.map((k) => neg(k)),
    };
  });
  add('sk-underscore', 'live-truncated', 'issue', 'exports/issues/88.json', (r) => {
    const ks = Array.from({ length: 3 }, () => K.stripeSecret(r).slice(0, 8 + 6 + r.int(6)));
    return {
      text: `{"number":88,"body":"prod uses the key starting ${ks[0]}… and staging ${ks[1]}…, the old one was ${ks[2]}"}\n`,
      plants: ks.map((k) => neg(k)),
    };
  });
  add('sk-underscore', 'publishable-keys', 'web', 'web/src/payments.ts', (r) => {
    const ks = [
      `pk_live_${chars(r, ALNUM, 24)}`,
      `pk_live_${chars(r, ALNUM, 99)}`,
      `pk_${chars(r, HEX, 32)}`,
      `pk_${K.uuid(r)}`,
    ];
    return {
      text: `export const STRIPE_PK = "${ks[0]}";\nexport const STRIPE_PK_EU = "${ks[1]}";\nexport const IEX_PUBLISHABLE = "${ks[2]}";\nexport const CKO_PUBLIC_KEY = "${ks[3]}";\n`,
      plants: ks.map((k) => neg(k)),
    };
  });
  add('sk-underscore', 'sk-live-identifiers', 'code', 'src/billing/keys.py', () => {
    const lines = [
      `IS_LIVE = key.startswith("${K.P.LIVE}")`,
      `LIVE_KEY_RE = re.compile(r"${K.P.LIVE}[0-9a-zA-Z]{24,99}")`,
      `def is_${K.P.LIVE}key(k): return k[:8] == "${K.P.LIVE}"`,
      `ENV_NAME = "STRIPE_SK_LIVE_KEY"`,
    ];
    return { text: `import re\n\n${lines.join('\n')}\n`, plants: [] };
  });

  // 3. sk- + 48 alphanumerics under several providers (the context names the provider).
  const bt = fam('braintrust', 'BRAINTRUST_API_KEY', 'https://api.braintrust.dev');
  const oneapi = fam('one-api', 'ONE_API_KEY', 'https://one-api.acme.cn/v1');
  const moon = fam('moonshot', 'MOONSHOT_API_KEY', 'https://api.moonshot.cn/v1');
  for (const [kind, f] of [
    ['braintrust', bt],
    ['one-api', oneapi],
    ['moonshot', moon],
  ])
    singles(seedPick, 'sk48-shared', kind, 14, NAMING_CTX, K.sk48, f, { alwaysHinted: true });
  add('sk48-shared', 'braintrust', 'py-import', 'evals/run_eval.py', (r) => {
    const k = K.sk48(r);
    return {
      text: `import braintrust\nfrom autoevals import Factuality\n\nbraintrust.login(api_key="${k}")\nexperiment = braintrust.init(project="support-bot")\n`,
      plants: [pos(k, { provider: 'braintrust' })],
    };
  });
  add('sk48-shared', 'braintrust', 'ts-import', 'evals/support.eval.ts', (r) => {
    const k = K.sk48(r);
    return {
      text: `import { Eval, initLogger } from "braintrust";\n\nconst logger = initLogger({ projectName: "support-bot", apiKey: "${k}" });\n`,
      plants: [pos(k, { provider: 'braintrust' })],
    };
  });
  add('sk48-shared', 'one-api', 'py-gateway', 'app/llm.py', (r) => {
    const k = K.sk48(r);
    return {
      text: `from openai import OpenAI\n\n# company one-api gateway (songquanpeng/one-api)\nclient = OpenAI(api_key="${k}", base_url="${oneapi.url}")\n`,
      plants: [pos(k, { provider: 'one-api' })],
    };
  });
  add('sk48-shared', 'moonshot', 'py-kimi', 'app/kimi.py', (r) => {
    const k = K.sk48(r);
    return {
      text: `from openai import OpenAI\n\nclient = OpenAI(api_key="${k}", base_url="${moon.url}")\nresp = client.chat.completions.create(model="kimi-k2-0711-preview", messages=msgs)\n`,
      plants: [pos(k, { provider: 'moonshot' })],
    };
  });
  add('sk48-shared', 'provider-named-placeholders', 'docs', 'docs/tracing.md', (r) => {
    const real = K.sk48(r);
    const ks = [
      `${K.P.SK}...`,
      `${K.P.SK}bt-your-key-here`,
      `${real.slice(0, 7)}...${real.slice(-6)}`,
      `${K.P.SK}${'x'.repeat(48)}`,
    ];
    return {
      text: `## Tracing\n\n\`\`\`env\nBRAINTRUST_API_KEY=${ks[0]}\n\`\`\`\n\nor \`BRAINTRUST_API_KEY=${ks[1]}\`. Example: \`BRAINTRUST_API_KEY=${ks[2]}\`.\n\nKimi: \`MOONSHOT_API_KEY=${ks[3]}\`\n`,
      plants: ks.map((k) => neg(k)),
    };
  });

  // 4. OpenAI prefixes without the marker.
  singles(seedPick, 'openai-markerless', 'marker-redacted', 14, plainPool, K.markerRedacted, OPENAI, {
    expect: 'silent',
  });
  singles(seedPick, 'openai-markerless', 'markerless-long', 12, plainPool, K.markerless, OPENAI, {
    expect: 'info',
  });
  singles(seedPick, 'openai-markerless', 'with-marker-control', 10, plainPool, K.openaiWithMarker, OPENAI);

  // 5. Repeated blocks vs random keys of the same lengths.
  for (const rf of K.REPEAT_FAMILIES) {
    const f = FAMILIES[rf[0]];
    const fm = fam(f.provider, f.env, f.url);
    singles(
      seedPick,
      'repeated-block',
      `repeat/${rf[0]}`,
      4,
      plainPool,
      (r) => {
        const { key, block } = K.repeatedBlock(r, rf);
        return { key, detail: `block of ${block}` };
      },
      fm,
      {
        expect: 'silent',
      },
    );
    singles(
      seedPick,
      'repeated-block',
      `random/${rf[0]}`,
      4,
      plainPool,
      (r) => K.randomSameLength(r, rf),
      fm,
    );
  }

  linked(seedPick, plainPool);
  ignores();
  return CASES;
}

// ---- 6. linked credentials --------------------------------------------------------------------------------
function linked(seedPick, plainPool) {
  const L = 'linked';
  const lp = (secret, kind, o = {}) => pos(secret, { kind, loc: true, ...o });
  // AWS pairs.
  const awsCtx = [
    [
      'aws-credentials',
      'home/.aws/credentials',
      (p, c) =>
        `[default]\naws_access_key_id = ${p.id}\naws_secret_access_key = ${p.secret}\nregion = eu-west-1\n\n[llm]\n# ${c.env}\nopenai_key = ${c.key}\n`,
    ],
    [
      'dotenv-pair',
      '.env',
      (p, c) =>
        `AWS_ACCESS_KEY_ID=${p.id}\nAWS_SECRET_ACCESS_KEY=${p.secret}\nAWS_REGION=us-east-1\n${c.env}=${c.key}\n`,
    ],
    [
      'terraform-provider',
      'infra/main.tf',
      (p, c) =>
        `provider "aws" {\n  region     = "eu-west-1"\n  access_key = "${p.id}"\n  secret_key = "${p.secret}"\n}\n\nvariable "llm_key" {\n  default = "${c.key}"\n}\n`,
    ],
    [
      'boto3-python',
      'app/storage.py',
      (p, c) =>
        `import boto3\n\ns3 = boto3.client(\n    "s3",\n    aws_access_key_id="${p.id}",\n    aws_secret_access_key="${p.secret}",\n)\nLLM_KEY = "${c.key}"\n`,
    ],
    [
      'github-workflow-pair',
      '.github/workflows/deploy.yml',
      (p, c) =>
        `name: deploy\non: push\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    env:\n      AWS_ACCESS_KEY_ID: ${p.id}\n      AWS_SECRET_ACCESS_KEY: ${p.secret}\n      ${c.env}: ${c.key}\n    steps:\n      - run: ./deploy.sh\n`,
    ],
    [
      'docker-compose-pair',
      'docker-compose.yml',
      (p, c) =>
        `services:\n  worker:\n    image: acme/worker\n    environment:\n      - AWS_ACCESS_KEY_ID=${p.id}\n      - AWS_SECRET_ACCESS_KEY=${p.secret}\n      - ${c.env}=${c.key}\n`,
    ],
  ];
  for (const [ctx, path, tpl] of awsCtx)
    add(L, 'aws-access-key', ctx, path, (r) => {
      const p = K.awsPair(r);
      const c = companion(r);
      const text = tpl(p, c);
      return {
        text,
        plants: [lp(p.id, 'aws-access-key', { alts: [p.secret], span: [p.id, p.secret] }), comp(c)],
      };
    });
  // Alibaba pairs.
  const aliCtx = [
    [
      'dotenv-pair',
      '.env',
      (p, c) =>
        `ALIBABA_CLOUD_ACCESS_KEY_ID=${p.id}\nALIBABA_CLOUD_ACCESS_KEY_SECRET=${p.secret}\nDASHSCOPE_API_KEY=${c.key}\n`,
    ],
    [
      'python-acs',
      'app/oss.py',
      (p, c) =>
        `from aliyunsdkcore.client import AcsClient\n\nclient = AcsClient("${p.id}", "${p.secret}", "cn-hangzhou")\nLLM_KEY = "${c.key}"\n`,
    ],
    [
      'yaml-pair',
      'config/aliyun.yaml',
      (p, c) =>
        `aliyun:\n  accessKeyId: ${p.id}\n  accessKeySecret: ${p.secret}\n  endpoint: oss-cn-hangzhou.aliyuncs.com\nllm:\n  apiKey: ${c.key}\n`,
    ],
  ];
  for (const [ctx, path, tpl] of aliCtx)
    add(L, 'alibaba-access-key', ctx, path, (r) => {
      const p = K.alibabaPair(r);
      const c = companion(r);
      return {
        text: tpl(p, c),
        plants: [lp(p.id, 'alibaba-access-key', { alts: [p.secret], span: [p.id, p.secret] }), comp(c)],
      };
    });
  // Google service-account JSON.
  const saJson = (r, pk) => {
    const project = `acme-${chars(r, LOWER, 5)}-${100000 + r.int(899999)}`;
    return {
      project,
      obj: {
        type: 'service_account',
        project_id: project,
        private_key_id: chars(r, HEX, 40),
        private_key: `${pk}\n`,
        client_email: `vertex-runner@${project}.iam.gserviceaccount.com`,
        client_id: chars(r, '0123456789', 21),
        auth_uri: 'https://accounts.google.com/o/oauth2/auth',
        token_uri: 'https://oauth2.googleapis.com/token',
      },
    };
  };
  add(L, 'gcp-service-account', 'sa-json-file', 'secrets/vertex-sa.json', (r) => {
    const { pem } = K.privateKey(r, '');
    const { obj } = saJson(r, pem);
    const text = `${JSON.stringify(obj, null, 2)}\n`;
    const esc = JSON.stringify(obj.private_key).slice(1, -1);
    return {
      text,
      plants: [
        lp(esc, 'gcp-service-account', {
          alts: [pem, obj.private_key, obj.private_key_id],
          span: [obj.private_key_id, esc],
        }),
      ],
    };
  });
  add(L, 'gcp-service-account', 'env-inline-json', '.env.production', (r) => {
    const { pem } = K.privateKey(r, '');
    const { obj } = saJson(r, pem);
    const c = companion(r);
    const one = JSON.stringify(obj);
    const esc = JSON.stringify(obj.private_key).slice(1, -1);
    return {
      text: `GOOGLE_CLOUD_PROJECT=${obj.project_id}\nGOOGLE_APPLICATION_CREDENTIALS_JSON='${one}'\n${c.env}=${c.key}\n`,
      plants: [
        lp(esc, 'gcp-service-account', { alts: [pem, obj.private_key, obj.private_key_id, one] }),
        comp(c),
      ],
    };
  });
  add(L, 'gcp-service-account', 'k8s-stringdata-json', 'k8s/gcp-sa.yaml', (r) => {
    const { pem } = K.privateKey(r, '');
    const { obj } = saJson(r, pem);
    const c = companion(r);
    const body = JSON.stringify(obj, null, 2)
      .split('\n')
      .map((l) => `    ${l}`)
      .join('\n');
    const esc = JSON.stringify(obj.private_key).slice(1, -1);
    return {
      text: `apiVersion: v1\nkind: Secret\nmetadata:\n  name: vertex-sa\nstringData:\n  ${c.env}: ${c.key}\n  key.json: |\n${body}\n`,
      plants: [
        lp(esc, 'gcp-service-account', {
          alts: [pem, obj.private_key, obj.private_key_id],
          span: [obj.private_key_id, esc],
        }),
        comp(c),
      ],
    };
  });
  // Private keys.
  const pemCtx = [
    ['id-rsa-file', 'home/.ssh/id_deploy', (pem) => `${pem}\n`],
    ['pem-file', 'certs/server.key', (pem) => `${pem}\n`],
    [
      'yaml-block',
      'config/tls.yaml',
      (pem, c) =>
        `tls:\n  key: |\n${pem
          .split('\n')
          .map((l) => `    ${l}`)
          .join('\n')}\nllm_api_key: ${c.key}\n`,
    ],
    [
      'env-escaped',
      '.env',
      (pem, c) => `JWT_PRIVATE_KEY="${pem.replaceAll('\n', '\\n')}"\n${c.env}=${c.key}\n`,
    ],
    [
      'terraform-heredoc',
      'infra/keys.tf',
      (pem, c) =>
        `resource "tls_private_key_import" "deploy" {\n  private_key_pem = <<EOT\n${pem}\nEOT\n}\n\nlocals {\n  llm_key = "${c.key}"\n}\n`,
    ],
  ];
  for (const type of ['RSA', 'EC', '', 'OPENSSH'])
    for (const [ctx, path, tpl] of pemCtx) {
      add(L, 'private-key', `${ctx}-${(type || 'pkcs8').toLowerCase()}`, path, (r) => {
        const { pem } = K.privateKey(r, type);
        const c = companion(r);
        const text = tpl(pem, c);
        const needle =
          ctx === 'env-escaped'
            ? pem.replaceAll('\n', '\\n')
            : ctx === 'yaml-block'
              ? pem.split('\n')[0]
              : pem;
        const lines = pem.split('\n');
        const body = lines.slice(1, -1).join('\n');
        const plants = [
          lp(needle, 'private-key', {
            alts: [pem, body, lines.slice(1, -1).join(''), `${pem}\n`],
            span: ctx === 'yaml-block' ? [lines[0], lines.at(-1)] : undefined,
          }),
        ];
        if (text.includes(c.key)) plants.push(comp(c));
        return { text, plants };
      });
    }
  // Single-token kinds, in the plain contexts plus a .env next to an AI key.
  const single = [
    [
      'google-api-key',
      K.googleApiKey,
      fam('google', 'GOOGLE_API_KEY', 'https://generativelanguage.googleapis.com/v1beta'),
      8,
    ],
    ['github-token', (r) => K.githubClassic(r), fam('github', 'GITHUB_TOKEN', 'https://api.github.com'), 10],
    ['github-token', K.githubFineGrained, fam('github', 'GH_TOKEN', 'https://api.github.com'), 5],
    ['slack-token', K.slackBot, fam('slack', 'SLACK_BOT_TOKEN', 'https://slack.com/api'), 6],
    ['slack-token', K.slackUser, fam('slack', 'SLACK_USER_TOKEN', 'https://slack.com/api'), 4],
    ['slack-webhook', K.slackWebhook, fam('slack', 'SLACK_WEBHOOK_URL', 'https://hooks.slack.com'), 6],
    [
      'database-url',
      (r) => K.dbUrl(r).url,
      fam('database', 'DATABASE_URL', 'https://db.internal.acme.dev'),
      10,
    ],
    ['huggingface-token', K.hfToken, fam('huggingface', 'HF_TOKEN', 'https://huggingface.co'), 8],
    [
      'replicate-token',
      K.replicateToken,
      fam('replicate', 'REPLICATE_API_TOKEN', 'https://api.replicate.com/v1'),
      8,
    ],
  ];
  const seen = new Map();
  for (const [kind, gen, f, n] of single) {
    const variant = seen.get(kind) ?? 0;
    seen.set(kind, variant + 1);
    const picked = shuffled(plainPool, seedPick(`pick/linked/${kind}/${variant}`)).slice(0, n);
    for (const [ctx, path, tpl] of picked)
      add(L, kind, variant ? `${ctx}~${variant}` : ctx, path, (r) => {
        const key = gen(r);
        const out = render(tpl, key, f, r);
        const alts = kind === 'database-url' ? [key.match(/:([^:@/]+)@/)[1]] : [];
        return {
          text: out.text,
          buffer: out.buffer,
          plants: [lp(key, kind, { needle: out.needle, line: out.line, alts })],
        };
      });
    add(L, kind, `dotenv-with-ai-key${variant ? `~${variant}` : ''}`, '.env', (r) => {
      const key = gen(r);
      const c = companion(r);
      const alts = kind === 'database-url' ? [key.match(/:([^:@/]+)@/)[1]] : [];
      return {
        text: `NODE_ENV=production\n${c.env}=${c.key}\n${f.env}=${key}\n`,
        plants: [lp(key, kind, { alts }), comp(c)],
      };
    });
  }
  add(L, 'github-token', 'git-credentials', 'home/.git-credentials', (r) => {
    const t = K.githubClassic(r, 'ghp');
    return { text: `https://ci-bot:${t}@github.com\n`, plants: [lp(t, 'github-token')] };
  });
  add(L, 'github-token', 'git-config-remote', 'repo/.git/config', (r) => {
    const t = K.githubClassic(r, 'ghs');
    return {
      text: `[core]\n\trepositoryformatversion = 0\n[remote "origin"]\n\turl = https://x-access-token:${t}@github.com/acme/app.git\n\tfetch = +refs/heads/*:refs/remotes/origin/*\n`,
      plants: [lp(t, 'github-token')],
    };
  });

  // Linked hard negatives.
  const N = (kind, path, build) => add(L, kind, 'neg', path, build);
  N('aws-doc-example', 'docs/aws-setup.md', () => ({
    text: `Configure the CLI (values from the AWS docs):\n\n\`\`\`ini\n[default]\naws_access_key_id = ${K.AWS_DOC_ID}\naws_secret_access_key = ${K.AWS_DOC_SECRET}\n\`\`\`\n\nOr: \`export AWS_ACCESS_KEY_ID=${K.AWS_DOC_ID}\`\n`,
    plants: [neg(K.AWS_DOC_ID, { alts: [K.AWS_DOC_SECRET] })],
  }));
  N('aws-placeholders', 'config/aws.example.env', (r) => {
    const ks = [
      `AK${'IA'}${'X'.repeat(16)}`,
      `AK${'IA'}${chars(r, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 6)}...`,
      '<your-secret-access-key>',
      `AK${'IA'}${'0'.repeat(16)}`,
    ];
    return {
      text: `AWS_ACCESS_KEY_ID=${ks[0]}\n# truncated in the runbook: ${ks[1]}\nAWS_SECRET_ACCESS_KEY=${ks[2]}\nAWS_ACCESS_KEY_ID_CI=${ks[3]}\nAWS_SECRET_ACCESS_KEY_CI=${'x'.repeat(40)}\n`,
      plants: ks.map((k) => neg(k)),
    };
  });
  N('pem-docs-ellipsis', 'docs/tls.md', () => ({
    text: `Your key file looks like this:\n\n\`\`\`\n${K.pemLabel('RSA')}\n...\n${K.pemEnd('RSA')}\n\`\`\`\n\nor, for PKCS#8:\n\n\`\`\`\n${K.pemLabel('')}\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC...\n${K.pemEnd('')}\n\`\`\`\n\nOpenSSH:\n\n    ${K.pemLabel('OPENSSH')}\n    <base64 key material>\n    ${K.pemEnd('OPENSSH')}\n`,
    plants: [],
  }));
  N('pem-public-material', 'certs/bundle.pem', (r) => {
    const body = (n) =>
      chars(r, `${ALNUM}+/`, n)
        .match(/.{1,64}/g)
        .join('\n');
    return {
      text: `-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA${body(348)}\n-----END PUBLIC KEY-----\n-----BEGIN CERTIFICATE-----\nMIID${body(1200)}\n-----END CERTIFICATE-----\n`,
      plants: [],
    };
  });
  N('ssh-public-keys', 'home/.ssh/authorized_keys', (r) => ({
    text: `ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABgQ${chars(r, `${ALNUM}+/`, 500)} deploy@ci\nssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI${chars(r, `${ALNUM}+/`, 43)} alice@laptop\n`,
    plants: [],
  }));
  N('pem-detection-code', 'src/crypto/pem.ts', () => ({
    text: `const RSA_HEADER = "${K.pemLabel('RSA')}";\nconst PKCS8_HEADER = "${K.pemLabel('')}";\nexport const isPrivateKey = (s: string) => s.startsWith(RSA_HEADER) || s.startsWith(PKCS8_HEADER) || s.includes("${K.pemLabel('OPENSSH')}");\n`,
    plants: [],
  }));
  N('db-url-placeholders', 'docs/database.md', () => {
    const us = [
      'postgres://user:password@localhost:5432/mydb',
      'postgres://postgres:postgres@localhost/test',
      'mysql://root:root@127.0.0.1:3306/app',
      'mongodb+srv://<username>:<password>@cluster0.example.mongodb.net/test',
      'mongodb://${MONGO_USER}:${MONGO_PASSWORD}@mongo:27017/app',
      'postgresql://${DB_USER}:${DB_PASSWORD}@${DB_HOST}:5432/app',
      'postgresql://$(POSTGRES_USER):$(POSTGRES_PASSWORD)@db:5432/app',
      'amqp://guest:guest@localhost:5672/',
      'redis://localhost:6379/0',
      'postgres://app:{{ .Values.db.password }}@db:5432/app',
      'postgres://app:%s@%s:5432/%s',
      'postgres://app:changeme@db:5432/app',
    ];
    return {
      text: `Connection strings:\n\n${us.map((u) => `    DATABASE_URL=${u}`).join('\n')}\n`,
      plants: us.map((u) => neg(u)),
    };
  });
  N('github-placeholders', '.github/README.md', (r) => {
    const ks = [
      `ghp_${'x'.repeat(36)}`,
      'ghp_YOUR_TOKEN_HERE',
      'github_pat_...',
      `ghp_${chars(r, ALNUM, 8)}...`,
      '${{ secrets.GITHUB_TOKEN }}',
    ];
    return {
      text: `${ks.map((k) => `- \`GITHUB_TOKEN=${k}\``).join('\n')}\n`,
      plants: ks.map((k) => neg(k)),
    };
  });
  N('github-bad-checksum', 'tests/fixtures/tokens.txt', (r) => {
    const ks = Array.from({ length: 3 }, () => K.githubBadChecksum(r));
    return { text: `${ks.map((k, i) => `token_${i}=${k}`).join('\n')}\n`, plants: ks.map((k) => neg(k)) };
  });
  N('slack-doc-examples', 'docs/slack.md', () => {
    const ks = [
      K.SLACK_DOC_BOT,
      `${['xox', 'b'].join('')}-your-bot-token`,
      K.SLACK_DOC_HOOK,
      `${['xox', 'p'].join('')}-...`,
    ];
    return { text: `${ks.map((k) => `- \`${k}\``).join('\n')}\n`, plants: ks.map((k) => neg(k)) };
  });
  N('google-placeholders', 'web/.env.example', (r) => {
    const ks = [
      `AI${'za'}Sy${'X'.repeat(33)}`,
      `AI${'za'}...`,
      'YOUR_API_KEY',
      `AI${'za'}Sy${chars(r, ALNUM, 6)}…`,
    ];
    return {
      text: `${ks.map((k, i) => `GOOGLE_API_KEY_${i}=${k}`).join('\n')}\n`,
      plants: ks.map((k) => neg(k)),
    };
  });
  N('hf-identifiers', 'scripts/download.py', () => ({
    text: `from huggingface_hub import hf_hub_download, snapshot_download\nimport os\nos.environ["HF_HUB_ENABLE_HF_TRANSFER"] = "1"  # uses hf_transfer\npath = hf_hub_download(repo_id="bert-base-uncased", filename="config.json")\nHF_TOKEN = os.environ.get("HF_TOKEN", "hf_${'x'.repeat(34)}")\n`,
    plants: [neg(`hf_${'x'.repeat(34)}`)],
  }));
  N('replicate-alibaba-placeholders', 'config/providers.example.yaml', () => {
    const ks = [
      'r8_...',
      `r8_${'*'.repeat(37)}`,
      `LT${'AI'}${'*'.repeat(20)}`,
      `LT${'AI'}5t${'X'.repeat(18)}`,
    ];
    return {
      text: `replicate:\n  token: ${ks[0]}\n  token_masked: "${ks[1]}"\nalibaba:\n  access_key_id: "${ks[2]}"\n  example_id: ${ks[3]}\n`,
      plants: ks.map((k) => neg(k)),
    };
  });
  N('test-fixture-fakes', 'tests/fixtures/settings_test.py', () => ({
    text: `AWS_ACCESS_KEY_ID = "${K.AWS_DOC_ID}"\nAWS_SECRET_ACCESS_KEY = "${K.AWS_DOC_SECRET}"\nDATABASE_URL = "postgres://test:test@localhost:5432/test"\nREDIS_URL = "redis://:@localhost:6379/1"\n`,
    plants: [
      neg(K.AWS_DOC_ID, { alts: [K.AWS_DOC_SECRET] }),
      neg('postgres://test:test@localhost:5432/test'),
    ],
  }));
}

// ---- 7. inline ignore comments of other tools ------------------------------------------------------------
function ignores() {
  const I = 'inline-ignore';
  // [ctx, path, line(envName, key, comment) → text line, commentFor(marker), header, footer]
  const T = [
    ['dotenv', '.env', (n, k, c) => `${n}=${k} ${c}`, (m) => `# ${m}`, 'NODE_ENV=dev\n', 'PORT=3000\n'],
    [
      'python',
      'app/settings.py',
      (n, k, c) => `${n} = "${k}"  ${c}`,
      (m) => `# ${m}`,
      'import os\n\n',
      'DEBUG = True\n',
    ],
    [
      'js',
      'web/config.js',
      (n, k, c) => `export const ${n} = '${k}'; ${c}`,
      (m) => `// ${m}`,
      "'use strict';\n",
      'export default {};\n',
    ],
    [
      'ts',
      'src/keys.ts',
      (n, k, c) => `const ${n}: string = "${k}"; ${c}`,
      (m) => `/* ${m} */`,
      '',
      'export {};\n',
    ],
    [
      'go',
      'internal/keys.go',
      (n, k, c) => `const ${n} = "${k}" ${c}`,
      (m) => `// ${m}`,
      'package keys\n\n',
      '',
    ],
    [
      'yaml',
      'config/app.yaml',
      (n, k, c) => `  ${n.toLowerCase()}: ${k} ${c}`,
      (m) => `# ${m}`,
      'app:\n',
      '  port: 8080\n',
    ],
    [
      'shell',
      'scripts/env.sh',
      (n, k, c) => `export ${n}="${k}" ${c}`,
      (m) => `# ${m}`,
      '#!/bin/sh\n',
      'exec "$@"\n',
    ],
    [
      'markdown',
      'docs/keys.md',
      (n, k, c) => `- \`${n}=${k}\` ${c}`,
      (m) => `<!-- ${m} -->`,
      '# Keys\n\n',
      '',
    ],
    [
      'ini',
      'config/app.ini',
      (n, k, c) => `${n.toLowerCase()} = ${k} ${c}`,
      (m) => `; ${m}`,
      '[llm]\n',
      'timeout = 30\n',
    ],
    [
      'jsonc',
      '.vscode/settings.json',
      (n, k, c) => `  "${n}": "${k}", ${c}`,
      (m) => `// ${m}`,
      '{\n',
      '  "editor.tabSize": 2\n}\n',
    ],
    [
      'sql',
      'db/seed.sql',
      (n, k, c) => `INSERT INTO settings (name, value) VALUES ('${n}', '${k}'); ${c}`,
      (m) => `-- ${m}`,
      'BEGIN;\n',
      'COMMIT;\n',
    ],
    ['ruby', 'config/initializers/keys.rb', (n, k, c) => `${n} = "${k}" ${c}`, (m) => `# ${m}`, '', ''],
  ];
  const MARKERS = [
    ['gitleaks-allow', 'gitleaks:allow'],
    ['trufflehog-ignore', 'trufflehog:ignore'],
  ];
  const names = Object.keys(FAMILIES).filter((n) => FAMILIES[n].enabled !== false);
  for (const [ctx, path, line, cm, head, foot] of T)
    for (const [kind, marker] of MARKERS)
      add(I, kind, ctx, path, (r) => {
        const f1 = FAMILIES[r.pick(names)];
        const f2 = FAMILIES[r.pick(names)];
        const allowed = f1.gen(r);
        const control = f2.gen(r);
        const comment = cm(r() < 0.6 ? marker : `${marker} reviewed: rotated 2024-05`);
        const lines = [line(f1.env, allowed, comment), line(f2.env, control, '')];
        if (r() < 0.5) lines.reverse();
        const plants = [
          neg(allowed, { kind, provider: f1.provider }),
          pos(control, { kind: 'control-uncommented', provider: f2.provider }),
        ];
        // The comment on the line above covers nothing in gitleaks or trufflehog: that key is still a leak.
        if (r() < 0.4) {
          const f3 = FAMILIES[r.pick(names)];
          const k3 = f3.gen(r);
          lines.push(cm(marker), line(f3.env, k3, ''));
          plants.push(pos(k3, { kind: 'comment-on-previous-line', provider: f3.provider }));
        }
        return { text: `${head}${lines.map((l) => l.trimEnd()).join('\n')}\n${foot}`, plants };
      });
}

// ---- runner -------------------------------------------------------------------------------------------------
export function runWild({ root, seed, keep, only, cli }) {
  const outDir = join(root, 'bench/out/holdout-wild');
  const corpus = join(outDir, 'corpus');
  const streamFor = (id) => rng(seed ^ createHash('sha256').update(id).digest().readUInt32LE(0));
  rmSync(outDir, { recursive: true, force: true });
  const cases = buildCases(streamFor);
  const plants = [];
  const files = new Map();
  const ids = new Set();
  for (const c of cases) {
    const id = `${c.cls}/${c.kind}/${c.ctx}`;
    if (ids.has(id)) throw new Error(`duplicate case ${id}`);
    ids.add(id);
    if (only && !id.includes(only)) continue;
    const { text, buffer, plants: ps } = c.build(streamFor(`wild/${id}`));
    const file = `${c.cls}/${c.kind.replaceAll('/', '~')}/${c.ctx}/${c.path}`;
    const p = join(corpus, file);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, buffer ?? text);
    const recipe = `--suite wild --seed ${seed} --only ${id}`;
    files.set(file, { cls: c.cls, kind: c.kind, recipe });
    for (const pl of ps) {
      let line = pl.line;
      let lineEnd = line;
      if (!buffer) {
        const [a, b] = pl.span ?? [pl.needle, pl.needle];
        if (!text.includes(a) || !text.includes(b)) throw new Error(`case ${id} lost a planted string`);
        line ??= lineOf(text, a);
        lineEnd = lineOf(text, b) + b.split('\n').length - 1;
      }
      plants.push({
        cls: pl.cls ?? c.cls,
        kind: pl.kind ?? c.kind,
        expect: pl.expect,
        file,
        line,
        lineEnd,
        fps: [...new Set(pl.fps)].map(fingerprint),
        masked: mask(pl.fps[0]) + (pl.detail ? ` (${pl.detail})` : ''),
        provider: pl.provider,
        loc: !!pl.loc,
        hinted: pl.hinted,
        recipe,
      });
    }
  }
  writeFileSync(
    join(outDir, 'truth.json'),
    JSON.stringify(
      { seed, suite: 'wild', plants: plants.map(({ loc, ...p }) => p), files: [...files] },
      null,
      1,
    ),
  );

  const t0 = process.hrtime.bigint();
  const res = spawnSync(process.execPath, [cli, 'scan', corpus, '--format', 'json', '--quiet'], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  let report;
  try {
    if (res.status !== 0 && res.status !== 1) throw new Error(`exit ${res.status}`);
    report = JSON.parse(res.stdout);
  } catch (err) {
    console.error(`scan failed (${err.message}): ${res.stderr.slice(0, 2000)}`);
    if (!keep) rmSync(outDir, { recursive: true, force: true });
    return 2;
  }
  const findings = report.findings
    .map((f) => ({ ...f, file: f.file.replaceAll('\\', '/') }))
    .filter((f) => !f.suppressed);

  // Assign each finding to a plant: by file + fingerprint, else (linked kinds) by file + line span.
  const byFile = new Map();
  for (const p of plants) byFile.set(p.file, [...(byFile.get(p.file) ?? []), p]);
  const hits = new Map();
  const stray = [];
  for (const f of findings) {
    const ps = byFile.get(f.file) ?? [];
    let p = ps.find((x) => x.fps.includes(f.fingerprint));
    let how = 'fingerprint';
    if (!p) {
      p = ps.find((x) => x.loc && f.line >= x.line && f.line <= x.lineEnd);
      how = 'location';
    }
    if (!p) {
      stray.push(f);
      continue;
    }
    if (!hits.has(p)) hits.set(p, []);
    hits.get(p).push({ ...f, how });
  }

  const GENERIC = new Set([undefined, null, '', 'unknown', 'generic']);
  const verdict = (p) => {
    const hs = hits.get(p);
    if (!hs) return { found: false };
    const h = hs.find((x) => x.line >= p.line && x.line <= p.lineEnd) ?? hs[0];
    let attr = 'n/a';
    if (p.provider && p.provider !== 'unknown') {
      if (h.provider === p.provider || (h.candidates ?? []).includes(p.provider)) attr = 'right';
      else if (GENERIC.has(h.provider)) attr = 'unattributed';
      else attr = 'wrong';
    } else if (p.provider === 'unknown') attr = GENERIC.has(h.provider) ? 'right' : 'wrong';
    return { found: true, h, attr, wrongLine: !(h.line >= p.line && h.line <= p.lineEnd) };
  };

  const rows = new Map();
  const row = (k) =>
    rows.get(k) ??
    rows
      .set(k, {
        tp: 0,
        fn: 0,
        fp: 0,
        right: 0,
        unattr: 0,
        wrong: 0,
        info: 0,
        infoHit: 0,
        pos: 0,
        neg: 0,
        loc: 0,
      })
      .get(k);
  const misses = [];
  const fps = [];
  const provErr = [];
  for (const p of plants) {
    const v = verdict(p);
    for (const key of [p.cls, `${p.cls}  ${p.kind}`]) {
      const r = row(key);
      if (p.expect === 'report') {
        r.pos++;
        if (v.found) {
          r.tp++;
          if (v.h.how === 'location') r.loc++;
          if (v.attr === 'right') r.right++;
          if (v.attr === 'unattributed') r.unattr++;
          if (v.attr === 'wrong') r.wrong++;
        } else r.fn++;
      } else if (p.expect === 'silent') {
        r.neg++;
        if (v.found) r.fp++;
      } else {
        r.info++;
        if (v.found) r.infoHit++;
      }
    }
    if (p.expect === 'report' && !v.found) misses.push(p);
    if (p.expect === 'report' && v.attr === 'wrong') provErr.push({ p, h: v.h });
    if (p.expect === 'silent' && v.found)
      fps.push({ cls: p.cls, kind: p.kind, h: v.h, recipe: p.recipe, masked: p.masked });
  }
  // A finding that matches no planted string: on a positive's line it is a fragment of that key (wrong
  // boundaries); anywhere else it is text the file holds that is not planted.
  for (const f of stray) {
    const meta = files.get(f.file) ?? { cls: '?', kind: '?', recipe: '' };
    const onPos = (byFile.get(f.file) ?? []).find(
      (x) => x.expect === 'report' && f.line >= x.line && f.line <= x.lineEnd,
    );
    const what = onPos ? 'fragment of a planted key' : 'unplanted';
    for (const key of [meta.cls, `${meta.cls}  ${meta.kind}`]) row(key).fp++;
    fps.push({ cls: meta.cls, kind: `${meta.kind} (${what})`, h: f, recipe: meta.recipe });
  }

  const pct = (a, b) => (b === 0 ? '   n/a' : `${((100 * a) / b).toFixed(1).padStart(5)}%`);
  const totals = [...plants].reduce(
    (t, p) => {
      t[p.expect]++;
      return t;
    },
    { report: 0, silent: 0, info: 0 },
  );
  console.log(
    `keyguard hold-out, wild suite: seed ${seed}, ${files.size} files, ${totals.report} positives, ${totals.silent} hard-negative instances, ${totals.info} info-only, scan ${wallMs.toFixed(0)} ms wall`,
  );
  const head = `${'class / kind'.padEnd(50)} ${'pos'.padStart(4)} ${'neg'.padStart(4)} ${'TP'.padStart(4)} ${'FN'.padStart(4)} ${'FP'.padStart(4)}  precision  recall  provider right/unattr/wrong`;
  const line = (k, r) =>
    `${k.padEnd(50)} ${String(r.pos).padStart(4)} ${String(r.neg).padStart(4)} ${String(r.tp).padStart(4)} ${String(r.fn).padStart(4)} ${String(r.fp).padStart(4)}  ${pct(r.tp, r.tp + r.fp).padStart(9)}  ${pct(r.tp, r.pos)}  ${r.right + r.unattr + r.wrong ? `${r.right}/${r.unattr}/${r.wrong}` : ''}${r.loc ? `  (${r.loc} by location)` : ''}${r.info ? `  info: reported ${r.infoHit}/${r.info}` : ''}`;
  const all = [...rows].filter(([k]) => !k.includes('  ')).map(([, r]) => r);
  const sum = (f) => all.reduce((a, r) => a + r[f], 0);
  const linkedRow = rows.get('linked') ?? { tp: 0, pos: 0 };
  console.log(
    `OVERALL  TP ${sum('tp')}  FN ${sum('fn')}  FP ${sum('fp')}  precision ${pct(sum('tp'), sum('tp') + sum('fp'))}  recall ${pct(sum('tp'), sum('pos'))}  (without the linked class: recall ${pct(sum('tp') - linkedRow.tp, sum('pos') - linkedRow.pos)})  provider errors ${sum('wrong')}`,
  );
  console.log(`\nPER CLASS\n${head}`);
  for (const cls of Object.keys(CLASSES)) if (rows.has(cls)) console.log(line(cls, rows.get(cls)));
  console.log(`\nPER CLASS AND KIND\n${head}`);
  for (const [k, r] of [...rows].filter(([k]) => k.includes('  ')).sort()) console.log(line(k, r));

  const group = (list, keyOf) => {
    const m = new Map();
    for (const x of list) {
      const k = keyOf(x);
      m.set(k, [...(m.get(k) ?? []), x]);
    }
    return [...m].sort((a, b) => b[1].length - a[1].length);
  };
  console.log(`\nMISSES (${misses.length}), by class/kind`);
  for (const [k, xs] of group(misses, (p) => `${p.cls}/${p.kind}`))
    console.log(
      `  ${String(xs.length).padStart(4)}  ${k.padEnd(44)} e.g. ${xs[0].file}:${xs[0].line} ${xs[0].masked}  recipe: ${xs[0].recipe}`,
    );
  console.log(`\nPROVIDER ERRORS (${provErr.length}: found, but attributed to another provider)`);
  for (const [k, xs] of group(
    provErr,
    ({ p, h }) => `${p.cls}/${p.kind}: expected ${p.provider}, got ${h.provider} (${h.ruleId})`,
  ))
    console.log(`  ${String(xs.length).padStart(4)}  ${k}  recipe: ${xs[0].p.recipe}`);
  console.log(`\nFALSE POSITIVES (${fps.length}), by class/kind`);
  for (const [k, xs] of group(fps, (x) => `${x.cls}/${x.kind}`))
    console.log(
      `  ${String(xs.length).padStart(4)}  ${k.padEnd(44)} ${xs[0].h.ruleId} ${xs[0].h.redacted}  recipe: ${xs[0].recipe}`,
    );
  console.log('\nFALSE POSITIVE INSTANCES');
  for (const x of fps)
    console.log(
      `  ${`${x.cls}/${x.kind}`.padEnd(48)} ${x.h.ruleId.padEnd(22)} ${x.h.file}:${x.h.line}  ${x.masked ?? x.h.redacted}  recipe: ${x.recipe}`,
    );
  const wrongLines = plants.filter((p) => {
    const v = verdict(p);
    return p.expect === 'report' && v.found && v.wrongLine;
  });
  if (wrongLines.length) console.log(`\nRIGHT KEY, WRONG LINE: ${wrongLines.length}`);

  const summary = {
    suite: 'wild',
    seed,
    wallMs,
    files: files.size,
    ...totals,
    classes: Object.fromEntries([...rows].filter(([k]) => !k.includes('  '))),
    kinds: Object.fromEntries([...rows].filter(([k]) => k.includes('  '))),
    misses: misses.map(({ cls, kind, file, line, masked, recipe }) => ({
      cls,
      kind,
      file,
      line,
      masked,
      recipe,
    })),
    providerErrors: provErr.map(({ p, h }) => ({
      cls: p.cls,
      kind: p.kind,
      expected: p.provider,
      got: h.provider,
      ruleId: h.ruleId,
      recipe: p.recipe,
    })),
    falsePositives: fps.map((x) => ({
      cls: x.cls,
      planted: x.masked,
      kind: x.kind,
      ruleId: x.h.ruleId,
      redacted: x.h.redacted,
      file: x.h.file,
      line: x.h.line,
      recipe: x.recipe,
    })),
  };
  mkdirSync(join(root, 'bench/out'), { recursive: true });
  writeFileSync(join(root, 'bench/out/holdout-wild-result.json'), JSON.stringify(summary, null, 1));
  if (!keep) rmSync(outDir, { recursive: true, force: true });
  return 0;
}
