import { B64URL, join, pick } from './gen.js';
import type { Rule } from './types.js';

const URLSAFE = 'A-Za-z0-9_-';

export const anthropicRules: Rule[] = [
  {
    id: 'anthropic-admin-key',
    provider: 'anthropic',
    candidates: ['anthropic'],
    description: 'Anthropic Admin API key (organization-wide)',
    keywords: ['sk-ant-admin01-'],
    regex: /sk-ant-admin01-[A-Za-z0-9_-]{93}AA(?![A-Za-z0-9_-])/g,
    anchored: true,
    minLength: 110,
    maxLength: 110,
    alphabet: URLSAFE,
    prefixLength: 15,
    entropyFloor: 4.5,
    sample: (random) => join('sk-ant-admin01-', pick(random, B64URL, 93), 'AA'),
  },
  {
    id: 'anthropic-api-key',
    provider: 'anthropic',
    candidates: ['anthropic'],
    description: 'Anthropic API key',
    keywords: ['sk-ant-api03-'],
    regex: /sk-ant-api03-[A-Za-z0-9_-]{93}AA(?![A-Za-z0-9_-])/g,
    anchored: true,
    minLength: 108,
    maxLength: 108,
    alphabet: URLSAFE,
    prefixLength: 13,
    entropyFloor: 4.5,
    sample: (random) => join('sk-ant-api03-', pick(random, B64URL, 93), 'AA'),
  },
  {
    // OAuth access/refresh tokens (`sk-ant-oat01-`, `sk-ant-ort01-`), session keys, future versions.
    id: 'anthropic-other-key',
    provider: 'anthropic',
    candidates: ['anthropic'],
    description: 'Anthropic credential of another kind (OAuth token, session key or a newer key version)',
    keywords: ['sk-ant-'],
    regex: /sk-ant-[a-z]{2,8}[0-9]{2}-[A-Za-z0-9_-]{32,250}(?![A-Za-z0-9_-])/g,
    anchored: true,
    minLength: 44,
    maxLength: 268,
    alphabet: URLSAFE,
    prefixLength: 13,
    entropyFloor: 4.2,
    // API and admin keys have a fixed length: one that fails its own rule is truncated or made up.
    validate: (key) => !/^sk-ant-(?:api03|admin01)-/.test(key),
    sample: (random) => join('sk-ant-', random() < 0.5 ? 'oat01-' : 'ort01-', pick(random, B64URL, 93), 'AA'),
  },
];
