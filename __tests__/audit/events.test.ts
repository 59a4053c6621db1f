/**
 * auditFromEvents on UsageEvent[] shaped like each provider adapter's `usage()` output.
 */
import { auditFromEvents } from '../../src/audit/analyze.js';
import type { UsageEvent } from '../../src/providers/types.js';

const H = 3_600_000;
const END = Date.UTC(2026, 10, 20);
const START = END - 168 * H;
const LEAK = END - 24 * H;
const iso = (ms: number) => new Date(ms).toISOString();
const opts = { end: iso(END), leakTime: iso(LEAK) };

/** OpenAI /organization/usage/completions at 1h, grouped by api_key_id and model. */
function openaiUsage(): UsageEvent[] {
  const out: UsageEvent[] = [];
  for (let t = START; t < END; t += H) {
    const requests = t >= LEAK + 2 * H && t < LEAK + 5 * H ? 400 : 10;
    out.push({
      time: iso(t),
      bucketSeconds: 3600,
      requests,
      inputTokens: requests * 100,
      outputTokens: requests * 20,
      keyId: 'key_abc',
      model: 'gpt-4o-mini',
      path: 'completions',
      source: 'openai-usage',
    });
  }
  return out;
}

/** Anthropic usage_report/messages at 1h: tokens only, requests 0. */
function anthropicUsage(): UsageEvent[] {
  const out: UsageEvent[] = [];
  for (let t = START; t < END; t += H) {
    const tokens = t >= LEAK ? 50_000 : 5_000;
    out.push({
      time: iso(t),
      bucketSeconds: 3600,
      requests: 0,
      inputTokens: tokens,
      outputTokens: tokens / 10,
      keyId: 'apikey_01',
      model: 'claude-sonnet-4',
      source: 'anthropic-usage',
    });
  }
  return out;
}

/** OpenRouter /activity: one row per day and model. */
function openrouterActivity(): UsageEvent[] {
  const out: UsageEvent[] = [];
  for (let t = START; t < END; t += 24 * H) {
    out.push({
      time: iso(t),
      bucketSeconds: 86_400,
      requests: 240,
      inputTokens: 24_000,
      outputTokens: 4_800,
      costUsd: 1.2,
      model: 'openai/gpt-4.1',
      keyId: 'a'.repeat(64),
      source: 'openrouter-activity',
    });
  }
  return out;
}

/** LiteLLM spend logs: one row per request with IP and status. */
function litellmSpend(): UsageEvent[] {
  const out: UsageEvent[] = [];
  for (let t = START; t < END; t += H) {
    out.push({
      time: iso(t + 60_000),
      requests: 1,
      status: 200,
      ip: '10.0.0.8',
      costUsd: 0.01,
      source: 'litellm-spend-logs',
    });
  }
  for (let i = 0; i < 30; i++) {
    out.push({
      time: iso(LEAK + H + i * 1000),
      requests: 1,
      status: i % 3 === 0 ? 429 : 200,
      ip: i % 2 ? '203.0.113.9' : '198.51.100.4',
      costUsd: 0.05,
      source: 'litellm-spend-logs',
    });
  }
  return out;
}

/** OpenAI audit log: management events with the actor's IP and user agent. */
const openaiAudit: UsageEvent[] = [
  {
    time: iso(START + H),
    requests: 0,
    eventType: 'api_key.created',
    ip: '10.0.0.2',
    userAgent: 'Mozilla/5.0',
    source: 'openai-audit-log',
  },
  {
    time: iso(END - H),
    requests: 0,
    eventType: 'api_key.deleted',
    ip: '10.0.0.2',
    userAgent: 'Mozilla/5.0',
    source: 'openai-audit-log',
  },
];

