/** Service tokens that leak beside AI keys: GitHub, Slack, Hugging Face, Replicate. */
import { ALNUM, DIGITS, join, LOWER, pick, UPPER } from '../gen.js';
import type { Rule } from '../types.js';
import { base62, crc32, githubChecksumOk, looksRandom, mixesClasses } from './checks.js';

const GH_PREFIXES = ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'];

function githubClassicSample(random: () => number): string {
  for (;;) {
    const body = pick(random, ALNUM, 30);
    if (!looksRandom(body, 3.5)) continue;
    const prefix = GH_PREFIXES[Math.floor(random() * GH_PREFIXES.length)]!;
    return join(prefix, body, base62(crc32(body), 6));
  }
}

function slackTokenSample(random: () => number): string {
  const id = () => pick(random, DIGITS, 10 + Math.floor(random() * 3));
  for (;;) {
    const tail = pick(random, ALNUM, 24 + Math.floor(random() * 9));
    if (!mixesClasses(tail) || !looksRandom(tail, 3.5)) continue;
    return random() < 0.6
      ? join('xoxb-', id(), '-', id(), '-', tail)
      : join('xoxp-', id(), '-', id(), '-', id(), '-', tail);
  }
}

export const tokenRules: Rule[] = [
  {
    id: 'github-token',
    provider: 'github',
    candidates: ['github'],
    kind: 'linked',
    description: 'GitHub token, classic (ghp_/gho_/ghu_/ghs_/ghr_ with a valid CRC-32 checksum)',
    keywords: GH_PREFIXES,
    regex: /gh[pousr]_[A-Za-z0-9]{36}(?![A-Za-z0-9_-])/g,
    anchored: true,
    minLength: 40,
    maxLength: 40,
    alphabet: 'A-Za-z0-9_-',
    prefixLength: 4,
    // The checksum is the proof: a made-up body fails it, whatever its entropy.
    validate: githubChecksumOk,
    sample: githubClassicSample,
  },
  {
    id: 'github-fine-grained-token',
    provider: 'github',
    candidates: ['github'],
    kind: 'linked',
    description: 'GitHub fine-grained personal access token (github_pat_ + 22 + _ + 59)',
    keywords: ['github_pat_'],
    regex: /github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}(?![A-Za-z0-9_-])/g,
    anchored: true,
    minLength: 93,
    maxLength: 93,
    alphabet: 'A-Za-z0-9_-',
    prefixLength: 11,
    core: (key) => key.slice(11).replace('_', ''),
    entropyFloor: 4.5,
    sample: (random) => join('github_pat_', pick(random, ALNUM, 22), '_', pick(random, ALNUM, 59)),
  },
  {
    id: 'slack-token',
    provider: 'slack',
    candidates: ['slack'],
    kind: 'linked',
    description: 'Slack bot, user or app token (xoxb-, xoxp-, xoxa-, xoxe-, xoxs-, xoxr-)',
    keywords: ['xox'],
    regex: /xox[abeprs]-[0-9]{6,14}-(?:[0-9]{6,14}-)?(?:[0-9]{6,14}-)?[A-Za-z0-9]{20,64}(?![A-Za-z0-9_-])/g,
    anchored: true,
    minLength: 32,
    maxLength: 120,
    alphabet: 'A-Za-z0-9_-',
    prefixLength: 5,
    core: (key) => key.slice(key.lastIndexOf('-') + 1),
    validate: (key) => {
      const tail = key.slice(key.lastIndexOf('-') + 1);
      return /[A-Za-z]/.test(tail) && looksRandom(tail, 3.5);
    },
    sample: slackTokenSample,
  },
  {
    id: 'slack-webhook',
    provider: 'slack',
    candidates: ['slack'],
    kind: 'linked',
    description: 'Slack incoming webhook URL (hooks.slack.com/services/T…/B…/…)',
    // From the host on: `https://` is in every URL (a costly needle), the host is not.
    keywords: ['hooks.slack.com/'],
    regex:
      /hooks\.slack\.com\/services\/T[A-Z0-9]{8,12}\/B[A-Z0-9]{8,12}\/[A-Za-z0-9]{23,25}(?![A-Za-z0-9_-])/g,
    anchored: true,
    // The token measured is the host (`/` ends it, and before it, from `https://`, is a boundary).
    minLength: 15,
    maxLength: 15,
    alphabet: 'A-Za-z0-9_.-',
    core: (key) => key.slice(key.lastIndexOf('/') + 1),
    validate: (key) => {
      const secret = key.slice(key.lastIndexOf('/') + 1);
      return mixesClasses(secret) && looksRandom(secret, 3.5);
    },
    sample: (random) => {
      for (;;) {
        const secret = pick(random, ALNUM, 24);
        if (!mixesClasses(secret) || !looksRandom(secret, 3.5)) continue;
        const id = (c: string) => join(c, pick(random, UPPER + DIGITS, 10));
        return join('hooks.slack.com/services/', id('T'), '/', id('B'), '/', secret);
      }
    },
  },
  {
    id: 'huggingface-token',
    provider: 'huggingface',
    candidates: ['huggingface'],
    kind: 'linked',
    description: 'Hugging Face access token (hf_ + 34 letters)',
    keywords: ['hf_'],
    regex: /hf_[A-Za-z]{34}(?![A-Za-z0-9_-])/g,
    anchored: true,
    minLength: 37,
    maxLength: 37,
    alphabet: 'A-Za-z0-9_-',
    prefixLength: 3,
    entropyFloor: 4.0,
    validate: (key) =>
      /[A-Z]/.test(key.slice(3)) && /[a-z]/.test(key.slice(3)) && looksRandom(key.slice(3), 4.0),
    sample: (random) => {
      for (;;) {
        const body = pick(random, UPPER + LOWER, 34);
        if (/[A-Z]/.test(body) && /[a-z]/.test(body) && looksRandom(body, 4.0)) return join('hf_', body);
      }
    },
  },
  {
    id: 'replicate-token',
    provider: 'replicate',
    candidates: ['replicate'],
    kind: 'linked',
    description: 'Replicate API token (r8_ + 37 letters and digits)',
    keywords: ['r8_'],
    regex: /r8_[A-Za-z0-9]{37}(?![A-Za-z0-9_-])/g,
    anchored: true,
    minLength: 40,
    maxLength: 40,
    alphabet: 'A-Za-z0-9_-',
    prefixLength: 3,
    entropyFloor: 4.0,
    validate: (key) => mixesClasses(key.slice(3)),
    sample: (random) => {
      for (;;) {
        const body = pick(random, ALNUM, 37);
        if (mixesClasses(body) && looksRandom(body, 4.0)) return join('r8_', body);
      }
    },
  },
];
