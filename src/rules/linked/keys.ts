/** Private keys (PEM, OpenSSH, PGP) and the Google service-account JSON that carries one. */
import { shannonEntropy } from '../../scan/entropy.js';
import { hasPlaceholderText, isPeriodic } from '../../scan/placeholder.js';
import { ALNUM, join, pick } from '../gen.js';
import type { Rule } from '../types.js';

/**
 * Header, body, footer of the same kind. The body holds base64, header lines (`Proc-Type: 4,ENCRYPTED`)
 * and line breaks, real or escaped (`\n` in JSON): a `...` or `<your key>` body never matches.
 */
const PEM_SOURCE =
  '-----BEGIN (?<kind>(?:(?:RSA|EC|DSA|OPENSSH|ENCRYPTED|PGP) )?PRIVATE KEY(?: BLOCK)?)-----' +
  '(?:\\\\[rn]|[A-Za-z0-9+/=:, \\t\\r\\n-]){40,12000}?-----END \\k<kind>-----(?![A-Za-z0-9])';

/** The base64 of a PEM block, without header, footer, header lines or line breaks. */
export function pemBody(pem: string): string {
  const inner = pem.slice(pem.indexOf('-----', 5) + 5, pem.lastIndexOf('-----END'));
  return inner
    .replace(/\\[rn]/g, '\n')
    .split(/[\r\n]+/)
    .filter((line) => !line.includes(':'))
    .join('')
    .replace(/[\s]/g, '');
}

/**
 * A real key's base64: at least 60 characters (an Ed25519 PKCS#8 key is 64), nothing but base64, random
 * enough, not one line pasted again and again, no placeholder words.
 */
export function isKeyBody(pem: string): boolean {
  const b = pemBody(pem);
  return (
    b.length >= 60 &&
    /^[A-Za-z0-9+/]+=*$/.test(b) &&
    shannonEntropy(b) >= 4.3 &&
    !isPeriodic(b) &&
    !hasPlaceholderText(b)
  );
}

const B64 = `${ALNUM}+/`;

/** Each private-key header as a keyword: `-----BEGIN CERTIFICATE-----` (in every CA bundle) is not one. */
const PEM_KEYWORDS = ['', 'RSA ', 'EC ', 'DSA ', 'OPENSSH ', 'ENCRYPTED ', 'PGP '].map((k) =>
  join('-----BEGIN ', k, 'PRIVATE KEY'),
);

function pemSample(kind: string, newline: string) {
  return (random: () => number): string => {
    const lines: string[] = [];
    const n = 4 + Math.floor(random() * 20);
    for (let i = 0; i < n; i++) lines.push(pick(random, B64, 64));
    lines.push(join(pick(random, B64, 20 + Math.floor(random() * 40)), '='));
    return [join('-----BEGIN ', kind, '-----'), ...lines, join('-----END ', kind, '-----')].join(newline);
  };
}

const KINDS = [
  'RSA PRIVATE KEY',
  'PRIVATE KEY',
  'EC PRIVATE KEY',
  'OPENSSH PRIVATE KEY',
  'ENCRYPTED PRIVATE KEY',
];

export const keyRules: Rule[] = [
  {
    id: 'google-service-account-key',
    provider: 'google',
    candidates: ['google'],
    kind: 'linked',
    description: 'Google service-account JSON key (the private_key of a service_account file)',
    keywords: PEM_KEYWORDS,
    regex: new RegExp(PEM_SOURCE, 'g'),
    anchored: true,
    // The token measured at the keyword is `-----BEGIN` itself (a space ends it); the regex goes on.
    minLength: 10,
    maxLength: 10,
    alphabet: 'A-Za-z0-9_-',
    selfChecked: true,
    core: pemBody,
    // `client_email` (…@….iam.gserviceaccount.com) follows the key in every such file.
    requiresContext: /service_account|gserviceaccount\.com/,
    validate: isKeyBody,
    sample: pemSample('PRIVATE KEY', '\\n'),
  },
  {
    id: 'private-key',
    provider: 'private-key',
    candidates: ['private-key'],
    kind: 'linked',
    description: 'Private key (PEM: RSA, EC, DSA, PKCS#8, encrypted; OpenSSH; PGP)',
    keywords: PEM_KEYWORDS,
    regex: new RegExp(PEM_SOURCE, 'g'),
    anchored: true,
    minLength: 10,
    maxLength: 10,
    alphabet: 'A-Za-z0-9_-',
    selfChecked: true,
    core: pemBody,
    validate: isKeyBody,
    sample: (random) =>
      pemSample(KINDS[Math.floor(random() * KINDS.length)]!, random() < 0.8 ? '\n' : '\\n')(random),
  },
];