describe('auditFromEvents with OpenAI usage buckets', () => {
  const r = auditFromEvents([...openaiUsage(), ...openaiAudit], { ...opts, provider: 'openai' });

  it('totals requests and tokens', () => {
    expect([r.totals.requests, r.totals.tokens]).toEqual([165 * 10 + 3 * 400, (165 * 10 + 3 * 400) * 120]);
  });

  it('finds the three hours where usage jumped after the leak', () => {
    expect(r.jumps.map((j) => j.hour)).toEqual([iso(LEAK + 2 * H), iso(LEAK + 3 * H), iso(LEAK + 4 * H)]);
  });

  it('says plainly that it has no status, IP or user agent', () => {
    expect(r.gaps.join(' ')).toMatch(/no per-request HTTP status, source IP or user agent/);
  });

  it('lists the key deletion from the audit log as a management event', () => {
    expect(r.managementEvents.map((e) => e.eventType)).toEqual(['api_key.created', 'api_key.deleted']);
  });

  it('derives rpm from the hourly peak before the leak ÷ 60', () => {
    expect(r.recommendations.policy.rpm).toBe(1);
  });

  it('recommends no budget for OpenAI', () => {
    expect(r.recommendations.policy.budgetUsd).toBeUndefined();
  });

  it('says the requests after the leak cannot be traced to IPs', () => {
    expect(r.verdict).toMatch(/^1410 requests after leak; source IPs unknown/);
  });
});

describe('auditFromEvents with the Anthropic usage report', () => {
  const r = auditFromEvents(anthropicUsage(), { ...opts, provider: 'anthropic' });

  it('measures jumps in tokens when there are no request counts', () => {
    expect([r.jumps.length, r.jumps[0].metric]).toEqual([24, 'tokens']);
  });

  it('states that the source has tokens only', () => {
    expect(r.gaps.join(' ')).toMatch(/tokens only/);
  });

  it('recommends a tpm but no rpm', () => {
    expect(r.recommendations.policy).toEqual({ tpm: Math.ceil((1.2 * 5500) / 60) });
  });

  it('reports token use after the leak in the verdict', () => {
    expect(r.verdict).toMatch(/^1320000 tokens after leak/);
  });
});

describe('auditFromEvents with OpenRouter daily activity', () => {
  const r = auditFromEvents(openrouterActivity(), { ...opts, provider: 'openrouter' });

  it('spreads a daily bucket evenly over its 24 hours', () => {
    expect(r.perHour.slice(0, 24).every((h) => h.requests === 10)).toBe(true);
  });

  it('states that the source is per day only', () => {
    expect(r.gaps.join(' ')).toMatch(/one row per day/);
  });

  it('derives rpm from the daily peak ÷ 1440 and a daily budget', () => {
    expect(r.recommendations.policy).toMatchObject({
      rpm: 1,
      dailyRequests: 720,
      budgetUsd: 3.6,
      budgetReset: 'daily',
    });
  });
});

describe('auditFromEvents with LiteLLM spend logs', () => {
  const r = auditFromEvents(litellmSpend(), { ...opts, provider: 'litellm', allowIps: ['10.0.0.0/8'] });

  it('flags the requests from unknown networks after the leak', () => {
    expect(r.verdict).toMatch(/^30 requests from 2 unknown IPs after leak/);
  });

  it('counts the 429 responses', () => {
    expect(r.statusCounts.s429).toBe(10);
  });

  it('uses a LiteLLM budget duration', () => {
    expect(r.recommendations.policy.budgetReset).toBe('1d');
  });
});

describe('auditFromEvents with bad input', () => {
  it('counts an event with an unparsable time as malformed', () => {
    const r = auditFromEvents([{ time: '', requests: 1, source: 'litellm-spend-logs' }], opts);
    expect(r.malformedRows).toEqual({
      count: 1,
      examples: [{ source: 'litellm-spend-logs', row: 1, reason: 'bad time ""' }],
    });
  });

  it('says there was nothing to audit when no event falls in the window', () => {
    const r = auditFromEvents([], opts);
    expect([r.verdict, r.gaps]).toEqual([
      'No use after leak.',
      ['No events in the window: nothing to audit.'],
    ]);
  });
});
