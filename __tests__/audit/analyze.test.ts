import { AuditAccumulator } from '../../src/audit/analyze.js';
import type { AuditOptions, AuditRecord } from '../../src/audit/types.js';
import { KeyGen } from '../helpers/keygen.js';

const H = 3_600_000;
const END = Date.UTC(2026, 10, 20);
const START = END - 168 * H;
const LEAK = END - 24 * H;
const iso = (ms: number) => new Date(ms).toISOString();

function acc(opts: Partial<AuditOptions> = {}) {
  return new AuditAccumulator({ end: iso(END), allowIps: ['10.0.0.0/8', '2001:db8:aa::/48'], ...opts });
}

function req(timeMs: number, extra: Partial<AuditRecord> = {}): AuditRecord {
  return {
    timeMs,
    requests: 1,
    status: 200,
    ip: '10.0.0.1',
    userAgent: 'OpenAI/Python 1.54.0',
    source: 'csv',
    ...extra,
  };
}

/** `perHour` requests in every hour from START until `until`. */
function steady(a: AuditAccumulator, perHour: number, until = END, extra: Partial<AuditRecord> = {}) {
  for (let t = START; t < until; t += H) {
    for (let i = 0; i < perHour; i++) a.add(req(t + i * 60_000, extra));
  }
}

describe('AuditAccumulator window', () => {
  it('defaults to the 168 hours before now', () => {
    const a = new AuditAccumulator({ now: () => new Date(END) });
    expect(a.finish().window).toEqual({ start: iso(START), end: iso(END) });
  });

  it('counts events outside the window as ignored', () => {
    const a = acc();
    a.add(req(START - 1));
    a.add(req(END));
    a.add(req(START));
    const r = a.finish();
    expect([r.totals.requests, r.totals.ignored]).toEqual([1, 2]);
  });

  it('has one point per hour of the window', () => {
    expect(acc().finish().perHour).toHaveLength(168);
  });

  it('ignores events of other key ids when key ids are given', () => {
    const a = acc({ keyIds: ['key_a'] });
    a.add(req(LEAK, { keyId: 'key_a' }));
    a.add(req(LEAK, { keyId: 'key_b' }));
    const r = a.finish();
    expect([r.totals.requests, r.totals.ignoredOtherKeys]).toEqual([1, 1]);
  });

  it('rejects a window longer than 366 days', () => {
    expect(() => new AuditAccumulator({ end: iso(END), windowHours: 367 * 24 })).toThrow(RangeError);
  });

  it('rejects a window whose end is before its start', () => {
    expect(() => new AuditAccumulator({ window: { start: iso(END), end: iso(START) } })).toThrow(RangeError);
  });
});

describe('AuditAccumulator status codes', () => {
  it('counts 401, 403 and 429 separately from other non-2xx', () => {
    const a = acc();
    for (const status of [200, 401, 401, 403, 429, 500, 404]) a.add(req(LEAK, { status }));
    const s = a.finish().statusCounts;
    expect([s.ok2xx, s.non2xx, s.s401, s.s403, s.s429, s.s5xx]).toEqual([1, 6, 2, 1, 1, 1]);
  });

  it('counts status codes per hour', () => {
    const a = acc();
    a.add(req(LEAK + 5, { status: 401 }));
    a.add(req(LEAK + H, { status: 429 }));
    const hours = a.finish().perHour.filter((h) => h.non2xx > 0);
    expect(hours.map((h) => [h.hour, h.s401, h.s429])).toEqual([
      [iso(LEAK), 1, 0],
      [iso(LEAK + H), 0, 1],
    ]);
  });

  it('counts requests without a status as unknown', () => {
    const a = acc();
    a.add(req(LEAK, { status: undefined }));
    expect(a.finish().statusCounts.unknown).toBe(1);
  });
});

describe('AuditAccumulator networks', () => {
  it('flags requests from outside the allowlist, grouped by /24 and /48', () => {
    const a = acc();
    for (const ip of ['203.0.113.5', '203.0.113.9', '2001:db8:bad::1', '2001:db8:bad:1::1', '10.1.1.1']) {
      a.add(req(LEAK, { ip }));
    }
    const r = a.finish();
    expect(r.ipGroups.map((g) => [g.group, g.allowed, g.distinctIps])).toEqual([
      ['203.0.113.0/24', false, 2],
      ['2001:db8:bad::/48', false, 2],
      ['10.1.1.0/24', true, 1],
    ]);
  });

  it('treats an IPv4-mapped IPv6 address like the IPv4 address', () => {
    const a = acc();
    a.add(req(LEAK, { ip: '::ffff:10.2.3.4' }));
    expect(a.finish().flaggedTotal).toBe(0);
  });

  it('keeps a capped list of flagged requests and counts the rest', () => {
    const a = acc({ flaggedLimit: 3 });
    for (let i = 0; i < 10; i++) a.add(req(LEAK + i, { ip: '203.0.113.5' }));
    const r = a.finish();
    expect([r.flagged.length, r.flaggedTotal]).toEqual([3, 10]);
  });

  it('marks flagged requests before and after the leak', () => {
    const a = acc({ leakTime: iso(LEAK) });
    a.add(req(LEAK - 1, { ip: '203.0.113.5' }));
    a.add(req(LEAK, { ip: '203.0.113.5' }));
    expect(a.finish().flagged.map((f) => f.afterLeak)).toEqual([false, true]);
  });

  it('says every IP counts as unknown when no allowlist is given', () => {
    const a = acc({ allowIps: [] });
    a.add(req(LEAK));
    expect(a.finish().gaps.join(' ')).toMatch(/No IP allowlist/);
  });
});

