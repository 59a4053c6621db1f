/** Database and message-broker URLs that carry a password. */
import { shannonEntropy } from '../../scan/entropy.js';
import { hasPlaceholderText } from '../../scan/placeholder.js';
import { ALNUM, join, LOWER, pick } from '../gen.js';
import type { Rule } from '../types.js';

/** `scheme[+driver]://user:password@host[:port]`: the key reported is the URL up to the host. */
const URL_RE =
  /(?:postgres(?:ql)?|mysql|mariadb|mongodb|rediss?|amqps?)(?:\+[a-z0-9]{1,20})?:\/\/(?<user>[^\s:@/'"`<>]{0,128}):(?<pass>[^\s@/'"`<>]{1,256})@(?<host>[A-Za-z0-9._:-]{1,253})/g;

/** Passwords that docs, defaults and compose files use: not a leaked credential. */
const DEFAULTS = new Set(
  'pass passwd pwd password postgres root admin mysql mariadb guest test user redis mongo mongodb rabbitmq secret changeme default'.split(
    ' ',
  ),
);

/** Example hosts: loopback, the unspecified address, documentation domains, a bare `host`. */
const EXAMPLE_HOST =
  /^(?:localhost|127(?:\.\d{1,3}){3}|0\.0\.0\.0|\[?::1\]?|host|hostname|your[-_.a-z]*|(?:[a-z0-9-]+\.)*example(?:\.(?:com|org|net))?)(?::\d+)?$/i;

/**
 * A password that is a secret: not a template (`${DB_PASSWORD}`, `{{ .pass }}`, `%(pw)s`, `<password>`),
 * not a placeholder or default, not the user name again, random enough; and a host that is not an example.
 */
export function isLeakedUrl(url: string): boolean {
  URL_RE.lastIndex = 0;
  const m = URL_RE.exec(url);
  if (!m?.groups) return false;
  const { user = '', pass = '', host = '' } = m.groups;
  if (/^\$|\$\{|\{\{|%\(|^\*+$|^x+$/i.test(pass)) return false;
  if (DEFAULTS.has(pass.toLowerCase()) || pass === user) return false;
  if (pass.length < 8 || hasPlaceholderText(pass) || shannonEntropy(pass) < 2.8) return false;
  if (EXAMPLE_HOST.test(host)) return false;
  return true;
}

const SCHEMES = [
  'postgres',
  'postgresql',
  'mysql',
  'mongodb+srv',
  'redis',
  'rediss',
  'amqps',
  'postgresql+psycopg2',
];

export const databaseRules: Rule[] = [
  {
    id: 'database-url',
    provider: 'database',
    candidates: ['database'],
    kind: 'linked',
    description: 'Database or broker URL with a password (PostgreSQL, MySQL, MongoDB, Redis, AMQP)',
    // One word per scheme family (`postgres` covers `postgresql+psycopg2://`); the token measured at it
    // runs through `://user:password@host`, so a bare `redis` in a README is rejected by its length alone.
    keywords: ['postgres', 'mysql', 'mariadb', 'mongodb', 'redis', 'amqp'],
    regex: URL_RE,
    anchored: true,
    // The shortest URL with a password worth reporting: `redis://:` + 8 + `@h`.
    minLength: 19,
    maxLength: 4000,
    // What a URL's token holds (not `=`, `&`, `;`: `DATABASE_URL=postgres://…` starts after the `=`).
    alphabet: 'A-Za-z0-9_.~%!*+,:@/?#-',
    skipIdentifierFilter: true,
    core: (url) => url.slice(url.indexOf(':', url.indexOf('//')) + 1, url.lastIndexOf('@')),
    validate: isLeakedUrl,
    sample: (random) => {
      for (;;) {
        const pass = pick(random, ALNUM, 16 + Math.floor(random() * 12));
        const scheme = SCHEMES[Math.floor(random() * SCHEMES.length)]!;
        const host = join(pick(random, LOWER, 6), '.', pick(random, LOWER, 4), '.internal:5432');
        const url = join(scheme, '://app_', pick(random, LOWER, 4), ':', pass, '@', host);
        if (isLeakedUrl(url)) return url;
      }
    },
  },
];
