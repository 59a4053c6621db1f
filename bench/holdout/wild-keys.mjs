// Seeded generators for the `wild` suite: key shapes the first hold-out corpus did not cover, and the
// credentials that leak next to an AI key. Every prefix and marker is joined at run time, so this file
// holds no key-shaped literal. Sources for each shape are listed in docs/holdout.md ("The wild suite").
import { ALNUM, chars, DIGITS, HEX, LOWER, UPPER, URLSAFE } from './keys.mjs';

const j = (...p) => p.join('');
export const MARK = j('T3Bl', 'bkFJ');
const mixed = (r, alphabet, n, classes = [UPPER, LOWER, DIGITS]) => {
  for (;;) {
    const s = chars(r, alphabet, n);
    if (classes.every((c) => [...s].some((ch) => c.includes(ch)))) return s;
  }
};
const us = (r, n) => mixed(r, URLSAFE, n);
const an = (r, n) => mixed(r, ALNUM, n);
export const uuid = (r) => {
  const h = chars(r, HEX, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89ab'[r.int(4)]}${h.slice(17, 20)}-${h.slice(20)}`;
};

// ---- 1. OpenAI keys that carry a service-account name -------------------------------------------------
const NAME_WORDS = [
  'billing',
  'bot',
  'prod',
  'staging',
  'dev',
  'eval',
  'ingest',
  'support',
  'agent',
  'worker',
  'backend',
  'api',
  'svc',
  'batch',
  'rag',
  'search',
  'crm',
  'acme',
  'etl',
  'n8n',
  'zapier',
  'slack',
  'discord',
  'chatbot',
  'summarizer',
  'translate',
  'cron',
  'lambda',
  'github',
  'actions',
  'ci',
  'notion',
  'sales',
  'hr',
  'docs',
  'embed',
  'vision',
  'voice',
  'eu',
  'us',
  'west',
];
/** A service-account name: letters, digits and dashes, at most 42 characters (trufflehog PR #2868). */
export function accountName(r) {
  const n = 1 + r.int(4);
  const parts = [];
  for (let i = 0; i < n; i++) {
    let w = r.pick(NAME_WORDS);
    if (r() < 0.2) w = w[0].toUpperCase() + w.slice(1);
    parts.push(w);
  }
  if (r() < 0.4) parts.push(String(1 + r.int(r() < 0.5 ? 9 : 2030)));
  if (r() < 0.15) parts.push(chars(r, LOWER + DIGITS, 4 + r.int(5)));
  return parts.join('-').slice(0, 42).replace(/-+$/, '');
}
const SK = 'sk-';
export const namedShort = (r, name = accountName(r)) => j(SK, name, '-', an(r, 20), MARK, an(r, 20));
export const noneShort = (r) => j(SK, 'None', '-', an(r, 48));
export const noneLong = (r) => j(SK, 'None', '-', us(r, 74), MARK, us(r, 73), 'A');

// ---- 2. sk_live_ that is not Stripe, and other services' sk_ prefixes -----------------------------------
const LIVE = j('sk', '_live_');
const RLIVE = j('rk', '_live_');
const TEST = j('sk', '_test_');
export const stripeSecret = (r) => j(LIVE, an(r, r() < 0.5 ? 24 : 99));
export const stripeRestricted = (r) => j(RLIVE, an(r, r() < 0.5 ? 24 : 99));
export const paystackLive = (r) => j(LIVE, mixed(r, HEX, 40, [DIGITS, 'abcdef']));
export const clerkLive = (r) => j(LIVE, an(r, 40 + r.int(11)));
export const liveWithDash = (r) => {
  for (;;) {
    const s = us(r, 43);
    if (s.includes('-')) return j(LIVE, s);
  }
};
export const iexSecret = (r) => j('sk', '_', mixed(r, HEX, 32, [DIGITS, 'abcdef']));
export const checkoutLive = (r) => j('sk', '_', uuid(r));
export const checkoutSandbox = (r) => j(TEST, uuid(r));
export const rechargeKey = (r) =>
  j(
    'sk',
    r() < 0.25 ? '_test' : '',
    '_',
    r.pick(['1', '2', '3', '5', '10']),
    'x',
    r.pick(['1', '2', '3']),
    '_',
    chars(r, HEX, 64),
  );
export const photoroomKey = (r) =>
  j('sk', '_pr_', r.pick(['default', 'prod', 'acme', an(r, 12)]), '_', chars(r, HEX, 40));

// ---- 3. sk- + 48 alphanumerics: Moonshot, Braintrust, one-api style gateways -----------------------------
export const sk48 = (r) => j(SK, an(r, 48));

// ---- 4. OpenAI prefixes without the marker ----------------------------------------------------------------
const OPENAI_PREFIX = [j(SK, 'proj-'), j(SK, 'svcacct-'), j(SK, 'admin-')];
export function openaiWithMarker(r) {
  const p = r.pick(OPENAI_PREFIX);
  return p.endsWith('admin-') ? j(p, us(r, 58), MARK, us(r, 57), 'A') : j(p, us(r, 74), MARK, us(r, 73), 'A');
}
export function markerless(r) {
  return j(r.pick(OPENAI_PREFIX), us(r, 100 + r.int(61)));
}
const REDACTIONS = ['XXXXXXXX', '********', '****', 'xxxxxxxx', '[REDACTED]', '<redacted>', '…', '########'];
export function markerRedacted(r) {
  return openaiWithMarker(r).replace(MARK, r.pick(REDACTIONS));
}

// ---- 5. Repeated-block placeholders and random keys of the same lengths ---------------------------------
/** [family, prefix, body length, alphabet, suffix, marker position or -1] */
export const REPEAT_FAMILIES = [
  ['openai-project', j(SK, 'proj-'), 147, URLSAFE, 'A', 74],
  ['anthropic-api', j(SK, 'ant-', 'api03-'), 93, URLSAFE, 'AA', -1],
  ['openrouter', j(SK, 'or-', 'v1-'), 64, HEX, '', -1],
  ['deepseek', SK, 32, HEX, '', -1],
  ['siliconflow', SK, 48, LOWER, '', -1],
  ['moonshot', SK, 48, ALNUM, '', -1],
  ['groq', j('gsk', '_'), 52, ALNUM, '', -1],
  ['xai', j('xai', '-'), 80, ALNUM, '', -1],
  ['perplexity', j('pplx', '-'), 48, ALNUM, '', -1],
  ['stripe-live', LIVE, 99, ALNUM, '', -1],
];
const withMarker = (body, pos) => (pos < 0 ? body : body.slice(0, pos) + MARK + body.slice(pos));
export function repeatedBlock(r, [, prefix, len, alphabet, suffix, pos]) {
  const max = Math.min(30, Math.floor(len / 2));
  const block = mixed(
    r,
    alphabet,
    2 + r.int(max - 1),
    alphabet === ALNUM || alphabet === URLSAFE ? [UPPER, LOWER, DIGITS].slice(0, 1) : [alphabet],
  );
  const body = block.repeat(Math.ceil(len / block.length)).slice(0, len);
  return { key: prefix + withMarker(body, pos) + suffix, block: block.length };
}
export function randomSameLength(r, [, prefix, len, alphabet, suffix, pos]) {
  const body =
    alphabet === HEX
      ? mixed(r, HEX, len, [DIGITS, 'abcdef'])
      : alphabet === LOWER
        ? chars(r, LOWER, len)
        : mixed(r, alphabet, len);
  return prefix + withMarker(body, pos) + suffix;
}

// ---- 6. Linked credentials -------------------------------------------------------------------------------
const B32 = `${UPPER}234567`;
const B64 = `${ALNUM}+/`;
export const awsPair = (r) => ({ id: j('AK', 'IA', chars(r, B32, 16)), secret: mixed(r, B64, 40) });
export const alibabaPair = (r) => ({ id: j('LT', 'AI', an(r, 20)), secret: an(r, 30) });
export const googleApiKey = (r) => (r() < 0.8 ? j('AI', 'za', 'Sy', us(r, 33)) : j('AI', 'za', us(r, 35)));

// GitHub tokens: 30 random base62 characters + CRC32 of them in base62, left-padded to 6 (GitHub blog, 2021).
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
export function crc32(s) {
  let c = 0xffffffff;
  for (let i = 0; i < s.length; i++) c = CRC_TABLE[(c ^ s.charCodeAt(i)) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
const B62 = `${DIGITS}${UPPER}${LOWER}`;
export function base62(n, width) {
  let s = '';
  do {
    s = B62[n % 62] + s;
    n = Math.floor(n / 62);
  } while (n > 0);
  return s.padStart(width, '0');
}
const GH = ['ghp', 'gho', 'ghu', 'ghs', 'ghr'];
export function githubClassic(r, prefix = r.pick(GH)) {
  const body = an(r, 30);
  return j(prefix, '_', body, base62(crc32(body), 6));
}
export function githubBadChecksum(r) {
  for (;;) {
    const body = an(r, 30);
    const sum = an(r, 6);
    if (sum !== base62(crc32(body), 6)) return j('ghp', '_', body, sum);
  }
}
export const githubFineGrained = (r) =>
  j('github', '_pat_', '11', chars(r, UPPER + DIGITS, 20), '_', an(r, 59));
const digits = (r, n) => String(1 + r.int(9)) + chars(r, DIGITS, n - 1);
export const slackBot = (r) =>
  j('xox', 'b-', digits(r, 10 + r.int(4)), '-', digits(r, 10 + r.int(4)), '-', an(r, 24));
export const slackUser = (r) =>
  j(
    'xox',
    'p-',
    digits(r, 10 + r.int(4)),
    '-',
    digits(r, 10 + r.int(4)),
    '-',
    digits(r, 12 + r.int(2)),
    '-',
    chars(r, HEX, 32),
  );
export const slackWebhook = (r) =>
  j(
    'https://hooks.',
    'slack.com/services/',
    'T',
    chars(r, UPPER + DIGITS, 8 + r.int(3)),
    '/B',
    chars(r, UPPER + DIGITS, 8 + r.int(3)),
    '/',
    an(r, 24),
  );
export const hfToken = (r) => j('hf', '_', mixed(r, UPPER + LOWER, 34, [UPPER, LOWER]));
export const replicateToken = (r) => j('r8', '_', an(r, 37));

// Private keys: a real DER prefix for the key type, random base64 after it, 64-column lines (OpenSSH: 70).
export const pemLabel = (type) => j('-----', 'BEGIN ', type ? `${type} ` : '', 'PRIVATE', ' KEY', '-----');
export const pemEnd = (type) => j('-----', 'END ', type ? `${type} ` : '', 'PRIVATE', ' KEY', '-----');
const PEM_TYPES = [
  ['RSA', 'MIIEowIBAAKCAQEA', 1675],
  ['EC', 'MHcCAQEEI', 227],
  ['', 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC', 1624],
  ['OPENSSH', 'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW', 387],
];
export function privateKey(r, typeName) {
  const [type, der, len] = typeName ? PEM_TYPES.find((t) => t[0] === typeName) : r.pick(PEM_TYPES);
  let body = der + chars(r, B64, len - der.length);
  body = body.slice(0, len - (len % 4)) + (len % 4 ? '='.repeat(4 - (len % 4)) : '');
  const width = type === 'OPENSSH' ? 70 : 64;
  const lines = body.match(new RegExp(`.{1,${width}}`, 'g'));
  return { type: type || 'PKCS8', pem: [pemLabel(type), ...lines, pemEnd(type)].join('\n') };
}

const PW = `${ALNUM}`;
export function dbUrl(r) {
  const pw = mixed(r, PW, 16 + r.int(17));
  const user = r.pick(['app', 'api', 'svc_orders', 'admin', 'reporting', 'doadmin', 'root']);
  const host = r.pick([
    `db-${chars(r, LOWER + DIGITS, 6)}.c${chars(r, LOWER + DIGITS, 10)}.eu-west-1.rds.amazonaws.com`,
    `${chars(r, LOWER, 8)}.postgres.database.azure.com`,
    `10.${r.int(255)}.${r.int(255)}.${r.int(255)}`,
    'prod-db.internal.acme.dev',
  ]);
  const scheme = r.pick([
    'postgres',
    'postgresql',
    'mysql',
    'mongodb+srv',
    'redis',
    'rediss',
    'amqp',
    'amqps',
  ]);
  let url;
  if (scheme.startsWith('mongodb'))
    url = `${scheme}://${user}:${pw}@cluster0.${chars(r, LOWER + DIGITS, 5)}.mongodb.net/app?retryWrites=true&w=majority`;
  else if (scheme.startsWith('redis')) url = `${scheme}://${r() < 0.5 ? 'default' : ''}:${pw}@${host}:6379/0`;
  else if (scheme.startsWith('amqp')) url = `${scheme}://${user}:${pw}@${host}:5672/%2F`;
  else if (scheme === 'mysql') url = `${scheme}://${user}:${pw}@${host}:3306/app`;
  else url = `${scheme}://${user}:${pw}@${host}:5432/app?sslmode=require`;
  return { url, password: pw, scheme };
}

// Documented examples and look-alikes (negatives). Joined at run time.
export const AWS_DOC_ID = j('AK', 'IA', 'IOSFODNN7', 'EXAMPLE');
export const AWS_DOC_SECRET = j('wJalrXUtnFEMI', '/K7MDENG/', 'bPxRfiCY', 'EXAMPLEKEY');
export const STRIPE_DOC_TEST = j(TEST, '4eC39HqLy', 'jWDarjtT1zdp7dc');
export const SLACK_DOC_BOT = j(
  'xox',
  'b-',
  '17653672481',
  '-',
  '19874698323',
  '-',
  'pdFZKVeTuE8sk7oOcBrzbqgy',
);
export const SLACK_DOC_HOOK = j(
  'https://hooks.',
  'slack.com/services/',
  'T00000000/B00000000/',
  'X'.repeat(24),
);
export const P = { LIVE, RLIVE, TEST, SK };