describe('AuditAccumulator user agents', () => {
  it('counts requests per user-agent class', () => {
    const a = acc();
    for (const userAgent of ['OpenAI/Python 1.0', 'curl/8.4.0', 'python-requests/2.31', '', 'Mozilla/5.0']) {
      a.add(req(LEAK, { userAgent }));
    }
    a.add(req(LEAK, { userAgent: undefined }));
    expect(a.finish().uaClasses).toEqual({ sdk: 1, generic: 3, other: 1, unknown: 1 });
  });

  it('lists top user agents by requests', () => {
    const a = acc();
    a.add(req(LEAK, { userAgent: 'curl/8' }));
    a.add(req(LEAK, { userAgent: 'curl/8' }));
    a.add(req(LEAK, { userAgent: 'axios/1' }));
    expect(a.finish().topUserAgents.map((u) => [u.userAgent, u.uaClass, u.requests])).toEqual([
      ['curl/8', 'generic', 2],
      ['axios/1', 'generic', 1],
    ]);
  });
});

describe('AuditAccumulator before and after the leak', () => {
  it('splits requests, tokens and cost at the leak time', () => {
    const a = acc({ leakTime: iso(LEAK) });
    a.add(req(LEAK - 1, { inputTokens: 10, outputTokens: 5, costUsd: 0.5 }));
    a.add(req(LEAK, { totalTokens: 100, costUsd: 2 }));
    const { before, after } = a.finish().beforeAfter!;
    expect([
      before.requests,
      before.tokens,
      before.costUsd,
      after.requests,
      after.tokens,
      after.costUsd,
    ]).toEqual([1, 15, 0.5, 1, 100, 2]);
  });

  it('reports hours above 3× the median hourly of the before-period as jumps', () => {
    const a = acc({ leakTime: iso(LEAK) });
    steady(a, 10);
    for (let i = 0; i < 40; i++) a.add(req(LEAK + 2 * H + i, { ip: '203.0.113.5' }));
    const jumps = a.finish().jumps;
    expect(jumps.map((j) => [j.hour, j.value, j.baseline, j.afterLeak])).toEqual([
      [iso(LEAK + 2 * H), 50, 10, true],
    ]);
  });

  it('does not report a jump below the minimum', () => {
    const a = acc({ leakTime: iso(LEAK) });
    steady(a, 1);
    for (let i = 0; i < 10; i++) a.add(req(LEAK + i));
    expect(a.finish().jumps).toEqual([]);
  });

  it('has no before/after split without a leak time', () => {
    expect(acc().finish().beforeAfter).toBeUndefined();
  });
});

