/** Deterministic findings for filter and reporter tests: keys come from the seeded KeyGen, never literals. */
import { Secret } from '../../src/scan/secret.js';
import type { Finding, ScanWarning } from '../../src/types.js';
import { KeyGen } from '../helpers/keygen.js';

export function makeFinding(key: string, over: Partial<Finding> = {}): Finding {
  const secret = new Secret(key);
  return {
    ruleId: 'openai-project',
    provider: 'openai',
    candidates: ['openai'],
    description: 'OpenAI project API key',
    file: 'src/app.ts',
    line: 1,
    column: 1,
    secret,
    redacted: secret.redacted,
    fingerprint: secret.fingerprint,
    source: 'tree',
    ...over,
  };
}

export interface Sample {
  findings: Finding[];
  warnings: ScanWarning[];
  stats: { files: number; bytes: number; durationMs: number; suppressed: number; commits?: number };
  keys: string[];
}

/** Five findings across three files: live, revoked, unknown, unverified, history, base64. */
export function sampleFindings(seed = 42): Sample {
  const gen = new KeyGen(seed);
  const keys = [gen.openaiProject(), gen.anthropic(), gen.deepseek(), gen.openrouter(), gen.stripeLive()];
  const findings: Finding[] = [
    makeFinding(keys[0], {
      file: 'src/config/prod.ts',
      line: 12,
      column: 5,
      verification: {
        status: 'live',
        provider: 'openai',
        endpoint: 'GET /v1/models',
        httpStatus: 200,
        detail: 'OpenAI answered 200 to GET /v1/models.',
        checkedAt: '2026-01-05T10:00:00.000Z',
      },
      commit: {
        sha: 'abc1234def5678901234567890abcdef12345678',
        author: 'Ann',
        email: 'ann@example.com',
        date: '2026-01-02T09:30:00Z',
      },
    }),
    makeFinding(keys[1], {
      ruleId: 'anthropic-api',
      provider: 'anthropic',
      candidates: ['anthropic'],
      description: 'Anthropic API key',
      file: 'src/config/prod.ts',
      line: 40,
      column: 18,
      verification: {
        status: 'revoked',
        provider: 'anthropic',
        endpoint: 'GET /v1/models',
        httpStatus: 401,
        errorCode: 'authentication_error',
        detail: 'Anthropic answered 401 authentication_error.',
        checkedAt: '2026-01-05T10:00:01.000Z',
      },
    }),
    makeFinding(keys[2], {
      ruleId: 'deepseek-or-dashscope',
      provider: 'deepseek|dashscope',
      candidates: ['deepseek', 'dashscope'],
      description: 'DeepSeek or DashScope API key',
      file: '.env.example',
      line: 3,
      column: 17,
      verification: {
        status: 'unknown',
        provider: 'deepseek',
        endpoint: 'GET /models',
        detail: 'Network error: connection reset.',
        checkedAt: '2026-01-05T10:00:02.000Z',
      },
    }),
    makeFinding(keys[3], {
      ruleId: 'openrouter',
      provider: 'openrouter',
      candidates: ['openrouter'],
      description: 'OpenRouter API key',
      file: 'scripts/old deploy|v1.sh',
      line: 7,
      column: 9,
      source: 'history',
      commit: {
        sha: '0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c',
        author: 'Bob <b>',
        email: 'bob@example.com',
        date: '2025-11-20T17:00:00Z',
        laterCommits: 3,
      },
    }),
    makeFinding(keys[4], {
      ruleId: 'stripe-secret',
      provider: 'stripe',
      candidates: ['stripe'],
      description: 'Stripe live secret key',
      file: 'k8s/secret.yaml',
      line: 9,
      column: 11,
      encoding: 'base64',
      message: 'Found inside a base64-encoded Kubernetes Secret value.',
    }),
  ];
  return {
    findings,
    warnings: [
      { file: 'assets/big.bin', message: 'skipped: larger than 10 MB' },
      { message: 'git history is shallow: fetch-depth 1' },
    ],
    stats: { files: 1234, bytes: 56_000_000, durationMs: 812, suppressed: 2 },
    keys,
  };
}

/** The part of a key that must never appear in output: its body minus the first and last 4 characters. */
export function secretMiddle(key: string, prefixLength: number): string {
  return key.slice(prefixLength + 4, -4);
}
