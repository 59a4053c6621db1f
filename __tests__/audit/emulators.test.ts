/**
 * The audit end to end over real HTTP: provider adapters read the emulators' usage APIs and
 * auditProvider turns what they return into a report.
 */
import { auditProvider } from '../../src/audit/provider.js';
import { renderMarkdown } from '../../src/audit/render.js';
import { createLiteLLMProvider } from '../../src/providers/litellm.js';
import { createOpenAIProvider } from '../../src/providers/openai.js';
import { Secret } from '../../src/scan/secret.js';
import { LiteLLMEmulator } from '../emulators/litellm.js';
import { type OpenAIEmulator, startOpenAIEmulator } from '../emulators/openai.js';

const H = 3_600_000;
const END = Date.UTC(2026, 0, 17);
const LEAK = END - 12 * H;
const iso = (ms: number) => new Date(ms).toISOString();
const FAST = { maxRetries: 1, baseDelayMs: 1, maxDelayMs: 20, timeoutMs: 2000, budgetMs: 5000 };

describe('audit of LiteLLM spend logs over HTTP', () => {
  const emu = new LiteLLMEmulator(21);
  beforeAll(() => emu.start());
  afterAll(() => emu.stop());

  it('finds the requests from unknown networks after the leak and the 429 spike', async () => {
    const key = emu.seedKey({ key_alias: 'prod' });
    const rows = [];
    for (let t = END - 168 * H; t < END; t += 2 * H) {
      rows.push({
        startTime: iso(t),
        requester_ip_address: '10.1.2.3',
        metadata: { user_agent: 'OpenAI/Python 1.54.0' },
      });
    }
    for (let i = 0; i < 40; i++) {
      rows.push({
        startTime: iso(LEAK + H + i * 30_000),
        requester_ip_address: i % 2 ? '203.0.113.9' : '198.51.100.4',
        metadata: i % 4 ? { user_agent: 'curl/8.4.0' } : { error_information: { error_code: '429' } },
        ...(i % 4 ? {} : { status: 'failure' as const }),
      });
    }
    emu.seedSpend(key, rows);
    const provider = createLiteLLMProvider({
      ...FAST,
      baseUrl: emu.baseUrl,
      adminKey: new Secret(emu.masterKey),
    });

    const r = await auditProvider(
      provider,
      { provider: 'litellm', id: emu.tokenOf(key) },
      { end: iso(END), leakTime: iso(LEAK), allowIps: ['10.0.0.0/8'] },
    );

    expect({
      verdict: r.verdict,
      s429: r.statusCounts.s429,
      groups: r.ipGroups.filter((g) => !g.allowed).map((g) => g.group),
      generic: r.uaClasses.generic,
    }).toEqual({
      verdict: expect.stringMatching(/^40 requests from 2 unknown IPs after leak/),
      s429: 10,
      groups: ['198.51.100.0/24', '203.0.113.0/24'],
      generic: 30,
    });
  });
});

describe('audit of OpenAI usage and audit logs over HTTP', () => {
  let emu: OpenAIEmulator;
  beforeAll(async () => {
    emu = await startOpenAIEmulator();
  });
  afterAll(() => emu.stop());

  it('finds the jump after the leak, the key deletion, and says what the usage API cannot tell', async () => {
    const k = emu.addKey({ projectId: emu.addProject().id });
    for (let t = END - 168 * H; t < END; t += H) {
      const burst = t >= LEAK + 2 * H && t < LEAK + 4 * H;
      emu.seedUsage({ apiKeyId: k.id, time: t / 1000 + 5, requests: burst ? 900 : 12 });
    }
    emu.seedAuditLog({
      type: 'api_key.deleted',
      effective_at: (END - H) / 1000,
      actor: {
        type: 'session',
        session: { user: { id: 'u', email: 'a@b.c' }, ip_address: '10.1.1.1', user_agent: 'Mozilla/5.0' },
      },
      'api_key.deleted': { id: k.id },
    });
    const provider = createOpenAIProvider({
      baseUrl: emu.apiBase,
      adminKey: new Secret(emu.addAdminKey().value),
      retry: FAST,
    });

    const r = await auditProvider(
      provider,
      { provider: 'openai', id: k.id, projectId: k.projectId },
      {
        end: iso(END),
        leakTime: iso(LEAK),
      },
    );

    expect({
      requests: r.totals.requests,
      jumps: r.jumps.map((j) => j.hour),
      events: r.managementEvents.map((e) => e.eventType),
      gap: r.gaps.some((g) => /no per-request HTTP status, source IP or user agent/.test(g)),
      rpm: r.recommendations.policy.rpm,
    }).toEqual({
      requests: 166 * 12 + 2 * 900,
      jumps: [iso(LEAK + 2 * H), iso(LEAK + 3 * H)],
      events: ['api_key.deleted'],
      gap: true,
      rpm: 1,
    });
    expect(renderMarkdown(r)).toContain('xychart-beta');
  });
});

describe('audit of OpenAI usage when the usage API does not filter by key', () => {
  let emu: OpenAIEmulator;
  beforeAll(async () => {
    emu = await startOpenAIEmulator({ usageIgnoresKeyFilter: true });
  });
  afterAll(() => emu.stop());

  it("never counts the organisation's usage as the leaked key's, and says in the gaps that the source could not filter", async () => {
    const leaked = emu.addKey({ projectId: emu.addProject().id });
    const other = emu.addKey({ projectId: leaked.projectId });
    // The attack on the audit: someone else's heavy use arrives as rows with api_key_id null.
    for (let t = END - 24 * H; t < END; t += H) {
      emu.seedUsage({ apiKeyId: other.id, time: t / 1000 + 5, requests: 5000 });
    }
    const provider = createOpenAIProvider({
      baseUrl: emu.apiBase,
      adminKey: new Secret(emu.addAdminKey().value),
      retry: FAST,
    });

    const r = await auditProvider(
      provider,
      { provider: 'openai', id: leaked.id, projectId: leaked.projectId },
      { end: iso(END), leakTime: iso(LEAK) },
    );

    expect(r.totals.requests).toBe(0);
    expect(r.gaps).toContainEqual(
      expect.stringMatching(
        /OpenAI usage API \(completions\): the source did not filter by the key: 24 usage row/,
      ),
    );
  });
});