describe('AuditAccumulator recommendations', () => {
  it('sets rpm to 1.2 × the peak requests per minute before the leak', () => {
    const a = acc({ leakTime: iso(LEAK) });
    for (let i = 0; i < 7; i++) a.add(req(LEAK - H + i * 100));
    for (let i = 0; i < 100; i++) a.add(req(LEAK + i * 100, { ip: '203.0.113.5' }));
    expect(a.finish().recommendations.policy.rpm).toBe(9);
  });

  it('leaves requests from unknown networks out of the limits', () => {
    const a = acc();
    for (let i = 0; i < 5; i++) a.add(req(LEAK + i));
    for (let i = 0; i < 100; i++) a.add(req(LEAK + i, { ip: '203.0.113.5' }));
    expect(a.finish().recommendations.policy.rpm).toBe(6);
  });

  it('uses the hourly peak ÷ 60 when only hourly buckets exist', () => {
    // Buckets carry no IP: the pre-leak window is what vouches for them.
    const a = acc({ leakTime: iso(LEAK + 2 * H) });
    a.add({ timeMs: LEAK, bucketSeconds: 3600, requests: 600, source: 'openai-usage' });
    expect(a.finish().recommendations.policy.rpm).toBe(12);
  });

  it('sets the daily cap to 3 × the mean daily requests', () => {
    const a = acc();
    steady(a, 10);
    expect(a.finish().recommendations.policy.dailyRequests).toBe(720);
  });

  it('sets tpm from tokens', () => {
    const a = acc();
    a.add(req(LEAK, { inputTokens: 1000, outputTokens: 500 }));
    expect(a.finish().recommendations.policy.tpm).toBe(1800);
  });

  it('recommends a budget for a provider with budgets', () => {
    const a = acc({ provider: 'openrouter' });
    for (let d = 0; d < 7; d++) a.add(req(START + d * 24 * H, { costUsd: 1 }));
    expect(a.finish().recommendations.policy).toMatchObject({ budgetUsd: 3, budgetReset: 'daily' });
  });

  it('recommends no budget for a provider without budgets', () => {
    const a = acc({ provider: 'openai' });
    a.add(req(LEAK, { costUsd: 1 }));
    expect(a.finish().recommendations.policy.budgetUsd).toBeUndefined();
  });

  it('recommends nothing without traffic', () => {
    expect(acc().finish().recommendations.policy).toEqual({});
  });

  it("makes no recommendation from an attacker's burst when neither an allowlist nor a leak time vouches for traffic", () => {
    const a = acc({ allowIps: [] });
    for (let i = 0; i < 5; i++) a.add(req(LEAK + i * 60_000));
    for (let i = 0; i < 500; i++) a.add(req(LEAK + i, { ip: '203.0.113.5' }));
    const r = a.finish().recommendations;
    expect([r.policy, r.basis.join(' ')]).toEqual([
      {},
      expect.stringContaining('No recommendation can be made'),
    ]);
  });

  it("takes limits from the pre-leak window alone when there is no allowlist, not from the attacker's burst", () => {
    const a = acc({ allowIps: [], leakTime: iso(LEAK) });
    for (let i = 0; i < 5; i++) a.add(req(LEAK - H + i));
    for (let i = 0; i < 500; i++) a.add(req(LEAK + i, { ip: '203.0.113.5' }));
    expect(a.finish().recommendations.policy.rpm).toBe(6);
  });

  it('does not count traffic without a source IP after the leak as vouched for', () => {
    const a = acc({ leakTime: iso(LEAK) });
    for (let i = 0; i < 5; i++) a.add(req(LEAK - H + i));
    for (let i = 0; i < 500; i++) a.add(req(LEAK + i, { ip: undefined }));
    expect(a.finish().recommendations.policy.rpm).toBe(6);
  });

  it('says no recommendation can be made when the allowlisted networks sent nothing and nothing came before the leak', () => {
    const a = acc({ leakTime: iso(LEAK) });
    for (let i = 0; i < 500; i++) a.add(req(LEAK + i, { ip: '203.0.113.5' }));
    const r = a.finish().recommendations;
    expect([r.policy, r.basis.join(' ')]).toEqual([
      {},
      expect.stringContaining('No recommendation can be made'),
    ]);
  });
});

describe('AuditAccumulator verdict', () => {
  it('says no use after leak when nothing happened after it', () => {
    const a = acc({ leakTime: iso(LEAK) });
    a.add(req(LEAK - H));
    expect(a.finish().verdict).toMatch(/^No use after leak/);
  });

  it('counts requests and unknown IPs after the leak', () => {
    const a = acc({ leakTime: iso(LEAK) });
    a.add(req(LEAK - H, { ip: '198.51.100.1' }));
    for (const ip of ['203.0.113.5', '203.0.113.6', '203.0.113.6']) a.add(req(LEAK + H, { ip }));
    expect(a.finish().verdict).toMatch(/^3 requests from 2 unknown IPs after leak/);
  });

  it('says all traffic after the leak came from allowlisted networks', () => {
    const a = acc({ leakTime: iso(LEAK) });
    a.add(req(LEAK + H));
    expect(a.finish().verdict).toMatch(/^No use after leak from unknown IPs: 1 request, all allowlisted/);
  });

  it('says source IPs are unknown when the sources do not record them', () => {
    const a = acc({ leakTime: iso(LEAK) });
    a.add({ timeMs: LEAK, bucketSeconds: 3600, requests: 12, source: 'openai-usage' });
    expect(a.finish().verdict).toMatch(/^12 requests after leak; source IPs unknown/);
  });
});

describe('AuditAccumulator report', () => {
  it('is JSON-serialisable and round-trips', () => {
    const a = acc({ leakTime: iso(LEAK) });
    steady(a, 2);
    const r = a.finish();
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });

  it('redacts a key that appears in a path or user agent', () => {
    const key = new KeyGen(5).openaiProject();
    const a = acc();
    a.add(req(LEAK, { ip: '203.0.113.5', path: `/v1/models?key=${key}`, userAgent: `script ${key}` }));
    expect(JSON.stringify(a.finish())).not.toContain(key);
  });

  it('lists management events apart from traffic', () => {
    const a = acc();
    a.add({
      timeMs: LEAK,
      requests: 0,
      eventType: 'api_key.deleted',
      ip: '10.0.0.1',
      source: 'openai-audit-log',
    });
    const r = a.finish();
    expect([r.totals.requests, r.managementEvents.map((e) => e.eventType)]).toEqual([0, ['api_key.deleted']]);
  });
});
